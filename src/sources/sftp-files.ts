/**
 * Remote file operations of the SFTP source, on the raw SFTP session (ssh2's SFTPWrapper), for a
 * remote directory other accounts can write to. SFTP (v3) has no O_NOFOLLOW and no inode numbers,
 * so a file is opened only after lstat showed a regular file; the open handle must fstat as a
 * regular file with the same size, mtime, mode and owner; and the path must lstat the same after
 * the download. A swap to a link or a FIFO is never read through (it is refused at the next look),
 * and a file written to meanwhile is left for the next poll. Writes (reports, ACK files) go to a new
 * file created exclusively under a random name, which then replaces the target by posix-rename:
 * a link planted at the target is replaced, not followed.
 */
import { NO_SUCH_FILE, sftpCall } from '../sftp-call.js';
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import { notRegular, type Refusal } from './regular-file.js';
import { withDeadline } from '../deadline.js';

const READ_CHUNK = 256 * 1024;

const gone = (err: unknown) => (err as { code?: unknown }).code === NO_SUCH_FILE;

/**
 * Bounds a remote call the server may never answer: opening a FIFO blocks the server's SFTP
 * process until a writer comes. The caller ends the session when this rejects.
 */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return withDeadline(work, ms, () => Object.assign(new Error(`SFTP ${what} took longer than ${ms} ms`), { code: 'SFTP_TIMEOUT' }));
}

/** lstat, or undefined when the entry is gone. */
export async function remoteLstat(sftp: SFTPWrapper, path: string): Promise<Stats | undefined> {
  try {
    return await sftpCall<Stats>((cb) => sftp.lstat(path, cb));
  } catch (err) {
    if (gone(err)) return undefined;
    throw err;
  }
}

/** Nobody wrote to or replaced it between the two looks, as far as SFTP attributes can tell. */
export const sameRemote = (a: Stats, b: Stats): boolean => a.size === b.size && a.mtime === b.mtime && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;

export type Download =
  | { kind: 'file'; bytes: Buffer }
  | { kind: 'refused'; refusal: Refusal }
  /** written to, replaced or swapped while we looked: leave it for the next poll */
  | { kind: 'changed' }
  | { kind: 'gone' };

/** Downloads the regular file `expected` (its lstat) describes at `path`, or says why not. */
export async function downloadRegular(sftp: SFTPWrapper, path: string, expected: Stats, openTimeoutMs: number): Promise<Download> {
  let handle: Buffer;
  try {
    handle = await withTimeout(sftpCall<Buffer>((cb) => sftp.open(path, 'r', cb)), openTimeoutMs, 'open');
  } catch (err) {
    if (gone(err)) return { kind: 'gone' };
    throw err;
  }
  let bytes: Buffer | undefined;
  try {
    const st = await sftpCall<Stats>((cb) => sftp.fstat(handle, cb));
    const refusal = notRegular(st);
    if (refusal) return { kind: 'refused', refusal };
    if (!sameRemote(expected, st)) return { kind: 'changed' };
    bytes = await readAll(sftp, handle, st.size);
  } finally {
    await sftpCall<void>((cb) => sftp.close(handle, cb)).catch(() => undefined);
  }
  const after = await remoteLstat(sftp, path);
  if (!bytes || !after || notRegular(after) || !sameRemote(expected, after)) return { kind: 'changed' };
  return { kind: 'file', bytes };
}

/** Exactly `size` bytes, or undefined when the file holds more or fewer now. */
async function readAll(sftp: SFTPWrapper, handle: Buffer, size: number): Promise<Buffer | undefined> {
  const buf = Buffer.allocUnsafe(size + 1);
  let got = 0;
  while (got < buf.length) {
    const n = await sftpCall<number>((cb) => sftp.read(handle, buf, got, Math.min(READ_CHUNK, buf.length - got), got, cb));
    if (n === 0) break;
    got += n;
  }
  return got === size ? buf.subarray(0, size) : undefined;
}

/** Writes `data` as `dir/name` through an exclusively created temporary file (see the top of this file). */
export async function writeRemoteAtomic(sftp: SFTPWrapper, dir: string, name: string, data: Buffer): Promise<void> {
  const tmp = posix.join(dir, `.hig-${randomBytes(12).toString('hex')}.tmp`);
  const target = posix.join(dir, name);
  const handle = await sftpCall<Buffer>((cb) => sftp.open(tmp, 'wx', { mode: 0o644 }, cb));
  try {
    await sftpCall<void>((cb) => sftp.write(handle, data, 0, data.length, 0, cb));
  } finally {
    await sftpCall<void>((cb) => sftp.close(handle, cb)).catch(() => undefined);
  }
  try {
    await sftpCall<void>((cb) => sftp.ext_openssh_rename(tmp, target, cb)).catch(async (err: unknown) => {
      if (!/does not support/.test((err as Error).message)) throw err;
      // Without posix-rename, SFTP rename never replaces: remove what is there (a link is removed
      // itself, never its target), then rename.
      await sftpCall<void>((cb) => sftp.unlink(target, cb)).catch((e: unknown) => {
        if (!gone(e)) throw e;
      });
      await sftpCall<void>((cb) => sftp.rename(tmp, target, cb));
    });
  } catch (err) {
    await sftpCall<void>((cb) => sftp.unlink(tmp, cb)).catch(() => undefined);
    throw err;
  }
}
