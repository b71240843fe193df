/**
 * Logs that fit: repeated identical warnings/errors collapse into one "repeated N times" line per
 * window (unit, then a real daemon whose private Redis is killed); pretty lines with --dev.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from './support/log.js';
import { channelsDir, cliArgs, ROOT, spawnDaemon } from './support/daemon.js';
import { freePort, REDIS_URL, startPrivateRedis, testPrefix, dropPrefix } from './support/redis.js';
import { TEST_KEY_HEX } from './support/channel.js';
import { until } from './support/worker.js';

const lines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; msg: string; repeated?: number; windowMs?: number; channel?: string });

describe('collapsing repeated errors', () => {
  it('logs the first of a burst, then one line with the count when the window closes', async () => {
    const { log, text } = memoryLogger('info', 300);
    for (let i = 0; i < 50; i++) log.error({ err: { message: 'connect ECONNREFUSED 127.0.0.1:6390' } }, 'worker error');
    log.child({ channel: 'lab' }).error({ err: { message: 'connect ECONNREFUSED 127.0.0.1:6390' } }, 'worker error');
    log.error({ err: { message: 'other' } }, 'worker error');
    for (let i = 0; i < 3; i++) log.info({ messageId: 'm' }, 'not collapsed below warn');
    expect(lines(text()).filter((l) => l.msg === 'worker error')).toHaveLength(3);
    await until(() => lines(text()).some((l) => l.repeated !== undefined), 10_000);
    const repeated = lines(text()).filter((l) => l.repeated !== undefined);
    expect(repeated).toHaveLength(1);
    expect(repeated[0]).toMatchObject({ level: 50, repeated: 49 });
    expect(repeated[0]!.msg).toMatch(/^worker error \(repeated 49 more times in \d+ s\)$/);
    expect(lines(text()).filter((l) => l.msg === 'not collapsed below warn')).toHaveLength(3);
  });

  it('a daemon whose Redis goes away logs a few lines and counts, not a line per retry', async () => {
    const redis = await startPrivateRedis();
    const port = await freePort();
    const daemon = spawnDaemon('start', {
      REDIS_URL: redis.url,
      HIG_HTTP_PORT: String(await freePort()),
      HIG_QUEUE_PREFIX: testPrefix('log-down'),
      // A 2 s window (default 10 s): the count line comes 2 s after the first error, not 10 s.
      HIG_LOG_COLLAPSE_MS: '2000',
      HIG_CHANNELS_DIR: channelsDir([{ id: 'down', source: { type: 'mllp', host: '127.0.0.1', port }, destination: { type: 'none' } }]),
    });
    try {
      await daemon.waitFor('hig started');
      const before = daemon.output().length;
      await redis.stop();
      // the first window closes 2 s after the first error; a loaded machine may take longer
      await daemon.waitFor(/"repeated":\d+/, 120_000);
      const after = lines(daemon.output().slice(before)).filter((l) => l.level >= 40);
      const counted = after.reduce((n, l) => n + (l.repeated ?? 0), 0);
      expect(counted).toBeGreaterThan(0);
      // every count line carries the window the daemon was given
      expect(new Set(after.filter((l) => l.repeated !== undefined).map((l) => l.windowMs))).toEqual(new Set([2000]));
      // every line logged is either a first occurrence or a count: no two identical lines in a window
      const firsts = after.filter((l) => l.repeated === undefined).map((l) => JSON.stringify({ ...l, time: 0, pid: 0 }));
      expect(new Set(firsts).size).toBe(firsts.length);
    } finally {
      await daemon.stop('SIGKILL');
      await redis.stop();
    }
  }, 240_000);
});

describe('pretty logs', () => {
  it('hig start --dev writes human lines, not JSON; without it, JSON', async () => {
    const prefix = testPrefix('log-pretty');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_ENCRYPTION_KEY: TEST_KEY_HEX,
      HIG_EMBEDDED_REDIS: 'false',
      // the log format is under test, not the store: without this the daemon opens the embedded store under data/
      // (a WASM PostgreSQL start, seconds of CPU) shared with any `npm start` on this checkout
      HIG_STORE_ENABLED: 'false',
      REDIS_URL,
      HIG_QUEUE_PREFIX: prefix,
      HIG_HTTP_PORT: String(await freePort()),
      HIG_CHANNELS_DIR: channelsDir([{ id: 'pretty', source: { type: 'mllp', host: '127.0.0.1', port: await freePort() }, destination: { type: 'none' } }]),
    };
    const child = spawn(process.execPath, cliArgs('start', '--dev'), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      await until(() => out.includes('hig started') || child.exitCode !== null, 120_000);
      const line = out.split('\n').find((l) => l.includes('hig started'));
      if (line === undefined) throw new Error(`hig start --dev exited ${child.exitCode} before "hig started": ${err.slice(-500)}`);
      expect(line.startsWith('{')).toBe(false);
      expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO.*hig started/);
    } finally {
      child.kill('SIGKILL');
      await dropPrefix(prefix);
    }
    const json = spawnDaemon('start', { ...env, HIG_HTTP_PORT: String(await freePort()) });
    try {
      await json.waitFor('hig started');
      const line = json.output().split('\n').find((l) => l.includes('hig started'))!;
      expect(JSON.parse(line)).toMatchObject({ level: 30, msg: 'hig started' });
    } finally {
      await json.stop('SIGKILL');
    }
  }, 240_000);
});
