/**
 * Review 62 (issue 14): the whole sample (docs/review62/messages/, 01 → 24 in order) of a Singapore public hospital
 * cluster's registration (KRGPAS ADT 2.6, MSH-18 UNICODE UTF-8), order entry (KRGCPOE OML^O21 / ORM^O01 / RDE^O11),
 * laboratory (KRGLIS ORU^R01), radiology (KRGRIS ORU^R01 text report) and outpatient pharmacy (KRGPHIS RDS^O13),
 * converted on ONE Asia/Singapore channel (SGT +08:00, no daylight saving; every MSH-7 +0800, the inner times bare) and
 * delivered as FHIR transactions to the in-repo test FHIR server; what the server holds after each message, read
 * against the messages and the IG rows named. The focus: the MRN beside the NRIC / FIN, Chinese names in Han
 * characters, Malay and Tamil names, the foreign domestic helper as contact, the ADT life cycle (A01 / A02 / A12 / A03,
 * A04, A05, A08, A28 / A31, A40), lab orders → results (cancelled, corrected), a radiology text report, an outpatient
 * prescription and its dispense with TQ1. Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review62/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review62/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Asia/Singapore' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const byRef = (n: string, r: unknown) => (after.get(n) ?? []).find((x) => ref(x) === refOf(r));
const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
const results = (n: string, number: string) => ((report(n, number).result as Json[] | undefined) ?? []).map((r) => byRef(n, r) as Json);
const result = (n: string, number: string, loinc: string) => results(n, number).find((o) => codes(o.code).includes(loinc)) as Json;
const order = (n: string, placer: string) => one(n, 'ServiceRequest', placer);
/** The place the visit is at (its active location), as the PL chain bed → room → ward. */
const placeOf = (n: string, l: Json) => {
  const out: unknown[] = [];
  for (let loc = byRef(n, l.location); loc !== undefined; loc = loc.partOf === undefined ? undefined : byRef(n, loc.partOf)) {
    out.push(((loc.identifier as Json[] | undefined) ?? [])[0]?.value);
  }
  return out;
};
const places = (n: string, visit: string) => ((one(n, 'Encounter', visit).location as Json[] | undefined) ?? []).map((l) => [placeOf(n, l), l.status]);

describe('review 62 at the destination (channel zone Asia/Singapore, May 2034, SGT +08:00)', () => {
  it('24 transactions accepted, none refused; four persons by the KRG MRN, each with the NRIC or FIN (NNSGP) beside it; the ED duplicate a fifth, retired record [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(5);
    expect(text(patient('24', 'KRG6200118').identifier)).toContain('"value":"S7103582D"');
    expect(text(patient('24', 'KRG6200126').identifier)).toContain('"value":"T0361927Z"');
    expect(text(patient('24', 'KRG6200134').identifier)).toContain('"value":"S4608213C"');
    expect(text(patient('24', 'KRG6200142').identifier)).toContain('"value":"G8147362K"');
  });

  it('#01 the Chinese name twice: TAN / WEI MING official, and 陈 / 伟明 (PID-5 #2, XPN.8 I, XPN.11 F) with its assembly order; the wife by her NRIC with 林 / 美玲 [IG XPN[HumanName] #1, #2, #7, #11; NK1[RelatedPerson] #2]', () => {
    const tan = patient('01', 'KRG6200118');
    const names = tan.name as Json[];
    expect(names.map((x) => [x.use, x.family, x.given])).toEqual([['official', 'TAN', ['WEI MING']], ['official', '陈', ['伟明']]]);
    expect(text(names[1]?.extension)).toContain('"url":"http://hl7.org/fhir/StructureDefinition/humanname-assembly-order","valueCode":"F"');
    const wife = one('01', 'RelatedPerson', 'S7318046E');
    expect(refOf(wife.patient)).toBe(ref(tan));
    expect((wife.name as Json[]).map((x) => [x.family, x.given])).toEqual([['LIM', ['MEI LING']], ['林', ['美玲']]]);
    expect(codes((wife.relationship as Json[])[0])).toContain('SPO');
  });

  it('#02 → #03 the OML\'s two orders are the ones the ORU completes (same ServiceRequests, filler numbers added); HbA1c 8.4 % and 68 mmol/mol H, LDL-C 3.73 mmol/L H [IG OBR[ServiceRequest] #2, #3; OBX[Observation] #5, #6, #8]', () => {
    const a1c02 = order('02', 'KRGO6200118-1');
    const a1c = order('03', 'KRGO6200118-1');
    expect([ref(a1c), a1c.status]).toEqual([ref(a1c02), 'completed']);
    expect(text(a1c.identifier)).toContain('"value":"L62-0508-0141"');
    expect(refOf((report('03', 'L62-0508-0141').basedOn as Json[])[0])).toBe(ref(a1c02));
    const pct = result('03', 'L62-0508-0141', '4548-4');
    expect([(pct.valueQuantity as Json).value, (pct.valueQuantity as Json).code, codes((pct.interpretation as Json[])[0])]).toEqual([8.4, '%', ['H']]);
    expect((result('03', 'L62-0508-0141', '59261-8').valueQuantity as Json).value).toBe(68);
    expect((result('03', 'L62-0508-0142', '13457-7').valueQuantity as Json).value).toBe(3.73);
    expect(ofType('03', 'ServiceRequest')).toHaveLength(2);
  });

  it('#04 → #05 the prescription: metformin 850 mg BID at 08:00 / 20:00 and atorvastatin 20 mg at bedtime, 8 May – 6 Aug; the two dispenses (180 and 90 tablets, handed over 12:45 +08:00) authorised by those two MedicationRequests, no third [IG TQ1[MedicationRequest] #3, #4, #7, #8]', () => {
    const met = one('05', 'MedicationRequest', 'KRGRX6200118-1');
    expect(ref(met)).toBe(ref(one('04', 'MedicationRequest', 'KRGRX6200118-1')));
    const dose = (met.dosageInstruction as Json[])[0] as Json;
    const rep = ((dose.timing as Json).repeat as Json);
    expect([rep.frequency, rep.period, rep.periodUnit, rep.timeOfDay, rep.boundsPeriod]).toEqual([2, 1, 'd', ['08:00:00', '20:00:00'], { start: '2034-05-08', end: '2034-08-06' }]);
    expect(((dose.doseAndRate as Json[])[0]?.doseQuantity as Json).value).toBe(850);
    const ato = one('05', 'MedicationRequest', 'KRGRX6200118-2');
    expect((((ato.dosageInstruction as Json[])[0]?.timing as Json).repeat as Json).when).toEqual(['HS']);
    expect(ofType('05', 'MedicationRequest')).toHaveLength(2);
    const dispensed = ofType('05', 'MedicationDispense').map((d) => [refOf((d.authorizingPrescription as Json[])[0]), (d.quantity as Json).value, d.whenHandedOver]);
    expect(dispensed).toEqual([[ref(met), 180, '2034-05-08T12:45:00+08:00'], [ref(ato), 90, '2034-05-08T12:45:00+08:00']]);
  });

  it('#06 A08 moves Tan to Tampines with a new mobile: the same Patient, the Han name kept, the wife the same RelatedPerson [IG PID[Patient] #11, #13]', () => {
    const tan = patient('06', 'KRG6200118');
    expect(ref(tan)).toBe(ref(patient('01', 'KRG6200118')));
    expect((tan.address as Json[])[0]).toMatchObject({ line: ['Blk 859 Tampines Street 83', '#04-362'], postalCode: '520859' });
    expect(text(tan.telecom)).toContain('+65 90442871');
    expect((tan.name as Json[]).map((x) => x.family)).toEqual(['TAN', '陈']);
    expect(ref(one('06', 'RelatedPerson', 'S7318046E'))).toBe(ref(one('01', 'RelatedPerson', 'S7318046E')));
  });

  it('#07 admitted at 00:25 keeps its local date (2034-05-11T00:25:00+08:00, UTC 10 May); the Malay name whole as sent; mother (binte) and father (bin, NRIC) [IG PV1[Encounter] #44; NK1[RelatedPerson] #2, #3]', () => {
    const visit = one('07', 'Encounter', 'KRGV6200126-01');
    expect([visit.status, (visit.class as Json).code, (visit.period as Json).start]).toEqual(['in-progress', 'IMP', '2034-05-11T00:25:00+08:00']);
    expect((patient('07', 'KRG6200126').name as Json[])[0]?.family).toBe('NUR AISYAH BINTI ABDUL RAHMAN');
    const father = one('07', 'RelatedPerson', 'S7024519A');
    expect([(father.name as Json[])[0]?.family, codes((father.relationship as Json[])[0])]).toEqual(['ABDUL RAHMAN BIN OSMAN', ['FTH', 'FTH']]);
    const rps = ofType('07', 'RelatedPerson').filter((r) => refOf(r.patient) === ref(patient('07', 'KRG6200126')));
    expect(rps.map((r) => (r.name as Json[])[0]?.family).sort()).toEqual(['ABDUL RAHMAN BIN OSMAN', 'SITI KHADIJAH BINTE HASSAN']);
  });

  it('#08 → #10 the dengue PCR cancelled by the lab: its ServiceRequest (the OML\'s) revoked, its report cancelled with the reason; NS1 positive on the NS1 order [IG ORC[ServiceRequest] #5 CA; OBR[DiagnosticReport] #25 X; OBX #5 CWE]', () => {
    const pcr = order('10', 'KRGO6200126-4');
    expect([ref(pcr), pcr.status]).toEqual([ref(order('08', 'KRGO6200126-4')), 'revoked']);
    const dr = report('10', 'L62-0511-024');
    expect([dr.status, dr.result]).toEqual(['cancelled', undefined]);
    expect(text(pcr.note)).toContain('PCR not indicated per laboratory policy');
    expect(codes(result('09', 'L62-0511-021', '75377-2').valueCodeableConcept)).toEqual(['10828004']);
    expect(order('10', 'KRGO6200126-1').status).toBe('completed');
  });

  it('#11 → #12 the transfer to HD 6A and its cancel: after the A02 the HD bed active and Ward 8 completed; after the A12 Ward 8 bed 14 the only place, the cancelled HD bed gone [IG PV1[Encounter] #3, #6; v2.5.1 3.3.12]', () => {
    expect(places('11', 'KRGV6200126-01')).toEqual([[['1', '06A-03', 'HD6A', 'KRG'], 'active'], [['1', '08-14', 'W08', 'KRG'], 'completed']]);
    expect(places('12', 'KRGV6200126-01')).toEqual([[['1', '08-14', 'W08', 'KRG'], 'active']]);
    expect(places('13', 'KRGV6200126-01')).toEqual([[['1', '08-14', 'W08', 'KRG'], 'active']]);
  });

  it('#13 → #14 the platelet count corrected 38 → 83 on the same Observation (corrected, still L), the report corrected, Hb / WBC / Hct final; serology IgM positive, IgG negative [IG OBX[Observation] #11 C; OBR[DiagnosticReport] #25 C]', () => {
    const plt13 = result('13', 'L62-0513-0214', '777-3');
    expect([plt13.status, (plt13.valueQuantity as Json).value]).toEqual(['final', 38]);
    const plt = result('14', 'L62-0513-0214', '777-3');
    expect([ref(plt), plt.status, (plt.valueQuantity as Json).value, codes((plt.interpretation as Json[])[0])]).toEqual([ref(plt13), 'corrected', 83, ['L']]);
    expect(report('14', 'L62-0513-0214').status).toBe('corrected');
    expect(results('14', 'L62-0513-0214').filter((o) => o.status === 'final')).toHaveLength(3);
    expect(codes(result('14', 'L62-0511-022', '29676-4').valueCodeableConcept)).toEqual(['10828004']);
    expect(codes(result('14', 'L62-0511-022', '29504-8').valueCodeableConcept)).toEqual(['260385009']);
  });

  it('#15 A03: the dengue stay finished 2034-05-15 11:10 +08:00 [IG Event[EncounterStatus] A03; PV1[Encounter] #45]', () => {
    const visit = one('15', 'Encounter', 'KRGV6200126-01');
    expect([visit.status, (visit.period as Json).end]).toEqual(['finished', '2034-05-15T11:10:00+08:00']);
  });

  it('#16 → #19 the foreign domestic helper: Maricel (FIN, care giver, emergency contact, since 2029-03-01) a contact of Murugesan; the A31 names Sri Wulandari instead: Maricel ended (active false), Sri the contact beside the daughter [IG NK1[RelatedPerson] #3, #7, #8, #33; hig contact list]', () => {
    const maricel = one('16', 'RelatedPerson', 'G5271846K');
    expect([codes((maricel.relationship as Json[])[0]), codes((maricel.relationship as Json[])[1]), (maricel.period as Json).start]).toEqual([['CGV'], ['C'], '2029-03-01']);
    expect(one('19', 'RelatedPerson', 'G5271846K').active).toBe(false);
    const sri = one('19', 'RelatedPerson', 'G6039275M');
    expect([sri.active, (sri.period as Json).start]).toEqual([undefined, '2034-05-17']);
    const contacts = (patient('19', 'KRG6200134').contact as Json[]).map((c) => (c.name as Json).family);
    expect(contacts).toEqual(['KAVITHA D/O MURUGESAN', 'WULANDARI']);
  });

  it('#17 → #18 the CT thorax text report: final, on the ORM\'s order (completed), six OBX lines as six Observations in OBX order, the impression abnormal, read by Dr Chew [IG OBR[DiagnosticReport] #32; OBX[Observation] #5 TX]', () => {
    const ct = report('18', 'RAD62-0516-0331');
    expect([ct.status, refOf((ct.basedOn as Json[])[0])]).toEqual(['final', ref(order('17', 'KRGO6200134-1'))]);
    expect(order('18', 'KRGO6200134-1').status).toBe('completed');
    const lines = results('18', 'RAD62-0516-0331').map((o) => String(o.valueString).slice(0, 12));
    expect(lines).toEqual(['CT THORAX WI', 'Comparison: ', 'Findings: 2.', 'No mediastin', 'Mild centril', '2.1 cm spicu']);
    expect(codes((result('18', 'RAD62-0516-0331', '19005-8').interpretation as Json[])[0])).toEqual(['A']);
    expect(text(ct.resultsInterpreter)).toContain('BOON KIAT CHEW');
  });

  it('#20 A05 pre-admission: a planned PRENC visit in the Day Surgery Unit, expected 2034-05-22 07:30 +08:00 [IG PV2[Encounter] #8; Event[EncounterStatus] A05]', () => {
    const visit = one('20', 'Encounter', 'KRGV6200134-02');
    expect([visit.status, (visit.class as Json).code, text(visit.extension)]).toEqual(['planned', 'PRENC', expect.stringContaining('"valueDateTime":"2034-05-22T07:30:00+08:00"')]);
  });

  it('#22 → #24 the ED duplicate merged: registered 00:20 on 18 May (+08:00) under KRG6200150; after the A40 that record inactive, replaced-by the FIN holder\'s, who replaces it; the A03 finishes the ED visit under the survivor [v2.5.1 3.3.40; FHIR R4 Patient.link]', () => {
    expect((one('22', 'Encounter', 'KRGV6200150-01').period as Json).start).toBe('2034-05-18T00:20:00+08:00');
    const survivor = patient('23', 'KRG6200142');
    const retired = patient('23', 'KRG6200150');
    expect([retired.active, text(retired.link)]).toEqual([false, expect.stringContaining(`"reference":"${ref(survivor)}"},"type":"replaced-by"`)]);
    expect(text(survivor.link)).toContain(`"reference":"${ref(retired)}"},"type":"replaces"`);
    const ed = one('24', 'Encounter', 'KRGV6200150-01');
    expect([ed.status, refOf(ed.subject), (ed.period as Json).end]).toEqual(['finished', ref(patient('24', 'KRG6200142')), '2034-05-18T11:30:00+08:00']);
    expect(text(patient('24', 'KRG6200142').link)).toContain('"type":"replaces"');
  });

  // R62-L2: #22 registered the duplicate with his passport (PID-3 BR0817263^^^BGD^PPN); #23's A40 names the retired
  // record by its MRN alone (MRG-1) and PUTs it whole from MRG-1 + the survivor's PID: the passport the server held is
  // erased, and no Patient carries it (a search by the passport finds nobody). hig's merge rule (review 57 R57-N1):
  // "its full PUT no longer erases the person the server held under the retired number" [IG PID[Patient] #3].
  it('R62-L2 control: after #22 the duplicate record holds the passport', () => {
    expect(text(patient('22', 'KRG6200150').identifier)).toContain('"value":"BR0817263"');
  });
  it('R62-L2 #23 → #24: the passport BR0817263 is still held on the person\'s records after the merge (the retired one, or the survivor)', () => {
    for (const n of ['23', '24']) expect(withId(n, 'Patient', 'BR0817263')).toHaveLength(1);
  });
});
