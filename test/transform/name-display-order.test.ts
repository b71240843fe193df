/**
 * [IG XCN[Practitioner] #18 / XPN[HumanName] XPN.11 via NameAssemblyOrder; review 72 R72-N2] A reference's display
 * of a person follows the order the sender stated: table 0444 F (Prefix Family Middle Given Suffix) family first,
 * G or none given first. Expected values written from the messages below.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const adt = (attending: string) =>
  ['MSH|^~\\&|ADT|HOSP|HIG|HIG|20350312091500+0900||ADT^A01^ADT_A01|ND1|P|2.5.1', 'EVN|A01|20350312091500', 'PID|1||ND100^^^HOSP^MR||PARK^JIHO', `PV1|1|I|W5^501^1|||||${attending}||||||||||||ND-V1^^^HOSP^VN|||||||||||||||||||||||||20350312090000`].join('\r');
const attendingDisplay = (attending: string) => {
  const enc = (convertHl7v2(adt(attending)).bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Encounter') as Json;
  return (((enc.participant as Json[])[0] as Json).individual as Json).display;
};

describe('the display of a person reference follows XCN.18', () => {
  it('F: family first ("YOON SEOJIN")', () => {
    expect(attendingDisplay('D1^YOON^SEOJIN^^^^^^HOSP^^^^EI^^^^^F')).toBe('YOON SEOJIN');
  });
  it('G: given first ("SEOJIN YOON")', () => {
    expect(attendingDisplay('D1^YOON^SEOJIN^^^^^^HOSP^^^^EI^^^^^G')).toBe('SEOJIN YOON');
  });
  it('not stated: given first, as before', () => {
    expect(attendingDisplay('D1^YOON^SEOJIN^^^^^^HOSP^^^^EI')).toBe('SEOJIN YOON');
  });
});
