/** Pure parts of the HTTP intake: API key format and hashing, the clients file, rate limit buckets. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey, fileApiKeyStore, hashSecret, parseApiKey, readClientsFile, secretMatches, ApiKeyError } from '../../src/security/api-keys.js';
import { createRateLimiter } from '../../src/sources/rate-limit.js';
import { apiKeyFrom, errorEntry } from '../../src/sources/http/index.js';
import { cmdApiKey } from '../../src/cli/apikey.js';
import { PermanentError } from '../../src/errors.js';

const fast = { N: 1024, r: 8, p: 1 };
const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'hig-keys-')), 'clients.json');

describe('API keys', () => {
  it('hashes with scrypt (parameters and salt stored) and verifies only the right secret', async () => {
    const h = await hashSecret('s3cret', fast);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await hashSecret('s3cret', fast)).not.toBe(h); // salted
    expect(await secretMatches('s3cret', h)).toBe(true);
    expect(await secretMatches('s3cret!', h)).toBe(false);
    expect(await secretMatches('s3cret', 'md5$x')).toBe(false);
  });

  it('parses only the hig_<id>_<secret> format', () => {
    const secret = 'A'.repeat(43);
    expect(parseApiKey(`hig_0123456789ab_${secret}`)).toEqual({ keyId: '0123456789ab', secret });
    for (const bad of ['', 'hig_', `hig_0123456789AB_${secret}`, `hig_0123456789ab_${secret}x`, 'Bearer x']) expect(parseApiKey(bad)).toBeUndefined();
  });

  it('create stores only the hash (file mode 0600), and the store authenticates the key', async () => {
    const file = tmpFile();
    const { key, keyId, clientId } = await createApiKey(file, 7, { name: 'Clinic', scryptParams: fast });
    const text = readFileSync(file, 'utf8');
    // base64url secrets may themselves hold '_', so take the secret the way the store does
    expect(text).not.toContain(parseApiKey(key)!.secret);
    expect(text).toContain(keyId);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const store = fileApiKeyStore(file);
    expect(await store.authenticate(key, '127.0.0.1')).toEqual({ ok: true, auth: { clientId, keyId } });
    expect(await store.authenticate(key, '127.0.0.1')).toEqual({ ok: true, auth: { clientId, keyId } }); // cached path
    expect(store.verifications).toBe(1);
    expect(await store.authenticate(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'), '127.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
    expect(await store.authenticate(undefined, '127.0.0.1')).toEqual({ ok: false, reason: 'missing' });
    expect(store.rateLimitFor(7)).toEqual({ max: 600, windowMs: 60_000 });
  });

  it('a broken clients file names the file and field', () => {
    const file = tmpFile();
    writeFileSync(file, JSON.stringify({ clients: [{ id: 'one', keys: [] }] }));
    expect(() => readClientsFile(file)).toThrow(ApiKeyError);
    expect(() => readClientsFile(file)).toThrow(/clients\.0\.id/);
    writeFileSync(file, '{');
    expect(() => readClientsFile(file)).toThrow(/not valid JSON/);
    expect(readClientsFile(join(tmpdir(), 'no-such-dir-hig', 'clients.json'))).toEqual({ clients: [] });
  });

  it('hig apikey create/list/revoke', async () => {
    const file = tmpFile();
    const out = await cmdApiKey(['create', '--client', '4', '--label', 'lab feed', '--file', file]);
    const key = out.split('\n')[0]!;
    expect(parseApiKey(key)).toBeDefined();
    const listed = await cmdApiKey(['list', '--file', file, '--json']);
    expect(JSON.parse(listed)).toMatchObject([{ id: 4, keys: [{ label: 'lab feed', revoked: false }] }]);
    expect(await cmdApiKey(['revoke', parseApiKey(key)!.keyId, '--file', file])).toMatch(/^revoked/);
    expect(await cmdApiKey(['list', '--file', file])).toContain('revoked');
    await expect(cmdApiKey(['create', '--file', file])).rejects.toThrow(/--client N is required/);
    await expect(cmdApiKey(['revoke', 'ffffffffffff', '--file', file])).rejects.toThrow(/no key/);
    await expect(cmdApiKey(['bogus'])).rejects.toThrow(/usage/);
  });
});

describe('rate limit buckets', () => {
  it('allows a burst of max, then refills evenly, per key', () => {
    let t = 0;
    const rl = createRateLimiter(() => t);
    const limit = { max: 2, windowMs: 1000 };
    expect([rl.take('a', limit).ok, rl.take('a', limit).ok, rl.take('a', limit).ok]).toEqual([true, true, false]);
    expect(rl.take('b', limit).ok).toBe(true);
    const refused = rl.take('a', limit);
    expect(refused.ok ? 0 : refused.retryAfterMs).toBe(500);
    t = 500;
    expect(rl.take('a', limit).ok).toBe(true);
    expect(rl.take('a', limit).ok).toBe(false);
  });
});

describe('HTTP helpers', () => {
  it('takes the key from X-API-Key or a Bearer header', () => {
    expect(apiKeyFrom({ 'x-api-key': ' k1 ' })).toBe('k1');
    expect(apiKeyFrom({ authorization: 'Bearer k2' })).toBe('k2');
    expect(apiKeyFrom({ authorization: 'Basic k3' })).toBeUndefined();
    expect(apiKeyFrom({})).toBeUndefined();
  });
  it('error entries keep codes and PHI-free details, and hide unknown errors', () => {
    expect(errorEntry(Object.assign(new PermanentError('MAPPING_FAILED', 'identifier[0].value is required'), { stage: 'convert' }))).toEqual({
      code: 'MAPPING_FAILED',
      message: 'identifier[0].value is required',
      stage: 'convert',
    });
    expect(errorEntry(new Error('Zzyzxcanary leaked'))).toEqual({ code: 'INTERNAL', message: 'internal error' });
  });
});
