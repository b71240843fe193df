/**
 * Review 54 (issue 14, branch review54): defects found in a fresh synthetic sample of 24 feed-style messages of a
 * Québec university hospital (ADT v2.5 in 8859/1 Latin-1 bytes; an ER registration system with no MSH-18 and
 * Latin-1 bytes) and its regional laboratory network (ORU^R01 v2.5.1 in UTF-8; one message declaring 8859/1 in UTF-8
 * bytes) and document system (MDM^T02 v2.6) on an America/Toronto channel (docs/review54/messages/,
 * docs/mapping-review-54.md). Each defect is `it.fails` so CI stays green (the lead flips it to `it` when fixed); each
 * has a control that passes today. Expected values come from the message and the IG rows / FHIR R4 named, not from
 * hig's output. test/review54/destination.test.ts delivers the whole sample over HTTP (R54-W1 is judged there too).
 *
 *   npx vitest run test/review54/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json };

const dir = new URL('../../docs/review54/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const bytes = (n: string) => readFileSync(new URL(file(n), dir));
const convert = (raw: Buffer) => convertHl7v2(raw, { timezone: 'America/Toronto' });
const resources = (raw: Buffer) => (convert(raw).bundle.entry as Entry[]).map((e) => e.resource as Json).filter(Boolean);
const reportLines = (raw: Buffer) => (convert(raw).report.issue as Array<{ details?: { text?: string } }>).map((i) => i.details?.text ?? '');
const errors = (raw: Buffer) => validateBundle(convert(raw).bundle).filter((i) => i.severity === 'error' || i.severity === 'fatal');
/** #19's FT interpretation with French typography: a no-break space before the colon (a probe, not in the sample). */
const withSpace = (space: string) => Buffer.from(bytes('19').toString('utf8').replace('Contrôle recommandé dans 3 mois.', `Contrôle recommandé${space}: dans 3${space}mois.`), 'utf8');

describe('review 54: MSH-18 empty and Latin-1 bytes (R54-W1)', () => {
  // #02 from the ER registration system: no MSH-18, the name "OUELLET^Hélène", the address "avenue des Érables",
  // "Lévis", the physician "NGUYEN-BÉRUBÉ" in Latin-1 bytes (0xE9, 0xC9). hig reads an empty MSH-18 as UTF-8
  // (mapping.md "Character sets and escapes": v2.5.1 2.15.9.18 says ASCII; hig reads UTF-8, its superset); each
  // accent byte is no UTF-8 and becomes U+FFFD in the Patient's name and address, silently. The same bytes sent as a
  // \XE9\ escape get a report line (R32-L2). Either the letters the sender meant (a Latin-1 / windows-1252 fallback
  // for bytes that are no UTF-8, reported) or at least one report line per field: PID-5 is the person's identity.
  it('R54-W1 control: #02 converts; its MRN and birth date are right', () => {
    const p = resources(bytes('02')).find((r) => r.resourceType === 'Patient') as Json;
    expect(JSON.stringify(p.identifier)).toContain('"value":"5400999"');
    expect(p.birthDate).toBe('1951-11-03');
  });
  it('R54-W1 [IG PID[Patient] #5 → name; MSH-18] #02 the given name is "Hélène", or a report line says PID-5 held bytes that are no character', () => {
    const p = resources(bytes('02')).find((r) => r.resourceType === 'Patient') as Json;
    const kept = JSON.stringify(p.name).includes('Hélène');
    const reported = reportLines(bytes('02')).some((t) => t.startsWith('PID-5'));
    expect(kept || reported).toBe(true);
  });
  it('R54-W1 #02 no U+FFFD reaches the Bundle unreported', () => {
    const held = JSON.stringify(resources(bytes('02')));
    const reported = reportLines(bytes('02')).some((t) => t.includes('U+FFFD'));
    expect(!held.includes('\uFFFD') || reported).toBe(true);
  });
});

describe('review 54: a no-break space in French text fails validation (R54-R1)', () => {
  // FHIR R4 string: regex `[ \r\n\t\S]+` (datatypes.html#string), \S in XML Schema's sense (any character but space,
  // TAB, CR, LF); "Strings SHOULD not contain Unicode character points below 32, except for u0009, u000D and u000A".
  // U+00A0 NO-BREAK SPACE and U+202F NARROW NO-BREAK SPACE are valid string characters. hig's validator (ajv over the
  // R4 JSON schema) reads \S as JavaScript does, which excludes every Unicode space: a note or value holding one is
  // `FHIR validation failed … must match pattern`, FHIR_VALIDATION_FAILED, the whole message dead-lettered. French
  // typography puts a no-break space before : ; ? ! and inside « » (Québec's Office québécois de la langue française
  // and every word processor's French autocorrect); #20 (UTF-8 bytes under MSH-18 8859/1: "à" = C3 A0 → "Ã" + U+00A0)
  // is refused so.
  it('R54-R1 control: #19 as sent (ordinary spaces) validates', () => {
    expect(errors(bytes('19'))).toEqual([]);
  });
  it('R54-R1 a French FT result with a no-break space (U+00A0) before the colon validates', () => {
    expect(errors(withSpace('\u00a0'))).toEqual([]);
  });
  it('R54-R1 a French FT result with a narrow no-break space (U+202F) validates', () => {
    expect(errors(withSpace('\u202f'))).toEqual([]);
  });
  it('R54-R1 #20 is not refused by validation', () => {
    expect(errors(bytes('20'))).toEqual([]);
  });
});
