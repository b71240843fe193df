/**
 * ServiceRequest.status of an order whose ORC does not say it: ORC-5 [IG ORC[ServiceRequest] #5 via
 * OrderStatus], else ORC-1 [IG #1 IF ORC-5 NOT VALUED via OrderControlCode[ServiceRequest.status]];
 * codes that map has no status for (SC, RE…) leave it to the order's result status OBR-25 [hig
 * OBR-25 fallback], in any message, not only in result messages.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

const message = (type: string, control: string, orc5: string, obr25: string) =>
  [
    `MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||${type}|ST1|P|2.5.1`,
    'PID|1||MRN71^^^HOSP^MR||DOE^JANE||19800101|F',
    `ORC|${control}|PL71^CPOE|||${orc5}`,
    `OBR|1|PL71^CPOE||2345-7^Glucose^LN|||||||||||||||||||||${obr25}`,
  ].join('\r');

const status = (m: string) => resources(convertHl7v2(m).bundle, 'ServiceRequest')[0]?.status;

describe('order status without ORC-5 in an order message (ORM_O01)', () => {
  it.each([
    // [IG OrderControlCode SC: no target] → OBR-25
    ['SC', '', 'F', 'completed'],
    ['SC', '', 'C', 'completed'],
    ['SC', '', 'X', 'revoked'],
    ['SC', '', 'I', 'active'],
    ['SC', '', '', 'unknown'],
    // [IG OrderControlCode RE: no target] → OBR-25
    ['RE', '', 'F', 'completed'],
    // [IG OrderControlCode NW → active]: the ORC decides, OBR-25 is not asked
    ['NW', '', 'F', 'active'],
    // [IG OrderStatus CM → completed, IP → active]: ORC-5 wins over ORC-1 and OBR-25
    ['SC', 'IP', 'F', 'active'],
    ['SC', 'CM', '', 'completed'],
  ])('ORC-1 %s, ORC-5 %j, OBR-25 %j → %s', (control, orc5, obr25, expected) => {
    expect(status(message('ORM^O01^ORM_O01', control, orc5, obr25))).toBe(expected);
  });
});

describe('[IG ORC[ServiceRequest] #5 via OrderStatus] an ORC-5 the map does not hold (review 14 #2: `NW`)', () => {
  const report = (m: string) => ((convertHl7v2(m).report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');

  it('decides nothing — the status comes from ORC-1 — and is reported, not read past', () => {
    const m = message('ORM^O01^ORM_O01', 'NW', 'NW', '');
    expect(status(m)).toBe('active');
    expect(report(m)).toContainEqual(expect.stringMatching(/^ORC-5 \(segment 3\): a code with no entry in the IG's OrderStatus map/));
  });

  it('a mapped ORC-5 gives no line', () => {
    expect(report(message('ORM^O01^ORM_O01', 'SC', 'CM', '')).filter((l) => l.startsWith('ORC-5'))).toEqual([]);
  });
});

describe('[IG ORC[ServiceRequest] #16 IF ORC-5 NOT VALUED → request-statusReason; else extension??-orderControlCodeReason]', () => {
  const run = (orc5: string, options: { unnamedExtensions?: 'emit' | 'report' } = {}) =>
    convertHl7v2(
      [
        'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||ORM^O01^ORM_O01|ST2|P|2.5.1',
        'PID|1||MRN71^^^HOSP^MR||DOE^JANE||19800101|F',
        `ORC|CA|PL72^CPOE|||${orc5}|||||||||||DUP^Duplicate order^L`,
        'OBR|1|PL72^CPOE||2345-7^Glucose^LN',
      ].join('\r'),
      options,
    );
  const lines = (r: ReturnType<typeof run>) => ((r.report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  const reasons = (r: ReturnType<typeof run>) => ((resources(r.bundle, 'ServiceRequest')[0]?.extension as { url: string }[] | undefined) ?? []).filter((e) => e.url.endsWith('request-statusReason'));

  it('ORC-5 empty: ORC-16 → request-statusReason', () => {
    expect(reasons(run(''))).toEqual([{ url: 'http://hl7.org/fhir/StructureDefinition/request-statusReason', valueCodeableConcept: { coding: [expect.objectContaining({ code: 'DUP', display: 'Duplicate order' })] } }]);
  });

  // review 17: beside an ORC-5 hig's v2-orderControlCodeReason (unnamed-extension rule), reported
  // only under unnamedExtensions 'report' (until then always reported)
  it('ORC-5 valued: no statusReason; ORC-16 → v2-orderControlCodeReason, or under report the line', () => {
    const r = run('CA');
    expect(reasons(r)).toEqual([]);
    const own = ((resources(r.bundle, 'ServiceRequest')[0]?.extension as { url: string; valueCodeableConcept?: unknown }[] | undefined) ?? []).filter((e) => e.url.endsWith('/v2-orderControlCodeReason'));
    expect(own.map((e) => e.valueCodeableConcept)).toEqual([{ coding: [expect.objectContaining({ code: 'DUP', display: 'Duplicate order' })] }]);
    expect(lines(r).filter((l) => l.startsWith('ORC-16'))).toEqual([]);
    expect(lines(run('CA', { unnamedExtensions: 'report' }))).toContainEqual(expect.stringMatching(/^ORC-16 \(segment 3\): an order control reason beside an order status/));
  });
});
