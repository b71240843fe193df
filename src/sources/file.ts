/**
 * File drop source: a directory watched with chokidar (awaitWriteFinish, because it otherwise
 * reports files before they are fully written) plus a periodic sweep for anything it missed.
 *
 * The drop folder may be shared with other accounts, which can plant symbolic links, FIFOs, hard
 * links and half-written files in it. So an entry is examined without following links
 * (regular-file.ts) and read in place: only a complete file (completeness.ts) is taken. It is then
 * claimed by an atomic rename into this process's claim directory (claims.ts), so two processes
 * never take the same file, and checked to be the very file that was read. Every message is
 * enqueued; only then, and only if the file did not change meanwhile, is it acknowledged (ackDir)
 * and deleted or moved (invariant 2). Anything that is not a regular file goes to errorDir unread.
 * A process killed mid-file leaves its claim behind; it is put back later (claims.ts) and the
 * rerun stores nothing twice because job ids derive from sender + MSH-10.
 */
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, readdir, realpath, rename, rmdir, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Channel, FileSource } from '../config/channel.js';
import type { ErrorCode } from '../errors.js';
import type { IntakeDeps } from '../intake.js';
import type { Logger } from '../log.js';
import { fileErrorReport } from './batch-intake.js';
import { takeFile, type FileLook, type FileStore } from './file-take.js';
import { CLAIMS_DIR, openClaimArea, ownerName, recoverClaims, type RefuseEntry } from './claims.js';
import { IncompleteFiles } from './completeness.js';
import { freeName, moveInto, writeAtomic } from './fs-moves.js';
import { nameMatcher } from './glob.js';
import { pinDir } from './pinned-dir.js';
import { kindOf, lstatOrGone, openRegular, readExactly, refusalFor, sameFile, signatureOf, unchanged } from './regular-file.js';

export type FileChannel = Channel & { source: FileSource };

export interface FileSourceHandle {
  /** Runs one sweep now and resolves when every file it found has been handled (tests, `hig` tools). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

const errText = (err: unknown) => ({ code: (err as NodeJS.ErrnoException).code, message: (err as Error).message });
const errCode = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** Configured directories may be links the operator chose: created if missing and resolved once, at start. */
async function realDir(path: string): Promise<string> {
  await mkdir(resolve(path), { recursive: true });
  return realpath(path);
}

export async function startFileSource(channel: FileChannel, deps: IntakeDeps): Promise<FileSourceHandle> {
  const src = channel.source;
  const log: Logger = deps.log.child({ channel: channel.id, source: 'file' });
  const dir = await realDir(src.dir);
  const errorDir = await realDir(src.errorDir);
  const moveTo = src.afterProcessing === 'delete' ? undefined : await realDir(src.afterProcessing.moveTo);
  const ackDir = src.ackDir ? await realDir(src.ackDir) : undefined;
  const self = ownerName(hostname(), process.pid, randomBytes(4).toString('hex'));
  const matches = nameMatcher(src.pattern);
  const incomplete = new IncompleteFiles(src.incompleteTimeoutMs);

  let closed = false;
  /** Names waiting to be processed, in discovery order; one file at a time keeps message order. */
  const pending = new Set<string>();
  let worker: Promise<void> = Promise.resolve();
  let draining = false;
  /** Sweep bookkeeping: size and mtime last seen, so a file growing between sweeps is left alone. */
  const lastSeen = new Map<string, string>();
  /** Files put back after a queue outage: not retried before this time, so an outage is not a busy loop. */
  const deferred = new Map<string, number>();

  /** An entry refused unread: to errorDir with `<name>.error.json`; the detail as recorded. */
  const refuse = async (from: string, name: string, code: ErrorCode, detail: string): Promise<string> => {
    let target: string;
    let reason = detail;
    try {
      target = await moveInto(from, errorDir, name);
    } catch (err) {
      // A FIFO, socket or device cannot be carried to another filesystem: it is removed instead.
      if (errCode(err) !== 'EXDEV') throw err;
      await unlink(from);
      target = await freeName(errorDir, name);
      reason = `${detail}; removed, as errorDir is on another filesystem`;
    }
    await writeAtomic(join(errorDir, `${target}.error.json`), fileErrorReport(target, channel.id, code, reason));
    return reason;
  };

  /** Something planted where a claim directory belongs (a link, a file): refused like a dropped one. */
  const refuseEntry: RefuseEntry = async (path, name, st) => {
    if (!st) return;
    const shown = name.replace(/^\.+/, '');
    const detail = await refuse(path, shown, 'FILE_NOT_REGULAR', `a ${kindOf(st)} stands where a claim directory belongs`);
    log.warn({ file: shown, code: 'FILE_NOT_REGULAR', detail }, 'file refused unread: moved to errorDir');
  };

  const openArea = () => openClaimArea(dir, self, refuseEntry);

  /**
   * Claims `name`, which was examined as `st`, and runs `work` on it in the claim directory. An
   * entry replaced between the look and the rename is not what was examined: it goes back.
   */
  const withClaim = async (name: string, st: Stats, work: (claimed: string) => Promise<void>): Promise<void> => {
    const area = await openArea();
    try {
      const claimed = area.own.entry(name);
      try {
        await rename(join(dir, name), claimed);
      } catch (err) {
        if (errCode(err) === 'ENOENT') return; // taken by another process, or gone
        throw err;
      }
      const now = await lstatOrGone(claimed);
      if (!now) return;
      if (!sameFile(now, st)) {
        await moveInto(claimed, dir, name);
        return;
      }
      try {
        await work(claimed);
      } catch (err) {
        // Never strand it in the claim directory (only other processes recover claims): back to dir.
        await moveInto(claimed, dir, name).catch(() => undefined);
        throw err;
      }
    } finally {
      await area.close();
    }
  };

  type LocalLook = FileLook & { st: Stats };
  const lookOf = (st: Stats): LocalLook => ({ size: st.size, signature: signatureOf(st), refusal: refusalFor(st), st });

  /** The drop directory as a FileStore (file-take.ts): owning a file is claiming it by rename. */
  const store: FileStore<LocalLook> = {
    source: 'file',
    says: { changed: 'file changed after it was claimed: returned to the drop directory', queueUnavailable: 'queue unavailable: file left for a later attempt' },
    onError: 'put-back',
    async look(name) {
      const st = await lstatOrGone(join(dir, name));
      // Directories are never entered nor moved: they may be the operator's.
      return !st || st.isDirectory() ? undefined : lookOf(st);
    },
    async read(name, look, use) {
      const opened = await openRegular(join(dir, name), look.st);
      // Swapped, written to or gone since the lstat: the next sweep looks again.
      if (opened.kind !== 'open') return { kind: 'changed' };
      try {
        const raw = await readExactly(opened.fh, opened.st.size);
        if (!raw) return { kind: 'changed' };
        const value = await use({ bytes: raw, look: lookOf(opened.st), unchanged: async () => unchanged(opened.st, await opened.fh.stat()) });
        return { kind: 'read', value };
      } finally {
        await opened.fh.close();
      }
    },
    async own(name, look, work) {
      let result: Awaited<ReturnType<typeof work>> | undefined;
      await withClaim(name, look.st, async (claimed) => {
        /** Back to the drop directory (never over a newer file of the same name), not retried before pollMs. */
        const putBack = async (why: 'retry' | 'changed') => {
          const back = await moveInto(claimed, dir, name);
          if (why === 'retry') deferred.set(back, Date.now() + src.pollMs);
        };
        result = await work({
          refuse: (code, detail) => refuse(claimed, name, code, detail),
          writeAck: async (text) => {
            if (ackDir) await writeAtomic(join(ackDir, `${name}.ack`), text);
          },
          reject: async (report) => {
            const target = await moveInto(claimed, errorDir, name);
            await writeAtomic(join(errorDir, `${target}.error.json`), report(target));
          },
          finish: async () => {
            if (moveTo) await moveInto(claimed, moveTo, name);
            else await unlink(claimed);
          },
          putBack,
        });
      });
      return result;
    },
  };

  const processOne = async (name: string): Promise<void> => {
    await takeFile(store, name, { channel, deps, log, incomplete });
  };

  const drain = (): Promise<void> => {
    if (draining) return worker;
    draining = true;
    worker = (async () => {
      while (!closed && pending.size > 0) {
        const name = pending.values().next().value as string;
        await processOne(name).catch((err: unknown) => log.error({ file: name, err: errText(err) }, 'cannot handle file; it stays for a later sweep'));
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

  const recover = async (): Promise<void> => {
    const area = await openArea();
    try {
      for (const back of await recoverClaims(area.root, dir, self, src.claimStaleMs, refuseEntry, log)) offer(back);
    } finally {
      await area.close();
    }
  };

  const sweep = async (): Promise<void> => {
    // A recovery that fails (errorDir unwritable for a planted entry, say) must not stop the sweep.
    await recover().catch((err: unknown) => log.warn({ err: errText(err) }, 'claim recovery failed'));
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
      log.warn({ err: errText(err) }, 'cannot read drop directory');
      return [];
    });
    const seen = new Set<string>();
    for (const e of entries) {
      if (e.isDirectory() || !matches(e.name)) continue;
      seen.add(e.name);
      // Links, FIFOs, sockets and devices are refused at once: there is no writer to wait for.
      if (!e.isFile()) {
        offer(e.name);
        continue;
      }
      const st = await lstatOrGone(join(dir, e.name)).catch(() => undefined);
      if (!st) continue;
      const signature = `${st.size}:${st.mtimeMs}`;
      // Taken only when unchanged since the last sweep and quiet for settleMs: a writer may still be at it.
      const stable = lastSeen.get(e.name) === signature && Date.now() - st.mtimeMs >= src.settleMs;
      lastSeen.set(e.name, signature);
      if (stable) offer(e.name);
    }
    for (const n of lastSeen.keys()) if (!seen.has(n)) lastSeen.delete(n);
    incomplete.keepOnly(seen);
    await drain();
  };

  await (await openArea()).close(); // creates the claim directories, refusing anything planted in their place

  // Live owners keep their claim directory fresh even when idle, so nobody takes its claims back.
  const ownerHeartbeat = setInterval(() => {
    void openArea()
      .then(async (area) => {
        try {
          await utimes(area.own.path, new Date(), new Date());
        } finally {
          await area.close();
        }
      })
      .catch(() => undefined);
  }, Math.max(250, Math.floor(src.claimStaleMs / 3)));

  const watcher: FSWatcher = watch(dir, {
    depth: 0,
    ignoreInitial: false,
    followSymlinks: false,
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
      // Only when empty (a claim left behind is recovered later), and never through a planted link.
      const root = await pinDir(join(dir, CLAIMS_DIR)).catch(() => undefined);
      if (root) await rmdir(root.entry(self)).catch(() => undefined).finally(() => root.close());
    },
  };
}
