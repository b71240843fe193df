/**
 * Batch and multi-message files: FHS/BHS … BTS/FTS envelopes or plain concatenated messages,
 * with CR, LF or CRLF segment terminators. Works on latin1 text so bytes round-trip exactly.
 */
const ENVELOPE = new Set(['FHS', 'BHS', 'BTS', 'FTS']);

export interface SplitMessage {
  /** 0-based index of the message within the file */
  index: number;
  /** segments joined with CR, as MLLP and parsers expect */
  text: string;
}

export function splitBatch(text: string): SplitMessage[] {
  const messages: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const segment = line.replace(/^[\s\u000b\u001c]+/, '').replace(/[\u001c]+$/, '');
    if (segment.trim() === '') continue;
    const id = segment.slice(0, 3);
    if (ENVELOPE.has(id)) {
      current = undefined;
      continue;
    }
    if (id === 'MSH') {
      current = [segment];
      messages.push(current);
    } else if (current) {
      current.push(segment);
    } else {
      // Segments before any MSH: keep them as their own (malformed) message so nothing is dropped silently.
      current = [segment];
      messages.push(current);
    }
  }
  return messages.map((segs, index) => ({ index, text: segs.join('\r') + '\r' }));
}

/** Reads a file's bytes as latin1 text for splitting; Buffer.from(text, 'latin1') restores them. */
export function splitBatchBytes(bytes: Buffer): Array<{ index: number; bytes: Buffer }> {
  return splitBatch(bytes.toString('latin1')).map((m) => ({ index: m.index, bytes: Buffer.from(m.text, 'latin1') }));
}
