/**
 * TXA-22 is a PPN (v2.5.1 2.A.55): PPN.1–14 are XCN.1–14, PPN.15 the date/time the action was performed, PPN.16–24
 * XCN.15–23 (review 61 R61-N1: read whole as an XCN, PPN.15's time was XCN.15, name representation, table 0465, and
 * reported as an invalid code). [IG TXA[DocumentReference] #22 → authenticator; XCN[Practitioner]; hig XCN.15 rule]
 *
 *   npx vitest run test/transform/txa-ppn.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review61/messages/', import.meta.url);
const t08 = readFileSync(new URL(readdirSync(dir).find((f) => f.startsWith('18-')) ?? '', dir)).toString('latin1');
// TXA-10 left empty: the authenticator is TXA-22's person (another one than the author, so a Practitioner of its own);
// PPN.16 `I` (ideographic) after the PPN.15 time
const message = t08
  .replace('20300313090500|1950441265^OKAFOR^CHIDINMA^^^^NP^^NPI^L^^^NPI|', '20300313090500||')
  .replace('1950441265^OKAFOR^CHIDINMA^^^^NP^^NPI^^^^NPI^^20300313090800', '1234567893^TANAKA^HANAKO^^^^MD^^NPI^^^^NPI^^20300313090800^I');

describe('TXA-22 PPN read as the XCN it holds without PPN.15 (R61-N1)', () => {
  it('PPN.16 I is the authenticator\'s name representation (IDE); no line reads PPN.15 as XCN.15', () => {
    const { bundle, report } = convertHl7v2(message);
    const resources = (bundle.entry as { resource?: Json }[]).map((e) => e.resource as Json);
    const document = resources.find((r) => r?.resourceType === 'DocumentReference') as Json;
    const ref = (document.authenticator as Json).reference;
    const who = resources.find((r) => r?.resourceType === 'Practitioner' && `urn:uuid:${String(r.id)}` === ref) as Json;
    expect((who.name as Json[])[0]?.extension).toEqual([{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation', valueCode: 'IDE' }]);
    const lines = ((report.issue ?? []) as Json[]).map((i) => String((i.details as Json).text));
    expect(lines.filter((l) => l.includes('XCN.15'))).toEqual([]);
    expect(lines.some((l) => l.startsWith('TXA-22 (segment 5): PPN.15, the authentication date/time'))).toBe(true);
  });
});
