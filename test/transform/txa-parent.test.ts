/**
 * TXA-13 (parent document) becomes DocumentReference.relatesTo only where the event says what the
 * document does to its parent [IG TXA[DocumentReference] #13 has no target; v2.5.1 ch. 9, table
 * 0003]: T05/T06 addendum → `appends`, T09/T10 replacement → `replaces` (FHIR R4: this document
 * supersedes the target). An original (T01/T02), a status change (T03/T04), an edit (T07/T08) and
 * a cancel (T11) make no claim about the parent: no relatesTo, and TXA-13 is reported as not
 * mapped (review 3: MDM-T01-01 marked its parent superseded). T03/T04/T07/T08/T11 are refused as
 * unsupported events today, so only T01/T02 stand for that side here.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { entries } from './helpers.js';

/** An MDM of `event` (content events carry an OBX) whose TXA-13 names DOC299. */
function mdm(event: string, structure: string): string {
  const withContent = structure === 'MDM_T02';
  return [
    `MSH|^~\\&|EHR|HOSP|DMS|HOSP|20240301120000-0500||MDM^${event}^${structure}|D-${event}|P|2.5.1`,
    `EVN|${event}|20240301120000-0500`,
    'PID|1||MRN5^^^HOSP^MR||BROWN^BEA||19700101|F',
    'PV1|1|O|CLINIC^1^A',
    'TXA|1|CN|TX|20240301113000-0500||20240301110000-0500||||||DOC300^DMS|DOC299^DMS||||AU||AV',
    ...(withContent ? ['OBX|1|TX|11506-3^Progress note^LN||Patient doing well.||||||F'] : []),
  ].join('\r');
}

function convert(event: string, structure: string): { relatesTo: unknown; reported: boolean } {
  const result = convertHl7v2(mdm(event, structure), {});
  const doc: Record<string, unknown> = entries(result.bundle).find((e) => e.resource.resourceType === 'DocumentReference')?.resource ?? {};
  const reported = JSON.stringify(result.report).includes('TXA-13');
  return { relatesTo: doc.relatesTo, reported };
}

describe('TXA-13 parent document by MDM event [v2 table 0003; IG TXA[DocumentReference] #13]', () => {
  const parent = { type: 'DocumentReference', identifier: { value: 'DOC299' } };
  it.each([
    ['T05', 'MDM_T01', 'appends'],
    ['T06', 'MDM_T02', 'appends'],
    ['T09', 'MDM_T01', 'replaces'],
    ['T10', 'MDM_T02', 'replaces'],
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
});
