/**
 * Reading a dropped file the way a shared drop folder demands: never through a symbolic link,
 * never opening a FIFO or a device (one blocks the poller, the other may act on being opened),
 * never a file that is also known under another name. The type is checked with lstat before the
 * open; the open itself refuses a link (O_NOFOLLOW) and cannot block (O_NONBLOCK); fstat after it
 * must show the same regular file, so a swap between the two is caught after the open.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';

/** What an entry is, for refusals and reports (from lstat: a link is reported as a link). */
export type EntryKind = 'file' | 'directory' | 'symbolic link' | 'FIFO' | 'socket' | 'block device' | 'character device' | 'unknown';

/** Node's and ssh2's Stats both answer these. */
export interface TypedStats {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}

export function kindOf(st: TypedStats): EntryKind {
  if (st.isSymbolicLink()) return 'symbolic link';
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isBlockDevice()) return 'block device';
  if (st.isCharacterDevice()) return 'character device';
  return 'unknown';
}

export interface Refusal {
  code: 'FILE_NOT_REGULAR' | 'FILE_HARD_LINKED';
  /** PHI-free: the entry's type or link count */
  detail: string;
}

/** Refusal of anything but a regular file (links, FIFOs, sockets, devices). */
export function notRegular(st: TypedStats): Refusal | undefined {
  const kind = kindOf(st);
  return kind === 'file' ? undefined : { code: 'FILE_NOT_REGULAR', detail: `not a regular file (${kind})` };
}

/**
 * Why a local entry may not be read, or undefined for a regular file with one name. A second hard
 * link means the same content is reachable from outside the drop folder (maybe a file the sender
 * cannot read but we can), so such a file is refused rather than read.
 */
export function refusalFor(st: Stats): Refusal | undefined {
  return notRegular(st) ?? (st.nlink > 1 ? { code: 'FILE_HARD_LINKED', detail: `the file has ${st.nlink} hard links` } : undefined);
}

export const sameFile = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

/** Same file, same size, same modification time: nobody wrote to it in between. */
export const unchanged = (a: Stats, b: Stats): boolean => sameFile(a, b) && a.size === b.size && a.mtimeMs === b.mtimeMs;

export const signatureOf = (st: Stats): string => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;

export type Opened =
  | { kind: 'open'; fh: FileHandle; st: Stats }
  | { kind: 'refused'; refusal: Refusal }
  /** another file (or the same one, written to) than the lstat showed: look again later */
  | { kind: 'changed' }
  | { kind: 'gone' };

const READ_NOFOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Opens the regular file that `expected` (its lstat) describes at `path`, or says why not. */
export async function openRegular(path: string, expected: Stats): Promise<Opened> {
  let fh: FileHandle;
  try {
    fh = await open(path, READ_NOFOLLOW);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'gone' };
    if (code === 'ELOOP') return { kind: 'refused', refusal: { code: 'FILE_NOT_REGULAR', detail: 'not a regular file (symbolic link)' } };
    throw err;
  }
  try {
    const st = await fh.stat();
    const refusal = refusalFor(st);
    if (refusal || !unchanged(expected, st)) {
      await fh.close();
      return refusal ? { kind: 'refused', refusal } : { kind: 'changed' };
    }
    return { kind: 'open', fh, st };
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw err;
  }
}

/** The file's `size` bytes, or undefined when it holds more or fewer now (its writer is at it). */
export async function readExactly(fh: FileHandle, size: number): Promise<Buffer | undefined> {
  const buf = Buffer.allocUnsafe(size + 1);
  let got = 0;
  while (got < buf.length) {
    const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === size ? buf.subarray(0, size) : undefined;
}

/** lstat, or undefined when the entry is gone. */
export async function lstatOrGone(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
