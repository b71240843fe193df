/**
 * A drop folder shared with another account (issue 13, finding 4): whoever drops files can also
 * plant symbolic links, hard links, FIFOs, sockets and device nodes, in the folder, in its claim
 * area, and in ackDir/errorDir. Real directories, links, FIFO, socket and device node, and a real
 * Redis. Nothing outside the drop folder may be read, enqueued, moved or written, and nothing may
 * block the poller.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAIMS_DIR, ownerName } from '../../src/sources/claims.js';
import { deadPid, dropRig, ls, reportsIn } from '../support/drop.js';
import { hl7, until } from '../support/intake-deps.js';
import { dropPrefix, testPrefix } from '../support/redis.js';

const prefix = testPrefix('file-hostile');
const drops = dropRig(prefix);

afterEach(() => drops.cleanup());
afterAll(() => dropPrefix(prefix));

/** A directory outside the drop folder holding a valid message: what an attacker wants read or moved. */
function outside(name = 'secret.hl7'): { dir: string; file: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hig-outside-'));
  const text = hl7('OUTSIDE1').replace('Zzyzxcanary', 'Outsidecanary');
  writeFileSync(join(dir, name), text);
  return { dir, file: join(dir, name), text };
}

function canMknod(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'hig-mknod-'));
  try {
    execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A writable directory on another filesystem than the temporary directory, if the machine has one. */
function otherFilesystem(): string | undefined {
  try {
    return statSync('/dev/shm').dev !== statSync(tmpdir()).dev ? '/dev/shm' : undefined;
  } catch {
    return undefined;
  }
}

const report = (errorDir: string, name: string) => JSON.parse(readFileSync(join(errorDir, `${name}.error.json`), 'utf8')) as { reason: string; errors: Array<{ code: string }> };

describe('file source in a hostile drop folder', () => {
  it('refuses symbolic links (to a file, to a directory) unread, and keeps taking good files', async () => {
    const ch = drops.fileChannel('symlink');
    const secret = outside();
    mkdirSync(ch.source.dir, { recursive: true });
    symlinkSync(secret.file, join(ch.source.dir, 'link.hl7'));
    symlinkSync(secret.dir, join(ch.source.dir, 'dirlink.hl7'));
    const { rig } = await drops.start(ch);
    writeFileSync(join(ch.source.dir, 'good.hl7'), hl7('GOOD1'));
    await until(async () => (await rig.controlIds('symlink')).includes('GOOD1'), 10_000, 'the good file');
    expect(await rig.controlIds('symlink')).toEqual(['GOOD1']);
    await until(() => reportsIn(ch.source.errorDir).length === 2, 10_000, 'both links refused');
    expect(ls(ch.source.errorDir)).toEqual(['dirlink.hl7', 'dirlink.hl7.error.json', 'link.hl7', 'link.hl7.error.json']);
    // The links themselves were moved: still links, pointing where they did.
    expect(lstatSync(join(ch.source.errorDir, 'link.hl7')).isSymbolicLink()).toBe(true);
    expect(report(ch.source.errorDir, 'link.hl7')).toMatchObject({ reason: 'FILE_NOT_REGULAR: not a regular file (symbolic link)', errors: [{ code: 'FILE_NOT_REGULAR' }] });
    expect(report(ch.source.errorDir, 'dirlink.hl7').errors[0]!.code).toBe('FILE_NOT_REGULAR');
    expect(await rig.controlIds('symlink')).toEqual(['GOOD1']);
    expect(readFileSync(secret.file, 'utf8')).toBe(secret.text);
    expect(readdirSync(secret.dir)).toEqual(['secret.hl7']);
    expect(rig.logs().match(/file refused unread/g)).toHaveLength(2);
    expect(rig.logs()).not.toContain('Outsidecanary');
  });

  it('refuses a FIFO and a socket without opening them, and the poller goes on', async () => {
    const ch = drops.fileChannel('fifo');
    mkdirSync(ch.source.dir, { recursive: true });
    execFileSync('mkfifo', [join(ch.source.dir, 'pipe.hl7')]);
    const server = createServer();
    await new Promise<void>((r) => server.listen(join(ch.source.dir, 'sock.hl7'), r));
    try {
      const { rig } = await drops.start(ch);
      writeFileSync(join(ch.source.dir, 'after.hl7'), hl7('AFTER1'));
      await until(async () => (await rig.controlIds('fifo')).includes('AFTER1'), 10_000, 'the file dropped after the FIFO');
      await until(() => reportsIn(ch.source.errorDir).length === 2, 10_000, 'FIFO and socket refused');
      expect(report(ch.source.errorDir, 'pipe.hl7').reason).toBe('FILE_NOT_REGULAR: not a regular file (FIFO)');
      expect(report(ch.source.errorDir, 'sock.hl7').reason).toBe('FILE_NOT_REGULAR: not a regular file (socket)');
      expect(lstatSync(join(ch.source.errorDir, 'pipe.hl7')).isFIFO()).toBe(true);
    } finally {
      server.close();
    }
  });

  // Creating a device node needs CAP_MKNOD (root in the CI container); elsewhere this case is skipped.
  it.runIf(canMknod())('refuses a device node without opening it', async () => {
    const ch = drops.fileChannel('device');
    mkdirSync(ch.source.dir, { recursive: true });
    execFileSync('mknod', [join(ch.source.dir, 'null.hl7'), 'c', '1', '3']);
    const { rig } = await drops.start(ch);
    await until(() => reportsIn(ch.source.errorDir).length === 1, 10_000, 'device refused');
    expect(report(ch.source.errorDir, 'null.hl7').reason).toBe('FILE_NOT_REGULAR: not a regular file (character device)');
    expect(lstatSync(join(ch.source.errorDir, 'null.hl7')).isCharacterDevice()).toBe(true);
    expect(await rig.controlIds('device')).toEqual([]);
  });

  it('refuses a hard link to a file outside the drop folder, unread', async () => {
    const ch = drops.fileChannel('hardlink');
    const secret = outside();
    mkdirSync(ch.source.dir, { recursive: true });
    linkSync(secret.file, join(ch.source.dir, 'hard.hl7'));
    const { rig, source } = await drops.start(ch);
    await until(async () => reportsIn(ch.source.errorDir).length === 1 || (await rig.controlIds('hardlink')).length > 0, 10_000, 'hard link taken or refused');
    expect(await rig.controlIds('hardlink')).toEqual([]);
    expect(report(ch.source.errorDir, 'hard.hl7').reason).toBe('FILE_HARD_LINKED: the file has 2 hard links');
    await source.sweep();
    expect(await rig.controlIds('hardlink')).toEqual([]);
    expect(readFileSync(secret.file, 'utf8')).toBe(secret.text);
    expect(rig.logs()).not.toContain('Outsidecanary');
  });

  it('a planted <host>~<deadpid>~x link in the claim area moves nothing from outside into the drop folder', async () => {
    const ch = drops.fileChannel('claimlink');
    const secret = outside('victim.hl7');
    writeFileSync(join(secret.dir, 'notes.txt'), 'not for hig');
    const claims = join(ch.source.dir, CLAIMS_DIR);
    mkdirSync(claims, { recursive: true });
    const planted = ownerName(hostname(), await deadPid(), 'x');
    symlinkSync(secret.dir, join(claims, planted));
    // And a real "abandoned" claim directory holding a link: recovered as a link, then refused.
    const fakeOwner = ownerName(hostname(), await deadPid(), 'y');
    mkdirSync(join(claims, fakeOwner));
    symlinkSync(join(secret.dir, 'victim.hl7'), join(claims, fakeOwner, 'inner.hl7'));
    const { rig, source } = await drops.start(ch);
    await source.sweep();
    await until(() => reportsIn(ch.source.errorDir).length === 2, 10_000, 'both links refused');
    expect(readdirSync(secret.dir).sort()).toEqual(['notes.txt', 'victim.hl7']);
    expect(readFileSync(join(secret.dir, 'victim.hl7'), 'utf8')).toBe(secret.text);
    expect(ls(ch.source.dir)).toEqual([]);
    expect(await rig.controlIds('claimlink')).toEqual([]);
    expect(lstatSync(join(ch.source.errorDir, 'inner.hl7')).isSymbolicLink()).toBe(true);
    expect(report(ch.source.errorDir, 'inner.hl7').reason).toBe('FILE_NOT_REGULAR: not a regular file (symbolic link)');
    // The link itself is taken out of the claim area, into errorDir with a report.
    expect(existsSync(join(claims, planted))).toBe(false);
    expect(lstatSync(join(ch.source.errorDir, planted)).isSymbolicLink()).toBe(true);
    expect(report(ch.source.errorDir, planted).errors[0]!.code).toBe('FILE_NOT_REGULAR');
  });

  it('a claim area that is itself a link to elsewhere is refused, not used or recovered from', async () => {
    const ch = drops.fileChannel('claimsroot');
    const elsewhere = mkdtempSync(join(tmpdir(), 'hig-elsewhere-'));
    // What the old recovery took for an abandoned owner: any directory not refreshed for claimStaleMs.
    mkdirSync(join(elsewhere, 'old'));
    writeFileSync(join(elsewhere, 'old', 'c.hl7'), hl7('ELSEWHERE1'));
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(join(elsewhere, 'old', 'c.hl7'), hourAgo, hourAgo);
    utimesSync(join(elsewhere, 'old'), hourAgo, hourAgo);
    mkdirSync(ch.source.dir, { recursive: true });
    symlinkSync(elsewhere, join(ch.source.dir, CLAIMS_DIR));
    const { rig, source } = await drops.start(ch);
    writeFileSync(join(ch.source.dir, 'mine.hl7'), hl7('MINE1'));
    await until(async () => (await rig.controlIds('claimsroot')).includes('MINE1'), 10_000, 'the dropped file');
    await source.sweep();
    expect(readdirSync(elsewhere)).toEqual(['old']);
    expect(readdirSync(join(elsewhere, 'old'))).toEqual(['c.hl7']);
    expect(await rig.controlIds('claimsroot')).toEqual(['MINE1']);
    expect(lstatSync(join(ch.source.dir, CLAIMS_DIR)).isDirectory()).toBe(true);
    expect(lstatSync(join(ch.source.errorDir, 'hig-claims')).isSymbolicLink()).toBe(true);
  });

  // errorDir and moveTo on another filesystem (tmpfs): rename fails with EXDEV and the move copies.
  it.runIf(otherFilesystem() !== undefined)('across filesystems: links are recreated as links, FIFOs removed (the report says so), files copied', async () => {
    const far = mkdtempSync(join(otherFilesystem()!, 'hig-far-'));
    const ch = drops.fileChannel('exdev', { errorDir: join(far, 'error'), afterProcessing: { moveTo: join(far, 'done') } });
    const secret = outside();
    mkdirSync(ch.source.dir, { recursive: true });
    symlinkSync(secret.file, join(ch.source.dir, 'link.hl7'));
    execFileSync('mkfifo', [join(ch.source.dir, 'pipe.hl7')]);
    writeFileSync(join(ch.source.dir, 'junk.hl7'), 'not hl7 at all\r');
    try {
      const { rig } = await drops.start(ch);
      writeFileSync(join(ch.source.dir, 'good.hl7'), hl7('FAR1'));
      // the copied file's name appears only once it is whole (it reads complete below, however soon it is seen)
      await until(() => reportsIn(ch.source.errorDir).length === 3 && ls(join(far, 'done')).join() === 'good.hl7', 10_000, 'three refusals and one file done');
      expect(ls(ch.source.errorDir)).toEqual(['junk.hl7', 'junk.hl7.error.json', 'link.hl7', 'link.hl7.error.json', 'pipe.hl7.error.json']);
      expect(lstatSync(join(ch.source.errorDir, 'link.hl7')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(ch.source.errorDir, 'link.hl7'))).toBe(secret.file);
      expect(report(ch.source.errorDir, 'pipe.hl7').reason).toBe('FILE_NOT_REGULAR: not a regular file (FIFO); removed, as errorDir is on another filesystem');
      expect(readFileSync(join(ch.source.errorDir, 'junk.hl7'), 'latin1')).toBe('not hl7 at all\r');
      expect(readFileSync(join(far, 'done', 'good.hl7'), 'latin1')).toBe(hl7('FAR1'));
      expect(ls(ch.source.dir)).toEqual([]);
      expect(await rig.controlIds('exdev')).toEqual(['FAR1']);
      expect(readFileSync(secret.file, 'utf8')).toBe(secret.text);
    } finally {
      rmSync(far, { recursive: true, force: true });
    }
  });

  it('never writes an ACK file or an error report through a link planted in ackDir or errorDir', async () => {
    const base = mkdtempSync(join(tmpdir(), 'hig-file-plant-'));
    const ch = drops.fileChannel('plant', { ackDir: join(base, 'ack') });
    const victims = mkdtempSync(join(tmpdir(), 'hig-victims-'));
    const victim = (n: string) => {
      writeFileSync(join(victims, n), `original ${n}\n`);
      return join(victims, n);
    };
    mkdirSync(ch.source.errorDir, { recursive: true });
    mkdirSync(join(base, 'ack'), { recursive: true });
    // The temporary names the writes used to go through (`<path>.<pid>.tmp`), and the final names.
    symlinkSync(victim('a'), join(base, 'ack', `ok.hl7.ack.${process.pid}.tmp`));
    symlinkSync(victim('b'), join(ch.source.errorDir, `bad.hl7.error.json.${process.pid}.tmp`));
    symlinkSync(victim('c'), join(base, 'ack', 'bad.hl7.ack'));
    const { rig } = await drops.start(ch);
    writeFileSync(join(ch.source.dir, 'ok.hl7'), hl7('ACK1'));
    writeFileSync(join(ch.source.dir, 'bad.hl7'), 'not hl7 at all\r');
    await until(() => existsSync(join(ch.source.errorDir, 'bad.hl7.error.json')) && existsSync(join(base, 'ack', 'ok.hl7.ack')), 10_000, 'report and ACKs');
    for (const n of ['a', 'b', 'c']) expect(readFileSync(join(victims, n), 'utf8')).toBe(`original ${n}\n`);
    expect(lstatSync(join(base, 'ack', 'ok.hl7.ack')).isFile()).toBe(true);
    expect(lstatSync(join(base, 'ack', 'bad.hl7.ack')).isFile()).toBe(true); // the planted link was replaced, not followed
    expect(readFileSync(join(base, 'ack', 'ok.hl7.ack'), 'latin1')).toContain('MSA|AA|ACK1');
    expect(report(ch.source.errorDir, 'bad.hl7').reason).toMatch(/^NOT_HL7/);
    expect(await rig.controlIds('plant')).toEqual(['ACK1']);
  });
});
