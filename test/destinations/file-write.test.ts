/**
 * The file writer: its thread under concurrency (every file lands whole, once, no descriptor kept),
 * and the batch's rules on the real file system with one system call made to fail where a disk
 * error has no other trigger (the directory fsync).
 */
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fileWriter } from '../../src/destinations/file/write-thread.js';
import { writeBatch, type SyncFs } from '../../src/destinations/file/write.js';

const dirs: string[] = [];
const writer = fileWriter();
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterAll(() => writer.close());

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hig-write-'));
  dirs.push(dir);
  return dir;
}

describe('the file writer thread, many writes at once', () => {
  it('writes every file with its own bytes, leaves no temp file, and answers each call', async () => {
    const dir = folder();
    const n = 40;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => writer.writeOnce(dir, `m${i}.hl7`, Buffer.from(`MSH|${i}\r`), 0o640)));
    expect(results.map((r) => r?.written)).toEqual(Array.from({ length: n }, () => true));
    expect(readdirSync(dir).sort()).toEqual(Array.from({ length: n }, (_, i) => `m${i}.hl7`).sort());
    for (let i = 0; i < n; i++) expect(readFileSync(join(dir, `m${i}.hl7`), 'latin1')).toBe(`MSH|${i}\r`);
  });

  it('a folder gone fails only its own writes, with the system error code', async () => {
    const a = folder();
    const b = join(tmpdir(), `hig-write-missing-${process.pid}-${Date.now()}`);
    const [ok, gone] = await Promise.allSettled([writer.writeOnce(a, 'x.hl7', Buffer.from('x'), 0o640), writer.writeOnce(b, 'y.hl7', Buffer.from('y'), 0o640)]);
    expect(ok).toEqual({ status: 'fulfilled', value: { written: true, name: 'x.hl7' } });
    expect(gone).toMatchObject({ status: 'rejected', reason: { code: 'ENOENT' } });
    expect(readdirSync(a)).toEqual(['x.hl7']);
  });

  it('holds no descriptor of the file or the folder once every write is answered', async () => {
    const dir = folder();
    await Promise.all(Array.from({ length: 12 }, (_, i) => writer.writeOnce(dir, `m${i}.hl7`, Buffer.from(`MSH|${i}\r`), 0o640)));
    const openInDir = readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
      } catch {
        return false; // closed while we looked
      }
    });
    expect(openInDir).toEqual([]);
    expect(readdirSync(dir)).toHaveLength(12);
  });

  it('writes an empty body as an empty file', async () => {
    const dir = folder();
    expect(await writer.writeOnce(dir, 'empty.hl7', Buffer.alloc(0), 0o640)).toEqual({ written: true, name: 'empty.hl7' });
    expect(readFileSync(join(dir, 'empty.hl7')).length).toBe(0);
  });

  it('writes only the bytes of a Buffer that is a slice of a larger one, and leaves the caller its Buffer', async () => {
    const dir = folder();
    const whole = Buffer.from('XXXXMSH|slice\rYYYY');
    const body = whole.subarray(4, 14);
    expect(await writer.writeOnce(dir, 's.hl7', body, 0o640)).toEqual({ written: true, name: 's.hl7' });
    expect(readFileSync(join(dir, 's.hl7'), 'latin1')).toBe('MSH|slice\r');
    expect(body.toString('latin1')).toBe('MSH|slice\r');
  });

  it('the same bytes under the name are this message written before; other bytes get the next suffix', async () => {
    const dir = folder();
    expect(await writer.writeOnce(dir, 'a.hl7', Buffer.from('one'), 0o640)).toEqual({ written: true, name: 'a.hl7' });
    expect(await writer.writeOnce(dir, 'a.hl7', Buffer.from('one'), 0o640)).toEqual({ written: false, name: 'a.hl7', reason: 'same-content' });
    expect(await writer.writeOnce(dir, 'a.hl7', Buffer.from('two'), 0o640)).toEqual({ written: true, name: 'a-1.hl7' });
    expect(readdirSync(dir).sort()).toEqual(['a-1.hl7', 'a.hl7']);
  });

  it('a writer closed with writes in flight answers them first', async () => {
    const own = fileWriter();
    const dir = folder();
    const pending = Array.from({ length: 5 }, (_, i) => own.writeOnce(dir, `c${i}.hl7`, Buffer.from(`c${i}`), 0o640));
    await own.close();
    expect((await Promise.all(pending)).map((r) => r?.written)).toEqual([true, true, true, true, true]);
  });
});

/** The real fs, recording each call; the directory fsync fails while `failDirSync` says so. */
function recordingFs(failDirSync: () => boolean): { fs: SyncFs; calls: string[] } {
  const calls: string[] = [];
  const isDir = (fd: number) => fs.fstatSync(fd).isDirectory();
  return {
    calls,
    fs: {
      ...fs,
      linkSync: (from, to) => {
        calls.push(`link ${String(to)}`);
        fs.linkSync(from, to);
      },
      fsyncSync: (fd) => {
        if (!isDir(fd)) return fs.fsyncSync(fd);
        calls.push('dirsync');
        if (failDirSync()) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO', syscall: 'fsync' });
        fs.fsyncSync(fd);
      },
    },
  };
}

describe('a batch of writes (write.ts)', () => {
  it('files of one folder share one directory fsync, made after every link it answers for', () => {
    const dir = folder();
    const { fs: recorded, calls } = recordingFs(() => false);
    const outcomes = writeBatch(Array.from({ length: 5 }, (_, i) => ({ dir, name: `g${i}.hl7`, body: Buffer.from(`g${i}`), mode: 0o640 })), recorded);
    expect(outcomes).toEqual(Array.from({ length: 5 }, (_, i) => ({ ok: { written: true, name: `g${i}.hl7` } })));
    expect(calls.filter((c) => c === 'dirsync')).toHaveLength(1);
    expect(calls.at(-1)).toBe('dirsync');
  });

  it('a failed directory fsync fails that folder\'s writes only; the retry finds the same bytes and syncs again', () => {
    const bad = folder();
    const good = folder();
    let fail = true;
    const { fs: recorded, calls } = recordingFs(() => {
      const now = fail;
      fail = false;
      return now;
    });
    const body = Buffer.from('MSH|retry\r');
    // `bad` is synced first (first in the batch), and that first sync fails.
    const first = writeBatch([{ dir: bad, name: 'r.hl7', body, mode: 0o640 }, { dir: good, name: 'k.hl7', body, mode: 0o640 }], recorded);
    expect(first).toEqual([{ error: { code: 'EIO', message: 'fsync failed (EIO)' } }, { ok: { written: true, name: 'k.hl7' } }]);
    // the name is linked but its directory entry was never made durable
    expect(readdirSync(bad)).toEqual(['r.hl7']);
    const before = calls.filter((c) => c === 'dirsync').length;
    expect(writeBatch([{ dir: bad, name: 'r.hl7', body, mode: 0o640 }], recorded)).toEqual([{ ok: { written: false, name: 'r.hl7', reason: 'same-content' } }]);
    expect(calls.filter((c) => c === 'dirsync').length - before).toBe(1);
  });

  it('a name taken by other contents MAX_SUFFIX times is answered null, and nothing is synced for it', () => {
    const dir = folder();
    fs.writeFileSync(join(dir, 'full.hl7'), 'other');
    for (let n = 1; n < 100; n++) fs.writeFileSync(join(dir, `full-${n}.hl7`), 'other');
    const { fs: recorded, calls } = recordingFs(() => false);
    expect(writeBatch([{ dir, name: 'full.hl7', body: Buffer.from('mine'), mode: 0o640 }], recorded)).toEqual([{ ok: null }]);
    expect(calls).not.toContain('dirsync');
    expect(readdirSync(dir).filter((n) => n.startsWith('.hig-'))).toEqual([]);
  });
});
