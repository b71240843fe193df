/**
 * Review 52 (issue 14): the whole sample (docs/review52/messages/, 01 → 24 in order) of a US state immunization
 * information system and its submitters (pediatric clinic EHR, retail pharmacy, newborn nursery, school-located
 * clinic, the registry's own historical abstraction), converted on an America/Denver channel across the fall-back of
 * Sunday 7 November 2032 (01:00–01:59 MDT -06:00, then again MST -07:00) and delivered as FHIR transactions to the
 * in-repo test FHIR server; what the server holds after each message, read against the messages and the IG rows named:
 * several doses per VXU each with its own OBX, updates (RXA-21 U) and deletes (RXA-21 D) on the same Immunization,
 * refusals and not-given doses, historical doses, times in the repeated hour, the A31 updates and the A40 merge.
 * Expected values are the messages', written by hand. The defects found are it.fails here and in defects.test.ts.
 *
 *   npx vitest run test/review52/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review52/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Denver' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const dose = (n: string, number: string) => one(n, 'Immunization', number);
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
/** The Observations the server holds as part of that dose [IG VXU_V04 12.6.1 partOf]. */
const doseObs = (n: string, im: Json) => ofType(n, 'Observation').filter((o) => ((o.partOf as Json[] | undefined) ?? []).some((p) => refOf(p) === ref(im)));
const obsCode = (o: Json) => codes(o.code)[0];
/** A patient's doses without a number (historical, refused, not given): by vaccine code and date. */
const numberless = (n: string, mrn: string, cvx: string, date: string) => ofType(n, 'Immunization')
  .filter((i) => refOf(i.patient) === ref(patient(n, mrn)) && codes(i.vaccineCode).includes(cvx) && String(i.occurrenceDateTime).startsWith(date));

describe('review 52 at the destination (channel zone America/Denver, fall-back 7 November 2032)', () => {
  it('24 transactions accepted, none refused; six children, Santiago as two records after the merge [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(after.size).toBe(24);
    expect(ofType('24', 'Patient')).toHaveLength(7);
  });

  it('#02 three doses in one VXU, each with its own OBX: eligibility V02, funding VXC50, VIS (two for DTaP-IPV), every Observation partOf its own dose [IG VXU_V04 12.6.1; CDC IIS IG 64994-7, 30963-3, 69764-9, 29769-7]', () => {
    const dtapIpv = dose('02', 'AH52-88101');
    const mmrv = dose('02', 'AH52-88102');
    const flu = dose('02', 'AH52-88103');
    expect([codes(dtapIpv.vaccineCode), codes(mmrv.vaccineCode), codes(flu.vaccineCode)]).toEqual([['130', '58160-0812-52'], ['94', '00006-4171-00'], ['150', '49281-0422-50']]);
    for (const im of [dtapIpv, mmrv, flu]) {
      expect(im.status).toBe('completed');
      expect(im.primarySource).toBe(true);
      expect((im.programEligibility as Json[]).map(codes)).toEqual([['V02']]);
      expect(codes(im.fundingSource)).toEqual(['VXC50']);
    }
    expect((dtapIpv.education as Json[]).map((e) => e.documentType)).toEqual(['253088698300003511070517', '253088698300017211160720']);
    expect((mmrv.education as Json[]).map((e) => [e.documentType, e.presentationDate])).toEqual([['253088698300012811151026', '2032-10-29']]);
    expect(doseObs('02', dtapIpv)).toHaveLength(6);
    expect(doseObs('02', mmrv)).toHaveLength(4);
    expect(doseObs('02', flu)).toHaveLength(4);
    expect([dtapIpv.lotNumber, dtapIpv.expirationDate, dtapIpv.occurrenceDateTime]).toEqual(['KX7719C', '2033-11-30', '2032-10-29T10:05:00-06:00']);
    expect(text(dtapIpv.site)).toContain('"code":"LT"');
  });

  it('#06 the influenza dose updated (RXA-21 U, same ORC-3): the same Immunization, eligibility V02 → V04, the eligibility Observation corrected in place [IG RXA[Immunization] #21; CDC IIS IG]', () => {
    const flu = dose('06', 'AH52-88103');
    expect(ref(flu)).toBe(ref(dose('02', 'AH52-88103')));
    expect((flu.programEligibility as Json[]).map(codes)).toEqual([['V04']]);
    const elig = doseObs('06', flu).filter((o) => obsCode(o) === '64994-7');
    expect(elig).toHaveLength(1);
    expect(ref(elig[0])).toBe(ref(doseObs('02', dose('02', 'AH52-88103')).find((o) => obsCode(o) === '64994-7')));
    expect(codes(elig[0]?.valueCodeableConcept)).toEqual(['V04']);
  });

  it('R52-W3 #06 the update keeps when the dose was first recorded: recorded stays 29 October 10:12 (RXA-22 of the original) [IG RXA[Immunization] #22: recorded IF RXA-21 EQUALS "A"]', () => {
    expect(dose('06', 'AH52-88103').recorded).toBe('2032-10-29T10:12:00-06:00');
  });

  it('#19 the influenza dose deleted (RXA-21 D): the same Immunization entered-in-error; the DTaP-IPV and MMRV of #02 untouched [IG RXA[Immunization] #21]', () => {
    expect(withId('19', 'Immunization', 'AH52-88103')).toHaveLength(1);
    expect(dose('19', 'AH52-88103').status).toBe('entered-in-error');
    expect(ref(dose('19', 'AH52-88103'))).toBe(ref(dose('02', 'AH52-88103')));
    expect([dose('19', 'AH52-88101').status, dose('19', 'AH52-88102').status]).toEqual(['completed', 'completed']);
  });

  it('#03 the registry\'s abstraction: four historical doses, primarySource false, reportOrigin NIP001 05, no visit; ORC-3 9999 no identifier [IG RXA #9 → CDC IIS IG; ORC[Immunization] #3]', () => {
    const hepb = numberless('03', 'AH52001', '08', '20');
    expect(hepb.map((i) => i.occurrenceDateTime).sort()).toEqual(['2028-10-02', '2028-12-04', '2029-04-10']);
    const hib = numberless('03', 'AH52001', '48', '2029-10-15')[0] as Json;
    expect([hib.status, hib.primarySource, hib.encounter, hib.identifier]).toEqual(['completed', false, undefined, undefined]);
    expect(codes(hib.reportOrigin)).toEqual(['05']);
  });

  it('#09 the school batch (sent 01:15 MST): Tdap; MenACWY partial (PA → isSubpotent) then re-dosed; HPV refused (not-done, NIP002 00); 998 not given with its contraindication and its presumed immunity, each OBX on its own dose; Friday\'s 09:30 at -06:00 [IG RXA #18, #20; CDC IIS IG]', () => {
    expect(dose('09', 'PC52-30091').occurrenceDateTime).toBe('2032-11-05T09:30:00-06:00');
    const partial = dose('09', 'PC52-30092');
    expect([partial.status, partial.isSubpotent, partial.occurrenceDateTime]).toEqual(['completed', true, '2032-11-05T09:34:00-06:00']);
    const redose = dose('09', 'PC52-30093');
    expect([redose.status, redose.isSubpotent]).toEqual(['completed', undefined]);
    const hpv = numberless('09', 'PC52004', '165', '2032-11-05');
    expect(hpv).toHaveLength(1);
    expect([hpv[0]?.status, codes(hpv[0]?.statusReason), (hpv[0]?.statusReason as Json).coding]).toEqual(['not-done', ['00'], [{ system: 'urn:oid:2.16.840.1.114222.4.5.294', code: '00', display: 'Parental decision' }]]);
    const notGiven = numberless('09', 'PC52004', '998', '2032-11-05');
    expect(notGiven.map((i) => i.status)).toEqual(['not-done', 'not-done']);
    expect(notGiven.map((i) => doseObs('09', i).map(obsCode)).sort()).toEqual([['30945-0'], ['59784-9']]);
  });

  it('#22 the HPV given a week later is a dose of its own; the refusal stays [IG RXA #20]', () => {
    expect(dose('22', 'PC52-30121').status).toBe('completed');
    expect(dose('22', 'PC52-30121').occurrenceDateTime).toBe('2032-11-12T10:15:00-07:00');
    expect(numberless('22', 'PC52004', '165', '2032-11-05')[0]?.status).toBe('not-done');
  });

  it('#17 → #18 the school record abstracted (reportOrigin school, NIP001 07), the duplicate MMR deleted: one MMR of 1 March 2022 left completed [IG RXA #21; CDC IIS IG]', () => {
    const mmr = numberless('17', 'PC52004', '03', '2022-03-01');
    expect(mmr.map((i) => i.status)).toEqual(['completed', 'completed']);
    expect(codes(mmr[0]?.reportOrigin)).toEqual(['school', '07']);
    expect(numberless('18', 'PC52004', '03', '2022-03-01').map((i) => i.status).sort()).toEqual(['completed', 'entered-in-error']);
    expect(ofType('18', 'Immunization').filter((i) => refOf(i.patient) === ref(patient('18', 'PC52004')))).toHaveLength(12); // six of the school batch (#09), six historical (#17)
  });

  it('#07 pharmacy, sent 01:24 MDT (first pass): the influenza at a bare 01:20 and MenACWY at 01:22 read at -06:00, before the message; NDC first, CVX beside; RXA-27/28 the store [IG RXA #3, #5, #27, #28]', () => {
    const flu = dose('07', 'BB52-4410071');
    expect([flu.occurrenceDateTime, flu.recorded]).toEqual(['2032-11-07T01:20:00-06:00', '2032-11-07T01:23:00-06:00']);
    expect(codes(flu.vaccineCode)).toEqual(['58160-0909-52', '150']);
    expect(dose('07', 'BB52-4410072').occurrenceDateTime).toBe('2032-11-07T01:22:00-06:00');
    const store = ofType('07', 'Location').find((l) => ref(l) === refOf(flu.location)) as Json;
    expect((store.address as Json).city).toBe('Cortez');
  });

  it('#08 nursery, sent 01:05 MST (second pass): the Eskelsen hep B birth dose at a bare 01:15 is 01:15 MDT, the one reading before the message; recorded 01:18 MDT [hig ordering rule; IG RXA #3, #22]', () => {
    const hepb = dose('08', 'JV52-771208');
    expect([hepb.occurrenceDateTime, hepb.recorded]).toEqual(['2032-11-07T01:15:00-06:00', '2032-11-07T01:18:00-06:00']);
  });

  it('R52-W1 #08 the dose\'s eligibility and funding OBX (OBX-14 the same bare 01:15) are effective with the dose, 01:15 MDT, not 01:15 MST ten minutes after their own message [IG OBX[Observation] #14; hig ordering rule]', () => {
    const obs = doseObs('08', dose('08', 'JV52-771208'));
    expect(obs.map((o) => o.effectiveDateTime)).toEqual(['2032-11-07T01:15:00-06:00', '2032-11-07T01:15:00-06:00']);
  });

  it('#11 the Eskelsen dose re-sent at 02:40 MST (RXA-21 U) with its VIS: the server keeps 01:15 MDT (the held pass), the VIS added to the same dose [hig held pass R41-N1; IG RXA #21]', () => {
    const hepb = dose('11', 'JV52-771208');
    expect(ref(hepb)).toBe(ref(dose('08', 'JV52-771208')));
    expect(hepb.occurrenceDateTime).toBe('2032-11-07T01:15:00-06:00');
    expect((hepb.education as Json[]).map((e) => e.documentType)).toEqual(['253088698300005211120512']);
    expect(doseObs('11', hepb)).toHaveLength(4);
  });

  it('#10 → #12 the Kjellberg-Amadi girl: hep B and HBIG at a bare 01:40 in a message sent 01:52 MST are 01:40 MST; the HBIG lot corrected (sent 07:45) on the same dose, still 01:40 MST at the server [IG RXA #3, #15, #21; hig held pass]', () => {
    expect(dose('10', 'JV52-771215').occurrenceDateTime).toBe('2032-11-07T01:40:00-07:00');
    expect(dose('10', 'JV52-771216').occurrenceDateTime).toBe('2032-11-07T01:40:00-07:00');
    expect(codes(dose('10', 'JV52-771216').vaccineCode)).toEqual(['30', '60492-0024-01']);
    const hbig = dose('12', 'JV52-771216');
    expect(ref(hbig)).toBe(ref(dose('10', 'JV52-771216')));
    expect([hbig.lotNumber, hbig.occurrenceDateTime]).toEqual(['HG2290', '2032-11-07T01:40:00-07:00']);
    expect(dose('12', 'JV52-771215').lotNumber).toBe('EB4471');
  });

  it('#13 the A31 names the girl WREN on the same Patient; birth time 00:32 MDT [IG PID[Patient] #5, #7]', () => {
    const wren = patient('13', 'JV5200031');
    expect(ref(wren)).toBe(ref(patient('10', 'JV5200031')));
    expect(wren.name).toEqual([{ use: 'official', family: 'KJELLBERG-AMADI', given: ['WREN', 'ODALYS'] }]);
    expect(text(wren._birthDate)).toContain('2032-11-07T00:32:00-06:00');
    expect(text(ofType('24', 'Patient'))).not.toContain('BABYGIRL');
  });

  it('#14 the pharmacy\'s update: the same influenza dose, lot 3T9Q2 → 3T9Q7, a reaction (VXC10) whose detail is the 31044-1 Observation partOf that dose, dated 01:35 MDT [IG RXA #15, #21; CDC IIS IG 31044-1 → reaction]', () => {
    const flu = dose('14', 'BB52-4410071');
    expect(ref(flu)).toBe(ref(dose('07', 'BB52-4410071')));
    expect([flu.lotNumber, flu.occurrenceDateTime]).toEqual(['3T9Q7', '2032-11-07T01:20:00-06:00']);
    const reaction = (flu.reaction as Json[])[0] as Json;
    expect(reaction.date).toBe('2032-11-07T01:35:00-06:00');
    const detail = doseObs('14', flu).find((o) => ref(o) === refOf(reaction.detail)) as Json;
    expect([obsCode(detail), codes(detail.valueCodeableConcept)]).toEqual(['31044-1', ['VXC10']]);
  });

  it('#21 the MenACWY deleted: the same Immunization entered-in-error; the influenza dose completed [IG RXA #21]', () => {
    expect(ref(dose('21', 'BB52-4410072'))).toBe(ref(dose('07', 'BB52-4410072')));
    expect(dose('21', 'BB52-4410072').status).toBe('entered-in-error');
    expect(dose('21', 'BB52-4410071').status).toBe('completed');
  });

  it('#15 the A40: the duplicate chart AH52017 retired, replaced-by the surviving chart AH52005, which replaces it [FHIR R4 Patient.link; hig merge rule]', () => {
    const dup = patient('15', 'AH52017');
    const survivor = ofType('15', 'Patient').find((p) => text(p.identifier).includes('"value":"AH52005"')) as Json;
    expect(dup.active).toBe(false);
    expect((dup.link as Json[]).map((l) => [l.type, refOf(l.other)])).toEqual([['replaced-by', ref(survivor)]]);
    expect((survivor.link as Json[]).map((l) => [l.type, refOf(l.other)])).toEqual([['replaces', ref(dup)]]);
  });

  it('#16 → #24 after the merge: the MMRV added and the hep A and influenza of #24 on the surviving record [IG RXA[Immunization]]', () => {
    const survivor = ref(ofType('24', 'Patient').find((p) => text(p.identifier).includes('"value":"AH52005"')));
    for (const number of ['AH52-88158', 'AH52-88190', 'AH52-88191']) {
      expect(refOf(dose('24', number).patient)).toBe(survivor);
      expect(dose('24', number).status).toBe('completed');
    }
    expect(codes(dose('24', 'AH52-88158').vaccineCode)).toEqual(['94', '00006-4171-00']);
  });

  it('R52-W2 #16 the MMR and varicella sent under the retired chart (#05) and deleted after the merge under the surviving chart (same ORC-3) are entered-in-error at the server: one resource each, none left completed [IG RXA[Immunization] #21]', () => {
    for (const number of ['AH52-88140', 'AH52-88141']) {
      expect(withId('16', 'Immunization', number).map((i) => i.status)).toEqual(['entered-in-error']);
    }
  });

  it('#20 the A31: Isadora\'s protection indicator Y (meta.security R), publicity 01 no reminder/recall, the new address [hig PD1 rules; IG PID[Patient] #11]', () => {
    const isadora = patient('20', 'AH52001');
    expect(text(isadora.meta)).toContain('"code":"R"');
    expect(text(isadora.extension)).toContain('"code":"01"');
    expect(text(isadora.address)).toContain('Durango');
    expect(text(isadora.address)).not.toContain('Farmington');
  });
});
