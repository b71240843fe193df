/**
 * TXA-13 (parent document) becomes DocumentReference.relatesTo only where the event says what the
 * document does to its parent [IG TXA[DocumentReference] #13 has no target; v2.5.1 ch. 9, table
 * 0003]: T05/T06 addendum → `appends`, T09/T10 replacement → `replaces` (FHIR R4: this document
 * supersedes the target). An edit (T07/T08) sent under a TXA-12 of its own with the original in
 * TXA-13 is the original's new version: `replaces` too (review 37 R37-N2: the note and its edit were
 * two current notes); an edit under the original's own number names no parent. An original
 * (T01/T02) makes no claim about the parent: no relatesTo, and TXA-13 is reported as not mapped
 * (review 3: MDM-T01-01 marked its parent superseded).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { entries } from './helpers.js';

/** An MDM of `event` (content events carry an OBX) whose TXA-13 names DOC299. */
function mdm(event: string, structure: string, own = 'DOC300'): string {
  const withContent = structure === 'MDM_T02';
  return [
    `MSH|^~\\&|EHR|HOSP|DMS|HOSP|20240301120000-0500||MDM^${event}^${structure}|D-${event}|P|2.5.1`,
    `EVN|${event}|20240301120000-0500`,
    'PID|1||MRN5^^^HOSP^MR||BROWN^BEA||19700101|F',
    'PV1|1|O|CLINIC^1^A',
    `TXA|1|CN|TX|20240301113000-0500||20240301110000-0500||||||${own}^DMS|DOC299^DMS||||AU||AV`,
    ...(withContent ? ['OBX|1|TX|11506-3^Progress note^LN||Patient doing well.||||||F'] : []),
  ].join('\r');
}

function convert(event: string, structure: string, own?: string): { relatesTo: unknown; reported: boolean; patches: string[] } {
  const result = convertHl7v2(mdm(event, structure, own), {});
  const doc: Record<string, unknown> = entries(result.bundle).find((e) => e.resource.resourceType === 'DocumentReference')?.resource ?? {};
  const reported = JSON.stringify(result.report).includes('TXA-13');
  // the parent's supersede: a PATCH searched by TXA-13 among the patient's documents (patch.ts supersededParentEntry)
  // (a JSON Patch Binary whose body sets status `superseded`; a T07's own notification patch sets none)
  const patches = entries(result.bundle)
    .filter((e) => e.request?.method === 'PATCH' && String(e.request.url).includes('DOC299'))
    .filter((e) => Buffer.from(String((e.resource as { data?: string }).data ?? ''), 'base64').toString().includes('superseded'))
    .map((e) => String(e.request?.url));
  return { relatesTo: doc.relatesTo, reported, patches };
}

describe('TXA-13 parent document by MDM event [v2 table 0003; IG TXA[DocumentReference] #13]', () => {
  const parent = { type: 'DocumentReference', identifier: { value: 'DOC299' } };
  it.each([
    ['T05', 'MDM_T01', 'appends'],
    ['T06', 'MDM_T02', 'appends'],
    ['T09', 'MDM_T01', 'replaces'],
    ['T10', 'MDM_T02', 'replaces'],
    // [v2.5.1 ch. 9 T07/T08; FHIR R4 relatesTo replaces] a versioned edit (own TXA-12, the original in TXA-13)
    ['T07', 'MDM_T01', 'replaces'],
    ['T08', 'MDM_T02', 'replaces'],
  ])('%s: relatesTo %s the parent', (event, structure, code) => {
    const { relatesTo, reported } = convert(event, structure);
    expect(relatesTo).toMatchObject([{ code, target: parent }]);
    expect(relatesTo).toHaveLength(1);
    expect(reported).toBe(false);
  });

  it.each([
    ['T01', 'MDM_T01'],
    ['T02', 'MDM_T02'],
  ])('%s: no relatesTo, TXA-13 reported as not mapped', (event, structure) => {
    const { relatesTo, reported } = convert(event, structure);
    expect(relatesTo).toBeUndefined();
    expect(reported).toBe(true);
  });

  it.each([
    ['T07', 'MDM_T01'],
    ['T08', 'MDM_T02'],
    ['T10', 'MDM_T02'],
  ])('%s under its own number: the parent DOC299 is superseded (a PATCH searched by TXA-13)', (event, structure) => {
    const { patches } = convert(event, structure);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toContain('DocumentReference?identifier=');
  });

  it.each([
    ['T07', 'MDM_T01'],
    ['T08', 'MDM_T02'],
  ])('%s of the document itself (TXA-13 = TXA-12): no relatesTo, nothing superseded', (event, structure) => {
    const { relatesTo, patches } = convert(event, structure, 'DOC299');
    expect(relatesTo).toBeUndefined();
    expect(patches).toEqual([]);
  });

  it('T02 of a new document naming DOC299: nothing superseded', () => {
    expect(convert('T02', 'MDM_T02').patches).toEqual([]);
  });
});
