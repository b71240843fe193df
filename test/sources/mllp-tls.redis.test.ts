/**
 * MLLP over TLS and mTLS with certificates made by the test: TLS 1.2+ only, client certificate
 * required and its common name checked, certificates reloaded without a restart, and `hig send --tls`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tls from 'node:tls';
import { copyFileSync, readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { encodeFrame, createMllpDecoder } from '../../src/hl7/mllp.js';
import { makePki, type Pki } from '../support/certs.js';
import { testChannel } from '../support/channel.js';
import { cliArgs, ROOT } from '../support/daemon.js';
import { startIngestRig, type IngestRig } from '../support/ingest.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt } from '../support/worker.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

const run = promisify(execFile);
const prefix = testPrefix('tls');
let pki: Pki;
let server: { cert: string; key: string };
let rig: IngestRig;
let good: { cert: string; key: string };
let stranger: { cert: string; key: string };

/** One TLS exchange; resolves with the reply text, or rejects with the TLS/socket error. */
function tlsExchange(port: number, options: tls.ConnectionOptions, message: Buffer): Promise<{ reply: string; cert: tls.PeerCertificate }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca: readFileSync(pki.caCert), ...options }, () => socket.write(encodeFrame(message)));
    const decoder = createMllpDecoder();
    const timer = setTimeout(() => (socket.destroy(), reject(new Error('no reply'))), 5000);
    socket.on('data', (d) => {
      for (const ev of decoder.push(d))
        if (ev.kind === 'frame') {
          clearTimeout(timer);
          const cert = socket.getPeerCertificate();
          socket.end();
          resolve({ reply: ev.data.toString('latin1'), cert });
        }
    });
    socket.on('error', (e) => (clearTimeout(timer), reject(e)));
    socket.on('close', () => (clearTimeout(timer), reject(new Error('closed without reply'))));
  });
}

beforeAll(async () => {
  pki = makePki();
  server = pki.issue('server', '127.0.0.1', 'server');
  good = pki.issue('good', 'his-prod', 'client');
  stranger = pki.issue('stranger', 'someone-else', 'client');
  const channel = testChannel({
    id: 'tls',
    source: { type: 'mllp', host: '127.0.0.1', port: 0, tls: { certFile: server.cert, keyFile: server.key, caFile: pki.caCert, requestCert: true, allowedClientCNs: ['his-prod'] } },
  });
  rig = await startIngestRig(channel, prefix, REDIS_URL);
});
afterAll(async () => {
  await rig.close();
  await dropPrefix(prefix);
});

describe('MLLP over TLS', () => {
  it('accepts an allowed client certificate and answers AA', async () => {
    const { reply } = await tlsExchange(rig.listener.port, { cert: readFileSync(good.cert), key: readFileSync(good.key) }, adt('TLS1'));
    expect(reply).toContain('MSA|AA|TLS1');
  });

  it('refuses a client without a certificate', async () => {
    await expect(tlsExchange(rig.listener.port, {}, adt('TLS2'))).rejects.toThrow();
  });

  it('refuses a valid certificate whose common name is not allowed', async () => {
    await expect(tlsExchange(rig.listener.port, { cert: readFileSync(stranger.cert), key: readFileSync(stranger.key) }, adt('TLS3'))).rejects.toThrow();
  });

  it('refuses TLS 1.1', async () => {
    await expect(
      tlsExchange(rig.listener.port, { cert: readFileSync(good.cert), key: readFileSync(good.key), minVersion: 'TLSv1', maxVersion: 'TLSv1.1' }, adt('TLS4')),
    ).rejects.toThrow();
  });

  it('hig send --tls with a client certificate prints the MSA line', async () => {
    const file = `${pki.dir}/m.hl7`;
    (await import('node:fs')).writeFileSync(file, adt('TLS5'));
    const { stdout } = await run(
      process.execPath,
      cliArgs('send', file, '--host', '127.0.0.1', '--port', String(rig.listener.port), '--tls', '--ca', pki.caCert, '--cert', good.cert, '--key', good.key),
      { cwd: ROOT },
    );
    expect(stdout.trim()).toBe('MSA|AA|TLS5');
  });

  it('reloads a renewed server certificate without a restart', async () => {
    const before = await tlsExchange(rig.listener.port, { cert: readFileSync(good.cert), key: readFileSync(good.key) }, adt('TLS6'));
    const renewed = pki.issue('server2', '127.0.0.1', 'server');
    copyFileSync(renewed.key, server.key);
    copyFileSync(renewed.cert, server.cert);
    let after = before;
    // Polled up to the hang ceiling: 40 tries 250 ms apart gave a loaded machine only 10 s to notice the files.
    const deadline = Date.now() + HANG_CEILING_MS;
    for (let i = 0; Date.now() < deadline && after.cert.serialNumber === before.cert.serialNumber; i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = await tlsExchange(rig.listener.port, { cert: readFileSync(good.cert), key: readFileSync(good.key) }, adt(`TLS7-${i}`));
    }
    expect(after.cert.serialNumber).not.toBe(before.cert.serialNumber);
    expect(after.reply).toContain('MSA|AA|');
  });
});
