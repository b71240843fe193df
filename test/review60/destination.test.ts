/**
 * Review 60 (issue 14): the whole sample (docs/review60/messages/, 01 → 24 in order) of a Brazilian private hospital
 * group in São Paulo (HJPTASY ADT / ORM / RDE, ISO 8859-1 bytes with MSH-18 8859/1) and its clinical laboratory and
 * bedside eMAR (LIPRLIS ORU, HJPBEIRA RAS, UTF-8 with MSH-18 UNICODE UTF-8), converted on ONE America/Sao_Paulo channel
 * (BRT -03:00, no daylight saving since 2019; every MSH-7 -0300, the inner times bare) and delivered as FHIR
 * transactions to the in-repo test FHIR server; what the server holds after each message, read against the messages
 * and the IG rows named. The focus: the patients by MRN with CPF (TAX) and CNS (NH), accented names through both
 * charsets, the operadora's Coverage (ANS number), the inpatient visit through A01 / A02 / A03 / A13 / A03, lab orders
 * (one cancelled) and results (one corrected, a culture with its antibiograma), the RDE / RAS pair, and the A40 merge
 * with A11 / A08 / A03 after it. Expected values are the messages', written by hand.
 *
 *   npx vitest run test/review60/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review60/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'America/Sao_Paulo' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const byRef = (n: string, r: unknown) => (after.get(n) ?? []).find((x) => ref(x) === refOf(r));
const visit = (n: string, vn: string) => one(n, 'Encounter', vn);
const activeAt = (n: string, e: Json) => ((e.location as Json[] | undefined) ?? []).filter((l) => l.status === 'active').map((l) => (byRef(n, l.location) as Json | undefined)?.name);
const report = (n: string, filler: string) => withId(n, 'DiagnosticReport', filler).find((r) => text(r.identifier).includes(`"code":"FILL"}]},"value":"${filler}"`)) as Json;
const results = (n: string, filler: string) => ((report(n, filler).result as Json[] | undefined) ?? []).map((r) => byRef(n, r) as Json);
const result = (n: string, filler: string, loinc: string) => results(n, filler).find((o) => codes(o.code).includes(loinc)) as Json;
const order = (n: string, placer: string, code: string) => withId(n, 'ServiceRequest', placer).filter((s) => codes(s.code).includes(code));
const coverages = (n: string, mrn: string) => ofType(n, 'Coverage').filter((c) => refOf(c.beneficiary) === ref(patient(n, mrn)));
const payorName = (n: string, c: Json) => String((byRef(n, (c.payor as Json[])[0]) as Json | undefined)?.name ?? '-');
const ofPayor = (n: string, mrn: string, name: string) => coverages(n, mrn).filter((c) => payorName(n, c) === name);
const qty = (o: Json) => o.valueQuantity as Json;

const MARIA = 'HJP0060011';
const JOAO = 'HJP0060029';
const SEB = 'HJP0060038';
const SEB_DUP = 'HJP0060046';

describe('review 60 at the destination (channel zone America/Sao_Paulo, May 2034, BRT -03:00)', () => {
  it('24 transactions accepted, none refused; four Patient records (three persons and the ED duplicate), each by the HJP MRN, the CPF (TAX, RFB) and the CNS (NH) beside it [IG PID[Patient] #3; CX[Identifier] #4, #5]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(4);
    const maria = patient('24', MARIA);
    const ids = (maria.identifier as Json[]).map((i) => [codes(i.type)[0], i.value, (i.assigner as Json | undefined)?.display]);
    expect(ids).toEqual([['MR', MARIA, 'HJP'], ['TAX', '31860425771', 'RFB'], ['NH', '204138760150003', 'CNS']]);
  });

  it('accents through both charsets: the Latin-1 A01 (#01, MSH-18 8859/1) and the UTF-8 ORU (#03, UNICODE UTF-8) write the same name to the same Patient; the mother\'s maiden name ARAÚJO; the ward "Clínica Médica 5º andar" [v2.5.1 2.15.9.18; IG PID[Patient] #5, #6]', () => {
    const p01 = patient('01', MARIA);
    const p03 = patient('03', MARIA);
    expect(ref(p03)).toBe(ref(p01));
    for (const p of [p01, p03]) expect((p.name as Json[])[0]).toMatchObject({ family: 'ARAÚJO GONÇALVES', given: ['MARIA DA CONCEIÇÃO'] });
    expect(text(p01.extension)).toContain('"valueString":"ARAÚJO"');
    expect(text(p01.address)).toContain('"city":"São Paulo"');
    expect(text(ofType('01', 'Location'))).toContain('Clínica Médica 5º andar');
    expect((patient('11', JOAO).name as Json[])[0]).toMatchObject({ family: 'ASSUNÇÃO FALCÃO' });
  });

  it('#01 A01 at 21:50 local keeps its local date (00:50 UTC on the 9th): the visit in-progress, inpatient, from 2034-05-08T21:50:00-03:00 [IG PV1[Encounter] #2, #44; Event[EncounterStatus] A01]', () => {
    const v = visit('01', 'HJPV0060011-01');
    expect([v.status, (v.class as Json).code, (v.period as Json).start]).toEqual(['in-progress', 'IMP', '2034-05-08T21:50:00-03:00']);
  });

  it('#01 the operadora\'s Coverage: payor Paulista Vida Saúde S.A. by its ANS number 412087 (NIIP), plan PVS-EXN, the company contract CT-88210 as class group, card 41208700883165207, valid 2031-01-01 to 2035-12-31, the titular herself (SEL) subscriber and beneficiary, her CPF in the subscriberId extension [IG IN1[Coverage] #2, #3, #4, #12, #13, #17, #49]', () => {
    const [pvs] = ofPayor('01', MARIA, 'Paulista Vida Saúde S.A.');
    expect(ofPayor('01', MARIA, 'Paulista Vida Saúde S.A.')).toHaveLength(1);
    const p = ref(patient('01', MARIA));
    expect([pvs?.status, refOf(pvs?.beneficiary), refOf(pvs?.subscriber), pvs?.subscriberId, pvs?.order]).toEqual(['active', p, p, '41208700883165207', 1]);
    expect(pvs?.period).toEqual({ start: '2031-01-01', end: '2035-12-31' });
    expect(((pvs?.class as Json[]) ?? []).map((k) => [codes(k.type)[0], k.value])).toEqual([['plan', 'PVS-EXN'], ['group', 'CT-88210']]);
    expect(codes(pvs?.relationship)).toContain('self'); // since fix37a (R59-N1) subscriber-relationship self, was table 0063 SEL
    expect(text(pvs?.extension)).toContain('"value":"31860425771"');
    const payor = byRef('01', (pvs?.payor as Json[])[0]) as Json;
    expect(text(payor.identifier)).toContain('"code":"NIIP"');
    expect(text(payor.identifier)).toContain('"value":"412087"');
  });

  it('#01 the daughter a RelatedPerson of Maria by her CPF, relationship DAU and emergency contact [IG NK1[RelatedPerson] #3, #7, #33]', () => {
    const d = one('01', 'RelatedPerson', '40277190690');
    expect(refOf(d.patient)).toBe(ref(patient('01', MARIA)));
    expect(text(d.relationship)).toContain('"code":"DAU"');
    expect((d.name as Json[])[0]).toMatchObject({ family: 'GONÇALVES FERREIRA', given: ['LUCIANA'] });
  });

  it('#02 ORM → #03 ORU: the three orders are three ServiceRequests, active then completed with the lab\'s number beside the ward\'s; glucose 248 mg/dL H, the hemograma four results (Hb 11.2 L, leucócitos 16.8 H) [IG ORC/OBR[ServiceRequest] #2, #3; OBX[Observation] #5, #6, #8]', () => {
    for (const [placer, code] of [['HJPO0060011-1', 'HEMO'], ['HJPO0060011-2', 'GLIJ'], ['HJPO0060011-3', 'CREA']] as const) {
      expect(order('02', placer, code).map((s) => s.status)).toEqual(['active']);
      expect(order('03', placer, code).map((s) => [s.status, ref(s)])).toEqual([['completed', ref(order('02', placer, code)[0])]]);
    }
    expect(text(order('03', 'HJPO0060011-1', 'HEMO')[0]?.identifier)).toContain('"value":"LIPR60-5501"');
    const glu = result('03', 'LIPR60-5502', '1558-6');
    expect([qty(glu).value, qty(glu).code, codes((glu.interpretation as Json[])[0])]).toEqual([248, 'mg/dL', ['H']]);
    expect(results('03', 'LIPR60-5501')).toHaveLength(4);
    const hb = result('03', 'LIPR60-5501', '718-7');
    expect([qty(hb).value, codes((hb.interpretation as Json[])[0])]).toEqual([11.2, ['L']]);
    expect(report('03', 'LIPR60-5501').effectiveDateTime).toBe('2034-05-09T06:10:00-03:00');
  });

  it('#04 A02 to the ICU: the same visit, its active location the UTI room, the ward bed completed; attending Dr Oliveira, admitting Dr Tavares kept [IG PV1[Encounter] #3, #6, #7, #17; Event[EncounterStatus] A02]', () => {
    const v = visit('04', 'HJPV0060011-01');
    expect(ref(v)).toBe(ref(visit('01', 'HJPV0060011-01')));
    expect(v.status).toBe('in-progress');
    expect(activeAt('04', v)).toEqual(['07']);
    const displays = ((v.participant as Json[]) ?? []).map((p) => [codes((p.type as Json[])[0])[0], (p.individual as Json).display]);
    expect(displays).toEqual([['ATND', 'MARCELO OLIVEIRA'], ['ADM', 'RENATA CAMPOS TAVARES']]);
  });

  it('#05 RDE → #06 RAS: the ceftriaxone order 1 g IV every 24 h from 2034-05-09T16:00 to the 16th; the first dose given 16:05–16:38 -03:00 by the nurse, its request the order [hig pharmacy rows; IG TQ1[MedicationRequest], RXR[MedicationRequest], ORC[MedicationAdministration] #12]', () => {
    const rx = one('05', 'MedicationRequest', 'HJPRX0060011-1');
    const dose = (rx.dosageInstruction as Json[])[0] as Json;
    expect([rx.status, rx.intent]).toEqual(['active', 'order']);
    expect(((dose.doseAndRate as Json[])[0] as Json).doseQuantity).toMatchObject({ value: 1, code: 'g' });
    expect((dose.timing as Json).repeat).toMatchObject({ frequency: 1, period: 24, periodUnit: 'h', boundsPeriod: { start: '2034-05-09T16:00:00-03:00', end: '2034-05-16T16:00:00-03:00' } });
    expect(codes(dose.route)).toContain('IV');
    const ma = one('06', 'MedicationAdministration', 'FARM60-22817');
    expect([ma.status, ma.effectivePeriod]).toEqual(['completed', { start: '2034-05-09T16:05:00-03:00', end: '2034-05-09T16:38:00-03:00' }]);
    expect(refOf(ma.request)).toBe(ref(rx));
    expect(text(ma.performer)).toContain('"display":"ANA PAULA CONCEIÇÃO"');
    expect(one('06', 'MedicationRequest', 'HJPRX0060011-1').status).toBe('active');
  });

  // R60-N5: the RAS names the order by ORC-2 and adds the pharmacy's ORC-3; the order's conditional create finds the
  // RDE's MedicationRequest and patched its status only, so the pharmacy's number stayed off the held order, where an
  // ORU's patch adds the lab's filler number to its ServiceRequest (#03 above). Fixed by fix36f (order.ts eventChange).
  it('R60-N5 #06: the held ceftriaxone order carries the pharmacy\'s order number FARM60-22817 (ORC-3) beside the ward\'s, as the lab\'s number joins its ServiceRequest [v2.5.1 ORC-3; IG ORC[MedicationAdministration] #3 / ORC[ServiceRequest] #3]', () => {
    expect(text(one('06', 'MedicationRequest', 'HJPRX0060011-1').identifier)).toContain('"value":"FARM60-22817"');
  });

  it('#03 → #07 creatinine corrected alone: the same Observation, 1.41 H → 1.04 N, status corrected; the report corrected, issued 18:30 -03:00; hemograma and glucose stay final [IG OBX[Observation] #11 C; OBR[DiagnosticReport] #25 C]', () => {
    const c03 = result('03', 'LIPR60-5503', '2160-0');
    const c07 = result('07', 'LIPR60-5503', '2160-0');
    expect([ref(c07), c07.status, qty(c07).value, codes((c07.interpretation as Json[])[0])]).toEqual([ref(c03), 'corrected', 1.04, ['N']]);
    expect([report('07', 'LIPR60-5503').status, report('07', 'LIPR60-5503').issued]).toEqual(['corrected', '2034-05-09T18:30:00-03:00']);
    expect([report('07', 'LIPR60-5501').status, report('07', 'LIPR60-5502').status]).toEqual(['final', 'final']);
  });

  it('#08 A03 in error → #09 A13 → #10 A03: finished 13 May 10:00, back in-progress with no end, finished 16 May 11:20 -03:00; one visit throughout; the Paulista Coverage the same resource [IG Event[EncounterStatus] A03, A13]', () => {
    const at = (n: string) => visit(n, 'HJPV0060011-01');
    expect([at('08').status, (at('08').period as Json).end]).toEqual(['finished', '2034-05-13T10:00:00-03:00']);
    expect([at('09').status, (at('09').period as Json).end, (at('09').hospitalization as Json | undefined)?.dischargeDisposition]).toEqual(['in-progress', undefined, undefined]);
    expect(activeAt('09', at('09'))).toEqual(['07']);
    expect([at('10').status, (at('10').period as Json).end, ref(at('10'))]).toEqual(['finished', '2034-05-16T11:20:00-03:00', ref(at('01'))]);
    expect(ofPayor('10', MARIA, 'Paulista Vida Saúde S.A.').map((c) => c.id)).toEqual(ofPayor('01', MARIA, 'Paulista Vida Saúde S.A.').map((c) => c.id));
  });

  it('#11 A04 João a dependant spouse: the Bandeirantes Coverage (ANS 358912) beneficiary João, subscriber his wife Lúcia Helena (a RelatedPerson by her CPF, IN1-49), relationship SPO [IG IN1[Coverage] #16, #17, #18, #49]', () => {
    const [bsc] = ofPayor('11', JOAO, 'Bandeirantes Saúde Cooperativa Médica');
    const wife = one('11', 'RelatedPerson', '22608451772');
    expect([refOf(bsc?.beneficiary), refOf(bsc?.subscriber), codes(bsc?.relationship).includes('spouse')]).toEqual([ref(patient('11', JOAO)), ref(wife), true]);
    // since fix37a (R59-N1) Coverage.relationship is subscriber-relationship spouse; the wife RelatedPerson keeps SPO
    expect([wife.birthDate, (wife.name as Json[])[0]]).toEqual(['1972-03-18', { family: 'ASSUNÇÃO FALCÃO', given: ['LÚCIA HELENA', 'DE'] }]);
  });

  it('#12 → #13 the fasting glucose cancelled (ORC-1 CA): revoked; the TSH and the urine culture still active [IG OrderControlCode[ServiceRequest.status] CA]', () => {
    expect(order('12', 'HJPO0060029-3', 'GLIJ').map((s) => s.status)).toEqual(['active']);
    expect(order('13', 'HJPO0060029-3', 'GLIJ').map((s) => [s.status, ref(s)])).toEqual([['revoked', ref(order('12', 'HJPO0060029-3', 'GLIJ')[0])]]);
    expect(order('13', 'HJPO0060029-1', 'TSH').map((s) => s.status)).toEqual(['active']);
    expect(order('13', 'HJPO0060029-2', 'URC').map((s) => s.status)).toEqual(['active']);
  });

  it('#14 TSH 7.82 µUI/mL (UCUM u[IU]/mL) H; the order completed [OBX[Observation] #6 via CWE[Quantity]]', () => {
    const tsh = result('14', 'LIPR60-5611', '3016-3');
    expect([qty(tsh).value, qty(tsh).unit, qty(tsh).code, codes((tsh.interpretation as Json[])[0])]).toEqual([7.82, 'µUI/mL', 'u[IU]/mL', ['H']]);
    expect(order('14', 'HJPO0060029-1', 'TSH').map((s) => s.status)).toEqual(['completed']);
  });

  it('#15 → #16 urine culture preliminary → final on one report; Klebsiella pneumoniae (SNOMED 56415008); the antibiograma a child report basedOn the culture order (OBR-29), its MICs derivedFrom the isolate (OBR-26): ampicillin >16 R, ceftriaxone ≤1 S [IG OBR[ServiceRequest] #29; OBX[Observation] #5, #8]', () => {
    expect(report('15', 'LIPR60-5612').status).toBe('preliminary');
    const cul = report('16', 'LIPR60-5612');
    expect([cul.status, ref(cul)]).toEqual(['final', ref(report('15', 'LIPR60-5612'))]);
    const isolate = result('16', 'LIPR60-5612', '630-4');
    expect([isolate.status, codes(isolate.valueCodeableConcept)]).toEqual(['final', ['56415008']]);
    const child = one('16', 'ServiceRequest', 'LIPR60-5612-1');
    expect(text(child.basedOn)).toContain('"value":"LIPR60-5612"');
    const amp = result('16', 'LIPR60-5612-1', '28-1');
    expect([qty(amp).comparator, qty(amp).value, codes((amp.interpretation as Json[])[0]), refOf((amp.derivedFrom as Json[])[0])]).toEqual(['>', 16, ['R'], ref(isolate)]);
    const cro = result('16', 'LIPR60-5612-1', '141-2');
    expect([qty(cro).comparator, qty(cro).value, codes((cro.interpretation as Json[])[0])]).toEqual(['<=', 1, ['S']]);
  });

  it('#17 A08: João\'s new address and mobile replace the old; the card renewed to 2036-06-30 on the same Coverage [IG PID[Patient] #11, #13; IN1[Coverage] #13]', () => {
    const p = patient('17', JOAO);
    expect(text(p.address)).toContain('Rua Simão Álvares, 781');
    expect(text(p.address)).not.toContain('Cônego');
    expect(text(p.telecom)).toContain('+55 11 994417302');
    const bsc = ofPayor('17', JOAO, 'Bandeirantes Saúde Cooperativa Médica');
    expect(bsc.map((c) => [c.id, (c.period as Json).end])).toEqual([[ofPayor('11', JOAO, 'Bandeirantes Saúde Cooperativa Médica')[0]?.id, '2036-06-30']]);
  });

  it('#19 the ED registration at 23:15 local (02:15 UTC on the 18th) keeps its local date; #20 the ED hemograma on the duplicate record, collected 23:40 on the 17th [IG PV1[Encounter] #44; OBR[DiagnosticReport] #7]', () => {
    expect((visit('19', 'HJPV0060046-01').period as Json).start).toBe('2034-05-17T23:15:00-03:00');
    const hm = report('20', 'LIPR60-5720');
    expect([hm.effectiveDateTime, hm.issued, refOf(hm.subject)]).toEqual(['2034-05-17T23:40:00-03:00', '2034-05-18T00:40:00-03:00', ref(patient('20', SEB_DUP))]);
  });

  it('#21 A40: the ED duplicate HJP0060046 inactive, replaced-by Sebastião\'s record, which replaces it [hig merge rule; FHIR R4 Patient.link]', () => {
    const dup = patient('21', SEB_DUP);
    const seb = patient('21', SEB);
    expect([dup.active, (dup.link as Json[]).map((l) => [l.type, refOf(l.other)])]).toEqual([false, [['replaced-by', ref(seb)]]]);
    expect((seb.link as Json[]).map((l) => [l.type, refOf(l.other)])).toEqual([['replaces', ref(dup)]]);
    expect(patient('24', SEB).link).toEqual(seb.link);
  });

  it('#22 A11: the cardiology clinic visit cancelled [IG Event[EncounterStatus] A11]', () => {
    expect(visit('18', 'HJPV0060038-01').status).toBe('planned');
    expect(visit('22', 'HJPV0060038-01').status).toBe('cancelled');
  });

  it('#23 A08 → #24 A03 on the survivor: the ED visit now Sebastião\'s (the same Encounter), finished 2034-05-18T14:40:00-03:00 [IG Event[EncounterStatus] A03; hig merged-record search]', () => {
    const v = visit('24', 'HJPV0060046-01');
    expect([ref(v), refOf(v.subject), v.status, (v.period as Json).end]).toEqual([ref(visit('19', 'HJPV0060046-01')), ref(patient('24', SEB)), 'finished', '2034-05-18T14:40:00-03:00']);
  });

  // R60-N3 (documented: "after a merge (A40) the resource keeps its URL and is moved by its subject reference (the
  // Patient link)"): the duplicate's hemograma and order stay under the retired record; a receiver follows the link.
  it('R60-N3 control: after the A40 the ED hemograma and its order stay under the retired record (documented merge by Patient.link)', () => {
    expect(refOf(report('24', 'LIPR60-5720').subject)).toBe(ref(patient('24', SEB_DUP)));
    expect(order('24', 'HJPO0060046-1', 'HEMO').map((s) => refOf(s.subject))).toEqual([ref(patient('24', SEB_DUP))]);
  });
});
