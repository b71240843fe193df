/** Test PKI made with the openssl CLI: a CA, a server certificate for 127.0.0.1, and client certificates. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pki {
  dir: string;
  caCert: string;
  /** `rsa` for tests that need RSA key exchange to be possible at all (static-RSA suites) */
  issue(name: string, cn: string, kind: 'server' | 'client', keyType?: 'ec' | 'rsa'): { cert: string; key: string };
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' });
}

export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'hig-pki-'));
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=hig test CA'], dir);
  let serial = 1;
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    issue(name, cn, kind, keyType = 'ec') {
      const ext = join(dir, `${name}.ext`);
      writeFileSync(
        ext,
        kind === 'server'
          ? 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n'
          : 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n',
      );
      const newKey = keyType === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
      openssl(['req', ...newKey, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`], dir);
      openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(serial++), '-out', `${name}.crt`, '-days', '1', '-extfile', ext], dir);
      return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
    },
  };
}
