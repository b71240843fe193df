/**
 * Review 54 R54-R1: the R4 JSON schema's primitive patterns are XML Schema regexes (`\s` = space, TAB, CR, LF); read
 * as JavaScript they refused U+00A0 / U+202F in a string and dead-lettered French text. [FHIR R4 datatypes.html:
 * string `[ \r\n\t\S]+`, code `[^\s]+(\s[^\s]+)*`, uri `\S*`] Values written here by hand.
 *
 *   npx vitest run test/transform/xml-space-patterns.test.ts
 */
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../src/transform/index.js';

const bundleOf = (resource: Record<string, unknown>) => ({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:0b0c3f4e-5a8e-4d5e-9a51-2b7d0c6f1a11', resource }] });
const observation = (extra: Record<string, unknown>) => ({ resourceType: 'Observation', status: 'final', code: { text: 'Résultat' }, ...extra });
const patterned = (resource: Record<string, unknown>) => validateBundle(bundleOf(resource)).filter((i) => /pattern|format/i.test(i.message));

describe('[FHIR R4 primitive patterns in XML Schema\'s meaning] R54-R1', () => {
  it('a string with U+00A0 and U+202F (French typography) is valid', () => {
    expect(patterned(observation({ valueString: 'Résultat\u00a0: négatif\u202f; « normal »' }))).toEqual([]);
  });
  it('a uri with a space is still refused (\\S: no space, TAB, CR, LF)', () => {
    expect(patterned(observation({ code: { coding: [{ system: 'http://example.org/a b', code: 'x' }] } })).length).toBeGreaterThan(0);
  });
  it('a code with a TAB is still refused; one with single spaces between words is valid', () => {
    expect(patterned(observation({ status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '1234\t5' }] } })).length).toBeGreaterThan(0);
    expect(patterned(observation({ code: { coding: [{ system: 'http://example.org/cs', code: 'two words' }] } }))).toEqual([]);
  });
});
