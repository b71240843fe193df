/** hig start serving HTTPS picks up a renewed certificate without a restart, keeping its TLS policy. */
import { afterAll, describe, expect, it } from 'vitest';
import https from 'node:https';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import type { TLSSocket } from 'node:tls';
import { makePki } from '../support/certs.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

const prefix = testPrefix('httpsreload');
let daemon: DaemonProcess | undefined;
afterAll(async () => {
  await daemon?.stop();
  await dropPrefix(prefix);
});

function serialOf(port: number, ca: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/healthz', ca, agent: false }, (res) => {
      const serial = (res.socket as TLSSocket).getPeerCertificate().serialNumber;
      res.resume();
      res.on('end', () => resolve(serial));
    });
    req.on('error', reject);
  });
}

describe('HTTPS certificate reload', () => {
  it('serves a renewed certificate without a restart', async () => {
    const pki = makePki();
    const server = pki.issue('web', '127.0.0.1', 'server');
    const port = await freePort();
    daemon = spawnDaemon('start', {
      HIG_CHANNELS_DIR: channelsDir([{ id: 'web', source: { type: 'http' } }]),
      HIG_HTTP_PORT: String(port),
      HIG_QUEUE_PREFIX: prefix,
      REDIS_URL,
      HIG_HTTP_TLS_CERT_FILE: server.cert,
      HIG_HTTP_TLS_KEY_FILE: server.key,
    });
    // A cold tsx start on a loaded machine takes its time.
    await daemon.waitFor('hig started', 90_000);
    const ca = readFileSync(pki.caCert);
    const before = await serialOf(port, ca);
    const renewed = pki.issue('web2', '127.0.0.1', 'server');
    copyFileSync(renewed.key, server.key);
    copyFileSync(renewed.cert, server.cert);
    let after = before;
    // Polled up to the hang ceiling: 40 tries 250 ms apart gave a loaded machine only 10 s to notice the files.
    const deadline = Date.now() + HANG_CEILING_MS;
    while (Date.now() < deadline && after === before) {
      await new Promise((r) => setTimeout(r, 250));
      after = await serialOf(port, ca);
    }
    expect(after).not.toBe(before);
    // The daemon's log reaches us through a pipe, maybe after the new certificate is served: waited for, not read at once.
    await daemon.waitFor('HTTP TLS certificates reloaded');
    // The reloaded context keeps the cipher policy: ECDHE with CBC (in Node's default list) is refused.
    const probe = (cipher: string) => {
      // -brief reports on stderr
      const r = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-brief', '-tls1_2', '-cipher', cipher], { input: '', timeout: 15_000 });
      return `${String(r.stdout)}${String(r.stderr)}`;
    };
    expect(probe('ECDHE-ECDSA-AES128-SHA')).not.toContain('CONNECTION ESTABLISHED');
    expect(probe('ECDHE-ECDSA-AES128-GCM-SHA256')).toContain('CONNECTION ESTABLISHED');
  }, 150_000);
});
