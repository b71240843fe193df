/**
 * An SFTP directory shared with other accounts (issue 13, finding 4), against a real OpenSSH sshd:
 * links and FIFOs in the remote directory, swapped in after the listing, and links planted at the
 * names reports and ACK files are written to. Nothing outside the remote directory may be read,
 * enqueued or overwritten, and nothing may hang the poll.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IntakeDeps } from '../../src/intake.js';
import { ls, sftpSuite } from '../support/drop.js';
import { hl7 } from '../support/intake-deps.js';

const { sftps, server } = sftpSuite('sftp-hostile');

/** A file on the server outside the polled directory, holding a valid message. */
function secretOnServer(id: string): { file: string; text: string } {
  const dir = join(server().root, id, 'private');
  mkdirSync(dir, { recursive: true });
  const text = hl7('OUTSIDE1').replace('Zzyzxcanary', 'Outsidecanary');
  writeFileSync(join(dir, 'secret.hl7'), text);
  return { file: join(dir, 'secret.hl7'), text };
}

const reportOf = (dir: string, name: string) => JSON.parse(readFileSync(join(dir, `${name}.error.json`), 'utf8')) as { reason: string };

/** Two files listed as regular, a.hl7 first; `swap` replaces b.hl7 once a.hl7's message is stored. */
function twoFilesThenSwap(remoteDir: string, swap: (path: string) => void): (deps: IntakeDeps) => IntakeDeps {
  const t = Math.floor(Date.now() / 1000) - 60;
  writeFileSync(join(remoteDir, 'a.hl7'), hl7('FIRST1'));
  writeFileSync(join(remoteDir, 'b.hl7'), hl7('SECOND1'));
  utimesSync(join(remoteDir, 'a.hl7'), t, t);
  utimesSync(join(remoteDir, 'b.hl7'), t + 1, t + 1);
  let swapped = false;
  return (deps) => ({
    ...deps,
    onStored: () => {
      if (swapped) return;
      swapped = true;
      unlinkSync(join(remoteDir, 'b.hl7'));
      swap(join(remoteDir, 'b.hl7'));
    },
  });
}

describe('SFTP source in a shared remote directory', () => {
  it('refuses a remote symbolic link unread, moving the link to errorDir with a report', async () => {
    const ch = sftps.sftpChannel(server(), 'rlink');
    const secret = secretOnServer('rlink');
    symlinkSync(secret.file, join(ch.source.remoteDir, 'link.hl7'));
    writeFileSync(join(ch.source.remoteDir, 'good.hl7'), hl7('GOOD1'));
    const { rig, handle } = await sftps.start(ch);
    const result = await handle.pollOnce();
    expect(result).toMatchObject({ outcome: 'polled', done: ['good.hl7'], rejected: ['link.hl7'] });
    expect(await rig.controlIds('rlink')).toEqual(['GOOD1']);
    expect(lstatSync(join(ch.source.errorDir, 'link.hl7')).isSymbolicLink()).toBe(true);
    expect(reportOf(ch.source.errorDir, 'link.hl7').reason).toBe('FILE_NOT_REGULAR: not a regular file (symbolic link)');
    expect(readFileSync(secret.file, 'utf8')).toBe(secret.text);
    expect(rig.logs().match(/remote file refused unread/g)).toHaveLength(1);
  });

  it('a file swapped for a link after the listing is never read through', async () => {
    const ch = sftps.sftpChannel(server(), 'rswap');
    const secret = secretOnServer('rswap');
    const deps = twoFilesThenSwap(ch.source.remoteDir, (path) => symlinkSync(secret.file, path));
    const { rig, handle } = await sftps.start(ch, { deps });
    const result = await handle.pollOnce();
    expect(await rig.controlIds('rswap')).toEqual(['FIRST1']);
    expect(result).toMatchObject({ done: ['a.hl7'], rejected: ['b.hl7'] });
    expect(reportOf(ch.source.errorDir, 'b.hl7').reason).toBe('FILE_NOT_REGULAR: not a regular file (symbolic link)');
    expect(readFileSync(secret.file, 'utf8')).toBe(secret.text);
    expect(rig.logs()).not.toContain('Outsidecanary');
  });

  it('a file swapped for a FIFO after the listing is refused, and the poll does not hang', async () => {
    const ch = sftps.sftpChannel(server(), 'rfifo', { connectTimeoutMs: 5000 });
    const deps = twoFilesThenSwap(ch.source.remoteDir, (path) => execFileSync('mkfifo', [path]));
    const { rig, handle } = await sftps.start(ch, { deps });
    const result = await handle.pollOnce();
    expect(result).toMatchObject({ outcome: 'polled', done: ['a.hl7'], rejected: ['b.hl7'] });
    expect(lstatSync(join(ch.source.errorDir, 'b.hl7')).isFIFO()).toBe(true);
    expect(reportOf(ch.source.errorDir, 'b.hl7').reason).toBe('FILE_NOT_REGULAR: not a regular file (FIFO)');
    expect(await rig.controlIds('rfifo')).toEqual(['FIRST1']);
  });

  it('never writes an error report through a link planted at its name', async () => {
    const ch = sftps.sftpChannel(server(), 'rplant');
    const victim = join(server().root, 'rplant', 'victim');
    writeFileSync(victim, 'original\n');
    symlinkSync(victim, join(ch.source.errorDir, 'junk.hl7.error.json'));
    writeFileSync(join(ch.source.remoteDir, 'junk.hl7'), 'not hl7 at all\r');
    const { handle } = await sftps.start(ch);
    expect(await handle.pollOnce()).toMatchObject({ rejected: ['junk.hl7'] });
    expect(readFileSync(victim, 'utf8')).toBe('original\n');
    // The link at the report's name was replaced, not written through.
    expect(lstatSync(join(ch.source.errorDir, 'junk.hl7.error.json')).isFile()).toBe(true);
    expect(reportOf(ch.source.errorDir, 'junk.hl7').reason).toMatch(/^NOT_HL7/);
    expect(ls(ch.source.remoteDir)).toEqual([]);
  });
});
