// Client-certificate auth through the library (applyToHTTPSOptions): a TLS server that requires a
// client certificate signed by its CA sees the kubeconfig user's certificate (files relative to the
// kubeconfig, and inline data).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { kubeJson } from '../../client/src/cluster/kube-api';
import { KubeTransport } from '../../client/src/cluster/transport';

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 });
}

describe('client certificate auth', () => {
  let dir: string;
  let server: Server;
  let url: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'argo-client-cert-'));
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      [
        'req',
        '-x509',
        ...ec,
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        '2',
        '-subj',
        '/CN=test-ca',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,digitalSignature,keyCertSign',
      ],
      dir,
    );
    openssl(['req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=jane/O=devs'], dir);
    writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'client.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        'client.crt',
        '-days',
        '2',
        '-extfile',
        'client.ext',
      ],
      dir,
    );
    const ca = readFileSync(join(dir, 'ca.crt'));
    server = createServer({ key: readFileSync(join(dir, 'ca.key')), cert: ca, ca, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ user: peer.subject?.CN, authorization: req.headers.authorization ?? null }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    url = `https://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('presents the user certificate (file paths relative to the kubeconfig, or inline data)', { timeout: 20_000 }, async () => {
    const users = [
      { 'client-certificate': 'client.crt', 'client-key': 'client.key' },
      {
        'client-certificate-data': readFileSync(join(dir, 'client.crt')).toString('base64'),
        'client-key-data': readFileSync(join(dir, 'client.key')).toString('base64'),
      },
    ];
    for (const [i, user] of users.entries()) {
      const file = join(dir, `kubeconfig-${i}`);
      writeFileSync(
        file,
        stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: 'c', cluster: { server: url, 'certificate-authority': 'ca.crt' } }],
          users: [{ name: 'jane', user }],
          contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'jane', namespace: 'argo' } }],
          'current-context': 'ctx',
        }),
      );
      const conn = KubeTransport.open({ files: [file], origin: 'setting' });
      assert.deepEqual(await kubeJson(conn, 'GET', '/version'), { user: 'jane', authorization: null });
    }
  });
});
