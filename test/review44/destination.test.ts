/**
 * Review 44 (issue 14): the whole sample (docs/review44/messages/, 01 → 24 in order) converted on a channel in
 * America/Chicago (10–13 March 2029, across the spring-forward of Sunday 11 March: 02:00 CST → 03:00 CDT) and
 * delivered as FHIR transactions to the in-repo test FHIR server (test/support/fhir-server.ts); what the server holds
 * after each message, read against the messages and the IG rows named: which child each visit, order, result, ELR
 * report, dose and vaccine lands on, the guardians (NK1, PID-21), the weight-based doses with their weights, the ED
 * visit that ends after the change, the skipped-hour draws, the corrected reportable result and the cancelled test.
 *
 *   npx vitest run test/review44/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review44/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Chicago' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const teodora = () => one('24', 'Patient', 'CV4400101');
const odalys = () => one('24', 'Patient', 'CV4400102');
const benedikt = () => one('24', 'Patient', 'CV4400103');
const newborn = () => one('24', 'Patient', 'CV4400104');
const coded = (n: string, type: string, code: string) => ofType(n, type).filter((r) => text(r.code).includes(`"code":"${code}"`));
const ms = (t: unknown) => Date.parse(String(t));

describe('review 44 at the destination (channel zone America/Chicago, across the 11 March 2029 spring-forward)', () => {
  it('24 transactions accepted; none refused; four children, the clinic MRN on Benedikt\'s one Patient [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
    expect(ofType('24', 'Patient')).toHaveLength(4);
    expect(text(benedikt().identifier)).toContain('"value":"MV4400903"');
  });

  it('guardians: the mother named by PID-21 and NK1-33 is one RelatedPerson per child with her MRN; the father a second [IG PID[RelatedPerson] #21; NK1[RelatedPerson] #2, #3, #33]', () => {
    const mothers = ofType('24', 'RelatedPerson').filter((r) => refOf(r.patient) === ref(odalys()) && text(r.relationship).includes('"MTH"'));
    expect(mothers).toHaveLength(1);
    expect(text(mothers[0]?.identifier)).toContain('"value":"CV4400192"');
    expect(ofType('24', 'RelatedPerson').filter((r) => refOf(r.patient) === ref(newborn()))).toHaveLength(2);
    expect(text(one('23', 'RelatedPerson', 'CV4400194').name)).toContain('WILHELMINA');
  });

  // R44-N6 (fixed on branch fix31e): #02 (OML), #04 (ORU) and #13 (A03) carry Teodora's PID-21 CV4400191 without an NK1
  it('R44-N6: Teodora\'s mother keeps the name and callback phone #01\'s NK1 gave her through the OML, ORU and A03 that send PID-21 alone [IG PID[Patient] #21; NK1[RelatedPerson] #2, #5]', () => {
    for (const n of ['01', '02', '04', '13']) {
      const mother = one(n, 'RelatedPerson', 'CV4400191');
      expect(text(mother.name), `after #${n}`).toContain('"given":["KEALOHA","MARIT"]');
      expect(text(mother.telecom), `after #${n}`).toContain('5550145');
      expect(text(mother.address), `after #${n}`).toContain('11 Ballas Ct');
    }
  });

  it('the newborn named by the A08 (#23): official name ELODIE, the birth name BABYGIRL kept beside it [IG PID[Patient] #5; XPN[HumanName] #7]', () => {
    expect(text(one('12', 'Patient', 'CV4400104').name)).toContain('BABYGIRL');
    const names = newborn().name as Json[];
    expect(names[0]).toMatchObject({ use: 'official', given: ['ELODIE', 'MAREN'] });
    expect(text(names)).toContain('BABYGIRL');
  });

  it('Teodora\'s ED visit across the change: finished 02:55 read at -05:00 (the only reading before its MSH-7 03:10-0500), started 18:05 CST, disposition 09 [IG PV1[Encounter] #36, #44, #45]', () => {
    const ed = one('24', 'Encounter', 'CVV4400101');
    expect(ed.status).toBe('finished');
    expect(ed.period).toEqual({ start: '2029-03-10T18:05:00-06:00', end: '2029-03-11T02:55:00-05:00' });
    expect(text((ed.hospitalization as Json).dischargeDisposition)).toContain('"code":"09"');
    expect(one('24', 'Encounter', 'CVV4400103').status).toBe('finished');
  });

  it('Odalys\'s visit keeps the A04\'s status through the A08 (#08, IG A08 unknown → the held status) [IG Event[EncounterStatus] A04 planned, A08 unknown]', () => {
    const v = one('08', 'Encounter', 'CVV4400102');
    expect(v.status).toBe('planned');
    expect((v.period as Json).start).toBe('2029-03-10T23:10:00-06:00');
  });

  it('weight-based doses: 2.3 mg, 51 mg and 495 mg, each with the weight the order group sent as supportingInformation [RXE (hig); RDE_O11 OBX → supportingInformation]', () => {
    const dose = (n: string, num: string) => one(n, 'MedicationRequest', num);
    for (const [n, num, mg, kg] of [['03', 'PX44-0301', 2.3, 15.2], ['11', 'PX44-1101', 51, 5.1], ['19', 'PX44-1901', 495, 19.8]] as const) {
      const mr = dose('24', num);
      expect(text(mr.dosageInstruction)).toContain(`"doseQuantity":{"value":${mg},`);
      const w = ofType(n, 'Observation').find((o) => text(mr.supportingInformation).includes(`/${String(o.id)}"`));
      expect((w?.valueQuantity as Json).value).toBe(kg);
    }
    expect(text(dose('24', 'PX44-1101').dosageInstruction)).toContain('"start":"2029-03-11T04:00:00-05:00"');
  });

  it('critical values: K 2.7 LL and WBC 42.6 HH with their call notes, on the right child [IG OBX[Observation] #8; NTE[Observation]]', () => {
    const k = coded('24', 'Observation', '2823-3')[0] as Json;
    expect(text(k.interpretation)).toContain('"code":"LL"');
    expect(text(k.note)).toContain('CRITICAL');
    expect(refOf(k.subject)).toBe(ref(teodora()));
    const wbc = coded('24', 'Observation', '6690-2').filter((o) => refOf(o.subject) === ref(odalys()));
    expect(wbc.map((o) => (o.valueQuantity as Json).value)).toEqual([42.6]);
  });

  it('skipped hour, no contradiction: the blood gas drawn at a bare 02:50 (MSH-7 bare 03:55) is 02:50-06:00, before the message [DTM[dateTime] #1; mapping.md "Hours a zone repeats or skips"]', () => {
    const gas = one('24', 'DiagnosticReport', 'PG44-1001');
    expect(gas.effectiveDateTime).toBe('2029-03-11T02:50:00-06:00');
    expect(ms(gas.effectiveDateTime)).toBeLessThanOrEqual(ms(gas.issued));
  });

  it('newborn multi-panel: three reports, bilirubin 21.4 HH, DAT positive with the blood bank note, all on the newborn [IG OBR[DiagnosticReport]; OBX[Observation] #5, #8]', () => {
    const drs = ['CL44-1201', 'CL44-1202', 'CL44-1203'].map((f) => one('24', 'DiagnosticReport', f));
    for (const d of drs) expect(refOf(d.subject)).toBe(ref(newborn()));
    const tbili = coded('24', 'Observation', '1975-2')[0] as Json;
    expect((tbili.valueQuantity as Json).value).toBe(21.4);
    expect(text(tbili.interpretation)).toContain('"code":"HH"');
    expect(one('24', 'DiagnosticReport', 'CL44-1203').effectiveDateTime).toBe('2029-03-11T01:55:00-06:00');
  });

  it('ELR stool culture: Salmonella (#14), corrected in place to Shigella sonnei (#24): one report and one Observation per OBX-3, status corrected, the collection on the CST clock [IG OBR[DiagnosticReport] #25 C; OBX[Observation] #5, #11 C; SPM[Specimen] #17]', () => {
    expect(text(coded('14', 'Observation', '625-4')[0]?.valueCodeableConcept)).toContain('"code":"27268008"');
    const dr = one('24', 'DiagnosticReport', 'CE44-1401');
    expect(dr.status).toBe('corrected');
    const iso = coded('24', 'Observation', '625-4');
    expect(iso).toHaveLength(1);
    expect(iso[0]?.status).toBe('corrected');
    expect(text(iso[0]?.valueCodeableConcept)).toContain('"code":"43612004"');
    expect(iso[0]?.effectiveDateTime).toBe('2029-03-10T19:20:00-06:00');
    const spec = ofType('24', 'Specimen').find((s) => text(s.identifier).includes('CL44-1401S')) as Json;
    expect((spec.collection as Json).collectedDateTime).toBe('2029-03-10T19:20:00-06:00');
  });

  it('ELR pertussis PCR (reference lab, offsets everywhere): organism in CWE, method from OBX-17, performed by the reference lab\'s director at that lab, ordered by the hospital [IG OBX[Observation] #17, #23, #25; ORC[ServiceRequest] #21]', () => {
    const pcr = coded('24', 'Observation', '23826-1')[0] as Json;
    expect(text(pcr.valueCodeableConcept)).toContain('"code":"5247005"');
    expect(text(pcr.method)).toContain('"code":"9718006"');
    expect(pcr.effectiveDateTime).toBe('2029-03-10T23:40:00-06:00');
    const role = ofType('24', 'PractitionerRole').find((r) => text(pcr.performer).includes(`/${String(r.id)}"`)) as Json;
    const lab = ofType('24', 'Organization').find((o) => refOf(role.organization).endsWith(`/${String(o.id)}`)) as Json;
    expect(lab.name).toBe('Northstar Reference Laboratory');
    expect(refOf(pcr.subject)).toBe(ref(odalys()));
  });

  it('cancelled serology: the ORM CA (#16) revokes the order, the lab\'s OC + OBR-25 X (#17) a cancelled report without results [IG ORC[ServiceRequest] #1 CA; OBR[DiagnosticReport] #25 X]', () => {
    expect(one('16', 'ServiceRequest', 'OR44-0602').status).toBe('revoked');
    expect(one('24', 'ServiceRequest', 'OR44-0602').status).toBe('revoked');
    const dr = one('24', 'DiagnosticReport', 'NS44-1702');
    expect(dr.status).toBe('cancelled');
    expect(dr.result).toBeUndefined();
    expect(one('24', 'ServiceRequest', 'OR44-0601').status).toBe('completed');
  });

  it('catch-up vaccines: three Immunizations with VFC V02, public funding and the VIS, each with its own OBX group [IG RXA[Immunization]; OBX 64994-7 → programEligibility, 30963-3 → fundingSource, 69764-9/29769-7 → education]', () => {
    const imms = ofType('24', 'Immunization');
    expect(imms.map((i) => (i.vaccineCode as { coding: Json[] }).coding[0]?.code).sort()).toEqual(['130', '83', '94']);
    for (const i of imms) {
      expect(text(i.programEligibility)).toContain('"code":"V02"');
      expect(text(i.fundingSource)).toContain('"code":"VXC50"');
      expect(text(i.education)).toContain('"presentationDate":"2029-03-12"');
      expect(refOf(i.patient)).toBe(ref(benedikt()));
    }
  });

  it('blood lead from the clinic (bare everywhere): drawn 8 March on CST, reported 12 March on CDT [IG OBX[Observation] #14; OBR[DiagnosticReport] #22]', () => {
    const pb = coded('24', 'Observation', '5671-3')[0] as Json;
    expect(pb.effectiveDateTime).toBe('2029-03-08T10:15:00-06:00');
    expect(pb.issued).toBe('2029-03-12T15:25:00-05:00');
    expect(refOf(pb.subject)).toBe(ref(benedikt()));
  });

  // R44-W1 at the server: the newborn's CBC (#12) collected at a bare 02:35 (skipped) and reported at a bare 03:15 CDT.
  it('R44-W1 at the server: the newborn\'s CBC is not collected after its own result was reported (effective ≤ issued)', () => {
    const cbc = withId('24', 'DiagnosticReport', 'CL44-1202')[0] as Json;
    expect(ms(cbc.effectiveDateTime)).toBeLessThanOrEqual(ms(cbc.issued));
  });
});
