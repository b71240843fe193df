/**
 * Review 6's document, result and order losses (docs/mapping-review-6.md "Losses, grouped by
 * field" 2, 3, 5, 7), each per its IG row: mapped where a row of the IG's segment/datatype maps the
 * field, else one report line and nothing in the Bundle. Expected values are written from the rows.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;


const run = convertChecked;

const PID = 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F';
const MDM = 'MSH|^~\\&|EHR|HOSP|DMS|HOSP|20240305081500-0500||MDM^T02^MDM_T02|R6D1|P|2.5.1';
const EVN = 'EVN|T02|20240305081500-0500';
const PV1 = 'PV1|1|I|||||||||||||||||V100^^^HOSP^VN';
const TXA = { 1: '1', 2: 'PN', 3: 'TX', 4: '20240305080000-0500', 9: '777^AUTHOR^ANN', 12: 'DOC1^EHR', 17: 'AU', 19: 'AV' };

const mdm = (txa: Record<number, string>, ...obx: string[]) => run(MDM, EVN, PID, PV1, seg('TXA', { ...TXA, ...txa }), ...obx);
const document = (bundle: Json) => resources(bundle, 'DocumentReference')[0]!;
const contentTypes = (bundle: Json) => ((document(bundle).content as { attachment: Json }[]) ?? []).map((c) => c.attachment.contentType);

describe('[IG TXA[DocumentReference] #2 → type, CWE[CodeableConcept]; TXA-2 bound to HL7 table 0270]', () => {
  it.each([
    // a bare table code: CWE.1 → code, the field's table gives the system
    ['PN', [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0270', code: 'PN' }]],
    // CWE.3 names the table: the same coding, with CWE.2 → display
    ['DS^Discharge summary^HL70270', [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0270', code: 'DS', display: 'Discharge summary' }]],
    // the sender's own system stays its own (CWE.3 → coding[1].system); CWE.4–6 → coding[2]
    ['11506-3^Progress note^LN^PN^Progress note^HL70270', [
      { system: 'http://loinc.org', code: '11506-3', display: 'Progress note' },
      { system: 'http://terminology.hl7.org/CodeSystem/v2-0270', code: 'PN', display: 'Progress note' },
    ]],
  ])('TXA-2 %s', (txa2, coding) => {
    const { bundle, lines } = mdm({ 2: txa2 }, seg('OBX', { 1: '1', 2: 'TX', 5: 'Line one', 11: 'F' }));
    expect((document(bundle).type as Json).coding).toEqual(coding);
    expect(lines.filter((t) => t.startsWith('TXA-2'))).toEqual([]);
  });
});

describe('[IG TXA[DocumentReference] #3 → content.attachment.contentType, ID[code]] TXA-3, table 0191', () => {
  it('TX beside text lines: the text content is of that kind (text/plain), TXA-3 not reported', () => {
    const { bundle, lines } = mdm({ 3: 'TX' }, seg('OBX', { 1: '1', 2: 'TX', 5: 'Line one', 11: 'F' }));
    expect(contentTypes(bundle)).toEqual(['text/plain; charset=utf-8']);
    expect(lines.filter((t) => t.startsWith('TXA-3'))).toEqual([]);
  });

  it('a notification without content: TXA-3 TX is the placeholder attachment\'s contentType (text/plain)', () => {
    const { bundle, lines } = mdm({ 3: 'TX' });
    expect(contentTypes(bundle)).toEqual(['text/plain']);
    expect(lines.filter((t) => t.startsWith('TXA-3'))).toEqual([]);
  });

  it('AP (application) beside a PDF ED: the ED\'s own type stays (application/pdf), TXA-3 agrees', () => {
    const { bundle, lines } = mdm({ 3: 'AP' }, seg('OBX', { 1: '1', 2: 'ED', 5: '^AP^PDF^Base64^JVBERi0xLjQ=', 11: 'F' }));
    expect(contentTypes(bundle)).toEqual(['application/pdf']);
    expect(lines.filter((t) => t.startsWith('TXA-3'))).toEqual([]);
  });

  it('IM (image) beside text lines only: no content of that kind, TXA-3 reported, not stamped on the text', () => {
    const { bundle, lines } = mdm({ 3: 'IM' }, seg('OBX', { 1: '1', 2: 'TX', 5: 'Line one', 11: 'F' }));
    expect(contentTypes(bundle)).toEqual(['text/plain; charset=utf-8']);
    expect(lines.filter((t) => t.startsWith('TXA-3 (segment 5)'))).toHaveLength(1);
  });
});

describe('[IG TXA[DocumentReference] #5: no target; #9 → author(Practitioner)]', () => {
  it('TXA-5 (primary activity provider) is no author: reported; TXA-9 is the author', () => {
    const { bundle, lines } = mdm({ 5: '555^PROVIDER^PAT', 9: '777^AUTHOR^ANN' }, seg('OBX', { 1: '1', 2: 'TX', 5: 'Line one', 11: 'F' }));
    expect((document(bundle).author as Json[]).map((a) => a.display)).toEqual(['ANN AUTHOR']);
    expect(lines).toContain('TXA-5 (segment 5) is valued but not mapped');
    expect(resources(bundle, 'Practitioner').map((p) => JSON.stringify(p.name))).not.toContain(JSON.stringify([{ family: 'PROVIDER', given: ['PAT'] }]));
  });
});

describe('[IG OBX[DocumentReference] #3: no target] the observation identifier of a document OBX', () => {
  it('is reported (with its alternate coding, IG MDM_T02 OBX 4), never put in the Bundle, never silent', () => {
    const { bundle, lines } = mdm(
      {},
      seg('OBX', { 1: '1', 2: 'ED', 3: '1111.2^PHQ-9 Depression Screen PDF^L^44249-1^PHQ-9 quick depression assessment panel^LN', 5: '^AP^PDF^Base64^JVBERi0xLjQ=', 11: 'F' }),
    );
    expect(lines.filter((t) => t.startsWith('OBX-3 (segment 6)'))).toHaveLength(1);
    expect(JSON.stringify(bundle)).not.toContain('44249-1');
  });
});

const ORU = 'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240305081500-0500||ORU^R01^ORU_R01|R6D2|P|2.5.1';
const OML = 'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240305081500-0500||OML^O21^OML_O21|R6D3|P|2.5.1';
const OBR = { 1: '1', 2: 'PL1^CPOE', 3: 'FL1^LAB', 4: '2345-7^Glucose^LN', 25: 'F' };
const OBX = seg('OBX', { 1: '1', 2: 'NM', 3: '2345-7^Glucose^LN', 5: '95', 6: 'mg/dL^mg/dL^UCUM', 11: 'F' });
const SPM = { 1: '1', 2: 'SP1^LAB', 4: 'BLD^Blood^HL70487' };
const oru = (obr: Record<number, string>, spm?: Record<number, string>) => run(ORU, PID, seg('OBR', { ...OBR, ...obr }), OBX, ...(spm === undefined ? [] : [seg('SPM', { ...SPM, ...spm })]));
const specimen = (bundle: Json) => resources(bundle, 'Specimen')[0]!;
const display = (bundle: Json, ref: Json | undefined) => (ref === undefined ? undefined : ref.display);

describe('[IG SPM[Specimen] #3 → parent(Specimen.identifier), EIP placer/filler]', () => {
  // [IG EI[Identifier-System] EI.3 → system] an OID authority (EI.3, EI.4 ISO) → urn:oid system
  it.each([
    // EIP.2 (filler) → the parent's identifier
    ['^PAR9&LAB&1.2.3.4&ISO', [{ type: 'Specimen', identifier: { value: 'PAR9', system: 'urn:oid:1.2.3.4', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'FGN' }] } } }]],
    // EIP.1 (placer) alone
    ['PPAR9&CPOE&1.2.3.5&ISO', [{ type: 'Specimen', identifier: { value: 'PPAR9', system: 'urn:oid:1.2.3.5', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PGN' }] } } }]],
  ])('SPM-3 %s', (spm3, parent) => {
    const { bundle, lines } = oru({}, { 3: spm3 });
    expect(specimen(bundle).parent).toMatchObject(parent);
    expect(lines.filter((t) => t.startsWith('SPM-3'))).toEqual([]);
  });

  // parents16 (review 7 reported it): a number with no system is a logical reference, typed FGN
  // and with the assigner display as SPM-2 `^PAR9&LAB` gives the parent Specimen; not reported
  it('SPM-3 ^PAR9&LAB (namespace the channel does not map): a logical parent by that identifier, not reported', () => {
    const { bundle, lines } = oru({}, { 3: '^PAR9&LAB' });
    expect(specimen(bundle).parent).toEqual([{ type: 'Specimen', identifier: { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'FGN' }] }, value: 'PAR9', assigner: { display: 'LAB' } } }]);
    expect(lines.filter((t) => t.startsWith('SPM-3'))).toEqual([]);
  });

  // [IG SPM[Specimen] #3 → parent (Specimen.identifier)] loss14b: a number without a system that is
  // exactly one Specimen's own SPM-2 number in this message (same patient) names that Specimen: the
  // parent is a reference to it, before or after the child
  it.each([
    ['after the child', [{ 2: 'CH1^LAB', 3: '^PAR9&LAB' }, { 2: '^PAR9&LAB' }], 0, 1],
    ['before the child', [{ 2: '^PAR9&LAB' }, { 2: 'CH1^LAB', 3: '^PAR9&LAB' }], 1, 0],
    ['by its placer number (EIP.1 ↔ SPM-2.1)', [{ 2: 'CH1^LAB', 3: 'PPAR9&CPOE' }, { 2: 'PPAR9&CPOE' }], 0, 1],
  ])('SPM-3 naming a Specimen of the message (%s) → a reference to it, no report line', (_where, spms, child, parent) => {
    const { bundle, lines } = run(ORU, PID, seg('OBR', OBR), OBX, ...spms.map((spm, i) => seg('SPM', { ...SPM, 1: String(i + 1), ...spm })));
    const all = resources(bundle, 'Specimen');
    expect(all).toHaveLength(2);
    expect(all[child]!.parent).toEqual([{ reference: `urn:uuid:${all[parent]!.id}` }]);
    expect(all[parent]!.parent).toBeUndefined();
    expect(lines.filter((t) => t.startsWith('SPM-3'))).toEqual([]);
  });

  it('a number another Specimen carries under the other role (filler vs placer) names none: no literal reference, the logical one (parents16)', () => {
    const { bundle, lines } = run(ORU, PID, seg('OBR', OBR), OBX, seg('SPM', { ...SPM, 2: 'CH1^LAB', 3: '^PAR9&LAB' }), seg('SPM', { ...SPM, 1: '2', 2: 'PAR9&LAB' }));
    const [child, other] = resources(bundle, 'Specimen');
    expect(child!.parent).toEqual([{ type: 'Specimen', identifier: expect.objectContaining({ value: 'PAR9', type: { coding: [expect.objectContaining({ code: 'FGN' })] } }) }]);
    expect(other!.parent).toBeUndefined();
    expect(lines.filter((t) => t.startsWith('SPM-3'))).toEqual([]);
  });

  it('placer and filler: one Reference holds the filler\'s, the placer\'s is reported', () => {
    const { bundle, lines } = oru({}, { 3: 'PPAR9&CPOE&1.2.3.5&ISO^PAR9&LAB&1.2.3.4&ISO' });
    expect((specimen(bundle).parent as Json[]).map((p) => (p.identifier as Json).value)).toEqual(['PAR9']);
    expect(lines.filter((t) => t.startsWith('SPM-3.1 (segment 5)'))).toHaveLength(1);
  });

  // review 8 (moved from test/review/review8.test.ts): referenceIdentifier(filler ?? placer) dropped
  // the reference when the filler had no system, although the placer's names the parent
  it('keeps the parent by the placer number that has a system', () => {
    const { bundle } = oru({}, { 3: 'PPAR9&CPOE&1.2.3.5&ISO^PAR9&LAB' });
    expect((specimen(bundle).parent as Json[] | undefined)?.map((p) => (p.identifier as Json).system)).toEqual(['urn:oid:1.2.3.5']);
  });

  it('placer with a system, filler without: the parent is PPAR9, the filler number (SPM-3.2) is reported', () => {
    const { bundle, lines } = oru({}, { 3: 'PPAR9&CPOE&1.2.3.5&ISO^PAR9&LAB' });
    expect((specimen(bundle).parent as Json[]).map((p) => (p.identifier as Json).value)).toEqual(['PPAR9']);
    expect(lines.filter((t) => t.startsWith('SPM-3.2 (segment 5)'))).toHaveLength(1);
    expect(lines.filter((t) => t.startsWith('SPM-3.1 ') || t.startsWith('SPM-3 '))).toEqual([]);
  });

  it('control: the placer alone makes the parent (the same number, same system)', () => {
    const { bundle } = oru({}, { 3: 'PPAR9&CPOE&1.2.3.5&ISO' });
    expect((specimen(bundle).parent as Json[]).map((p) => (p.identifier as Json).system)).toEqual(['urn:oid:1.2.3.5']);
  });
});

describe('[IG OBR[Specimen] #7, #10 (ORU_R01 4.2.2, OML_O21 6.4.1: OBR → Specimen)]', () => {
  it('OBR-10 → Specimen.collection.collector (XCN[Practitioner]), not reported', () => {
    const { bundle, lines } = oru({ 7: '20240305070000-0500', 10: '42^COLLECTOR^CAL' }, {});
    expect(display(bundle, (specimen(bundle).collection as Json).collector as Json)).toBe('CAL COLLECTOR');
    expect(lines.filter((t) => t.startsWith('OBR-10'))).toEqual([]);
  });

  it('OBR-7 without OBR-8 → collection.collectedDateTime when SPM-17 is empty; SPM-17 wins when valued', () => {
    const { bundle } = oru({ 7: '20240305070000-0500' }, {});
    expect((specimen(bundle).collection as Json).collectedDateTime).toBe('2024-03-05T07:00:00-05:00');
    const own = oru({ 7: '20240305070000-0500' }, { 17: '20240305065000-0500' });
    expect((specimen(own.bundle).collection as Json).collectedDateTime).toBe('2024-03-05T06:50:00-05:00');
  });

  it('OBR-7 with OBR-8 → collection.collectedPeriod start/end', () => {
    const { bundle } = oru({ 7: '20240305070000-0500', 8: '20240305071500-0500' }, {});
    expect((specimen(bundle).collection as Json).collectedPeriod).toEqual({ start: '2024-03-05T07:00:00-05:00', end: '2024-03-05T07:15:00-05:00' });
  });

  it('OML_O21: OBR-7 (no ServiceRequest row) is the specimen\'s collection time, no longer reported', () => {
    const { bundle, lines } = run(OML, PID, 'ORC|NW|PL1^CPOE', seg('OBR', { 1: '1', 2: 'PL1^CPOE', 4: '2345-7^Glucose^LN', 7: '20240305070000-0500' }), seg('SPM', SPM));
    expect((specimen(bundle).collection as Json).collectedDateTime).toBe('2024-03-05T07:00:00-05:00');
    expect(lines.filter((t) => t.startsWith('OBR-7'))).toEqual([]);
  });

  it('without an SPM the OBR\'s own Specimen takes OBR-10 (review 16: until then reported; obr-specimen.test.ts)', () => {
    const { bundle, lines } = oru({ 10: '42^COLLECTOR^CAL' });
    expect(lines.filter((t) => t.startsWith('OBR-10'))).toEqual([]);
    expect(((specimen(bundle).collection as Json).collector as Json).display).toBe('CAL COLLECTOR');
  });
});

describe('[IG OBR[DiagnosticReport] #35 → performer(NDL[PractitionerRole]) + event-performerFunction TRANS]', () => {
  it('OBR-35 in a result: a DiagnosticReport performer with function v3-ParticipationType TRANS', () => {
    const { bundle, lines } = oru({ 35: '88&TYPIST&TINA' });
    const performer = (resources(bundle, 'DiagnosticReport')[0]!.performer as Json[])[0]!;
    expect(performer.display).toBe('TINA TYPIST');
    expect(performer.extension).toEqual([
      { url: 'http://hl7.org/fhir/StructureDefinition/event-performerFunction', valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'TRANS' }] } },
    ]);
    expect(lines.filter((t) => t.startsWith('OBR-35'))).toEqual([]);
  });

  it('OBR-35 in an order message (OBR[ServiceRequest] #35: no row) stays reported', () => {
    const { lines } = mdm({}, seg('OBX', { 1: '1', 2: 'TX', 5: 'Line one', 11: 'F' }));
    expect(lines.filter((t) => t.startsWith('OBR-35'))).toEqual([]);
    const withOrder = run(MDM, EVN, PID, PV1, 'ORC|RE|PL1^CPOE', seg('OBR', { 1: '1', 2: 'PL1^CPOE', 4: '11506-3^Progress note^LN', 35: '88&TYPIST&TINA' }), seg('TXA', TXA), seg('OBX', { 1: '1', 2: 'TX', 5: 'Line one', 11: 'F' }));
    expect(withOrder.lines).toContain('OBR-35 (segment 6) is valued but not mapped');
  });
});

describe('[IG ORC[Provenance] #9 → recorded, occurredDateTime; #12 → agent author; ORC[ServiceRequest] #9 authoredOn IF ORC-1 = NW]', () => {
  const order = (orc: string) => run(MDM, EVN, PID, PV1, orc, seg('OBR', { 1: '1', 2: 'PL1^CPOE', 4: '11506-3^Progress note^LN' }), seg('TXA', TXA), seg('OBX', { 1: '1', 2: 'TX', 5: 'Line one', 11: 'F' }));
  // the order's own Provenance (the message's EVN Provenance targets every resource)
  // the document's request is a conditional create (R23-D1: an MDM does not place the order), its body
  // without id: the order is named by its entry's fullUrl
  const orderUrl = (bundle: Json) => (bundle.entry as Json[]).find((e) => (e.resource as Json | undefined)?.resourceType === 'ServiceRequest')?.fullUrl;
  const orderProvenance = (bundle: Json) => resources(bundle, 'Provenance').filter((p) => (p.target as Json[]).length === 1 && (p.target as Json[]).some((t) => (t.reference as string) === orderUrl(bundle)));

  it('ORC-1 RE with ORC-9 and ORC-12: a Provenance of the order at ORC-9, author ORC-12; ORC-9 not reported', () => {
    const { bundle, lines } = order(seg('ORC', { 1: 'RE', 2: 'PL1^CPOE', 9: '20240305070000-0500', 12: '5742^RADON^NICK' }));
    const [p, ...more] = orderProvenance(bundle);
    expect(more).toEqual([]);
    expect(p).toMatchObject({ recorded: '2024-03-05T07:00:00-05:00', occurredDateTime: '2024-03-05T07:00:00-05:00' });
    expect((p!.agent as Json[]).map((a) => [((a.type as Json).coding as Json[])[0]!.code, (a.who as Json).display])).toEqual([['author', 'NICK RADON']]);
    expect(resources(bundle, 'ServiceRequest')[0]!.authoredOn).toBeUndefined();
    expect(lines.filter((t) => t.startsWith('ORC-9'))).toEqual([]);
  });

  // [IG ORC[ServiceRequest] #1, #9 → extension businessEvent (value, date)] loss14b: no Provenance
  // without an agent, but the ServiceRequest's businessEvent holds the RE event and its time
  it('ORC-1 RE with ORC-9 and no ORC-12: no Provenance (no agent), ORC-9 in the ServiceRequest\'s businessEvent', () => {
    const { bundle, lines } = order(seg('ORC', { 1: 'RE', 2: 'PL1^CPOE', 9: '20240305070000-0500' }));
    expect(orderProvenance(bundle)).toEqual([]);
    expect(resources(bundle, 'ServiceRequest')[0]!.extension).toContainEqual({
      url: 'http://hl7.org/fhir/StructureDefinition/businessEvent',
      extension: [{ url: 'value', valueCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0119', code: 'RE' }] } }, { url: 'date', valueDateTime: '2024-03-05T07:00:00-05:00' }],
    });
    expect(lines.filter((t) => t.startsWith('ORC-9'))).toEqual([]);
  });

  it('ORC-17 beside an ORC-12-only event Provenance has no enterer to act for: reported', () => {
    const { lines } = order(seg('ORC', { 1: 'RE', 2: 'PL1^CPOE', 9: '20240305070000-0500', 12: '5742^RADON^NICK', 17: 'Good Health Hospital^L' }));
    expect(lines).toContain('ORC-17 (segment 5) is valued but not mapped');
  });
});

describe('fields without an IG target stay in the report, out of the Bundle', () => {
  it.each([
    // [IG ORC[ServiceRequest] #8: "addressed in a future edition"; ORC[DiagnosticReport], ORC[Provenance] #8: none]
    ['ORC-8', seg('ORC', { 1: 'NW', 2: 'PL1^CPOE', 8: 'PARENT7^CPOE' }), 'PARENT7'],
    // [IG ORC[ServiceRequest] #15: "requesting ballot feedback", no target; other ORC maps: none]
    ['ORC-15', seg('ORC', { 1: 'NW', 2: 'PL1^CPOE', 15: '20240310' }), '2024-03-10'],
  ])('%s', (field, orc, value) => {
    const { bundle, lines } = run(OML, PID, orc, seg('OBR', { 1: '1', 2: 'PL1^CPOE', 4: '2345-7^Glucose^LN' }));
    expect(lines).toContain(`${field} (segment 3) is valued but not mapped`);
    expect(JSON.stringify(bundle)).not.toContain(value);
  });

  it('EVN-3 [IG EVN[Provenance] #3: no target] and PD1-1 [IG PD1[Patient] #1: no target]', () => {
    const { bundle, lines } = run('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500-0500||ADT^A01^ADT_A01|R6D4|P|2.5.1', 'EVN|A01|20240305081500-0500|20240306090000-0500', PID, 'PD1|F^Family^HL70223', 'PV1|1|I|||||||||||||||||V100^^^HOSP^VN');
    expect(lines).toContain('EVN-3 (segment 2) is valued but not mapped');
    expect(lines).toContain('PD1-1 (segment 4) is valued but not mapped');
    expect(JSON.stringify(bundle)).not.toMatch(/2024-03-06T09|HL70223|"Family"/);
  });
});

describe('[IG PV1[Encounter] #14 → hospitalization.admitSource, CWE[CodeableConcept]; table 0023 user-defined]', () => {
  it.each([
    // a bare table code: CWE.1 → code, the field's table 0023 → system
    ['7', { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0023', code: '7' }] }, 0],
    // text in CWE.1 without CWE.3 (EVERYMAN `NHS Provider-General…`): no code of the table, so no system; one report line, never the value
    ['NHS Provider-General', { coding: [{ code: 'NHS Provider-General' }] }, 1],
  ])('PV1-14 %s', (pv114, admitSource, reported) => {
    const { bundle, lines } = run('MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305081500-0500||ADT^A01^ADT_A01|R6D5|P|2.5.1', 'EVN|A01|20240305081500-0500', PID, seg('PV1', { 1: '1', 2: 'I', 14: pv114, 19: 'V100^^^HOSP^VN' }));
    expect((resources(bundle, 'Encounter')[0]!.hospitalization as Json).admitSource).toEqual(admitSource);
    expect(lines.filter((t) => t.includes('PV1-14')).length).toBe(reported);
    expect(lines.filter((t) => t.includes('PV1-14')).join()).not.toContain('NHS');
  });
});
