/**
 * Helpers for file-drop and SFTP tests: channels on fresh temporary directories, file sources on a
 * real Redis, the sealed text of a stored message, and a real writer process that pauses when told.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAIMS_DIR } from '../../src/sources/claims.js';
import { startFileSource, type FileChannel, type FileSourceHandle } from '../../src/sources/file.js';
import { startSftpSource, type SftpChannel, type SftpSourceHandle } from '../../src/sources/sftp.js';
import type { IntakeDeps } from '../../src/intake.js';
import { testChannel } from './channel.js';
import { sleep, startIntakeRig, type IntakeRig } from './intake-deps.js';
import { dropPrefix, REDIS_URL, testPrefix } from './redis.js';
import { startSshd, type TestSshd } from './sshd.js';

/** Names in a directory, sorted, without the claim area. */
export const ls = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n !== CLAIMS_DIR).sort() : []);

/** The `<name>.error.json` reports in an errorDir (written last, after the file they describe). */
export const reportsIn = (dir: string) => ls(dir).filter((n) => n.endsWith('.error.json'));

export interface DropRig {
  fileChannel(id: string, source?: Record<string, unknown>): FileChannel;
  /** A file source on its own intake rig; `deps` adjusts the intake dependencies (e.g. onStored). */
  start(channel: FileChannel, deps?: (d: IntakeDeps) => IntakeDeps): Promise<{ rig: IntakeRig; source: FileSourceHandle }>;
  /** Closes every source and rig started since the last call. */
  cleanup(): Promise<void>;
}

export function dropRig(prefix: string): DropRig {
  const rigs: IntakeRig[] = [];
  const closers: Array<() => Promise<void>> = [];
  return {
    fileChannel(id, source = {}) {
      const base = mkdtempSync(join(tmpdir(), `hig-file-${id}-`));
      return testChannel({
        id,
        accept: { messageTypes: ['ADT^*'] },
        source: { type: 'file', dir: join(base, 'in'), errorDir: join(base, 'error'), pollMs: 200, settleMs: 300, ...source },
      }) as FileChannel;
    },
    async start(channel, deps = (d) => d) {
      const rig = await startIntakeRig([channel], prefix, REDIS_URL);
      rigs.push(rig);
      const source = await startFileSource(channel, deps(rig.deps));
      closers.push(() => source.close());
      return { rig, source };
    },
    async cleanup() {
      for (const c of closers.splice(0)) await c();
      for (const r of rigs.splice(0)) await r.close();
    },
  };
}

export interface SftpRig {
  /** A channel polling `<server root>/<id>/in`, errors to `<id>/error` (both created). */
  sftpChannel(server: TestSshd, id: string, source?: Record<string, unknown>): SftpChannel;
  start(channel: SftpChannel, opts?: { schedule?: boolean; deps?: (d: IntakeDeps) => IntakeDeps }): Promise<{ rig: IntakeRig; handle: SftpSourceHandle }>;
  cleanup(): Promise<void>;
}

export function sftpRig(prefix: string): SftpRig {
  const rigs: IntakeRig[] = [];
  const handles: SftpSourceHandle[] = [];
  return {
    sftpChannel(server, id, source = {}) {
      const dirs = { remoteDir: join(server.root, id, 'in'), errorDir: join(server.root, id, 'error') };
      for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
      return testChannel({
        id,
        accept: { messageTypes: ['ADT^*'] },
        source: {
          type: 'sftp',
          host: server.host,
          port: server.port,
          username: server.username,
          privateKeyPath: server.privateKeyPath,
          hostKeySha256: server.hostKeySha256,
          pollMs: 1000,
          settleMs: 0,
          ...dirs,
          ...source,
        },
      }) as SftpChannel;
    },
    async start(channel, opts = {}) {
      const rig = await startIntakeRig([channel], prefix, REDIS_URL);
      rigs.push(rig);
      const deps = opts.deps ?? ((d) => d);
      const handle = await startSftpSource(channel, deps(rig.deps), { redis: rig.redis, schedule: opts.schedule ?? false });
      handles.push(handle);
      return { rig, handle };
    },
    async cleanup() {
      for (const h of handles.splice(0)) await h.close();
      for (const r of rigs.splice(0)) await r.close();
    },
  };
}

/**
 * The hooks of an SFTP test file: one real sshd for the file, the sources of each test closed after
 * it, the file's Redis keys dropped at the end.
 */
export function sftpSuite(name: string): { sftps: SftpRig; server(): TestSshd } {
  const prefix = testPrefix(name);
  const sftps = sftpRig(prefix);
  let sshd: TestSshd | undefined;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterEach(() => sftps.cleanup());
  afterAll(async () => {
    await sshd?.stop();
    await dropPrefix(prefix);
  });
  return {
    sftps,
    server: () => {
      if (!sshd) throw new Error('sshd not started');
      return sshd;
    },
  };
}

/** The clear text of the stored message with this MSH-10 (opened with the rig's key). */
export async function storedText(rig: IntakeRig, channelId: string, controlId: string): Promise<string[]> {
  const jobs = await rig.queues.get(channelId)!.getJobs(['waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed']);
  return jobs
    .filter((j) => j.data.meta.controlId === controlId)
    .map((j) => rig.deps.keyring.open(j.data.sourceData, { channelId: j.data.channelId, messageId: j.data.messageId, role: 'message' }).toString('latin1'));
}

/** Resolves once `path` has not been modified for `ms`: a pause "longer than settleMs" by construction. */
export async function quietFor(path: string, ms: number): Promise<void> {
  for (;;) {
    const age = Date.now() - statSync(path).mtimeMs;
    if (age >= ms) return;
    await sleep(ms - age + 20);
  }
}

/** A pid that belonged to a process that has exited. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

export interface Writer {
  /** writes (and fsyncs) the text through the writer's one open descriptor; resolves when done */
  write(text: string): Promise<void>;
  /** closes the file and lets the writer exit */
  close(): Promise<void>;
}

/**
 * A separate process that opens `path` once (created, append mode) and writes what it is told, when
 * it is told: a sender's writer that pauses mid-message for as long as the test wants.
 */
export async function startWriter(path: string): Promise<Writer> {
  const script = `
    const fs = require('node:fs');
    const fd = fs.openSync(process.argv[1], 'a');
    let buf = '';
    process.stdin.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\\n')) >= 0) {
        const line = buf.slice(0, i); buf = buf.slice(i + 1);
        if (line === 'close') { fs.closeSync(fd); process.stdout.write('closed\\n'); process.exit(0); }
        fs.writeSync(fd, Buffer.from(JSON.parse(line), 'latin1')); fs.fsyncSync(fd);
        process.stdout.write('ok\\n');
      }
    });
    process.stdout.write('open\\n');`;
  const child = spawn(process.execPath, ['-e', script, path], { stdio: ['pipe', 'pipe', 'inherit'] });
  // Each command is answered by one line; `next` waits for the next answer.
  let answered = 0;
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    for (const _ of d.split('\n').filter(Boolean)) {
      const w = waiters.shift();
      if (w) w();
      else answered++;
    }
  });
  const next = () =>
    new Promise<void>((r) => {
      if (answered > 0) {
        answered--;
        r();
      } else waiters.push(r);
    });
  await next(); // open
  return {
    async write(text) {
      child.stdin.write(JSON.stringify(text) + '\n');
      await next();
    },
    async close() {
      child.stdin.write('close\n');
      await next();
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}
