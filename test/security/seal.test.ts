/**
 * The sealed envelope: v1 (plaintext encrypted as is) and v2 (raw DEFLATE before encryption).
 * Property tests for the round trip and for tampering; a value sealed by the v1-only code (before
 * v2 existed) still opens, so a rolling upgrade can work off the jobs already in Redis.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { jobDataSchema } from '../../src/queue/jobs.js';
import { createKeyring, isSealed, randomFromPool, type Sealed } from '../../src/security/seal.js';

const KEY = Buffer.from('a3f1c29be04d7786519e2b0f4c8d3a6e9b7c1d2e3f405162738495a6b7c8d9ea', 'hex');
const OTHER = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0', 'hex');
const keyring = createKeyring(KEY);

/** Sealed by the code of commit 0cc54f6 (v1 only), under KEY. */
const OLD_FORMAT: Sealed = {
  kid: 'e12c908e7fc59d8c',
  iv: 'aIfmVuYWu8XFPVfq',
  tag: '+DVPTpLv9H/WBod/5REx6Q==',
  data: '9HYE8PX55ZfO2oij24GjZfrudGssMouiepa9Xi8Sz2TIyAeM57HC4nXE8QDIKyvMJ4ZQHHgtvZ9/lMQTzm3cn9InzNR79kgtZitcBiWeHGtQ5LCK3mliPeI0bW2vUfwuVCHJcTNFmyVL',
};
const OLD_PLAIN = 'MSH|^~\\&|OLD|FMT|HIG|HIG|20261129083015||ADT^A01^ADT_A01|OLD1|P|2.5.1\rPID|1||MRN1^^^H^MR||Oldformat^Olga\r';

const HL7 = Buffer.from(
  'MSH|^~\\&|EPICADT|GOODHEALTH|HIG|HIG|20261129083015||ADT^A01^ADT_A01|C1|P|2.5.1\rEVN|A01|20261129083000\r' +
    'PID|1||MRN7^^^GOODHEALTH^MR||Zzyzxcanary^Philomena||19500101|F\rNK1|1|Zzyzxcanary^Thomas|SPO^Spouse^HL70063\r',
  'latin1',
);

function cannotDecrypt(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PermanentError);
    expect((e as PermanentError).message).toMatch(/CANNOT_DECRYPT|authentication failed|unknown sealed format|does not inflate/);
    return;
  }
  throw new Error('expected CANNOT_DECRYPT');
}

describe('sealed formats', () => {
  it('opens a value sealed by the v1-only code (a job left in Redis by the previous release)', () => {
    expect(keyring.open(OLD_FORMAT).toString('latin1')).toBe(OLD_PLAIN);
    expect(jobDataSchema.shape.sourceData.parse(OLD_FORMAT)).toEqual(OLD_FORMAT);
  });

  it('round-trips any bytes, compressed or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), (bytes, compress) => {
        const plain = Buffer.from(bytes);
        const sealed = keyring.seal(plain, { compress });
        expect(isSealed(sealed)).toBe(true);
        expect(keyring.open(sealed).equals(plain)).toBe(true);
        if (!compress) expect(sealed.v).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips repetitive text (what compresses), and v2 is never larger than v1', () => {
    const segment = fc.tuple(fc.constantFrom('PID', 'OBX', 'NK1', 'AL1'), fc.array(fc.string({ maxLength: 12 }), { maxLength: 12 })).map(([id, fields]) => [id, ...fields].join('|'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 40 }), (segments) => {
        const plain = Buffer.from(['MSH|^~\\&|A|B|C|D|20261129||ADT^A01|X|P|2.5.1', ...segments].join('\r'), 'latin1');
        const v1 = keyring.seal(plain);
        const v2 = keyring.seal(plain, { compress: true });
        expect(keyring.open(v2).equals(plain)).toBe(true);
        expect(v2.data.length).toBeLessThanOrEqual(v1.data.length);
      }),
      { numRuns: 300 },
    );
  });

  it('compresses an HL7 message before encrypting it, and keeps it unreadable', () => {
    const v1 = keyring.seal(HL7);
    const v2 = keyring.seal(HL7, { compress: true });
    expect(v2.v).toBe(2);
    expect(Buffer.from(v2.data, 'base64').length).toBeLessThan(HL7.length);
    expect(Buffer.from(v1.data, 'base64').length).toBe(HL7.length);
    const stored = JSON.stringify(v2);
    for (const secret of ['Zzyzxcanary', 'Philomena', '19500101', 'MRN7']) expect(stored).not.toContain(secret);
    expect(keyring.open(v2).equals(HL7)).toBe(true);
  });

  it('keeps incompressible input in v1', () => {
    const noise = randomFromPool(1000);
    expect(keyring.seal(noise, { compress: true }).v).toBeUndefined();
    expect(keyring.seal(Buffer.alloc(0), { compress: true }).v).toBeUndefined();
  });

  it('binds the format: stripping, adding or changing `v` is refused', () => {
    const v2 = keyring.seal(HL7, { compress: true });
    const { v: _dropped, ...stripped } = v2;
    cannotDecrypt(() => keyring.open(stripped));
    cannotDecrypt(() => keyring.open({ ...keyring.seal(HL7), v: 2 }));
    cannotDecrypt(() => keyring.open({ ...v2, v: 3 as unknown as 2 }));
    expect(isSealed({ ...v2, v: 3 })).toBe(false);
    expect(jobDataSchema.shape.sourceData.safeParse({ ...v2, v: 3 }).success).toBe(false);
  });

  it('refuses tampered ciphertext, tag, iv or key id in both formats', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom('data', 'tag', 'iv'), fc.nat(), (compress, field, at) => {
        const sealed = keyring.seal(HL7, { compress });
        const bytes = Buffer.from(sealed[field], 'base64');
        bytes[at % bytes.length]! ^= 1 << at % 8;
        cannotDecrypt(() => keyring.open({ ...sealed, [field]: bytes.toString('base64') }));
      }),
      { numRuns: 200 },
    );
    const both = createKeyring(KEY, [OTHER]);
    const other = createKeyring(OTHER).seal(HL7, { compress: true });
    expect(both.open(other).equals(HL7)).toBe(true);
    cannotDecrypt(() => both.open({ ...other, kid: keyring.currentKid }));
    cannotDecrypt(() => createKeyring(OTHER).open(keyring.seal(HL7, { compress: true })));
  });

  it('reseal moves a value to the current key in the same format', () => {
    const rotated = createKeyring(OTHER, [KEY]);
    for (const sealed of [OLD_FORMAT, keyring.seal(HL7, { compress: true })]) {
      const again = rotated.reseal(sealed);
      expect(again.kid).toBe(rotated.currentKid);
      expect(again.v).toBe(sealed.v);
      expect(createKeyring(OTHER).open(again).equals(keyring.open(sealed))).toBe(true);
    }
  });

  it('draws fresh IVs', () => {
    const ivs = new Set(Array.from({ length: 2000 }, () => keyring.seal('x').iv));
    expect(ivs.size).toBe(2000);
  });
});
