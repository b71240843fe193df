/**
 * Writing one file atomically and never over another: the content goes to a temp file with an
 * unpredictable name created exclusively (O_EXCL, O_NOFOLLOW) in the target directory, written
 * durably (O_SYNC: on disk when the write returns, as write + fsync), then hard-linked to its name
 * and the directory fsynced before the file counts as written: link() fails with EEXIST instead of replacing, and does not
 * follow a symlink planted at the name. An existing file with the SAME bytes means this message was
 * already written (a retry after a crash between link and ACK): the delivery is idempotent. A
 * different file there gets the next suffix (`-1`, `-2`, …). The temp file is always removed.
 */
import { randomUUID } from 'node:crypto';
import { close as closeCb, constants, fstat as fstatCb, fsync as fsyncCb, open as openCb, stat as statCb, type Stats, write as writeCb } from 'node:fs';
import { link, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { withSuffix } from './name.js';

/** How many suffixes we try before giving up (a template that collides this often is a config problem). */
export const MAX_SUFFIX = 100;

export type WriteResult = { written: true; name: string } | { written: false; name: string; reason: 'same-content' };

async function sameContent(path: string, body: Buffer): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return false; // a symlink (ELOOP), gone, unreadable: not our file
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size !== body.length) return false;
    const existing = Buffer.alloc(body.length);
    const { bytesRead } = await handle.read(existing, 0, body.length, 0);
    return bytesRead === body.length && existing.equals(body);
  } finally {
    await handle.close();
  }
}

/** One directory's group commit: the syncs asked for, whether one runs, and the directory's descriptor while busy. */
interface DirectorySyncs {
  running: boolean;
  waiting: Array<{ resolve(): void; reject(err: unknown): void }>;
  /** open while syncs follow one another (module comment of syncDirectory); closed when none waits */
  fd?: number;
  /** the inode fd names, to see that the path still names it (stillNamed) */
  ino?: number;
  dev?: number;
}

/**
 * Directory fsyncs as a group commit: a request is answered by a sync that STARTS after it was made
 * (so after the caller's link), and every request made while one sync runs is answered by the
 * next one. Concurrent deliveries to one folder (a destination queue's concurrency, a channel job's
 * first tries) then share a sync instead of each paying open + fsync + close (profiled: three
 * thread-pool round trips of the nine a file cost). The directory stays open while syncs follow one
 * another, so a busy folder pays one fsync per group, not open + fsync + close; it is closed as soon
 * as no request waits (an idle destination holds no descriptor; the next burst opens it afresh, by
 * its path, as before), and each later sync first checks (one stat) that the path still names it,
 * reopening a folder replaced mid-burst. A failed sync fails every request it was to answer and closes the directory.
 */
const directorySyncs = new Map<string, DirectorySyncs>();

function syncDirectory(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let state = directorySyncs.get(dir);
    if (state === undefined) {
      state = { running: false, waiting: [] };
      directorySyncs.set(dir, state);
    }
    state.waiting.push({ resolve, reject });
    if (!state.running) startDirectorySync(dir, state);
  });
}

function startDirectorySync(dir: string, state: DirectorySyncs): void {
  const answered = state.waiting.splice(0);
  state.running = true;
  const sync = async () => {
    // A folder replaced since the kept descriptor was opened: the links just made went into the new
    // one, so syncing the old would count them written unsynced; reopen by the path.
    if (state.fd !== undefined && !(await stillNamed(dir, state))) closeKept(state);
    if (state.fd === undefined) {
      const fd = await fsCall<number>((cb) => openCb(dir, constants.O_RDONLY | constants.O_DIRECTORY, cb));
      state.fd = fd;
      const st = await fsCall<Stats>((cb) => fstatCb(fd, cb));
      state.ino = st.ino;
      state.dev = st.dev;
    }
    await fsCall<void>((cb) => fsyncCb(state.fd!, cb));
  };
  sync().then(
    () => {
      answered.forEach((w) => w.resolve());
      return true;
    },
    (err: unknown) => {
      answered.forEach((w) => w.reject(err));
      return false;
    },
  ).then((ok) => {
    state.running = false;
    if (ok && state.waiting.length > 0) return startDirectorySync(dir, state);
    // Idle, or the sync failed: the directory is closed; a later request opens it again by its path.
    closeKept(state);
    if (state.waiting.length > 0) startDirectorySync(dir, state);
    else directorySyncs.delete(dir);
  });
}

/** True when dir's path still names the directory state.fd has open (one stat per group, not open + close). */
async function stillNamed(dir: string, state: DirectorySyncs): Promise<boolean> {
  const st = await fsCall<Stats>((cb) => statCb(dir, cb)).catch(() => undefined);
  return st !== undefined && st.ino === state.ino && st.dev === state.dev;
}

function closeKept(state: DirectorySyncs): void {
  const fd = state.fd;
  delete state.fd;
  if (fd !== undefined) closeCb(fd, () => undefined);
}

/** A callback fs call as a promise (a plain descriptor: no FileHandle object per file, profiled in bench/route). */
function fsCall<T>(call: (cb: (err: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => call((err, value) => (err ? reject(err) : resolve(value as T))));
}

/**
 * Opened with O_SYNC, each write returns once the bytes and the inode (size, blocks) are on disk:
 * what write + fsync gave, in one thread-pool round trip fewer. Where the platform has no O_SYNC
 * (or there is nothing to write), an explicit fsync follows.
 */
const O_SYNC = constants.O_SYNC ?? 0;

/** Writes all of body at the start of fd, durably (O_SYNC, or fsync where there is none). */
async function writeDurably(fd: number, body: Buffer): Promise<void> {
  let offset = 0;
  while (offset < body.length) {
    const at = offset;
    const written = await fsCall<number>((cb) => writeCb(fd, body, at, body.length - at, at, cb));
    if (written <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
    offset += written;
  }
  // An empty body makes no write for O_SYNC to complete: the new inode is synced explicitly.
  if (O_SYNC === 0 || body.length === 0) await fsCall<void>((cb) => fsyncCb(fd, cb));
}

export async function writeOnce(dir: string, name: string, body: Buffer, mode: number): Promise<WriteResult | undefined> {
  // randomUUID: 122 random bits from a pre-drawn entropy batch, not a CSPRNG call and a Buffer per file (profiled).
  const temp = join(dir, `.hig-${randomUUID()}.tmp`);
  const fd = await fsCall<number>((cb) => openCb(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | O_SYNC, mode, cb));
  let closing: Promise<void> | undefined;
  let removed: Promise<unknown> | undefined;
  try {
    try {
      await writeDurably(fd, body);
    } finally {
      // Closed while the link below runs: the link names the inode by its path, not the descriptor.
      closing = fsCall<void>((cb) => closeCb(fd, cb));
      closing.catch(() => undefined);
    }
    for (let n = 0; n < MAX_SUFFIX; n++) {
      const candidate = withSuffix(name, n);
      const target = join(dir, candidate);
      try {
        await link(temp, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        if (await sameContent(target, body)) {
          // The name may be visible but not yet durable (a first try whose directory sync failed, or a
          // concurrent writer of the same bytes still before its sync): sync before it counts as written.
          await syncDirectory(dir);
          return { written: false, name: candidate, reason: 'same-content' };
        }
        continue;
      }
      // The temp name goes while the directory syncs; both are awaited before the file counts as written.
      removed = unlink(temp).catch(() => undefined);
      await Promise.all([closing, syncDirectory(dir), removed]);
      return { written: true, name: candidate };
    }
    return undefined;
  } finally {
    await closing?.catch(() => undefined);
    await (removed ?? unlink(temp).catch(() => undefined));
  }
}
