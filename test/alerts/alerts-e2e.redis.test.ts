/** Alerts wired end to end: a dead-lettered message in a running daemon reaches the webhook once. */
import { afterAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { channelsDir, cliArgs, ROOT, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { until } from '../support/worker.js';

const run = promisify(execFile);
const prefix = testPrefix('alerte2e');
let daemon: DaemonProcess | undefined;
afterAll(async () => {
  await daemon?.stop();
  await dropPrefix(prefix);
});

describe('dead-letter alerts in the daemon', () => {
  it('an unsupported event dead-letters and raises one processing_error alert on the webhook', async () => {
    const received: Array<Record<string, unknown>> = [];
    const hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as Record<string, unknown>);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const hookPort = (hook.address() as { port: number }).port;
    const mllpPort = await freePort();
    const def = {
      id: 'alerting',
      clientId: 7,
      source: { type: 'mllp', host: '127.0.0.1', port: mllpPort },
      alerts: { webhook: { url: `http://127.0.0.1:${hookPort}/alerts` }, floodWindowMs: 60_000 },
    };
    daemon = spawnDaemon('start', { HIG_CHANNELS_DIR: channelsDir([def]), HIG_HTTP_PORT: String(await freePort()), HIG_QUEUE_PREFIX: prefix, REDIS_URL });
    await daemon.waitFor('hig started');
    const file = `${ROOT}/test-output/a99.hl7`;
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${ROOT}/test-output`, { recursive: true });
    const msg = (id: string) => `MSH|^~\\&|APP|FAC|HIG|HIG|20261129||ADT^A99^ADT_A01|${id}|P|2.5.1\rPID|1||MRN1^^^H^MR||Canarybird^Zed\r`;
    writeFileSync(file, msg('A99-1') + msg('A99-2') + msg('A99-3'));
    const { stdout } = await run(process.execPath, cliArgs('send', file, '--port', String(mllpPort)), { cwd: ROOT });
    expect(stdout.trim().split('\n')).toEqual(['MSA|AA|A99-1', 'MSA|AA|A99-2', 'MSA|AA|A99-3']);
    try {
      await until(() => received.length >= 1, 15_000, 'webhook called');
      await new Promise((r) => setTimeout(r, 1000));
      expect(received).toHaveLength(1); // flood control: three dead-letters of one reason, one alert
      expect(received[0]).toMatchObject({ channelId: 'alerting', clientId: 7, alertType: 'processing_error', isResolved: false });
      expect(JSON.stringify(received)).not.toContain('Canarybird');
    } finally {
      hook.close();
    }
  });
});
