/**
 * What makes two messages "the same content" for dedupe: every byte of the message as received
 * except MSH-7 (date/time of message), which a sender may stamp anew when it resends. Works on the
 * raw bytes (the charset does not matter) and copies nothing.
 */

/** Bytes read as space before the MSH, as the header reader skips them (TAB…CR, space, NBSP). */
const isLeadingSpace = (b: number): boolean => (b >= 0x09 && b <= 0x0d) || b === 0x20 || b === 0xa0;

/**
 * The message in up to two slices: before MSH-7's value and after it (from the separator that
 * ends it). A message whose MSH has no MSH-7 is one slice, the whole message.
 */
export function contentWithoutMsh7(raw: Buffer): Buffer[] {
  let start = 0;
  while (start < raw.length && isLeadingSpace(raw[start]!)) start++;
  if (raw[start] !== 0x4d || raw[start + 1] !== 0x53 || raw[start + 2] !== 0x48) return [raw]; // "MSH"
  const sep = raw[start + 3];
  if (sep === undefined) return [raw];
  // The separator after "MSH" is the first; MSH-7's value starts after the sixth and ends at the
  // seventh, or at the segment's end.
  let seen = 1;
  let from = -1;
  for (let i = start + 4; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x0d || b === 0x0a) return from === -1 ? [raw] : [raw.subarray(0, from), raw.subarray(i)];
    if (b !== sep) continue;
    seen++;
    if (seen === 6) from = i + 1;
    else if (seen === 7) return [raw.subarray(0, from), raw.subarray(i)];
  }
  return from === -1 ? [raw] : [raw.subarray(0, from)];
}
