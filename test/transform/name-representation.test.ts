/**
 * Review 58 R58-L1: XPN.8 name representation code (HL7 table 0465: I ideographic, P phonetic, A alphabetic) was
 * dropped without a report line: a Japanese patient's legal kanji name and its katakana reading were two `official`
 * names no element told apart. [IG XPN[HumanName] #8, XCN[Practitioner] #15: no target] hig rule (b): FHIR's core
 * extension `iso21090-EN-representation` on the HumanName (EntityNameRepresentation: A → ABC, I → IDE, P → SYL; as JP
 * Core profiles Patient.name); a code outside table 0465 is reported at the field, never its value.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const EN = 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation';
const adt = (pid5: string, extra: string[] = []) =>
  ['MSH|^~\\&|KSLIS|KSGH|HIG|KSGH|20330304084112||ADT^A08^ADT_A01|C1|P|2.5||||||UNICODE UTF-8', 'EVN|A08', `PID|1||0005800117^^^^PI||${pid5}||19720819|F`, 'PV1|1|O|||||1234^中村^聡^^^^^^^L^^^^^I', ...extra].join('\r');
const converted = (m: string) => convertHl7v2(Buffer.from(m, 'utf8'));
const ofType = (m: string, type: string) => (converted(m).bundle.entry as { resource: Json }[]).map((e) => e.resource).filter((r) => r?.resourceType === type);
const lines = (m: string) => ((converted(m).report?.issue ?? []) as Json[]).map((i) => String((i.details as Json).text));

describe('R58-L1 [IG XPN[HumanName] #8: no target; hig rule: iso21090-EN-representation] the name representation is kept', () => {
  const a08 = adt('桜井^美咲^^^^^L^I~サクライ^ミサキ^^^^^L^P~SAKURAI^MISAKI^^^^^L^A', ['NK1|1|桜井^健^^^^^L^I~サクライ^ケン^^^^^L^P|SPO']);
  it('the patient\'s kanji name IDE, its katakana reading SYL, the romaji ABC', () => {
    const names = (ofType(a08, 'Patient')[0]?.name as Json[]) ?? [];
    expect(names).toEqual([
      { use: 'official', family: '桜井', given: ['美咲'], extension: [{ url: EN, valueCode: 'IDE' }] },
      { use: 'official', family: 'サクライ', given: ['ミサキ'], extension: [{ url: EN, valueCode: 'SYL' }] },
      { use: 'official', family: 'SAKURAI', given: ['MISAKI'], extension: [{ url: EN, valueCode: 'ABC' }] },
    ]);
  });
  it('the contact (NK1-2) likewise', () => {
    const wife = ofType(a08, 'RelatedPerson')[0]?.name as Json[];
    expect(wife.map((n) => (n.extension as Json[] | undefined)?.[0]?.valueCode)).toEqual(['IDE', 'SYL']);
  });
  it('[IG XCN[Practitioner] #15: no target] an XCN.15 I: the practitioner\'s name IDE', () => {
    const doc = ofType(a08, 'Practitioner').find((p) => JSON.stringify(p.name).includes('中村')) as Json;
    expect((doc.name as Json[])[0]).toMatchObject({ family: '中村', given: ['聡'], extension: [{ url: EN, valueCode: 'IDE' }] });
  });
  it('beside an assembly order (XPN.11 F): both extensions', () => {
    const p = ofType(adt('桜井^美咲^^^^^L^I^^^F'), 'Patient')[0] as Json;
    expect(((p.name as Json[])[0] as Json).extension).toEqual([
      { url: EN, valueCode: 'IDE' },
      { url: 'http://hl7.org/fhir/StructureDefinition/humanname-assembly-order', valueCode: 'F' },
    ]);
  });
  it('a code outside table 0465 (X): no extension, one PID-5 line naming XPN.8, not the value', () => {
    const m = adt('桜井^美咲^^^^^L^X');
    expect(((ofType(m, 'Patient')[0]?.name as Json[])[0] as Json).extension).toBeUndefined();
    const hits = lines(m).filter((l) => l.startsWith('PID-5') && l.includes('XPN.8 (name representation)'));
    expect(hits).toHaveLength(1);
    expect(hits[0]).not.toMatch(/\bX\b/);
  });
});
