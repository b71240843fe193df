/**
 * Review 6's document, result and order losses (docs/mapping-review-6.md "Losses, grouped by
 * field" 2, 3, 5, 7), each per its IG row: mapped where a row of the IG's segment/datatype maps the
 * field, else one report line and nothing in the Bundle. Expected values are written from the rows.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { resources } from './helpers.js';

type Json = Record<string, unknown>;

/** A segment from its fields by position. */
function seg(name: string, fields: Record<number, string>): string {
  const last = Math.max(...Object.keys(fields).map(Number));
  return [name, ...Array.from({ length: last }, (_, i) => fields[i + 1] ?? '')].join('|');
}

function run(...segments: string[]): { bundle: Json; lines: string[] } {
  const { bundle, report } = convertHl7v2(segments.join('\r'));
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { bundle, lines };
}

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
