/**
 * Half-written files in a drop folder (issue 13, finding 5), with a real writer process that pauses
 * longer than settleMs, a batch whose trailer comes late, a file that grows after it was claimed,
 * and one whose writer never comes back. Nothing from a file may be enqueued, acknowledged or
 * removed while it is incomplete, and nothing written to it may be lost.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropRig, ls, quietFor, reportsIn, startWriter, storedText } from '../support/drop.js';
import { hl7, until } from '../support/intake-deps.js';
import { dropPrefix, testPrefix } from '../support/redis.js';

const prefix = testPrefix('file-incomplete');
const drops = dropRig(prefix);
const SETTLE_MS = 300;

afterEach(() => drops.cleanup());
afterAll(() => dropPrefix(prefix));

const FHS = 'FHS|^~\\&|SENDER|SFAC|||20261129\rBHS|^~\\&|SENDER|SFAC|||20261129\r';

describe('file source and half-written files', () => {
  it.each([
    // Cut inside the second message's PID segment: the first message is whole, the second is not.
    ['mid-segment', 'pause-seg', hl7('PAUSE1') + hl7('PAUSE2'), (t: string) => t.indexOf('Zzyzxcanary', t.indexOf('PAUSE2'))],
    // Cut between segments, after the last whole message of a batch: only BTS/FTS are missing.
    ['batch without its trailer', 'pause-batch', FHS + hl7('PAUSE1') + hl7('PAUSE2') + 'BTS|2\rFTS|1\r', (t: string) => t.indexOf('BTS|')],
  ])('a writer process pausing %s longer than settleMs: nothing is taken until the file is complete', async (_label, id, full, cutAt) => {
    const ch = drops.fileChannel(id, { settleMs: SETTLE_MS });
    const { rig, source } = await drops.start(ch);
    const path = join(ch.source.dir, 'slow.hl7');
    const writer = await startWriter(path);
    await writer.write(full.slice(0, cutAt(full)));
    await quietFor(path, 2 * SETTLE_MS);
    await source.sweep();
    expect(await rig.controlIds(id)).toEqual([]);
    expect(ls(ch.source.dir)).toEqual(['slow.hl7']);
    await writer.write(full.slice(cutAt(full)));
    await writer.close();
    await until(async () => (await rig.controlIds(id)).length === 2, 10_000, 'both messages');
    await until(() => ls(ch.source.dir).length === 0, 10_000, 'file removed');
    expect(await storedText(rig, id, 'PAUSE2')).toEqual([hl7('PAUSE2')]);
    expect(ls(ch.source.errorDir)).toEqual([]);
    expect(rig.logs().match(/"msg":"file incomplete: left for its writer"/g)).toHaveLength(1);
  });

  it('a file that grows after it was claimed goes back whole: no ACK for the part, nothing lost', async () => {
    const ackDir = join(mkdtempSync(join(tmpdir(), 'hig-file-grow-')), 'ack');
    const ch = drops.fileChannel('grow', { settleMs: SETTLE_MS, ackDir });
    mkdirSync(ch.source.dir, { recursive: true });
    const path = join(ch.source.dir, 'open.hl7');
    // The writer keeps its descriptor open and adds a second message once the first is stored.
    const fd = openSync(path, 'a');
    writeSync(fd, hl7('GROW1'));
    let appended = false;
    const { rig } = await drops.start(ch, (deps) => ({
      ...deps,
      onStored: () => {
        if (appended) return;
        appended = true;
        writeSync(fd, hl7('GROW2'));
      },
    }));
    try {
      await until(async () => (await rig.controlIds('grow')).length === 2, 15_000, 'both messages stored');
      await until(() => existsSync(join(ackDir, 'open.hl7.ack')), 10_000, 'the ACK file');
    } finally {
      closeSync(fd);
    }
    expect((await rig.controlIds('grow')).sort()).toEqual(['GROW1', 'GROW2']);
    await until(() => ls(ch.source.dir).length === 0, 10_000, 'file removed');
    expect(rig.logs()).toContain('file changed after it was claimed');
    // One ACK file, written once the whole file was taken: it answers both messages.
    const ack = readFileSync(join(ackDir, 'open.hl7.ack'), 'latin1');
    expect(ack.split('\r').filter((s) => s.startsWith('MSA')).map((s) => s.split('|').slice(1, 3))).toEqual([
      ['AA', 'GROW1'],
      ['AA', 'GROW2'],
    ]);
  });

  it('a file whose writer never finishes goes to errorDir as FILE_INCOMPLETE after incompleteTimeoutMs', async () => {
    const ch = drops.fileChannel('dead', { settleMs: SETTLE_MS, incompleteTimeoutMs: 1000 });
    mkdirSync(ch.source.dir, { recursive: true });
    writeFileSync(join(ch.source.dir, 'dead.hl7'), hl7('DEAD1').slice(0, -6));
    const { rig } = await drops.start(ch);
    await until(() => reportsIn(ch.source.errorDir).length === 1, 15_000, 'file refused');
    expect(ls(ch.source.errorDir)).toEqual(['dead.hl7', 'dead.hl7.error.json']);
    const report = JSON.parse(readFileSync(join(ch.source.errorDir, 'dead.hl7.error.json'), 'utf8')) as { reason: string };
    expect(report.reason).toBe('FILE_INCOMPLETE: the file ends inside a segment (no CR or LF after its last bytes), unchanged for incompleteTimeoutMs (1000 ms)');
    expect(await rig.controlIds('dead')).toEqual([]);
    expect(rig.logs().match(/file incomplete: left for its writer/g)).toHaveLength(1);
    expect(rig.logs().match(/file refused unread/g)).toHaveLength(1);
    expect(rig.logs()).not.toContain('Zzyzxcanary');
  });

  it('an incomplete file is not read again until it changes (no re-reading every sweep)', async () => {
    const ch = drops.fileChannel('reread', { settleMs: SETTLE_MS });
    mkdirSync(ch.source.dir, { recursive: true });
    const path = join(ch.source.dir, 'same.hl7');
    const full = hl7('SAME1');
    const t = Math.floor(Date.now() / 1000) - 10;
    writeFileSync(path, full.slice(0, -1)); // ends inside the PID segment
    utimesSync(path, t, t);
    const { rig, source } = await drops.start(ch);
    await source.sweep();
    await until(() => rig.logs().includes('file incomplete'), 10_000, 'file judged incomplete');
    // Rewritten in place as a complete message of the same size, same mtime: the same state to the source.
    const fd = openSync(path, 'r+');
    writeSync(fd, full.slice(0, -2) + '\r', 0);
    closeSync(fd);
    utimesSync(path, t, t);
    for (let i = 0; i < 3; i++) await source.sweep();
    expect(await rig.controlIds('reread')).toEqual([]);
    // A change it can see (the mtime moves): read again, complete, taken.
    utimesSync(path, t + 1, t + 1);
    await until(async () => (await rig.controlIds('reread')).length === 1, 10_000, 'taken after the change');
  });
});
