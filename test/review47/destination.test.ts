/**
 * Review 47 (issue 14): the whole sample (docs/review47/messages/, 01 → 24 in order) converted on a channel in
 * Australia/Sydney across the end of daylight saving on Sunday 4 April 2032 (03:00 AEDT +11:00 → 02:00 AEST +10:00,
 * 02:00–02:59 twice) and delivered as FHIR transactions to the in-repo test FHIR server (test/support/fhir-server.ts);
 * what the server holds after each message, read against the messages and the IG rows named: the Australian patient
 * identifiers (MRN, Medicare with card expiry, IHI, DVA), which patient and visit each order and result lands on, the
 * A02 / A12 / A17 / A11 / A40 / A03, the UEC final → corrected, the troponin and the cancelled coagulation collected in
 * the repeated hour's first pass and reported in its second, the LFT cancel (CA), the vitamin D replaced (RP / RO), the
 * histopathology PIT text and its RTF rendering, the blood culture with its susceptibility child, the GP's immunisations.
 * Expected values come from the messages (docs/review47/write_messages.py), never from hig's output.
 *
 *   npx vitest run test/review47/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review47/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Australia/Sydney' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 240_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const mcalister = (n = '24') => one(n, 'Patient', 'NRH4710001');
const papadopoulos = (n = '24') => one(n, 'Patient', 'NRH4710002');
const fitz = (n = '24') => one(n, 'Patient', 'NRH4710003');
/** The ServiceRequest of a placer number and OBR-4 code (a child susceptibility shares its culture's placer number). */
const order = (n: string, placer: string, code: string) => {
  const found = withId(n, 'ServiceRequest', placer).filter((r) => text(r.code).includes(`"code":"${code}"`));
  expect(found, `order ${placer} ${code} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
const report = (n: string, filler: string) => one(n, 'DiagnosticReport', filler);
/** Where each location of a visit is, as the PL path the Locations' partOf chain spells (facility/ward/room/bed). */
const path = (n: string, r: unknown) => {
  const held = new Map((after.get(n) ?? []).map((x) => [ref(x), x]));
  const out: string[] = [];
  for (let cur = held.get(refOf(r)); cur !== undefined; cur = held.get(refOf(cur.partOf))) out.unshift(String(cur.name));
  return out.join('/');
};
const locations = (n: string, vn: string) => ((one(n, 'Encounter', vn).location ?? []) as Json[]).map((l) => `${path(n, l.location)} ${String(l.status)}`);
const analyte = (n: string, loinc: string) => ofType(n, 'Observation').filter((o) => text(o.code).includes(`"code":"${loinc}"`) && refOf(o.subject) === ref(mcalister(n)));

describe('review 47 at the destination (channel zone Australia/Sydney, DST end 4 April 2032)', () => {
  it('24 transactions accepted; five people, the ED\'s temporary record retired [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
    expect(ofType('24', 'Patient')).toHaveLength(6);
    expect(one('24', 'Patient', 'NRH4799001').active).toBe(false);
  });

  it('Australian identifiers in PID-3: MRN keys the record; Medicare (CX.8 card expiry → period.end), IHI (NI), DVA kept [IG PID[Patient] #3 → CX[Identifier] #5, #8]', () => {
    const ids = text(mcalister().identifier);
    expect(ids).toContain('"value":"29514710311"');
    expect(ids).toContain('"end":"2035-03-31"');
    expect(ids).toContain('"code":"NI"');
    expect(ids).toContain('"value":"8003608166471015"');
    expect(ids).toContain('"value":"NX471001"');
    expect((mcalister().address as Json[])[0]).toMatchObject({ city: 'Tahmoor', state: 'NSW', postalCode: '2573', country: 'AUS' });
    expect((fitz().address as Json[])[0]?.line).toEqual(['Unit 4&6 Remembrance Drive']);
  });

  it('bare times on either side of the change placed by MSH-7 sent within the repeated hour [IG TS[dateTime] #1; mapping.md "Hours a zone repeats or skips"]', () => {
    // #06: UEC analysed 02:03, reported 02:05, MSH-7 02:06+1100 (first pass)
    expect(report('06', 'BGP47-0502').issued).toBe('2032-04-04T02:05:00+11:00');
    expect(analyte('06', '2823-3')[0]?.effectiveDateTime).toBe('2032-04-04T02:03:00+11:00');
    // #07: the ED registration 02:10, MSH-7 02:15+1100
    expect((one('07', 'Encounter', 'NRHV4710003').period as Json).start).toBe('2032-04-04T02:10:00+11:00');
    // #08: the orders 02:25, MSH-7 02:26+1100
    expect(order('08', 'NRH47-0801', '89579-7').authoredOn).toBe('2032-04-04T02:25:00+11:00');
    // #10: admitted 21:40 AEDT the evening before, transferred 02:35 second pass (MSH-7 02:40+1000)
    expect((one('10', 'Encounter', 'NRHV4710001').period as Json).start).toBe('2032-04-03T21:40:00+11:00');
    expect(text(ofType('10', 'Provenance'))).toContain('"2032-04-04T02:35:00+10:00"');
    // #24: discharged Tuesday 11:00 AEST
    expect(one('24', 'Encounter', 'NRHV4710001').period).toEqual({ start: '2032-04-03T21:40:00+11:00', end: '2032-04-06T11:00:00+10:00' });
  });

  // R47-W1: collected 02:40 in the FIRST pass, reported 02:18 in the SECOND (MSH-7 02:20+1000): 02:40+10:00 is after the
  // message that reports it; the only reading not after MSH-7 and OBR-22 is 02:40+11:00
  it('R47-W1 [IG OBR[DiagnosticReport] #7 → effective, OBR[Specimen] #7/#14; TS[dateTime] #1] #09 the troponin was collected before it was reported', () => {
    const dr = report('09', 'BGP47-0801');
    expect(dr.effectiveDateTime).toBe('2032-04-04T02:40:00+11:00');
    expect(Date.parse(String(dr.effectiveDateTime))).toBeLessThan(Date.parse(String(dr.issued)));
  });

  // R47-W2: the A40 (08:30+1000) and A08 (10:45+1000) re-send #07's PV1-44 02:10 bare; MSH-7 sent hours after the
  // repeated hour ended places nothing, but its offset is taken and the visit's start moves an hour
  it('R47-W2 [IG PV1[Encounter] #44 → period.start; mapping.md held pass R41-N1] #12/#14 the ED visit still starts at 02:10 AEDT, as #07 placed it', () => {
    expect((one('12', 'Encounter', 'NRHV4710003').period as Json).start).toBe('2032-04-04T02:10:00+11:00');
    expect((one('14', 'Encounter', 'NRHV4710003').period as Json).start).toBe('2032-04-04T02:10:00+11:00');
  });
  it('R47-W2 [IG OBX[Observation] #14 → effective] #13 the corrected UEC keeps the analysis time #06 placed (02:03 AEDT)', () => {
    expect(analyte('13', '2951-2').map((o) => o.effectiveDateTime)).toEqual(['2032-04-04T02:03:00+11:00']);
    expect(analyte('13', '2823-3').map((o) => o.effectiveDateTime)).toEqual(['2032-04-04T02:03:00+11:00']);
  });

  it('UEC final (#06) → corrected (#13): one report, K 5.9 H → 4.2 corrected, the other six final; no duplicate analyte [IG OBR[DiagnosticReport] #25; OBX[Observation] #5, #8, #11]', () => {
    expect(report('06', 'BGP47-0502').status).toBe('final');
    const dr = report('13', 'BGP47-0502');
    expect(dr.status).toBe('corrected');
    expect(dr.result).toHaveLength(7);
    const k = analyte('13', '2823-3');
    expect(k).toHaveLength(1);
    expect(k[0]?.status).toBe('corrected');
    expect((k[0]?.valueQuantity as Json).value).toBe(4.2);
    expect(k[0]?.interpretation).toBeUndefined();
    expect(analyte('13', '62238-1')[0]?.valueQuantity).toMatchObject({ value: 31, unit: 'mL/min/1.73m^2' });
    expect(analyte('13', '2951-2')[0]?.status).toBe('final');
  });

  it('A40 (#12): the temporary record retired and linked, the ED visit moved to Mrs Papadopoulos; the A08 (#14) adds the DVA number and the postal address [hig merge rule; FHIR R4 Patient.link; IG PID[Patient] #3, #11]', () => {
    const temp = one('12', 'Patient', 'NRH4799001');
    expect(temp.active).toBe(false);
    expect(text(temp.link)).toContain(ref(papadopoulos('12')));
    expect(refOf(one('12', 'Encounter', 'NRHV4710003').subject)).toBe(ref(papadopoulos('12')));
    expect(((papadopoulos('14').name as Json[])[0] as Json).family).toBe('PAPADOPOULOS');
    expect(text(papadopoulos('14').identifier)).toContain('"value":"NX472002"');
    expect(text(papadopoulos('14').address)).toContain('"type":"postal"');
    expect(withId('24', 'Encounter', 'NRHV4710003')).toHaveLength(1);
  });

  it('troponin final and coagulation cancelled (#09, OBR-25 X): the coag report cancelled, its order revoked with the lab\'s note [IG OBR[DiagnosticReport] #25; ORC[ServiceRequest] #5]', () => {
    const trop = report('09', 'BGP47-0801');
    expect(trop.status).toBe('final');
    expect(trop.result).toHaveLength(1);
    expect(report('09', 'BGP47-0802').status).toBe('cancelled');
    const coag = order('09', 'NRH47-0802', 'COAG');
    expect(coag.status).toBe('revoked');
    expect(text(coag.note)).toContain('Specimen clotted');
  });

  it('ward moves: A02 (#10, #15), A12 cancels #15 (#16), A17 swaps the two beds (#17) [IG PV1[Encounter] #3, #6; ADT A12, A17]', () => {
    expect(locations('10', 'NRHV4710001')).toEqual(['NRH/4B/12/1 active', 'NRH/EDSSU/B04/1 completed']);
    expect(locations('15', 'NRHV4710002')).toEqual(['NRH/5A/03/1 active', 'NRH/4B/07/1 completed']);
    expect(locations('16', 'NRHV4710002')).toEqual(['NRH/4B/07/1 active']);
    expect(locations('17', 'NRHV4710001')[0]).toBe('NRH/4B/07/1 active');
    expect(locations('17', 'NRHV4710002')[0]).toBe('NRH/4B/12/1 active');
  });

  it('A11 (#19) cancels the day case; A03 (#24) finishes the stay with the separation mode [IG PV1[Encounter] #36, #45; ADT A11, A03]', () => {
    expect(one('18', 'Encounter', 'NRHV4710004').status).toBe('in-progress');
    expect(one('19', 'Encounter', 'NRHV4710004').status).toBe('cancelled');
    const stay = one('24', 'Encounter', 'NRHV4710001');
    expect(stay.status).toBe('finished');
    expect(text((stay.hospitalization as Json).dischargeDisposition)).toContain('"code":"9"');
  });

  it('orders: the LFT cancelled (#11, ORC-1 CA, ORC-16); the histopathology and the blood culture completed by their results [IG ORC[ServiceRequest] #1, #16; OBR[DiagnosticReport] #25]', () => {
    const lft = order('11', 'NRH47-0503', '24325-3');
    expect(lft.status).toBe('revoked');
    expect(text(lft.extension)).toContain('"code":"DUP"');
    expect(order('24', 'NRH47-0301', '11529-5').status).toBe('completed');
    expect(order('24', 'NRH47-0501', '600-7').status).toBe('completed');
    expect(order('20', 'NRH47-2001', '75689-0').status).toBe('active');
  });

  // R47-W3: ORC-1 RP (order replace request) for the vitamin D, followed by ORC-1 RO (the iron studies replacing it)
  it('R47-W3 [IG OrderControlCode RP (no target), OrderStatus RP → revoked; hig\'s CA rule] #20 the replaced vitamin D order is no longer active', () => {
    expect(order('20', 'NRH47-0302', '62292-8').status).toBe('revoked');
    // fix32f: [FHIR R4 ServiceRequest.replaces] the iron studies (active) name the vitamin D order they replace
    const iron = order('20', 'NRH47-2001', '75689-0');
    expect(iron.status).toBe('active');
    expect((iron.replaces as Json[] | undefined)?.map((r) => (r.identifier as Json | undefined)?.value)).toEqual(['NRH47-0302']);
  });

  it('histopathology (#21): the PIT text unescaped (\\T\\ \\F\\ \\S\\ \\E\\, \\.br\\), the RTF rendering a DocumentReference, the diagnosis SNOMED + ICD-O-3 [IG OBX[Observation] #5 FT; ED[Attachment]]', () => {
    const dr = report('21', 'BGP47-0301');
    expect(dr.status).toBe('final');
    const obs = ofType('21', 'Observation').filter((o) => refOf(o.subject) === ref(fitz('21')));
    const pit = obs.find((o) => typeof o.valueString === 'string' && String(o.valueString).includes('MICROSCOPIC')) as Json;
    expect(String(pit.valueString)).toContain('Inked: 12-6 blue & 6-12 black.');
    expect(String(pit.valueString)).toContain('BerEP4 +ve | EMA -ve.');
    expect(String(pit.valueString)).toContain('Block key: S32\\04471 A1-A4.');
    expect(String(pit.valueString)).toContain('(AJCC 8th: ^ see synoptic)');
    expect(String(pit.valueString)).toContain('nodular BCC.\nMACROSCOPIC:');
    const doc = ofType('21', 'DocumentReference').find((d) => text(d.type).includes('"code":"RTF"')) as Json;
    expect(((doc.content as Json[])[0]?.attachment as Json).contentType).toBe('application/rtf');
    expect(Buffer.from(String(((doc.content as Json[])[0]?.attachment as Json).data), 'base64').toString()).toContain('completely excised');
    expect(text(obs)).toContain('"code":"8090/3"');
  });

  it('blood culture (#23): E. coli isolate 1; the susceptibility child (OBR-29) based on the culture order, four MICs with comparators and S/R [IG OBR[ServiceRequest] #29 → basedOn; OBX[Observation] #5 SN, #8]', () => {
    expect(report('24', 'BGP47-0501').status).toBe('final');
    const child = order('24', 'NRH47-0501', '29576-6');
    expect(text(child.basedOn)).toContain('"value":"BGP47-0501"');
    const susc = report('24', 'BGP47-0501S');
    expect(susc.result).toHaveLength(4);
    const amp = ofType('24', 'Observation').find((o) => text(o.code).includes('"code":"28-1"')) as Json;
    expect(amp.valueQuantity).toMatchObject({ value: 16, comparator: '>' });
    expect(text(amp.interpretation)).toContain('"code":"R"');
    expect(refOf(susc.subject)).toBe(ref(mcalister()));
  });

  it('GP immunisations (#22): MMRV given (RXA-9 00, lot, expiry, GSK) and MMR historical (RXA-9 01, primarySource false) [IG RXA[Immunization] #5, #9, #15–#17]', () => {
    const imms = ofType('22', 'Immunization');
    expect(imms).toHaveLength(2);
    const given = imms.find((i) => i.primarySource === true) as Json;
    expect(given.occurrenceDateTime).toBe('2032-04-05T15:10:00+10:00');
    expect(given.lotNumber).toBe('A71CB472A');
    expect(text(given.vaccineCode)).toContain('"code":"94"');
    const hist = imms.find((i) => i.primarySource === false) as Json;
    expect(hist.occurrenceDateTime).toBe('2031-10-10');
    expect(text(hist.reportOrigin)).toContain('"code":"01"');
  });

  it('GP referral (#01): a referral ServiceRequest for Mr Fitzgerald-Ngata with the ICD-10-AM reason and the GP as requester [IG RF1/PRD: no sheet; hig REF rule; DG1[Condition] #3]', () => {
    const ref1 = one('01', 'ServiceRequest', 'RMC47-0101');
    expect(text(ref1.reasonCode)).toContain('"code":"C44.6"');
    expect(refOf(ref1.subject)).toBe(ref(fitz('01')));
    expect(text(ofType('01', 'Practitioner'))).toContain('WARRELL');
  });
});
