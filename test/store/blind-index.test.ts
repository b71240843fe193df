/** Blind-index terms: the HMAC is the standard one, normalization is what the docs promise, and the terms come from the right fields. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveIndexKey, indexKey, normalizeIdentifier, normalizeName, term } from '../../src/store/blind-index.js';
import { messageTerms, mrnSearchTerm, nameSearchTerm } from '../../src/store/terms.js';
import { adt } from '../support/store.js';

const key = indexKey(Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex'));

describe('blind-index terms', () => {
  it('is HMAC-SHA256 over kind and parts, NUL-separated, first 64 bits', () => {
    const reference = createHmac('sha256', key.key).update('mrn\0ABC\0HOSP\0').digest().readBigInt64BE(0);
    expect(term(key, 'mrn', 'ABC', 'HOSP')).toBe(reference);
    // the kind is part of the input: the same text as a name is another term
    expect(term(key, 'family', 'ABC')).not.toBe(term(key, 'mrn-value', 'ABC'));
    // parts cannot run into each other
    expect(term(key, 'mrn', 'AB', 'CHOSP')).not.toBe(term(key, 'mrn', 'ABC', 'HOSP'));
  });

  it('derives its key from the data key with its own label (not the data key itself)', () => {
    const data = Buffer.alloc(32, 7);
    expect(deriveIndexKey(data).equals(data)).toBe(false);
    expect(deriveIndexKey(data).length).toBe(32);
    expect(deriveIndexKey(data).equals(deriveIndexKey(Buffer.alloc(32, 8)))).toBe(false);
  });

  it.each([
    ['  Müller-Lüdenscheidt ', 'MULLER LUDENSCHEIDT'],
    ["o'brien", 'O BRIEN'],
    ['ÉVERWOOD', 'EVERWOOD'],
  ])('name %j normalizes to %j', (input, out) => expect(normalizeName(input)).toBe(out));

  it.each([
    [' mrn-12 ', 'MRN-12'],
    ['00123', '00123'],
  ])('identifier %j normalizes to %j', (input, out) => expect(normalizeIdentifier(input)).toBe(out));

  it('takes every PID-3 repetition with its CX.4 authority, PID-5 family and given names', () => {
    const raw = adt({ controlId: 'C1', mrn: 'M1', authority: 'HOSP', extraIds: 'S-9^^^&2.16.840.1.113883.4.1&ISO^SS', family: 'Doe', given: 'Jane' });
    const terms = new Set(messageTerms(key, Buffer.from(raw), { controlId: 'C1' }));
    for (const t of [mrnSearchTerm(key, 'M1'), mrnSearchTerm(key, 'm1^hosp'), mrnSearchTerm(key, 'S-9'), mrnSearchTerm(key, 'S-9^2.16.840.1.113883.4.1'), nameSearchTerm(key, 'DOE'), nameSearchTerm(key, 'doe^jane'), term(key, 'control', 'C1')]) {
      expect(terms.has(t)).toBe(true);
    }
    expect(terms.has(mrnSearchTerm(key, 'M1^OTHER'))).toBe(false);
    expect(terms.has(nameSearchTerm(key, 'JANE'))).toBe(false);
  });

  it('still finds the patient when the message has blank lines before MSH or LF line ends', () => {
    const raw = '\r\n' + adt({ controlId: 'C2', mrn: 'M2' }).replace(/\r/g, '\n');
    expect(messageTerms(key, Buffer.from(raw), {})).toContain(mrnSearchTerm(key, 'M2'));
  });

  it('keeps header terms for a message that does not parse', () => {
    expect(messageTerms(key, Buffer.from('not hl7 at all'), { controlId: 'C3' })).toEqual([term(key, 'control', 'C3')]);
  });
});
