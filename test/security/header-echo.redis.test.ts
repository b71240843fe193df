/**
 * Item 17 of issue 13: values a sender controls in its MSH are repeated only when they have their
 * standard form (or are in the table of known values); failed jobs keep no stack traces unless the
 * process logs at debug.
 *
 * A daemon in this process (info level, like production) takes messages with hostile MSH-9, -11,
 * -12, -15, -16 and -18 values over MLLP (`ackOn: processed`, so failures come back in the ACK);
 * afterwards none of those values is in any ACK, log line, failure reason, alert, webhook body or
 * other Redis value, and the failed jobs in Redis carry no stack trace.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { loadSettings } from '../../src/config/env.js';
import { startDaemon, type Daemon } from '../../src/daemon.js';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { createAlerter } from '../../src/alerts/index.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { createWorkerConnection } from '../../src/redis/connections.js';
import { startChannelWorker } from '../../src/queue/worker.js';
import { PermanentError } from '../../src/errors.js';
import { channelsDir } from '../support/daemon.js';
import { dropPrefix, dumpPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { memoryLogger } from '../support/log.js';
import { testChannel, TEST_KEY_HEX } from '../support/channel.js';
import { adt, keyring, until } from '../support/worker.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js';

const prefix = testPrefix('echo');
let daemon: Daemon | undefined;
let hook: WebhookReceiver | undefined;
afterAll(async () => {
  await daemon?.close();
  await hook?.close();
  await dropPrefix(prefix);
});

/** An ADT^A08 with chosen MSH fields (9, 11, 12, 15, 16, 18). */
function msg(controlId: string, f: { msh9?: string; msh11?: string; msh12?: string; msh15?: string; msh16?: string; msh18?: string } = {}): Buffer {
  const msh = ['MSH', '^~\\&', 'APP', 'FAC', 'HIG', 'HIG', '20261129083015', '', f.msh9 ?? 'ADT^A08^ADT_A01', controlId, f.msh11 ?? 'P', f.msh12 ?? '2.5.1', '', '', f.msh15 ?? '', f.msh16 ?? '', '', f.msh18 ?? ''].join('|');
  return Buffer.from([msh, 'EVN|A08|20261129083000', 'PID|1||M1^^^HOSP^MR||Doe^Jane||19800101|F'].join('\r') + '\r', 'latin1');
}

describe('hostile MSH values', () => {
  it('are not repeated in ACKs, logs, failure reasons, alerts, webhook bodies or Redis; failed jobs keep no stack trace', async () => {
    hook = await startWebhookReceiver();
    const bodies = hook.bodies;
    const webhook = { url: hook.url };
    const echoPort = await freePort();
    const strictPort = await freePort();
    const defs = [
      { id: 'echo', ackOn: 'processed', source: { type: 'mllp', host: '127.0.0.1', port: echoPort }, alerts: { webhook, floodWindowMs: 100 } },
      { id: 'strict', source: { type: 'mllp', host: '127.0.0.1', port: strictPort }, accept: { messageTypes: ['ADT^A08'] } },
    ];
    const { log, text } = memoryLogger('info');
    const settings = loadSettings({ REDIS_URL, HIG_QUEUE_PREFIX: prefix, DATA_ENCRYPTION_KEY: TEST_KEY_HEX, HIG_HTTP_PORT: String(await freePort()), HIG_EMBEDDED_REDIS: 'false' });
    daemon = await startDaemon({ settings, channelsDir: channelsDir(defs), log, intake: true, workers: true, allowDevKey: false });

    const acks: Record<string, string> = {};
    const send = async (port: number, controlId: string, m: Buffer) => {
      const client = await connectMllp({ host: '127.0.0.1', port, timeoutMs: 30_000 });
      acks[controlId] = (await client.send(m)).toString('latin1');
      client.close();
    };
    await send(echoPort, 'H18', msg('H18', { msh18: 'CANARYCS' }));
    await send(echoPort, 'H9', msg('H9', { msh9: 'ADT^Q99CANARYEV^ADT_A01' }));
    await send(echoPort, 'H11', msg('H11', { msh11: 'CANARYPID', msh15: 'CANARYAA', msh16: 'CANARYAB' }));
    await send(echoPort, 'H12', msg('H12', { msh12: '2.5.1CANARYV' }));
    await send(strictPort, 'T1', msg('T1', { msh9: 'CANARYTYP^A08' }));
    await send(strictPort, 'T2', msg('T2', { msh9: 'ADT^CANARYEVT' }));

    // The answers still say what happened, by code and field.
    expect(acks.H18).toMatch(/\rMSA\|AE\|H18\|PARSE_FAILED: the character set in MSH-18 is not supported/);
    expect(acks.H9).toMatch(/\rMSA\|AE\|H9\|UNSUPPORTED_EVENT: the message type in MSH-9 \(structure ADT_A01\) is not supported/);
    expect(acks.H11).toContain('\rMSA|AA|H11');
    expect(acks.H12).toMatch(/\rMSA\|AR\|H12\|the version in MSH-12 is not accepted/);
    expect(acks.T1).toMatch(/\rMSA\|AR\|T1\|the message type in MSH-9\.1 is not accepted/);
    expect(acks.T2).toMatch(/\rMSA\|AR\|T2\|the event in MSH-9\.2 is not accepted/);

    const echo = daemon.queues.get('echo')!;
    await until(async () => (await echo.getFailedCount()) === 2, 20_000, 'two dead-lettered');
    await until(() => bodies.length >= 2, 10_000, 'two alerts on the webhook');
    const failed = await echo.getFailed(0, -1);
    const reasons = failed.map((j) => j.failedReason);
    expect(reasons.sort()).toEqual(['PARSE_FAILED: the character set in MSH-18 is not supported', 'UNSUPPORTED_EVENT: the message type in MSH-9 (structure ADT_A01) is not supported']);
    // No stack traces with install paths in Redis (the process logs at info).
    for (const j of failed) expect(j.stacktrace).toEqual([]);
    const redis = new Redis(REDIS_URL);
    for (const j of failed) expect(await redis.hget(echo.toKey(j.id!), 'stacktrace')).toBe('[]');
    const alerter = createAlerter({ redis, prefix, rulesFor: () => daemon!.channels[0]!.alerts, log });
    const alerts = JSON.stringify(await alerter.list('echo'));
    await alerter.close();
    redis.disconnect();

    const everything = [Object.values(acks).join('\n'), text(), reasons.join('\n'), alerts, bodies.join('\n'), await dumpPrefix(prefix)].join('\n');
    expect(everything.length).toBeGreaterThan(2000);
    expect(everything.match(/CANARY\w*/g) ?? []).toEqual([]);
  });

  it('at debug level the stack trace is kept for the developer', async () => {
    const channel = testChannel({ id: 'echodebug' });
    const producer = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const queues = createQueueRegistry(producer, [channel], prefix);
    const connection = createWorkerConnection(REDIS_URL);
    await connection.connect();
    const { log } = memoryLogger('debug');
    const failing = () => {
      throw new PermanentError('PARSE_FAILED', 'refused by test');
    };
    const worker = startChannelWorker(channel, { connection, prefix, log, queues, stepsFor: () => ({ keyring, convertHl7v2: failing, convertJson: failing, validate: () => [] }) });
    try {
      const raw = adt('DBG1');
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad message');
      const job = buildJob(raw, h.header, channel, { source: 'mllp' }, keyring);
      await enqueue(queues.get(channel.id)!, channel, job, producer, prefix);
      await until(async () => (await queues.get(channel.id)!.getFailedCount()) === 1, 15_000, 'dead-lettered');
      const [failed] = await queues.get(channel.id)!.getFailed(0, 0);
      expect((failed!.stacktrace ?? []).join('\n')).toContain('PermanentError');
    } finally {
      await worker.close();
      await queues.close();
      producer.disconnect();
      connection.disconnect();
    }
  });
});
