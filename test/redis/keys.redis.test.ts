/**
 * Item 14 of issue 13: hig's own Redis keys live in their own namespace, so no channel id can
 * collide with them, and channel ids that earlier releases used for hig's own keys are refused.
 *
 * A real daemon (in this process: sources, workers, maintenance tick, alerts) takes resends, an
 * ordered channel's messages and a message that dead-letters, a replay is audited; afterwards every
 * key under the prefix is either BullMQ's key of a configured channel's queue or one of the shapes
 * of hig's namespace (`<prefix>:_hig:…`). The shapes are written out here, not taken from the code.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadSettings } from '../../src/config/env.js';
import { loadChannels } from '../../src/config/load-channels.js';
import { startDaemon, type Daemon } from '../../src/daemon.js';
import { gatewayOver } from '../../src/queue/gateway.js';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { messageIdFor } from '../../src/queue/jobs.js';
import { channelsDir, cliArgs, ROOT } from '../support/daemon.js';
import { dropPrefix, freePort, keysUnder, REDIS_URL, testPrefix } from '../support/redis.js';
import { memoryLogger } from '../support/log.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { until } from '../support/worker.js';

const run = promisify(execFile);
const prefix = testPrefix('keys');
let daemon: Daemon | undefined;
afterAll(async () => {
  await daemon?.close();
  await dropPrefix(prefix);
});

/** BullMQ's key of a channel queue: its fixed names, or a job of that channel (`<channel>.<hex…>`) and the job's lock/logs. */
function bullmqKeyOf(key: string, channelIds: string[]): boolean {
  return channelIds.some((c) => {
    const rest = key.startsWith(`${prefix}:${c}:`) ? key.slice(`${prefix}:${c}:`.length) : undefined;
    if (rest === undefined) return false;
    if (/^(wait|active|paused|prioritized|delayed|completed|failed|stalled|stalled-check|meta|id|events|marker|pc|limiter|metrics:(completed|failed)(:data)?)$/.test(rest)) return true;
    return new RegExp(`^${c}\\.[0-9a-f.]+(:lock|:logs)?$`).test(rest);
  });
}

/** The shapes of hig's namespace (docs: src/redis/keys.ts). */
function higKeyOf(key: string, channelIds: string[]): boolean {
  const ns = `${prefix}:_hig:`;
  if (!key.startsWith(ns)) return false;
  const rest = key.slice(ns.length);
  if (/^(layout|layout:lock|maintenance:.+|instances|store:outbox(:rejected)?|fhir:[0-9a-f]{24}:linked)$/.test(rest)) return true;
  const ch = /^ch:([^:]+):(.+)$/.exec(rest);
  if (!ch || !channelIds.includes(ch[1]!)) return false;
  return /^(seen:[^:]+|stats|ordered:(lanes|count|lane:[^:]+|parked:[^:]+)|audit|alerts(:(a:[^:]+|open|seen|last|flood:[^:]+:[^:]+|held:[^:]+:[^:]+))?|sftp-lock)$/.test(ch[2]!);
}

describe('reserved channel ids', () => {
  for (const id of ['hig-maintenance', 'alerts', 'hig']) {
    it(`refuses "${id}", naming the file and the field`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'hig-reserved-'));
      const file = join(dir, `${id}.json`);
      writeFileSync(file, JSON.stringify({ id, source: { type: 'http' } }));
      expect(() => loadChannels(dir)).toThrow(`${file}: id: "${id}" is reserved for hig's own Redis keys`);
    });
  }

  it('hig check-config answers one readable line and exit 1', async () => {
    const dir = channelsDir([{ id: 'hig-maintenance', source: { type: 'http' } }]);
    const r = await run(process.execPath, cliArgs('check-config', '--channels', dir), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATA_ENCRYPTION_KEY: TEST_KEY_HEX } }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in r && r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('hig-maintenance.json: id: "hig-maintenance" is reserved');
  });
});

describe("hig's keys", () => {
  it("are BullMQ's keys of a configured channel or in hig's own namespace, whatever the traffic", async () => {
    const plainPort = await freePort();
    const lanesPort = await freePort();
    const channels = [
      { id: 'plain', source: { type: 'mllp', host: '127.0.0.1', port: plainPort } },
      { id: 'lanes', source: { type: 'mllp', host: '127.0.0.1', port: lanesPort }, queue: { ordering: 'patient' } },
    ];
    const { log } = memoryLogger('warn');
    const settings = loadSettings({ REDIS_URL, HIG_QUEUE_PREFIX: prefix, DATA_ENCRYPTION_KEY: TEST_KEY_HEX, HIG_HTTP_PORT: String(await freePort()), HIG_EMBEDDED_REDIS: 'false' });
    daemon = await startDaemon({ settings, channelsDir: channelsDir(channels), log, intake: true, workers: true, allowDevKey: false });
    const msg = (id: string, type = 'ADT^A01^ADT_A01', mrn = 'M1') => Buffer.from(`MSH|^~\\&|APP|FAC|HIG|HIG|20261129083015||${type}|${id}|P|2.5.1\rEVN|A01|20261129083000\rPID|1||${mrn}^^^H^MR||Doe^Jane||19800101|F\r`);
    const plain = await connectMllp({ host: '127.0.0.1', port: plainPort, timeoutMs: 60_000 });
    const lanes = await connectMllp({ host: '127.0.0.1', port: lanesPort, timeoutMs: 60_000 });
    try {
      for (const m of [msg('K1'), msg('K1'), msg('K2', 'ZZZ^Z01')]) expect((await plain.send(m)).toString('latin1')).toContain('MSA|AA|');
      for (const m of [msg('L1', undefined, 'A'), msg('L2', undefined, 'A'), msg('L3', undefined, 'B')]) expect((await lanes.send(m)).toString('latin1')).toContain('MSA|AA|');
    } finally {
      plain.close();
      lanes.close();
    }
    const queues = daemon.queues;
    await until(async () => (await queues.get('plain')!.getFailedCount()) === 1 && (await queues.get('lanes')!.getCompletedCount()) === 3, 30_000, 'jobs finished');
    const failedId = messageIdFor('plain', 'APP|FAC', 'K2');
    const gateway = gatewayOver(queues, async () => undefined);
    await until(async () => (await keysUnder(`${prefix}:_hig:ch:plain:alerts:a`)).length === 1, 10_000, 'dead-letter alert');
    expect((await gateway.replay('plain', { ids: [failedId], who: 'test' })).replayed).toEqual([failedId]);

    const keys = await keysUnder(prefix);
    const ids = ['plain', 'lanes'];
    expect(keys.filter((k) => !bullmqKeyOf(k, ids) && !higKeyOf(k, ids))).toEqual([]);
    // each of hig's own kinds was written, and nothing under the names earlier releases used
    for (const shape of [':_hig:maintenance:', ':_hig:ch:plain:seen:', ':_hig:ch:plain:stats', ':_hig:ch:plain:audit', ':_hig:ch:plain:alerts', ':_hig:ch:lanes:ordered:']) {
      expect(keys.some((k) => k.includes(shape))).toBe(true);
    }
  });
});
