/**
 * Filesystem moves and writes the file source relies on. rename(2) within one filesystem is atomic
 * and moves the entry itself (a link stays a link), which is what makes a claim exclusive; across
 * filesystems we copy, fsync and unlink, in that order, so a crash leaves the file in both places
 * (dedupe absorbs it) rather than in neither. Nothing here follows a symbolic link or writes to a
 * name someone else could have prepared: copies and temporary files are created exclusively.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, open, readlink, rename, symlink, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { lstatOrGone, readExactly } from './regular-file.js';

/** A name in `dir` not taken yet (by anything, a dangling link included): `name`, else `name.<timestamp>[-n]` keeping the extension last. */
export async function freeName(dir: string, name: string, now = Date.now()): Promise<string> {
  const exists = async (n: string) => (await lstatOrGone(join(dir, n))) !== undefined;
  if (!(await exists(name))) return name;
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let n = 0; ; n++) {
    const candidate = `${stem}.${now}${n ? `-${n}` : ''}${ext}`;
    if (!(await exists(candidate))) return candidate;
  }
}

/** O_CREAT | O_EXCL: fails on any existing entry, a symbolic link (even dangling) included. */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

async function withNewFile(path: string, mode: number, write: (fh: FileHandle) => Promise<void>): Promise<void> {
  const fh = await open(path, CREATE_NEW, mode);
  try {
    await write(fh);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw err;
  }
  await fh.close();
}

/**
 * Across filesystems: a regular file is copied through a descriptor opened without following links
 * into a new hidden file beside the target, synced, then linked to its name (link(2) fails rather than replace an
 * entry that appeared meanwhile), so whoever reads the done or error folder never sees the name before the whole
 * file is there (a copy straight to the name showed an empty or half file to an archive pick-up); a symbolic link
 * is recreated as the same link (never read through; it appears whole); anything else (FIFO, socket, device)
 * cannot be carried over and throws EXDEV.
 */
async function copyAcross(from: string, to: string): Promise<void> {
  const st = await lstat(from);
  if (st.isSymbolicLink()) return symlink(await readlink(from), to);
  if (!st.isFile()) throw Object.assign(new Error(`cannot move a ${st.isFIFO() ? 'FIFO' : 'special file'} across filesystems`), { code: 'EXDEV' });
  const src = await open(from, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const bytes = await readExactly(src, (await src.stat()).size);
    if (!bytes) throw new Error('file changed while it was being copied');
    const tmp = hiddenBeside(to);
    await withNewFile(tmp, st.mode & 0o777, async (fh) => void (await fh.writeFile(bytes)));
    await publish(tmp, to);
  } finally {
    await src.close();
  }
}

/** A new hidden name in the target's directory: the file source and the glob filters skip dot files. */
const hiddenBeside = (path: string): string => join(dirname(path), `.hig-${randomBytes(12).toString('hex')}.tmp`);

/**
 * Gives the complete file `tmp` the name `to`: a hard link, which fails if `to` appeared since it was chosen; on a
 * filesystem without hard links (some network and FUSE mounts), a rename.
 */
async function publish(tmp: string, to: string): Promise<void> {
  try {
    await link(tmp, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    await rename(tmp, to);
    return;
  }
  await unlink(tmp);
}

/** Moves `from` into `dir` under a free name; returns the name used. */
export async function moveInto(from: string, dir: string, name: string): Promise<string> {
  const target = await freeName(dir, name);
  try {
    await rename(from, join(dir, target));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyAcross(from, join(dir, target));
    await unlink(from);
  }
  return target;
}

/**
 * Writes through a new temporary file with an unpredictable name, created exclusively (a link
 * planted in the directory is never written through), then renames it over `path`: readers never
 * see half a file, and a link at `path` itself is replaced, not followed.
 */
export async function writeAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const tmp = hiddenBeside(path);
  await withNewFile(tmp, 0o666, async (fh) => void (await fh.writeFile(text)));
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
