/**
 * Half-written files on an SFTP server (issue 13, finding 5), against a real OpenSSH sshd: a real
 * writer process pausing mid-message longer than settleMs, a file written to after it was
 * downloaded, and one whose writer never comes back. Plus the file source's ackDir and encoding,
 * which the SFTP source honours the same way (ACK files written like reports: never through a link).
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ls, quietFor, reportsIn, sftpSuite, startWriter, storedText } from '../support/drop.js';
import { hl7, until } from '../support/intake-deps.js';

const { sftps, server } = sftpSuite('sftp-incomplete');
const SETTLE_MS = 300;

describe('SFTP source and half-written files', () => {
  it('a writer process pausing mid-segment longer than settleMs: nothing is taken until the file is complete', async () => {
    const ch = sftps.sftpChannel(server(), 'rpause', { settleMs: SETTLE_MS });
    const { rig, handle } = await sftps.start(ch);
    const path = join(ch.source.remoteDir, 'slow.hl7');
    const full = hl7('RPAUSE1') + hl7('RPAUSE2');
    const cut = full.indexOf('Zzyzxcanary', full.indexOf('RPAUSE2'));
    const writer = await startWriter(path);
    await writer.write(full.slice(0, cut));
    await quietFor(path, 2 * SETTLE_MS);
    // Both listings see the same size and mtime: stable, but not complete.
    expect(await handle.pollOnce()).toMatchObject({ outcome: 'polled', done: [], incomplete: ['slow.hl7'] });
    expect(await rig.controlIds('rpause')).toEqual([]);
    expect(ls(ch.source.remoteDir)).toEqual(['slow.hl7']);
    await writer.write(full.slice(cut));
    await writer.close();
    await quietFor(path, SETTLE_MS);
    expect(await handle.pollOnce()).toMatchObject({ done: ['slow.hl7'] });
    expect((await rig.controlIds('rpause')).sort()).toEqual(['RPAUSE1', 'RPAUSE2']);
    expect(await storedText(rig, 'rpause', 'RPAUSE2')).toEqual([hl7('RPAUSE2')]);
    expect(rig.logs().match(/remote file incomplete: left for its writer/g)).toHaveLength(1);
  });

  it('a file written to after it was downloaded is left whole for the next poll: nothing lost', async () => {
    const ch = sftps.sftpChannel(server(), 'rgrow');
    const path = join(ch.source.remoteDir, 'open.hl7');
    writeFileSync(path, hl7('RGROW1'));
    let appended = false;
    const { rig, handle } = await sftps.start(ch, {
      deps: (deps) => ({
        ...deps,
        onStored: () => {
          if (appended) return;
          appended = true;
          appendFileSync(path, hl7('RGROW2'));
        },
      }),
    });
    expect(await handle.pollOnce()).toMatchObject({ done: [], left: ['open.hl7'] });
    expect(ls(ch.source.remoteDir)).toEqual(['open.hl7']);
    expect(rig.logs()).toContain('remote file changed after it was downloaded');
    expect(await handle.pollOnce()).toMatchObject({ done: ['open.hl7'] });
    expect((await rig.controlIds('rgrow')).sort()).toEqual(['RGROW1', 'RGROW2']);
  });

  it('a file whose writer never finishes goes to errorDir as FILE_INCOMPLETE after incompleteTimeoutMs', async () => {
    const ch = sftps.sftpChannel(server(), 'rdead', { incompleteTimeoutMs: 1000 });
    writeFileSync(join(ch.source.remoteDir, 'dead.hl7'), hl7('RDEAD1').slice(0, -6));
    const { rig, handle } = await sftps.start(ch);
    expect(await handle.pollOnce()).toMatchObject({ incomplete: ['dead.hl7'] });
    await until(async () => (await handle.pollOnce()).rejected.includes('dead.hl7'), 15_000, 'refused after the timeout');
    expect(reportsIn(ch.source.errorDir)).toEqual(['dead.hl7.error.json']);
    const report = JSON.parse(readFileSync(join(ch.source.errorDir, 'dead.hl7.error.json'), 'utf8')) as { reason: string };
    expect(report.reason).toMatch(/^FILE_INCOMPLETE: the file ends inside a segment/);
    expect(await rig.controlIds('rdead')).toEqual([]);
    expect(rig.logs().match(/remote file incomplete: left for its writer/g)).toHaveLength(1);
  });

  it('writes a batch ACK file per file to a remote ackDir (never through a link there), and reads the configured encoding', async () => {
    const ackDir = join(server().root, 'racks', 'ack');
    const ch = sftps.sftpChannel(server(), 'racks', { ackDir, encoding: 'utf-16le' });
    mkdirSync(ackDir, { recursive: true });
    const victim = join(server().root, 'racks', 'victim');
    writeFileSync(victim, 'original\n');
    symlinkSync(victim, join(ackDir, 'wide.hl7.ack'));
    // UTF-16LE without a BOM: only the channel's encoding says what it is.
    writeFileSync(join(ch.source.remoteDir, 'wide.hl7'), Buffer.from(hl7('WIDE1').replace('Philomena', 'Zoë'), 'utf16le'));
    const { rig, handle } = await sftps.start(ch);
    expect(await handle.pollOnce()).toMatchObject({ done: ['wide.hl7'] });
    const [stored] = await storedText(rig, 'racks', 'WIDE1');
    expect(Buffer.from(stored!, 'latin1').toString('utf8')).toContain('Zoë');
    const ack = readFileSync(join(ackDir, 'wide.hl7.ack'), 'latin1');
    expect(ack.split('\r').filter((s) => s.startsWith('MSA'))).toEqual(['MSA|AA|WIDE1']);
    expect(lstatSync(join(ackDir, 'wide.hl7.ack')).isFile()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('original\n');
  });
});
