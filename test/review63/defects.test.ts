/**
 * Review 63 (issue 14, branch review63 on main ce865288): a fresh synthetic sample of 24 feed-style messages of a UK
 * NHS acute trust (WVPAS ADT v2.4 A01/A02/A03/A04/A08/A11/A12/A13/A40 with a bare MSH-7; WVLIMS ORU^R01 and WVICE
 * ORM^O01 v2.4 with MSH-7 offsets) on a Europe/London channel across the end of BST, 26 October 2031
 * (docs/review63/messages/, docs/mapping-review-63.md). No wrong data and no (a)/(a*) loss was found: this file holds
 * the controls of the notes (R63-N*), each passing today. Expected values come from the messages and the IG rows
 * named, not from hig's output. test/review63/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review63/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review63/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const converted = (n: string, options: Parameters<typeof convertHl7v2>[1] = { timezone: 'Europe/London' }) =>
  convertHl7v2(readFileSync(new URL(file(n), dir), 'latin1'), options);
const text = (x: unknown) => JSON.stringify(x ?? null);
const ofType = (n: string, type: string, options?: Parameters<typeof convertHl7v2>[1]) =>
  (converted(n, options).bundle.entry as Entry[]).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const reportLines = (n: string) => ((converted(n).report?.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
const at = (t: unknown) => (typeof t === 'string' ? Date.parse(t) : Number.NaN);

describe('review 63: times in the hour Europe/London repeats (controls)', () => {
  // #11 MSH-7 01:12+0000 (second pass); OBR-14 01:20 read in MSH-7's pass would be after the message: the first pass
  // (00:20 UTC) is the only reading, and it is taken [hig time-zone rule, ordering; IG OBR[Specimen] #14].
  it('#11 OBR-14 01:20 received in the first pass (00:20 UTC), OBX-14 01:10 in MSH-7\'s pass (01:10 UTC)', () => {
    const spm = ofType('11', 'Specimen')[0] as Json;
    expect(at(spm.receivedTime)).toBe(Date.parse('2031-10-26T00:20:00Z'));
    expect(at((ofType('11', 'Observation')[0] as Json).effectiveDateTime)).toBe(Date.parse('2031-10-26T01:10:00Z'));
  });
  // #21 MSH-7 +0000 (GMT) re-sends Friday's bare 17:05 / 17:50 (BST): the zone's own rule, not MSH-7's fixed offset.
  it('#21 a correction stamped +0000 keeps Friday\'s BST times (17:50 BST = 16:50 UTC)', () => {
    const k = ofType('21', 'Observation').find((o) => text(o.code).includes('2823-3')) as Json;
    expect(at(k.effectiveDateTime)).toBe(Date.parse('2031-10-24T16:50:00Z'));
  });
  // R63-N1: #12 the PAS sends MSH-7, EVN-2 and PV1-44 bare in the repeated hour (01:38 / 01:35, in truth the second
  // pass, GMT): nothing in the message places them; hig reads the first pass and says so on each field.
  it('R63-N1 control: #12 each bare time of the repeated hour is reported as ambiguous (MSH-7, EVN-2, PV1-44)', () => {
    const lines = reportLines('12').filter((t) => t.includes('repeats as daylight saving ends') && t.includes('ambiguous'));
    expect(lines.map((t) => t.slice(0, 5)).sort()).toEqual(['EVN-2', 'MSH-7', 'PV1-4']);
  });
});

describe('review 63: notes (not counted)', () => {
  // R63-N2: an ED attendance (A04, PV1-2 E) is `planned` by the IG's Event[EncounterStatus] map (A04 → planned) while
  // the patient is in the cubicle (`active`, IG PV1[Encounter] #3) and results arrive; MAPPING-RULES also accepts
  // arrived / in-progress; hig chose planned (docs/mapping.md event table). IG-conformant.
  it('R63-N2 control: #08 the ED attendance is the IG\'s `planned`, its cubicle `active`', () => {
    const v = ofType('08', 'Encounter')[0] as Json;
    expect([v.status, (v.location as Json[])[0]?.status]).toEqual(['planned', 'active']);
  });
  // R63-N4: PID-3 `^^^NHS^NH` keeps the NHS number with the assigner NHS and type NH [IG CX[Identifier] #4, #5]; the UK
  // Core system https://fhir.nhs.uk/Id/nhs-number comes only from the channel's namespaceMap (operator setting).
  it('R63-N4 control: #01 with namespaceMap NHS → the UK Core system, the NHS number carries it', () => {
    const nhs = 'https://fhir.nhs.uk/Id/nhs-number';
    const p = ofType('01', 'Patient', { timezone: 'Europe/London', namespaceMap: { NHS: nhs } })[0] as Json;
    expect((p.identifier as Json[]).find((i) => i.value === '9993631035')?.system).toBe(nhs);
  });
});
