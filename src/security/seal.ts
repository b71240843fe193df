/**
 * Envelope sealing with AES-256-GCM. Only the key id travels with the data; keys come from the
 * environment (DATA_ENCRYPTION_KEY, older ones in DATA_ENCRYPTION_KEYS_OLD) and never reach Redis.
 *
 * Three formats, all opened by every keyring:
 *   v3 (`v: 3`, written by every seal): AAD = key id, format, compression flag, channel id,
 *       message id and role (message, result, outcome, …), so a sealed value opens only as what
 *       it was sealed as: a blob copied into another channel's or message's job, or a result
 *       presented as a message, fails authentication (DESIGN invariant 9). With `z` the plaintext
 *       was compressed with raw DEFLATE (RFC 1951) *before* encryption, so nothing compressed ever
 *       leaves the envelope: `z: 1` without a dictionary (FHIR JSON under 2 KB), `z: 2`
 *       with the preset dictionary of its role (seal-dictionary.ts: HL7 v2 for message, edited and
 *       ack; FHIR JSON v1 for result, response and outcome), `z: 3` (FHIR roles only, written
 *       since 2026-12-07) with FHIR dictionary v2 (seal-dictionary-v2.ts). `z` names the
 *       dictionary, so every older seal still opens. `compress: true` compresses only when that is
 *       smaller than the plaintext.
 *   v1 (no `v` field) and v2 (`v: 2`, compressed): older seals bound only to the key id (and
 *       format). They still open, whatever binding the caller gives, and `hig rotate-keys`
 *       re-seals them as bound v3.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomFillSync } from 'node:crypto';
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync, type ZlibOptions } from 'node:zlib';
import { PermanentError } from '../errors.js';
import { FHIR_DICTIONARY_V1, V2_DICTIONARY_V1 } from './seal-dictionary.js';
import { FHIR_DICTIONARY_V2 } from './seal-dictionary-v2.js';

export interface Sealed {
  /** key id: first 16 hex of SHA-256 over the key; names the key without revealing it */
  kid: string;
  iv: string;
  tag: string;
  data: string;
  /** format: absent = v1, 2 = v2 (compressed, unbound), 3 = bound to channel, message and role */
  v?: 2 | 3;
  /** v3 only: compressed before encryption with raw DEFLATE: 1 = no dictionary, 2 = the role's preset dictionary v1, 3 = FHIR dictionary v2 (FHIR roles) */
  z?: Compression;
}

/** How a v3 value was compressed, and so with which preset dictionary (see the header). */
export type Compression = 1 | 2 | 3;
export const COMPRESSIONS: readonly Compression[] = [1, 2, 3];

/** What a sealed value is: which payload of which message of which channel. */
export type SealRole = 'message' | 'result' | 'outcome' | 'ack' | 'response' | 'edited';
export interface SealBinding {
  channelId: string;
  messageId: string;
  role: SealRole;
}

export interface SealOptions {
  /** compress before encrypting when that makes the sealed value smaller */
  compress?: boolean;
  /** with compress: the result of `keyring.pack(plain, role)`, computed earlier off the event loop */
  packed?: Packed;
}

/** `plain` compressed as a seal of its role would compress it, or null when that is not smaller. */
export type Packed = { z: Compression; bytes: Buffer } | null;

export interface Keyring {
  /** key id used for new seals */
  readonly currentKid: string;
  seal(plain: Buffer | string, binding: SealBinding, options?: SealOptions): Sealed;
  /** opens a value sealed with the same binding (v1/v2 values carry none and open with any) */
  open(sealed: Sealed, binding: SealBinding): Buffer;
  /** the same content under the current key as bound v3 (used by key rotation) */
  reseal(sealed: Sealed, binding: SealBinding): Sealed;
  has(kid: string): boolean;
  /**
   * Keyed digests of a message's content for dedupe (see contentTag below): under the current key
   * first, then under each older key, so content tagged before a rotation is still recognised.
   */
  contentTags(parts: readonly Buffer[]): string[];
  /** The compression `seal(plain, {role}, {compress: true})` would apply, on libuv's threadpool. */
  pack(plain: Buffer, role: SealRole): Promise<Packed>;
}

export class KeyError extends Error {
  override name = 'KeyError';
}

/**
 * `z: 2` and `z: 3`: the payload's preset dictionary follows from the role it is sealed as and from
 * `z` (both are in the AAD, so a value cannot be opened against another dictionary). Levels are
 * not part of the format; measured on the bench's messages (CPU µs per call, load 15): an 18.5 KB
 * FHIR Bundle is 3,914 B at level 1 without a dictionary (43 µs), 2,935 B with it (79 µs), 2,743 B
 * at level 3 (95 µs), 2,475 B at level 6 (187 µs); a 1.2 KB HL7 message 725 B (17 µs) → 648 B at
 * level 1 (30 µs; sealed on the ACK path) and 634 B at level 6 (39 µs). Level 6 for results: over
 * 30 days of content at a million messages a day, its 268 B per message less than level 3 are
 * ≈ 8 GB of store, its 92 µs more ≈ 90 s of CPU a day. FHIR dictionary v2 (z: 3): the bench's
 * 23.2 KB Bundle of 2026-12-07 is 3,117 B with v1, 2,912 B with v2 at level 6.
 */
type Family = 'v2' | 'fhir';
const FAMILY: Record<SealRole, Family> = { message: 'v2', edited: 'v2', ack: 'v2', result: 'fhir', response: 'fhir', outcome: 'fhir' };
/** z → family → dictionary. Frozen: stored seals name their dictionary by z alone. */
const DICTIONARIES: Record<2 | 3, Partial<Record<Family, Buffer>>> = {
  2: { v2: V2_DICTIONARY_V1, fhir: FHIR_DICTIONARY_V1 },
  3: { fhir: FHIR_DICTIONARY_V2 },
};
/** What new seals of each family are written with. */
const CURRENT: Record<Family, { z: 2 | 3; level: number }> = { v2: { z: 2, level: 1 }, fhir: { z: 3, level: 6 } };
/**
 * Setting a dictionary costs the same whatever the payload (zlib hashes all of it): the 32 KB FHIR
 * one ≈ 45 µs, which a 600 B transaction-response repays with 56 B (217 → 161 B). FHIR payloads
 * below this size are written as `z: 1` (no dictionary, level 1), as before the dictionaries;
 * the 8 KB HL7 v2 dictionary costs ≈ 11 µs per 1.2 KB message for 77 B and is always used.
 */
const FHIR_DICTIONARY_FROM_BYTES = 2048;
const DEFLATE_PLAIN = { level: 1, memLevel: 6 } as const;

/** The dictionary of a value sealed as `role` with compression `z`; undefined when that pair was never written. */
function dictionaryOf(z: Compression, role: SealRole): Buffer | undefined {
  return z === 1 ? undefined : DICTIONARIES[z][FAMILY[role]];
}

/** An inflated value larger than this is refused (the data is authenticated, this is a backstop). */
const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

/** 32 bytes as 64 hex characters or as base64 (44 characters with padding). */
export function parseKey(text: string, label: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : null;
  if (!key || key.length !== 32) throw new KeyError(`${label}: expected 32 bytes as 64 hex characters or base64`);
  if (new Set(key).size < 8) throw new KeyError(`${label}: key is too weak (too few distinct bytes)`);
  return key;
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * Cryptographically random bytes drawn from a refilled pool: one getrandom call per 4 KiB instead
 * of one per seal (randomBytes(12) costs ≈ 5 µs per call on the ingest path). Every byte is handed
 * out once. For values that are public anyway (IVs, the ACK's MSH-10), not for keys.
 */
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolOffset = POOL_BYTES;
export function randomFromPool(n: number): Buffer {
  if (n > POOL_BYTES) throw new RangeError(`randomFromPool: at most ${POOL_BYTES} bytes`);
  if (poolOffset + n > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  // A copy: the pool is refilled in place, and a caller may keep the bytes.
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + n));
  poolOffset += n;
  return out;
}

function aadFor(sealed: Pick<Sealed, 'kid' | 'v' | 'z'>, binding: SealBinding): Buffer {
  if (sealed.v === undefined) return Buffer.from(sealed.kid);
  if (sealed.v === 2) return Buffer.from(`${sealed.kid}:v2`);
  // NUL cannot occur in any part, so no two bindings share an AAD.
  return Buffer.from([sealed.kid, 'v3', sealed.z === undefined ? '' : sealed.z === 1 ? 'z' : `z${sealed.z}`, binding.channelId, binding.messageId, binding.role].join('\0'));
}

/**
 * A content tag: HMAC-SHA-256 under a key derived from a data key (HKDF, its own label, so the tag
 * key is never the encryption key), 128 bits as 32 hex. It travels in clear (dedupe markers, job
 * meta): without the data key it says nothing about the content, only whether two messages of one
 * install are equal.
 */
function tagKeyOf(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'hig content tag v1', 32));
}

function contentTag(tagKey: Buffer, parts: readonly Buffer[]): string {
  const mac = createHmac('sha256', tagKey);
  for (const p of parts) mac.update(p);
  return mac.digest('hex').slice(0, 32);
}

const deflateRawAsync = promisify<Buffer, ZlibOptions, Buffer>(deflateRaw);

/** How a seal of `role` compresses `length` bytes: its `z` and DEFLATE options. */
function packingOf(role: SealRole, length: number): { z: Compression; options: ZlibOptions } {
  const family = FAMILY[role];
  if (family === 'fhir' && length < FHIR_DICTIONARY_FROM_BYTES) return { z: 1, options: DEFLATE_PLAIN };
  const { z, level } = CURRENT[family];
  return { z, options: { level, memLevel: 8, dictionary: DICTIONARIES[z][family]! } };
}

export function createKeyring(current: Buffer, old: Buffer[] = []): Keyring {
  const keys = new Map<string, Buffer>();
  for (const k of old) keys.set(keyId(k), k);
  const currentKid = keyId(current);
  keys.set(currentKid, current);
  // Current first, then the older keys that are not the current one.
  const tagKeys = [current, ...old.filter((k) => keyId(k) !== currentKid)].map(tagKeyOf);

  /** Encrypts `bytes` (already compressed as format `z` when set) under the current key as bound v3. */
  const encrypt = (bytes: Buffer | string, z: Sealed['z'], binding: SealBinding): Sealed => {
    const iv = randomFromPool(12);
    const cipher = createCipheriv('aes-256-gcm', current, iv);
    const sealed: Sealed = { kid: currentKid, iv: iv.toString('base64'), tag: '', data: '', v: 3 };
    if (z !== undefined) sealed.z = z;
    // Key id, format and binding are authenticated too: a sealed value cannot be relabelled or moved.
    cipher.setAAD(aadFor(sealed, binding));
    const head = cipher.update(bytes);
    const tail = cipher.final();
    sealed.data = (tail.length ? Buffer.concat([head, tail]) : head).toString('base64');
    sealed.tag = cipher.getAuthTag().toString('base64');
    return sealed;
  };

  /** The encrypted bytes as stored (still compressed when v2 or z). */
  const decrypt = (sealed: Sealed, binding: SealBinding): Buffer => {
    const key = keys.get(sealed.kid);
    if (!key) throw new PermanentError('CANNOT_DECRYPT', `unknown key id ${sealed.kid}`);
    if (sealed.v !== undefined && sealed.v !== 2 && sealed.v !== 3) throw new PermanentError('CANNOT_DECRYPT', `unknown sealed format v${String(sealed.v)}`);
    if (sealed.z !== undefined && (sealed.v !== 3 || !COMPRESSIONS.includes(sealed.z))) throw new PermanentError('CANNOT_DECRYPT', 'malformed sealed value (compression flag)');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(aadFor(sealed, binding));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    } catch {
      // Says which binding was asked for (ids and role, no content) so an operator can tell a moved blob.
      throw new PermanentError('CANNOT_DECRYPT', `authentication failed under key id ${sealed.kid} (as ${binding.role} of ${binding.channelId}/${binding.messageId})`);
    }
  };

  /** The compression of a stored value as `z` (v2 is DEFLATE without a dictionary, like z: 1). */
  const compressionOf = (sealed: Sealed): Sealed['z'] => (sealed.v === 2 ? 1 : sealed.z);
  const inflate = (sealed: Sealed, bytes: Buffer, role: SealRole): Buffer => {
    const z = compressionOf(sealed)!;
    const dictionary = dictionaryOf(z, role);
    // A dictionary format with no dictionary for this role was never written: refused, not inflated without one.
    if (z !== 1 && !dictionary) throw new PermanentError('CANNOT_DECRYPT', `malformed sealed value under key id ${sealed.kid} (no dictionary z: ${z} for ${role})`);
    try {
      return inflateRawSync(bytes, dictionary ? { maxOutputLength: MAX_INFLATED_BYTES, dictionary } : { maxOutputLength: MAX_INFLATED_BYTES });
    } catch {
      throw new PermanentError('CANNOT_DECRYPT', `compressed sealed value under key id ${sealed.kid} does not inflate`);
    }
  };

  return {
    currentKid,
    has: (kid) => keys.has(kid),
    contentTags: (parts) => tagKeys.map((k) => contentTag(k, parts)),
    async pack(plain, role) {
      const { z, options } = packingOf(role, plain.length);
      return packedIfSmaller(z, await deflateRawAsync(plain, options), plain.length);
    },
    seal(plain, binding, options) {
      if (options?.compress) {
        const bytes = typeof plain === 'string' ? Buffer.from(plain) : plain;
        let packed = options.packed;
        if (packed === undefined) {
          const { z, options: deflate } = packingOf(binding.role, bytes.length);
          packed = packedIfSmaller(z, deflateRawSync(bytes, deflate), bytes.length);
        }
        return packed ? encrypt(packed.bytes, packed.z, binding) : encrypt(bytes, undefined, binding);
      }
      return encrypt(plain, undefined, binding);
    },
    open(sealed, binding) {
      const bytes = decrypt(sealed, binding);
      return compressionOf(sealed) !== undefined ? inflate(sealed, bytes, binding.role) : bytes;
    },
    reseal(sealed, binding) {
      // Compressed content stays compressed as it was (no inflate/deflate round trip); v1/v2 become bound v3.
      return encrypt(decrypt(sealed, binding), compressionOf(sealed), binding);
    },
  };
}

/** Incompressible input (tiny, or already compressed) is stored as is: never larger than before. */
function packedIfSmaller(z: Compression, bytes: Buffer, plainLength: number): Packed {
  return bytes.length < plainLength ? { z, bytes } : null;
}

export function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['kid', 'iv', 'tag', 'data'].every((k) => typeof v[k] === 'string') && (v.v === undefined || v.v === 2 || v.v === 3) && (v.z === undefined || COMPRESSIONS.includes(v.z as Compression));
}
