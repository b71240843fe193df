/** Pure rules behind the file and SFTP sources: name patterns, claim ownership, reports and ACK files. */
import { describe, expect, it } from 'vitest';
import { globToRegExp, nameMatcher } from '../../src/sources/glob.js';
import { claimAbandoned, ownerName, parseOwner } from '../../src/sources/claims.js';
import { batchAck, errorReport, normalizeFileBytes } from '../../src/sources/batch-intake.js';
import { readHeader } from '../../src/hl7/header.js';
import { IncompleteFiles } from '../../src/sources/completeness.js';

describe('name patterns', () => {
  it.each([
    ['*.hl7', 'a.hl7', true],
    ['*.hl7', 'a.HL7', false],
    ['*.hl7', 'a.hl7.bak', false],
    ['*.{hl7,txt}', 'x.txt', true],
    ['*.{hl7,txt}', 'x.dat', false],
    ['ADT_??.hl7', 'ADT_01.hl7', true],
    ['ADT_??.hl7', 'ADT_1.hl7', false],
    ['[ab]*.hl7', 'b1.hl7', true],
    ['[!ab]*.hl7', 'b1.hl7', false],
    ['a+b(1).hl7', 'a+b(1).hl7', true],
    ['*', 'sub/x', false],
    ['{oops', '{oops', true],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(globToRegExp(pattern).test(name)).toBe(expected);
  });

  it('never matches hidden or temporary names', () => {
    const m = nameMatcher('*');
    expect(['.x.hl7', '~x.hl7', 'x.hl7.tmp', 'x.part', 'x.filepart', 'ok.hl7'].map(m)).toEqual([false, false, false, false, false, true]);
  });
});

describe('claims', () => {
  const self = ownerName('host-a', 100, 'n1');
  it('round-trips owner names, sanitising odd host names', () => {
    expect(parseOwner(ownerName('h/o~st', 42, 'a~b'))).toEqual({ host: 'h_o_st', pid: 42 });
    expect(parseOwner('garbage')).toBeUndefined();
    expect(ownerName('h', 1, 'x')).not.toBe(ownerName('h', 1, 'y'));
  });
  it.each([
    ['own claims are never taken back', self, 0, () => false, false],
    ['same host, owner dead → at once', ownerName('host-a', 7, 'n2'), Date.now(), () => false, true],
    ['same host and pid, other start (containers), fresh → kept', ownerName('host-a', 100, 'n0'), Date.now(), () => true, false],
    ['same host, owner alive, fresh → kept', ownerName('host-a', 7, 'n2'), Date.now(), () => true, false],
    ['other host, fresh → kept', ownerName('host-b', 7, 'n2'), Date.now(), () => false, false],
    ['other host, stale → taken', ownerName('host-b', 7, 'n2'), Date.now() - 120_000, () => true, true],
  ])('%s', (_label, owner, mtime, alive, expected) => {
    expect(claimAbandoned(owner, self, mtime, Date.now(), 60_000, alive)).toBe(expected);
  });
});

describe('incomplete files', () => {
  const cut = Buffer.from('MSH|^~\\&|A|B|C|D|20260101||ADT^A01|C1|P|2.5.1\rPID|1||X');
  const whole = Buffer.from('MSH|^~\\&|A|B|C|D|20260101||ADT^A01|C1|P|2.5.1\rPID|1||X\r');

  it('waits for an incomplete file, skips it while unchanged, and gives up only after the timeout unchanged', () => {
    let now = 0;
    const files = new IncompleteFiles(1000, () => now);
    expect(files.judge('a', 's1', cut)).toMatchObject({ kind: 'wait', first: true, gap: { reason: 'NO_SEGMENT_TERMINATOR' } });
    now = 999;
    expect(files.waiting('a', 's1')).toBe(true); // not read again
    expect(files.waiting('a', 's2')).toBe(false); // it changed: read it
    now = 1000;
    expect(files.waiting('a', 's1')).toBe(false); // timed out: read it once more
    expect(files.judge('a', 's1', cut)).toMatchObject({ kind: 'expired', detail: expect.stringContaining('1000 ms') });
  });

  it('a change restarts the wait; a complete file is forgotten', () => {
    let now = 0;
    const files = new IncompleteFiles(1000, () => now);
    files.judge('a', 's1', cut);
    now = 900;
    expect(files.judge('a', 's2', cut)).toMatchObject({ kind: 'wait', first: false });
    now = 1500;
    expect(files.judge('a', 's2', cut).kind).toBe('wait');
    expect(files.judge('a', 's3', whole)).toEqual({ kind: 'complete' });
    expect(files.waiting('a', 's3')).toBe(false);
  });

  it('forgets names that left the directory', () => {
    const files = new IncompleteFiles(1000, () => 0);
    files.judge('a', 's1', cut);
    files.keepOnly(new Set(['b']));
    expect(files.waiting('a', 's1')).toBe(false);
    expect(files.judge('a', 's1', cut)).toMatchObject({ kind: 'wait', first: true });
  });
});

describe('file bytes', () => {
  it('converts UTF-16 (by option or BOM) to UTF-8 and drops a UTF-8 BOM', () => {
    const text = 'MSH|^~\\&|Ä\r';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(normalizeFileBytes(le).toString('utf8')).toBe(text);
    expect(normalizeFileBytes(Buffer.from(text, 'utf16le'), 'utf-16le').toString('utf8')).toBe(text);
    expect(normalizeFileBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).toString('utf8')).toBe(text);
    const latin1 = Buffer.from(text, 'latin1');
    expect(normalizeFileBytes(latin1, 'latin1')).toBe(latin1);
  });
});

describe('reports', () => {
  it('error reports carry codes, indexes and locations only', () => {
    const report = JSON.parse(
      errorReport('x.hl7', { kind: 'rejected', stored: 1, messages: 2, receipts: [], refusals: [{ index: 1, code: 'NOT_HL7', location: 'MSH', detail: 'first segment is not MSH' }] }, 'ch', new Date(0)),
    );
    expect(report).toEqual({
      file: 'x.hl7',
      channel: 'ch',
      at: '1970-01-01T00:00:00.000Z',
      reason: 'NOT_HL7: first segment is not MSH',
      messages: 2,
      stored: 1,
      errors: [{ messageIndex: 1, code: 'NOT_HL7', location: 'MSH', detail: 'first segment is not MSH' }],
    });
  });

  it('a batch ACK wraps one ACK per message, answering each MSH-10 in order', () => {
    const read = readHeader('MSH|^~\\&|A|B|C|D|20260101||ADT^A01|CTL9|P|2.5.1\r');
    if (!read.ok) throw new Error('header');
    const text = batchAck(
      [
        { situation: 'stored', messageId: 'm', header: read.header },
        { situation: 'no-header', code: 'NOT_HL7', detail: 'first segment is not MSH', location: 'MSH' },
      ],
      'in|put.hl7',
    );
    const segs = text.split('\r').filter(Boolean);
    expect(segs.map((s) => s.slice(0, 3))).toEqual(['FHS', 'BHS', 'MSH', 'MSA', 'MSH', 'MSA', 'ERR', 'BTS', 'FTS']);
    expect(segs[0]).toContain('in_put.hl7');
    expect(segs[3]!.split('|').slice(1, 3)).toEqual(['AA', 'CTL9']);
    expect(segs[5]!.split('|')[1]).toBe('AR');
    expect(segs[7]).toBe('BTS|2');
  });
});

describe('example channel files', () => {
  it('channels/examples has one valid channel per source type (file, sftp, http)', async () => {
    const { loadChannels } = await import('../../src/config/load-channels.js');
    const { ROOT } = await import('../support/daemon.js');
    const { join } = await import('node:path');
    const types = loadChannels(join(ROOT, 'channels/examples')).map((c) => c.source.type);
    for (const t of ['file', 'sftp', 'http']) expect(types).toContain(t);
  });
});
