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

  it('refuses a format byte with an unknown compression', () => {
    const bytes = pack(keyring.seal(PLAIN, AS, { compress: true }), 'message');
    bytes[0] = bytes[0]! | 0x0c;
    expect(() => unpack(bytes)).toThrow(PackError);
  });
});
