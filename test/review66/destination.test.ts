/**
 * Review 66 (issue 14): the whole sample (docs/review66/messages/, 01 → 24 in order) of a German university hospital's
 * radiology and cardiology departments — the KIS (ADT 2.5, MSH-18 8859/1, PID-3 Patientennummer + KVNR, IN1 of a
 * statutory Krankenkasse), the RIS (OMI^O23 with IPC, ORU^R01 text reports, UTF-8), an old worklist broker (ORM^O01
 * 2.3.1, MSH-18 empty, Latin-1 bytes), the cardiology system (ORU^R01 ECG with an ED PDF, 8859/1) and the document
 * system (MDM T02 / T08 / T11, UTF-8) — converted on ONE Europe/Berlin channel (CET until 25 March 2035, CEST after)
 * and delivered as FHIR transactions to the in-repo test FHIR server; what the server holds after each message, read
 * against the messages and the IG rows named. The focus: DocumentReference status and versions through T02 → T08 →
 * T11, the order ↔ report links, the character sets, the German identifiers. Expected values are the messages',
 * written by hand.
 *
 *   npx vitest run test/review66/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review66/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Europe/Berlin' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const codes = (c: unknown) => (((c as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
const patient = (n: string, number: string) => one(n, 'Patient', number);
const byRef = (n: string, r: unknown) => (after.get(n) ?? []).find((x) => ref(x) === refOf(r));
const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
const results = (n: string, number: string) => ((report(n, number).result as Json[] | undefined) ?? []).map((r) => byRef(n, r) as Json);
const order = (n: string, placer: string) => one(n, 'ServiceRequest', placer);
/** The DocumentReference of a TXA-12 (masterIdentifier), exactly one. */
const doc = (n: string, number: string) => {
  const found = ofType(n, 'DocumentReference').filter((d) => (d.masterIdentifier as Json | undefined)?.value === number);
  expect(found, `DocumentReference ${number} after #${n}`).toHaveLength(1);
  return found[0] as Json;
};
const content = (d: Json) => ((d.content as Json[]).map((c) => c.attachment as Json).filter((a) => a.data !== undefined)).map((a) => Buffer.from(String(a.data), 'base64').toString('utf8')).join('\n');
const KVNR = 'urn:oid:1.2.276.0.76.4.8';

describe('review 66 at the destination (channel zone Europe/Berlin, March 2035, CET → CEST on the 25th)', () => {
  it('24 transactions accepted, none refused; three persons by the UKLH Patientennummer, each with the KVNR (NI, the eGK OID) beside it; the ED duplicate a fourth, retired record [IG PID[Patient] #3; CX[Identifier]]', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(4);
    for (const [pi, kv] of [['66004711', 'W428619375'], ['66004729', 'S730156282'], ['66004737', 'K194603588']] as const) {
      const kvnr = (patient('24', pi).identifier as Json[]).find((i) => i.value === kv) as Json;
      expect([kvnr.system, codes(kvnr.type)]).toEqual([KVNR, ['NI']]);
    }
  });

  it('#01 ISO-8859-1 bytes under MSH-18 8859/1: Weißgerber, Jürgen Günther, Hauptstraße; the AOK Coverage by its IK with the KVNR as member number [IG XPN[HumanName]; IN1[Coverage] #3, #36]', () => {
    const wg = patient('01', '66004711');
    expect((wg.name as Json[])[0]).toMatchObject({ family: 'Weißgerber', given: ['Jürgen', 'Günther'], prefix: ['Dr.'] });
    expect((wg.address as Json[])[0]).toMatchObject({ line: ['Hauptstraße 12'], city: 'Lindenhain', postalCode: '15344' });
    const cov = ofType('01', 'Coverage')[0] as Json;
    expect([cov.status, text(cov.identifier)]).toEqual(['active', expect.stringContaining('"value":"W428619375"')]);
    const payor = byRef('01', (cov.payor as Json[])[0]) as Json;
    expect([payor.name, text(payor.identifier)]).toEqual(['AOK Lindenhain-Oderland', expect.stringContaining('"system":"urn:oid:1.2.276.0.76.4.5","value":"109911237"')]);
  });

  it('#02 → #05 the CT Thorax: the OMI\'s order (accession ACSN, the KIS\'s placer and the RIS\'s filler number, stat, 09:30 CET) is the one the report completes; the correction keeps the same report and Observations, now corrected, the side right [IG OBR[DiagnosticReport] #25 C; OBX[Observation] #11 C]', () => {
    const ct = order('02', 'KIS35-118801');
    expect([ct.status, ct.priority, (ct.occurrencePeriod as Json).start, text(ct.identifier)]).toEqual(['active', 'stat', '2035-03-20T09:30:00+01:00', expect.stringContaining('"code":"ACSN"}]},"value":"A35031900512"')]);
    expect([ref(order('03', 'KIS35-118801')), order('03', 'KIS35-118801').status]).toEqual([ref(ct), 'completed']);
    expect(text(order('05', 'KIS35-118801').identifier)).toContain('"value":"A35031900512"');
    const rep = report('03', 'RIS35-40271');
    expect([rep.status, refOf((rep.basedOn as Json[])[0]), rep.effectiveDateTime]).toEqual(['final', ref(ct), '2035-03-20T09:34:00+01:00']);
    const corrected = report('05', 'RIS35-40271');
    expect([ref(corrected), corrected.status]).toEqual([ref(rep), 'corrected']);
    const lines = results('05', 'RIS35-40271');
    expect(lines.map((o) => ref(o))).toEqual(results('03', 'RIS35-40271').map((o) => ref(o)));
    expect(lines.map((o) => o.status)).toEqual(['corrected', 'corrected', 'corrected', 'corrected', 'corrected', 'corrected']);
    expect(String(lines[3]?.valueString)).toContain('Im rechten Oberlappen ein 14 mm großer');
    expect(ofType('05', 'ServiceRequest')).toHaveLength(1);
  });

  it('#04 A02: IMC bed active, Kardiologie Station 3 completed [IG PV1[Encounter] #3, #6]', () => {
    const visit = one('04', 'Encounter', '3506600471');
    const chain = (l: Json) => {
      const out: unknown[] = [];
      for (let loc = byRef('04', l.location); loc !== undefined; loc = loc.partOf === undefined ? undefined : byRef('04', loc.partOf)) out.push(((loc.identifier as Json[] | undefined) ?? [])[0]?.value);
      return out;
    };
    expect((visit.location as Json[]).map((l) => [chain(l), l.status])).toEqual([[['1', 'IMC-04', 'IMC1', 'UKLH'], 'active'], [['2', '307', 'KAR3', 'UKLH'], 'completed']]);
  });

  it('#06 the ECG (8859/1): QTc 474 ms H in UCUM, the statement with its umlaut, the PDF kept as application/pdf and reachable from the report [IG OBX[Observation] #5 NM, ED; #6 units; #8]', () => {
    const ecg = results('06', 'EKG35-2201');
    const qtc = ecg.find((o) => codes(o.code).includes('8636-3')) as Json;
    expect([(qtc.valueQuantity as Json).value, (qtc.valueQuantity as Json).code, codes((qtc.interpretation as Json[])[0])]).toEqual([474, 'ms', ['H']]);
    expect(String(ecg.find((o) => codes(o.code).includes('18844-1'))?.valueString)).toContain('QTc verlängert');
    const pdfObs = ecg.find((o) => codes(o.code).includes('11524-6')) as Json;
    const pdf = byRef('06', (pdfObs.derivedFrom as Json[])[0]) as Json;
    const att = (pdf.content as Json[])[0]?.attachment as Json;
    expect([att.contentType, Buffer.from(String(att.data), 'base64').toString('latin1').slice(0, 8), refOf(pdf.subject)]).toEqual(['application/pdf', '%PDF-1.4', ref(patient('06', '66004711'))]);
  });

  it('#07 → #08 → #11 one echo document through T02 (DI, UN) → T08 (same TXA-12, LA, AV) → T11: one DocumentReference, preliminary then final with the new text and the authenticator, then entered-in-error keeping its content [IG TXA[DocumentReference] #12, #17, #19; v2.5.1 9.6.8, 9.6.11]', () => {
    const t02 = doc('07', 'DMS35-0000731');
    expect([t02.status, t02.docStatus, text(t02._status)]).toEqual(['current', 'preliminary', expect.stringContaining('"code":"UN"')]);
    expect(content(t02)).toContain('Ejektionsfraktion 55 %');
    const t08 = doc('08', 'DMS35-0000731');
    expect([ref(t08), t08.status, t08.docStatus, t08._status, (t08.authenticator as Json).display]).toEqual([ref(t02), 'current', 'final', undefined, 'Annegret Hoß']);
    expect(content(t08)).toContain('Linker Ventrikel normal groß, Ejektionsfraktion 60 %');
    const t11 = doc('11', 'DMS35-0000731');
    expect([ref(t11), t11.status, text(t11._status)]).toEqual([ref(t02), 'entered-in-error', expect.stringContaining('"code":"CA"')]);
    expect(content(t11)).toContain('Ejektionsfraktion 60 %');
    expect(ofType('11', 'DocumentReference').filter((d) => d.masterIdentifier !== undefined)).toHaveLength(1);
  });

  it('#09 A08: the new address with ß; the TK Coverage from 1 April beside the AOK one the KIS no longer lists [IG PID[Patient] #11; IN1[Coverage] #3, #12]', () => {
    expect((patient('09', '66004711').address as Json[])[0]).toMatchObject({ line: ['Karl-Marx-Straße 118', 'Hinterhaus, 2. OG'] });
    const covs = ofType('09', 'Coverage').filter((c) => refOf(c.beneficiary) === ref(patient('09', '66004711')));
    const tk = covs.find((c) => text(c.payor).includes('Techniker Krankenkasse')) as Json;
    expect([tk.status, (tk.period as Json).start]).toEqual(['active', '2035-04-01']);
    expect(covs).toHaveLength(2);
  });

  it('#10 A03: the stay finished 27 March 11:20 CEST [IG Event[EncounterStatus] A03; PV1[Encounter] #45]', () => {
    const visit = one('10', 'Encounter', '3506600471');
    expect([visit.status, (visit.period as Json).start, (visit.period as Json).end]).toEqual(['finished', '2035-03-19T22:15:00+01:00', '2035-03-27T11:20:00+02:00']);
  });

  it('#12 the birth name (XPN.7 M) a maiden name beside the official double name [IG XPN[HumanName] #7 NameType]', () => {
    expect((patient('12', '66004729').name as Json[]).map((x) => [x.use, x.family])).toEqual([['official', 'Schäfer-Özdemir'], ['maiden', 'Schäfer']]);
  });

  it('#13 → #14 the broker\'s ORM (MSH-18 empty, Latin-1 bytes) reads Schäfer-Özdemir and Röntgen right; the chest X-ray report completes that order [IG OBR[DiagnosticReport] basedOn; ORC[ServiceRequest] #5]', () => {
    expect((patient('13', '66004729').name as Json[])[0]?.family).toBe('Schäfer-Özdemir');
    const xr = order('13', 'KIS35-118846');
    expect([xr.status, codes(xr.code)[0], (xr.code as Json as { coding: Json[] }).coding[0]?.display]).toEqual(['active', 'XTHX2', 'Röntgen Thorax in 2 Ebenen']);
    const rep = report('14', 'RIS35-40298');
    expect([rep.status, refOf((rep.basedOn as Json[])[0]), order('14', 'KIS35-118846').status]).toEqual(['final', ref(xr), 'completed']);
    expect(ofType('14', 'ServiceRequest').filter((s) => text(s.identifier).includes('KIS35-118846'))).toHaveLength(1);
  });

  it('#16 → #17 the cath report re-issued under a new TXA-12 naming the first (TXA-13): the first superseded, the second current, final, replaces the first, the new stenosis grade [v2.5.1 9.6.8; mapping.md Documents: an edit under a TXA-12 of its own]', () => {
    expect([doc('16', 'DMS35-0000744').status, doc('16', 'DMS35-0000744').docStatus]).toEqual(['current', 'final']);
    const v1 = doc('17', 'DMS35-0000744');
    const v2 = doc('17', 'DMS35-0000752');
    expect([v1.status, v2.status, v2.docStatus]).toEqual(['superseded', 'current', 'final']);
    expect(text(v2.relatesTo)).toContain('"code":"replaces"');
    expect(text(v2.relatesTo)).toContain('"value":"DMS35-0000744"');
    expect(content(v2)).toContain('RIVA: 80%ige Stenose');
    expect(content(v1)).toContain('RIVA: 70%ige Stenose');
  });

  it('#18 → #19 the cardiac MRI: two IPC steps one order with one accession, 27 March 08:00 CEST; the report on it, effective 08:12 CEST (bare RIS times after the clock change) [hig OMI rule; IG OBR[DiagnosticReport] #7]', () => {
    const mr = order('18', 'KIS35-118890');
    expect([mr.status, (mr.occurrencePeriod as Json).start, (mr.identifier as Json[]).filter((i) => codes(i.type).includes('ACSN')).length]).toEqual(['active', '2035-03-27T08:00:00+02:00', 1]);
    const rep = report('19', 'RIS35-40355');
    expect([rep.status, refOf((rep.basedOn as Json[])[0]), rep.effectiveDateTime, order('19', 'KIS35-118890').status]).toEqual(['final', ref(mr), '2035-03-27T08:12:00+02:00', 'completed']);
  });

  it('#21 → #24 the ED duplicate merged: 66004745 inactive, replaced-by 66004737, which replaces it; the CT Kopf report sent under the survivor completes the broker\'s order placed under the duplicate (no second order) [v2.5.1 3.3.40; FHIR R4 Patient.link; IG ORU_R01 DiagnosticReport.basedOn]', () => {
    expect((one('21', 'Encounter', '3506600473').period as Json).start).toBe('2035-03-28T23:18:00+02:00');
    const survivor = patient('23', '66004737');
    const retired = patient('23', '66004745');
    expect([retired.active, text(retired.link)]).toEqual([false, expect.stringContaining(`"reference":"${ref(survivor)}"},"type":"replaced-by"`)]);
    expect(text(survivor.link)).toContain('"type":"replaces"');
    const ct = order('22', 'KIS35-118934');
    const rep = report('24', 'RIS35-40388');
    expect([rep.status, refOf((rep.basedOn as Json[])[0]), refOf(rep.subject)]).toEqual(['final', ref(ct), ref(patient('24', '66004737'))]);
    expect(withId('24', 'ServiceRequest', 'KIS35-118934').map((s) => s.status)).toEqual(['completed']);
  });
});
