/**
 * File drop source: a directory watched with chokidar (awaitWriteFinish, because it otherwise
 * reports files before they are fully written) plus a periodic sweep for anything it missed.
 *
 * A file is claimed by an atomic rename into `<dir>/.hig-claims/<host>~<pid>~<nonce>/` before it is read,
 * so two processes never take the same file. Every message is enqueued, and only then is the file
 * deleted or moved (invariant 2). A process killed mid-file leaves its claim behind; the next start
 * on the same host (owner pid gone) or any process once the claim is stale puts the file back, and
 * the rerun stores nothing twice because job ids derive from sender + MSH-10.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, rename, rmdir, stat, unlink, utimes } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Channel, FileSource } from '../config/channel.js';
import type { IntakeDeps } from '../intake.js';
import type { Logger } from '../log.js';
import { batchAck, errorReport, fileErrorReport, intakeFile, normalizeFileBytes, type FileVerdict } from './batch-intake.js';
import { moveInto, writeAtomic } from './fs-moves.js';
import { nameMatcher } from './glob.js';

export type FileChannel = Channel & { source: FileSource };

export const CLAIMS_DIR = '.hig-claims';

export interface FileSourceHandle {
  /** Runs one sweep now and resolves when every file it found has been handled (tests, `hig` tools). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Claim directory names carry host and pid so a restart can tell a dead owner from a live one, plus
 * a per-start nonce: two containers with the same host name and pid 1 sharing a volume must never
 * share a claim directory.
 */
export function ownerName(host: string, pid: number, nonce: string): string {
  return `${host.replace(/[^A-Za-z0-9_.-]/g, '_')}~${pid}~${nonce.replace(/[^A-Za-z0-9]/g, '')}`;
}

export function parseOwner(name: string): { host: string; pid: number } | undefined {
  const m = /^(.+)~(\d+)~[A-Za-z0-9]*$/.exec(name);
  return m ? { host: m[1]!, pid: Number(m[2]) } : undefined;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether another owner's claims may be taken back: same host and its process is gone, or its
 * claims have not been refreshed for `staleMs` (another host, or a reused pid).
 */
export function claimAbandoned(owner: string, self: string, newestMtimeMs: number, now: number, staleMs: number, alive = pidAlive): boolean {
  if (owner === self) return false;
  const parsed = parseOwner(owner);
  const me = parseOwner(self);
  if (parsed && me && parsed.host === me.host && !alive(parsed.pid)) return true;
  return now - newestMtimeMs > staleMs;
}

const errText = (err: unknown) => ({ code: (err as NodeJS.ErrnoException).code, message: (err as Error).message });

export async function startFileSource(channel: FileChannel, deps: IntakeDeps): Promise<FileSourceHandle> {
  const src = channel.source;
  const log: Logger = deps.log.child({ channel: channel.id, source: 'file' });
  const dir = resolve(src.dir);
  const errorDir = resolve(src.errorDir);
  const moveTo = src.afterProcessing === 'delete' ? undefined : resolve(src.afterProcessing.moveTo);
  const ackDir = src.ackDir ? resolve(src.ackDir) : undefined;
  const claimsRoot = join(dir, CLAIMS_DIR);
  const self = ownerName(hostname(), process.pid, randomBytes(4).toString('hex'));
  const claimDir = join(claimsRoot, self);
  const matches = nameMatcher(src.pattern);
  for (const d of [dir, errorDir, claimDir, moveTo, ackDir]) if (d) await mkdir(d, { recursive: true });

  let closed = false;
  /** Names waiting to be processed, in discovery order; one file at a time keeps message order. */
  const pending = new Set<string>();
  let worker: Promise<void> = Promise.resolve();
  let draining = false;
  /** Sweep bookkeeping: size and mtime last seen, so a file growing between sweeps is left alone. */
  const lastSeen = new Map<string, string>();
  /** Files put back after a queue outage: not retried before this time, so an outage is not a busy loop. */
  const deferred = new Map<string, number>();

  const processOne = async (name: string): Promise<void> => {
    const claimed = join(claimDir, name);
    try {
      await mkdir(claimDir, { recursive: true }); // cheap, and repairs a claim dir removed by hand
      await rename(join(dir, name), claimed);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn({ file: name, err: errText(err) }, 'cannot claim file');
      return; // taken by another process, or gone
    }
    // The claim's mtime is its heartbeat: refreshed while we work so nobody thinks it abandoned.
    const touch = () => utimes(claimed, new Date(), new Date()).catch(() => undefined);
    await touch();
    const heartbeat = setInterval(() => void touch(), Math.max(250, Math.floor(src.claimStaleMs / 3)));
    const started = Date.now();
    try {
      const size = (await stat(claimed)).size;
      if (size > src.maxFileBytes) {
        await rejectWhole(name, claimed, fileErrorReport(name, channel.id, 'FRAME_TOO_LARGE', `file is ${size} bytes, more than maxFileBytes (${src.maxFileBytes})`));
        log.warn({ file: name, bytes: size }, 'file too large: moved to errorDir');
        return;
      }
      const bytes = normalizeFileBytes(await readFile(claimed), src.encoding);
      const verdict = await intakeFile(bytes, channel, { source: 'file', fileName: name }, deps);
      await settle(name, claimed, verdict, started);
    } catch (err) {
      // Unexpected (disk full, permissions): put the file back for a later attempt.
      log.error({ file: name, err: errText(err) }, 'file processing failed; file returned to the drop directory');
      const back = await moveInto(claimed, dir, name).catch(() => name);
      deferred.set(back, Date.now() + src.pollMs);
    } finally {
      clearInterval(heartbeat);
    }
  };

  const rejectWhole = async (name: string, claimed: string, report: string): Promise<void> => {
    const target = await moveInto(claimed, errorDir, name);
    await writeAtomic(join(errorDir, `${target}.error.json`), report);
  };

  const settle = async (name: string, claimed: string, verdict: FileVerdict, started: number): Promise<void> => {
    if (verdict.kind === 'retry') {
      // Never rename over a newer file of the same name the sender dropped meanwhile.
      const back = await moveInto(claimed, dir, name);
      deferred.set(back, Date.now() + src.pollMs);
      log.warn({ file: name, stored: verdict.stored, code: verdict.refusal.code }, 'queue unavailable: file left for a later attempt');
      return;
    }
    if (ackDir) await writeAtomic(join(ackDir, `${name}.ack`), batchAck(verdict.receipts, name));
    if (verdict.kind === 'rejected') {
      // A crash between the move and the report leaves the file in errorDir without one; the log says why.
      const target = await moveInto(claimed, errorDir, name);
      await writeAtomic(join(errorDir, `${target}.error.json`), errorReport(target, verdict, channel.id));
      log.warn(
        { file: name, messages: verdict.messages, stored: verdict.stored, refused: verdict.refusals.length, codes: [...new Set(verdict.refusals.map((r) => r.code))] },
        'file had messages that cannot be taken: moved to errorDir',
      );
      return;
    }
    if (moveTo) await moveInto(claimed, moveTo, name);
    else await unlink(claimed);
    log.info({ file: name, messages: verdict.stored, ms: Date.now() - started }, 'file processed');
  };

  const drain = (): Promise<void> => {
    if (draining) return worker;
    draining = true;
    worker = (async () => {
      while (!closed && pending.size > 0) {
        const name = pending.values().next().value as string;
        await processOne(name);
        pending.delete(name);
      }
    })().finally(() => {
      draining = false;
    });
    return worker;
  };

  const offer = (name: string) => {
    if (closed || !matches(name)) return;
    const notBefore = deferred.get(name);
    if (notBefore !== undefined && Date.now() < notBefore) return;
    deferred.delete(name);
    pending.add(name);
    void drain();
  };

  /** Other owners' abandoned claims go back to the drop directory, where they are taken normally. */
  const recoverClaims = async (): Promise<void> => {
    const owners = await readdir(claimsRoot).catch(() => [] as string[]);
    for (const owner of owners) {
      if (owner === self) continue;
      const ownerDir = join(claimsRoot, owner);
      const names = await readdir(ownerDir).catch(() => [] as string[]);
      // The directory's own mtime is the owner's idle heartbeat; its files' mtimes the busy one.
      let newest = (await stat(ownerDir).catch(() => undefined))?.mtimeMs ?? 0;
      for (const n of names) newest = Math.max(newest, (await stat(join(ownerDir, n)).catch(() => undefined))?.mtimeMs ?? 0);
      if (!claimAbandoned(owner, self, newest, Date.now(), src.claimStaleMs)) continue;
      for (const n of names) {
        try {
          const back = await moveInto(join(ownerDir, n), dir, n);
          log.warn({ file: back, owner }, 'recovered a file claimed by a process that stopped; processing it again');
          offer(back);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn({ file: n, err: errText(err) }, 'cannot recover claimed file');
        }
      }
      await rmdir(ownerDir).catch(() => undefined);
    }
  };

  const sweep = async (): Promise<void> => {
    await recoverClaims();
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
      log.warn({ err: errText(err) }, 'cannot read drop directory');
      return [];
    });
    const seen = new Set<string>();
    for (const e of entries) {
      if (!e.isFile() || !matches(e.name)) continue;
      seen.add(e.name);
      const st = await stat(join(dir, e.name)).catch(() => undefined);
      if (!st) continue;
      const signature = `${st.size}:${st.mtimeMs}`;
      // Taken only when unchanged since the last sweep and quiet for settleMs: a writer may still be at it.
      const stable = lastSeen.get(e.name) === signature && Date.now() - st.mtimeMs >= src.settleMs;
      lastSeen.set(e.name, signature);
      if (stable) offer(e.name);
    }
    for (const n of lastSeen.keys()) if (!seen.has(n)) lastSeen.delete(n);
    await drain();
  };

  // Live owners keep their claim directory fresh even when idle, so nobody removes it under them.
  const ownerHeartbeat = setInterval(() => {
    void mkdir(claimDir, { recursive: true })
      .then(() => utimes(claimDir, new Date(), new Date()))
      .catch(() => undefined);
  }, Math.max(250, Math.floor(src.claimStaleMs / 3)));

  const watcher: FSWatcher = watch(dir, {
    depth: 0,
    ignoreInitial: false,
    awaitWriteFinish: { stabilityThreshold: src.settleMs, pollInterval: Math.min(100, src.settleMs) },
    ignored: (path) => resolve(path) !== dir && basename(path).startsWith('.'),
  });
  watcher.on('add', (path) => {
    if (resolve(path, '..') === dir) offer(basename(path));
  });
  watcher.on('error', (err) => log.warn({ err: errText(err) }, 'watcher error; the sweep keeps the directory covered'));
  await new Promise<void>((res) => watcher.once('ready', () => res()));

  let sweeping: Promise<void> | undefined;
  const runSweep = () => {
    if (closed || sweeping) return;
    sweeping = sweep()
      .catch((err: unknown) => log.warn({ err: errText(err) }, 'sweep failed'))
      .finally(() => (sweeping = undefined));
  };
  const timer = setInterval(runSweep, src.pollMs);
  runSweep();
  log.info({ dir: src.dir, pattern: src.pattern }, 'file source watching');

  return {
    sweep: async () => {
      await sweeping;
      // Two passes: the first records sizes, the second takes files unchanged since.
      await sweep();
      await sweep();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      clearInterval(ownerHeartbeat);
      await watcher.close();
      await sweeping;
      await worker;
      await rmdir(claimDir).catch(() => undefined); // only when empty: a claim left behind is recovered later
    },
  };
}
