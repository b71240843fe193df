/** When a file's text can be complete: a table of endings and envelopes (src/hl7/batch.ts `incompleteness`). */
import { describe, expect, it } from 'vitest';
import { incompleteness } from '../../src/hl7/batch.js';

const MSG = 'MSH|^~\\&|A|B|C|D|20260101||ADT^A01|C1|P|2.5.1\rPID|1||X\r';

describe('incompleteness', () => {
  it.each([
    ['a message ending with CR', MSG, undefined],
    ['LF and CRLF endings', MSG.replace(/\r/g, '\n') + MSG.replace(/\r/g, '\r\n'), undefined],
    ['blank lines, spaces, tabs and an MLLP end byte after the last terminator', MSG + '\r\n \t\x1c', undefined],
    ['cut inside the last segment', MSG.slice(0, -3), 'NO_SEGMENT_TERMINATOR'],
    ['cut inside a segment, trailing space', MSG.slice(0, -3) + ' ', 'NO_SEGMENT_TERMINATOR'],
    ['an empty file (its writer has not written yet)', '', 'NO_SEGMENT_TERMINATOR'],
    ['FHS … FTS', `FHS|^~\\&\rBHS|^~\\&\r${MSG}BTS|1\rFTS|1\r`, undefined],
    ['FHS without FTS', `FHS|^~\\&\rBHS|^~\\&\r${MSG}BTS|1\r`, 'BATCH_NOT_CLOSED'],
    ['BHS without BTS', `BHS|^~\\&\r${MSG}`, 'BATCH_NOT_CLOSED'],
    ['BHS … BTS without FHS', `BHS|^~\\&\r${MSG}BTS|1\r`, undefined],
    ['FTS also closes a batch whose BTS is missing', `FHS|^~\\&\rBHS|^~\\&\r${MSG}FTS|1\r`, undefined],
    ['two batch files one after the other, the second open', `FHS|^~\\&\r${MSG}FTS|1\rFHS|^~\\&\r${MSG}`, 'BATCH_NOT_CLOSED'],
    ['a closed batch in a CRLF file', `FHS|^~\\&\r\n${MSG.replace(/\r/g, '\r\n')}FTS|1\r\n`, undefined],
  ])('%s', (_label, text, expected) => {
    expect(incompleteness(text)?.reason).toBe(expected);
  });

  it('names the envelope left open', () => {
    expect(incompleteness(`FHS|^~\\&\rBHS|^~\\&\r${MSG}`)).toEqual({ reason: 'BATCH_NOT_CLOSED', open: 'FHS' });
    expect(incompleteness(`BHS|^~\\&\r${MSG}`)).toEqual({ reason: 'BATCH_NOT_CLOSED', open: 'BHS' });
  });
});
