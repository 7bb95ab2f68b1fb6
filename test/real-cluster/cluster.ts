/**
 * startRealCluster(): a real etcd, kube-apiserver and Argo workflow-controller (built by
 * scripts/real-cluster/build.sh) on 127.0.0.1 at free ports, the fake kubelet of this folder, Argo's
 * CRDs, and a kubeconfig with a token context (namespace argo), one for namespace other, a
 * client-certificate context and a context whose user has no RBAC at all. stop() ends every process
 * and removes the temp dir. See docs/real-cluster.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ARGO_CRDS_DIR, BINARIES, VERSIONS } from './binaries';
import { Daemon } from './daemon';
import { FakeKubelet } from './kubelet/fake-kubelet';
import { freePort } from './free-port';
import { KubeClient } from './kube-client';
import { renderRealKubeconfig, REAL_CONTEXTS } from './kubeconfig';
import { generatePki, type Pki } from './pki';
import { waitUntil } from './wait';

export interface RealClusterOptions {
  /** DEFAULT_REQUEUE_TIME of the controller (default '1s'; Argo's own default is 10s). */
  readonly requeueTime?: string;
  readonly namespace?: string;
  readonly otherNamespace?: string;
  /** Keep the temp dir (logs of every process) after stop(). */
  readonly keep?: boolean;
}

export interface RealCluster {
  readonly url: string;
  readonly kubeconfigPath: string;
  readonly contexts: typeof REAL_CONTEXTS;
  readonly namespace: string;
  readonly otherNamespace: string;
  readonly dir: string;
  /** The admin's client (set-up, assertions); never the code under test. */
  readonly admin: KubeClient;
  readonly kubelet: FakeKubelet;
  readonly caPem: string;
  /** Stops the apiserver (connections refused) and starts it again on the same port; etcd keeps the state. */
  restartApiserver(downtimeMs?: number): Promise<void>;
  stop(): Promise<void>;
}

function token(): string {
  return randomBytes(24).toString('hex');
}

async function applyCrds(admin: KubeClient): Promise<void> {
  const files = readdirSync(ARGO_CRDS_DIR).filter((f) => f.startsWith('argoproj.io_') && f.endsWith('.yaml'));
  const names: string[] = [];
  for (const f of files) {
    const crd = parse(readFileSync(join(ARGO_CRDS_DIR, f), 'utf8')) as { metadata: { name: string } };
    await admin.must('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    names.push(crd.metadata.name);
  }
  await waitUntil('the CRDs to be established', 30_000, async () => {
    for (const n of names) {
      const r = await admin.request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${n}`);
      const conds = (r.body as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions ?? [];
      if (!conds.some((c) => c.type === 'Established' && c.status === 'True')) return false;
    }
    // Each custom resource's storage answers 429 "storage is (re)initializing" for a moment.
    return (await admin.request('GET', '/apis/argoproj.io/v1alpha1/workflows')).status === 200;
  });
}

async function seed(admin: KubeClient, namespaces: string[]): Promise<void> {
  for (const ns of namespaces)
    await admin.must('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, { allow: [409] });
  await admin.must('POST', `/api/v1/namespaces/${namespaces[0]}/configmaps`, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'workflow-controller-configmap' },
    data: { metricsConfig: 'enabled: false\n', telemetryConfig: 'enabled: false\n' },
  });
}

function apiserverArgs(pki: Pki, o: { etcdPort: number; port: number; tokens: string }): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${o.etcdPort}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${o.port}`,
    `--tls-cert-file=${pki.apiserverCert}`,
    `--tls-private-key-file=${pki.apiserverKey}`,
    `--client-ca-file=${pki.caCert}`,
    `--token-auth-file=${o.tokens}`,
    '--authorization-mode=RBAC',
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    '--disable-admission-plugins=ServiceAccount',
    '--endpoint-reconciler-type=none',
    '--kubelet-preferred-address-types=InternalIP',
    `--kubelet-certificate-authority=${pki.caCert}`,
    `--kubelet-client-certificate=${pki.adminCert}`,
    `--kubelet-client-key=${pki.adminKey}`,
    `--cert-dir=${join(pki.caCert, '..', 'apiserver-certs')}`,
  ];
}

export async function startRealCluster(options: RealClusterOptions = {}): Promise<RealCluster> {
  const namespace = options.namespace ?? 'argo';
  const otherNamespace = options.otherNamespace ?? 'other';
  const dir = mkdtempSync(join(tmpdir(), 'argo-studio-real-cluster-'));
  const daemons: Daemon[] = [];
  let kubelet: FakeKubelet | undefined;
  let apiserver: Daemon | undefined;
  const stopAll = async (): Promise<void> => {
    await kubelet?.stop();
    for (const d of [...daemons].reverse()) await d.stop(2_000);
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const pki = await generatePki(dir);
    const caPem = pki.pem(pki.caCert);
    const adminToken = token();
    const noRbacToken = token();
    const tokens = join(dir, 'tokens.csv');
    writeFileSync(tokens, `${adminToken},argo-studio-admin,1001,"system:masters"\n${noRbacToken},argo-studio-nobody,1002\n`, { mode: 0o600 });
    const etcdPort = await freePort();
    const peerPort = await freePort();
    const port = await freePort();
    const url = `https://127.0.0.1:${port}`;

    const etcd = new Daemon(
      'etcd',
      BINARIES.etcd,
      [
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-cluster=default=http://127.0.0.1:${peerPort}`,
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      join(dir, 'etcd.log'),
    );
    daemons.push(etcd);
    await waitUntil('etcd to be healthy', 30_000, async () => {
      if (!etcd.running) throw new Error(`etcd exited:\n${etcd.tail()}`);
      const r = await fetch(`http://127.0.0.1:${etcdPort}/health`).catch(() => undefined);
      return r?.status === 200;
    });

    const args = apiserverArgs(pki, { etcdPort, port, tokens });
    const startApiserver = (): Daemon => {
      const d = new Daemon('kube-apiserver', BINARIES.kubeApiserver, args, join(dir, 'kube-apiserver.log'));
      daemons.push(d);
      return d;
    };
    const admin = new KubeClient(url, adminToken, caPem);
    const ready = async (d: Daemon): Promise<void> =>
      waitUntil('kube-apiserver /readyz', 90_000, async () => {
        if (!d.running) throw new Error(`kube-apiserver exited:\n${d.tail()}`);
        const r = await admin.request('GET', '/readyz', undefined, { timeoutMs: 2_000 }).catch(() => undefined);
        return r?.status === 200;
      });
    apiserver = startApiserver();
    await ready(apiserver);

    await seed(admin, [namespace, otherNamespace]);
    await applyCrds(admin);

    const kubeconfigPath = join(dir, 'kubeconfig.yaml');
    writeFileSync(
      kubeconfigPath,
      renderRealKubeconfig({
        server: url,
        caPem,
        adminToken,
        noRbacToken,
        certPem: pki.pem(pki.adminCert),
        keyPem: pki.pem(pki.adminKey),
        namespace,
        otherNamespace,
      }),
      { mode: 0o600 },
    );

    kubelet = new FakeKubelet({ admin, namespaces: [namespace, otherNamespace], certPem: pki.pem(pki.kubeletCert), keyPem: pki.pem(pki.kubeletKey) });
    await kubelet.start();

    const controller = new Daemon(
      'workflow-controller',
      BINARIES.workflowController,
      [
        '--kubeconfig',
        kubeconfigPath,
        '--namespaced',
        '--managed-namespace',
        namespace,
        '--namespace',
        namespace,
        '--configmap',
        'workflow-controller-configmap',
        '--executor-image',
        `quay.io/argoproj/argoexec:${VERSIONS.argo}`,
      ],
      join(dir, 'workflow-controller.log'),
      { ...process.env, LEADER_ELECTION_DISABLE: 'true', DEFAULT_REQUEUE_TIME: options.requeueTime ?? '1s', KUBECONFIG: kubeconfigPath },
    );
    daemons.push(controller);

    let stopped = false;
    return {
      url,
      kubeconfigPath,
      contexts: REAL_CONTEXTS,
      namespace,
      otherNamespace,
      dir,
      admin,
      kubelet,
      caPem,
      restartApiserver: async (downtimeMs = 0) => {
        await apiserver?.stop(5_000);
        if (downtimeMs > 0) await new Promise((r) => setTimeout(r, downtimeMs));
        apiserver = startApiserver();
        await ready(apiserver);
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await stopAll();
      },
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
