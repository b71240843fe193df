/**
 * Deterministic resource ids: RFC 4122 UUID version 5 (SHA-1, name-based).
 *
 * name = JSON `["id", resourceType, system, value]` for a business identifier (system = the
 * assigning authority resolved to a URI, else `ns:<namespace id>`, else ''), so two resources
 * sharing an identifier value but differing in type or authority get different ids, while a
 * re-delivery of the same message produces the same ids (PUT upserts). JSON keeps the parts
 * unambiguous (no `a|b`+`c` = `a`+`b|c` collisions). Without an identifier the name is the
 * clinical facts that identify the resource (factsId), and only where nothing does, an ordinal
 * scoped to the message: `["ordinal", resourceType, "<sender>|<facility>|<MSH-10>", n]`.
 */
/** hig's UUID v5 namespace (= uuidV5('https://hig.example/fhir-ids', RFC 4122 URL namespace)); fixed forever. */
export const HIG_ID_NAMESPACE = '3bc45b41-c585-58e2-80d8-1a634035fb06';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

const DEFAULT_NAMESPACE_BYTES = uuidBytes(HIG_ID_NAMESPACE);

/*
 * SHA-1 in plain JS over one reused buffer. Every resource of every message gets its id here
 * (15-20 hashes of ~100 bytes per typical message), and node:crypto's createHash costs a native
 * Hash object and three calls across the C++ boundary per hash: twice the time of the whole
 * compression in JS for inputs this short (docs/benchmarks.md, convert, 2026-12-05). The
 * result is checked against node:crypto in test/transform/ids.test.ts.
 */
let input = Buffer.alloc(1024);
const W = new Int32Array(80);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(x: number): string {
  return (HEX[(x >>> 24) & 0xff] as string) + (HEX[(x >>> 16) & 0xff] as string) + (HEX[(x >>> 8) & 0xff] as string) + (HEX[x & 0xff] as string);
}

function hex16(x: number): string {
  return (HEX[(x >>> 8) & 0xff] as string) + (HEX[x & 0xff] as string);
}

/** SHA-1 of `ns` followed by `name` (UTF-8): its first four words (the 16 bytes a UUID keeps). */
function sha1Words(ns: Buffer, name: string): [number, number, number, number] {
  // worst case 3 UTF-8 bytes per UTF-16 unit, plus the namespace and the 9-72 bytes of padding
  const need = ns.length + name.length * 3 + 72;
  if (input.length < need) input = Buffer.alloc(Math.max(need, input.length * 2));
  const buf = input;
  ns.copy(buf, 0);
  const len = ns.length + buf.write(name, ns.length, 'utf8');
  const total = (((len + 8) >> 6) + 1) << 6; // message + 0x80 + length, in 64-byte blocks
  buf.fill(0, len, total);
  buf[len] = 0x80;
  const bits = len * 8;
  buf.writeUInt32BE(Math.floor(bits / 0x100000000), total - 8);
  buf.writeUInt32BE(bits >>> 0, total - 4);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  for (let off = 0; off < total; off += 64) {
    // the block's words read byte by byte (Buffer#readInt32BE checks its argument on every call), and the four
    // 20-round stages as four loops, no stage test per round: ~1/3 less time per hash (bench/convert/instructions.ts)
    for (let i = 0, o = off; i < 16; i++, o += 4) W[i] = ((buf[o] as number) << 24) | ((buf[o + 1] as number) << 16) | ((buf[o + 2] as number) << 8) | (buf[o + 3] as number);
    for (let i = 16; i < 80; i++) {
      const x = (W[i - 3] as number) ^ (W[i - 8] as number) ^ (W[i - 14] as number) ^ (W[i - 16] as number);
      W[i] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let t: number;
    for (let i = 0; i < 20; i++) {
      t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + (W[i] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    for (let i = 20; i < 40; i++) {
      t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + (W[i] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    for (let i = 40; i < 60; i++) {
      t = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + (0x8f1bbcdc | 0) + (W[i] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    for (let i = 60; i < 80; i++) {
      t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + (0xca62c1d6 | 0) + (W[i] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  return [h0, h1, h2, h3];
}

/** RFC 4122 §4.3 name-based UUID using SHA-1 (version 5). */
export function uuidV5(name: string, namespace: string = HIG_ID_NAMESPACE): string {
  const ns = namespace === HIG_ID_NAMESPACE ? DEFAULT_NAMESPACE_BYTES : uuidBytes(namespace);
  const [h0, h1, h2, h3] = sha1Words(ns, name);
  // byte 6: version 5 in its high nibble; byte 8: variant 10xx
  return `${hex32(h0)}-${hex16(h1 >>> 16)}-${hex16((h1 & 0x0fff) | 0x5000)}-${hex16(((h2 >>> 16) & 0x3fff) | 0x8000)}-${hex16(h2)}${hex32(h3)}`;
}

/** Practitioners, organizations and locations recur in every message of a feed: remember their ids. */
const recent = new Map<string, string>();
const RECENT_MAX = 20_000;

export function identifierId(resourceType: string, system: string | undefined, value: string): string {
  const name = JSON.stringify(['id', resourceType, system ?? '', value]);
  let id = recent.get(name);
  if (id === undefined) {
    if (recent.size >= RECENT_MAX) recent.clear();
    id = uuidV5(name);
    recent.set(name, id);
  }
  return id;
}

/**
 * Id from the clinical facts that identify a resource without a business identifier of its own
 * (docs/mapping.md "Resource identity"): name = JSON `["facts", resourceType, ...facts]`, e.g. an
 * Observation's `[<its report's id>, "http://loinc.org|2345-7", "1"]` (report + OBX-3 + OBX-4).
 */
export function factsId(resourceType: string, facts: readonly unknown[]): string {
  return uuidV5(JSON.stringify(['facts', resourceType, ...facts]));
}

/**
 * Id scoped to one message: for what nothing identifies beyond the message that carried it (the
 * MessageHeader and Provenance describe the message itself). A re-delivery of the same message
 * (same MSH-3/4/10) gives the same ids; another message gives new ones.
 */
export function ordinalId(resourceType: string, messageScope: string, ordinal: number): string {
  return uuidV5(JSON.stringify(['ordinal', resourceType, messageScope, ordinal]));
}
