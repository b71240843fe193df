/** Small pure rules of the destination, as tables. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyMismatch } from '../../src/destinations/auth/private-key.js';
import { renewAt } from '../../src/destinations/auth/token-cache.js';
import { basicClientHeader } from '../../src/destinations/auth/client-credentials.js';
import { entryRequest } from '../../src/destinations/bundle.js';
import { verdictOf } from '../../src/destinations/classify.js';
import { describeStatus, statusCode } from '../../src/destinations/outcome.js';
import { maxRetryAfterMs, parseRetryAfter } from '../../src/destinations/retry-after.js';

const now = Date.parse('2026-11-29T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1000],
    [' 120 ', 120_000],
    ['Sun, 29 Nov 2026 12:00:30 GMT', 30_000],
    ['Sun, 29 Nov 2026 11:59:00 GMT', 0],
    ['Sunday, 29-Nov-26 12:01:00 GMT', 60_000],
    ['99999999', maxRetryAfterMs],
    ['', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    [null, undefined],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('verdictOf', () => {
  it.each([
    [200, 'stored'], [201, 'stored'], [204, 'stored'],
    [400, 'permanent'], [401, 'permanent'], [403, 'permanent'], [404, 'permanent'], [409, 'permanent'], [410, 'permanent'],
    [412, 'permanent'], [422, 'permanent'],
    [408, 'transient'], [429, 'transient'], [500, 'transient'], [502, 'transient'], [503, 'transient'], [504, 'transient'],
    [302, 'permanent'], [Number.NaN, 'permanent'],
  ])('%i → %s', (status, verdict) => {
    expect(verdictOf(status)).toBe(verdict);
  });
});

describe('statusCode / describeStatus', () => {
  it.each([
    ['201 Created', 201],
    ['200', 200],
    [' 422 Unprocessable Entity', 422],
    ['Created', Number.NaN],
    [undefined, Number.NaN],
  ])('%j → %d', (status, code) => {
    expect(statusCode(status)).toBe(code);
  });

  it('repeats issue codes but never diagnostics', () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'error', code: 'required', diagnostics: 'Patient.name Smith' },
        { severity: 'error', code: 'required' },
        { severity: 'error', code: 'Not A Code With PHI Smith' },
      ],
    };
    expect(describeStatus(422, outcome)).toBe('422 (required)');
  });
});

describe('renewAt', () => {
  it.each([
    [300, 300_000 - 30_000],
    [3600, 3_600_000 - 60_000],
    [10, 9000],
    [undefined, 270_000],
  ])('a token of %j s is used until %i ms after issue', (expiresIn, at) => {
    expect(renewAt(0, expiresIn)).toBe(at);
  });
});

describe('keyMismatch', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  it.each([
    ['RSA', rsa.privateKey, 'RS384', undefined],
    ['RSA', rsa.privateKey, 'ES384', 'ES384 needs an EC P-384 key'],
    ['P-384', p384.privateKey, 'ES384', undefined],
    ['P-384', p384.privateKey, 'RS384', 'RS384 needs an RSA key'],
    ['P-256', p256.privateKey, 'ES384', 'ES384 needs the P-384 curve'],
    ['public RSA', rsa.publicKey, 'RS384', 'is not a private key'],
  ] as const)('%s key for %s', (_name, key, alg, problem) => {
    expect(keyMismatch(key, alg)).toBe(problem);
  });
});

describe('basicClientHeader', () => {
  it('form-encodes id and secret before base64 (RFC 6749 §2.3.1)', () => {
    const decoded = Buffer.from(basicClientHeader('my client', 'a:b+c').slice(6), 'base64').toString();
    expect(decoded).toBe('my+client:a%3Ab%2Bc');
  });
});

describe('entryRequest', () => {
  it.each([
    [{ request: { method: 'PUT', url: 'Patient/1' }, resource: { resourceType: 'Patient', id: '1' } }, 'PUT', 'Patient/1'],
    [{ request: { method: 'put', url: '/Patient?identifier=s|v' }, resource: { resourceType: 'Patient' } }, 'PUT', 'Patient?identifier=s|v'],
    [{ resource: { resourceType: 'Observation', id: 'o1' } }, 'PUT', 'Observation/o1'],
    [{ request: { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=s|v' }, resource: { resourceType: 'Patient' } }, 'POST', 'Patient'],
  ])('%j → %s %s', (entry, method, url) => {
    const request = entryRequest(entry, 0);
    expect([request.method, request.url]).toEqual([method, url]);
  });

  it('maps conditional elements to headers, and says the body is FHIR JSON', () => {
    const request = entryRequest({ request: { method: 'POST', url: 'Patient', ifNoneExist: 'identifier=s|v' }, resource: {} }, 0);
    expect(request.headers).toEqual({ 'if-none-exist': 'identifier=s|v', 'content-type': 'application/fhir+json' });
  });

  // [hig: FHIR R4 http.html#patch] alone, a PATCH carries the patch document itself under its own type
  it('a PATCH entry\'s Binary becomes the JSON Patch document, as sent, under application/json-patch+json', () => {
    const document = '[{"op":"add","path":"/status","value":"revoked"}]';
    const binary = { resourceType: 'Binary', contentType: 'application/json-patch+json', data: Buffer.from(document).toString('base64') };
    const request = entryRequest({ resource: binary, request: { method: 'PATCH', url: 'ServiceRequest?identifier=s|v' } }, 0);
    expect(request).toEqual({ method: 'PATCH', url: 'ServiceRequest?identifier=s|v', body: document, headers: { 'content-type': 'application/json-patch+json' } });
  });

  it('a PATCH without a patch document, or whose Binary has no data, is refused', () => {
    expect(() => entryRequest({ request: { method: 'PATCH', url: 'Patient/1' } }, 3)).toThrow(/entry #3 is a PATCH without a patch document/);
    expect(() => entryRequest({ resource: { resourceType: 'Binary', contentType: 'application/json-patch+json' }, request: { method: 'PATCH', url: 'Patient/1' } }, 2)).toThrow(
      /entry #2 is a PATCH whose Binary has no contentType or data/,
    );
  });
});
