/**
 * Review 45 (issue 14): the whole sample (docs/review45/messages/, 01 → 24 in order) converted on a channel in
 * Europe/Amsterdam across the spring change of Sunday 31 March 2030 (02:00 CET → 03:00 CEST) and delivered as FHIR
 * transactions to the in-repo test FHIR server (test/support/fhir-server.ts); what the server holds after each
 * message, read against the messages and the IG rows named: the Dutch names (FN.2–FN.5) and addresses, which
 * patient each order, report, document, appointment and visit lands on, the report's preliminary → final →
 * addendum, the MDM T02 → T08, the CA / XO / S15 / A11, the A40 merge of the SEH's temporary record, and every time
 * on either side of the change.
 *
 *   npx vitest run test/review45/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review45/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Europe/Amsterdam' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const grietje = () => one('24', 'Patient', 'ZLH4510001');
const teunis = () => one('24', 'Patient', 'ZLH4510002');
const danielle = () => one('24', 'Patient', 'ZLH4510003');
const booking = (r: Json) => text(r.meta).includes('scheduler-booking');
/** The order the ORM placed (not the scheduler's booking request, hig's `request-origin` tag). */
const order = (n: string, placer: string) => {
  const found = withId(n, 'ServiceRequest', placer).filter((r) => !booking(r));
  expect(found, `order ${placer} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
const coded = (n: string, type: string, code: string) => ofType(n, type).filter((r) => text(r.code).includes(`"code":"${code}"`));
const document = (n: string) => ofType(n, 'DocumentReference').filter((d) => text(d.masterIdentifier).includes('"value":"SPR45-1501"'));
const content = (d: Json) => Buffer.from(String(((d.content as Json[])[0]?.attachment as Json).data), 'base64').toString('utf8');

describe('review 45 at the destination (channel zone Europe/Amsterdam, DST change 31 March 2030)', () => {
  // R45-R1 fixed (fix31c): the two OMI^O23 were refused on 9dd2205; all 24 are accepted since
  it('24 transactions accepted (the two OMI^O23 refused before fix31c, R45-R1); three people and the SEH\'s temporary record [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
    expect(ofType('24', 'Patient')).toHaveLength(4);
    expect(text(grietje().identifier)).toContain('"value":"451001102"');
    expect(text(grietje().identifier)).toContain('"display":"NLMINBIZA"');
  });

  it('Dutch names: FN.1 the family, FN.2 own prefix, FN.3 own name, FN.5 partner\'s name; UTF-8 given name [IG XPN[HumanName] #1 → FN[HumanName] FN.2–FN.5; MSH-18 UNICODE UTF-8]', () => {
    const name = (grietje().name as Json[])[0] as Json;
    expect(name.family).toBe('van der Kolk-Ouwehand');
    const ext = text(name._family);
    expect(ext).toContain('"url":"http://hl7.org/fhir/StructureDefinition/humanname-own-prefix","valueString":"van der"');
    expect(ext).toContain('"url":"http://hl7.org/fhir/StructureDefinition/humanname-own-name","valueString":"Kolk"');
    expect(ext).toContain('"url":"http://hl7.org/fhir/StructureDefinition/humanname-partner-name","valueString":"Ouwehand"');
    const dn = (danielle().name as Json[])[0] as Json;
    expect(dn.given).toEqual(['Daniëlle', 'M']);
    expect(text(dn._family)).toContain('"valueString":"van \'t"');
    expect(text(((teunis().name as Json[])[0] as Json)._family)).toContain('"valueString":"de"');
  });

  it('addresses with house-number suffixes: SAD.1–3 → line[1–3], XAD.2 → line[4] [IG XAD[Address] #1 via SAD[Address], #2]', () => {
    expect((grietje().address as Json[])[0]?.line).toEqual(['Lingedijk 14', 'Lingedijk', '14', 'A']);
    expect((teunis().address as Json[])[0]?.line).toEqual(['Burgemeester Meslaan 203', 'Burgemeester Meslaan', '203', 'bis']);
    expect((grietje().address as Json[])[0]?.postalCode).toBe('4001 AB');
  });

  it('times on either side of the change: bare times in the zone\'s offset for their own instant [IG TS/DTM[dateTime] #1; mapping.md "Time-zone rule"]', () => {
    // #02 booked on 29 March (+0100) for 2 April 10:30, after the change
    expect(ofType('02', 'Appointment')[0]?.start).toBe('2030-04-02T10:30:00+02:00');
    // #06 scheduled at 01:30 on the night of the change, before it
    expect(order('06', 'HIX45-0501').occurrencePeriod).toEqual({ start: '2030-03-31T01:30:00+01:00' });
    // #10 sent at 03:05+0200 for a stay admitted at 22:40 the evening before
    expect((one('10', 'Encounter', 'ZLHV4510001').period as Json).start).toBe('2030-03-30T22:40:00+01:00');
    // #12: the trauma CT from 01:50 CET to 03:10 CEST
    expect(one('12', 'DiagnosticReport', 'RAD45-0901').effectivePeriod).toEqual({ start: '2030-03-31T01:50:00+01:00', end: '2030-03-31T03:10:00+02:00' });
    // #18 sent on 1 April re-sends OBR-7 of the night before the change
    const ct = one('18', 'DiagnosticReport', 'RAD45-0501');
    expect((ct.effectivePeriod as Json).start).toBe('2030-03-31T01:45:00+01:00');
    expect(ct.issued).toBe('2030-04-01T11:04:00+02:00');
    expect(order('24', 'HIX45-0101').occurrencePeriod).toEqual({ start: '2030-04-04T13:15:00+02:00' });
    expect((one('24', 'Encounter', 'ZLHV4510001').period as Json)).toEqual({ start: '2030-03-30T22:40:00+01:00', end: '2030-04-02T14:25:00+02:00' });
    expect(document('24')[0]?.date).toBe('2030-03-31T01:45:00+01:00');
  });

  it('CT thorax report: preliminary by the resident (#11) → final by the radiologist (#14) → addendum (#18), one report, no duplicate lines [IG OBR[DiagnosticReport] #25, #32; OBX[Observation] #3, #5, #11]', () => {
    const pre = one('11', 'DiagnosticReport', 'RAD45-0501');
    expect(pre.status).toBe('preliminary');
    expect(text(pre.resultsInterpreter)).toContain('Bakkenes');
    expect(pre.result).toHaveLength(3);
    const fin = one('14', 'DiagnosticReport', 'RAD45-0501');
    expect(fin.status).toBe('final');
    expect(text(fin.resultsInterpreter)).toContain('van Lier');
    expect(fin.result).toHaveLength(4);
    const add = one('24', 'DiagnosticReport', 'RAD45-0501');
    expect(add.status).toBe('corrected');
    expect(add.result).toHaveLength(5);
    const mine = (code: string) => coded('24', 'Observation', code).filter((o) => refOf(o.subject) === ref(grietje()));
    expect(mine('18782-3').map((o) => o.status)).toEqual(['final', 'final', 'final']);
    expect(mine('19005-8').map((o) => String(o.valueString))).toEqual(['Geen longembolie. Pneumonie rechter onderkwab met beperkt pleuravocht.']);
    expect(mine('ADD').map((o) => o.status)).toEqual(['corrected']);
    expect(refOf(add.subject)).toBe(ref(grietje()));
    expect(order('24', 'HIX45-0501').status).toBe('completed');
  });

  it('the report document: one DocumentReference, the T08 (#19) replaces the T02\'s (#15) text with the addendum [IG TXA[DocumentReference] #12, #17; OBX[DocumentReference]]', () => {
    expect(document('15')).toHaveLength(1);
    expect(content(document('15')[0] as Json)).not.toContain('Addendum');
    expect(document('24')).toHaveLength(1);
    expect(content(document('24')[0] as Json)).toContain('Addendum 01-04-2030: 6 mm nodulus');
    expect(content(document('24')[0] as Json)).toContain('longarteriën');
    expect(document('24')[0]?.docStatus).toBe('final');
  });

  it('A40 (#13): the temporary record retired and linked; the SEH visit, the corrected trauma report and its lines on Daniëlle; one trauma order [hig merge rule; FHIR R4 Patient.link; OBR[DiagnosticReport] #25]', () => {
    const temp = one('13', 'Patient', 'ZLH4599001');
    expect(temp.active).toBe(false);
    expect(text(temp.link)).toContain(ref(one('13', 'Patient', 'ZLH4510003')));
    expect(refOf(one('13', 'Encounter', 'ZLHV4510301').subject)).toBe(ref(danielle()));
    const dr = one('24', 'DiagnosticReport', 'RAD45-0901');
    expect(dr.status).toBe('corrected');
    expect(refOf(dr.subject)).toBe(ref(danielle()));
    expect(coded('24', 'Observation', '19005-8').filter((o) => text(o.valueString).includes('L2')).map((o) => refOf(o.subject))).toEqual([ref(danielle())]);
    expect(withId('24', 'ServiceRequest', 'HIX45-0901')).toHaveLength(1);
    expect(withId('24', 'Encounter', 'ZLHV4510301')).toHaveLength(1);
  });

  it('order events: the echo cancelled (#16, ORC-1 CA / ORC-5 CA), the MRI booking cancelled (#21 S15) and the order moved to 4 April (#23 XO); the day admission cancelled (#22 A11) [IG ORC[ServiceRequest] #1, #5; SCH[Appointment] #25; ADT A11]', () => {
    expect(order('16', 'HIX45-0502').status).toBe('revoked');
    expect(order('16', 'HIX45-0501').status).toBe('completed');
    expect(ofType('21', 'Appointment')[0]?.status).toBe('cancelled');
    expect(ofType('24', 'Appointment')).toHaveLength(1);
    const mri = order('24', 'HIX45-0101');
    expect(mri.status).toBe('active');
    expect(text(mri.identifier)).toContain('"value":"RAD45-0101"');
    expect(refOf(mri.subject)).toBe(ref(teunis()));
    expect(one('22', 'Encounter', 'ZLHV4510202').status).toBe('cancelled');
    expect(one('24', 'Encounter', 'ZLHV4510001').status).toBe('finished');
  });

  it('AGB practitioners: the radiologist of OBR-32 (NDL) is the AIP / TXA-22 practitioner (one resource); the GP from PD1-4 (until an ADT without PD1) [IG OBR[DiagnosticReport] #32; AIP[Appointment] #3; PD1[Patient] #4]', () => {
    const vanLier = ofType('24', 'Practitioner').filter((p) => text(p.identifier).includes('"value":"03045103"'));
    expect(vanLier).toHaveLength(1);
    expect(text(one('24', 'DiagnosticReport', 'RAD45-0501').resultsInterpreter)).toContain(ref(vanLier[0]));
    expect(text(ofType('24', 'Appointment')[0]?.participant)).toContain(ref(vanLier[0]));
    expect(text(one('04', 'Patient', 'ZLH4510001').generalPractitioner)).toContain('Hogenbirk');
    // R45-N5: the A02 (#10), which sends no PD1, PUTs the Patient whole and the GP goes (omittedFields: remove, documented)
    expect(one('10', 'Patient', 'ZLH4510001').generalPractitioner).toBeUndefined();
  });

  // R45-R1 at the server: the RIS's OMI^O23 (#03) was the first message to give the MRI order its filler number
  // (ORC-3 RAD45-0101) and ORC-5 SC; refused, the order carries no filler number until the XO (#23) re-sends it.
  it('R45-R1 at the server: after the OMI^O23 (#03) the MRI order carries the RIS\'s filler number RAD45-0101 [IG ORC[ServiceRequest] #3 → identifier FILL]', () => {
    expect(text(order('03', 'HIX45-0101').identifier)).toContain('"value":"RAD45-0101"');
  });

  // fix31c (R45-R1): the RIS's OMI^O23 is the filler scheduling the placer's order, not a new order: a conditional
  // create + patch (order.ts FILLER_ORDER_MESSAGES), so what only the HIS's ORM said stays, and IPC-1 adds the accession
  it('R45-R1 fix: the OMI^O23 patches the HIS\'s order: #01\'s reason and authoredOn kept, ORC-3 FILL and IPC-1 ACSN added, ORC-5 SC active, TQ1-7 the slot [IG ORC[ServiceRequest] #3, #5; TQ1[ServiceRequest] #7; OBR[ServiceRequest] #31; hig rule IPC-1 → identifier ACSN]', () => {
    const acsn = 'http://terminology.hl7.org/CodeSystem/v2-0203","code":"ACSN"';
    const mri = order('03', 'HIX45-0101');
    // #01 ORC-9 20300328141000 (a bare time, +01:00 on 28 March) and OBR-31 ^Verdenking mediale meniscusscheur
    expect(mri.authoredOn).toBe('2030-03-28T14:10:00+01:00');
    expect(text(mri.reasonCode)).toContain('Verdenking mediale meniscusscheur');
    // #03 ORC-3 RAD45-0101^ZLHRIS, IPC-1 RAD45-0101^ZLHRIS; ORC-5 SC; TQ1-7 203004021030 (after the change: +02:00)
    const ids = (mri.identifier as Json[]).map((i) => text(i));
    expect(ids.filter((i) => i.includes('"value":"RAD45-0101"'))).toHaveLength(2);
    expect(ids.some((i) => i.includes('"code":"FILL"') && i.includes('"value":"RAD45-0101"'))).toBe(true);
    expect(ids.some((i) => i.includes(acsn) && i.includes('"value":"RAD45-0101"'))).toBe(true);
    expect(ids.some((i) => i.includes('"code":"PLAC"') && i.includes('"value":"HIX45-0101"'))).toBe(true);
    expect(mri.status).toBe('active');
    expect(mri.occurrencePeriod).toEqual({ start: '2030-04-02T10:30:00+02:00' });
    // #07 for the CT thorax the RIS's ORM SC (#06) had already numbered: the accession beside the filler number, once
    const ct = order('07', 'HIX45-0501');
    expect((ct.identifier as Json[]).filter((i) => text(i).includes('"value":"RAD45-0501"'))).toHaveLength(2);
    expect(text(ct.identifier)).toContain(acsn);
    expect(ct.occurrencePeriod).toEqual({ start: '2030-03-31T01:30:00+01:00' });
  });
});
