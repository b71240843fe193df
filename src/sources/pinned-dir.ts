/**
 * A directory opened without following a symbolic link in its place (O_DIRECTORY | O_NOFOLLOW) and
 * then addressed through /proc/self/fd/<fd>/, so the names inside it resolve in that very directory
 * even if someone renames it or plants a link where it was in the meantime. The file source needs
 * this for its claim directories: they live inside the drop folder, where the accounts that drop
 * files can rename entries. Without /proc (not Linux) the plain path is used, and the check only
 * holds at the moment the directory is opened.
 */
import { constants, existsSync, type Stats } from 'node:fs';
import { chmod, mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const PROC_FD = existsSync('/proc/self/fd');

export interface PinnedDir {
  /** the directory itself, for calls that take a path (readdir, utimes) */
  readonly path: string;
  /** the path of an entry of this directory */
  entry(name: string): string;
  stat(): Promise<Stats>;
  close(): Promise<void>;
}

/** ENOTDIR/ELOOP: the name is a symbolic link, a file or anything else but a real directory. */
export function notADirectory(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOTDIR' || code === 'ELOOP';
}

/** Opens `path` as a directory; throws ENOTDIR/ELOOP when its last component is not a real directory. */
export async function pinDir(path: string): Promise<PinnedDir> {
  const fh: FileHandle = await open(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  const self = PROC_FD ? `/proc/self/fd/${fh.fd}` : path;
  return {
    path: self,
    entry: (name) => join(self, name),
    stat: () => fh.stat(),
    close: () => fh.close(),
  };
}

/**
 * Creates `path` (mode 0700: nobody else lists or renames what is in it) unless it exists, then
 * pins it. Something other than a real directory in its place throws ENOTDIR/ELOOP, as pinDir.
 */
export async function ensurePinnedDir(path: string): Promise<PinnedDir> {
  await mkdir(path, { mode: 0o700 }).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  });
  const dir = await pinDir(path);
  // Directories made by older releases (0755) are narrowed too; best effort, as they may not be ours.
  if (((await dir.stat()).mode & 0o777) !== 0o700) await chmod(dir.path, 0o700).catch(() => undefined);
  return dir;
}
