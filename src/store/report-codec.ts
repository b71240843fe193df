/**
 * The unmapped-field report as messages.report keeps it (an OperationOutcome of locations, never
 * values: not sealed). Written as one marker byte and raw DEFLATE with a preset dictionary of the
 * converter's reports (report-dictionary*.ts). Dictionaries are frozen once released: when the
 * converter's report lines change enough that the current one stops paying (the table-code and
 * document-note rules of 2026-12-05 added lines V1 never saw), a new one gets a marker no raw
 * DEFLATE stream can start with, and the old ones still read. Rows written before any dictionary
 * hold plain raw DEFLATE, so a marker must be a byte whose bits 1–2 (the first block's type) are
 * both set: type 3 is reserved in RFC 1951. 0x06, 0x07 and 0x0E (v3, the report lines of 2026-12-07:
 * the bench's report 410 → 251 B) are such bytes; the next free one is 0x0F.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { REPORT_DICTIONARY_V1 } from './report-dictionary.js';
import { REPORT_DICTIONARY_V2 } from './report-dictionary-v2.js';
import { REPORT_DICTIONARY_V3 } from './report-dictionary-v3.js';

/** marker byte → its dictionary; the last one is what new rows are written with */
const DICTIONARIES = new Map<number, Buffer>([
  [0x06, REPORT_DICTIONARY_V1],
  [0x07, REPORT_DICTIONARY_V2],
  [0x0e, REPORT_DICTIONARY_V3],
]);
const CURRENT = 0x0e;
const OPTIONS = { level: 6, dictionary: REPORT_DICTIONARY_V3 } as const;

export function encodeReport(report: Record<string, unknown>): Buffer {
  const packed = deflateRawSync(JSON.stringify(report), OPTIONS);
  const out = Buffer.allocUnsafe(packed.length + 1);
  out[0] = CURRENT;
  packed.copy(out, 1);
  return out;
}

export function decodeReport(bytes: Buffer): Record<string, unknown> {
  const dictionary = DICTIONARIES.get(bytes[0]!);
  const json = dictionary === undefined ? inflateRawSync(bytes) : inflateRawSync(bytes.subarray(1), { dictionary });
  return JSON.parse(json.toString()) as Record<string, unknown>;
}
