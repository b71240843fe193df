/**
 * Item 7 of issue 13 (DESIGN invariant 9): a sealed payload is bound to its channel, message and
 * role. Someone who can write to Redis copies a sealed message into another channel's job, into
 * another message's job, or presents a job's sealed FHIR result as a message: the real worker
 * dead-letters each as CANNOT_DECRYPT at the first attempt and never converts it, while the genuine
 * jobs complete.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { startChannelWorker } from '../../src/queue/worker.js';
import { createWorkerConnection } from '../../src/redis/connections.js';
import type { IntegrationJobData, JobResult } from '../../src/queue/jobs.js';
import type { PipelineSteps } from '../../src/queue/pipeline.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { testChannel } from '../support/channel.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { memoryLogger } from '../support/log.js';
import { adt, keyring, until } from '../support/worker.js';

const prefix = testPrefix('bind');
afterAll(() => dropPrefix(prefix));

const a = testChannel({ id: 'bind-a', source: { type: 'http' } });
const b = testChannel({ id: 'bind-b', source: { type: 'http' } });

describe('a sealed payload moved to another job', () => {
  it('is dead-lettered as CANNOT_DECRYPT by the real worker and never converted', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    const queues = createQueueRegistry(redis, [a, b], prefix);
    const connection = createWorkerConnection(REDIS_URL);
    await connection.connect();
    const converted: string[] = [];
    const steps: PipelineSteps = {
      keyring,
      convertHl7v2: (message) => {
        const h = readHeader(message);
        converted.push(h.ok ? h.header.controlId : '?');
        return convertHl7v2(message);
      },
      convertJson: () => {
        throw new Error('not used');
      },
      validate: validateBundle,
    };
    const { log } = memoryLogger('warn');
    const workers = [a, b].map((ch) => startChannelWorker(ch, { connection, prefix, log, queues, stepsFor: () => steps }));
    const job = (ch: typeof a, controlId: string) => {
      const raw = adt(controlId, `P-${controlId}`);
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad message');
      return buildJob(raw, h.header, ch, { source: 'http' }, keyring);
    };
    const put = (ch: typeof a, data: IntegrationJobData) => enqueue(queues.get(ch.id)!, ch, data, redis, prefix);
    try {
      const genuine = job(a, 'GENUINE');
      await put(a, genuine);
      await until(async () => (await queues.get(a.id)!.getJobState(genuine.messageId)) === 'completed', 60_000, 'genuine completed'); // the first conversion loads the FHIR validator
      const result = ((await queues.get(a.id)!.getJob(genuine.messageId))!.returnvalue as JobResult).bundle!;

      // Forged jobs: each a real job of its own, carrying a sealed value made for something else.
      const intoOtherChannel = { ...job(b, 'OTHER-CHANNEL'), sourceData: genuine.sourceData };
      const intoOtherMessage = { ...job(a, 'OTHER-MESSAGE'), sourceData: genuine.sourceData };
      const resultAsMessage = { ...job(a, 'RESULT-AS-MESSAGE'), sourceData: result };
      for (const [ch, data] of [[b, intoOtherChannel], [a, intoOtherMessage], [a, resultAsMessage]] as const) expect(await put(ch, data)).toBe('stored');
      // Copied whole, ids and all, into another channel's queue under a job id of that channel: the
      // seal opens as the data claims, but the data does not name the job it is in.
      const wholeId = job(b, 'WHOLE-COPY').messageId;
      await queues.get(b.id)!.add('inbound.v1', genuine, { jobId: wholeId });
      const forged = [
        [b, intoOtherChannel.messageId],
        [a, intoOtherMessage.messageId],
        [a, resultAsMessage.messageId],
        [b, wholeId],
      ] as const;
      await until(async () => (await Promise.all(forged.map(([ch, id]) => queues.get(ch.id)!.getJobState(id)))).every((s) => s === 'failed'), 60_000, 'forged jobs dead-lettered');
      for (const [ch, id] of forged) {
        const failed = (await queues.get(ch.id)!.getJob(id))!;
        expect(failed.failedReason).toMatch(id === wholeId ? /^CANNOT_DECRYPT: job .* carries the data of bind-a\// : /^CANNOT_DECRYPT: authentication failed under key id [0-9a-f]{16} \(as message of /);
        expect(failed.attemptsMade).toBe(1); // permanent: never retried
      }
      expect(converted).toEqual(['GENUINE']);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
      await queues.close();
      redis.disconnect();
      connection.disconnect();
    }
  }, 180_000);
});
