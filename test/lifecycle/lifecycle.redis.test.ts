/**
 * Channel lifecycle and hot reload against the real daemon (dist/cli.js), real sockets, real Redis
 * and a FHIR server: stop closes the listener (connections refused) and start binds it again; pause
 * holds processing while messages are still ACKed; every change is audited with the operator; a
 * channel file edited, added, broken, fixed, re-ported and removed while 1,000 messages stream over
 * one open connection: that connection stays open and every message is AA'd and pushed exactly once.
 */
import { userInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, createServer, type AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { connectMllp } from '../../src/hl7/mllp-client.js';
import { readAudit } from '../../src/queue/dlq.js';
import { channelsDir, cliArgs, ROOT, spawnDaemon, type DaemonProcess } from '../support/daemon.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';

const prefix = testPrefix('lifecycle');
const TOKEN = 'lifecycle-test-admin-token';
const STREAM = 1000;

let fhir: FhirServer;
let fhir2: FhirServer;
let portF: number;
let daemon: DaemonProcess;
let dir: string;
let httpPort: number;
let portA: number;
let redis: Redis;

const channelA = (extra: Record<string, unknown> = {}) => ({
  id: 'adt-a',
  source: { type: 'mllp', host: '127.0.0.1', port: portA },
  accept: { messageTypes: ['ADT^*'] },
  destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' } },
  ...extra,
});
const channelB = (port: number) => ({
  id: 'adt-b',
  source: { type: 'mllp', host: '127.0.0.1', port },
  accept: { messageTypes: ['ADT^*'] },
  destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' } },
});
const writeChannel = (name: string, body: unknown) => writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));

function adt(tag: string): Buffer {
  return Buffer.from(
    [
      `MSH|^~\\&|HIS|NORTH|HIG|HIG|20261204101500-0500||ADT^A04^ADT_A01|${tag}|P|2.5.1`,
      `EVN|A04|20261204101500-0500`,
      `PID|1||M${tag}^^^NORTH^MR||Tester^Pat||19800101|F`,
      `PV1|1|O|CLINIC^1^1^NORTH||||||||||||||||V${tag}^^^NORTH^VN`,
    ].join('\r') + '\r',
  );
}
const msa = (reply: Buffer) => reply.toString('latin1').split('\r').find((s) => s.startsWith('MSA'));
/** Transactions that carried the Patient of message `tag` (its MRN is unique to the message). */
const pushesOf = (tag: string) => pushCounts().get(tag) ?? 0;
/**
 * Pushes per message tag, over every accepted transaction so far. Each request is read once and
 * the tally kept: the hot-reload case polls this every 100 ms over thousands of transactions, and
 * re-reading them all each time took a core from the daemon under test on a busy machine.
 */
const tally = { read: 0, unanswered: [] as number[], counts: new Map<string, number>() };
function pushCounts(): Map<string, number> {
  // A request is recorded on arrival and gets its status when answered: keep unanswered ones to look at again.
  const fresh = Array.from({ length: fhir.requests.length - tally.read }, (_, i) => tally.read + i);
  tally.read = fhir.requests.length;
  const look = [...tally.unanswered, ...fresh];
  tally.unanswered = [];
  for (const i of look) {
    const r = fhir.requests[i]!;
    if (r.status === undefined) tally.unanswered.push(i);
    if (r.method !== 'POST' || r.status !== 200) continue;
    const tags = new Set([...JSON.stringify(r.body).matchAll(/"M((?:LC|HR)\d{4,6})"/g)].map((m) => m[1]!));
    for (const t of tags) tally.counts.set(t, (tally.counts.get(t) ?? 0) + 1);
  }
  return tally.counts;
}

async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`not in time: ${what}\n${daemon.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${httpPort}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...(init.headers as Record<string, string>) } });
const act = (id: string, action: string, operator = 'alice') => api(`/api/channels/${id}/${action}`, { method: 'POST', headers: { 'x-hig-operator': operator } });
type Stats = { channels: Record<string, { completed: number; waiting: number; lifecycle?: { source: string; processing: string; changedBy?: string } }>; config?: { errors: Array<{ error: string }> } };
const stats = async (): Promise<Stats> => (await (await api('/api/stats')).json()) as Stats;

/** Whether a TCP connection to the port is accepted (false: refused). */
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
const count = (text: string) => daemon.output().split(text).length - 1;

beforeAll(async () => {
  [fhir, fhir2] = await Promise.all([startFhirServer(), startFhirServer()]);
  [httpPort, portA, portF] = await Promise.all([freePort(), freePort(), freePort()]);
  // A fan-out channel: each destination has a queue of its own, paused and resumed on its own.
  const fanOut = {
    id: 'fan',
    source: { type: 'mllp', host: '127.0.0.1', port: portF },
    accept: { messageTypes: ['ADT^*'] },
    destinations: [
      { id: 'one', type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'none' } },
      { id: 'two', type: 'fhir', baseUrl: fhir2.url, mode: 'transaction', auth: { type: 'none' } },
    ],
  };
  dir = channelsDir([channelA(), fanOut]);
  redis = new Redis(REDIS_URL);
  daemon = spawnDaemon('start', { HIG_CHANNELS_DIR: dir, HIG_HTTP_PORT: String(httpPort), HIG_QUEUE_PREFIX: prefix, REDIS_URL, HIG_ADMIN_TOKEN: TOKEN });
  await daemon.waitFor('hig started');
});

afterAll(async () => {
  await daemon?.stop();
  await fhir?.close();
  await fhir2?.close();
  redis?.disconnect();
  await dropPrefix(prefix);
});

describe('channel lifecycle over the admin API', () => {
  it('answers 404 for an unknown channel and needs the admin token', async () => {
    const res = await act('no-such-channel', 'stop');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('NOT_FOUND');
    const anonymous = await fetch(`http://127.0.0.1:${httpPort}/api/channels/adt-a/stop`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(await accepts(portA)).toBe(true);
  });

  it('stop closes the listener (connections refused), a second stop is a 409, start binds again', async () => {
    const stopped = await act('adt-a', 'stop');
    expect(stopped.status).toBe(200);
    expect(await stopped.json()).toMatchObject({ channel: 'adt-a', lifecycle: { source: 'stopped', processing: 'running', changedBy: 'http:admin:alice' } });
    expect(await accepts(portA)).toBe(false);
    expect((await stats()).channels['adt-a']!.lifecycle).toMatchObject({ source: 'stopped' });

    const again = await act('adt-a', 'stop');
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('CHANNEL_STATE_CONFLICT');

    const started = await act('adt-a', 'start', 'bob');
    expect(started.status).toBe(200);
    const client = await connectMllp({ host: '127.0.0.1', port: portA, timeoutMs: 60_000 });
    expect(msa(await client.send(adt('LC0001')))).toBe('MSA|AA|LC0001');
    client.close();
    await waitFor(() => pushesOf('LC0001') === 1, 'LC0001 pushed');
  });

  it('pause ACKs and holds; resume delivers what was held', async () => {
    expect((await act('adt-a', 'pause')).status).toBe(200);
    expect((await act('adt-a', 'pause')).status).toBe(409);
    const client = await connectMllp({ host: '127.0.0.1', port: portA, timeoutMs: 60_000 });
    for (const tag of ['LC0002', 'LC0003']) expect(msa(await client.send(adt(tag)))).toBe(`MSA|AA|${tag}`);
    client.close();
    const s = await stats();
    expect(s.channels['adt-a']!.lifecycle).toMatchObject({ source: 'running', processing: 'paused' });
    // A paused queue hands nothing to its workers: still nothing after a while (a fast machine
    // would have pushed these in well under this), and the jobs wait.
    await new Promise((r) => setTimeout(r, 3000));
    expect(pushesOf('LC0002') + pushesOf('LC0003')).toBe(0);

    expect((await act('adt-a', 'resume')).status).toBe(200);
    expect((await act('adt-a', 'resume')).status).toBe(409);
    await waitFor(() => pushesOf('LC0002') === 1 && pushesOf('LC0003') === 1, 'held messages pushed after resume');
  });

  it('records every change in the channel audit stream with the operator', async () => {
    const audit = await readAudit(redis, prefix, 'adt-a');
    const mine = audit.filter((a) => a.action.startsWith('channel-')).reverse();
    expect(mine.map((a) => [a.action, a.who])).toEqual([
      ['channel-stop', 'http:admin:alice'],
      ['channel-start', 'http:admin:bob'],
      ['channel-pause', 'http:admin:alice'],
      ['channel-resume', 'http:admin:alice'],
    ]);
  });
});

describe('per-destination pause', () => {
  const pushedTo = (server: FhirServer, tag: string) => server.requests.filter((r) => r.method === 'POST' && r.status === 200 && JSON.stringify(r.body).includes(`"M${tag}"`)).length;

  it('holds one fan-out destination while the other delivers; resume delivers what was held', async () => {
    const unknown = await api('/api/channels/fan/destinations/nope/pause', { method: 'POST' });
    expect(unknown.status).toBe(404);
    const paused = await api('/api/channels/fan/destinations/two/pause', { method: 'POST', headers: { 'x-hig-operator': 'carol' } });
    expect(paused.status).toBe(200);
    expect(((await paused.json()) as { lifecycle: unknown }).lifecycle).toMatchObject({ processing: 'running', destinations: { one: 'running', two: 'paused' } });
    expect((await api('/api/channels/fan/destinations/two/pause', { method: 'POST' })).status).toBe(409);

    const client = await connectMllp({ host: '127.0.0.1', port: portF, timeoutMs: 60_000 });
    expect(msa(await client.send(adt('FD0001')))).toBe('MSA|AA|FD0001');
    client.close();
    await waitFor(() => pushedTo(fhir, 'FD0001') === 1, 'FD0001 delivered to destination one');
    await new Promise((r) => setTimeout(r, 3000)); // two had as long as one, and more: still nothing
    expect(pushedTo(fhir2, 'FD0001')).toBe(0);

    expect((await api('/api/channels/fan/destinations/two/resume', { method: 'POST' })).status).toBe(200);
    await waitFor(() => pushedTo(fhir2, 'FD0001') === 1, 'FD0001 delivered to destination two after resume');
    expect(pushedTo(fhir, 'FD0001')).toBe(1);
    const [latest] = await readAudit(redis, prefix, 'fan', 2);
    expect(latest).toMatchObject({ action: 'destination-resume', selector: '{"destination":"two"}' });
  });
});

/** Runs `hig channel …` as an operator would: the daemon's address and token from the environment. */
function hig(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, cliArgs(...args), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', USER: 'tester', DATA_ENCRYPTION_KEY: TEST_KEY_HEX, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('hig channel', () => {
  const env = () => ({ HIG_HTTP_PORT: String(httpPort), HIG_ADMIN_TOKEN: TOKEN });

  it('stops and starts the running daemon\'s channel, audited with the login name', async () => {
    const stop = await hig(['channel', 'stop', 'adt-a'], env());
    expect(stop).toMatchObject({ code: 0, stdout: 'adt-a: source stopped, processing running\n', stderr: '' });
    expect(await accepts(portA)).toBe(false);
    // `hig stats` says so: a stopped channel never reads as merely "healthy".
    const shown = await hig(['stats'], env());
    expect(shown.stdout).toMatch(/^adt-a: .*\(healthy\); source stopped, processing running \(by http:admin:tester\)(;|$)/m);
    const again = await hig(['channel', 'stop', 'adt-a'], env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^hig: the daemon refused \(CHANNEL_STATE_CONFLICT\): .*already stopped\n$/);
    const start = await hig(['channel', 'start', 'adt-a'], env());
    expect(start).toMatchObject({ code: 0, stdout: 'adt-a: source running, processing running\n' });
    expect(await accepts(portA)).toBe(true);
    const [latest] = await readAudit(redis, prefix, 'adt-a', 1);
    expect(latest).toMatchObject({ action: 'channel-start', who: 'http:admin:tester' });
  });

  it('names the account running the CLI when USER and LOGNAME are unset or empty (docker compose exec, cron)', async () => {
    // The review of issue 18 found `http:admin:unknown` in the audit: the name came from USER alone.
    const pause = await hig(['channel', 'pause', 'adt-a'], { ...env(), USER: '' });
    expect(pause.code).toBe(0);
    const resume = await hig(['channel', 'resume', 'adt-a'], { ...env(), USER: '' });
    expect(resume.code).toBe(0);
    const [latest] = await readAudit(redis, prefix, 'adt-a', 1);
    expect(latest).toMatchObject({ action: 'channel-resume', who: `http:admin:${userInfo().username}` });
  });

  it('undeploys and deploys the running daemon\'s channel: its port closes, its messages wait, deploy runs its file again', async () => {
    const undeploy = await hig(['channel', 'undeploy', 'adt-a'], env());
    expect(undeploy).toMatchObject({ code: 0, stdout: 'adt-a: source undeployed, processing running\n', stderr: '' });
    expect(await accepts(portA)).toBe(false);
    const again = await hig(['channel', 'undeploy', 'adt-a'], env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/CHANNEL_STATE_CONFLICT.*already undeployed/);
    const start = await hig(['channel', 'start', 'adt-a'], env());
    expect(start.stderr).toMatch(/CHANNEL_STATE_CONFLICT.*deploy it first/);
    expect((await stats()).channels['adt-a']!.lifecycle).toMatchObject({ source: 'undeployed' });
    const deploy = await hig(['channel', 'deploy', 'adt-a'], env());
    expect(deploy).toMatchObject({ code: 0, stdout: 'adt-a: source running, processing running\n' });
    expect(await accepts(portA)).toBe(true);
    // Deployed again: its workers run (a message goes all the way through).
    const client = await connectMllp({ host: '127.0.0.1', port: portA, timeoutMs: 60_000 });
    try {
      expect(msa(await client.send(adt('LC0100')))).toBe('MSA|AA|LC0100');
      await waitFor(() => pushesOf('LC0100') === 1, 'message pushed after deploy');
    } finally {
      client.close();
    }
    expect((await readAudit(redis, prefix, 'adt-a', 2)).map((a) => a.action)).toEqual(['channel-deploy', 'channel-undeploy']);
  });

  it('says in one line when no daemon answers, and when the channel is unknown', async () => {
    const nobody = await hig(['channel', 'pause', 'adt-a'], { HIG_HTTP_PORT: String(await freePort()), HIG_ADMIN_TOKEN: TOKEN });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/^hig: no hig daemon answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n$/);
    const unknown = await hig(['channel', 'pause', 'nope'], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('hig: the daemon refused (NOT_FOUND): no channel "nope"\n');
    const usage = await hig(['channel', 'explode', 'adt-a'], env());
    expect(usage.code).toBe(64);
  });
});

describe('hot reload', () => {
  it('keeps the open connection and loses nothing while 1,000 messages stream through edits, an invalid file, a new channel, a new port and a removal', async () => {
    const portB = await freePort();
    const client = await connectMllp({ host: '127.0.0.1', port: portA, timeoutMs: 120_000 });
    const acks: Array<string | undefined> = [];
    let sent = 0;
    let stepsDone = false;
    const streaming = (async () => {
      // At least STREAM messages, and on until every reload step is done: on a fast machine 1,000
      // messages are through before the steps are, and the steps must run while messages flow.
      // Past STREAM the stream only has to keep flowing, not to pile up work: one message per 20 ms,
      // so a slow machine's reload steps do not leave thousands more messages to convert.
      for (; sent < STREAM || !stepsDone; sent++) {
        acks.push(msa(await client.send(adt(`HR${String(sent).padStart(6, '0')}`))));
        if (sent >= STREAM) await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const atLeast = (n: number) => waitFor(() => sent >= n, `${n} messages sent`);
    const reloads = () => count('channel files reloaded');

    // 1. An edit that leaves the source alone, plus a new channel: applied, connection kept.
    await atLeast(100);
    let before = reloads();
    writeChannel('adt-a.json', channelA({ accept: { messageTypes: ['ADT^*', 'ORU^*'] } }));
    writeChannel('adt-b.json', channelB(portB));
    await waitFor(() => reloads() > before && count('"adt-b"') > 0, 'reload with adt-b applied');
    await waitFor(() => accepts(portB), 'adt-b listening');

    // 2. An invalid edit: refused, shown in stats, the running version stays (the stream goes on).
    await atLeast(Math.min(sent + 100, 500));
    writeChannel('adt-a.json', '{"id": "adt-a", "source": {"type": "mllp", "port": "not-a-port"}}');
    await waitFor(async () => ((await stats()).config?.errors.length ?? 0) > 0, 'config error in stats');
    const { config } = await stats();
    expect(config!.errors[0]!.error).toMatch(/adt-a\.json: source/);
    // the log line reaches this process through a pipe, possibly after the stats that the same step wrote
    await daemon.waitFor('CHANNEL_CONFIG_INVALID');
    const mid = sent;
    await atLeast(mid + 50); // still taking messages on the old version

    // 3. Fixed again; adt-b moves to another port (rebinds); then adt-b is removed.
    before = reloads();
    writeChannel('adt-a.json', channelA());
    await waitFor(() => reloads() > before, 'reload after the fix');
    expect((await stats()).config!.errors).toEqual([]);
    const portB2 = await freePort();
    before = reloads();
    writeChannel('adt-b.json', channelB(portB2));
    await waitFor(() => reloads() > before, 'reload with adt-b on its new port');
    expect(await accepts(portB2)).toBe(true);
    expect(await accepts(portB)).toBe(false);
    before = reloads();
    rmSync(join(dir, 'adt-b.json'));
    await waitFor(() => reloads() > before, 'reload without adt-b');
    expect(await accepts(portB2)).toBe(false);
    expect(Object.keys((await stats()).channels)).not.toContain('adt-b');
    // Deployments by file are audited per channel, like an operator's actions.
    expect((await readAudit(redis, prefix, 'adt-b')).map((a) => [a.action, a.who]).reverse()).toEqual([
      ['channel-deploy', 'config:channels-dir'],
      ['channel-reload', 'config:channels-dir'],
      ['channel-undeploy', 'config:channels-dir'],
    ]);

    await atLeast(sent + 50); // still flowing after the last step
    stepsDone = true;
    await streaming;
    client.close();
    const total = sent;
    expect(total).toBeGreaterThanOrEqual(STREAM);
    expect(acks).toEqual(Array.from({ length: total }, (_, i) => `MSA|AA|HR${String(i).padStart(6, '0')}`));
    const tags = Array.from({ length: total }, (_, i) => `HR${String(i).padStart(6, '0')}`);
    await waitFor(() => {
      const n = pushCounts();
      return tags.every((t) => (n.get(t) ?? 0) >= 1);
    }, 'every streamed message pushed', 300_000);
    const n = pushCounts();
    expect(tags.filter((t) => n.get(t) !== 1)).toEqual([]);
    // A job is marked completed only after its push returned: wait for the count, do not read it at once.
    await waitFor(async () => (await stats()).channels['adt-a']!.completed >= total + 3, 'every streamed message completed');
  }, 600_000);

  it('refuses a file the schema takes but the loader does not (a mistyped time zone, an unset secret): the running version keeps converting', async () => {
    // Review of issue 18: hot reload used the schema-only reader, so a mistyped zone was applied, the
    // worker thread could not start on it (every channel stopped converting while intake AA'd), and
    // the held message was dead-lettered MAPPING_FAILED once the file was fixed.
    const client = await connectMllp({ host: '127.0.0.1', port: portA, timeoutMs: 60_000 });
    try {
      const cases: Array<[string, Record<string, unknown>, RegExp]> = [
        ['ZONE', { timezone: 'Europe/Berln' }, /adt-a\.json: timezone/],
        ['SECRET', { destination: { type: 'fhir', baseUrl: fhir.url, mode: 'transaction', auth: { type: 'bearer', tokenEnv: 'HIG_LIFECYCLE_UNSET_TOKEN' } } }, /adt-a\.json: destination\.auth\.tokenEnv/],
      ];
      for (const [tag, extra, where] of cases) {
        writeChannel('adt-a.json', channelA(extra));
        await waitFor(async () => ((await stats()).config?.errors ?? []).some((e) => where.test(e.error)), `${tag}: the loader's refusal in stats`);
        const shown = await hig(['stats'], { HIG_HTTP_PORT: String(httpPort), HIG_ADMIN_TOKEN: TOKEN });
        expect(shown.stdout).toMatch(/^channel files refused at .* \(the running version stays\): .*adt-a\.json/m);
        const id = `LC${tag === 'ZONE' ? '0001' : '0002'}`;
        expect(msa(await client.send(adt(id)))).toBe(`MSA|AA|${id}`);
        // Converted and pushed by the running (previous) version, not held or dead-lettered.
        await waitFor(() => pushesOf(id) === 1, `${tag}: message pushed by the running version`);
      }
      const before = count('channel files reloaded');
      writeChannel('adt-a.json', channelA());
      await waitFor(() => count('channel files reloaded') > before, 'reload after the fix');
      expect((await stats()).config!.errors).toEqual([]);
      const dead = await (await api('/api/channels/adt-a/failed')).json().catch(() => undefined);
      expect(JSON.stringify(dead ?? {})).not.toContain('MAPPING_FAILED');
    } finally {
      client.close();
    }
  }, 300_000);

  it('a reloaded channel whose port another process holds makes /readyz fail until it is started', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const held = (blocker.address() as AddressInfo).port;
    const ready = async () => {
      const r = await fetch(`http://127.0.0.1:${httpPort}/readyz`);
      return { status: r.status, body: (await r.json()) as { checks: Record<string, boolean> } };
    };
    try {
      expect((await ready()).status).toBe(200);
      writeChannel('adt-c.json', { ...channelB(held), id: 'adt-c' });
      await waitFor(async () => ((await stats()).config?.errors ?? []).some((e) => /adt-c: its source could not start \(EADDRINUSE\)/.test(e.error)), 'the failed bind in config errors');
      const down = await ready();
      expect(down.status).toBe(503);
      expect(down.body.checks['source:adt-c']).toBe(false);
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      expect((await act('adt-c', 'start')).status).toBe(200);
      expect(await accepts(held)).toBe(true);
      const up = await ready();
      expect(up.status).toBe(200);
      expect(up.body.checks['source:adt-c']).toBeUndefined();
    } finally {
      if (blocker.listening) blocker.close();
      const before = count('channel files reloaded');
      rmSync(join(dir, 'adt-c.json'), { force: true });
      await waitFor(() => count('channel files reloaded') > before, 'reload without adt-c');
    }
  }, 120_000);
});
