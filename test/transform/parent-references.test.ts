/**
 * Issue 14, brief parents16: a parent named by a number without a system (DG1-22, PR1-25, SPM-3,
 * OBR-29) is a logical reference `{ type, identifier }` (identifier.ts parentReference), its
 * identifier the very one the parent's own number gets as that resource's identifier; never a
 * literal or conditional reference, and never turned into one by the Bundle (conditional update,
 * `omittedFields: 'keep'` patches). Until parents16 such a number made no reference and was reported
 * (review 7). Expected values are written from the rows each `describe` names and from the messages;
 * the identifier shapes from the IG's datatype maps (EI[Identifier-Extension], EIP[Identifier-
 * PlacerAssignedIdentifier]/[Identifier-FillerAssignedIdentifier]: type PLAC/FILL; SPM-2's PGN/FGN).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { convertChecked, corpusRoot, entries, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const DUE_TO = 'http://hl7.org/fhir/StructureDefinition/condition-dueTo';
const typed = (code: string) => ({ coding: [{ system: V2_0203, code }] });
const lines = (all: string[], field: string) => all.filter((t) => t.startsWith(`${field} `));

const ADT = ['MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500-0500||ADT^A01^ADT_A01|P16-1|P|2.5.1', 'EVN|A01|20240305081500-0500', 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F', 'PV1|1|I|W1^1^1^HOSP||||||||||||||||V100^^^HOSP^VN'];
const DG1 = (f: Record<number, string>) => seg('DG1', { 1: '1', 3: 'I10.9^Hypertension^I10', 6: 'A', ...f });
const PR1 = (f: Record<number, string>) => seg('PR1', { 1: '1', 3: '76164006^Biopsy of colon^SCT', 5: '20240305080000-0500', ...f });
const ORU = 'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240305081500-0500||ORU^R01^ORU_R01|P16-2|P|2.5.1';
const ORM = 'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240305083500-0500||ORM^O01^ORM_O01|P16-3|P|2.5.1';
const PID = 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F';
const OBR = (f: Record<number, string>) => seg('OBR', { 1: '1', 2: 'PL1^CPOE', 3: 'FL1^LAB', 4: '2345-7^Glucose^LN', ...f });
const OBX = seg('OBX', { 1: '1', 2: 'NM', 3: '2345-7^Glucose^LN', 5: '95', 11: 'F' });
const SPM = (f: Record<number, string>) => seg('SPM', { 1: '1', 2: 'SP1^LAB', 4: 'BLD^Blood^HL70487', ...f });

describe('[IG DG1[Condition] #22 → extension condition-dueTo valueReference(Condition), EI[Condition]]', () => {
  it('a bare DG1-22 → a logical reference whose identifier is the one DG1-20 gives the parent Condition', () => {
    const { bundle, lines: all } = convertChecked(...ADT, DG1({ 20: 'DG1001' }), DG1({ 1: '2', 3: 'E11.9^Diabetes^I10', 20: 'DG1002', 22: 'DG1001' }));
    const [parent, child] = resources(bundle, 'Condition') as Json[];
    expect(parent!.identifier).toEqual([{ value: 'DG1001' }]);
    expect(child!.extension).toEqual([{ url: DUE_TO, valueReference: { type: 'Condition', identifier: (parent!.identifier as Json[])[0] } }]);
    expect(lines(all, 'DG1-22')).toEqual([]);
  });

  it('a namespace without a system rides as the parent\'s would: assigner display', () => {
    const { bundle } = convertChecked(...ADT, DG1({ 22: 'DG1001^EHR' }));
    expect((resources(bundle, 'Condition')[0] as Json).extension).toEqual([{ url: DUE_TO, valueReference: { type: 'Condition', identifier: { value: 'DG1001', assigner: { display: 'EHR' } } } }]);
  });

  it('an EI without EI.1 (the Microsoft samples\' `^^1.3.6.1.4.1.44750.1.2.2^CLIP`) names nothing: no reference, reported (as before)', () => {
    const { bundle, lines: all } = convertChecked(...ADT, DG1({ 22: '^^1.3.6.1.4.1.44750.1.2.2^CLIP' }));
    expect((resources(bundle, 'Condition')[0] as Json).extension).toBeUndefined();
    expect(lines(all, 'DG1-22')).toEqual(['DG1-22 (segment 5): a parent diagnosis without an entity identifier (EI.1); not converted']);
  });
});

describe('[IG PR1[Procedure] #25 → partOf(Procedure.identifier), EI[Identifier-Extension]]', () => {
  it('a bare PR1-25 whose parent is not in the message → a logical partOf with the identifier PR1-19 `PR1001` gives', () => {
    const parentOwn = (resources(convertChecked(...ADT, PR1({ 19: 'PR1001' })).bundle, 'Procedure')[0] as Json).identifier as Json[];
    const { bundle, lines: all } = convertChecked(...ADT, PR1({ 19: 'PR1006', 25: 'PR1001' }));
    expect((resources(bundle, 'Procedure')[0] as Json).partOf).toEqual([{ type: 'Procedure', identifier: parentOwn[0] }]);
    expect(lines(all, 'PR1-25')).toEqual([]);
  });

  it('the parent PR1 in the message: the literal urn:uuid reference stays, the number beside it', () => {
    const { bundle } = convertChecked(...ADT, PR1({ 19: 'PR1001' }), PR1({ 1: '2', 3: '45378000^Colonoscopy^SCT', 19: 'PR1006', 25: 'PR1001' }));
    const [parent, child] = resources(bundle, 'Procedure') as Json[];
    expect(child!.partOf).toEqual([{ reference: `urn:uuid:${String(parent!.id)}`, type: 'Procedure', identifier: { value: 'PR1001' } }]);
  });

  it('an EI without EI.1 names nothing: no partOf, reported (as before)', () => {
    const { bundle, lines: all } = convertChecked(...ADT, PR1({ 25: '^HOSP' }));
    expect((resources(bundle, 'Procedure')[0] as Json).partOf).toBeUndefined();
    expect(lines(all, 'PR1-25')).toEqual(['PR1-25 (segment 5): a parent procedure without an entity identifier (EI.1); not converted']);
  });
});

describe('[IG SPM[Specimen] #3 → parent(Specimen.identifier), EIP[Identifier-PlacerAssignedIdentifier] / [Identifier-FillerAssignedIdentifier]]', () => {
  it('a bare filler number → a logical parent, typed FGN as SPM-2\'s filler number is (the identifier a Specimen with SPM-2 `^PAR9` carries)', () => {
    const parentOwn = (resources(convertChecked(ORU, PID, OBR({}), OBX, SPM({ 2: '^PAR9' })).bundle, 'Specimen')[0] as Json).identifier as Json[];
    const { bundle, lines: all } = convertChecked(ORU, PID, OBR({}), OBX, SPM({ 3: '^PAR9' }));
    expect(parentOwn).toEqual([{ type: typed('FGN'), value: 'PAR9' }]);
    expect((resources(bundle, 'Specimen')[0] as Json).parent).toEqual([{ type: 'Specimen', identifier: parentOwn[0] }]);
    expect(lines(all, 'SPM-3')).toEqual([]);
  });

  it('repetitions keep their order: a bare one before one with a system', () => {
    const { bundle } = convertChecked(ORU, PID, OBR({}), OBX, SPM({ 3: 'PA1~PA2&CPOE&1.2.3.5&ISO' }));
    expect(((resources(bundle, 'Specimen')[0] as Json).parent as Json[]).map((p) => (p.identifier as Json).value)).toEqual(['PA1', 'PA2']);
  });

  it('a bare number that is a Specimen of the message still references that Specimen (loss14b), in its repetition\'s place', () => {
    const { bundle, lines: all } = convertChecked(ORU, PID, OBR({}), OBX, SPM({ 2: 'CH1^LAB', 3: '^PAR9~PA1&CPOE&1.2.3.5&ISO' }), SPM({ 1: '2', 2: '^PAR9' }));
    const [child, parent] = resources(bundle, 'Specimen') as Json[];
    expect(child!.parent).toEqual([{ reference: `urn:uuid:${String(parent!.id)}` }, { type: 'Specimen', identifier: { type: typed('PGN'), system: 'urn:oid:1.2.3.5', value: 'PA1' } }]);
    expect(lines(all, 'SPM-3')).toEqual([]);
  });

  it('an EIP without EI.1 in either component names nothing: no parent, reported', () => {
    const { bundle, lines: all } = convertChecked(ORU, PID, OBR({}), OBX, SPM({ 3: '&CPOE^&LAB' }));
    expect((resources(bundle, 'Specimen')[0] as Json).parent).toBeUndefined();
    expect(lines(all, 'SPM-3')).toEqual(['SPM-3 (segment 5): a parent specimen without an entity identifier (EI.1); not converted']);
  });
});

describe('[IG OBR[ServiceRequest] OBR-29 IF OBR-29.1/.2 VALUED AND OBR-50 NOT VALUED → basedOn[1]/[2].identifier (PLAC/FILL), type ServiceRequest]', () => {
  it('a bare filler number → one logical basedOn typed FILL, the identifier OBR-3 `PARF1` gives an order', () => {
    const parentOwn = (resources(convertChecked(ORM, PID, seg('ORC', { 1: 'NW', 2: 'PL1^CPOE' }), OBR({ 3: 'PARF1' })).bundle, 'ServiceRequest')[0] as Json).identifier as Json[];
    const { bundle, lines: all } = convertChecked(ORM, PID, seg('ORC', { 1: 'NW', 2: 'PL1^CPOE' }), OBR({ 29: '^PARF1' }));
    const filler = parentOwn.find((i) => (i.type as Json | undefined) !== undefined && JSON.stringify(i.type).includes('FILL'));
    expect(filler).toEqual({ type: typed('FILL'), value: 'PARF1' });
    expect((resources(bundle, 'ServiceRequest')[0] as Json).basedOn).toEqual([{ type: 'ServiceRequest', identifier: filler }]);
    expect(lines(all, 'OBR-29')).toEqual([]);
  });

  it('an EIP component without EI.1 names nothing: that one reported, the other mapped', () => {
    const { bundle, lines: all } = convertChecked(ORM, PID, seg('ORC', { 1: 'NW', 2: 'PL1^CPOE' }), OBR({ 29: '&CPOE^PARF1' }));
    expect((resources(bundle, 'ServiceRequest')[0] as Json).basedOn).toEqual([{ type: 'ServiceRequest', identifier: { type: typed('FILL'), value: 'PARF1' } }]);
    expect(all.filter((t) => t.startsWith('OBR-29'))).toEqual(['OBR-29.1 (segment 4): a parent order without an entity identifier (EI.1); not converted']);
  });

  it('OBR-50 valued: no basedOn, reported (the IG has no target yet; as before)', () => {
    const { bundle, lines: all } = convertChecked(ORM, PID, seg('ORC', { 1: 'NW', 2: 'PL1^CPOE' }), OBR({ 29: 'PAR1', 50: '600-7^Bacteria identified^LN' }));
    expect((resources(bundle, 'ServiceRequest')[0] as Json).basedOn).toBeUndefined();
    expect(lines(all, 'OBR-29')).toEqual([expect.stringContaining('parent universal service identifier (OBR-50)')]);
  });

  it('[IG ORC[ServiceRequest] #31 → basedOn[1].extension??-parent.service] the parent\'s service rides on the bare number\'s basedOn', () => {
    const { bundle } = convertChecked(ORM, PID, seg('ORC', { 1: 'NW', 2: 'PL1^CPOE', 31: '600-7^Bacteria identified^LN' }), OBR({ 29: 'PAR1' }));
    const basedOn = (resources(bundle, 'ServiceRequest')[0] as Json).basedOn as Json[];
    expect(basedOn).toHaveLength(1);
    expect(basedOn[0]).toMatchObject({ type: 'ServiceRequest', identifier: { type: typed('PLAC'), value: 'PAR1' }, extension: [{ valueCodeableConcept: { coding: [expect.objectContaining({ code: '600-7' })] } }] });
  });
});

describe('the Bundle never makes a bare parent number resolvable', () => {
  const message = [...ADT, DG1({ 22: 'DG1001' }), PR1({ 19: 'PR1006', 25: 'PR1001' })].join('\r');
  it.each([
    ['PUT by id', {}],
    ['conditional update', { conditionalUpdate: true }],
    ['omittedFields keep (patches)', { omittedFields: 'keep' as const }],
    ['conditional update + keep', { conditionalUpdate: true, omittedFields: 'keep' as const }],
  ])('%s: the parent stays { type, identifier }, and no request URL carries the number', (_name, options) => {
    const { bundle } = convertHl7v2(message, options);
    const text = JSON.stringify(bundle);
    expect(text).toContain('"partOf":[{"type":"Procedure","identifier":{"value":"PR1001"}}]');
    expect(text).toContain('"valueReference":{"type":"Condition","identifier":{"value":"DG1001"}}');
    for (const e of (bundle.entry as { request: Json }[]) ?? []) expect(JSON.stringify(e.request)).not.toMatch(/PR1001|DG1001/);
    expect(text).not.toMatch(/"reference":"[^"]*(PR1001|DG1001)/);
  });
});

describe('the corpus messages that send bare parents (reviews 9/11/13/14/15)', () => {
  const samples = path.join(corpusRoot, 'microsoft-fhir-converter/data/SampleData/Hl7v2');
  const convert = (name: string) => {
    const { bundle, report } = convertHl7v2(readFileSync(path.join(samples, `${name}.hl7`)));
    const all = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
    return { bundle, all };
  };

  it.each(['BAR-P12-01', 'REF-I12-02'])('%s: PR1-25 `PR1001` → partOf { type Procedure, identifier PR1001 }, not reported', (name) => {
    const { bundle, all } = convert(name);
    expect(resources(bundle, 'Procedure').map((p) => p.partOf)).toEqual([[{ type: 'Procedure', identifier: { value: 'PR1001' } }]]);
    expect(lines(all, 'PR1-25')).toEqual([]);
  });

  it('REF-I12-02: DG1-22 `DG1001` → condition-dueTo by the number DG1-20 `DG1002` is written as', () => {
    const { bundle, all } = convert('REF-I12-02');
    const condition = resources(bundle, 'Condition').find((c) => (c.identifier as Json[] | undefined)?.[0]?.value === 'DG1002');
    expect(condition?.extension).toContainEqual({ url: DUE_TO, valueReference: { type: 'Condition', identifier: { value: 'DG1001' } } });
    expect(lines(all, 'DG1-22')).toEqual([]);
  });

  it.each(['ORU-R01-01', 'OML-O21-01'])('%s: SPM-3 `PAI12^FAI12` → parent by the filler number (FGN); the placer beside it reported (one identifier per Reference)', (name) => {
    const { bundle, all } = convert(name);
    const parents = resources(bundle, 'Specimen').map((s) => s.parent);
    expect(parents).toEqual([[{ type: 'Specimen', identifier: { type: typed('FGN'), value: 'FAI12' } }]]);
    expect(lines(all, 'SPM-3')).toEqual([]);
    expect(lines(all, 'SPM-3.1')).toHaveLength(1);
  });

  it('OMG-O19-01: SPM-3 `2017-PAT-123456&L` → parent by the placer number (PGN), namespace L as assigner, as SPM-2\'s', () => {
    const { bundle, all } = convert('OMG-O19-01');
    const specimen = resources(bundle, 'Specimen')[0] as Json;
    expect(specimen.identifier).toEqual([{ type: typed('PGN'), value: '2017-PAT-123456-1', assigner: { display: 'L' } }]);
    expect(specimen.parent).toEqual([{ type: 'Specimen', identifier: { type: typed('PGN'), value: '2017-PAT-123456', assigner: { display: 'L' } } }]);
    expect(lines(all, 'SPM-3')).toEqual([]);
  });

  it('ORM-O01-03: OBR-29 `PAI-291^FAI-292` → two logical basedOn, PLAC and FILL; nothing of OBR-29 reported', () => {
    const { bundle, all } = convert('ORM-O01-03');
    const basedOn = resources(bundle, 'ServiceRequest').flatMap((r) => (r.basedOn as Json[] | undefined) ?? []);
    expect(basedOn).toEqual([
      { type: 'ServiceRequest', identifier: { type: typed('PLAC'), value: 'PAI-291' } },
      { type: 'ServiceRequest', identifier: { type: typed('FILL'), value: 'FAI-292' } },
    ]);
    expect(lines(all, 'OBR-29')).toEqual([]);
    expect(entries(bundle).every((e) => !e.request.url.includes('PAI-291'))).toBe(true);
  });
});
