/**
 * ISO 639 language codes → BCP 47 language tags (urn:ietf:bcp:47), for a CWE whose coding system
 * (CWE.3/CWE.6) is table 0396 `ISO639` (PID-15, NK1-20, any other CWE).
 *
 * Senders write ISO 639-2 three-letter codes under `ISO639` (`vie^Vietnamese^ISO639`, Epic, athena).
 * BCP 47 registers only the shortest ISO 639 code of a language (RFC 5646 §2.2.1): `vi`, not `vie`;
 * a three-letter code is a valid tag only when the language has no ISO 639-1 code (`haw`, `hmn`).
 * So a 639-2 code (terminologic `deu` or bibliographic `ger`) with a 639-1 equivalent becomes that
 * two-letter code, and anything else (a 639-1 code, `en-US`, a 639-2 code without a two-letter
 * equivalent) is kept as written (review 16, R16-W1). Tables: npm `iso-639-2` (ISO 639-2/RA data).
 */
import { iso6392BTo1 } from 'iso-639-2/2b-to-1.js';
import { iso6392TTo1 } from 'iso-639-2/2t-to-1.js';

export const BCP47 = 'urn:ietf:bcp:47';

/** The BCP 47 language tag of an ISO 639 code as a sender wrote it. */
export function bcp47Language(code: string): string {
  if (!/^[A-Za-z]{3}$/.test(code)) return code;
  const lower = code.toLowerCase();
  // 2b-to-1 holds every 639-2 code with a 639-1 equivalent under its B code (where B = T, both);
  // 2t-to-1 the 20 T codes that differ from their B code (deu, fra, zho…)
  return Object.hasOwn(iso6392BTo1, lower) ? iso6392BTo1[lower]! : Object.hasOwn(iso6392TTo1, lower) ? iso6392TTo1[lower]! : code;
}
