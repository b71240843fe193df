/**
 * Envelope sealing with AES-256-GCM. Only the key id travels with the data; keys come from the
 * environment (DATA_ENCRYPTION_KEY, older ones in DATA_ENCRYPTION_KEYS_OLD) and never reach Redis.
 *
 * Two formats, both opened by every keyring:
 *   v1 (no `v` field): the plaintext itself is encrypted; AAD = the key id.
 *   v2 (`v: 2`): the plaintext is compressed with raw DEFLATE (RFC 1951) *before* encryption, so
 *       nothing compressed ever leaves the envelope; AAD = the key id + ":v2", binding the format
 *       so it cannot be stripped or flipped. `seal(plain, { compress: true })` writes v2 only when
 *       it is smaller than v1 would be.
 */
import { createCipheriv, createDecipheriv, createHash, randomFillSync } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { PermanentError } from '../errors.js';

export interface Sealed {
  /** key id: first 16 hex of SHA-256 over the key; names the key without revealing it */
  kid: string;
  iv: string;
  tag: string;
  data: string;
  /** format: absent = v1 (plaintext encrypted as is), 2 = raw-DEFLATE-compressed before encryption */
  v?: 2;
}

export interface SealOptions {
  /** compress before encrypting (format v2) when that makes the sealed value smaller */
  compress?: boolean;
}

export interface Keyring {
  /** key id used for new seals */
  readonly currentKid: string;
  seal(plain: Buffer | string, options?: SealOptions): Sealed;
  open(sealed: Sealed): Buffer;
  /** the same content under the current key, in the same format (used by key rotation) */
  reseal(sealed: Sealed): Sealed;
  has(kid: string): boolean;
}

export class KeyError extends Error {
  override name = 'KeyError';
}

/**
 * DEFLATE for v2: level 1 compresses a 1.2 KB HL7 message within 1 % of level 9 and fastest;
 * memLevel 6 (a 16 KiB hash table instead of 64 KiB to clear per call) saves ≈ 2 µs of the ≈ 16 µs
 * per message at the same ratio (measured on samples/events/*.hl7 too). Neither is part of the
 * format: any raw-DEFLATE decoder reads the result.
 */
const DEFLATE = { level: 1, memLevel: 6 } as const;
/** An inflated v2 value larger than this is refused (the data is authenticated, this is a backstop). */
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

function aadFor(kid: string, v: Sealed['v']): Buffer {
  return Buffer.from(v === 2 ? `${kid}:v2` : kid);
}

export function createKeyring(current: Buffer, old: Buffer[] = []): Keyring {
  const keys = new Map<string, Buffer>();
  for (const k of old) keys.set(keyId(k), k);
  const currentKid = keyId(current);
  keys.set(currentKid, current);

  /** Encrypts `bytes` (already compressed for v2) under the current key. */
  const encrypt = (bytes: Buffer | string, v: Sealed['v']): Sealed => {
    const iv = randomFromPool(12);
    const cipher = createCipheriv('aes-256-gcm', current, iv);
    // The key id (and the format) are authenticated too, so a sealed value cannot be relabelled.
    cipher.setAAD(aadFor(currentKid, v));
    const head = cipher.update(bytes);
    const tail = cipher.final();
    const data = tail.length ? Buffer.concat([head, tail]) : head;
    const sealed: Sealed = { kid: currentKid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    if (v === 2) sealed.v = 2;
    return sealed;
  };

  /** The encrypted bytes as stored (still compressed for v2). */
  const decrypt = (sealed: Sealed): Buffer => {
    const key = keys.get(sealed.kid);
    if (!key) throw new PermanentError('CANNOT_DECRYPT', `unknown key id ${sealed.kid}`);
    if (sealed.v !== undefined && sealed.v !== 2) throw new PermanentError('CANNOT_DECRYPT', `unknown sealed format v${String(sealed.v)}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(aadFor(sealed.kid, sealed.v));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    } catch {
      throw new PermanentError('CANNOT_DECRYPT', `authentication failed under key id ${sealed.kid}`);
    }
  };

  return {
    currentKid,
    has: (kid) => keys.has(kid),
    seal(plain, options) {
      if (options?.compress) {
        const bytes = typeof plain === 'string' ? Buffer.from(plain) : plain;
        const packed = deflateRawSync(bytes, DEFLATE);
        // Incompressible input (tiny, or already compressed) stays v1: never larger than before.
        if (packed.length < bytes.length) return encrypt(packed, 2);
        return encrypt(bytes, undefined);
      }
      return encrypt(plain, undefined);
    },
    open(sealed) {
      const bytes = decrypt(sealed);
      if (sealed.v !== 2) return bytes;
      try {
        return inflateRawSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
      } catch {
        throw new PermanentError('CANNOT_DECRYPT', `sealed v2 value under key id ${sealed.kid} does not inflate`);
      }
    },
    reseal(sealed) {
      return encrypt(decrypt(sealed), sealed.v);
    },
  };
}

export function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['kid', 'iv', 'tag', 'data'].every((k) => typeof v[k] === 'string') && (v.v === undefined || v.v === 2);
}
