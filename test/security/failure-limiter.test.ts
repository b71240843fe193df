/**
 * The failed-authentication limiter (findings 11 and 12): counted before the expensive step,
 * bounded in memory, never reset by an attacker rotating keys; and the API key store using it per
 * address and per key id with real scrypt hashes in a real clients file.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addressKey, createFailureLimiter } from '../../src/security/failure-limiter.js';
import { createApiKey, fileApiKeyStore } from '../../src/security/api-keys.js';

describe('failure limiter', () => {
  it('refuses a key past max failures in its window, and lets it try again after', () => {
    let t = 0;
    const l = createFailureLimiter({ max: 3, windowMs: 1000, now: () => t });
    for (let i = 0; i < 3; i++) expect(l.attempt('a').ok).toBe(true);
    expect(l.attempt('a')).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(l.check('b').ok).toBe(true);
    t = 400;
    expect(l.check('a')).toEqual({ ok: false, retryAfterMs: 600 });
    t = 1000;
    expect(l.attempt('a').ok).toBe(true);
  });

  it('a success gives back its reservation; concurrent attempts are each counted up front', () => {
    const l = createFailureLimiter({ max: 2, windowMs: 1000, now: () => 0 });
    expect(l.attempt('k').ok).toBe(true);
    expect(l.attempt('k').ok).toBe(true);
    expect(l.attempt('k').ok).toBe(false); // two in flight: the third waits for their outcome
    l.succeeded('k');
    expect(l.attempt('k').ok).toBe(true);
  });

  it('holds at most maxKeys keys; past that, unseen keys share one overflow entry and nobody is reset', () => {
    let t = 0;
    const l = createFailureLimiter({ max: 3, windowMs: 60_000, maxKeys: 100, now: () => t });
    for (let i = 0; i < 3; i++) l.fail('victim-watch');
    expect(l.check('victim-watch').ok).toBe(false);
    for (let i = 0; i < 100_000; i++) l.fail(`rotating-${i}`);
    expect(l.size).toBeLessThanOrEqual(100);
    expect(l.check('victim-watch').ok).toBe(false);
    // The rotating keys together have used up the overflow entry's allowance.
    expect(l.check('never-seen-before').ok).toBe(false);
    // Windows end: expired entries are swept and new keys get their own entries again.
    t = 60_000;
    expect(l.check('never-seen-before').ok).toBe(true);
    l.fail('fresh');
    expect(l.size).toBe(1);
  });

  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    [undefined, 'unknown'],
  ])('address %s is counted as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('API key store failure limits (finding 11)', () => {
  const fast = { N: 1024, r: 8, p: 1 };

  it('guesses at one key id from many addresses: at most 10 scrypt checks a minute for that key id', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hig-keys-')), 'clients.json');
    const { key } = await createApiKey(file, 3, { scryptParams: fast });
    const store = fileApiKeyStore(file);
    const wrong = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await store.authenticate(wrong, `198.51.100.${i}`));
    expect(store.verifications).toBe(10);
    expect(results.slice(0, 10).every((r) => !r.ok && r.reason === 'invalid')).toBe(true);
    expect(results.slice(10).every((r) => !r.ok && r.reason === 'limited')).toBe(true);
  });

  it('one address trying many key ids, malformed keys or none: limited per address without any hashing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hig-keys-')), 'clients.json');
    const { key } = await createApiKey(file, 3, { scryptParams: fast });
    const store = fileApiKeyStore(file);
    for (let i = 0; i < 10; i++) await store.authenticate(i % 2 ? `hig_${i.toString(16).padStart(12, '0')}_${'A'.repeat(43)}` : 'nonsense', '203.0.113.5');
    expect(store.admits('203.0.113.5').ok).toBe(false);
    expect(await store.authenticate(undefined, '203.0.113.5')).toMatchObject({ ok: false, reason: 'limited' });
    // Even the right key waits (it would cost an scrypt) unless it was verified before.
    expect(await store.authenticate(key, '203.0.113.5')).toMatchObject({ ok: false, reason: 'limited' });
    expect(store.verifications).toBe(0);
    expect(await store.authenticate(key, '203.0.113.6')).toMatchObject({ ok: true });
    expect(await store.authenticate(key, '203.0.113.5')).toMatchObject({ ok: true }); // now cached
  });
});
