/**
 * The real cluster's PKI, made with the openssl CLI: a CA; the apiserver's serving certificate (IP SAN
 * 127.0.0.1); the fake kubelet's serving certificate (same CA, which the apiserver is told to trust);
 * a client certificate in group system:masters (the client-certificate context); a service-account
 * key pair. Keys stay in the cluster's temp dir (mode 0600).
 */
import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Pki {
  readonly caCert: string;
  readonly apiserverCert: string;
  readonly apiserverKey: string;
  readonly kubeletCert: string;
  readonly kubeletKey: string;
  readonly adminCert: string;
  readonly adminKey: string;
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
  /** PEM texts, for kubeconfigs and TLS options. */
  pem(path: string): string;
}

async function openssl(args: string[]): Promise<void> {
  await run('openssl', args, { timeout: 30_000 });
}

async function key(path: string): Promise<void> {
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', path]);
  chmodSync(path, 0o600);
}

async function signed(dir: string, name: string, subject: string, extensions: string, ca: { cert: string; key: string }): Promise<void> {
  const keyPath = join(dir, `${name}.key`);
  await key(keyPath);
  await openssl(['req', '-new', '-key', keyPath, '-subj', subject, '-out', join(dir, `${name}.csr`)]);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  await openssl([
    'x509',
    '-req',
    '-in',
    join(dir, `${name}.csr`),
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    ext,
    '-out',
    join(dir, `${name}.crt`),
  ]);
}

const SERVER = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n';
const CLIENT = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n';

export async function generatePki(dir: string): Promise<Pki> {
  const ca = { cert: join(dir, 'ca.crt'), key: join(dir, 'ca.key') };
  await key(ca.key);
  await openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    ca.key,
    '-subj',
    '/CN=argo-studio-real-cluster-ca',
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,digitalSignature,keyCertSign,cRLSign',
    '-out',
    ca.cert,
  ]);
  await signed(dir, 'apiserver', '/CN=kube-apiserver', `${SERVER}subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n`, ca);
  await signed(dir, 'kubelet', '/CN=fake-kubelet', `${SERVER}subjectAltName=IP:127.0.0.1,DNS:localhost\n`, ca);
  await signed(dir, 'admin', '/O=system:masters/CN=argo-studio-cert-admin', CLIENT, ca);
  const saKey = join(dir, 'sa.key');
  await run('openssl', ['genrsa', '-out', saKey, '2048']);
  chmodSync(saKey, 0o600);
  await openssl(['rsa', '-in', saKey, '-pubout', '-out', join(dir, 'sa.pub')]);
  return {
    caCert: ca.cert,
    apiserverCert: join(dir, 'apiserver.crt'),
    apiserverKey: join(dir, 'apiserver.key'),
    kubeletCert: join(dir, 'kubelet.crt'),
    kubeletKey: join(dir, 'kubelet.key'),
    adminCert: join(dir, 'admin.crt'),
    adminKey: join(dir, 'admin.key'),
    serviceAccountKey: saKey,
    serviceAccountPub: join(dir, 'sa.pub'),
    pem: (path) => readFileSync(path, 'utf8'),
  };
}
