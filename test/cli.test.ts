/**
 * The `hig` command in an operator's hands: --version, --help for every command, quiet broken
 * pipes, and state read from the running daemon (whatever the local prefix and channel files say),
 * with a clear refusal when neither the daemon nor the configured prefix holds the channel.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { channelsDir, cliArgs, NO_DAEMON, ROOT, spawnDaemon, type DaemonProcess } from './support/daemon.js';
import { dropPrefix, freePort, REDIS_URL, testPrefix } from './support/redis.js';

const run = promisify(execFile);
type Failed = { code: number; stdout: string; stderr: string };
const hig = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, cliArgs(...args), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...NO_DAEMON, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: Failed) => e,
  );

const COMMANDS = [
  ['start'],
  ['worker'],
  ['check-config'],
  ['send'],
  ['convert'],
  ['status'],
  ['stats'],
  ['dlq', 'list'],
  ['dlq', 'replay'],
  ['alerts', 'list'],
  ['alerts', 'ack'],
  ['alerts', 'resolve'],
  ['apikey', 'create'],
  ['apikey', 'list'],
  ['apikey', 'revoke'],
  ['rotate-keys'],
];

describe('hig --version and --help', () => {
  it('prints the package version', async () => {
    const r = await hig(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('lists every command, and each answers --help with its usage, exit 0', async () => {
    const top = await hig(['--help']);
    expect(top.code).toBe(0);
    for (const [name] of COMMANDS) expect(top.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    for (const cmd of COMMANDS) {
      const r = await hig([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toContain(`Usage: hig ${cmd.join(' ')} `);
    }
  }, 120_000);

  it('hig --help loads commander and the CLI file only: no config, Redis, logger or conversion', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-modules-'));
    const log = join(dir, 'modules.log');
    writeFileSync(log, '');
    const r = await hig(['--help'], { HIG_MODULE_LOG: log, NODE_OPTIONS: `--import ${join(ROOT, 'test/support/record-modules.mjs')}` });
    expect(r.code).toBe(0);
    const loaded = readFileSync(log, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('node:'));
    // the recorder saw the CLI itself, so an empty list cannot pass
    expect(loaded.some((l) => l.endsWith('dist/cli.js'))).toBe(true);
    const ours = loaded.filter((l) => l.startsWith('file:') || l.startsWith('.'));
    expect(ours.filter((l) => !/dist\/cli\.js$|^\.\/index\.js$|node_modules\/commander\//.test(l))).toEqual([]);
    expect(loaded.filter((l) => !l.startsWith('file:') && !l.startsWith('.'))).toEqual(['commander']);
  });

  it('a usage error exits 64 with the command\'s help', async () => {
    const r = await hig(['dlq', 'replay', 'adt']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('hig: dlq replay needs --id ID');
    expect(r.stderr).toContain('Usage: hig dlq replay');
  });
});

describe('broken pipe', () => {
  it('`hig convert … | head -c 100` exits 0 without a stack trace once the reader is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-pipe-'));
    const one = readFileSync(join(ROOT, 'samples/adt_a01.hl7'), 'latin1').trim();
    // ~100 Bundles: far more than a pipe buffer holds, so writes after head exits fail with EPIPE
    writeFileSync(join(dir, 'many.hl7'), Array.from({ length: 100 }, (_, i) => one.replace(/\|ADT0001\|/, `|P${i}|`)).join('\r'));
    const r = spawnSync('bash', ['--norc', '--noprofile', '-o', 'pipefail', '-c', `"${process.execPath}" dist/cli.js convert "${join(dir, 'many.hl7')}" | head -c 100 >/dev/null`], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 300_000);
});

describe('state from the running daemon', () => {
  const prefix = testPrefix('cli-daemon');
  const token = 'cli-test-admin-token-0123456789';
  let daemon: DaemonProcess;
  let httpPort: number;
  beforeAll(async () => {
    httpPort = await freePort();
    daemon = spawnDaemon('start', {
      REDIS_URL,
      HIG_QUEUE_PREFIX: prefix,
      HIG_HTTP_PORT: String(httpPort),
      HIG_ADMIN_TOKEN: token,
      HIG_CHANNELS_DIR: channelsDir([{ id: 'ward7', source: { type: 'mllp', host: '127.0.0.1', port: await freePort() }, destination: { type: 'none' } }]),
    });
    await daemon.waitFor('hig started');
  }, 180_000);
  afterAll(async () => {
    await daemon?.stop('SIGKILL');
    await dropPrefix(prefix);
    // the forgotten-prefix run opened the queue under the default prefix (BullMQ writes its meta)
    const r = new Redis(REDIS_URL);
    await r.del('hig:ward7:meta');
    r.disconnect();
  });

  it('hig stats shows the daemon\'s channels though the local prefix and channel files differ; `| head -1` exits 0', async () => {
    // the operator's shell: default prefix, the repository's sample channels
    const env = { HIG_HTTP_PORT: String(httpPort), HIG_ADMIN_TOKEN: token, REDIS_URL, HIG_ADMIN_URL: '' };
    const r = await hig(['stats'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ward7: active 0, waiting 0, completed 0, failed 0/m);
    expect(r.stdout).not.toContain('adt-in');
    const list = await hig(['dlq', 'list', 'ward7'], env);
    expect(list.stdout.trim()).toBe('ward7: dead-letter queue is empty');
    const piped = spawnSync('bash', ['--norc', '--noprofile', '-o', 'pipefail', '-c', `"${process.execPath}" dist/cli.js stats | head -1`], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
    expect(piped.status).toBe(0);
    expect(piped.stdout.trim()).toMatch(/^ward7: /);
    expect(piped.stderr).toBe('');
  }, 60_000);

  it('without the daemon\'s token: one line naming HIG_ADMIN_TOKEN, exit 1', async () => {
    const r = await hig(['stats'], { HIG_HTTP_PORT: String(httpPort), HIG_ADMIN_URL: '' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('HIG_ADMIN_TOKEN');
  });

  it('no daemon and a forgotten HIG_QUEUE_PREFIX: says so, never "dead-letter queue is empty"', async () => {
    const r = await hig(['dlq', 'list', 'ward7', '--channels', channelsDir([{ id: 'ward7', source: { type: 'http' } }])], { REDIS_URL });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no hig daemon answers at http://127.0.0.1:1');
    expect(r.stderr).toContain('nothing of channel "ward7" exists in Redis under prefix "hig"');
    expect(r.stderr).toContain('HIG_QUEUE_PREFIX');
    // with the daemon's prefix, Redis directly: the queue exists and is empty
    const right = await hig(['dlq', 'list', 'ward7', '--channels', channelsDir([{ id: 'ward7', source: { type: 'http' } }])], { REDIS_URL, HIG_QUEUE_PREFIX: prefix });
    expect(right.code).toBe(0);
    expect(right.stdout.trim()).toBe('ward7: dead-letter queue is empty');
  }, 60_000);
});
