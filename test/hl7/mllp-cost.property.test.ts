/**
 * Decoder cost and memory whatever the bytes (issue 13 finding 1): a hostile sender controls every
 * byte, so streams of lone FS, of VT, and huge frames must cost time linear in the bytes received
 * and memory bounded by maxFrameBytes. Cost is measured from outside the decoder: every byte its
 * Buffer searches examine is counted, so the decoder cannot under-report.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;

type Search = (this: Buffer, value: string | number | Uint8Array, byteOffset?: number | BufferEncoding, encoding?: BufferEncoding) => number;

/** Runs `fn` while counting the bytes Buffer#indexOf and #lastIndexOf examine (a hit's bytes included). */
function countScanned(fn: () => void): number {
  return countScannedBy(fn).total;
}

/** As countScanned, and separately the bytes examined by searches for a multi-byte needle (FS CR). */
function countScannedBy(fn: () => void): { total: number; multiByte: number } {
  const forward = Buffer.prototype.indexOf as Search;
  const backward = Buffer.prototype.lastIndexOf as Search;
  const needle = (v: string | number | Uint8Array) => (typeof v === 'number' ? 1 : v.length);
  let scanned = 0;
  let multiByte = 0;
  Buffer.prototype.indexOf = function (this: Buffer, value, byteOffset, encoding) {
    const at = forward.call(this, value, byteOffset, encoding);
    const from = typeof byteOffset === 'number' ? Math.max(0, byteOffset < 0 ? this.length + byteOffset : byteOffset) : 0;
    const examined = Math.max(0, (at === -1 ? this.length : at + needle(value)) - from);
    scanned += examined;
    if (needle(value) > 1) multiByte += examined;
    return at;
  } as Search as typeof Buffer.prototype.indexOf;
  Buffer.prototype.lastIndexOf = function (this: Buffer, value, byteOffset, encoding) {
    const at = backward.call(this, value, byteOffset, encoding);
    const from = typeof byteOffset === 'number' ? Math.min(this.length - 1, byteOffset < 0 ? this.length + byteOffset : byteOffset) : this.length - 1;
    scanned += Math.max(0, from - (at === -1 ? 0 : at) + 1);
    return at;
  } as Search as typeof Buffer.prototype.lastIndexOf;
  try {
    fn();
  } finally {
    Buffer.prototype.indexOf = forward as typeof Buffer.prototype.indexOf;
    Buffer.prototype.lastIndexOf = backward as typeof Buffer.prototype.lastIndexOf;
  }
  return { total: scanned, multiByte };
}

/** Bytes drawn mostly from the framing bytes, the worst case for a scanner. */
const hostileByte = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(VT, FS, CR) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
);
const hostileStream = fc.oneof(
  fc.array(hostileByte, { maxLength: 3000 }).map((a) => Buffer.from(a)),
  fc.record({ byte: fc.constantFrom(VT, FS, CR), n: fc.integer({ min: 0, max: 3000 }), framed: fc.boolean() }).map(({ byte, n, framed }) =>
    Buffer.concat([framed ? Buffer.of(VT) : Buffer.alloc(0), Buffer.alloc(n, byte)]),
  ),
);

/** Cuts `stream` at the given points into chunks (an empty chunk included when two points coincide). */
function chunked(stream: Buffer, cuts: number[]): Buffer[] {
  const points = cuts.map((c) => c % (stream.length + 1)).sort((x, y) => x - y);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, stream.length]) {
    out.push(stream.subarray(prev, p));
    prev = p;
  }
  return out;
}

/** Bytes examined per byte received, at most: each byte is searched at most once forward for a start, once forward for an end and once backward. */
const C = 4;

describe('MLLP decoder cost and memory [MLLP R2 framing]', () => {
  it('property: bytes scanned stay within a constant times the bytes received, whatever the bytes and chunking', () => {
    fc.assert(
      fc.property(hostileStream, fc.array(fc.nat(), { maxLength: 12 }), fc.integer({ min: 64, max: 4096 }), (stream, cuts, max) => {
        const d = createMllpDecoder({ maxFrameBytes: max });
        const scanned = countScanned(() => {
          for (const c of chunked(stream, cuts)) d.push(c);
        });
        expect(scanned).toBeLessThanOrEqual(C * stream.length + 16);
      }),
      { numRuns: 400 },
    );
  });

  it('property: the decoder never holds more than maxFrameBytes between chunks', () => {
    fc.assert(
      fc.property(hostileStream, fc.array(fc.nat(), { maxLength: 40 }), fc.integer({ min: 64, max: 2048 }), (stream, cuts, max) => {
        const d = createMllpDecoder({ maxFrameBytes: max });
        for (const c of chunked(stream, cuts)) {
          d.push(c);
          expect(d.retainedBytes).toBeLessThanOrEqual(max);
          expect(d.pendingBytes).toBeLessThanOrEqual(max);
        }
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    { name: 'lone FS inside a frame', bytes: (n: number) => Buffer.concat([Buffer.of(VT), Buffer.alloc(n, FS)]) },
    { name: 'lone FS outside frames', bytes: (n: number) => Buffer.alloc(n, FS) },
    { name: 'a stream of VT', bytes: (n: number) => Buffer.alloc(n, VT) },
    { name: 'VT FS pairs', bytes: (n: number) => Buffer.alloc(n).fill(Buffer.of(VT, FS)) },
  ])('4 MB of $name in 64 KiB chunks: linear scan, nothing held past the limit', ({ bytes }) => {
    const max = 1024 * 1024;
    const stream = bytes(4 * 1024 * 1024);
    const d = createMllpDecoder({ maxFrameBytes: max });
    let events = 0;
    const scanned = countScanned(() => {
      for (let at = 0; at < stream.length; at += 64 * 1024) {
        events += d.push(stream.subarray(at, at + 64 * 1024)).length;
        expect(d.retainedBytes).toBeLessThanOrEqual(max);
      }
    });
    expect(scanned).toBeLessThanOrEqual(C * stream.length);
    expect(events).toBeLessThanOrEqual(1); // at most the one oversize event
  });

  // Buffer#indexOf of a two-byte needle stops at every occurrence of its first byte to compare the
  // second, a native step per FS: over 4 MB of lone FS it cost the listener 87-174 ms against under
  // 1 ms for one-byte searches (busy machine), and raised another connection's ACK p99 to 108 ms.
  it('4 MB of lone FS inside a frame (after a header with CRs) is examined by one-byte searches, not by the two-byte FS CR search', () => {
    const chunk = 64 * 1024;
    const header = Buffer.from('\x0bMSH|^~\\&|ABUSE|FAC|HIG|HIG|20260101||ADT^A01|ABUSE1|P|2.5\r', 'latin1');
    const stream = Buffer.concat([header, Buffer.alloc(4 * 1024 * 1024, FS)]);
    const d = createMllpDecoder({ maxFrameBytes: 10 * 1024 * 1024 });
    const { total, multiByte } = countScannedBy(() => {
      for (let at = 0; at < stream.length; at += chunk) expect(d.push(stream.subarray(at, at + chunk))).toEqual([]);
    });
    // held as the frame's content so far: all but the start byte and the last FS (maybe half an end)
    expect(d.pendingBytes).toBe(stream.length - 2);
    expect(total).toBeLessThanOrEqual(C * stream.length);
    // The chunk with the header's CR may fall back to the two-byte search; no other chunk does.
    expect(multiByte).toBeLessThanOrEqual(chunk);
  });

  // Socket reads are buffers of their own: a long frame keeps them by reference instead of copying
  // them into a buffer that doubles (which held up to twice the bytes, and allocated five times
  // them on the way: external memory that set off mark-compact collections on the listener).
  it('a long frame arriving in socket-like chunks is held at its own size, not a doubled copy', () => {
    const header = Buffer.from('\x0bMSH|^~\\&|ABUSE|FAC|HIG|HIG|20260101||ADT^A01|ABUSE1|P|2.5\r', 'latin1');
    const d = createMllpDecoder({ maxFrameBytes: 10 * 1024 * 1024 });
    d.push(header);
    for (let k = 0; k < 64; k++) {
      expect(d.push(Buffer.alloc(64 * 1024, FS))).toEqual([]); // a fresh buffer per read, as a socket gives
      expect(d.retainedBytes).toBeLessThanOrEqual(d.pendingBytes + 16 * 1024);
    }
    expect(d.pendingBytes).toBe(header.length - 1 + 4 * 1024 * 1024 - 1);
    const out = d.push(Buffer.of(0x1c, 0x0d));
    expect(out).toHaveLength(1);
    expect(out[0]!.kind === 'frame' && out[0]!.data.length).toBe(header.length - 1 + 4 * 1024 * 1024);
  });

  it('a frame of exactly maxFrameBytes over many chunks is held in no more than the limit and comes out intact', () => {
    const max = 300_000;
    const payload = Buffer.alloc(max, 0x41);
    for (let k = 0; k < max; k += 997) payload[k] = FS; // lone FS bytes are data
    const stream = encodeFrame(payload);
    const d = createMllpDecoder({ maxFrameBytes: max });
    const frames: Buffer[] = [];
    for (let at = 0; at < stream.length; at += 1000) {
      for (const ev of d.push(stream.subarray(at, at + 1000))) if (ev.kind === 'frame') frames.push(ev.data);
      expect(d.retainedBytes).toBeLessThanOrEqual(max);
    }
    expect(frames).toHaveLength(1);
    expect(frames[0]!.equals(payload)).toBe(true);
  });
});
