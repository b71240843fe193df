/** writeOnce under concurrency: the directory fsyncs are shared (group commit), every file still lands whole, once. */
import fs, { fstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeOnce } from '../../src/destinations/file/write.js';
import { HANG_CEILING_MS } from '../support/ceiling.js';

/** Polls `cond` (in-process, no Redis: the shared waits in test/support bring BullMQ with them), a hang ceiling only. */
async function until(cond: () => boolean): Promise<void> {
  const end = Date.now() + HANG_CEILING_MS;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('writeOnce, many at once into one folder', () => {
  it('writes every file with its own bytes, leaves no temp file, and answers each call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-write-'));
    dirs.push(dir);
    const n = 40;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => writeOnce(dir, `m${i}.hl7`, Buffer.from(`MSH|${i}\r`), 0o640)));
    expect(results.map((r) => r?.written)).toEqual(Array.from({ length: n }, () => true));
    expect(readdirSync(dir).sort()).toEqual(Array.from({ length: n }, (_, i) => `m${i}.hl7`).sort());
    for (let i = 0; i < n; i++) expect(readFileSync(join(dir, `m${i}.hl7`), 'latin1')).toBe(`MSH|${i}\r`);
  });

  it('two folders written at once do not share a sync, and a folder gone fails only its own writes', async () => {
    const a = mkdtempSync(join(tmpdir(), 'hig-write-'));
    const b = join(tmpdir(), `hig-write-missing-${process.pid}-${Date.now()}`);
    dirs.push(a);
    const [ok, gone] = await Promise.allSettled([writeOnce(a, 'x.hl7', Buffer.from('x'), 0o640), writeOnce(b, 'y.hl7', Buffer.from('y'), 0o640)]);
    expect(ok.status).toBe('fulfilled');
    expect(gone.status).toBe('rejected');
    expect(readdirSync(a)).toEqual(['x.hl7']);
  });

  it('holds no descriptor of the file or the folder once every write is answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-write-'));
    dirs.push(dir);
    const openInDir = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
      } catch {
        return false; // closed while we looked
      }
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => writeOnce(dir, `m${i}.hl7`, Buffer.from(`MSH|${i}\r`), 0o640)));
    // The folder's descriptor is closed when no sync waits; that close waits its turn of the thread pool, which a
    // loaded machine (or the file systems of other tests in this worker) can make longer than the 50 ms given here.
    await until(() => openInDir().length === 0);
    expect(openInDir()).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(12);
  });

  it('writes an empty body as an empty file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-write-'));
    dirs.push(dir);
    expect(await writeOnce(dir, 'empty.hl7', Buffer.alloc(0), 0o640)).toEqual({ written: true, name: 'empty.hl7' });
    expect(readFileSync(join(dir, 'empty.hl7')).length).toBe(0);
    expect(readdirSync(dir)).toEqual(['empty.hl7']);
  });
  it('answers "same content" only after a directory sync: a retry after a failed sync does not count an unsynced name as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-write-'));
    dirs.push(dir);
    // Fault injection on the real fs (no other way to make fsync fail): the first directory fsync
    // fails with EIO, as a disk error would; every directory fsync is counted.
    const realFsync = fs.fsync;
    let directorySyncs = 0;
    let failNext = true;
    fs.fsync = ((fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
      if (!fstatSync(fd).isDirectory()) return realFsync(fd, cb);
      directorySyncs++;
      if (failNext) {
        failNext = false;
        return process.nextTick(cb, Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
      }
      return realFsync(fd, cb);
    }) as typeof fs.fsync;
    syncBuiltinESMExports();
    try {
      const body = Buffer.from('MSH|retry\r');
      await expect(writeOnce(dir, 'r.hl7', body, 0o640)).rejects.toMatchObject({ code: 'EIO' });
      // the name is linked but its directory entry was never made durable
      expect(readdirSync(dir)).toEqual(['r.hl7']);
      const before = directorySyncs;
      expect(await writeOnce(dir, 'r.hl7', body, 0o640)).toEqual({ written: false, name: 'r.hl7', reason: 'same-content' });
      expect(directorySyncs - before).toBe(1);
    } finally {
      fs.fsync = realFsync;
      syncBuiltinESMExports();
    }
  });
  it('a folder replaced while a directory sync runs: the next write into the new folder has the new folder synced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hig-write-'));
    dirs.push(dir, `${dir}.old`);
    // Fault injection on the real fs: directory fsyncs are recorded by inode, and the first is held
    // until released, so the second write's request deterministically waits behind it.
    const realFsync = fs.fsync;
    const synced: number[] = [];
    let held: (() => void) | undefined;
    let hold = true;
    fs.fsync = ((fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
      const st = fstatSync(fd);
      if (!st.isDirectory()) return realFsync(fd, cb);
      synced.push(st.ino);
      if (hold) {
        hold = false;
        held = () => realFsync(fd, cb);
        return;
      }
      return realFsync(fd, cb);
    }) as typeof fs.fsync;
    syncBuiltinESMExports();
    try {
      const first = writeOnce(dir, 'a.hl7', Buffer.from('MSH|a\r'), 0o640);
      await until(() => held !== undefined);
      // the folder is replaced by hand while its sync runs
      renameSync(dir, `${dir}.old`);
      mkdirSync(dir);
      const newFolder = statSync(dir).ino;
      const second = writeOnce(dir, 'b.hl7', Buffer.from('MSH|b\r'), 0o640);
      await until(() => readdirSync(dir).length === 1 && readdirSync(dir)[0] === 'b.hl7');
      await new Promise((r) => setTimeout(r, 20)); // b's sync request is made right after its link
      held?.();
      expect(await first).toEqual({ written: true, name: 'a.hl7' });
      expect(await second).toEqual({ written: true, name: 'b.hl7' });
      // b's name is in the new folder: that folder must be the one synced for b
      expect(synced.slice(1)).toContain(newFolder);
    } finally {
      fs.fsync = realFsync;
      syncBuiltinESMExports();
    }
  });
});
