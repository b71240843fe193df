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

/** The file's non-blank segments, leading whitespace and MLLP block bytes removed. */
function* segmentsOf(text: string): Generator<string> {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const segment = line.replace(/^[\s\u000b\u001c]+/, '').replace(/[\u001c]+$/, '');
    if (segment.trim() !== '') yield segment;
  }
}

export function splitBatch(text: string): SplitMessage[] {
  const messages: string[][] = [];
  let current: string[] | undefined;
  for (const segment of segmentsOf(text)) {
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

/** Why a file's text cannot be the whole of what its writer meant to write. */
export type Incompleteness =
  /** the text stops inside a segment (or is empty): its writer has not finished the line */
  | { reason: 'NO_SEGMENT_TERMINATOR' }
  /** an FHS (or BHS) opened a batch that no FTS (or BTS) has closed yet */
  | { reason: 'BATCH_NOT_CLOSED'; open: 'FHS' | 'BHS' };

/**
 * Whether a file can be complete: it must end at a segment terminator (CR or LF; an MLLP end byte,
 * spaces or tabs after it are tolerated), and every FHS/BHS must have been closed by its FTS/BTS.
 * A writer that stops between two segments of a message without envelope cannot be told from a
 * finished one; that is what the envelope (or writing under a temporary name) is for.
 */
export function incompleteness(text: string): Incompleteness | undefined {
  const end = text.replace(/[\u001c \t]+$/, '');
  if (!/[\r\n]$/.test(end)) return { reason: 'NO_SEGMENT_TERMINATOR' };
  let fileOpen = false;
  let batchOpen = false;
  for (const segment of segmentsOf(text)) {
    const id = segment.slice(0, 3);
    if (id === 'FHS') fileOpen = true;
    else if (id === 'FTS') fileOpen = batchOpen = false;
    else if (id === 'BHS') batchOpen = true;
    else if (id === 'BTS') batchOpen = false;
  }
  if (fileOpen) return { reason: 'BATCH_NOT_CLOSED', open: 'FHS' };
  if (batchOpen) return { reason: 'BATCH_NOT_CLOSED', open: 'BHS' };
  return undefined;
}
