/**
 * File drop source: the local drop directory as a `FileStore` (file-take.ts) for the one poller
 * (file-poller.ts), which sweeps it every `pollMs`; a chokidar watcher wakes the poller as soon as
 * something is added or written, so files are taken without waiting for the period.
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
import type { FileLook, FileStore } from './file-take.js';
import { startPoller, type ListedEntry, type PollSession } from './file-poller.js';
import { CLAIMS_DIR, openClaimArea, ownerName, recoverClaims, type RefuseEntry } from './claims.js';
import { freeName, moveInto, writeAtomic } from './fs-moves.js';
import { pinDir } from './pinned-dir.js';
import { kindOf, lstatOrGone, openRegular, readExactly, refusalFor, sameFile, signatureOf, unchanged } from './regular-file.js';

export type FileChannel = Channel & { source: FileSource };

export interface FileSourceHandle {
  /** One poll now (after any in progress); resolves when every file it took was handled (tests, `hig` tools). */
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

/** The local drop directory, claim area included, as polls see it. */
export interface LocalDrop {
  /** the drop directory, resolved */
  readonly dir: string;
  /** a poll's session: claims abandoned by stopped processes are put back first */
  open(): Promise<PollSession<LocalLook>>;
  /** stops the claim heartbeat and removes this process's (empty) claim directory */
  close(): Promise<void>;
}

type LocalLook = FileLook & { st: Stats };
const lookOf = (st: Stats): LocalLook => ({ size: st.size, signature: signatureOf(st), refusal: refusalFor(st), st });

export async function openLocalDrop(channel: FileChannel, log: Logger): Promise<LocalDrop> {
  const src = channel.source;
  const dir = await realDir(src.dir);
  const errorDir = await realDir(src.errorDir);
  const moveTo = src.afterProcessing === 'delete' ? undefined : await realDir(src.afterProcessing.moveTo);
  const ackDir = src.ackDir ? await realDir(src.ackDir) : undefined;
  const self = ownerName(hostname(), process.pid, randomBytes(4).toString('hex'));

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
      // Swapped, written to or gone since the lstat: the next poll looks again.
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
        result = await work({
          refuse: (code, detail) => refuse(claimed, name, code, detail),
          writeAck: async (bytes) => {
            if (ackDir) await writeAtomic(join(ackDir, `${name}.ack`), bytes);
          },
          reject: async (report) => {
            const target = await moveInto(claimed, errorDir, name);
            await writeAtomic(join(errorDir, `${target}.error.json`), report(target));
          },
          finish: async () => {
            if (moveTo) await moveInto(claimed, moveTo, name);
            else await unlink(claimed);
          },
          // Back to the drop directory, never over a newer file of the same name.
          putBack: async () => void (await moveInto(claimed, dir, name)),
        });
      });
      return result;
    },
  };

  /** Everything but directories: links, FIFOs and the like are listed so that they can be refused. */
  const list = async (): Promise<ListedEntry[]> => {
    const listed: ListedEntry[] = [];
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.isDirectory()) continue;
      if (!e.isFile()) {
        listed.push({ name: e.name, regular: false, size: 0, mtimeMs: 0 });
        continue;
      }
      const st = await lstatOrGone(join(dir, e.name)).catch(() => undefined);
      if (st) listed.push({ name: e.name, regular: st.isFile(), size: st.size, mtimeMs: st.mtimeMs });
    }
    return listed;
  };

  const recover = async (): Promise<void> => {
    const area = await openArea();
    try {
      await recoverClaims(area.root, dir, self, src.claimStaleMs, refuseEntry, log);
    } finally {
      await area.close();
    }
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

  return {
    dir,
    async open() {
      // A recovery that fails (errorDir unwritable for a planted entry, say) must not stop the poll.
      await recover().catch((err: unknown) => log.warn({ err: errText(err) }, 'claim recovery failed'));
      return { store, list, held: () => true, end: async () => undefined };
    },
    async close() {
      clearInterval(ownerHeartbeat);
      // Only when empty (a claim left behind is recovered later), and never through a planted link.
      const root = await pinDir(join(dir, CLAIMS_DIR)).catch(() => undefined);
      if (root) await rmdir(root.entry(self)).catch(() => undefined).finally(() => root.close());
    },
  };
}

export async function startFileSource(channel: FileChannel, deps: IntakeDeps): Promise<FileSourceHandle> {
  const src = channel.source;
  const log: Logger = deps.log.child({ channel: channel.id, source: 'file' });
  const drop = await openLocalDrop(channel, log);
  const dir = drop.dir;
  // The watcher only says when to look; the poller decides what is taken (and sweeps every pollMs
  // for anything the watcher missed). Errors and overflows lose nothing but latency.
  const watcher: FSWatcher = watch(dir, {
    depth: 0,
    ignoreInitial: true,
    followSymlinks: false,
    ignored: (path) => resolve(path) !== dir && basename(path).startsWith('.'),
  });
  watcher.on('error', (err) => log.warn({ err: errText(err) }, 'watcher error; the sweep keeps the directory covered'));
  await new Promise<void>((res) => watcher.once('ready', () => res()));
  const poller = startPoller({ ctx: { channel, deps, log }, open: () => drop.open() });
  for (const event of ['add', 'change'] as const) {
    watcher.on(event, (path) => {
      if (resolve(path, '..') === dir) poller.wake();
    });
  }
  log.info({ dir: src.dir, pattern: src.pattern }, 'file source watching');

  return {
    sweep: async () => void (await poller.poll()),
    async close() {
      await poller.stop();
      await watcher.close();
      await drop.close();
    },
  };
}
