/**
 * Writing files atomically and never over another: each content goes to a temp file with an
 * unpredictable name created exclusively (O_EXCL, O_NOFOLLOW) in the target directory, written
 * durably (O_SYNC: on disk when the write returns, as write + fsync), then hard-linked to its name,
 * and the directory is fsynced before any file counts as written: link() fails with EEXIST instead
 * of replacing, and does not follow a symlink planted at the name. An existing file with the SAME
 * bytes means this message was already written (a retry after a crash between link and ACK): the
 * delivery is idempotent. A different file there gets the next suffix (`-1`, `-2`, …). The temp
 * file is always removed.
 *
 * Synchronous, by batch: this runs on the file writer's own thread (write-thread.ts), never on an
 * event loop that serves traffic. Each file is five system calls there instead of five thread-pool
 * round trips on the engine's loop (each a futex wake, a completion write and a wake-up: profiled
 * in bench/route, the file destination was most of a three-destination channel's extra CPU), and
 * a batch's files share one directory fsync: the group commit the async version built by hand.
 */
import { randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { withSuffix } from './name.js';

/** How many suffixes we try before giving up (a template that collides this often is a config problem). */
export const MAX_SUFFIX = 100;

export type WriteResult = { written: true; name: string } | { written: false; name: string; reason: 'same-content' };

/** One file to place: its folder (already resolved), the name from the template, the bytes, the mode. */
export interface WriteRequest {
  dir: string;
  name: string;
  body: Uint8Array;
  mode: number;
}

/** What became of one request: placed (null = MAX_SUFFIX names taken by other contents), or the system error's code. */
export type WriteOutcome = { ok: WriteResult | null } | { error: { code: string; message: string } };

/** The system calls used, so a test can make one fail (a disk error has no other trigger). */
export type SyncFs = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'linkSync' | 'unlinkSync' | 'readSync' | 'fstatSync'>;

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY, O_DIRECTORY } = nodeFs.constants;
/** Where the platform has no O_SYNC (or there is nothing to write), an explicit fsync follows the write. */
const O_SYNC = nodeFs.constants.O_SYNC ?? 0;

function errorOf(err: unknown): { code: string; message: string } {
  const e = err as NodeJS.ErrnoException;
  // The code and the syscall only: a path can carry a name built from message fields.
  return { code: typeof e?.code === 'string' ? e.code : 'EIO', message: `${e?.syscall ?? 'write'} failed (${typeof e?.code === 'string' ? e.code : 'error'})` };
}

/** True when path is a regular file (not a symlink) holding exactly body. */
function sameContent(fs: SyncFs, path: string, body: Uint8Array): boolean {
  let fd: number;
  try {
    fd = fs.openSync(path, O_RDONLY | O_NOFOLLOW);
  } catch {
    return false; // a symlink (ELOOP), gone, unreadable: not our file
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size !== body.length) return false;
    const existing = Buffer.alloc(body.length);
    return fs.readSync(fd, existing, 0, body.length, 0) === body.length && existing.equals(body);
  } finally {
    fs.closeSync(fd);
  }
}

function writeDurably(fs: SyncFs, fd: number, body: Uint8Array): void {
  for (let offset = 0; offset < body.length; ) {
    const written = fs.writeSync(fd, body, offset, body.length - offset, offset);
    if (written <= 0) throw Object.assign(new Error('short write'), { code: 'EIO', syscall: 'write' });
    offset += written;
  }
  // An empty body makes no write for O_SYNC to complete: the new inode is synced explicitly.
  if (O_SYNC === 0 || body.length === 0) fs.fsyncSync(fd);
}

/** The temp file written durably, then linked to the first free name (module comment); the temp name always goes. */
function place(fs: SyncFs, request: WriteRequest): WriteResult | null {
  const temp = join(request.dir, `.hig-${randomUUID()}.tmp`);
  const fd = fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_SYNC, request.mode);
  try {
    try {
      writeDurably(fs, fd, request.body);
    } finally {
      fs.closeSync(fd);
    }
    for (let n = 0; n < MAX_SUFFIX; n++) {
      const candidate = withSuffix(request.name, n);
      const target = join(request.dir, candidate);
      try {
        fs.linkSync(temp, target);
        return { written: true, name: candidate };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        // The name may be visible but not yet durable (a first try whose directory sync failed, or a
        // concurrent writer of the same bytes before its sync): the batch's sync covers it too.
        if (sameContent(fs, target, request.body)) return { written: false, name: candidate, reason: 'same-content' };
      }
    }
    return null;
  } finally {
    try {
      fs.unlinkSync(temp);
    } catch {
      // already gone: nothing to clean
    }
  }
}

function syncDirectory(fs: SyncFs, dir: string): void {
  const fd = fs.openSync(dir, O_RDONLY | O_DIRECTORY);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Places every request, then fsyncs each folder that got a name once: a file counts as written
 * only after the sync that STARTED after its link succeeded. A failed sync fails every request of
 * that folder (its names exist but may not be durable; the retry finds the same content and syncs).
 */
export function writeBatch(requests: readonly WriteRequest[], fs: SyncFs = nodeFs): WriteOutcome[] {
  const outcomes: WriteOutcome[] = requests.map((request) => {
    try {
      return { ok: place(fs, request) };
    } catch (err) {
      return { error: errorOf(err) };
    }
  });
  const folders = new Set(requests.filter((_, i) => 'ok' in outcomes[i]! && (outcomes[i] as { ok: WriteResult | null }).ok !== null).map((r) => r.dir));
  for (const dir of folders) {
    try {
      syncDirectory(fs, dir);
    } catch (err) {
      requests.forEach((r, i) => {
        if (r.dir === dir && 'ok' in outcomes[i]!) outcomes[i] = { error: errorOf(err) };
      });
    }
  }
  return outcomes;
}
