/** The stored unmapped-field report: written with its preset dictionary, and rows written before it still read. */
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeReport, encodeReport } from '../../src/store/report-codec.js';
import { REPORT_DICTIONARY_V1 } from '../../src/store/report-dictionary.js';
import { REPORT_DICTIONARY_V2 } from '../../src/store/report-dictionary-v2.js';
import { REPORT_DICTIONARY_V3 } from '../../src/store/report-dictionary-v3.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { adtA01 } from '../../bench/lib/message.js';

const report = convertHl7v2(adtA01('RPT', 1)).report;

describe('stored report', () => {
  it('round-trips, smaller than DEFLATE without the dictionary', () => {
    const bytes = encodeReport(report);
    expect(decodeReport(bytes)).toEqual(report);
    expect(bytes.length).toBeLessThan(deflateRawSync(JSON.stringify(report), { level: 9 }).length * 0.7);
  });

  it('pins the dictionaries (stored reports name them only by their marker byte)', () => {
    expect(createHash('sha256').update(REPORT_DICTIONARY_V1).digest('hex')).toBe('08df237c162946271b21946ed37deb6077fba353bbd9dbdcca201a4e3960e510');
    expect(createHash('sha256').update(REPORT_DICTIONARY_V2).digest('hex')).toBe('050492d7b4b355f44432c49401cb74db2e70789054b3f4129e4a997a47c98704');
    expect(createHash('sha256').update(REPORT_DICTIONARY_V3).digest('hex')).toBe('a0b9db048630a90a5c772ae039e9bd67b204f11fa95d2ed28db427cdd9ed5425');
  });

  it('writes with the newest dictionary (marker 0x0E) and reads rows written with v1 (0x06) and v2 (0x07)', () => {
    expect(encodeReport(report)[0]).toBe(0x0e);
    const v1 = Buffer.concat([Buffer.of(0x06), deflateRawSync(JSON.stringify(report), { dictionary: REPORT_DICTIONARY_V1 })]);
    expect(decodeReport(v1)).toEqual(report);
    const v2 = Buffer.concat([Buffer.of(0x07), deflateRawSync(JSON.stringify(report), { dictionary: REPORT_DICTIONARY_V2 })]);
    expect(decodeReport(v2)).toEqual(report);
    // v3 pays on today's report lines: smaller than v2 would write
    expect(encodeReport(report).length).toBeLessThan(v2.length);
  });

  it('reads a report stored before the dictionary (plain raw DEFLATE)', () => {
    for (const r of [report, { resourceType: 'OperationOutcome', issue: [] }, {}]) expect(decodeReport(deflateRawSync(JSON.stringify(r)))).toEqual(r);
  });
});
