/**
 * Review 16 (reported losses OBR-14, OBR-15 in #11–#13): a result or order group without an SPM
 * gets the OBR's own Specimen. [IG ORU_R01 4.2.2 OBR → Specimen[1] by OBR[Specimen],
 * DiagnosticReport[1].specimen; OML_O21 6.4.1 OBR → Specimen[each]]. Expected values written from
 * the rows and the messages below.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = (type: string, version = '2.3') => `MSH|^~\\&|LAB|MERCY|EHR|HOSP|20261206071000-0600||${type}|S16-1|P|${version}`;
const PID = 'PID|1||MH001^^^MERCY^MR||KOWALSKI^ROBERT||19520719|M';
const OBR = (f: Record<number, string>) => seg('OBR', { 1: '1', 2: 'PL55667^EPIC', 3: 'M26-4411^LAB', 4: '87086^Culture, urine^CPT4', 7: '20261204221500', 25: 'F', ...f });
const OBX = 'OBX|1|CE|630-4^Bacteria identified^LN|1|112283007^Escherichia coli^SCT||||||F';

const oru = (obr: Record<number, string>, ...more: string[]) => convertChecked(MSH('ORU^R01'), PID, OBR(obr), OBX, ...more);
const specimens = (bundle: Json) => resources(bundle, 'Specimen') as Json[];

describe('[IG OBR[Specimen]] the OBR of a group without an SPM is its Specimen', () => {
  it('[#15 SPS.1 → type via SpecimenType; #14 → receivedTime; #7 → collection.collectedDateTime] a v2.3 urine culture says it is urine', () => {
    const { bundle, lines } = oru({ 14: '20261204231000', 15: 'UR&Urine&HL70070' });
    const [s] = specimens(bundle);
    expect(specimens(bundle)).toHaveLength(1);
    expect((s?.type as Json).coding).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v2-0070', code: 'UR', display: 'Urine' }]);
    expect(s?.receivedTime).toBe('2026-12-04T23:10:00-06:00');
    expect((s?.collection as Json).collectedDateTime).toBe('2026-12-04T22:15:00-06:00');
    expect(lines.filter((t) => /^OBR-1[45]/.test(t))).toEqual([]);
  });

  it('[ORU_R01 4.2.2 DiagnosticReport[1].specimen; "all Observations generated for the same OBR need to reference" it] report and results reference it', () => {
    const { bundle } = oru({ 15: 'UR&Urine&HL70070' });
    const ref = `urn:uuid:${String(specimens(bundle)[0]?.id)}`;
    expect(resources(bundle, 'DiagnosticReport')[0]?.specimen).toEqual([{ reference: ref }]);
    expect((resources(bundle, 'Observation')[0]?.specimen as Json).reference).toBe(ref);
    // the result's request is a conditional create (R23-D1), its body without id: named by its fullUrl
    const request = (bundle.entry as Json[]).find((e) => (e.resource as Json | undefined)?.resourceType === 'ServiceRequest');
    expect(((specimens(bundle)[0]?.request as Json[])[0] as Json).reference).toBe(request?.fullUrl);
    expect(request?.fullUrl).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  });

  it('[hig SPS] a flat CE source (`UR^Urine^HL70070`, common before v2.5) is the source\'s coding, not code + additive "Urine" + free text', () => {
    const { bundle } = oru({ 15: 'UR^Urine^HL70070' });
    const s = specimens(bundle)[0];
    expect((s?.type as Json).coding).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v2-0070', code: 'UR', display: 'Urine' }]);
    expect(s?.container).toBeUndefined();
    expect(s?.note).toBeUndefined();
  });

  it('[IG SPS[Specimen-Source] #4 → collection.bodySite; codereview18 CR18-8] a flat CE followed by a table-0163 code: the body site, not a second specimen-type coding', () => {
    const { bundle } = oru({ 15: 'UR^Urine^HL70070^LA^Left arm^HL70163' });
    const s = specimens(bundle)[0];
    expect((s?.type as Json).coding).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v2-0070', code: 'UR', display: 'Urine' }]);
    expect(((s?.collection as Json).bodySite as Json).coding).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/v2-0163', code: 'LA', display: 'Left arm' },
    ]);
  });

  it('control: a flat CE with an alternate specimen coding keeps both codings on the type', () => {
    const { bundle } = oru({ 15: 'UR^Urine^HL70070^URN^Urine specimen^L' });
    const coding = ((specimens(bundle)[0]?.type as Json).coding as Json[]).map((c) => c.code);
    expect(coding).toEqual(['UR', 'URN']);
    expect((specimens(bundle)[0]?.collection as Json | undefined)?.bodySite).toBeUndefined();
  });

  it('[SPS.2 → container.additiveCodeableConcept; SPS.3 → note; SPS.4 → collection.bodySite] the components of a real SPS', () => {
    const { bundle } = oru({ 15: 'BLD&Whole blood&HL70070^HEP&Heparin&HL70371^left arm draw^LA&Left arm&HL70163' });
    const s = specimens(bundle)[0];
    expect((s?.type as Json).coding).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v2-0070', code: 'BLD', display: 'Whole blood' }]);
    expect(JSON.stringify(s?.container)).toContain('"code":"HEP"');
    expect(s?.note).toEqual([{ text: 'left arm draw' }]);
    expect(JSON.stringify((s?.collection as Json).bodySite)).toContain('"code":"LA"');
  });

  it('[#9 → collection.quantity CQ; #10 → collection.collector XCN[Practitioner]; #8 → collectedPeriod.end]', () => {
    const { bundle } = oru({ 8: '20261204223000', 9: '25^mL', 10: '1234^COLLECT^CARL' });
    const c = specimens(bundle)[0]?.collection as Json;
    expect(c.quantity).toEqual({ value: 25, unit: 'mL' });
    expect((c.collector as Json).display).toBe('CARL COLLECT');
    expect(c.collectedPeriod).toEqual({ start: '2026-12-04T22:15:00-06:00', end: '2026-12-04T22:30:00-06:00' });
  });

  it('[hig] no specimen fact (OBR-7 alone is the report\'s effective time): no Specimen', () => {
    const { bundle } = oru({});
    expect(specimens(bundle)).toEqual([]);
  });

  it('[hig] with an SPM in the group, the SPM\'s Specimen is the only one', () => {
    const { bundle } = convertChecked(MSH('ORU^R01', '2.5.1'), PID, OBR({ 14: '20261204231000', 15: 'UR&Urine&HL70070' }), OBX, seg('SPM', { 1: '1', 2: '^SP1&LAB', 4: 'UR^Urine^HL70487' }));
    expect(specimens(bundle)).toHaveLength(1);
    expect(JSON.stringify(specimens(bundle)[0]?.identifier)).toContain('SP1');
  });

  it('[hig] an OUL_R22 OBR under its SPM (SPECIMEN group) makes no second Specimen', () => {
    const { bundle } = convertChecked(
      'MSH|^~\\&|LAB|MERCY|EHR|HOSP|20261206071000-0600||OUL^R22^OUL_R22|S16-2|P|2.5.1',
      PID,
      seg('SPM', { 1: '1', 2: '^SP2&LAB', 4: 'UR^Urine^HL70487' }),
      seg('OBR', { 1: '1', 2: 'PL7^EPIC', 3: 'F7^LAB', 4: '87086^Culture, urine^CPT4', 15: 'UR&Urine&HL70070', 25: 'F' }),
      'OBX|1|CE|630-4^Bacteria identified^LN|1|112283007^Escherichia coli^SCT||||||F',
    );
    expect(specimens(bundle)).toHaveLength(1);
    expect(JSON.stringify(specimens(bundle)[0]?.identifier)).toContain('SP2');
  });

  it('[OML_O21 6.4.1 OBR → Specimen[each]; ORM_O01 read as its successor] an order\'s OBR-15 is its request\'s specimen', () => {
    const { bundle, lines } = convertChecked(MSH('ORM^O01'), PID, 'ORC|NW|PL9^EPIC', seg('OBR', { 1: '1', 2: 'PL9^EPIC', 4: '87086^Culture, urine^CPT4', 15: 'UR&Urine&HL70070' }));
    const s = specimens(bundle)[0];
    expect((s?.type as Json).coding).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v2-0070', code: 'UR', display: 'Urine' }]);
    expect(resources(bundle, 'ServiceRequest')[0]?.specimen).toEqual([{ reference: `urn:uuid:${String(s?.id)}` }]);
    expect(lines.filter((t) => t.startsWith('OBR-15'))).toEqual([]);
  });

  it('[hig identity] the same order re-sent (a correction under a new MSH-10) PUTs the same Specimen', () => {
    const url = (id: string) => {
      const { bundle } = convertChecked(MSH('ORU^R01').replace('S16-1', id), PID, OBR({ 15: 'UR&Urine&HL70070' }), OBX);
      return (bundle.entry as Json[]).map((e) => (e.request as Json).url).find((u) => String(u).startsWith('Specimen/'));
    };
    expect(url('A')).toBeDefined();
    expect(url('B')).toBe(url('A'));
  });
});
