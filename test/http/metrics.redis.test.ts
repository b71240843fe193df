/**
 * GET /metrics from a running daemon (`hig start` child, real Redis, real MLLP): the text parses
 * as Prometheus exposition format, counters move with traffic (received, ACK codes, duplicates,
 * delivered, dead-lettered, replayed), histograms count, and the gauges equal GET /api/stats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMllp, type MllpClient } from '../../src/hl7/mllp-client.js';
import type { QueueStats } from '../../src/queue/status.js';
import { channelsDir, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { adt, until } from '../support/worker.js';
import { parseExposition, type Exposition } from './prom-text.js';

const prefix = testPrefix('metrics');
let daemon: DaemonProcess;
let base: string;
let mllpPort: number;
const CH = { channel: 'met' };

async function metrics(): Promise<Exposition> {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

async function stats(): Promise<QueueStats> {
  return (await (await fetch(`${base}/api/stats`)).json()) as QueueStats;
}

function a99(controlId: string): Buffer {
  return Buffer.from(`MSH|^~\\&|APP|FAC|HIG|HIG|20261129083015||ADT^A99^ADT_A01|${controlId}|P|2.5.1\rEVN|A99|20261129083000\rPID|1||Q1^^^HOSP^MR||Doe^Jane\r`);
}

beforeAll(async () => {
  mllpPort = await freePort();
  const http = await freePort();
  base = `http://127.0.0.1:${http}`;
  const dir = channelsDir([{ id: 'met', source: { type: 'mllp', host: '127.0.0.1', port: mllpPort }, accept: { messageTypes: ['ADT^*'] } }]);
  daemon = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(http), HIG_QUEUE_PREFIX: prefix, REDIS_URL });
  await daemon.waitFor('hig started');
});

afterAll(async () => {
  await daemon?.stop();
  await dropPrefix(prefix);
});

describe('GET /metrics', () => {
  it('parses, declares the documented metrics with their types, and reports Redis up', async () => {
    const m = await metrics();
    const expected: Record<string, string> = {
      hig_messages_received_total: 'counter',
      hig_acks_total: 'counter',
      hig_messages_duplicate_total: 'counter',
      hig_messages_delivered_total: 'counter',
      hig_messages_dead_lettered_total: 'counter',
      hig_messages_replayed_total: 'counter',
      hig_ack_latency_seconds: 'histogram',
      hig_processing_seconds: 'histogram',
      hig_fhir_push_seconds: 'histogram',
      hig_queue_jobs: 'gauge',
      hig_queue_oldest_waiting_seconds: 'gauge',
      hig_dlq_size: 'gauge',
      hig_queue_workers: 'gauge',
      hig_open_connections: 'gauge',
      hig_redis_up: 'gauge',
    };
    for (const [name, type] of Object.entries(expected)) expect(m.types.get(name), name).toBe(type);
    expect(m.get('hig_redis_up')).toBe(1);
    expect(m.get('hig_queue_workers', CH)).toBeGreaterThanOrEqual(1);
    expect(m.get('hig_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('concurrent scrapes each get every queue gauge', async () => {
    const all = await Promise.all(Array.from({ length: 8 }, () => metrics()));
    for (const m of all) {
      for (const state of ['active', 'waiting', 'delayed', 'completed', 'failed']) expect(m.get('hig_queue_jobs', { ...CH, state }), state).toBeTypeOf('number');
      expect(m.get('hig_dlq_size', CH)).toBeTypeOf('number');
    }
  });

  it('counters move with traffic and the gauges equal /api/stats', async () => {
    const before = await metrics();
    const ev = { ...CH, source: 'mllp', event: 'ADT^A08' };

    const client: MllpClient = await connectMllp({ host: '127.0.0.1', port: mllpPort, timeoutMs: 60_000 });
    for (const id of ['M-1', 'M-2', 'M-3']) {
      const ack = (await client.send(adt(id))).toString('latin1');
      if (!ack.includes(`MSA|AA|${id}`)) throw new Error(`${id}: ${ack}\n${daemon.output().slice(-4000)}`);
    }
    expect((await client.send(adt('M-1'))).toString('latin1')).toContain('MSA|AA|M-1'); // a resend
    expect((await client.send(Buffer.from('MSH|^~\\&|APP|FAC|HIG|HIG|2026||ORM^O01|X-1|P|2.5.1\r'))).toString('latin1')).toContain('MSA|AR|X-1');
    expect((await client.send(a99('DL-1'))).toString('latin1')).toContain('MSA|AA|DL-1');

    // While the connection is open it is counted.
    const open = await metrics();
    expect(open.get('hig_open_connections', CH)).toBe(1);
    client.close();

    await until(async () => {
      const s = await stats();
      return s.completed === 3 && s.failed === 1;
    }, 20_000, '3 completed, 1 dead-lettered');
    await until(async () => (await metrics()).get('hig_open_connections', CH) === 0, 5000, 'connection closed');

    const after = await metrics();
    const delta = (name: string, labels: Record<string, string> = CH) => after.sum(name, labels) - before.sum(name, labels);
    expect(delta('hig_messages_received_total', ev)).toBe(4);
    expect(delta('hig_messages_received_total', { ...CH, event: 'ORM^O01' })).toBe(1);
    expect(delta('hig_messages_received_total', { ...CH, event: 'ADT^A99' })).toBe(1);
    expect(delta('hig_acks_total', { ...CH, code: 'AA' })).toBe(5);
    expect(delta('hig_acks_total', { ...CH, code: 'AR' })).toBe(1);
    expect(delta('hig_messages_duplicate_total', ev)).toBe(1);
    expect(delta('hig_messages_delivered_total', ev)).toBe(3);
    expect(delta('hig_messages_dead_lettered_total', { ...CH, event: 'ADT^A99' })).toBe(1);
    const reasons = after.samples.filter((s) => s.name === 'hig_messages_dead_lettered_total').map((s) => s.labels.reason);
    expect(reasons.every((r) => r && /^[A-Z][A-Z0-9_]+$/.test(r))).toBe(true);
    expect(delta('hig_ack_latency_seconds_count', { ...CH, source: 'mllp' })).toBe(6);
    expect(delta('hig_processing_seconds_count', { ...CH, outcome: 'completed' })).toBe(3);
    expect(after.get('hig_ack_latency_seconds_bucket', { ...CH, source: 'mllp', le: '+Inf' })).toBe(after.get('hig_ack_latency_seconds_count', { ...CH, source: 'mllp' }));

    // Gauges are read from Redis at scrape: the same numbers as /api/stats.
    const s = await stats();
    const c = s.channels.met!;
    for (const state of ['active', 'waiting', 'delayed', 'completed', 'failed'] as const) expect(after.get('hig_queue_jobs', { ...CH, state }), state).toBe(c[state]);
    expect(after.get('hig_dlq_size', CH)).toBe(1);
    expect(after.get('hig_queue_oldest_waiting_seconds', CH)).toBe(0);

    // A replay moves the replayed counter; the job dead-letters again (A99 is still unsupported).
    const failed = (await (await fetch(`${base}/api/channels/met/failed`)).json()) as { jobs: Array<{ id: string }> };
    const id = failed.jobs[0]!.id;
    expect((await fetch(`${base}/api/channels/met/failed/${id}/retry`, { method: 'POST', headers: { origin: base } })).status).toBe(200);
    await until(async () => (await metrics()).sum('hig_messages_dead_lettered_total', { ...CH, event: 'ADT^A99' }) - before.sum('hig_messages_dead_lettered_total', { ...CH, event: 'ADT^A99' }) === 2, 20_000, 'dead-lettered again');
    const replayed = await metrics();
    expect(replayed.sum('hig_messages_replayed_total', { ...CH, event: 'ADT^A99' }) - before.sum('hig_messages_replayed_total', { ...CH, event: 'ADT^A99' })).toBe(1);
  });
});
