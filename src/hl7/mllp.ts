/**
 * MLLP framing (HL7 v2 Minimal Lower Layer Protocol): <VT> message <FS><CR>.
 * Bytes only: text decoding happens after framing, using MSH-18.  [MLLP R2 framing]
 */
export const START_BLOCK = 0x0b;
export const END_BLOCK = 0x1c;
export const CARRIAGE_RETURN = 0x0d;

export type DecoderEvent =
  | { kind: 'frame'; data: Buffer }
  /** The frame grew past maxFrameBytes; the connection should NAK and close. */
  | { kind: 'oversize'; bytes: number; head: Buffer };

export interface MllpDecoder {
  /** Feed one chunk; returns the complete frames (and at most one oversize event) it finished. */
  push(chunk: Buffer): DecoderEvent[];
  /** Bytes seen outside any frame (junk before a start byte, stray CR/LF between frames). */
  readonly bytesOutsideFrames: number;
  /** Bytes of a frame started but not yet finished. */
  readonly pendingBytes: number;
}

const defaults = { maxFrameBytes: 10 * 1024 * 1024 };
const HEAD_BYTES = 4096;

/**
 * A streaming decoder: a frame may arrive split over many chunks, many frames may arrive in one
 * chunk, and the two end bytes may be split across chunks. A start byte inside a frame abandons
 * the partial frame (the sender restarted) and the abandoned bytes count as outside-frame bytes.
 */
export function createMllpDecoder(options: { maxFrameBytes?: number } = {}): MllpDecoder {
  const maxFrameBytes = options.maxFrameBytes ?? defaults.maxFrameBytes;
  let inFrame = false;
  let parts: Buffer[] = [];
  let size = 0;
  /** Last byte of the previous chunk was END_BLOCK inside a frame (waiting for CR). */
  let pendingEnd = false;
  let outside = 0;
  let overflowed = false;

  function finish(events: DecoderEvent[]): void {
    events.push({ kind: 'frame', data: parts.length === 1 ? parts[0]! : Buffer.concat(parts, size) });
    reset();
  }
  function reset(): void {
    inFrame = false;
    parts = [];
    size = 0;
    pendingEnd = false;
  }
  function append(piece: Buffer, events: DecoderEvent[]): boolean {
    size += piece.length;
    if (size > maxFrameBytes) {
      overflowed = true;
      // Keep the start of the frame so the NAK can still answer the sender's MSH.
      const head = Buffer.concat([...parts, piece]).subarray(0, HEAD_BYTES);
      events.push({ kind: 'oversize', bytes: size, head });
      reset();
      return false;
    }
    if (piece.length > 0) parts.push(piece);
    return true;
  }

  function push(chunk: Buffer): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    if (overflowed) return events; // the connection is closing; ignore the rest
    let i = 0;
    if (pendingEnd) {
      pendingEnd = false;
      if (chunk.length === 0) return events;
      if (chunk[0] === CARRIAGE_RETURN) {
        finish(events);
        i = 1;
      } else if (!append(Buffer.of(END_BLOCK), events)) {
        return events;
      }
    }
    while (i < chunk.length) {
      if (!inFrame) {
        const start = chunk.indexOf(START_BLOCK, i);
        if (start === -1) {
          outside += chunk.length - i;
          break;
        }
        outside += start - i;
        inFrame = true;
        i = start + 1;
        continue;
      }
      const end = chunk.indexOf(END_BLOCK, i);
      const restart = chunk.indexOf(START_BLOCK, i);
      if (restart !== -1 && (end === -1 || restart < end)) {
        outside += size + (restart - i) + 1; // abandoned partial frame and its start byte
        reset();
        i = restart; // re-enter as a new frame start
        continue;
      }
      if (end === -1) {
        if (!append(chunk.subarray(i), events)) return events;
        break;
      }
      if (!append(chunk.subarray(i, end), events)) return events;
      if (end + 1 === chunk.length) {
        pendingEnd = true;
        break;
      }
      if (chunk[end + 1] === CARRIAGE_RETURN) {
        finish(events);
        i = end + 2;
      } else {
        // A lone FS inside the payload is data, not an end marker.
        if (!append(chunk.subarray(end, end + 1), events)) return events;
        i = end + 1;
      }
    }
    return events;
  }

  return {
    push,
    get bytesOutsideFrames() {
      return outside;
    },
    get pendingBytes() {
      return size;
    },
  };
}

/** Wraps one message in an MLLP frame. */
export function encodeFrame(payload: Buffer | string, encoding: 'utf8' | 'latin1' = 'utf8'): Buffer {
  // Text: the block characters are one byte in both encodings, so one allocation frames it.
  if (typeof payload === 'string') return Buffer.from(`\x0b${payload}\x1c\r`, encoding);
  const out = Buffer.allocUnsafe(payload.length + 3);
  out[0] = START_BLOCK;
  payload.copy(out, 1);
  out[payload.length + 1] = END_BLOCK;
  out[payload.length + 2] = CARRIAGE_RETURN;
  return out;
}
