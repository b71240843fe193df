/**
 * A realistic ≈1.2 KB ADT^A01 (MSH, EVN, PID, NK1, PV1, AL1×2, DG1, OBX×2) with a fixed-width
 * control id and MRN, so each message is a template copy with a few bytes patched: the load
 * generator spends its CPU on sockets, not on building strings.
 */
const CONTROL = 'CCCCCCCCCCCCCCCCCCCC'; // 20 chars
const MRN = 'MMMMMMMMMM'; // 10 chars

const TEMPLATE = [
  `MSH|^~\\&|EPICADT|GOODHEALTH^2.16.840.1.113883.19.1^ISO|HIG|HIG|20261129083015-0500||ADT^A01^ADT_A01|${CONTROL}|P|2.5.1|||AL|NE||UNICODE UTF-8`,
  'EVN|A01|20261129083000-0500|||OP1234^Operator^Olive^^^^^^GOODHEALTH',
  `PID|1||${MRN}^^^GOODHEALTH^MR~999-12-3456^^^USSSA^SS||Everwood^Marguerite^Ann^^Ms.||19670412|F||2106-3^White^CDCREC|42 Lantern Row^^Springfield^IL^62704^USA^H||^PRN^PH^^1^217^5550147~^NET^Internet^m.everwood@example.org|^WPN^PH^^1^217^5550199|en^English^ISO639|M^Married^HL70002|CHR^Christian^HL70006|ACCT7788^^^GOODHEALTH^AN|||N^Not Hispanic or Latino^HL70189`,
  'NK1|1|Everwood^Thomas|SPO^Spouse^HL70063|42 Lantern Row^^Springfield^IL^62704^USA|^PRN^PH^^1^217^5550148||EC^Emergency Contact^HL70131',
  'PV1|1|I|4W^401^B^GOODHEALTH||||1234^Okafor^Chidi^^^Dr.^MD^^^^^^NPI|5678^Lindqvist^Maja^^^Dr.^MD|||MED||||7|||1234^Okafor^Chidi^^^Dr.^MD|IN||SELF|||||||||||||||||||GOODHEALTH||A|||20261129082500-0500',
  'PV2|||^Chest pain, shortness of breath',
  'AL1|1|DA|70618^Penicillin^RXNORM|SV|Hives|20100101',
  'AL1|2|FA|256349002^Peanut^SCT|MO|Swelling',
  'DG1|1||I20.9^Angina pectoris, unspecified^I10|||A|||||||||1|1234^Okafor^Chidi^^^Dr.^MD',
  'OBX|1|NM|8302-2^Body height^LN||165|cm^cm^UCUM|||||F',
  'OBX|2|NM|29463-7^Body weight^LN||68|kg^kg^UCUM|||||F',
].join('\r');

const template = Buffer.from(TEMPLATE, 'latin1');
const controlAt = template.indexOf(CONTROL);
const mrnAt = template.indexOf(MRN);

export const MESSAGE_BYTES = template.length;

/** `prefix` (≤ 8 chars, unique per run) + a zero-padded sequence makes the control id. */
export function adtA01(prefix: string, seq: number): Buffer {
  const out = Buffer.from(template);
  const id = controlIdFor(prefix, seq);
  out.write(id, controlAt, 'latin1');
  out.write(adtA01Mrn(seq), mrnAt, 'latin1');
  return out;
}

/** The same message already in an MLLP frame (VT … FS CR). */
export function adtA01Frame(prefix: string, seq: number): Buffer {
  const m = adtA01(prefix, seq);
  const f = Buffer.allocUnsafe(m.length + 3);
  f[0] = 0x0b;
  m.copy(f, 1);
  f[m.length + 1] = 0x1c;
  f[m.length + 2] = 0x0d;
  return f;
}

export const SENDER = 'EPICADT|GOODHEALTH';
export const CONTROL_ID_LENGTH = CONTROL.length;

/** The MSH-10 that adtA01(prefix, seq) carries. */
export function controlIdFor(prefix: string, seq: number): string {
  return (prefix + String(seq).padStart(CONTROL.length - prefix.length, '0')).slice(-CONTROL.length);
}

/** The PID-3 MRN that adtA01(prefix, seq) carries (assigning authority GOODHEALTH). */
export function adtA01Mrn(seq: number): string {
  return `MRN${String(seq % 10_000_000).padStart(7, '0')}`;
}

/** How the size scenarios grow a message: `ed` a realistic embedded document, `pad` the old repeated-byte Z segment. */
export type LargeKind = 'ed' | 'pad';

/**
 * adtA01Frame grown by about `padBytes`, as `kind` says:
 * - `ed`: a third OBX of value type ED carrying a PDF as base64 (`OBX|3|ED|…||^application^pdf^Base64^…`,
 *   HL7 v2.5.1 §7.4.2, ED = source application ^ type ^ subtype ^ encoding ^ data), how large HL7
 *   messages really come. The "PDF" is pseudo-random bytes from a seeded PRNG, so, like a real
 *   (already compressed) PDF, DEFLATE gains only base64's 6 bits per byte; the converter maps it.
 * - `pad`: a trailing `ZPD|1|xxx…` segment of one repeated byte, which DEFLATE shrinks to nothing and
 *   the converter ignores (the scenario before issue 19's size19 branch; kept to compare).
 * The same header, patient and content as the 1.2 KB message, so the size rows differ only in size.
 */
export function adtA01FramePadded(prefix: string, seq: number, padBytes: number, kind: LargeKind = 'ed'): Buffer {
  const m = adtA01(prefix, seq);
  const tail = largeTail(kind, padBytes);
  const f = Buffer.allocUnsafe(m.length + tail.length + 3);
  f[0] = 0x0b;
  m.copy(f, 1);
  tail.copy(f, 1 + m.length);
  f[f.length - 2] = 0x1c;
  f[f.length - 1] = 0x0d;
  return f;
}

/** The appended segment per kind and size, built once (the load generator copies it per message). */
const tails = new Map<string, Buffer>();
function largeTail(kind: LargeKind, padBytes: number): Buffer {
  const key = `${kind}:${padBytes}`;
  let tail = tails.get(key);
  if (tail === undefined) {
    tail = kind === 'pad' ? zpdTail(padBytes) : edTail(padBytes);
    tails.set(key, tail);
  }
  return tail;
}

function zpdTail(padBytes: number): Buffer {
  const head = Buffer.from('\rZPD|1|', 'latin1');
  const body = Math.max(0, padBytes - head.length);
  return Buffer.concat([head, Buffer.alloc(body, 0x78)]);
}

const ED_HEAD = '\rOBX|3|ED|11502-2^Laboratory report^LN||^application^pdf^Base64^';
const ED_END = '||||||F';

function edTail(padBytes: number): Buffer {
  const b64Chars = Math.max(4, padBytes - ED_HEAD.length - ED_END.length);
  const doc = seededBytes(Math.floor((b64Chars * 3) / 4), 0x5eed19);
  return Buffer.from(ED_HEAD + doc.toString('base64') + ED_END, 'latin1');
}

/** xorshift32 from a fixed seed: the same "document" in every run, as incompressible as random bytes. */
export function seededBytes(n: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
