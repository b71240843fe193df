/**
 * The sealed envelope: v3 (bound to channel, message and role; optionally raw DEFLATE before
 * encryption), and the older unbound v1/v2 that must still open. Property tests for the round
 * trip, for tampering and for moving a sealed value to another job or role.  [DESIGN invariant 9]
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { deliveryJobDataSchema, jobDataSchema } from '../../src/queue/jobs.js';
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { createKeyring, isSealed, randomFromPool, type SealBinding, type Sealed } from '../../src/security/seal.js';
import { FHIR_DICTIONARY_V1, V2_DICTIONARY_V1 } from '../../src/security/seal-dictionary.js';
import { FHIR_DICTIONARY_V2 } from '../../src/security/seal-dictionary-v2.js';
import { convertHl7v2 } from '../../src/transform/index.js';

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
/** Sealed by the code of commit 12b9936 (v2: compressed, bound to the key id only), under KEY. */
const OLD_V2: Sealed = {
  kid: 'e12c908e7fc59d8c',
  iv: 'a0Gw+Ee6fK7s6Px+',
  tag: 'TbIRXPFNgZUWwcRnNf1sVQ==',
  data: 'x15zOb62GBFE26ADUFH7iscQfV44+WaxzIolRtLoT0TnfFFDXS1mFGEnOfgpRRb997s7qkHnuGXtdGvtpqpkGCClftlEQE+jmBlnJd92NsOlwgQJcAUjqAAF1mQiQAnAqEdfOe+5eg==',
  v: 2,
};
const OLD_V2_PLAIN = 'MSH|^~\\&|OLD|FMT|HIG|HIG|20261129083015||ADT^A01^ADT_A01|OLD2|P|2.5.1\rPID|1||MRN2^^^H^MR||Oldformat^Olga\rPID|1||MRN2^^^H^MR||Oldformat^Olga\r';

const AS: SealBinding = { channelId: 'adt-in', messageId: 'adt-in.m1', role: 'message' };

/** Sealed by the code of commit 8d95a49 (v3, `z: 1`: DEFLATE without a dictionary), under KEY, as AS. */
const OLD_Z1: Sealed = {
  kid: 'e12c908e7fc59d8c',
  iv: '5CrR3TtGm/UP0C8E',
  tag: 'UuDie7SEXmUV2E0ct05RGg==',
  data: 'KtK9/lbtaIhG42EHNAymqvgqWe5cvqsU0Fd5B1Uybc7eRMclSgLXnywXM8OCqlpQRqOtloeLnqfhfbT1zjqx1uqlEMVPqVOaHoUQ3G7YN6DFe0iSDlgegfUE7F5AjgrHrxa/J/UyHA==',
  v: 3,
  z: 1,
};
const OLD_Z1_PLAIN = 'MSH|^~\\&|OLD|FMT|HIG|HIG|20261205063000||ADT^A01^ADT_A01|OLD3|P|2.5.1\rPID|1||MRN3^^^H^MR||Oldformat^Olga\rPID|1||MRN3^^^H^MR||Oldformat^Olga\r';

/** A 3,308 B FHIR Bundle (built here, not by the converter, so it never changes). */
const fhirId = (i: number) => `00000000-0000-5000-8000-${String(i).padStart(12, '0')}`;
const OLD_Z2_PLAIN = JSON.stringify({
  resourceType: 'Bundle',
  type: 'transaction',
  entry: Array.from({ length: 12 }, (_, i) => ({ fullUrl: `urn:uuid:${fhirId(i)}`, resource: { resourceType: 'Patient', id: fhirId(i), name: [{ family: 'Oldformat', given: ['Olga'] }] }, request: { method: 'PUT', url: `Patient/${fhirId(i)}` } })),
});
const AS_RESULT: SealBinding = { ...AS, role: 'result' };
/** Sealed by the code of commit ce86528 (v3, `z: 2`: FHIR dictionary v1, written until 2026-12-07), under KEY, as AS_RESULT. */
const OLD_Z2_RESULT: Sealed = {
  kid: 'e12c908e7fc59d8c',
  iv: 'ARi2qcK8Qq9OWu/w',
  tag: 'YxhUqHOjd0jKqkOVYndTTg==',
  data: 'crTY4xv4VjegWlYT0CwjalY2K3oRwTEQuzyviIPpCs5FpkHnAol15cpCDTaZ2jmgIVqLfcBwCJjp4vby/bQXdH9eVMT5kutjzetZNOc+73ss0A6F/Fc8FepCZH3ZLYVf43OFiVr7L6AFtiiotszjGMau7Nh54RD5LHz1kskV6DJoJ++PZ2WlM4wpdR9GVJUdyjhXuqz6VPzD54vsIc7voHTlM/URU5aPEvF+4tTOeYh+gSILFjPRfeQ/bHWuAWMe+ccm618Q/vwjSEqAk8O7Vhm3YjkS',
  v: 3,
  z: 2,
};

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
  it('opens values sealed by older releases (v1, v2) whatever binding is asked for', () => {
    expect(keyring.open(OLD_FORMAT, AS).toString('latin1')).toBe(OLD_PLAIN);
    expect(keyring.open(OLD_V2, { channelId: 'x', messageId: 'y', role: 'result' }).toString('latin1')).toBe(OLD_V2_PLAIN);
    expect(jobDataSchema.shape.sourceData.parse(OLD_FORMAT)).toEqual(OLD_FORMAT);
    expect(jobDataSchema.shape.sourceData.parse(OLD_V2)).toEqual(OLD_V2);
  });

  it('opens v3 values compressed without a dictionary (z: 1, written until the preset dictionaries) under their binding only', () => {
    expect(keyring.open(OLD_Z1, AS).toString('latin1')).toBe(OLD_Z1_PLAIN);
    expect(jobDataSchema.shape.sourceData.parse(OLD_Z1)).toEqual(OLD_Z1);
    for (const b of [{ ...AS, messageId: 'adt-in.m2' }, { ...AS, channelId: 'lab-in' }, { ...AS, role: 'result' as const }, { ...AS, role: 'edited' as const }]) cannotDecrypt(() => keyring.open(OLD_Z1, b));
    // relabelled as the dictionary format it fails authentication (z is in the AAD)
    cannotDecrypt(() => keyring.open({ ...OLD_Z1, z: 2 }, AS));
  });

  it('pins the preset dictionaries of z: 2 and z: 3 (values sealed with them must open for years)', () => {
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(V2_DICTIONARY_V1)).toBe('9c5f82c5207a65695d63a9a766c2b0297905dc39c5392f5dada8ee1853041462');
    expect(sha(FHIR_DICTIONARY_V1)).toBe('10487add87bce412f8c8c21cc4b3d4ad65f3ecaee614001755c12047859f8c3a');
    expect(sha(FHIR_DICTIONARY_V2)).toBe('5f79d851d16bc1fb91c8d7f3d86efd8fcf36e7b7e66ee900c63d70a4568c00c5');
  });

  it('opens a FHIR result sealed with dictionary v1 (z: 2) before dictionary v2, under its binding only', () => {
    expect(keyring.open(OLD_Z2_RESULT, AS_RESULT).toString()).toBe(OLD_Z2_PLAIN);
    expect(deliveryJobDataSchema.shape.bundle.parse(OLD_Z2_RESULT)).toEqual(OLD_Z2_RESULT);
    // relabelled as the newer dictionary, or as a message, it fails authentication (z and role are in the AAD)
    cannotDecrypt(() => keyring.open({ ...OLD_Z2_RESULT, z: 3 }, AS_RESULT));
    cannotDecrypt(() => keyring.open(OLD_Z2_RESULT, AS));
    cannotDecrypt(() => keyring.open(OLD_Z2_RESULT, { ...AS_RESULT, messageId: 'adt-in.m2' }));
  });

  it('seals a FHIR result of 2 KB or more with dictionary v2 (z: 3), smaller than with v1; tampering fails', () => {
    const plain = Buffer.from(JSON.stringify(convertHl7v2(HL7).bundle));
    const sealed = keyring.seal(plain, AS_RESULT, { compress: true });
    expect(sealed.z).toBe(3);
    expect(isSealed(sealed)).toBe(true);
    expect(deliveryJobDataSchema.shape.bundle.parse(sealed)).toEqual(sealed);
    expect(keyring.open(sealed, AS_RESULT).equals(plain)).toBe(true);
    const v1 = deflateRawSync(plain, { level: 6, dictionary: FHIR_DICTIONARY_V1 }).length;
    expect(Buffer.from(sealed.data, 'base64').length).toBeLessThan(v1);
    // the other dictionary's flag, no flag, another role or message: authentication fails
    for (const z of [1, 2] as const) cannotDecrypt(() => keyring.open({ ...sealed, z }, AS_RESULT));
    const { z: _z, ...unflagged } = sealed;
    cannotDecrypt(() => keyring.open(unflagged, AS_RESULT));
    cannotDecrypt(() => keyring.open(sealed, AS));
    cannotDecrypt(() => keyring.open(sealed, { ...AS_RESULT, channelId: 'lab-in' }));
    // one bit of ciphertext or tag flipped
    const data = Buffer.from(sealed.data, 'base64');
    data[data.length >> 1]! ^= 1;
    cannotDecrypt(() => keyring.open({ ...sealed, data: data.toString('base64') }, AS_RESULT));
    const tag = Buffer.from(sealed.tag, 'base64');
    tag[0]! ^= 0x80;
    cannotDecrypt(() => keyring.open({ ...sealed, tag: tag.toString('base64') }, AS_RESULT));
  });

  it('keeps HL7 v2 payloads on their dictionary (z: 2); z: 3 has no HL7 dictionary and never opens as a message', () => {
    expect(keyring.seal(HL7, AS, { compress: true }).z).toBe(2);
    cannotDecrypt(() => keyring.open({ ...keyring.seal(HL7, AS, { compress: true }), z: 3 }, AS));
  });

  it('compresses with the preset dictionary of the role: a FHIR result and an HL7 message, each smaller than without one', () => {
    const bundle = Buffer.from(JSON.stringify(convertHl7v2(HL7).bundle));
    for (const [plain, role, z] of [[HL7, 'message', 2], [bundle, 'result', 3]] as const) {
      const as = { ...AS, role };
      const sealed = keyring.seal(plain, as, { compress: true });
      expect(sealed.z).toBe(z);
      expect(Buffer.from(sealed.data, 'base64').length).toBeLessThan(deflateRawSync(plain, { level: 9 }).length);
      expect(keyring.open(sealed, as).equals(plain)).toBe(true);
      // the same bytes under the wrong dictionary's role, or the flag dropped, do not open
      cannotDecrypt(() => keyring.open(sealed, { ...as, role: role === 'message' ? 'result' : 'message' }));
      cannotDecrypt(() => keyring.open({ ...sealed, z: 1 }, as));
    }
    // a small FHIR answer is not worth setting the 32 KB dictionary: DEFLATE alone (z: 1)
    const small = Buffer.from(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics: 'x'.repeat(300) }] }));
    const answer = keyring.seal(small, { ...AS, role: 'response' }, { compress: true });
    expect(answer.z).toBe(1);
    expect(keyring.open(answer, { ...AS, role: 'response' }).equals(small)).toBe(true);
  });

  it('round-trips any bytes, compressed or not, as v3', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), (bytes, compress) => {
        const plain = Buffer.from(bytes);
        const sealed = keyring.seal(plain, AS, { compress });
        expect(isSealed(sealed)).toBe(true);
        expect(sealed.v).toBe(3);
        expect(keyring.open(sealed, AS).equals(plain)).toBe(true);
        if (!compress) expect(sealed.z).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips repetitive text (what compresses), and compressed is never larger', () => {
    const segment = fc.tuple(fc.constantFrom('PID', 'OBX', 'NK1', 'AL1'), fc.array(fc.string({ maxLength: 12 }), { maxLength: 12 })).map(([id, fields]) => [id, ...fields].join('|'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 40 }), (segments) => {
        const plain = Buffer.from(['MSH|^~\\&|A|B|C|D|20261129||ADT^A01|X|P|2.5.1', ...segments].join('\r'), 'latin1');
        const flat = keyring.seal(plain, AS);
        const packed = keyring.seal(plain, AS, { compress: true });
        expect(keyring.open(packed, AS).equals(plain)).toBe(true);
        expect(packed.data.length).toBeLessThanOrEqual(flat.data.length);
      }),
      { numRuns: 300 },
    );
  });

  it('compresses an HL7 message before encrypting it, and keeps it unreadable', () => {
    const flat = keyring.seal(HL7, AS);
    const packed = keyring.seal(HL7, AS, { compress: true });
    expect(packed.z).toBe(2);
    expect(Buffer.from(packed.data, 'base64').length).toBeLessThan(HL7.length);
    expect(Buffer.from(flat.data, 'base64').length).toBe(HL7.length);
    const stored = JSON.stringify(packed);
    for (const secret of ['Zzyzxcanary', 'Philomena', '19500101', 'MRN7']) expect(stored).not.toContain(secret);
    expect(keyring.open(packed, AS).equals(HL7)).toBe(true);
  });

  it('keeps incompressible input uncompressed', () => {
    const noise = randomFromPool(1000);
    expect(keyring.seal(noise, AS, { compress: true }).z).toBeUndefined();
    expect(keyring.seal(Buffer.alloc(0), AS, { compress: true }).z).toBeUndefined();
  });

  it('binds channel, message and role: a value moved to another job or read as another role does not open', () => {
    const elsewhere: SealBinding[] = [
      { ...AS, channelId: 'lab-in' },
      { ...AS, messageId: 'adt-in.m2' },
      { ...AS, role: 'result' },
      { ...AS, role: 'outcome' },
      // the NUL-separated AAD keeps a shifted boundary from matching
      { channelId: 'adt-in\u0000adt-in.m1', messageId: '', role: 'message' },
    ];
    for (const compress of [false, true]) {
      const sealed = keyring.seal(HL7, AS, { compress });
      expect(keyring.open(sealed, AS).equals(HL7)).toBe(true);
      for (const b of elsewhere) cannotDecrypt(() => keyring.open(sealed, b));
    }
  });

  it('binds the format: stripping or changing `v` or `z` is refused', () => {
    const packed = keyring.seal(HL7, AS, { compress: true });
    const { z: _z, ...unflagged } = packed;
    cannotDecrypt(() => keyring.open(unflagged, AS));
    const { v: _v, z: _z2, ...asV1 } = packed;
    cannotDecrypt(() => keyring.open(asV1, AS));
    cannotDecrypt(() => keyring.open({ ...packed, v: 2, z: undefined } as unknown as Sealed, AS));
    cannotDecrypt(() => keyring.open({ ...keyring.seal(HL7, AS), z: 1 }, AS));
    cannotDecrypt(() => keyring.open({ ...keyring.seal(HL7, AS), z: 2 }, AS));
    cannotDecrypt(() => keyring.open({ ...packed, z: 3 }, AS));
    cannotDecrypt(() => keyring.open({ ...packed, z: 4 as unknown as 3 }, AS));
    expect(isSealed({ ...packed, z: 4 })).toBe(false);
    expect(jobDataSchema.shape.sourceData.safeParse({ ...packed, z: 4 }).success).toBe(false);
    cannotDecrypt(() => keyring.open({ ...packed, v: 4 as unknown as 3 }, AS));
    expect(isSealed({ ...packed, v: 4 })).toBe(false);
    expect(jobDataSchema.shape.sourceData.safeParse({ ...packed, v: 4 }).success).toBe(false);
  });

  it('refuses tampered ciphertext, tag, iv or key id', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom('data', 'tag', 'iv'), fc.nat(), (compress, field, at) => {
        const sealed = keyring.seal(HL7, AS, { compress });
        const bytes = Buffer.from(sealed[field], 'base64');
        bytes[at % bytes.length]! ^= 1 << at % 8;
        cannotDecrypt(() => keyring.open({ ...sealed, [field]: bytes.toString('base64') }, AS));
      }),
      { numRuns: 200 },
    );
    const both = createKeyring(KEY, [OTHER]);
    const other = createKeyring(OTHER).seal(HL7, AS, { compress: true });
    expect(both.open(other, AS).equals(HL7)).toBe(true);
    cannotDecrypt(() => both.open({ ...other, kid: keyring.currentKid }, AS));
    cannotDecrypt(() => createKeyring(OTHER).open(keyring.seal(HL7, AS, { compress: true }), AS));
  });

  it('reseal moves a value to the current key as bound v3, keeping compression', () => {
    const rotated = createKeyring(OTHER, [KEY]);
    for (const [sealed, z] of [[OLD_FORMAT, undefined], [OLD_V2, 1], [OLD_Z1, 1], [keyring.seal(HL7, AS, { compress: true }), 2], [keyring.seal(HL7, AS), undefined]] as const) {
      const again = rotated.reseal(sealed, AS);
      expect(again.kid).toBe(rotated.currentKid);
      expect(again.v).toBe(3);
      expect(again.z).toBe(z);
      expect(createKeyring(OTHER).open(again, AS).equals(keyring.open(sealed, AS))).toBe(true);
      cannotDecrypt(() => createKeyring(OTHER).open(again, { ...AS, messageId: 'other' }));
    }
  });

  it('draws fresh IVs', () => {
    const ivs = new Set(Array.from({ length: 2000 }, () => keyring.seal('x', AS).iv));
    expect(ivs.size).toBe(2000);
  });
});

describe('pack: the seal\'s compression off the event loop (large messages at intake)', () => {
  it('seals what seal would have sealed: same format and payload, opening under the binding only', async () => {
    const doc = randomFromPool(3000).toString('base64');
    for (const [plain, role, z] of [
      [Buffer.from(`${HL7}OBX|1|ED|x||^application^pdf^Base64^${doc}\r`, 'latin1'), 'message', 2],
      [Buffer.from('x'.repeat(1000)), 'result', 1],
    ] as const) {
      const as = { ...AS, role };
      const packed = await keyring.pack(plain, role);
      expect(packed?.z).toBe(z);
      const sealed = keyring.seal(plain, as, { compress: true, packed });
      const inline = keyring.seal(plain, as, { compress: true });
      expect(sealed.z).toBe(inline.z);
      expect(Buffer.from(sealed.data, 'base64').length).toBe(Buffer.from(inline.data, 'base64').length);
      expect(keyring.open(sealed, as).equals(plain)).toBe(true);
      cannotDecrypt(() => keyring.open(sealed, { ...as, messageId: 'adt-in.other' }));
    }
  });

  it('is null for bytes DEFLATE cannot shrink, which are then sealed as they are', async () => {
    const noise = randomFromPool(4096);
    expect(await keyring.pack(noise, 'message')).toBeNull();
    const sealed = keyring.seal(noise, AS, { compress: true, packed: null });
    expect(sealed.z).toBeUndefined();
    expect(keyring.open(sealed, AS).equals(noise)).toBe(true);
  });
});

describe('content tags (dedupe)', () => {
  const parts = [Buffer.from('MSH|^~\\&|A|F|R|RF|'), Buffer.from('||ADT^A01|C1\rPID|1||M1\r')];

  it('are keyed: equal content gives equal tags under one key, another key gives others, and the tag is not a plain digest', async () => {
    const [tag] = keyring.contentTags(parts);
    expect(tag).toMatch(/^[0-9a-f]{32}$/);
    expect(keyring.contentTags([Buffer.concat(parts)])).toEqual([tag]);
    expect(createKeyring(OTHER).contentTags(parts)[0]).not.toBe(tag);
    const { createHash, createHmac } = await import('node:crypto');
    expect(createHash('sha256').update(Buffer.concat(parts)).digest('hex').slice(0, 32)).not.toBe(tag);
    // nor an HMAC under the data key itself: the tag key is derived (HKDF), never the encryption key
    expect(createHmac('sha256', KEY).update(Buffer.concat(parts)).digest('hex').slice(0, 32)).not.toBe(tag);
  });

  it('are given under the current key first, then under each older key', () => {
    const rotated = createKeyring(OTHER, [KEY]);
    expect(rotated.contentTags(parts)).toEqual([createKeyring(OTHER).contentTags(parts)[0], keyring.contentTags(parts)[0]]);
    expect(createKeyring(KEY, [KEY]).contentTags(parts)).toHaveLength(1);
  });
});
