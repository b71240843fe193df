/** A real BullMQ worker on real Redis whose conversion step the test controls (to inject failures). */
import { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import type { Channel } from '../../src/config/channel.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { createQueueRegistry, enqueue, type QueueRegistry } from '../../src/queue/queues.js';
import { createWorkerConnection } from '../../src/redis/connections.js';
import { startChannelWorker } from '../../src/queue/worker.js';
import type { Conversion, PipelineSteps } from '../../src/queue/pipeline.js';
import { createKeyring } from '../../src/security/seal.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import type { StoreOutbox } from '../../src/queue/store-trail.js';
import { memoryLogger } from './log.js';
import { REDIS_URL } from './redis.js';
import { TEST_KEY_HEX } from './channel.js';
import { HANG_CEILING_MS, hangCeiling } from './ceiling.js';

export const keyring = createKeyring(Buffer.from(TEST_KEY_HEX, 'hex'));

export type Behaviour = (controlId: string, attempt: number) => void;

export interface WorkerRig {
  queues: QueueRegistry;
  worker: Worker;
  /** control ids in the order the pipeline finished converting them */
  processed: string[];
  send(controlId: string, patient?: string, extra?: string[]): Promise<string>;
  close(): Promise<void>;
}

export function adt(controlId: string, patient = 'P1', extra: string[] = []): Buffer {
  return Buffer.from(
    [`MSH|^~\\&|APP|FAC|HIG|HIG|20261129083015||ADT^A08^ADT_A01|${controlId}|P|2.5.1`, 'EVN|A08|20261129083000', `PID|1||${patient}^^^HOSP^MR||Doe^Jane||19800101|F`, ...extra].join('\r') + '\r',
  );
}

export async function startWorkerRig(channel: Channel, prefix: string, behaviour: Behaviour, options: { autorun?: boolean; outbox?: StoreOutbox } = {}): Promise<WorkerRig> {
  const producer = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const queues = createQueueRegistry(producer, [channel], prefix);
  const connection = createWorkerConnection(REDIS_URL);
  await connection.connect();
  const processed: string[] = [];
  const attempts = new Map<string, number>();
  const steps: PipelineSteps = {
    keyring,
    convertHl7v2: (message: Buffer): Conversion => {
      const r = readHeader(message);
      const controlId = r.ok ? r.header.controlId : '?';
      const n = (attempts.get(controlId) ?? 0) + 1;
      attempts.set(controlId, n);
      behaviour(controlId, n);
      processed.push(controlId);
      return convertHl7v2(message);
    },
    convertJson: () => {
      throw new Error('not used');
    },
    validate: validateBundle,
  };
  const { log } = memoryLogger('warn');
  const worker = startChannelWorker(channel, { connection, prefix, log, queues, stepsFor: () => steps, ...(options.autorun === false ? { autorun: false } : {}), ...(options.outbox ? { outbox: options.outbox } : {}) });
  return {
    queues,
    worker,
    processed,
    async send(controlId, patient, extra) {
      const raw = adt(controlId, patient, extra);
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad test message');
      const job = buildJob(raw, h.header, channel, { source: 'mllp' }, keyring);
      await enqueue(queues.get(channel.id)!, channel, job, queues.connection, queues.prefix);
      return job.messageId;
    },
    async close() {
      await worker.close();
      await queues.close();
      producer.disconnect();
      connection.disconnect();
    },
  };
}

/** Waits for `predicate`; `timeoutMs` is a hang ceiling, raised to HANG_CEILING_MS (./ceiling.ts). */
export async function until(predicate: () => Promise<boolean> | boolean, timeoutMs = HANG_CEILING_MS, label = 'condition'): Promise<void> {
  const started = Date.now();
  const ceiling = hangCeiling(timeoutMs);
  while (!(await predicate())) {
    if (Date.now() - started > ceiling) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
