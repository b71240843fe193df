/** Pure rules of the SFTP source: host key pins and backoff (the poller's, shared with the file source). */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { nextDelayMs } from '../../src/sources/file-poller.js';
import { hostKeyMatches as fingerprintMatches } from '../../src/security/host-key.js';
import { fingerprintOf } from '../support/sshd.js';

describe('host key pin', () => {
  const key = Buffer.from('ssh-ed25519 host key blob');
  const digest = createHash('sha256').update(key).digest();
  it.each([
    ['ssh-keygen form', `SHA256:${digest.toString('base64').replace(/=+$/, '')}`, true],
    ['with padding', `SHA256:${digest.toString('base64')}`, true],
    ['hex', digest.toString('hex'), true],
    ['hex with colons, upper case', digest.toString('hex').toUpperCase().match(/../g)!.join(':'), true],
    ['another key', `SHA256:${createHash('sha256').update('other').digest('base64')}`, false],
    ['MD5-style', 'MD5:aa:bb', false],
    ['empty', '', false],
  ])('%s', (_label, pin, expected) => {
    expect(fingerprintMatches(pin, key)).toBe(expected);
  });
  it('agrees with the fingerprint of an OpenSSH public key line', () => {
    const line = `ssh-ed25519 ${key.toString('base64')} comment`;
    expect(fingerprintMatches(fingerprintOf(line), key)).toBe(true);
  });
});

describe('backoff', () => {
  it('polls at pollMs when healthy and doubles per failure up to the cap, with ±20 % jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 10].map((f) => nextDelayMs(f, 1000, 5000, mid))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(nextDelayMs(1, 1000, 5000, () => 0)).toBe(1600);
    expect(nextDelayMs(1, 1000, 5000, () => 1)).toBe(2400);
    expect(nextDelayMs(1000, 1000, 300_000, mid)).toBe(300_000);
  });
});
