/**
 * [hig rule, review 54 R54-W1, code review 35 CR35-1; Unicode 15 §3.9 Table 3-7 (well-formed UTF-8 byte sequences);
 * WHATWG Encoding windows-1252] The reading of bytes an empty MSH-18 (UTF-8, its default here) names that are not all
 * UTF-8: each well-formed UTF-8 sequence is read as UTF-8, and each byte that starts none (a lone 0x92, a Latin-1 `é`
 * 0xE9, a truncated sequence's lead) as its Windows-1252 character, one character per such byte. A legacy sender's
 * Latin-1 message (no sequence of it is well-formed UTF-8 in practice: `Ã©` is no French) reads as Windows-1252 whole,
 * and a UTF-8 sender's message with one pasted Windows-1252 byte keeps every UTF-8 character (before: one stray 0x92
 * re-read `HÉLÈNE` as `HÃ‰LÃˆNE`). Never U+FFFD: every byte is a character of one reading or the other.
 *
 * Cost linear in the bytes: one pass, each byte looked at once or twice (a lead byte and up to three continuations);
 * the UTF-8 runs between invalid bytes decoded by TextDecoder.
 */

/**
 * [WHATWG Encoding, index-windows-1252] 0x80..0x9F, the bytes where Windows-1252 differs from ISO 8859-1 (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D: the C1 control of their value). Written out, not taken from TextDecoder('windows-1252'): Node 20's
 * reads these bytes as Latin-1's C1 controls (nodejs/node#56542), so a Word apostrophe 0x92 became U+0092.
 */
const C1_1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
/** Byte → its Windows-1252 character: ISO 8859-1's (the byte's code point) but for 0x80..0x9F. */
const WINDOWS_1252: readonly string[] = Array.from({ length: 256 }, (_, byte) => String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? C1_1252[byte - 0x80]! : byte));

// ignoreBOM: a run after an invalid byte may start with EF BB BF, a U+FEFF of the text the caller keeps or drops
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Whether bytes[at] is in lo..hi (a continuation byte of the range Table 3-7 allows there). */
function within(bytes: Uint8Array, at: number, lo: number, hi: number): boolean {
  const b = bytes[at];
  return b !== undefined && b >= lo && b <= hi;
}

/** The length of the well-formed UTF-8 sequence starting at `at` (Table 3-7), or 0 when that byte starts none. */
export function utf8SequenceAt(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return within(bytes, at + 1, 0x80, 0xbf) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    // E0: A0..BF (no overlong form); ED: 80..9F (no surrogate)
    const ok = within(bytes, at + 1, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf) && within(bytes, at + 2, 0x80, 0xbf);
    return ok ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    // F0: 90..BF (no overlong form); F4: 80..8F (nothing past U+10FFFF)
    const ok = within(bytes, at + 1, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf) && within(bytes, at + 2, 0x80, 0xbf) && within(bytes, at + 3, 0x80, 0xbf);
    return ok ? 4 : 0;
  }
  return 0; // 80..C1, F5..FF: never a lead byte
}

/** The text of `bytes` by the module comment's reading, and how many bytes were read as Windows-1252. */
export function decodeUtf8Or1252(bytes: Uint8Array): { text: string; windows1252: number } {
  const parts: string[] = [];
  let run = 0; // start of the UTF-8 run not yet decoded
  let windows1252 = 0;
  for (let at = 0; at < bytes.length; ) {
    if (bytes[at]! < 0x80) {
      at++;
      continue;
    }
    const length = utf8SequenceAt(bytes, at);
    if (length > 0) {
      at += length;
      continue;
    }
    if (run < at) parts.push(UTF8.decode(bytes.subarray(run, at)));
    parts.push(WINDOWS_1252[bytes[at]!]!);
    windows1252++;
    run = ++at;
  }
  if (run < bytes.length) parts.push(UTF8.decode(bytes.subarray(run)));
  return { text: parts.join(''), windows1252 };
}

/** A decoder of one line at a time by the same reading (charset.ts decodeSegments). */
export const utf8Or1252Decoder = { decode: (bytes: Uint8Array): string => decodeUtf8Or1252(bytes).text };
