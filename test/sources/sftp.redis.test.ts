/**
 * The SFTP source against a real OpenSSH sshd (started here on a free loopback port with fresh
 * host and user keys) and a real Redis: batches, afterProcessing, errorDir, host key pinning,
 * the cross-process poll lock, files still being written, and reconnecting after an outage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSftpSource, type SftpChannel } from '../../src/sources/sftp.js';
import { pollLockKey } from '../../src/redis/keys.js';
import { testChannel } from '../support/channel.js';
import { ls, sftpRig } from '../support/drop.js';
import { hl7, sleep, startIntakeRig, until, type IntakeRig } from '../support/intake-deps.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from '../support/redis.js';
import { startSshd, type TestSshd } from '../support/sshd.js';
import { ROOT, tsChildArgs } from '../support/daemon.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

const prefix = testPrefix('sftp');
let sshd: TestSshd;
const sftps = sftpRig(prefix);
const rigs: IntakeRig[] = [];
const sftpChannel = (id: string, source: Record<string, unknown> = {}, server: TestSshd = sshd) => sftps.sftpChannel(server, id, source);
const source = (channel: SftpChannel, schedule = false) => sftps.start(channel, { schedule });

beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sftps.cleanup();
  for (const r of rigs) await r.close();
  await sshd?.stop();
  await dropPrefix(prefix);
});

describe('SFTP source', () => {
  it('downloads, enqueues every message of batch and single files, then deletes them remotely', async () => {
    const ch = sftpChannel('del');
    const { rig, handle } = await source(ch);
    writeFileSync(join(ch.source.remoteDir, 'a.hl7'), 'FHS|^~\\&\rBHS|^~\\&\r' + hl7('S1') + hl7('S2') + 'BTS|2\rFTS|1\r');
    writeFileSync(join(ch.source.remoteDir, 'b.hl7'), hl7('S3', { eol: '\r\n' }));
    writeFileSync(join(ch.source.remoteDir, 'ignored.txt'), hl7('S4'));
    const result = await handle.pollOnce();
    expect(result).toMatchObject({ outcome: 'polled', done: ['a.hl7', 'b.hl7'], rejected: [] });
    expect((await rig.controlIds('del')).sort()).toEqual(['S1', 'S2', 'S3']);
    expect(ls(ch.source.remoteDir)).toEqual(['ignored.txt']);
    // A resend of the same file stores nothing new.
    writeFileSync(join(ch.source.remoteDir, 'a-again.hl7'), hl7('S1') + hl7('S2'));
    await handle.pollOnce();
    expect((await rig.controlIds('del')).sort()).toEqual(['S1', 'S2', 'S3']);
  });

  it('moves processed files to a remote moveTo dir, and bad files to errorDir with a report', async () => {
    // moveTo and errorDir do not exist yet: the source creates them on the server.
    const done = join(sshd.root, 'mv', 'done');
    const ch = sftpChannel('mv', { afterProcessing: { moveTo: done }, errorDir: join(sshd.root, 'mv', 'rejected', 'today') });
    const { rig, handle } = await source(ch);
    writeFileSync(join(ch.source.remoteDir, 'good.hl7'), hl7('G1'));
    // The second message has no MSH-9; its PID carries the canary name.
    writeFileSync(join(ch.source.remoteDir, 'bad.hl7'), hl7('G2') + hl7('G3').replace('ADT^A01^ADT_A01', ''));
    writeFileSync(join(ch.source.remoteDir, 'junk.hl7'), 'not hl7 at all\n');
    const result = await handle.pollOnce();
    expect(result.done).toEqual(['good.hl7']);
    expect(result.rejected.sort()).toEqual(['bad.hl7', 'junk.hl7']);
    expect(ls(done)).toEqual(['good.hl7']);
    expect(ls(ch.source.errorDir)).toEqual(['bad.hl7', 'bad.hl7.error.json', 'junk.hl7', 'junk.hl7.error.json']);
    const report = JSON.parse(readFileSync(join(ch.source.errorDir, 'bad.hl7.error.json'), 'utf8'));
    expect(report).toMatchObject({ file: 'bad.hl7', messages: 2, stored: 1, errors: [{ messageIndex: 1, code: 'REQUIRED_FIELD_MISSING' }] });
    expect(JSON.stringify(report)).not.toContain('Zzyzxcanary');
    expect((await rig.controlIds('mv')).sort()).toEqual(['G1', 'G2']);
    expect(rig.logs()).not.toContain('Zzyzxcanary');
  });

  it('refuses a server whose host key does not match the pin, leaving the files alone', async () => {
    const ch = sftpChannel('pin', { hostKeySha256: 'SHA256:' + 'A'.repeat(43) });
    const { rig, handle } = await source(ch);
    writeFileSync(join(ch.source.remoteDir, 'x.hl7'), hl7('P1'));
    expect((await handle.pollOnce()).outcome).toBe('failed');
    expect(rig.logs()).toContain('does not match hostKeySha256');
    expect(ls(ch.source.remoteDir)).toEqual(['x.hl7']);
    expect(await rig.controlIds('pin')).toEqual([]);
  });

  it('one poll at a time per channel across processes: a held lock means no poll', async () => {
    // b polls once a holds the lock (a's poll waits out the 3 s settle with it), not 50 ms after a began: a loaded
    // machine could let a finish first, and b then rightly polled too.
    const ch = sftpChannel('lock', { settleMs: 3000 });
    const a = await source(ch);
    const b = await source(ch);
    for (let i = 0; i < 5; i++) writeFileSync(join(ch.source.remoteDir, `f${i}.hl7`), hl7(`L${i}`));
    const polling = a.handle.pollOnce();
    await until(async () => (await a.rig.redis.exists(pollLockKey(prefix, 'lock'))) === 1, HANG_CEILING_MS, "a's poll lock");
    const rb = await b.handle.pollOnce();
    const ra = await polling;
    expect([ra.outcome, rb.outcome]).toEqual(['polled', 'locked']);
    expect((await a.rig.controlIds('lock')).sort()).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);
    // The lock was released: the other one can poll now.
    expect((await b.handle.pollOnce()).outcome).toBe('polled');
    // Held past the test (the channel is this test's alone): a 5 s lock could lapse before a loaded machine's look.
    await a.rig.redis.set(pollLockKey(prefix, 'lock'), 'someone-else', 'PX', 10 * 60_000);
    expect((await a.handle.pollOnce()).outcome).toBe('locked');
    expect(await a.rig.redis.get(pollLockKey(prefix, 'lock'))).toBe('someone-else'); // not released by a non-holder
  });

  it('leaves a file that is still growing between two listings for the next poll', async () => {
    // A writer stalled for settleMs rightly looks settled: 500 ms was within a loaded machine's reach for the
    // 100 ms sleeps below; 3 s is not. (The settle clock is the source's own: no hook to make this length-free.)
    const ch = sftpChannel('grow', { settleMs: 3000 });
    const { rig, handle } = await source(ch);
    const path = join(ch.source.remoteDir, 'growing.hl7');
    writeFileSync(path, hl7('W1'));
    // Keep writing for as long as the poll runs: its two listings always see different sizes.
    let written = 1;
    let polled = false;
    const polling = handle.pollOnce().finally(() => (polled = true));
    while (!polled) {
      await sleep(100);
      if (!polled) appendFileSync(path, hl7(`W${++written}`));
    }
    const first = await polling;
    expect(first.done).toEqual([]);
    expect(await rig.controlIds('grow')).toEqual([]);
    const second = await handle.pollOnce();
    expect(second.done).toEqual(['growing.hl7']);
    expect((await rig.controlIds('grow')).length).toBe(written);
  });

  it('reconnects with backoff when the server is down, then takes the files', async () => {
    const server = await startSshd({ port: await freePort() });
    const ch = sftpChannel('reconnect', { pollMs: 1000, maxBackoffMs: 2000 }, server);
    await server.halt();
    writeFileSync(join(ch.source.remoteDir, 'later.hl7'), hl7('RC1'));
    const { rig } = await source(ch, true);
    await until(() => (rig.logs().match(/SFTP poll failed/g) ?? []).length >= 2, 15_000, 'two failed polls');
    expect(rig.logs()).toMatch(/"failures":2/);
    const again = await startSshd({ reuse: server });
    try {
      await until(async () => (await rig.controlIds('reconnect')).length === 1, 15_000, 'file taken after reconnect');
      await until(() => ls(ch.source.remoteDir).length === 0, 10_000, 'file removed after reconnect');
    } finally {
      await again.stop();
    }
  });

  it('loses nothing and duplicates nothing when a poller is killed -9 mid-file and another takes over', async () => {
    const ch = sftpChannel('crash', { pollMs: 1000, lockTtlMs: 2000 });
    const total = 300;
    writeFileSync(join(ch.source.remoteDir, 'big.hl7'), Array.from({ length: total }, (_, i) => hl7(`C${i}`)).join(''));
    const rig = await startIntakeRig([ch], prefix, REDIS_URL);
    rigs.push(rig);
    const runChild = (slowMs: number) => {
      const child = spawn(process.execPath, tsChildArgs(join(ROOT, 'test/support/sftp-source-child.ts')), {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', REDIS_URL, PREFIX: prefix, CHANNEL: JSON.stringify(ch), SLOW_ENQUEUE_MS: String(slowMs) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      return { child, out: () => out };
    };
    const first = runChild(10);
    await until(async () => (await rig.controlIds('crash')).length >= 50, 120_000, 'first poller mid-file');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect((await rig.controlIds('crash')).length).toBeLessThan(total);
    expect(ls(ch.source.remoteDir)).toEqual(['big.hl7']); // still on the server: nothing was lost
    const second = runChild(0);
    try {
      await until(() => second.out().includes('processed'), 120_000, 'second poller to finish');
      const ids = await rig.controlIds('crash');
      expect(ids.length).toBe(total);
      expect(new Set(ids).size).toBe(total);
      expect(ls(ch.source.remoteDir)).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  }, 300_000);

  it('a missing password variable or key file is a start-up error naming the field', async () => {
    const rig = await startIntakeRig([], prefix, REDIS_URL);
    rigs.push(rig);
    const noKey = sftpChannel('cfg', { privateKeyPath: '/nonexistent/key' });
    await expect(startSftpSource(noKey, rig.deps, { redis: rig.redis, schedule: false })).rejects.toThrow(/source\.privateKeyPath/);
    const pw = testChannel({ ...noKey, source: { ...noKey.source, privateKeyPath: undefined, passwordEnv: 'HIG_TEST_NO_SUCH_VAR' } }) as SftpChannel;
    await expect(startSftpSource(pw, rig.deps, { redis: rig.redis, schedule: false, env: {} })).rejects.toThrow(/source\.passwordEnv: environment variable HIG_TEST_NO_SUCH_VAR/);
  });
});
