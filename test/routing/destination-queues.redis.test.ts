/**
 * Destination queues in one process, real Redis: a message a destination's filter rejects is
 * recorded as filtered (with the deciding rule, in the job and in the queue's stats), never failed
 * or retried; a v2 edit or a code module that fails dead-letters the message for that destination
 * only (TRANSFORM_FAILED, one attempt) while the others deliver; a retried channel job queues
 * nothing twice.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { channelSchema, type Channel } from '../../src/config/channel.js';
import { readHeader } from '../../src/hl7/header.js';
import { buildJob } from '../../src/intake.js';
import { deliveryProcessor, destinationQueueChannels, fanOut } from '../../src/queue/delivery.js';
import { channelExtras, gatewayOver } from '../../src/queue/gateway.js';
import { readCircuits } from '../../src/queue/circuit-board.js';
import type { DeliveryResult, JobResult } from '../../src/queue/jobs.js';
import { createQueueRegistry, enqueue } from '../../src/queue/queues.js';
import { startChannelWorker } from '../../src/queue/worker.js';
import { createWorkerConnection } from '../../src/redis/connections.js';
import { createCodeRunner } from '../../src/routing/code.js';
import { channelRuntime, pipelineStepsFor } from '../../src/steps.js';
import { memoryLogger } from '../support/log.js';
import { registry, scrape } from '../../src/metrics.js';
import { dropPrefix, REDIS_URL, testPrefix } from '../support/redis.js';
import { keyring, until } from '../support/worker.js';

const prefix = testPrefix('dest-queues');
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await dropPrefix(prefix);
});

function adt(controlId: string, patientClass: string, ward: string): Buffer {
  return Buffer.from(
    [`MSH|^~\\&|HIS|HOSP|LAB|HOSP|20261204120000||ADT^A01^ADT_A01|${controlId}|P|2.5.1`, 'EVN|A01|20261204120000', `PID|1||M-${controlId}^^^HOSP^MR||Doe^Jane||19800101|F`, `PV1|1|${patientClass}|${ward}^1^A`].join('\r') + '\r',
  );
}

describe('destination queues', () => {
  it('filtered is recorded, a failing transform dead-letters for its destination only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hig-dq-'));
    const dirs = { mappingsDir: join(root, 'mappings'), transformersDir: join(root, 'transformers') };
    const out = { inpatients: join(root, 'inpatients'), mapped: join(root, 'mapped'), coded: join(root, 'coded') };
    for (const d of [...Object.values(dirs), ...Object.values(out)]) mkdirSync(d);
    writeFileSync(join(dirs.mappingsDir, 'wards.json'), JSON.stringify({ W1: 'L1' }));
    writeFileSync(join(dirs.transformersDir, 'picky.ts'), 'export default (m: string) => { if (m.includes("|W9^")) throw new Error("no W9"); return m; };\n');
    const file = (id: string, dir: string, extra: Record<string, unknown>) => ({ id, type: 'file', dir, content: 'hl7v2', name: '{controlId}.hl7', ...extra });
    const channel: Channel = channelSchema.parse({
      id: 'dq',
      source: { type: 'http' },
      queue: { attempts: 3, backoffMs: 100 },
      destinations: [
        file('inpatients', out.inpatients, { filter: { all: [{ path: 'MSH-9.1', equals: 'ADT' }, { path: 'PV1-2', equals: 'I' }] } }),
        file('mapped', out.mapped, { transform: { v2: [{ map: { path: 'PV1-3.1', table: 'wards.json', onMissing: 'error' } }] } }),
        file('coded', out.coded, { transform: { code: { module: 'picky.ts', timeoutMs: 2000 } } }),
      ],
    });
    const code = createCodeRunner({ dir: dirs.transformersDir });
    cleanups.push(() => code.close());
    expect(await code.load('picky.ts', 2000)).toEqual({ ok: true });
    const runtime = channelRuntime(channel, { ...dirs, code });
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    cleanups.push(() => redis.disconnect());
    const queues = createQueueRegistry(redis, [channel, ...destinationQueueChannels([channel])], prefix);
    cleanups.push(() => queues.close());
    const connection = createWorkerConnection(REDIS_URL);
    await connection.connect();
    cleanups.push(() => connection.disconnect());
    const { log } = memoryLogger('warn');
    const deps = { connection, prefix, log, queues, stepsFor: (c: Channel) => pipelineStepsFor(c, keyring, runtime, queues) };
    const workers: Worker[] = [startChannelWorker(channel, deps)];
    channel.destinations.forEach((d, i) => {
      const queueChannel = queues.channel(`dq.${d.id}`)!;
      workers.push(startChannelWorker(queueChannel, deps, {}, deliveryProcessor({ channel, destination: d, queueChannel, route: runtime.routes.routes[i]!, target: runtime.targets.get(d.id)!, keyring, redis, prefix, log })));
    });
    cleanups.push(() => Promise.all(workers.map((w) => w.close())));

    const send = async (cid: string, patientClass: string, ward: string) => {
      const raw = adt(cid, patientClass, ward);
      const h = readHeader(raw);
      if (!h.ok) throw new Error('bad message');
      const job = buildJob(raw, h.header, channel, { source: 'http' }, keyring);
      await enqueue(queues.get('dq')!, channel, job, redis, prefix);
      return job;
    };
    const q = (id: string) => queues.get(`dq.${id}`)!;
    // [control id, PV1-2, ward] → [inpatients, mapped, coded]
    const table: Array<[string, string, string, [string, string, string]]> = [
      ['OK', 'I', 'W1', ['delivered', 'delivered', 'delivered']],
      ['OUT', 'O', 'W1', ['filtered', 'delivered', 'delivered']],
      ['NOWARD', 'I', 'W2', ['delivered', 'failed', 'delivered']],
      ['W9', 'I', 'W9', ['delivered', 'failed', 'failed']],
    ];
    const jobs = [];
    for (const [cid, pc, ward] of table) jobs.push(await send(cid, pc, ward));
    const settled = async () => {
      let n = 0;
      for (const id of ['inpatients', 'mapped', 'coded']) n += (await q(id).getCompletedCount()) + (await q(id).getFailedCount());
      return n === 12;
    };
    await until(settled, 120_000, 'every delivery settled');

    for (const [i, [cid, , , expected]] of table.entries()) {
      const messageId = jobs[i]!.messageId;
      const got: string[] = [];
      for (const id of ['inpatients', 'mapped', 'coded']) {
        const job = (await q(id).getJob(messageId))!;
        const state = await job.getState();
        if (state === 'failed') {
          expect(job.failedReason, `${cid} ${id}`).toMatch(/^TRANSFORM_FAILED/);
          expect(job.attemptsMade, `${cid} ${id}: permanent, not retried`).toBe(1);
          got.push('failed');
        } else got.push((job.returnvalue as DeliveryResult).state);
      }
      expect(got, cid).toEqual(expected);
      expect(readdirSync(out.inpatients).includes(`${cid}.hl7`)).toBe(expected[0] === 'delivered');
      // The channel job itself completed: a destination's failure is that destination's alone.
      const channelJob = (await queues.get('dq')!.getJob(messageId))!;
      expect(await channelJob.getState()).toBe('completed');
      expect(Object.values((channelJob.returnvalue as JobResult).destinations!).map((d) => d.state)).toEqual(['queued', 'queued', 'queued']);
    }
    const out1 = (await q('inpatients').getJob(jobs[1]!.messageId))!.returnvalue as DeliveryResult;
    expect(out1.filtered).toEqual({ by: 'filter', decidedBy: '/all/1', rule: { path: 'PV1-2', equals: 'I' } });
    expect(await channelExtras(queues, 'dq.inpatients')).toMatchObject({ filtered: 1, filteredBy: { 'rule:/all/1': 1 } });
    expect(await q('inpatients').getFailedCount()).toBe(0);

    // Each destination's own breaker is published (circuit board) and on /metrics: transform failures are no outage, all three up.
    const board = (await readCircuits(redis, prefix)).get('dq') ?? {};
    expect(Object.keys(board).sort()).toEqual(['coded', 'inpatients', 'mapped']);
    for (const id of ['inpatients', 'mapped', 'coded']) expect(board[id]?.state).toBe('closed');
    const up = await scrape({ stats: () => gatewayOver(queues, async () => undefined).getQueueStats(), queues: () => queues.all(), ping: async () => true });
    for (const id of ['inpatients', 'mapped', 'coded']) expect(up).toContain(`hig_destination_up{channel="dq",destination="${id}"} 1`);
    expect(await registry.getSingleMetricAsString('hig_messages_filtered_total')).toContain('hig_messages_filtered_total{channel="dq",destination="inpatients"} 1');

    // Fanning the same message out again (a channel job retried after a crash) queues nothing twice.
    const routes = runtime.routes.routes;
    const again = await fanOut(queues, channel, { data: jobs[0]!, input: { v2: adt('OK', 'I', 'W1') } }, new Set(routes.filter((r) => r.needsFhir).map((r) => r.id)));
    expect(again).toEqual({ inpatients: { state: 'duplicate' }, mapped: { state: 'duplicate' }, coded: { state: 'duplicate' } });
  }, 200_000);
});
