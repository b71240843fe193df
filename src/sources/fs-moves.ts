/**
 * Filesystem moves the file source relies on. rename(2) within one filesystem is atomic, which is
 * what makes a claim exclusive; across filesystems we copy, fsync and unlink, in that order, so a
 * crash leaves the file in both places (dedupe absorbs it) rather than in neither.
 */
import { constants } from 'node:fs';
import { copyFile, open, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/** A name in `dir` not taken yet: `name`, else `name.<timestamp>[-n]` keeping the extension last. */
export async function freeName(dir: string, name: string, now = Date.now()): Promise<string> {
  const exists = (n: string) => stat(join(dir, n)).then(() => true, () => false);
  if (!(await exists(name))) return name;
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let n = 0; ; n++) {
    const candidate = `${stem}.${now}${n ? `-${n}` : ''}${ext}`;
    if (!(await exists(candidate))) return candidate;
  }
}

async function fsyncFile(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Moves `from` into `dir` under a free name; returns the name used. */
export async function moveInto(from: string, dir: string, name: string): Promise<string> {
  const target = await freeName(dir, name);
  try {
    await rename(from, join(dir, target));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(from, join(dir, target), constants.COPYFILE_EXCL);
    await fsyncFile(join(dir, target));
    await unlink(from);
  }
  return target;
}

/** Writes through a temporary name and renames, so readers never see half a file. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await fsyncFile(tmp);
  await rename(tmp, path);
}
