/**
 * Writing one file atomically and never over another: the content goes to a temp file with an
 * unpredictable name created exclusively (O_EXCL, O_NOFOLLOW) in the target directory, is
 * fsynced, then hard-linked to its name: link() fails with EEXIST instead of replacing, and does not
 * follow a symlink planted at the name. An existing file with the SAME bytes means this message was
 * already written (a retry after a crash between link and ACK): the delivery is idempotent. A
 * different file there gets the next suffix (`-1`, `-2`, …). The temp file is always removed.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
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

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Directory fsyncs as a group commit: a request is answered by a sync that STARTS after it was made
 * (so after the caller's link), and every request made while one sync runs is answered by the
 * next one. Concurrent deliveries to one folder (a destination queue's concurrency) then share a
 * sync instead of each paying open + fsync + close (profiled: three thread-pool round trips of the
 * nine a file costs). A failed sync fails every request it was to answer.
 */
const directorySyncs = new Map<string, { running: boolean; waiting: Array<{ resolve(): void; reject(err: unknown): void }> }>();

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

function startDirectorySync(dir: string, state: { running: boolean; waiting: Array<{ resolve(): void; reject(err: unknown): void }> }): void {
  const answered = state.waiting.splice(0);
  state.running = true;
  fsyncDirectory(dir).then(
    () => answered.forEach((w) => w.resolve()),
    (err: unknown) => answered.forEach((w) => w.reject(err)),
  ).finally(() => {
    state.running = false;
    if (state.waiting.length > 0) startDirectorySync(dir, state);
    else directorySyncs.delete(dir);
  });
}

export async function writeOnce(dir: string, name: string, body: Buffer, mode: number): Promise<WriteResult | undefined> {
  const temp = join(dir, `.hig-${randomBytes(16).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    try {
      await handle.writeFile(body);
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let n = 0; n < MAX_SUFFIX; n++) {
      const candidate = withSuffix(name, n);
      const target = join(dir, candidate);
      try {
        await link(temp, target);
        await syncDirectory(dir);
        return { written: true, name: candidate };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        if (await sameContent(target, body)) return { written: false, name: candidate, reason: 'same-content' };
      }
    }
    return undefined;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
