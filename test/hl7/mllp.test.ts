import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMllpDecoder, encodeFrame } from '../../src/hl7/mllp.js';

const VT = '\x0b';
const FSCR = '\x1c\r';
const b = (s: string) => Buffer.from(s, 'latin1');
const frames = (chunks: string[], max?: number) => {
  const d = createMllpDecoder(max ? { maxFrameBytes: max } : {});
  const out: string[] = [];
  for (const c of chunks) for (const ev of d.push(b(c))) out.push(ev.kind === 'frame' ? ev.data.toString('latin1') : `oversize:${ev.bytes}`);
  return { out, outside: d.bytesOutsideFrames, pending: d.pendingBytes };
};

describe('MLLP decoder [MLLP R2 framing]', () => {
  it.each([
    { name: 'one frame in one chunk', chunks: [`${VT}MSH|a${FSCR}`], frames: ['MSH|a'], outside: 0 },
    { name: 'two frames in one chunk', chunks: [`${VT}A${FSCR}${VT}B${FSCR}`], frames: ['A', 'B'], outside: 0 },
    { name: 'frame split over many chunks', chunks: [VT, 'MS', 'H|', 'x', '\x1c', '\r'], frames: ['MSH|x'], outside: 0 },
    { name: 'end bytes split across chunks', chunks: [`${VT}A\x1c`, `\r${VT}B${FSCR}`], frames: ['A', 'B'], outside: 0 },
    { name: 'junk before the start byte', chunks: [`junk${VT}A${FSCR}`], frames: ['A'], outside: 4 },
    { name: 'CR LF between frames', chunks: [`${VT}A${FSCR}\n${VT}B${FSCR}`], frames: ['A', 'B'], outside: 1 },
    { name: 'lone FS inside payload is data', chunks: [`${VT}A\x1cB${FSCR}`], frames: ['A\x1cB'], outside: 0 },
    { name: 'FS at chunk end followed by data', chunks: [`${VT}A\x1c`, `B${FSCR}`], frames: ['A\x1cB'], outside: 0 },
    { name: 'restart inside a frame abandons the partial', chunks: [`${VT}AB${VT}C${FSCR}`], frames: ['C'], outside: 3 },
    { name: 'no end yet', chunks: [`${VT}partial`], frames: [], outside: 0 },
  ])('$name', ({ chunks, frames: expected, outside }) => {
    const r = frames(chunks);
    expect(r.out).toEqual(expected);
    expect(r.outside).toBe(outside);
  });

  it('reports oversize once and ignores the rest', () => {
    const r = frames([`${VT}0123456789`, 'abcdef', `${FSCR}${VT}A${FSCR}`], 12);
    expect(r.out).toEqual(['oversize:16']);
  });

  it('keeps the head of an oversize frame for the NAK', () => {
    const d = createMllpDecoder({ maxFrameBytes: 8 });
    const [ev] = d.push(b(`${VT}MSH|^~\\&|A|B`));
    expect(ev?.kind).toBe('oversize');
    expect(ev?.kind === 'oversize' && ev.head.toString('latin1')).toBe('MSH|^~\\&|A|B');
  });

  it('property: any split of a stream of frames yields the same frames', () => {
    const payload = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a.filter((x) => x !== 0x0b && x !== 0x1c)));
    fc.assert(
      fc.property(fc.array(payload, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 20 }), (payloads, cuts) => {
        const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)));
        const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((x, y) => x - y);
        const d = createMllpDecoder();
        const got: Buffer[] = [];
        let prev = 0;
        for (const p of [...points, stream.length]) {
          for (const ev of d.push(stream.subarray(prev, p))) if (ev.kind === 'frame') got.push(ev.data);
          prev = p;
        }
        expect(got.map((g) => g.toString('hex'))).toEqual(payloads.map((p) => p.toString('hex')));
        expect(d.bytesOutsideFrames).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('property: arbitrary bytes never throw and never produce a frame larger than the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 10 }), (chunks) => {
        const d = createMllpDecoder({ maxFrameBytes: 256 });
        for (const c of chunks) for (const ev of d.push(Buffer.from(c))) if (ev.kind === 'frame') expect(ev.data.length).toBeLessThanOrEqual(256);
      }),
      { numRuns: 500 },
    );
  });

  it('property: hostile bytes over any chunking decode as a byte-at-a-time reference reads the whole stream', () => {
    // The reference: out of a frame VT opens one; in a frame VT abandons it (its bytes and start byte
    // count as outside) and opens another, FS CR ends it, anything else is data.
    const reference = (stream: Buffer) => {
      const out: string[] = [];
      let outside = 0;
      let cur: number[] | undefined;
      for (let k = 0; k < stream.length; k++) {
        const byte = stream[k]!;
        if (!cur) {
          if (byte === 0x0b) cur = [];
          else outside++;
        } else if (byte === 0x0b) {
          outside += cur.length + 1;
          cur = [];
        } else if (byte === 0x1c && stream[k + 1] === 0x0d) {
          out.push(Buffer.from(cur).toString('hex'));
          cur = undefined;
          k++;
        } else cur.push(byte);
      }
      return { out, outside, pending: cur?.length ?? 0 };
    };
    const byte = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0x0b, 0x1c, 0x0d) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 400 }), fc.array(fc.nat(), { maxLength: 30 }), (bytes, cuts) => {
        const stream = Buffer.from(bytes);
        const points = cuts.map((c) => c % (stream.length + 1)).sort((x, y) => x - y);
        const d = createMllpDecoder();
        const got: string[] = [];
        let prev = 0;
        for (const p of [...points, stream.length]) {
          for (const ev of d.push(stream.subarray(prev, p))) if (ev.kind === 'frame') got.push(ev.data.toString('hex'));
          prev = p;
        }
        const want = reference(stream);
        expect(got).toEqual(want.out);
        expect(d.bytesOutsideFrames).toBe(want.outside);
        // a trailing FS waits in the decoder for its CR; the reference counts it as data
        expect(d.pendingBytes + (stream[stream.length - 1] === 0x1c && want.pending > 0 ? 1 : 0)).toBe(want.pending);
      }),
      { numRuns: 1000 },
    );
  });
});
