/**
 * Review 54 R54-W1: MSH-18 empty (UTF-8 by default) and the bytes a legacy sender's Latin-1: each accent was no UTF-8
 * and became U+FFFD in the name and address, with no report line. [hig rule, hl7/charset.ts setAside, hl7/utf8-or-1252.ts] bytes
 * that are no UTF-8 under an empty MSH-18 are read as Windows-1252 (the UTF-8 beside them as UTF-8: CR35-1) and the report
 * says so. Messages written here by hand.
 *
 *   npx vitest run test/transform/empty-msh18-latin1.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const message = (pid5: string) => ['MSH|^~\\&|URGQ|CHUQ|HIG|CHUQ|20330312221500-0500||ADT^A04^ADT_A01|L1-1|P|2.5.1', 'EVN|A04|20330312221500', `PID|1||Q5400002^^^CHUQ^MR||${pid5}||19511103|F|||301, avenue des Érables^^Lévis^QC^G6V 4Z2^CAN`, 'PV1|1|E'].join('\r');
const convert = (bytes: Buffer) => convertHl7v2(bytes);
const patient = (bytes: Buffer) => (convert(bytes).bundle.entry as Array<{ resource?: Json }>).map((e) => e.resource as Json).find((r) => r?.resourceType === 'Patient');
const lines = (bytes: Buffer) => ((convert(bytes).report.issue as Array<{ details?: { text?: string } }> | undefined) ?? []).map((i) => i.details?.text ?? '');

describe('R54-W1 [hig rule: an empty MSH-18 whose bytes are no UTF-8 is read as Windows-1252, reported]', () => {
  const latin1 = Buffer.from(message('OUELLET^Hélène'), 'latin1');
  it('Latin-1 bytes: Hélène, avenue des Érables, Lévis, no U+FFFD', () => {
    const p = patient(latin1);
    expect((p?.name as Json[])[0]).toMatchObject({ family: 'OUELLET', given: ['Hélène'] });
    expect((p?.address as Json[])[0]).toMatchObject({ line: ['301, avenue des Érables'], city: 'Lévis' });
    expect(JSON.stringify(convert(latin1).bundle)).not.toContain('\ufffd');
  });
  it('the report says MSH-18 was empty and the bytes were read as Windows-1252', () => {
    expect(lines(latin1).filter((t) => t.startsWith('MSH-18'))).toHaveLength(1);
    expect(lines(latin1).find((t) => t.startsWith('MSH-18'))).toContain('Windows-1252');
  });
  it('[CR35-1] a UTF-8 message with one Windows-1252 byte: UTF-8 read as UTF-8, the byte as its character; one line, a count, no value', () => {
    const mixed = Buffer.concat([Buffer.from(message('OUELLET^Hélène'), 'utf8'), Buffer.from('\rNTE|1||Patient', 'utf8'), Buffer.of(0x92), Buffer.from('s note', 'utf8')]);
    expect(((patient(mixed)?.name as Json[])[0] as Json).given).toEqual(['Hélène']);
    const said = lines(mixed).filter((t) => t.startsWith('MSH-18'));
    expect(said).toEqual([expect.stringContaining('1 byte(s) are no UTF-8')]);
    expect(said[0]).toContain('Windows-1252');
    expect(said[0]).not.toMatch(/Hélène|OUELLET|Patient/);
  });
  it('control: the same message in UTF-8 bytes is read as UTF-8, no MSH-18 line', () => {
    const utf8 = Buffer.from(message('OUELLET^Hélène'), 'utf8');
    expect(((patient(utf8)?.name as Json[])[0] as Json).given).toEqual(['Hélène']);
    expect(lines(utf8).some((t) => t.startsWith('MSH-18'))).toBe(false);
  });
});
