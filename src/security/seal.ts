/**
 * Envelope sealing with AES-256-GCM. Only the key id travels with the data; keys come from the
 * environment (DATA_ENCRYPTION_KEY, older ones in DATA_ENCRYPTION_KEYS_OLD) and never reach Redis.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PermanentError } from '../errors.js';

export interface Sealed {
  /** key id: first 16 hex of SHA-256 over the key; names the key without revealing it */
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export interface Keyring {
  /** key id used for new seals */
  readonly currentKid: string;
  seal(plain: Buffer | string): Sealed;
  open(sealed: Sealed): Buffer;
  has(kid: string): boolean;
}

export class KeyError extends Error {
  override name = 'KeyError';
}

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

export function createKeyring(current: Buffer, old: Buffer[] = []): Keyring {
  const keys = new Map<string, Buffer>();
  for (const k of old) keys.set(keyId(k), k);
  const currentKid = keyId(current);
  keys.set(currentKid, current);

  return {
    currentKid,
    has: (kid) => keys.has(kid),
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      // The key id is authenticated too, so a sealed value cannot be relabelled.
      cipher.setAAD(Buffer.from(currentKid));
      const data = Buffer.concat([cipher.update(plain), cipher.final()]);
      return { kid: currentKid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    },
    open(sealed) {
      const key = keys.get(sealed.kid);
      if (!key) throw new PermanentError('CANNOT_DECRYPT', `unknown key id ${sealed.kid}`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
        decipher.setAAD(Buffer.from(sealed.kid));
        decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
      } catch {
        throw new PermanentError('CANNOT_DECRYPT', `authentication failed under key id ${sealed.kid}`);
      }
    },
  };
}

export function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['kid', 'iv', 'tag', 'data'].every((k) => typeof v[k] === 'string');
}
