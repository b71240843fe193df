/**
 * The file drop source against a real directory and a real Redis: slow writers, batch files,
 * bad files, an outage-free kill -9 mid-batch with a restart, and no PHI in the logs.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFileSource } from '../../src/sources/file.js';
import { CLAIMS_DIR } from '../../src/sources/claims.js';
import { ROOT, tsChildArgs } from '../support/daemon.js';
import { dropRig, ls, storedText } from '../support/drop.js';
import { hl7, sleep, startIntakeRig, until, type IntakeRig } from '../support/intake-deps.js';
import { dropPrefix, REDIS_URL, startPrivateRedis, testPrefix } from '../support/redis.js';

const prefix = testPrefix('file');
const drops = dropRig(prefix);
const { fileChannel, start } = drops;
const rigs: IntakeRig[] = [];
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await drops.cleanup();
  for (const c of closers.splice(0)) await c();
  for (const r of rigs.splice(0)) await r.close();
});
afterAll(async () => {
  await dropPrefix(prefix);
});

describe('file source', () => {
  it('waits for a file written slowly in pieces, then enqueues it and deletes it', async () => {
    // A file unchanged for settleMs is rightly taken, so a pause of the writer below longer than that would fail the
    // test for the wrong reason: 400 ms was within a loaded machine's reach for a 150 ms sleep; 3 s is not. (The
    // source's settle clock is its own: no test hook to make this independent of the length.)
    const ch = fileChannel('slow', { settleMs: 3000 });
    const { rig } = await start(ch);
    const text = hl7('SLOW1', { eol: '\r\n' }) + hl7('SLOW2', { eol: '\r\n' });
    const path = join(ch.source.dir, 'slow.hl7');
    // 12 pieces, 150 ms apart: the file is incomplete for ~1.7 s, longer than a poll period.
    const pieces = 12;
    const step = Math.ceil(text.length / pieces);
    for (let i = 0; i < text.length; i += step) {
      appendFileSync(path, text.slice(i, i + step));
      await sleep(150);
      expect(await rig.controlIds('slow')).toEqual([]);
    }
    await until(() => !existsSync(path), 10_000, 'file taken');
    await until(async () => (await rig.controlIds('slow')).length === 2);
    expect(await rig.controlIds('slow')).toEqual(['SLOW1', 'SLOW2']);
    expect(ls(ch.source.errorDir)).toEqual([]);
  });

  it('splits FHS/BHS batches and plain concatenations (CR, LF, CRLF), moves them, writes a batch ACK', async () => {
    const base = mkdtempSync(join(tmpdir(), 'hig-file-batch-'));
    const ch = fileChannel('batch', { afterProcessing: { moveTo: join(base, 'done') }, ackDir: join(base, 'ack') });
    const { rig } = await start(ch);
    const fhs = ['FHS|^~\\&|SENDER|SFAC|||20261129', 'BHS|^~\\&|SENDER|SFAC|||20261129'].join('\r') + '\r';
    const batch = fhs + hl7('B1') + hl7('B2') + hl7('B3') + 'BTS|3\rFTS|1\r';
    writeFileSync(join(ch.source.dir, 'a-batch.hl7'), batch);
    writeFileSync(join(ch.source.dir, 'b-lf.hl7'), hl7('L1', { eol: '\n' }) + hl7('L2', { eol: '\n' }));
    writeFileSync(join(ch.source.dir, 'c-crlf.hl7'), '\ufeff' + hl7('W1', { eol: '\r\n' }) + '\r\n\r\n' + hl7('W2', { eol: '\r\n' }));
    await until(() => ls(ch.source.dir).length === 0, 10_000, 'all three taken');
    await until(() => ls(join(base, 'done')).length === 3, 10_000, 'all three moved');
    expect((await rig.controlIds('batch')).sort()).toEqual(['B1', 'B2', 'B3', 'L1', 'L2', 'W1', 'W2']);
    expect(ls(join(base, 'done'))).toEqual(['a-batch.hl7', 'b-lf.hl7', 'c-crlf.hl7']);
    const ack = readFileSync(join(base, 'ack', 'a-batch.hl7.ack'), 'latin1');
    expect(ack.startsWith('FHS|')).toBe(true);
    expect(ack.split('\r').filter((s) => s.startsWith('MSA')).map((s) => s.split('|').slice(1, 3))).toEqual([
      ['AA', 'B1'],
      ['AA', 'B2'],
      ['AA', 'B3'],
    ]);
    expect(ack).toContain('BTS|3');
  });

  it('moves an unparseable file to errorDir with a <name>.error.json naming the reason and index, no PHI', async () => {
    const ch = fileChannel('bad');
    const { rig } = await start(ch);
    writeFileSync(join(ch.source.dir, 'junk.hl7'), 'PID|1||MRN1^^^X||Zzyzxcanary^Philomena\r');
    writeFileSync(join(ch.source.dir, 'empty.hl7'), '\r\n\r\n');
    // Second message has no MSH-9, fourth is a type the channel does not accept; the others are stored.
    const mixed = hl7('M1') + hl7('M2').replace('ADT^A01^ADT_A01', '') + hl7('M3') + hl7('M4', { type: 'ORU^R01' });
    writeFileSync(join(ch.source.dir, 'mixed.hl7'), mixed);
    const expected = ['empty.hl7', 'empty.hl7.error.json', 'junk.hl7', 'junk.hl7.error.json', 'mixed.hl7', 'mixed.hl7.error.json'];
    await until(() => ls(ch.source.errorDir).join() === expected.join(), 10_000, 'three files and three reports in errorDir');
    const junk = JSON.parse(readFileSync(join(ch.source.errorDir, 'junk.hl7.error.json'), 'utf8'));
    expect(junk).toMatchObject({ file: 'junk.hl7', reason: expect.stringMatching(/^NOT_HL7/), errors: [{ messageIndex: 0, code: 'NOT_HL7' }] });
    const empty = JSON.parse(readFileSync(join(ch.source.errorDir, 'empty.hl7.error.json'), 'utf8'));
    expect(empty.reason).toMatch(/no HL7 message/);
    const mixedReport = readFileSync(join(ch.source.errorDir, 'mixed.hl7.error.json'), 'utf8');
    expect(JSON.parse(mixedReport)).toMatchObject({
      messages: 4,
      stored: 2,
      errors: [
        { messageIndex: 1, code: 'REQUIRED_FIELD_MISSING', location: 'MSH-9' },
        { messageIndex: 3, code: 'MESSAGE_TYPE_NOT_ACCEPTED' },
      ],
    });
    expect((await rig.controlIds('bad')).sort()).toEqual(['M1', 'M3']);
    for (const text of [mixedReport, JSON.stringify(junk), rig.logs()]) {
      expect(text).not.toContain('Zzyzxcanary');
      expect(text).not.toContain('MRN');
    }
    expect(rig.logs()).toContain('mixed.hl7');
  });

  it('sends a file over maxFileBytes to errorDir unread, and leaves unmatched and temporary names alone', async () => {
    const ch = fileChannel('limits', { maxFileBytes: 1000 });
    const { rig } = await start(ch);
    writeFileSync(join(ch.source.dir, 'big.hl7'), hl7('BIG').padEnd(2000, 'x'));
    writeFileSync(join(ch.source.dir, 'notes.txt'), 'hello');
    writeFileSync(join(ch.source.dir, 'upload.hl7.part'), hl7('P1'));
    writeFileSync(join(ch.source.dir, '.hidden.hl7'), hl7('H1'));
    await until(() => ls(ch.source.errorDir).join() === 'big.hl7,big.hl7.error.json', 10_000, 'big file rejected');
    expect(JSON.parse(readFileSync(join(ch.source.errorDir, 'big.hl7.error.json'), 'utf8')).reason).toMatch(/^FRAME_TOO_LARGE/);
    await sleep(800);
    expect(ls(ch.source.dir)).toEqual(['.hidden.hl7', 'notes.txt', 'upload.hl7.part']);
    expect(await rig.controlIds('limits')).toEqual([]);
  });

  it('takes files that were already there at start, and dedupes a resent file', async () => {
    const ch = fileChannel('preexisting', { pattern: '*.{hl7,txt}' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(ch.source.dir, { recursive: true });
    writeFileSync(join(ch.source.dir, 'one.hl7'), hl7('P1') + hl7('P2'));
    writeFileSync(join(ch.source.dir, 'two.txt'), hl7('P3'));
    await sleep(400);
    const { rig } = await start(ch);
    await until(() => ls(ch.source.dir).length === 0, 10_000, 'pre-existing files taken');
    await until(async () => (await rig.controlIds('preexisting')).length === 3);
    writeFileSync(join(ch.source.dir, 'one-again.hl7'), hl7('P1') + hl7('P2'));
    await until(() => ls(ch.source.dir).length === 0, 10_000, 'resent file taken');
    await sleep(200);
    expect((await rig.controlIds('preexisting')).sort()).toEqual(['P1', 'P2', 'P3']);
  });

  it('two sources on one directory: each file is claimed and processed by exactly one of them', async () => {
    const ch = fileChannel('shared', { settleMs: 100, pollMs: 100 });
    const a = await start(ch);
    const b = await start(ch);
    const n = 30;
    for (let i = 0; i < n; i++) writeFileSync(join(ch.source.dir, `s${String(i).padStart(2, '0')}.hl7`), hl7(`SH${i}`));
    await until(() => ls(ch.source.dir).length === 0, 15_000, 'all files taken');
    await until(async () => (await a.rig.controlIds('shared')).length === n);
    const processed = (log: string) => (log.match(/"msg":"file processed"/g) ?? []).length;
    await until(() => processed(a.rig.logs()) + processed(b.rig.logs()) === n, 5000, 'every file processed once');
    await sleep(300);
    expect(processed(a.rig.logs()) + processed(b.rig.logs())).toBe(n);
  });

  it('reads UTF-16 files (BOM) as UTF-8 messages', async () => {
    const ch = fileChannel('utf16');
    const { rig } = await start(ch);
    const text = hl7('U1').replace('Philomena', 'Zoë');
    writeFileSync(join(ch.source.dir, 'wide.hl7'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await until(async () => (await rig.controlIds('utf16')).length === 1, 10_000, 'UTF-16 file stored');
    const [stored] = await storedText(rig, 'utf16', 'U1');
    expect(Buffer.from(stored!, 'latin1').toString('utf8')).toContain('Zoë');
  });

  it('leaves a file in the drop directory (not errorDir) while Redis cannot take its messages', async () => {
    const redis = await startPrivateRedis();
    const ch = fileChannel('outage');
    const rig = await startIntakeRig([ch], prefix, redis.url, 500);
    rigs.push(rig);
    const source = await startFileSource(ch, rig.deps);
    await redis.stop();
    writeFileSync(join(ch.source.dir, 'waiting.hl7'), hl7('O1'));
    // Two attempts: the file went back after the first and was taken again after pollMs.
    await until(() => (rig.logs().match(/queue unavailable/g) ?? []).length >= 2, 10_000, 'outage noticed twice');
    // Closing waits for the attempt in progress, which puts the file back.
    await source.close();
    expect(ls(ch.source.dir)).toEqual(['waiting.hl7']);
    expect(ls(ch.source.errorDir)).toEqual([]);
  });

  it('loses nothing and duplicates nothing when killed -9 mid-batch and restarted', async () => {
    const ch = fileChannel('crash', { settleMs: 100 });
    const total = 600;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(ch.source.dir, { recursive: true });
    writeFileSync(join(ch.source.dir, 'big-batch.hl7'), Array.from({ length: total }, (_, i) => hl7(`K${i}`)).join(''));
    const rig = await startIntakeRig([ch], prefix, REDIS_URL);
    rigs.push(rig);
    const runChild = (slowMs: number) => {
      const child = spawn(process.execPath, tsChildArgs(join(ROOT, 'test/support/file-source-child.ts')), {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', REDIS_URL, PREFIX: prefix, CHANNEL: JSON.stringify(ch), SLOW_ENQUEUE_MS: String(slowMs) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      return { child, out: () => out };
    };
    const first = runChild(5);
    await until(async () => (await rig.controlIds('crash')).length >= 100, 120_000, 'first child mid-batch');
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const storedBefore = (await rig.controlIds('crash')).length;
    expect(storedBefore).toBeLessThan(total);
    expect(existsSync(join(ch.source.dir, 'big-batch.hl7'))).toBe(false); // it was claimed
    const second = runChild(0);
    closers.push(async () => {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    });
    await until(() => second.out().includes('processed'), 120_000, `second child to finish: ${second.out()}`);
    expect(second.out()).toContain('recovered');
    const ids = await rig.controlIds('crash');
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect(ls(ch.source.dir)).toEqual([]);
    expect(existsSync(join(ch.source.dir, CLAIMS_DIR)) ? readdirSync(join(ch.source.dir, CLAIMS_DIR)).flatMap((o) => readdirSync(join(ch.source.dir, CLAIMS_DIR, o))) : []).toEqual([]);
  }, 300_000);
});
