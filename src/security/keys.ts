/** Builds the keyring from settings. A missing key is fatal, except in dev mode where a local key file is used. */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Settings } from '../config/env.js';
import { createKeyring, KeyError, parseKey, type Keyring } from './seal.js';

export interface KeyringSource {
  keyring: Keyring;
  /** set when a development key file was used instead of DATA_ENCRYPTION_KEY */
  devKeyFile?: string;
  /** the keys themselves, for what derives keys of its own from them (the store's blind-index key) */
  dataKey: Buffer;
  oldDataKeys: Buffer[];
}

export function keyringFromSettings(settings: Settings, options: { allowDevKey: boolean }): KeyringSource {
  const old = (settings.DATA_ENCRYPTION_KEYS_OLD ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((k, i) => parseKey(k, `DATA_ENCRYPTION_KEYS_OLD[${i}]`));
  if (settings.DATA_ENCRYPTION_KEY) {
    const dataKey = parseKey(settings.DATA_ENCRYPTION_KEY, 'DATA_ENCRYPTION_KEY');
    return { keyring: createKeyring(dataKey, old), dataKey, oldDataKeys: old };
  }
  if (!options.allowDevKey) {
    throw new KeyError('DATA_ENCRYPTION_KEY is not set (32 bytes, hex or base64; e.g. `openssl rand -hex 32`)');
  }
  const file = join(settings.HIG_DATA_DIR, 'dev-encryption.key');
  if (!existsSync(file)) {
    mkdirSync(settings.HIG_DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  const dataKey = parseKey(readFileSync(file, 'utf8'), file);
  return { keyring: createKeyring(dataKey, old), devKeyFile: file, dataKey, oldDataKeys: old };
}
