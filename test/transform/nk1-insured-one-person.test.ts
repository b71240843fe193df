/**
 * Review 61 R61-N2 (docs/mapping-review-61.md, "For the lead"): the father an A04 names as NK1 (no identifier, keyed by
 * relationship + name) and as the IN1-16/17 insured (keyed by IN1-49) was two RelatedPersons, the Coverage's subscriber
 * the one without his phone. [hig identity, docs/mapping.md "Resource identity" RelatedPerson; IG NK1[RelatedPerson]
 * #2, #3, #5; IG IN1[Coverage] #16, #17, #18 (subscriber); the IG maps NK1 and IN1 apart] One person of one message is
 * one RelatedPerson, at the NK1 relative's key. Expected values come from the messages below, not from hig's output.
 *
 *   npx vitest run test/transform/nk1-insured-one-person.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request: Json };

const HEAD = [
  'MSH|^~\\&|EHR|UC|HIG|UC|20300312135412||ADT^A04^ADT_A01|M1|P|2.5.1',
  'EVN|A04|20300312135000',
  'PID|1||TL6100425^^^TLUC^MR||HAMMOUD^YOUSEF^ALI^^^^L||20050917|M',
];
const NK1 = 'NK1|1|HAMMOUD^ALI^KHALIL^^^^L|FTH^Father^HL70063||^PRN^CP^^1^616^5559120||EC^Emergency contact^HL70131';
const PV1 = 'PV1|1|O';
const in1 = (name: string, relationship: string, memberId: string) =>
  `IN1|1|GOLDPPO^Gold PPO^GLC|GLC4417^^^TLUC^NIIP|Great Lakes Health Plan||||GRP-30984||||20300101||||${name}|${relationship}|19760402||||1||||||||||||||GLC771203-03|||||||||||||${memberId}`;
const message = (...segments: string[]) => [...HEAD, ...segments].join('\r');

const entries = (hl7: string) => convertHl7v2(hl7).bundle.entry as Entry[];
const persons = (all: Entry[]) => all.map((e) => e.resource).filter((r): r is Json => r?.resourceType === 'RelatedPerson');
const subscriber = (all: Entry[]) => (all.map((e) => e.resource).find((r) => r?.resourceType === 'Coverage' && r.subscriberId === 'GLC771203-03')?.subscriber as Json | undefined)?.reference;

describe('[hig identity; review 61 R61-N2] the NK1 relative and the IN1 insured naming one person are one RelatedPerson', () => {
  it('NK1 father + IN1 insured father (same name, FTH): one RelatedPerson with the NK1 phone, IN1-49 and IN1-18; the Coverage names it', () => {
    const all = entries(message(NK1, PV1, in1('HAMMOUD^ALI^KHALIL', 'FTH^Father^HL70063', 'GLC771203^^^GLC^MB')));
    const [father, ...more] = persons(all);
    expect(more).toEqual([]);
    // one name: the NK1's (XPN.7 L → official) holds the IN1's same name
    expect(father?.name).toEqual([{ use: 'official', family: 'HAMMOUD', given: ['ALI', 'KHALIL'] }]);
    expect((father?.telecom as Json[]).map((t) => t.value)).toEqual(['+1 616 5559120']);
    expect((father?.identifier as Json[]).map((i) => i.value)).toEqual(['GLC771203']);
    expect(father?.birthDate).toBe('1976-04-02');
    expect(subscriber(all)).toBe(`urn:uuid:${String(father?.id)}`);
  });

  it('at the NK1 relative\'s key: the same id as an A08 with the NK1 alone', () => {
    const both = persons(entries(message(NK1, PV1, in1('HAMMOUD^ALI^KHALIL', 'FTH^Father^HL70063', 'GLC771203^^^GLC^MB'))));
    const nk1Only = persons(entries(message(NK1, PV1)));
    expect(both.map((r) => r.id)).toEqual(nk1Only.map((r) => r.id));
  });

  it('another relationship (IN1-17 SPO) is another person: two RelatedPersons', () => {
    const all = entries(message(NK1, PV1, in1('HAMMOUD^ALI^KHALIL', 'SPO^Spouse^HL70063', 'GLC771203^^^GLC^MB')));
    expect(persons(all)).toHaveLength(2);
  });

  it('an NK1-33 of its own beside another IN1-49: two people of one name, two RelatedPersons', () => {
    const withId = `${NK1}||||||||||||||||||||||||||P55501^^^TLUC^MR`;
    const all = entries(message(withId, PV1, in1('HAMMOUD^ALI^KHALIL', 'FTH^Father^HL70063', 'GLC771203^^^GLC^MB')));
    expect(persons(all).map((r) => (r.identifier as Json[]).map((i) => i.value))).toEqual([['P55501'], ['GLC771203']]);
  });
});
