/**
 * A segment whose action code says delete (table 0206 D, table 0287 DE) deletes what it names; it is no add
 * [IG ConceptMap SegmentActionCode D → DELETE; IG PRT[*] #2 IF PRT-2 IS "D" inactivate the relationship; review 61
 * R61-W1 and its class; transform/segments/action-code.ts]. Until review 61 an S14's `AIG|1|D|ECG-02…` kept the released
 * ECG cart an `accepted` participant, and a ROL-2 DE kept the removed doctor as Patient.generalPractitioner. Resources
 * sent whole (the Appointment, the Patient, the visit) leave the deleted element out; an ordered appointment's AIS
 * request is a DELETE at the id its add was PUT to. Expected values written from the messages below.
 *
 *   npx vitest run test/transform/segment-action-code.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: { method?: string; url?: string } };

const SIU = (sch26: string, ais: string, aig: string, ail: string, aip: string) =>
  [
    'MSH|^~\\&|TLSCHED|TLUC|HIG|TLUC|20300311171033-0400||SIU^S14^SIU_S12|T1|P|2.5.1',
    `SCH|TLA61-3301^TLSCHED|TLF61-8801^TLSCHED||||PROVCHG^Provider change^L|ANNUAL^Annual physical^L||40|min||||||||||TLS0212^MARQUARDT^JOLENE||||||Booked^Booked^HL70278|${sch26}`,
    'TQ1|1||||||20300312140000|20300312144000',
    'PID|1||TL6100425^^^TLUC^MR||HAMMOUD^YOUSEF||20050917|M',
    'RGS|1|U',
    `AIS|1|${ais}|99395^Preventive visit est, age 18-39^C4|20300312140000|||40|min||Booked`,
    `AIG|1|${aig}|ECG-02^ECG cart 2^L|EQ^Equipment^L||||20300312140000|||15|min`,
    `AIL|1|${ail}|EXAM2^^^TLGR|EXAM^Exam room^L||20300312140000|||40|min||Booked`,
    `AIP|1|${aip}|1950441265^OKAFOR^CHIDINMA^^^^^^NPI|PCP^Primary care provider^L||20300312140000|||40|min||Booked`,
  ].join('\r');

const convert = (message: string) => {
  const { bundle, report } = convertHl7v2(message);
  const entries = bundle.entry as Entry[];
  const lines = ((report.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
  return { entries, lines, of: (type: string) => entries.map((e) => e.resource).filter((r): r is Json => r?.resourceType === type) };
};
const appointmentOf = (message: string) => convert(message).of('Appointment')[0] as Json;
const text = (x: unknown) => JSON.stringify(x ?? null);
const participants = (a: Json) => (a.participant as Json[] | undefined) ?? [];

describe('AI* segment action code D: the resource is taken off the appointment [IG SegmentActionCode D → DELETE; AI*[Appointment] #2]', () => {
  it('control: AIS/AIG/AIL/AIP U are the serviceType and three participants (cart, room, NP), AI*-2 reported as before', () => {
    const { lines } = convert(SIU('', 'U', 'U', 'U', 'U'));
    const a = appointmentOf(SIU('', 'U', 'U', 'U', 'U'));
    expect(text(a.serviceType)).toContain('"code":"99395"');
    expect(participants(a).filter((p) => text(p.actor).includes('ECG-02'))).toHaveLength(1);
    expect(participants(a).filter((p) => text(p.actor).includes('EXAM2'))).toHaveLength(1);
    expect(participants(a).filter((p) => text(p.type).includes('"code":"PCP"'))).toHaveLength(1);
    expect(lines.filter((l) => /^AI[SGLP]-2 \(segment \d+\) is valued but not mapped/.test(l))).toHaveLength(4);
  });
  it('AIG-2 D: no participant for the ECG cart; AIG-2 not reported as unmapped (R61-W1)', () => {
    const { lines } = convert(SIU('', 'U', 'D', 'U', 'U'));
    const a = appointmentOf(SIU('', 'U', 'D', 'U', 'U'));
    expect(participants(a).filter((p) => text(p).includes('ECG-02'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('AIG-'))).toEqual([]);
  });
  it('AIL-2 D and AIP-2 D: neither the room nor the NP (the AIP type PCP) is a participant', () => {
    const a = appointmentOf(SIU('', 'U', 'U', 'D', 'D'));
    expect(participants(a).filter((p) => text(p).includes('EXAM2'))).toEqual([]);
    expect(participants(a).filter((p) => text(p.type).includes('"code":"PCP"'))).toEqual([]);
    // the cart and the patient stay
    expect(participants(a).filter((p) => text(p.actor).includes('ECG-02'))).toHaveLength(1);
  });
  it('AIS-2 D of an appointment without order numbers: no serviceType; the times stay TQ1\'s', () => {
    const a = appointmentOf(SIU('', 'D', 'U', 'U', 'U'));
    expect(a.serviceType).toBeUndefined();
    expect([a.start, a.end]).toEqual(['2030-03-12T14:00:00-04:00', '2030-03-12T14:40:00-04:00']);
  });
  it('AIS-2 D of an ordered appointment (SCH-26): the ServiceRequest the AIS A was PUT to is a DELETE, nothing names it [IG AIS[ServiceRequest]; SegmentActionCode D → DELETE]', () => {
    const added = convert(SIU('ORD-1^TLEHR', 'A', 'U', 'U', 'U'));
    const [request] = added.of('ServiceRequest');
    expect(request?.id).toBeDefined();
    const deleted = convert(SIU('ORD-1^TLEHR', 'D', 'U', 'U', 'U'));
    expect(deleted.of('ServiceRequest')).toEqual([]);
    expect(deleted.entries.filter((e) => e.request?.method === 'DELETE').map((e) => e.request?.url)).toEqual([`ServiceRequest/${String(request?.id)}`]);
    const a = deleted.of('Appointment')[0] as Json;
    expect(text(a.basedOn)).not.toContain('urn:uuid:');
    expect(text(a.basedOn)).toContain('"value":"ORD-1"');
  });
});

const A08 = (rol: string) =>
  [
    'MSH|^~\\&|TLEHR|TLUC|HIG|TLUC|20300312150233||ADT^A08^ADT_A01|T2|P|2.5.1',
    'EVN|A08|20300312150000',
    'PID|1||TL6100425^^^TLUC^MR||HAMMOUD^YOUSEF||20050917|M',
    rol,
    'PV1|1|O|FC^EXAM2^1^TLGR|R|||||||||||||||||TV61004251^^^TLUC^VN',
  ].join('\r');

describe('ROL-2 / PRT-2 delete: the role is no participant or generalPractitioner [table 0287 DE; IG PRT[*] #2 IF PRT-2 IS "D"]', () => {
  const rol = (action: string) => `ROL|R1^^^TLUC|${action}|PP^Primary Care Provider^HL70443|1483770198^NAKASHIMA^REID^^^^^^NPI`;
  it('control: ROL-2 AD with the patient is the generalPractitioner [IG ROL[Patient-GeneralPractitioner] #4]', () => {
    const [patient] = convert(A08(rol('AD'))).of('Patient');
    expect((patient?.generalPractitioner as Json[] | undefined) ?? []).toHaveLength(1);
  });
  it('ROL-2 DE: no generalPractitioner, no Practitioner made of the removed doctor, ROL-2 not reported as unmapped', () => {
    const { of, lines } = convert(A08(rol('DE')));
    expect(of('Patient')[0]?.generalPractitioner).toBeUndefined();
    expect(of('Practitioner').filter((p) => text(p.name).includes('NAKASHIMA'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('ROL-'))).toEqual([]);
  });
  it('ROL-2 D (a table 0206 letter in the 0287 field) deletes too', () => {
    expect(convert(A08(rol('D'))).of('Patient')[0]?.generalPractitioner).toBeUndefined();
  });
  it('a visit\'s ROL-2 DE (after the PV1) is no Encounter participant; AD is one [IG ROL[Encounter-PractitionerRole]]', () => {
    const visitRol = (action: string) => A08('').replace('\r\r', '\r') + `\rROL|R2^^^TLUC|${action}|AT^Attending^HL70443|1483770198^NAKASHIMA^REID^^^^^^NPI`;
    const participantsOf = (action: string) => ((convert(visitRol(action)).of('Encounter')[0]?.participant as Json[] | undefined) ?? []);
    expect(participantsOf('AD')).toHaveLength(1);
    expect(participantsOf('DE')).toEqual([]);
  });
  it('a visit\'s PRT-2 D (v2.8 ADT) is no Encounter participant; A is one [IG PRT[PractitionerRole] #2]', () => {
    const prt = (action: string) =>
      A08('').replace('\r\r', '\r').replace('|2.5.1', '|2.8') + `\rPRT||${action}||AT^Attending^HL70912|1483770198^NAKASHIMA^REID^^^^^^NPI`;
    const participantsOf = (action: string) => ((convert(prt(action)).of('Encounter')[0]?.participant as Json[] | undefined) ?? []);
    expect(participantsOf('A')).toHaveLength(1);
    expect(participantsOf('D')).toEqual([]);
  });
});
