/**
 * Runs the real `hig` CLI as a child process, compiled (dist/, built by `npm ci` and refreshed by
 * test/support/build.ts before the suite), the way operators run it: no TypeScript loader on a
 * loaded machine, so start-up takes the daemon's own time, not a transpiler's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_KEY_HEX } from './channel.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export function cliArgs(...args: string[]): string[] {
  return [join(ROOT, 'dist/cli.js'), ...args];
}

/** node arguments that run a TypeScript test helper (a child written in TS, e.g. test/support/*-child.ts). */
export function tsChildArgs(file: string, ...args: string[]): string[] {
  return ['--import', 'tsx', file, ...args];
}

export interface DaemonProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output matches; the timeout is only a ceiling for a hung child (a loaded machine can take 20+ s to start one). */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function channelsDir(channels: Array<Record<string, unknown>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hig-channels-'));
  for (const ch of channels) writeFileSync(join(dir, `${String(ch.id)}.json`), JSON.stringify(ch));
  return dir;
}

export function spawnDaemon(command: 'start' | 'worker', env: Record<string, string>): DaemonProcess {
  const child = spawn(process.execPath, cliArgs(command), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_ENCRYPTION_KEY: TEST_KEY_HEX, LOG_LEVEL: 'info', HIG_EMBEDDED_REDIS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return {
    child,
    output: () => out,
    async waitFor(text, timeoutMs = 120_000) {
      const started = Date.now();
      while (!(typeof text === 'string' ? out.includes(text) : text.test(out))) {
        if (child.exitCode !== null) throw new Error(`daemon exited (${child.exitCode}) before "${String(text)}":\n${out}`);
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for "${String(text)}":\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop(signal = 'SIGTERM') {
      return new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res(child.exitCode);
        child.once('exit', (code) => res(code));
        child.kill(signal);
      });
    },
  };
}

/**
 * For CLI runs that must read Redis directly: an admin URL where no daemon answers (port 1 is
 * never bound here), so a daemon another test runs on the default port is not asked instead.
 */
export const NO_DAEMON = { HIG_ADMIN_URL: 'http://127.0.0.1:1' } as const;
