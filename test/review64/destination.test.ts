/**
 * Review 64 (issue 14): the whole sample (docs/review64/messages/, 01 → 24 in order) of a maternity and children's
 * hospital in the United Arab Emirates: registration (QSMPAS ADT 2.5.1, MSH-18 UNICODE UTF-8, Emirates ID beside the
 * MRN, Arabic names in a second PID-5 repetition), laboratory (QSMLIS ORU^R01), nursing (QSMNUR ORU^R01 APGAR / birth
 * weight) and the immunization module (QSMIMM VXU^V04), converted on ONE Asia/Dubai channel (GST +04:00, no daylight
 * saving; every MSH-7 +0400, the inner times bare) and delivered as FHIR transactions to the in-repo test FHIR server;
 * what the server holds after each message, read against the messages and the IG rows named. The focus: mother ↔
 * newborn links (PID-21, NK1 MTH / FTH, PID-24 / PID-25), the newborn's identity through renaming (A08) and a merge
 * (A40), and immunization semantics (given, deleted RXA-21 D, refused RXA-20 RE). Expected values are the messages',
 * written by hand.
 *
 *   npx vitest run test/review64/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review64/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Asia/Dubai' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
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
const relatives = (n: string, mrn: string) => ofType(n, 'RelatedPerson').filter((r) => refOf(r.patient) === ref(patient(n, mrn)));
const mothers = (n: string, mrn: string) => relatives(n, mrn).filter((r) => text(r.relationship).includes('"code":"MTH"'));
const doses = (n: string, mrn: string) => ofType(n, 'Immunization').filter((i) => refOf(i.patient) === ref(patient(n, mrn)));
const dose = (n: string, number: string) => one(n, 'Immunization', number);
const places = (n: string, visit: string) => ((one(n, 'Encounter', visit).location as Json[] | undefined) ?? []).map((l) => {
  const loc = byRef(n, l.location);
  const room = loc?.partOf === undefined ? undefined : byRef(n, loc.partOf);
  const ward = room?.partOf === undefined ? undefined : byRef(n, room.partOf);
  return [(ward?.identifier as Json[] | undefined)?.[0]?.value, (room?.identifier as Json[] | undefined)?.[0]?.value, l.status];
});

describe('review 64 at the destination (channel zone Asia/Dubai, June 2034, GST +04:00)', () => {
  it('24 transactions accepted, none refused; six records by the QSM MRN (two mothers, three newborns, the NICU duplicate); the Emirates ID (NNARE) and the passport beside the mothers\' MRN [IG PID[Patient] #3]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(6);
    expect(text(patient('24', 'QSM64000101').identifier)).toContain('"value":"784-1996-4071852-6"');
    const devika = text(patient('24', 'QSM64000127').identifier);
    expect([devika.includes('"value":"784-1993-8815306-8"'), devika.includes('"value":"W5817340"')]).toEqual([true, true]);
  });

  it('#01 the Arabic name beside the Latin one: AL RUMAITHI / SHAMSA KHALFAN and الرميثي / شمسة خلفان, read as UTF-8 [IG XPN[HumanName] #1, #2]', () => {
    const names = patient('01', 'QSM64000101').name as Json[];
    expect(names.map((x) => [x.family, x.given])).toEqual([['AL RUMAITHI', ['SHAMSA', 'KHALFAN']], ['الرميثي', ['شمسة', 'خلفان']]]);
  });

  it('#02 antenatal serology and group: HBsAg negative, HIV non-reactive, rubella IgG 48 IU/mL, group O, RhD positive, antibody screen negative [IG OBX[Observation] #5 CWE / NM]', () => {
    expect(codes(result('02', 'L64-0604-0311', '5196-1').valueCodeableConcept)).toEqual(['260385009']);
    expect((result('02', 'L64-0604-0311', '5334-8').valueQuantity as Json).value).toBe(48);
    expect(codes(result('02', 'L64-0604-0312', '883-9').valueCodeableConcept)).toEqual(['58460004']);
    expect(codes(result('02', 'L64-0604-0312', '890-4').valueCodeableConcept)).toEqual(['260385009']);
  });

  it('#03 → #07 → #13 the mother\'s labour stay: admitted 01:40 +04:00 (UTC the day before), the A02 makes the postnatal ward active and the labour room completed, the A03 finishes it 13 June 12:15 [IG PV1[Encounter] #3, #6, #44, #45]', () => {
    const stay3 = one('03', 'Encounter', 'QSMV64000101-02');
    expect([stay3.status, (stay3.period as Json).start, codes(stay3.type && (stay3.type as Json[])[0])]).toEqual(['in-progress', '2034-06-11T01:40:00+04:00', ['L']]);
    expect(places('07', 'QSMV64000101-02')).toEqual([['PNW', 'P3-08', 'active'], ['LDR', 'LDR07', 'completed']]);
    const stay13 = one('13', 'Encounter', 'QSMV64000101-02');
    expect([stay13.status, (stay13.period as Json).end]).toEqual(['finished', '2034-06-13T12:15:00+04:00']);
  });

  it('#04 the newborn: born 03:12 +04:00 on 11 June (UTC 10 June), birthDate 2034-06-11 with the birth time, not a multiple birth, a newborn inpatient stay in the Well Baby Nursery [IG PID[Patient] #7, #24; PV1[Encounter] #2, #4]', () => {
    const baby = patient('04', 'QSM64000119');
    expect([baby.birthDate, text(baby._birthDate), baby.multipleBirthBoolean, baby.gender]).toEqual(['2034-06-11', expect.stringContaining('"valueDateTime":"2034-06-11T03:12:00+04:00"'), false, 'female']);
    const stay = one('04', 'Encounter', 'QSMV64000119-01');
    expect([stay.status, (stay.class as Json).code, codes((stay.type as Json[])[0]), (stay.period as Json).start]).toEqual(['in-progress', 'IMP', ['N'], '2034-06-11T03:12:00+04:00']);
  });

  it('#04 the father: one RelatedPerson FTH of the newborn, with his Emirates ID and both names [IG NK1[RelatedPerson] #2, #3, #33]', () => {
    const father = relatives('04', 'QSM64000119').filter((r) => text(r.relationship).includes('"code":"FTH"'));
    expect(father).toHaveLength(1);
    expect([text(father[0]?.identifier).includes('784-1991-2268417-0'), (father[0]?.name as Json[]).length]).toEqual([true, 2]);
  });

  it('#04 the mother (control): a RelatedPerson MTH of the newborn named SHAMSA with her Emirates ID, and one carrying her MRN QSM64000101 (PID-21) [IG PID[Patient] #21; NK1[RelatedPerson] #2, #3, #33]', () => {
    const ms = mothers('04', 'QSM64000119');
    expect(ms.some((m) => text(m.name).includes('SHAMSA') && text(m.identifier).includes('784-1996-4071852-6'))).toBe(true);
    expect(ms.some((m) => text(m.identifier).includes('"value":"QSM64000101"'))).toBe(true);
  });

  it('#05 APGAR 8 at 1 minute and 9 at 5 minutes, birth weight 3120 g, on the newborn (not the mother) [IG OBX[Observation] #3, #5, #6, #14]', () => {
    const nbdel = report('05', 'QSMN64000119-1');
    expect(refOf(nbdel.subject)).toBe(ref(patient('05', 'QSM64000119')));
    expect([(result('05', 'QSMN64000119-1', '9272-6').valueQuantity as Json).value, (result('05', 'QSMN64000119-1', '9274-2').valueQuantity as Json).value]).toEqual([8, 9]);
    const bw = result('05', 'QSMN64000119-1', '8339-4');
    expect([(bw.valueQuantity as Json).value, (bw.valueQuantity as Json).code, bw.effectiveDateTime]).toEqual([3120, 'g', '2034-06-11T03:20:00+04:00']);
  });

  it('#06 cord gas pH 7.24, base excess −6.2 mmol/L; cord group A RhD positive, DAT positive flagged A [IG OBX[Observation] #5, #6, #8]', () => {
    expect((result('06', 'L64-0611-0042', '28644-3').valueQuantity as Json).value).toBe(7.24);
    expect((result('06', 'L64-0611-0042', '28638-5').valueQuantity as Json).value).toBe(-6.2);
    const dat = result('06', 'L64-0611-0043', '1007-4');
    expect([codes(dat.valueCodeableConcept), codes((dat.interpretation as Json[])[0])]).toEqual([['10828004'], ['A']]);
  });

  it('#08 hepatitis B and BCG given: two completed Immunizations of the newborn, lot / expiry / manufacturer, 09:45 and 09:50 +04:00, primary source, the newborn\'s stay; the HepB dose with eligibility, funding and the VIS [IG RXA[Immunization] #3, #5, #6, #7, #9, #15, #16, #17, #20; VXU_V04 OBSERVATION]', () => {
    const hepb = dose('08', 'QSMI64000119-1');
    expect([hepb.status, codes(hepb.vaccineCode), hepb.occurrenceDateTime, hepb.lotNumber, hepb.expirationDate, hepb.primarySource]).toEqual(['completed', ['08'], '2034-06-11T09:45:00+04:00', 'HB34K017A', '2036-03-31', true]);
    expect(refOf(hepb.patient)).toBe(ref(patient('08', 'QSM64000119')));
    expect(refOf(hepb.encounter)).toBe(ref(one('08', 'Encounter', 'QSMV64000119-01')));
    expect(text(byRef('08', hepb.manufacturer))).toContain('"value":"MSD"');
    expect([codes((hepb.programEligibility as Json[])[0]), codes(hepb.fundingSource), (hepb.education as Json[])[0]?.presentationDate]).toEqual([['UAENAT'], ['GOV'], '2034-06-11']);
    const bcg = dose('08', 'QSMI64000119-2');
    expect([bcg.status, codes(bcg.vaccineCode), codes(bcg.route), codes(bcg.site)]).toEqual(['completed', ['19'], ['IDINJ', 'ID'], ['LD']]);
    expect(doses('08', 'QSM64000119')).toHaveLength(2);
  });

  it('#09 → #10 the A08 renames BABY OF SHAMSA to HESSA RASHED: the same Patient (same MRN, id), official name HESSA with the Arabic حصة beside, no BABY OF name as official; birth data, results and doses still on it [IG PID[Patient] #5; hig A08 row]', () => {
    const before = patient('09', 'QSM64000119');
    const baby = patient('10', 'QSM64000119');
    expect(ref(baby)).toBe(ref(before));
    expect((baby.name as Json[]).map((x) => [x.use, x.family, x.given])).toEqual([['official', 'AL RUMAITHI', ['HESSA', 'RASHED']], ['official', 'الرميثي', ['حصة', 'راشد']]]);
    expect(text(baby._birthDate)).toContain('2034-06-11T03:12:00+04:00');
    expect(doses('10', 'QSM64000119').map((d) => d.status)).toEqual(['completed', 'completed']);
    expect(refOf(report('10', 'L64-0612-0108').subject)).toBe(ref(baby));
  });

  it('#10 the A08 leaves the newborn\'s stay in progress in the nursery (status not conveyed by an A08) [IG Event[EncounterStatus]; hig held status]', () => {
    const stay = one('10', 'Encounter', 'QSMV64000119-01');
    expect([stay.status, (stay.period as Json).start]).toEqual(['in-progress', '2034-06-11T03:12:00+04:00']);
  });

  it('#11 → #12 the 52-hour bilirubin corrected 247 → 274 µmol/L on the same Observation (corrected, H), the report corrected; the 30-hour result untouched [IG OBX[Observation] #11 C, #8; OBR[DiagnosticReport] #25 C]', () => {
    const b11 = result('11', 'L64-0613-0021', '14631-6');
    const b12 = result('12', 'L64-0613-0021', '14631-6');
    expect([ref(b12), b12.status, (b12.valueQuantity as Json).value, codes((b12.interpretation as Json[])[0])]).toEqual([ref(b11), 'corrected', 274, ['H']]);
    expect(report('12', 'L64-0613-0021').status).toBe('corrected');
    expect((result('12', 'L64-0612-0108', '14631-6').valueQuantity as Json).value).toBe(176);
  });

  it('#14 the newborn discharged 14 June 16:30 +04:00 [IG Event[EncounterStatus] A03; PV1[Encounter] #45]', () => {
    const stay = one('14', 'Encounter', 'QSMV64000119-01');
    expect([stay.status, (stay.period as Json).end]).toEqual(['finished', '2034-06-14T16:30:00+04:00']);
  });

  it('#16 / #17 the twins: birth order 1 and 2 (multipleBirthInteger), born 14:26 and 14:29 +04:00, each a newborn stay in the NICU [IG PID[Patient] #24, #25]', () => {
    const t1 = patient('17', 'QSM64000135');
    const t2 = patient('17', 'QSM64000143');
    expect([t1.multipleBirthInteger, t2.multipleBirthInteger, t1.gender, t2.gender]).toEqual([1, 2, 'male', 'female']);
    expect([text(t1._birthDate).includes('14:26:00+04:00'), text(t2._birthDate).includes('14:29:00+04:00')]).toEqual([true, true]);
    expect(places('17', 'QSMV64000143-01')).toEqual([['NICU', 'NC-05', 'active']]);
  });

  it('#18 twin 2\'s APGAR 6 (L) / 8, birth weight 1980 g [IG OBX[Observation] #5, #8]', () => {
    const apgar1 = result('18', 'QSMN64000143-1', '9272-6');
    expect([(apgar1.valueQuantity as Json).value, codes((apgar1.interpretation as Json[])[0])]).toEqual([6, ['L']]);
    expect((result('18', 'QSMN64000143-1', '8339-4').valueQuantity as Json).value).toBe(1980);
  });

  it('#19 → #21 the NICU duplicate merged: after the A40 QSM64000150 inactive, replaced-by twin 2, who replaces it; twin 2 keeps birth order 2 and her name [v2.5.1 3.3.40; FHIR R4 Patient.link]', () => {
    const dup = patient('21', 'QSM64000150');
    const t2 = patient('21', 'QSM64000143');
    expect([dup.active, text(dup.link)]).toEqual([false, expect.stringContaining(`"reference":"${ref(t2)}"},"type":"replaced-by"`)]);
    expect(text(t2.link)).toContain(`"reference":"${ref(dup)}"},"type":"replaces"`);
    expect([t2.multipleBirthInteger, (t2.name as Json[])[0]?.given]).toEqual([2, ['BABY 2 OF DEVIKA']]);
    expect(t2.active).not.toBe(false);
  });

  it('#22 → #23 twin 1\'s BCG deleted (RXA-21 D): the same Immunization now entered-in-error, its first recorded time kept; the hepatitis B dose still completed [IG RXA[Immunization] #21, #22]', () => {
    const bcg22 = dose('22', 'QSMI64000135-2');
    const bcg23 = dose('23', 'QSMI64000135-2');
    expect([ref(bcg23), bcg23.status, bcg23.recorded]).toEqual([ref(bcg22), 'entered-in-error', '2034-06-14T10:10:00+04:00']);
    expect(dose('23', 'QSMI64000135-1').status).toBe('completed');
    expect(doses('23', 'QSM64000135')).toHaveLength(2);
  });

  it('#24 twin 2 (the surviving MRN): hepatitis B completed; BCG refused: not-done, statusReason 00 parental decision (NIP002), no lot [IG RXA[Immunization] #18, #20]', () => {
    const t2 = patient('24', 'QSM64000143');
    const hepb = dose('24', 'QSMI64000143-1');
    const bcg = dose('24', 'QSMI64000143-2');
    expect([refOf(hepb.patient), hepb.status, refOf(bcg.patient), bcg.status, codes(bcg.statusReason), bcg.lotNumber]).toEqual([ref(t2), 'completed', ref(t2), 'not-done', ['00'], undefined]);
    expect(withId('24', 'Immunization', 'QSMI64000143-2')).toHaveLength(1);
  });
});

describe('review 64: the mother of a newborn at the destination (R64-N1, a note)', () => {
  // R64-N1: #04 PID-21 QSM64000101^^^QSM^MR (the mother's MRN) and NK1|1|AL RUMAITHI^SHAMSA…|MTH|…|NK1-33 her Emirates ID: one
  // woman, the patient's only NK1 saying MTH. v2.5.1 3.4.2.21 "Mother's Identifier … used as a link field for newborns";
  // an MRN of QSM and an Emirates ID of UAEICP are two namespaces, which prove neither two people nor one.
  it('R64-N1 #04 / #16 one mother per newborn: the RelatedPerson MTH named by the NK1 carries PID-21\'s MRN (no second, nameless mother) [IG PID[Patient] #21; NK1[RelatedPerson] #3; hig mother rule]', () => {
    for (const [n, mrn, mother] of [['04', 'QSM64000119', 'QSM64000101'], ['16', 'QSM64000135', 'QSM64000127']] as const) {
      const ms = mothers(n, mrn);
      expect(ms.map((m) => [text(m.identifier).includes(`"value":"${mother}"`), m.name !== undefined])).toEqual([[true, true]]);
    }
  });
});
