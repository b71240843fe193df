/**
 * REDIS_URL beyond one server: a real redis-sentinel in front of a real master, and a real
 * three-node Redis Cluster (queue prefix with a hash tag), both taking messages through intake.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame } from '../../src/hl7/mllp.js';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { assertPrefixFits, parseRedisUrl } from '../../src/redis/url.js';
import { testChannel } from '../support/channel.js';
import { startIngestRig } from '../support/ingest.js';
import { freePort, startPrivateRedis } from '../support/redis.js';
import { adt } from '../support/worker.js';

const run = promisify(execFile);
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

/**
 * Waits for a redis-server to answer. A ceiling, not an expectation: on a loaded machine a start can
 * take seconds (100 × 50 ms failed once under CI load); a server that exited (a port taken after
 * freePort chose it) is named at once instead of waited out.
 */
async function waitPing(port: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child !== undefined && child.exitCode !== null) throw new Error(`redis on ${port} exited with ${child.exitCode}`);
    const ok = await run('redis-cli', ['-p', String(port), 'ping']).then((r) => r.stdout.trim() === 'PONG', () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis on ${port} did not answer`);
}

async function sendThrough(url: string, prefix: string, controlId: string): Promise<{ ack: string; stored: number }> {
  const rig = await startIngestRig(testChannel({ id: 'topo' }), prefix, url);
  try {
    const client = await connectMllp({ host: '127.0.0.1', port: rig.listener.port, timeoutMs: 60_000 });
    const ack = (await client.send(adt(controlId))).toString('latin1');
    client.close();
    const stored = (await rig.queues.get('topo')!.getJobs(['waiting', 'prioritized'])).length;
    return { ack, stored };
  } finally {
    await rig.close();
  }
}

describe('REDIS_URL forms', () => {
  it.each([
    ['redis://127.0.0.1:6379', { kind: 'single' }],
    ['redis-sentinel://127.0.0.1:26379,127.0.0.2:26380/mymaster', { kind: 'sentinel', name: 'mymaster', sentinels: [{ host: '127.0.0.1', port: 26379 }, { host: '127.0.0.2', port: 26380 }] }],
    ['redis-sentinel://:s3cret@h1/primary/2', { kind: 'sentinel', name: 'primary', db: 2, password: 's3cret', sentinels: [{ host: 'h1', port: 26379 }] }],
    ['redis-cluster://a:7000,b:7001', { kind: 'cluster', nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }] }],
  ])('%s', (url, want) => {
    expect(parseRedisUrl(url)).toMatchObject(want);
  });

  it('refuses a cluster prefix without a hash tag, naming the variable', () => {
    expect(() => assertPrefixFits(parseRedisUrl('redis-cluster://a:1'), 'hig')).toThrow(/HIG_QUEUE_PREFIX.*\{hig\}/);
    expect(() => assertPrefixFits(parseRedisUrl('redis-cluster://a:1'), '{hig}')).not.toThrow();
  });
});

describe('Redis Sentinel', () => {
  it('finds the master through a real sentinel and stores the message', async () => {
    const master = await startPrivateRedis();
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'hig-sentinel-'));
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(conf, `port ${port}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor mymaster 127.0.0.1 ${master.port} 1\n`);
    const sentinel = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
    children.push(sentinel);
    try {
      await waitPing(port, sentinel);
      const { ack, stored } = await sendThrough(`redis-sentinel://127.0.0.1:${port}/mymaster`, 'higtest-sentinel', 'SEN1');
      expect(ack).toContain('MSA|AA|SEN1');
      expect(stored).toBe(1);
    } finally {
      sentinel.kill('SIGKILL');
      await master.stop();
    }
  });
});

describe('Redis Cluster', () => {
  it('stores the message in a real 3-node cluster with a hash-tagged prefix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-cluster-'));
    const ports = [await freePort(), await freePort(), await freePort()];
    const nodes: ChildProcess[] = [];
    for (const p of ports) {
      // the cluster bus defaults to port + 10000, which nothing reserved (above 55535 it does not exist):
      // a free port of its own for it (Redis 7 cluster-port)
      const bus = await freePort();
      const c = spawn('redis-server', ['--port', String(p), '--cluster-port', String(bus), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${p}.conf`), '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      children.push(c);
      nodes.push(c);
    }
    for (const [i, p] of ports.entries()) await waitPing(p, nodes[i]);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    // Every node must see the slots before a client connects; on a busy machine (two CPU hogs in
    // CI) that took longer than the 10 s this waited for node 0 alone, and the test then ran out of time.
    const converged = async () => (await Promise.all(ports.map((p) => run('redis-cli', ['-p', String(p), 'cluster', 'info']).then((r) => r.stdout.includes('cluster_state:ok'), () => false)))).every(Boolean);
    const deadline = Date.now() + 120_000;
    while (!(await converged())) {
      if (Date.now() > deadline) throw new Error('the 3-node cluster did not reach cluster_state:ok on every node in 120 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const { ack, stored } = await sendThrough(`redis-cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`, '{higtest-cluster}', 'CLU1');
    expect(ack).toContain('MSA|AA|CLU1');
    expect(stored).toBe(1);
  }, 240_000);
});
