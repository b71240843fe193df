/** Runs the real `hig` CLI as a child process (from source through tsx), the way operators run it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_KEY_HEX } from './channel.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export function cliArgs(...args: string[]): string[] {
  return ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args];
}

export interface DaemonProcess {
  child: ChildProcess;
  output(): string;
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
    // Generous: a tsx start on a loaded machine (load average 20 on 2 cores) took 15–25 s.
    async waitFor(text, timeoutMs = 45_000) {
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
