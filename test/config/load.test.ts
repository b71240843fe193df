/**
 * One loader for start and check-config (src/config/load.ts): every problem of the environment and
 * of every channel file at once, by file and field; secrets and files resolved; the result frozen
 * all the way down. The CLI tests run the compiled `hig` both ways on the same directory.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigProblems } from '../../src/config/problems.js';
import { TEST_KEY_HEX } from '../support/channel.js';
import { channelsDir, cliArgs, ROOT } from '../support/daemon.js';

const run = promisify(execFile);
const mllp = (port: number) => ({ type: 'mllp', host: '127.0.0.1', port });
const sftp = { type: 'sftp', host: '127.0.0.1', username: 'u', remoteDir: '/in', errorDir: '/in/error', hostKeySha256: 'A'.repeat(43) };
const env = (extra: Record<string, string> = {}) => ({ DATA_ENCRYPTION_KEY: TEST_KEY_HEX, ...extra });

function problemsOf(fn: () => unknown): Array<{ file: string; path: string; reason: string }> {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigProblems);
    return (err as ConfigProblems).problems.map((p) => ({ ...p }));
  }
  throw new Error('expected configuration problems');
}

describe('loadConfig', () => {
  it('reports every problem of every file, each with its file and field path', () => {
    const dir = channelsDir([
      { id: 'a', source: mllp(24001), timezone: 'Mars/Olympus', destination: { type: 'fhir', baseUrl: 'http://127.0.0.1:1/fhir', mode: 'transaction', auth: { type: 'bearer', tokenEnv: 'HIG_TEST_UNSET_TOKEN' } } },
      { id: 'b', source: { ...mllp(24001), maxConnections: 0 }, queue: { attempts: 0 } },
      { id: 'hig-maintenance', source: mllp(24003) },
    ]);
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    const problems = problemsOf(() => loadConfig({ env: env(), channelsDir: dir }));
    const where = problems.map((p) => `${p.file.slice(dir.length + 1)} ${p.path}`).sort();
    expect(where).toEqual(['a.json destination.auth.tokenEnv', 'a.json timezone', 'b.json queue.attempts', 'b.json source.maxConnections', 'broken.json (top level)', 'hig-maintenance.json id'].sort());
    expect(problems.find((p) => p.path === 'timezone')!.reason).toContain('Mars/Olympus');
    expect(problems.find((p) => p.path === 'destination.auth.tokenEnv')!.reason).toBe('environment variable HIG_TEST_UNSET_TOKEN is not set');
  });

  it('reports duplicate ids and MLLP ports against the file that has them first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-channels-'));
    writeFileSync(join(dir, 'one.json'), JSON.stringify({ id: 'same', source: mllp(24010) }));
    writeFileSync(join(dir, 'two.json'), JSON.stringify({ id: 'same', source: mllp(24010) }));
    const problems = problemsOf(() => loadConfig({ env: env(), channelsDir: dir }));
    expect(problems.map((p) => [p.path, p.reason])).toEqual([
      ['id', `"same" is already used by ${join(dir, 'one.json')}`],
      ['source.port', `24010 is already used by ${join(dir, 'one.json')}`],
    ]);
  });

  it('resolves the files a channel names: a missing key or certificate file is a problem of that channel', () => {
    const dir = channelsDir([
      { id: 'tls', source: { ...mllp(24020), tls: { certFile: '/nonexistent/cert.pem', keyFile: '/nonexistent/key.pem' } } },
      { id: 'sftp', source: { ...sftp, privateKeyPath: '/nonexistent/id_ed25519' } },
    ]);
    const problems = problemsOf(() => loadConfig({ env: env(), channelsDir: dir }));
    expect(problems.map((p) => p.path).sort()).toEqual(['source.privateKeyPath', 'source.tls.certFile', 'source.tls.keyFile']);
    for (const p of problems) expect(p.reason).toMatch(/^cannot read \/nonexistent\/.+ \(ENOENT\)$/);
  });

  it('a disabled channel is not asked for its secrets (it starts nothing)', () => {
    const dir = channelsDir([{ id: 'off', enabled: false, source: { ...sftp, passwordEnv: 'HIG_TEST_UNSET_PW' } }]);
    expect(loadConfig({ env: env(), channelsDir: dir }).channels.map((c) => c.id)).toEqual(['off']);
  });

  it.each([
    ['all-zero data key', { DATA_ENCRYPTION_KEY: '0'.repeat(64) }, /DATA_ENCRYPTION_KEY: key is too weak/],
    ['short data key', { DATA_ENCRYPTION_KEY: 'abcd' }, /DATA_ENCRYPTION_KEY: expected 32 bytes/],
    ['no data key without --dev', {}, /DATA_ENCRYPTION_KEY is not set/],
    ['a weak old key', { DATA_ENCRYPTION_KEY: TEST_KEY_HEX, DATA_ENCRYPTION_KEYS_OLD: '1'.repeat(64) }, /DATA_ENCRYPTION_KEYS_OLD\[0\]: key is too weak/],
    ['HTTP TLS key file without its certificate', { DATA_ENCRYPTION_KEY: TEST_KEY_HEX, HIG_HTTP_TLS_KEY_FILE: '/nonexistent/k.pem' }, /HIG_HTTP_TLS_KEY_FILE: cannot read \/nonexistent\/k\.pem/],
  ])('environment: %s', (_label, vars, message) => {
    const dir = channelsDir([{ id: 'ok', source: mllp(24030) }]);
    const problems = problemsOf(() => loadConfig({ env: vars, channelsDir: dir }));
    expect(problems.map((p) => p.reason).join('\n')).toMatch(message);
    expect(problems.every((p) => p.file === 'environment')).toBe(true);
  });

  it('every bad environment variable at once', () => {
    const problems = problemsOf(() => loadConfig({ env: { HIG_HTTP_PORT: 'eighty', HIG_PRODUCER_CONNECTIONS: '0' } }));
    expect(problems.map((p) => p.path).sort()).toEqual(['HIG_HTTP_PORT', 'HIG_PRODUCER_CONNECTIONS']);
  });

  it('--dev needs no data key; the result is frozen all the way down', () => {
    const dir = channelsDir([{ id: 'ok', source: mllp(24040), timezone: 'Europe/Amsterdam' }]);
    const config = loadConfig({ env: {}, channelsDir: dir, allowDevKey: true });
    const channel = config.channels[0]!;
    expect(channel.timezone).toBe('Europe/Amsterdam');
    expect(config.files.ok).toBe(join(dir, 'ok.json'));
    for (const part of [config, config.channels, channel, channel.source, channel.queue, channel.queue.priority, channel.accept.messageTypes, config.settings, config.httpLimits]) expect(Object.isFrozen(part)).toBe(true);
    expect(() => {
      (channel.queue as { attempts: number }).attempts = 99;
    }).toThrow(TypeError);
  });
});

describe('hig check-config and hig start use the same loader', () => {
  const hig = (args: string[], vars: Record<string, string>) =>
    run(process.execPath, cliArgs(...args), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HIG_EMBEDDED_REDIS: 'false', REDIS_URL: 'redis://127.0.0.1:1', ...vars } }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('a mistyped timezone and a missing secret: both refuse, naming the channel file and field', async () => {
    const dir = channelsDir([{ id: 'typo', source: mllp(24050), timezone: 'Europe/Amsterdm', destination: { type: 'fhir', baseUrl: 'http://127.0.0.1:1/fhir', mode: 'transaction', auth: { type: 'bearer', tokenEnv: 'HIG_TEST_FHIR_TOKEN' } } }]);
    const file = join(dir, 'typo.json');
    for (const command of [['check-config', '--channels', dir], ['start', '--channels', dir]]) {
      const r = await hig(command, { DATA_ENCRYPTION_KEY: TEST_KEY_HEX });
      expect(r.code, command[0]).toBe(1);
      expect(r.stderr).toContain(`${file}: timezone: "Europe/Amsterdm" is not an IANA time zone`);
      expect(r.stderr).toContain(`${file}: destination.auth.tokenEnv: environment variable HIG_TEST_FHIR_TOKEN is not set`);
    }
  }, 60_000);

  it('an all-zero data key: both refuse', async () => {
    const dir = channelsDir([{ id: 'zero', source: mllp(24060) }]);
    for (const command of [['check-config', '--channels', dir], ['start', '--channels', dir]]) {
      const r = await hig(command, { DATA_ENCRYPTION_KEY: '0'.repeat(64) });
      expect(r.code, command[0]).toBe(1);
      expect(r.stderr).toContain('DATA_ENCRYPTION_KEY: key is too weak');
    }
  }, 60_000);

  it('check-config accepts a good directory and says which channels it read', async () => {
    const dir = channelsDir([{ id: 'good', source: mllp(24070) }]);
    const r = await hig(['check-config', '--channels', dir], { DATA_ENCRYPTION_KEY: TEST_KEY_HEX });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`ok: 1 channel(s) in ${dir}: good\n`);
  }, 60_000);
});
