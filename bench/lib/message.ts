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

/**
 * adtA01Frame grown by a trailing `ZPD|1|xxx…` segment so that the message is about `padBytes`
 * longer: the message-size scenarios (1 KB → 100 KB → 1 MB) with the same header and content.
 */
export function adtA01FramePadded(prefix: string, seq: number, padBytes: number): Buffer {
  const m = adtA01(prefix, seq);
  const head = Buffer.from('\rZPD|1|', 'latin1');
  const body = Math.max(0, padBytes - head.length);
  const f = Buffer.allocUnsafe(m.length + head.length + body + 3);
  f[0] = 0x0b;
  m.copy(f, 1);
  head.copy(f, 1 + m.length);
  f.fill(0x78, 1 + m.length + head.length, 1 + m.length + head.length + body);
  f[f.length - 2] = 0x1c;
  f[f.length - 1] = 0x0d;
  return f;
}
