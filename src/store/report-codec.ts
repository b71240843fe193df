/**
 * The unmapped-field report as messages.report keeps it (an OperationOutcome of locations, never
 * values: not sealed). Written as one marker byte and raw DEFLATE with a preset dictionary of the
 * converter's reports (report-dictionary.ts): on the bench's ADT^A01, 915 B of JSON is 240 B
 * deflated alone and ≈ 120 B with it. Rows written before it hold plain raw DEFLATE, which never
 * starts with the marker: 0x06 is a first block of type 3, reserved in RFC 1951.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { REPORT_DICTIONARY_V1 } from './report-dictionary.js';

const WITH_DICTIONARY_V1 = 0x06;
const OPTIONS = { level: 6, dictionary: REPORT_DICTIONARY_V1 } as const;

export function encodeReport(report: Record<string, unknown>): Buffer {
  const packed = deflateRawSync(JSON.stringify(report), OPTIONS);
  const out = Buffer.allocUnsafe(packed.length + 1);
  out[0] = WITH_DICTIONARY_V1;
  packed.copy(out, 1);
  return out;
}

export function decodeReport(bytes: Buffer): Record<string, unknown> {
  const json = bytes[0] === WITH_DICTIONARY_V1 ? inflateRawSync(bytes.subarray(1), { dictionary: REPORT_DICTIONARY_V1 }) : inflateRawSync(bytes);
  return JSON.parse(json.toString()) as Record<string, unknown>;
}
