/**
 * Review 69 (issue 14): the whole sample (docs/review69/messages/, 01 → 24 in order) of a Norwegian university
 * hospital — ADT (FUSPAS v2.5, MSH-7 with its offset, inner times bare), order entry (FUSREK OML^O21 v2.5.1, MSH-7 with
 * offset), clinical chemistry (FUSLAB ORU^R01 v2.5.1, every time bare, MSH-7 too) and microbiology (FUSMIK ORU^R01
 * v2.5.1, MSH-7 with offset) — converted on ONE Europe/Oslo channel across the end of daylight saving (Sunday 29
 * October 2034: 03:00 CEST → 02:00 CET, the clock hour 02:00–02:59 twice: first pass +02:00 = 00:xxZ, second pass
 * +01:00 = 01:xxZ) and delivered as FHIR transactions to the in-repo test FHIR server, each file's bytes handed over
 * (MSH-18 UNICODE UTF-8). What the server holds after each message, read against the messages and the IG rows named.
 * The focus: times across the fall-back, the fødselsnummer / D-number beside the MRN, corrections and cancels.
 * Expected values are the messages', written by hand; every time is compared as an instant (Date.parse).
 *
 *   npx vitest run test/review69/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review69/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { bytes: true, convert: { timezone: 'Europe/Oslo' }, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 300_000);

const { text, ref, ofType, withId, one, refOf, codes, at, byRef, report, results, result } = snapshotReaders(after);
const utc = (t: string) => Date.parse(`${t}Z`);
const patient = (n: string, mrn: string) => one(n, 'Patient', mrn);
const visit = (n: string, number: string) => one(n, 'Encounter', number);
const order = (n: string, number: string) => one(n, 'ServiceRequest', number);
const ids = (p: Json) => ((p.identifier as Json[] | undefined) ?? []).map((i) => [codes(i.type)[0], i.system, i.value]);
const names = (p: Json) => ((p.name as Json[] | undefined) ?? []).map((x) => [x.family, ...((x.given as string[] | undefined) ?? [])]);
const places = (n: string, number: string) => ((visit(n, number).location as Json[] | undefined) ?? []).map((l) => {
  const out: unknown[] = [];
  for (let loc = byRef(n, l.location); loc !== undefined; loc = loc.partOf === undefined ? undefined : byRef(n, loc.partOf)) {
    out.unshift(((loc.identifier as Json[] | undefined) ?? [])[0]?.value);
  }
  return [out.join('/'), l.status];
});
const FNR = 'urn:oid:2.16.578.1.12.4.1.4.1';
const DNR = 'urn:oid:2.16.578.1.12.4.1.4.2';

describe('review 69 at the destination (channel zone Europe/Oslo, fall-back 29 October 2034)', () => {
  it('24 transactions accepted, none refused; the fødselsnummer and the D-number beside the MRN, typed NNNOR, the register\'s OID as system [IG PID[Patient] #3; CX[Identifier] #4 (HD.2 ISO → urn:oid), #5]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ids(patient('09', '7760118'))).toEqual([['MR', undefined, '7760118'], ['NNNOR', FNR, '14035741829']]);
    expect(ids(patient('14', '7760126'))).toEqual([['MR', undefined, '7760126'], ['NNNOR', DNR, '49029041732']]);
    expect(ids(patient('24', '7760142'))).toEqual([['MR', undefined, '7760142'], ['NNNOR', FNR, '23089526590']]);
  });

  it('Æ Ø Å read from UTF-8 in names of patients, relatives and practitioners [IG XPN[HumanName] #1, #2; MSH-18]', () => {
    expect(names(patient('01', '7760118'))).toEqual([['ØVERÅS', 'KJELL STÅLE']]);
    expect(names(patient('10', '7760126'))).toEqual([['ØSTERGÅRD', 'MIKKEL']]);
    expect(names(patient('18', '7760134'))).toEqual([['NÆSS', 'TORBJØRN']]);
    expect(names(patient('20', '7760142'))).toEqual([['LØVÅS', 'INGRID SÆTHER']]);
    expect(text(ofType('01', 'RelatedPerson'))).toContain('HILDE BJØRNSTAD');
    expect(text(one('06', 'Practitioner', '9501736').name)).toContain('DÆHLI');
  });

  it('#01 → #09 Øverås: admitted Saturday 23:40 CEST; #05 moved to Hjerteovervåkning at a bare 02:35 in the second pass (MSH-7 02:37+0100); discharged Monday 11:30 CET; #09 A13 cancels the discharge [IG PV1[Encounter] #3, #6, #44, #45; EVN[Provenance] #2; Event[EncounterStatus] A03, A13]', () => {
    expect([visit('01', 'V7760118-01').status, at((visit('01', 'V7760118-01').period as Json).start)]).toEqual(['in-progress', utc('2034-10-28T21:40:00')]);
    expect(places('05', 'V7760118-01')).toEqual([['FUS/HOV/412/1', 'active'], ['FUS/AKM/B03/1', 'completed']]);
    const moved = ofType('05', 'Provenance').filter((p) => codes(p.activity).includes('A02'));
    expect(moved.map((p) => at(p.recorded))).toEqual([utc('2034-10-29T01:35:00')]);
    const v8 = visit('08', 'V7760118-01');
    expect([v8.status, at((v8.period as Json).start), at((v8.period as Json).end)]).toEqual(['finished', utc('2034-10-28T21:40:00'), utc('2034-10-30T10:30:00')]);
    const v9 = visit('09', 'V7760118-01');
    expect([v9.status, (v9.period as Json).end]).toEqual(['in-progress', undefined]);
  });

  it('#03 the 0-hour troponin before the change: drawn 23:55 CEST, reported 00:42 CEST (one reading each) [IG OBR[DiagnosticReport] #7, #22; OBX[Observation] #14]', () => {
    const dr = report('03', 'L34102901');
    expect([dr.status, at(dr.effectiveDateTime), at(dr.issued)]).toEqual(['final', utc('2034-10-28T21:55:00'), utc('2034-10-28T22:42:00')]);
    expect((result('03', 'L34102901', '67151-1').valueQuantity as Json).value).toBe(38);
    expect(order('03', 'REK6901181').status).toBe('completed');
  });

  it('#06 the 3-hour troponin: drawn 02:50 and received 02:56 in the FIRST pass (00:50Z, 00:56Z: the only readings not after the report at 02:20) [hig ordering rule; IG OBR[DiagnosticReport] #7; OBR[Specimen] #14]', () => {
    const dr = report('06', 'L34102903');
    expect(at(dr.effectiveDateTime)).toBe(utc('2034-10-29T00:50:00'));
    const spm = byRef('06', (dr.specimen as Json[])[0]) as Json;
    expect([at((spm.collection as Json).collectedDateTime), at(spm.receivedTime)]).toEqual([utc('2034-10-29T00:50:00'), utc('2034-10-29T00:56:00')]);
    expect(at(result('06', 'L34102903', '67151-1').effectiveDateTime)).toBe(utc('2034-10-29T00:50:00'));
  });

  // R69-W1 (wrong data): the report's bare OBR-22 02:20 has two readings, 00:20Z and 01:20Z; hig holds it against its
  // upper bound (MSH-7, bare, latest 01:21Z) only and, ruling neither out, takes the first pass. But the same OBR's
  // collection (02:50, which hig itself placed at 00:50Z) and receipt (00:56Z) precede the report: 00:20Z is ruled out
  // by the message. The report and its troponin are `issued` 30 minutes before the blood was drawn; the order's
  // status date (ORC-9 02:20) and the Bundle's timestamp (MSH-7 02:21) likewise an hour early.
  it('R69-W1 #06 the troponin report issued at 02:20 CET (01:20Z), after its draw at 00:50Z, not 02:20 CEST (00:20Z) [IG OBR[DiagnosticReport] #22; OBX[Observation] (issued from OBR-22); hig ordering rule]', () => {
    expect(at(report('06', 'L34102903').issued)).toBe(utc('2034-10-29T01:20:00'));
    expect(at(result('06', 'L34102903', '67151-1').issued)).toBe(utc('2034-10-29T01:20:00'));
  });

  // after fix38d: the report is issued after its own draw (until then 00:20Z, before the effective 00:50Z)
  it('R69-W1 control: #06 issued (01:20Z) is not before its own effective time (00:50Z) [hig ordering rule, review 69 R69-W1]', () => {
    const dr = report('06', 'L34102903');
    expect(at(dr.issued)).toBeGreaterThanOrEqual(at(dr.effectiveDateTime));
  });

  it('#06 the CK-MB of the same draw cancelled by the filler (ORC-1 OC, ORC-5 CA, OBR-25 X): the order revoked with ORC-16 as reason, its report cancelled with no result; the troponin completed [IG OBR[DiagnosticReport] #25 X; OrderStatus CA; ORC[ServiceRequest] #16]', () => {
    const ck = order('06', 'REK6901184');
    expect([ck.status, text(ck.extension)]).toEqual(['revoked', expect.stringContaining('Hemolysert prøve')]);
    const dr = report('06', 'L34102904');
    expect([dr.status, dr.result]).toEqual(['cancelled', undefined]);
    expect(refOf((dr.basedOn as Json[])[0])).toBe(ref(ck));
    expect(order('06', 'REK6901183').status).toBe('completed');
  });

  it('#07 the troponin corrected 52 → 25 ng/L on the same Observation (corrected), the report corrected on its id; the draw still 00:50Z, issued 08:38 CET [IG OBX[Observation] #11 C; OBR[DiagnosticReport] #25 C, #22]', () => {
    const o6 = result('06', 'L34102903', '67151-1');
    const o7 = result('07', 'L34102903', '67151-1');
    expect([ref(o7), o7.status, (o7.valueQuantity as Json).value]).toEqual([ref(o6), 'corrected', 25]);
    expect(at(o7.effectiveDateTime)).toBe(utc('2034-10-29T00:50:00'));
    const dr = report('07', 'L34102903');
    expect([ref(dr), dr.status, at(dr.issued), at(dr.effectiveDateTime)]).toEqual([ref(report('06', 'L34102903')), 'corrected', utc('2034-10-29T07:38:00'), utc('2034-10-29T00:50:00')]);
  });

  it('#10 → #14 Østergård: the urine culture preliminary (Saturday, CEST), then final Monday (CET) with E. coli on the same Observation; the draw of Friday 09:55 stays at +02:00 in a message sent at +01:00 [IG OBR[DiagnosticReport] #25 P/F, #7; OBX[Observation] #11]', () => {
    expect(report('12', 'M34102701').status).toBe('preliminary');
    const g12 = result('12', 'M34102701', '630-4');
    const dr = report('13', 'M34102701');
    const g13 = result('13', 'M34102701', '630-4');
    expect([dr.status, at(dr.effectiveDateTime), at(dr.issued)]).toEqual(['final', utc('2034-10-27T07:55:00'), utc('2034-10-30T09:20:00')]);
    expect([ref(g13), g12.status, g13.status, codes(g13.valueCodeableConcept)]).toEqual([ref(g12), 'preliminary', 'final', ['112283007']]);
    expect(at(g13.effectiveDateTime)).toBe(utc('2034-10-29T14:10:00'));
    expect(order('13', 'REK6901261').status).toBe('completed');
  });

  it('#13 the susceptibility child: its own order basedOn the culture\'s placer and filler numbers, its own report; every MIC derivedFrom the E. coli result, SN as Quantity with comparator, R / S [IG OBR[ServiceRequest] #29; hig OBR-26 rule; OBX[Observation] #5 SN, #8]', () => {
    const child = order('13', 'M34102701-R1');
    expect((child.basedOn as Json[]).map((b) => [codes((b.identifier as Json).type)[0], (b.identifier as Json).value])).toEqual([['PLAC', 'REK6901261'], ['FILL', 'M34102701']]);
    const ecoli = result('13', 'M34102701', '630-4');
    const mics = results('13', 'M34102701-R1');
    expect(mics.map((m) => (m.derivedFrom as Json[]).map((d) => refOf(d)))).toEqual(Array(5).fill([ref(ecoli)]));
    expect(mics.map((m) => [(m.valueQuantity as Json).comparator, (m.valueQuantity as Json).value, codes((m.interpretation as Json[])[0])[0]]))
      .toEqual([['>', 8, 'R'], ['<=', 2, 'S'], ['<=', 16, 'S'], ['>', 4, 'R'], ['<=', 0.25, 'S']]);
  });

  it('#14 the A08 gives Østergård his new address and keeps the D-number [IG PID[Patient] #11, #3]', () => {
    const p = patient('14', '7760126');
    expect(text(p.address)).toContain('Øvre Håkonsgate 9');
    expect(ids(p)).toContainEqual(['NNNOR', DNR, '49029041732']);
  });

  it('#15 → #18 the unidentified man: admitted 01:50 CEST under a reserve number; #17 A40 retires it into Næss\'s record; #18 the visit on Næss, still 23:50Z [IG ADT_A39/A40; PID[Patient] #3; MRG; PV1[Encounter] #44]', () => {
    expect(at((visit('15', 'V7769981-01').period as Json).start)).toBe(utc('2034-10-28T23:50:00'));
    const survivor = patient('17', '7760134');
    const retired = patient('17', '7769981');
    expect(ref(retired)).not.toBe(ref(survivor));
    expect((retired.link as Json[]).map((l) => [l.type, refOf(l.other)])).toEqual([['replaced-by', ref(survivor)]]);
    const v = visit('18', 'V7769981-01');
    expect([refOf(v.subject), at((v.period as Json).start)]).toEqual([ref(patient('18', '7760134')), utc('2034-10-28T23:50:00')]);
  });

  it('#19 the CK drawn 03:10 CET just after the repeated hour (one reading, 02:10Z), reported 03:52 CET; Næss\'s record keeps his name and fødselsnummer; the reserve record stays inactive, replaced-by him [IG OBR[DiagnosticReport] #7, #22; hig held links]', () => {
    const dr = report('19', 'L34102906');
    expect([at(dr.effectiveDateTime), at(dr.issued), (result('19', 'L34102906', '2157-6').valueQuantity as Json).value]).toEqual([utc('2034-10-29T02:10:00'), utc('2034-10-29T02:52:00'), 1840]);
    const survivor = patient('19', '7760134');
    expect(names(survivor)).toEqual([['NÆSS', 'TORBJØRN']]);
    expect(ids(survivor)).toContainEqual(['NNNOR', FNR, '05110158345']);
    const retired = patient('19', '7769981');
    expect([retired.active, (retired.link as Json[]).map((l) => [l.type, refOf(l.other)])]).toEqual([false, [['replaced-by', ref(survivor)]]]);
  });

  // R69-N1 (note, not counted): the LIS queued the CK result (#19, MSH-7 03:53) and delivered it after the A40
  // (#17, 09:15 CET), still under the reserve number 7769981 and the name UKJENT MANN, as the LIS knew him. The FHIR
  // destination writes the report on the retired record (active false, replaced-by Næss) and PUTs that record back to
  // UKJENT MANN: `DiagnosticReport?subject=Patient/<Næss>` does not list the CK of 1840 U/L (nor #16's ethanol, sent
  // before the merge: FHIR's own merge leaves that to the receiver). hig's merged-numbers step moves only resources
  // keyed by a number within the record; a later non-ADT message naming a retired record could be moved to the
  // survivor as a held `replaced-by` link already tells the destination where the patient now is.
  it.fails('R69-N1 #19 the CK result delivered after the merge under the reserve number is Næss\'s (subject the survivor) [IG MRG; FHIR R4 Patient.link replaced-by]', () => {
    expect(refOf(report('19', 'L34102906').subject)).toBe(ref(patient('19', '7760134')));
  });

  // R69-N5 (note, not counted): the lab's PID (MRN + national number + name) erased the address and phone the ADT stored.
  // After the review (branch keep41): a Patient PUT of a message that is no ADT keeps what it does not convey.
  it('R69-N5 #01 → #03, #20 → #24 the lab\'s PID keeps the address, the mobile and the spouse the ADT stored [hig patient-authority rule; IG PID[Patient] #11, #13; NK1[Patient]]', () => {
    const overas = patient('03', '7760118');
    expect([text(overas.address), text(overas.telecom), text(overas.contact)]).toEqual([expect.stringContaining('Strandgata 14B'), expect.stringContaining('41527390'), expect.stringContaining('HILDE BJØRNSTAD')]);
    const lovas = patient('24', '7760142');
    expect([text(lovas.address), text(lovas.telecom)]).toEqual([expect.stringContaining('Bjørkåsen 22'), expect.stringContaining('46712985')]);
  });

  it('#20 → #22 Løvås: admitted at a bare 02:15 in the FIRST pass (MSH-7 02:18+0200, 00:15Z); the A11 sent at 02:10+0100 (second pass) cancels it and the admission time held at 00:15Z [IG Event[EncounterStatus] A11 cancelled; PV1[Encounter] #44; hig held pass]', () => {
    const v20 = visit('20', 'V7760142-01');
    expect([v20.status, at((v20.period as Json).start)]).toEqual(['in-progress', utc('2034-10-29T00:15:00')]);
    const v22 = visit('22', 'V7760142-01');
    expect([ref(v22), v22.status, at((v22.period as Json).start)]).toEqual([ref(v20), 'cancelled', utc('2034-10-29T00:15:00')]);
  });

  it('#21 → #24 one requisition, two tests: the CA of #23 (ORC-9 02:12 in the second pass) revokes the hCG with its ORC-16 reason, the Hb untouched and later completed with its result [IG ORC[ServiceRequest] #1 CA (hig: revoked), #4, #16; OBR[DiagnosticReport] #25]', () => {
    for (const p of ['REK6901421', 'REK6901422']) expect((order('21', p).requisition as Json).value).toBe('G6901420');
    const hcg = order('23', 'REK6901421');
    expect([ref(hcg), hcg.status, text(hcg.extension)]).toEqual([ref(order('21', 'REK6901421')), 'revoked', expect.stringContaining('Positiv hurtigtest')]);
    expect(order('23', 'REK6901422').status).toBe('active');
    expect([order('24', 'REK6901422').status, order('24', 'REK6901421').status]).toEqual(['completed', 'revoked']);
    expect((result('24', 'L34102907', '718-7').valueQuantity as Json).value).toBe(11.2);
    expect(withId('24', 'DiagnosticReport', 'REK6901421')).toEqual([]);
  });
});
