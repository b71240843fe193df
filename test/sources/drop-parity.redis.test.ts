/**
 * Every option the file and SFTP sources share means the same for both (issue 15: they had
 * drifted). The same files, with the same pattern, encoding, ackDir, errorDir and afterProcessing,
 * go through the file source on a local directory and through the SFTP source from a real OpenSSH
 * sshd, and come out the same: the same messages stored, the same files moved and refused, the
 * same error reports, and ACK files equal byte for byte (but for timestamps and control ids).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropRig, ls, sftpSuite } from '../support/drop.js';
import { hl7, until, type IntakeRig } from '../support/intake-deps.js';
import { testPrefix } from '../support/redis.js';

const { sftps, server } = sftpSuite('drop-parity');
const drops = dropRig(testPrefix('drop-parity-file'));

/** What a sender drops: UTF-16LE without a BOM (only `encoding` says so), a non-ASCII sender name echoed in the ACK. */
const wide = (text: string) => Buffer.from(text, 'utf16le');
const FILES: Array<[string, Buffer]> = [
  ['one.hl7', wide(hl7('PAR1', { sender: 'MÜNCHEN' }).replace('Philomena', 'Zoë'))],
  ['two.txt', wide('FHS|^~\\&\rBHS|^~\\&\r' + hl7('PAR2') + hl7('PAR3') + 'BTS|2\rFTS|1\r')],
  ['mixed.hl7', wide(hl7('PAR4') + hl7('PAR5', { type: 'ORU^R01' }))],
  ['junk.hl7', wide('not hl7 at all\r')],
  ['notes.dat', wide(hl7('PAR6'))],
];
const OPTIONS = { pattern: '*.{hl7,txt}', encoding: 'utf-16le' };

interface Outcome {
  stored: string[];
  inDir: string[];
  moved: string[];
  errors: string[];
  reports: Record<string, unknown>;
  acks: Record<string, string>;
}

/** Timestamps, random control ids and the channel's id differ; everything else must not. */
const stable = (text: string, id: string) => text.replace(/\d{14}\+0000/g, 'TS').replace(/\b[0-9a-f]{20}\b/g, 'CTL').replaceAll(id, 'CH');

async function outcome(rig: IntakeRig, id: string, dirs: { in: string; done: string; error: string; ack: string }): Promise<Outcome> {
  const reports: Record<string, unknown> = {};
  for (const n of ls(dirs.error).filter((n) => n.endsWith('.error.json'))) {
    const { at: _at, channel: _channel, ...rest } = JSON.parse(stable(readFileSync(join(dirs.error, n), 'utf8'), id)) as Record<string, unknown>;
    reports[n] = rest;
  }
  const acks: Record<string, string> = {};
  for (const n of ls(dirs.ack)) acks[n] = stable(readFileSync(join(dirs.ack, n), 'latin1'), id);
  return { stored: (await rig.controlIds(id)).sort(), inDir: ls(dirs.in), moved: ls(dirs.done), errors: ls(dirs.error), reports, acks };
}

describe('file and SFTP sources: one meaning per option', () => {
  it('pattern, encoding, ackDir, errorDir, afterProcessing and batch files come out the same', async () => {
    const local = mkdtempSync(join(tmpdir(), 'hig-parity-'));
    const fileDirs = { done: join(local, 'done'), ack: join(local, 'ack') };
    const fileCh = drops.fileChannel('parfile', { ...OPTIONS, afterProcessing: { moveTo: fileDirs.done }, ackDir: fileDirs.ack });
    const { rig: fileRig, source } = await drops.start(fileCh);
    for (const [name, bytes] of FILES) writeFileSync(join(fileCh.source.dir, name), bytes);
    await until(() => ls(fileCh.source.dir).join() === 'notes.dat', 15_000, 'the file source took every matching file');
    await source.sweep();

    const remoteDirs = { done: join(server().root, 'parsftp', 'done'), ack: join(server().root, 'parsftp', 'ack') };
    const sftpCh = sftps.sftpChannel(server(), 'parsftp', { ...OPTIONS, afterProcessing: { moveTo: remoteDirs.done }, ackDir: remoteDirs.ack });
    const { rig: sftpRig, handle } = await sftps.start(sftpCh);
    for (const [name, bytes] of FILES) writeFileSync(join(sftpCh.source.remoteDir, name), bytes);
    expect(await handle.pollOnce()).toMatchObject({ outcome: 'polled', done: ['one.hl7', 'two.txt'], rejected: ['junk.hl7', 'mixed.hl7'] });

    try {
      const viaFile = await outcome(fileRig, 'parfile', { in: fileCh.source.dir, error: fileCh.source.errorDir, ...fileDirs });
      const viaSftp = await outcome(sftpRig, 'parsftp', { in: sftpCh.source.remoteDir, error: sftpCh.source.errorDir, ...remoteDirs });
      expect(viaSftp).toEqual(viaFile);
      // And what they agree on is right:
      expect(viaFile).toMatchObject({
        stored: ['PAR1', 'PAR2', 'PAR3', 'PAR4'],
        inDir: ['notes.dat'],
        moved: ['one.hl7', 'two.txt'],
        errors: ['junk.hl7', 'junk.hl7.error.json', 'mixed.hl7', 'mixed.hl7.error.json'],
      });
      expect(Object.keys(viaFile.acks)).toEqual(['junk.hl7.ack', 'mixed.hl7.ack', 'one.hl7.ack', 'two.txt.ack']);
      // The ACK echoes the sender's name in the bytes the message had once decoded (UTF-8), not re-encoded.
      const ack = readFileSync(join(fileDirs.ack, 'one.hl7.ack'));
      expect(ack.includes(Buffer.from('|MÜNCHEN|', 'utf8'))).toBe(true);
      expect(viaFile.acks['mixed.hl7.ack']!.split('\r').filter((s) => s.startsWith('MSA')).map((s) => s.split('|')[1])).toEqual(['AA', 'AR']);
    } finally {
      await drops.cleanup();
    }
  });
});
