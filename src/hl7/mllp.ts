/**
 * MLLP framing (HL7 v2 Minimal Lower Layer Protocol): <VT> message <FS><CR>.
 * Bytes only: text decoding happens after framing, using MSH-18.  [MLLP R2 framing]
 */
export const START_BLOCK = 0x0b;
export const END_BLOCK = 0x1c;
export const CARRIAGE_RETURN = 0x0d;
const END_OF_FRAME = Buffer.of(END_BLOCK, CARRIAGE_RETURN);

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
  /** Bytes the decoder has held across chunks (the frame's pieces and its tail buffer's capacity); never above maxFrameBytes. */
  readonly retainedBytes: number;
}

const defaults = { maxFrameBytes: 10 * 1024 * 1024 };
const HEAD_BYTES = 4096;
/**
 * A frame that spans chunks is held as the list of its pieces, not copied into one buffer that
 * doubles: under six connections streaming 4 MB of 0x1C the doubling allocated ≈ 5 times the bytes
 * received (8 MiB buffers and their garbage), and that external memory set off mark-compact
 * collections on the listener thread, up to 73 ms each (issue 13 flood bench, busy machine).
 * A piece that is most of its own chunk (socket reads are exact-size buffers) is kept by reference;
 * a smaller one is copied into a tail buffer of at most TAIL_BYTES, so neither tiny chunks nor a
 * small piece of a large buffer can make the decoder hold more than the frame's bytes.
 */
const TAIL_BYTES = 16 * 1024;

/**
 * The first FS CR at or after `from`, or -1. A CR is searched first, one byte, at memchr speed
 * over anything but CR: in a run of lone FS there is none, so the flood costs no per-byte step.
 * Buffer#indexOf of the two-byte FS CR alone stops at every FS to compare the next byte: a 4 MB
 * run of FS took 22 ms that way against under 0.1 ms for a one-byte search (busy machine), and
 * was 965 ms of the listener thread's 16.7 s busy in a profile under the lone-0x1C flood (issue
 * 13: ACK p99 108 ms on a quiet machine). Only when that CR is not an end does the two-byte search resume past it, so every
 * byte is still searched at most once on the way to the end.
 */
function findEnd(chunk: Buffer, from: number): number {
  // A CR at `from` cannot end a frame that starts at `from`: its FS would precede the frame.
  const cr = chunk.indexOf(CARRIAGE_RETURN, from + 1);
  if (cr === -1) return -1;
  if (chunk[cr - 1] === END_BLOCK) return cr - 1;
  return chunk.indexOf(END_OF_FRAME, cr + 1);
}

/**
 * A streaming decoder: a frame may arrive split over many chunks, many frames may arrive in one
 * chunk, and the two end bytes may be split across chunks. A start byte inside a frame abandons
 * the partial frame (the sender restarted) and the abandoned bytes count as outside-frame bytes.
 *
 * Cost is linear in the bytes pushed whatever they are (a hostile sender controls them): per
 * frame and chunk, native searches forward for FS CR (findEnd) and one backward for the last start
 * byte, so runs of lone FS or of VT cost no JavaScript step per byte and no byte is searched twice
 * in the same direction. Memory is bounded: a frame that spans chunks is held as its pieces (see
 * TAIL_BYTES) whose memory never exceeds maxFrameBytes, so the decoder holds at most that plus the
 * chunk being pushed, whatever the chunking; a finished frame is copied once into one buffer.
 */
export function createMllpDecoder(options: { maxFrameBytes?: number } = {}): MllpDecoder {
  const maxFrameBytes = options.maxFrameBytes ?? defaults.maxFrameBytes;
  let inFrame = false;
  /** The frame's bytes from earlier chunks (and a pending FS): parts, then tail[0, tailUsed). */
  let parts: Buffer[] = [];
  let tail: Buffer | undefined;
  let tailUsed = 0;
  /** bytes of the frame held */
  let size = 0;
  /** memory held for them: parts plus the tail's capacity; never above maxFrameBytes */
  let retained = 0;
  /** Last byte of the previous chunk was END_BLOCK inside a frame (waiting for CR). */
  let pendingEnd = false;
  let outside = 0;
  let overflowed = false;

  function resetFrame(): void {
    parts = [];
    tail = undefined;
    tailUsed = 0;
    size = 0;
    retained = 0;
    pendingEnd = false;
  }

  /** The tail's bytes become a part of their own size (a partly used tail is copied down). */
  function sealTail(): void {
    if (!tail) return;
    if (tailUsed === tail.length) parts.push(tail);
    else if (tailUsed > 0) parts.push(Buffer.from(tail.subarray(0, tailUsed)));
    retained += tailUsed - tail.length;
    tail = undefined;
    tailUsed = 0;
  }

  /** The frame's bytes held so far, as one buffer (one copy when they are in several pieces). */
  function held(): Buffer {
    sealTail();
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
  }

  /** Stores bytes of the current frame; false (and an oversize event) once the frame is too large. */
  function store(piece: Buffer, events: DecoderEvent[]): boolean {
    const total = size + piece.length;
    if (total > maxFrameBytes) {
      overflowed = true;
      // Keep the start of the frame so the NAK can still answer the sender's MSH.
      const kept = size > 0 ? held().subarray(0, Math.min(size, HEAD_BYTES)) : Buffer.alloc(0);
      const head = Buffer.concat([kept, piece.subarray(0, Math.max(0, HEAD_BYTES - kept.length))]);
      events.push({ kind: 'oversize', bytes: total, head });
      resetFrame();
      return false;
    }
    if (piece.length === 0) return true;
    if (piece.length > TAIL_BYTES / 4 && piece.length * 2 >= piece.buffer.byteLength) {
      sealTail();
      parts.push(piece);
      retained += piece.length;
      size = total;
      return true;
    }
    let at = 0;
    while (at < piece.length) {
      if (!tail || tailUsed === tail.length) {
        sealTail();
        tail = Buffer.allocUnsafeSlow(Math.min(TAIL_BYTES, maxFrameBytes - retained));
        retained += tail.length;
      }
      const n = piece.copy(tail, tailUsed, at);
      tailUsed += n;
      at += n;
    }
    size = total;
    return true;
  }

  /** Ends the frame whose last bytes in this chunk are chunk[from, to). */
  function finish(chunk: Buffer, from: number, to: number, events: DecoderEvent[]): boolean {
    if (size === 0 && to - from <= maxFrameBytes) {
      events.push({ kind: 'frame', data: chunk.subarray(from, to) }); // whole frame in one chunk: no copy
    } else {
      if (!store(chunk.subarray(from, to), events)) return false;
      events.push({ kind: 'frame', data: held() });
    }
    resetFrame();
    inFrame = false;
    return true;
  }

  function push(chunk: Buffer): DecoderEvent[] {
    const events: DecoderEvent[] = [];
    if (overflowed || chunk.length === 0) return events; // after oversize the connection is closing
    let i = 0;
    if (pendingEnd) {
      pendingEnd = false;
      if (chunk[0] === CARRIAGE_RETURN) {
        if (!finish(chunk, 0, 0, events)) return events;
        i = 1;
      } else if (!store(Buffer.of(END_BLOCK), events)) {
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
      // In a frame, i is 0 or just past a start byte, so the backward search stops at i - 1.
      const end = findEnd(chunk, i);
      const limit = end === -1 ? chunk.length : end;
      // Only the last start byte before the end matters: each earlier one was abandoned by the next.
      const restart = limit > i ? chunk.lastIndexOf(START_BLOCK, limit - 1) : -1;
      if (restart >= i) {
        outside += size + (restart - i) + 1; // abandoned partial frames and the first start byte
        resetFrame();
        i = restart + 1;
      }
      if (end !== -1) {
        if (!finish(chunk, i, end, events)) return events;
        i = end + 2;
        continue;
      }
      // No end in this chunk: keep the rest; an FS in the last byte may be half of the end.
      const fsLast = chunk.length > i && chunk[chunk.length - 1] === END_BLOCK;
      if (!store(chunk.subarray(i, fsLast ? chunk.length - 1 : chunk.length), events)) return events;
      pendingEnd = fsLast;
      break;
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
    get retainedBytes() {
      return retained;
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
