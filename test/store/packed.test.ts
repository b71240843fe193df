/**
 * The store's packed form of a sealed value (one bytea): both compression formats survive the
 * round trip, a value packed before the preset dictionaries (z: 1) still unpacks and opens, and
 * the format byte keeps the compression flag inside what the AAD authenticates.
 */
import { describe, expect, it } from 'vitest';
import { createKeyring, type SealBinding, type Sealed } from '../../src/security/seal.js';
import { pack, PackError, unpack } from '../../src/store/packed.js';

const KEY = Buffer.from('a3f1c29be04d7786519e2b0f4c8d3a6e9b7c1d2e3f405162738495a6b7c8d9ea', 'hex');
const keyring = createKeyring(KEY);
const AS: SealBinding = { channelId: 'adt-in', messageId: 'adt-in.m1', role: 'message' };
const PLAIN = 'MSH|^~\\&|OLD|FMT|HIG|HIG|20261205063000||ADT^A01^ADT_A01|OLD3|P|2.5.1\rPID|1||MRN3^^^H^MR||Oldformat^Olga\rPID|1||MRN3^^^H^MR||Oldformat^Olga\r';
/** `pack()` of commit ce86528 applied to a FHIR result it sealed (z: 2, dictionary v1) under KEY as AS's result. */
const PACKED_Z2_RESULT = Buffer.from(
  'K+EskI5/xZ2MARi2qcK8Qq9OWu/wYxhUqHOjd0jKqkOVYndTTnK02OMb+FY3oFpWE9AsI2pWNit6EcExELs8r4iD6QrORaZB5wKJdeXKQg02mdo5oCFai33AcAiY6eL28v20F3R/XlTE+ZLrY83rWTTnPu97LNAOhfxXPBXqQmR92S2FX+NzhYla+y+gBbYoqLbM4xjGruzYeeEQ+Sx89ZLJFegyaCfvj2dlpTOMKXUfRlSVHco4V7qs+lT8w+eL7CHO76B05TP1EVOWjxLxfuLUznmIfoEiCxYz0X3kP2x1rgFjHvnHJutfEP78I0hKgJPDu1YZt2I5Eg==',
  'base64',
);
/** `pack()` of commit 8d95a49 applied to a z: 1 value sealed by that commit under KEY as AS. */
const PACKED_Z1 = Buffer.from(
  'F+EskI5/xZ2M5CrR3TtGm/UP0C8EUuDie7SEXmUV2E0ct05RGirSvf5W7WiIRuNhBzQMpqr4KlnuXL6rFNBXeQdVMm3O3kTHJUoC158sFzPDgqpaUEajrZaHi56n4X209c46sdbqpRDFT6lTmh6FENxu2DegxXtIkg5YHoH1BOxeQI4Kx68Wvyf1Mhw=',
  'base64',
);

describe('packed sealed values', () => {
  it('unpacks and opens a value packed before the preset dictionaries (z: 1)', () => {
    const { sealed, role } = unpack(PACKED_Z1);
    expect(role).toBe('message');
    expect(sealed.z).toBe(1);
    expect(keyring.open(sealed, AS).toString('latin1')).toBe(PLAIN);
  });

  it('round-trips z: 2 (preset dictionary), z: 1 and uncompressed values with their role', () => {
    const values: Array<[Sealed, SealBinding['role']]> = [
      [keyring.seal(PLAIN, AS, { compress: true }), 'message'],
      [keyring.seal('{"resourceType":"Bundle","type":"transaction","entry":[]}', { ...AS, role: 'result' }, { compress: true }), 'result'],
      [unpack(PACKED_Z1).sealed, 'message'],
      [keyring.seal(PLAIN, AS), 'message'],
    ];
    expect(values[0]![0].z).toBe(2);
    for (const [sealed, role] of values) {
      const back = unpack(pack(sealed, role));
      expect(back).toEqual({ sealed, role });
      expect(keyring.open(back.sealed, { ...AS, role }).length).toBeGreaterThan(0);
    }
  });

  it('unpacks and opens a result packed with FHIR dictionary v1 (z: 2) before v2', () => {
    const { sealed, role } = unpack(PACKED_Z2_RESULT);
    expect(role).toBe('result');
    expect(sealed.z).toBe(2);
    expect(keyring.open(sealed, { ...AS, role }).toString()).toMatch(/^\{"resourceType":"Bundle","type":"transaction","entry":\[\{"fullUrl":"urn:uuid:00000000-0000-5000-8000-000000000000"/);
  });

  it('round-trips a result sealed with FHIR dictionary v2 (z: 3, the format bits 2-3 both set)', () => {
    const big = JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: Array.from({ length: 40 }, (_, i) => ({ fullUrl: `urn:uuid:${i}`, resource: { resourceType: 'Patient', id: String(i) } })) });
    const sealed = keyring.seal(big, { ...AS, role: 'result' }, { compress: true });
    expect(sealed.z).toBe(3);
    const bytes = pack(sealed, 'result');
    expect(bytes[0]! & 0x0c).toBe(0x0c);
    expect(unpack(bytes)).toEqual({ sealed, role: 'result' });
    expect(keyring.open(unpack(bytes).sealed, { ...AS, role: 'result' }).toString()).toBe(big);
  });

  it('a message whose format byte is relabelled to another compression unpacks but does not open', () => {
    const bytes = pack(keyring.seal(PLAIN, AS, { compress: true }), 'message');
    bytes[0] = bytes[0]! | 0x0c;
    expect(unpack(bytes).sealed.z).toBe(3);
    expect(() => keyring.open(unpack(bytes).sealed, AS)).toThrow(/CANNOT_DECRYPT|authentication failed/);
  });

  it('refuses a format byte with an unknown version or role', () => {
    const bytes = pack(keyring.seal(PLAIN, AS, { compress: true }), 'message');
    expect(() => unpack(Buffer.concat([Buffer.of(bytes[0]! & 0xfc), bytes.subarray(1)]))).toThrow(PackError);
    expect(() => unpack(Buffer.concat([Buffer.of((bytes[0]! & 0x0f) | 0xf0), bytes.subarray(1)]))).toThrow(PackError);
  });
});
