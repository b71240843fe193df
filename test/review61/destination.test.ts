/**
 * Review 61 (issue 14): the whole sample (docs/review61/messages/, 01 → 24 in order) of a US multi-site outpatient /
 * urgent-care network in Michigan (Tamarack Lakes Urgent Care & Family Clinics, invented), converted on ONE
 * America/Detroit channel across the spring-forward night of Sunday 10 March 2030 (02:00 EST → 03:00 EDT) and
 * delivered as FHIR transactions to the in-repo test FHIR server; what the server holds after each message, read
 * against the messages and the IG rows named. Senders: TLEHR (ADT, ORM, VXU, MDM; MSH-7 bare), TLSCHED (SIU; MSH-7
 * with its offset, inner times bare), TLLIS (ORU; MSH-7 offset), TLRIS (ORU; bare), TLBILL (DFT; bare). Expected
 * values are the messages', written by hand.
 *
 *   npx vitest run test/review61/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review61/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Detroit' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, one, refOf } = snapshotReaders(after);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const byRef = (n: string, r: unknown) => (after.get(n) ?? []).find((x) => ref(x) === refOf(r));
const report = (n: string, filler: string) => one(n, 'DiagnosticReport', filler);
const results = (n: string, filler: string) => ((report(n, filler).result as Json[] | undefined) ?? []).map((r) => byRef(n, r) as Json);
const result = (n: string, filler: string, loinc: string) => results(n, filler).find((o) => codes(o.code).includes(loinc)) as Json;
const document = (n: string, number: string) => {
  const found = ofType(n, 'DocumentReference').filter((d) => (d.masterIdentifier as Json | undefined)?.value === number);
  expect(found, `DocumentReference ${number} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
const attachment = (d: Json) => ((d.content as Json[])[0]?.attachment ?? {}) as Json;
const appointment = (n: string, filler: string) => one(n, 'Appointment', filler);
const actors = (a: Json) => ((a.participant as Json[] | undefined) ?? []).map((p) => p.actor as Json);
const doses = (n: string, mrn: string) => ofType(n, 'Immunization').filter((i) => refOf(i.patient) === ref(patient(n, mrn)));
const dose = (n: string, mrn: string, cvx: string) => doses(n, mrn).find((i) => codes(i.vaccineCode).includes(cvx)) as Json;

describe('review 61 at the destination (channel zone America/Detroit, March 2030, spring-forward night)', () => {
  it('24 transactions accepted, none refused; three patients by the TLUC MRN [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(3);
    for (const mrn of ['TL6100417', 'TL6100425', 'TL6100433']) patient('24', mrn);
  });

  it('#01 A04 01:40 (bare, before the change) is -05:00; #08 A03 04:15 (bare, after) is -04:00: one Encounter, planned → finished, 1 h 35 min long, still so after #09 / #10 [IG PV1[Encounter] #44, #45; Event[EncounterStatus]; hig time-zone rule]', () => {
    const e01 = one('01', 'Encounter', 'TV61004171');
    expect([e01.status, (e01.period as Json).start]).toEqual(['planned', '2030-03-10T01:40:00-05:00']);
    const e08 = one('08', 'Encounter', 'TV61004171');
    expect([ref(e08), e08.status, (e08.period as Json).end]).toEqual([ref(e01), 'finished', '2030-03-10T04:15:00-04:00']);
    expect(Date.parse('2030-03-10T04:15:00-04:00') - Date.parse(String((e08.period as Json).start))).toBe(95 * 60_000);
    // the next day's ORU (#09) and DFT (#10) name the visit: it stays finished, its end as the A03 said
    for (const n of ['09', '10']) expect([one(n, 'Encounter', 'TV61004171').status, (one(n, 'Encounter', 'TV61004171').period as Json).end]).toEqual(['finished', '2030-03-10T04:15:00-04:00']);
  });

  it('#02/#03 ORM: the CBC, BMP and chest X-ray ServiceRequests authored 01:52 / 01:56 -05:00 on the visit; #04 ORU completes the lab two by their placer numbers [IG ORC[ServiceRequest] #2, #9; OBR[ServiceRequest]]', () => {
    const cbc = one('02', 'ServiceRequest', 'TLO61-1001');
    expect([cbc.status, cbc.intent, cbc.authoredOn, refOf(cbc.encounter)]).toEqual(['active', 'order', '2030-03-10T01:52:00-05:00', ref(one('02', 'Encounter', 'TV61004171'))]);
    expect(one('03', 'ServiceRequest', 'TLO61-1002').authoredOn).toBe('2030-03-10T01:56:00-05:00');
    const cbc04 = one('04', 'ServiceRequest', 'TLO61-1001');
    expect([ref(cbc04), cbc04.status]).toEqual([ref(cbc), 'completed']);
  });

  it('#04 ORU (MSH-7 -0400): collected 01:58 EST, issued 03:06 EDT: 8 minutes apart, not 1 h 8; WBC 13.8 H [IG OBR[DiagnosticReport] #7, #22; OBX[Observation] #5, #8]', () => {
    const cbc = report('04', 'TLL61-300417');
    expect([cbc.status, cbc.effectiveDateTime, cbc.issued]).toEqual(['final', '2030-03-10T01:58:00-05:00', '2030-03-10T03:06:00-04:00']);
    expect(Date.parse(String(cbc.issued)) - Date.parse(String(cbc.effectiveDateTime))).toBe(8 * 60_000);
    const wbc = result('04', 'TLL61-300417', '6690-2');
    expect([(wbc.valueQuantity as Json).value, codes((wbc.interpretation as Json[])[0])]).toEqual([13.8, ['H']]);
    expect(refOf((cbc.basedOn as Json[])[0])).toBe(ref(one('04', 'ServiceRequest', 'TLO61-1001')));
  });

  it('#05 → #06 chest X-ray preliminary → final on one report and the same Observations; the CR room\'s 02:18 (a skipped clock time) is 02:18-05:00 (= 03:18 EDT) both times [IG OBR[DiagnosticReport] #25 P/F; OBX[Observation] #11; hig skipped-hour rule]', () => {
    const p = report('05', 'TLR61-700417');
    expect([p.status, p.effectiveDateTime, p.issued]).toEqual(['preliminary', '2030-03-10T02:18:00-05:00', '2030-03-10T03:29:00-04:00']);
    const f = report('06', 'TLR61-700417');
    expect([ref(f), f.status, f.effectiveDateTime, f.issued]).toEqual([ref(p), 'final', '2030-03-10T02:18:00-05:00', '2030-03-10T07:42:00-04:00']);
    const imp5 = result('05', 'TLR61-700417', '19005-8');
    const imp6 = result('06', 'TLR61-700417', '19005-8');
    expect([ref(imp6), imp5.status, imp6.status]).toEqual([ref(imp5), 'preliminary', 'final']);
    expect(imp6.valueString).toBe('Right lower lobe pneumonia. Follow-up radiograph in 6-8 weeks to document resolution.');
    expect(results('06', 'TLR61-700417').map((o) => o.status)).toEqual(['final', 'final', 'final']);
    expect(text(f.resultsInterpreter)).toContain('ABERNATHY');
  });

  it('#04 → #09 BMP corrected the next day: the same report and creatinine Observation, 0.82 → 1.28 mg/dL H, corrected; collection still 01:58-05:00 though #09 is sent -0400; the other three final [IG OBR[DiagnosticReport] #25 C; OBX[Observation] #11 C; hig time-zone rule]', () => {
    const c04 = result('04', 'TLL61-300418', '2160-0');
    const bmp = report('09', 'TLL61-300418');
    expect([ref(bmp), bmp.status, bmp.effectiveDateTime, bmp.issued]).toEqual([ref(report('04', 'TLL61-300418')), 'corrected', '2030-03-10T01:58:00-05:00', '2030-03-11T10:12:00-04:00']);
    const c = result('09', 'TLL61-300418', '2160-0');
    expect([ref(c), c.status, (c.valueQuantity as Json).value, codes((c.interpretation as Json[])[0])]).toEqual([ref(c04), 'corrected', 1.28, ['H']]);
    expect(results('09', 'TLL61-300418').filter((o) => o.status === 'final')).toHaveLength(3);
  });

  it('#07 MDM^T02: the visit note a DocumentReference by TXA-12, progress note, dated 04:05 EDT, author the physician, the three TX lines as its text [IG TXA[DocumentReference] #2, #6, #9, #12; OBX[DocumentReference] #5]', () => {
    const d = document('07', 'TLD61-20417');
    expect([d.status, d.docStatus, codes(d.type), d.date]).toEqual(['current', 'final', ['PN'], '2030-03-10T04:05:00-04:00']);
    const body = Buffer.from(String(attachment(d).data), 'base64').toString('utf8');
    expect(body).toContain('ASSESSMENT: Community-acquired pneumonia, right lower lobe (J18.9). WBC 13.8.');
    expect(body.split('\n')).toHaveLength(3);
    expect(refOf(((d.context as Json).encounter as Json[])[0])).toBe(ref(one('07', 'Encounter', 'TV61004171')));
  });

  it('#10 DFT^P03: five ChargeItems on the visit and account in USD; the E/M CPT 99214 in FT1-7 is the code; the chest X-ray\'s chargemaster code with its CPT 71046 as the contained service Procedure [hig FT1 rule]', () => {
    const em = one('10', 'ChargeItem', 'TLC61-0417001');
    expect([codes(em.code), (em.priceOverride as Json).value, (em.priceOverride as Json).currency]).toEqual([['99214'], 245, 'USD']);
    expect(refOf((em.account as Json[])[0])).toBe(ref(one('10', 'Account', 'TV61004171')));
    expect(refOf(em.context)).toBe(ref(one('10', 'Encounter', 'TV61004171')));
    const xr = one('10', 'ChargeItem', 'TLC61-0417002');
    expect(codes(xr.code)).toEqual(['7100460']);
    const proc = ((xr.contained as Json[] | undefined) ?? []).find((r) => `#${String(r.id)}` === refOf((xr.service as Json[])[0]));
    expect([proc?.resourceType, codes(proc?.code)]).toEqual(['Procedure', ['71046']]);
    expect(ofType('10', 'ChargeItem').filter((c) => refOf(c.subject) === ref(patient('10', 'TL6100417')))).toHaveLength(5);
  });

  it('#11 S12 booked on 8 March (MSH-7 -0500) for 11 March 09:30 bare → 09:30-04:00 (EDT: the zone\'s rule, not MSH-7\'s fixed offset); #12 S13 the same Appointment moved to 12 March 14:00-04:00 [IG SCH[Appointment]; TQ1 #7/#8 via TQ[Appointment]; hig time-zone rule]', () => {
    const a11 = appointment('11', 'TLF61-8801');
    expect([a11.status, a11.start, a11.end]).toEqual(['booked', '2030-03-11T09:30:00-04:00', '2030-03-11T10:10:00-04:00']);
    const a12 = appointment('12', 'TLF61-8801');
    expect([ref(a12), a12.status, a12.start, a12.end]).toEqual([ref(a11), 'booked', '2030-03-12T14:00:00-04:00', '2030-03-12T14:40:00-04:00']);
    expect(actors(a12).map((a) => refOf(a))).toContain(ref(patient('12', 'TL6100425')));
  });

  it('#13 S14: the nurse practitioner and Exam 2 replace Dr Nakashima and Exam 3 as participants [IG AIP[Appointment] #3; AIL[Appointment] #3]', () => {
    const a = appointment('13', 'TLF61-8801');
    const names = actors(a).map((x) => String(x.display));
    expect(names).toContain('CHIDINMA OKAFOR');
    expect(names).toContain('EXAM2');
    expect(names).not.toContain('REID NAKASHIMA');
    expect(names).not.toContain('EXAM3');
  });

  // R61-W1: AIG|1|D|ECG-02^ECG cart 2^TLGR|…: the ECG cart removed from the appointment (table 0206 D)
  it('R61-W1 #13 at the server: the ECG cart the S14 deleted (AIG-2 D) is no longer a participant of the appointment', () => {
    const a = appointment('13', 'TLF61-8801');
    expect(actors(a).filter((x) => (x.identifier as Json | undefined)?.value === 'ECG-02')).toEqual([]);
  });

  it('#14 A04 → #16 A08: Yousef\'s plan change (Gold PPO → Silver HMO, same member number, IN1-17 FTH) is the same Coverage, active, subscriber his father [IG IN1[Coverage] #2, #16, #17, #36; hig Coverage identity]', () => {
    const mine = (n: string) => ofType(n, 'Coverage').filter((c) => refOf(c.beneficiary) === ref(patient(n, 'TL6100425')) && c.subscriberId === 'GLC771203-03');
    const [c14] = mine('14');
    const c16 = mine('16');
    expect(c16.map((c) => [c.id, c.status])).toEqual([[c14?.id, 'active']]);
    const plan = ((c16[0]?.class as Json[] | undefined) ?? []).find((k) => codes(k.type).includes('plan'));
    expect(plan?.value).toBe('SILVHMO');
    const father = byRef('16', c16[0]?.subscriber) as Json;
    expect([father.resourceType, text(father.name)]).toEqual(['RelatedPerson', expect.stringContaining('"family":"HAMMOUD"')]);
  });

  it('#15 VXU: Tdap administered (primarySource, on the visit, lot TD4417A, 14:30-04:00); the October influenza historical (not primary, RXA-9 01, no encounter); HPV9 refused: not-done, statusReason NIP002 03 [IG RXA[Immunization] #9, #18, #20; hig RXA-9 encounter rule]', () => {
    const visit = ref(one('15', 'Encounter', 'TV61004251'));
    const tdap = dose('15', 'TL6100425', '115');
    expect([tdap.status, tdap.primarySource, refOf(tdap.encounter), tdap.lotNumber, tdap.occurrenceDateTime]).toEqual(['completed', true, visit, 'TD4417A', '2030-03-12T14:30:00-04:00']);
    const flu = dose('15', 'TL6100425', '150');
    expect([flu.status, flu.primarySource, codes(flu.reportOrigin), flu.encounter, flu.occurrenceDateTime]).toEqual(['completed', false, ['01'], undefined, '2029-10-15']);
    const hpv = dose('15', 'TL6100425', '165');
    expect([hpv.status, codes(hpv.statusReason)]).toEqual(['not-done', ['03']]);
    expect(doses('15', 'TL6100425')).toHaveLength(3);
  });

  it('#17 T02 → #18 T08: the H&P PDF one DocumentReference by TXA-12, its content the edited PDF after #18, authenticated by the nurse practitioner [IG TXA[DocumentReference] #12, #22; OBX[DocumentReference] ED]', () => {
    const d17 = document('17', 'TLD61-20425');
    expect([attachment(d17).contentType, codes(d17.type)]).toEqual(['application/pdf', ['HP']]);
    const d18 = document('18', 'TLD61-20425');
    expect(ref(d18)).toBe(ref(d17));
    expect(Buffer.from(String(attachment(d18).data), 'base64').toString('latin1')).toContain('/Ver 2');
    expect(text(byRef('18', d18.authenticator))).toContain('"family":"OKAFOR"');
  });

  it('#19–#24 Grace: 11 March 08:00 (booked -0500) is 08:00-04:00 and no-show; the rebooked one cancelled; the duplicate entered-in-error; three Appointments [IG SCH[Appointment] #25 via FillerStatusCodes; hig S15/S17/S26 rule]', () => {
    const x = appointment('24', 'TLF61-8810');
    expect([x.status, x.start]).toEqual(['noshow', '2030-03-11T08:00:00-04:00']);
    expect(appointment('24', 'TLF61-8811').status).toBe('cancelled');
    expect(appointment('24', 'TLF61-8812').status).toBe('entered-in-error');
    expect(appointment('22', 'TLF61-8812').status).toBe('booked');
    expect(ofType('24', 'Appointment').filter((a) => actors(a).some((p) => refOf(p) === ref(patient('24', 'TL6100433'))))).toHaveLength(3);
  });
});
