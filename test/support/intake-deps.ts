/** Real intake dependencies (Redis, BullMQ queues, keyring, in-memory log) for source tests. */
import type { Channel } from '../../src/config/channel.js';
import type { IntakeDeps } from '../../src/intake.js';
import { createQueueRegistry, type QueueRegistry } from '../../src/queue/queues.js';
import { createProducerConnection } from '../../src/redis/connections.js';
import { createKeyring } from '../../src/security/seal.js';
import { memoryLogger } from './log.js';
import { TEST_KEY_HEX } from './channel.js';
import { HANG_CEILING_MS, hangCeiling } from './ceiling.js';

export interface IntakeRig {
  deps: IntakeDeps;
  queues: QueueRegistry;
  redis: ReturnType<typeof createProducerConnection>;
  logs(): string;
  /** control ids (MSH-10) of every job in the channel's queue, in queue order */
  controlIds(channelId: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startIntakeRig(channels: Channel[], prefix: string, redisUrl: string, enqueueTimeoutMs = 4000): Promise<IntakeRig> {
  const redis = createProducerConnection(redisUrl);
  redis.on('error', () => undefined);
  await redis.connect();
  const queues = createQueueRegistry(redis, channels, prefix);
  const { log, text } = memoryLogger('debug');
  const deps: IntakeDeps = { queues, keyring: createKeyring(Buffer.from(TEST_KEY_HEX, 'hex')), log, enqueueTimeoutMs };
  return {
    deps,
    queues,
    redis,
    logs: text,
    async controlIds(channelId) {
      const jobs = await queues.get(channelId)!.getJobs(['waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed'], 0, -1, true);
      return jobs.map((j) => String((j.data as { meta: { controlId?: string } }).meta.controlId));
    },
    close: async () => {
      await queues.close().catch(() => undefined);
      redis.disconnect();
    },
  };
}

/** Three-segment ADT message with a canary name, so tests can prove nothing leaks into logs. */
export function hl7(controlId: string, opts: { type?: string; sender?: string; eol?: string } = {}): string {
  const eol = opts.eol ?? '\r';
  return (
    [
      `MSH|^~\\&|${opts.sender ?? 'SENDER'}|SFAC|HIG|HIG|20261129083015||${opts.type ?? 'ADT^A01^ADT_A01'}|${controlId}|P|2.5.1`,
      'EVN|A01|20261129083000',
      `PID|1||MRN${controlId}^^^GOODHEALTH^MR||Zzyzxcanary^Philomena||19500101|F`,
    ].join(eol) + eol
  );
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for `check`; `timeoutMs` is a hang ceiling, raised to HANG_CEILING_MS (./ceiling.ts). */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = HANG_CEILING_MS, what = 'condition'): Promise<void> {
  const started = Date.now();
  const ceiling = hangCeiling(timeoutMs);
  while (!(await check())) {
    if (Date.now() - started > ceiling) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
