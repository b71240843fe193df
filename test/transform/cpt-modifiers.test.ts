/**
 * [IG PR1[Procedure] #16: PR1-16 Procedure Code Modifier → Procedure.code (code[1].value), `PR1-3.1 + ":" +
 * PR1-16.1`, "If there are multiple modifiers, they are all further concatenated using the ':' as the
 * separator … https://terminology.hl7.org/CPT.html#modifier-syntax"; review 41 R41-L1] The CPT modifier joins
 * the CPT code; FT1-26 (the IG has no FT1 map) is read alike beside FT1-25 [hig]. All data synthetic.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { validateBundle } from '../../src/transform/validate.js';

type Json = Record<string, unknown>;
const CPT = 'http://www.ama-assn.org/go/cpt';
const PID = 'PID|1||CM4100001^^^CMH^MR||HOLLOWAY-TRENT^BRISEIS||19750505|F';

function convert(lines: string[]): { resources: Json[]; report: string[] } {
  const { bundle, report } = convertHl7v2(lines.join('\r'));
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const texts = ((report?.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
  return { resources: (bundle.entry as Json[]).map((e) => e.resource as Json), report: texts };
}
const codes = (r: Json | undefined) => (((r?.code as Json | undefined)?.coding as Json[] | undefined) ?? []).map((c) => `${String(c.system)}|${String(c.code)}`);

/** An FT1 with fields placed by number. */
function ft1(fields: Record<number, string>): string {
  const out: string[] = ['FT1'];
  for (let n = 1; n <= 26; n++) out.push(fields[n] ?? '');
  return out.join('|');
}

function bar(pr1: string) {
  return convert([
    'MSH|^~\\&|BILL|CMH|HIG|CMH|20271110180000-0500||BAR^P01^BAR_P01|CM-1|P|2.5',
    'EVN|P01|20271110180000-0500',
    PID,
    'PV1|1|O',
    pr1,
  ]);
}

describe('PR1-16 → Procedure.code in CPT modifier syntax (R41-L1) [IG PR1[Procedure] #16]', () => {
  it('one modifier: 29881 RT → 29881:RT, PR1-16 not reported', () => {
    const { resources, report } = bar('PR1|1||29881^Arthroscopy knee^CPT4||20271108101800-0500|||||||||||RT^Right side^CPT4');
    expect(codes(resources.find((r) => r.resourceType === 'Procedure'))).toEqual([`${CPT}|29881:RT`]);
    expect(report.filter((l) => l.startsWith('PR1-16'))).toEqual([]);
  });

  it('two modifiers concatenated in order: 27447 RT~59 → 27447:RT:59', () => {
    const { resources } = bar('PR1|1||27447^Total knee arthroplasty^CPT4||20271108101800-0500|||||||||||RT^Right side^CPT4~59^Distinct procedural service^CPT4');
    expect(codes(resources.find((r) => r.resourceType === 'Procedure'))).toEqual([`${CPT}|27447:RT:59`]);
  });

  it('a modifier beside a code that is no CPT code (ICD-10-PCS) is not joined and PR1-16 is reported', () => {
    const { resources, report } = bar('PR1|1||0DTJ4ZZ^Resection of appendix^I10P||20271108101800-0500|||||||||||RT^Right side^CPT4');
    const proc = resources.find((r) => r.resourceType === 'Procedure');
    expect(codes(proc).map((c) => c.split('|')[1])).toEqual(['0DTJ4ZZ']);
    expect(report.some((l) => l.startsWith('PR1-16 (segment 5)') && l.endsWith('not converted'))).toBe(true);
  });
});

describe('FT1-26 beside FT1-25 read alike (R41-L1, consistency) [hig FT1: the IG has no FT1 map; IG PR1[Procedure] #16 syntax]', () => {
  /** The Procedure ChargeItem.service names (contained; review 59 R59-W3: FT1-25 beside FT1-7 is the service). */
  const service = (ci: Json | undefined) => ((ci?.contained as Json[] | undefined) ?? []).find((r) => `#${String(r.id)}` === ((ci?.service as Json[] | undefined) ?? [])[0]?.reference);

  it('the charged service\'s CPT coding carries the modifier: 29881:RT; the transaction code the charge\'s code', () => {
    const { resources, report } = convert([
      'MSH|^~\\&|BILL|CMH|HIG|CMH|20271110180000-0500||DFT^P03^DFT_P03|CM-2|P|2.5.1',
      'EVN|P03|20271110180000-0500',
      PID,
      ft1({ 1: '1', 2: 'TX41-2', 4: '20271108101800-0500', 6: 'CG', 7: 'OR100^OR time^L', 10: '1', 25: '29881^Arthroscopy knee^CPT4', 26: 'RT^Right side^CPT4' }),
    ]);
    const ci = resources.find((r) => r.resourceType === 'ChargeItem');
    expect(codes(ci)).toEqual(['urn:hl7v2:codesystem:L|OR100']);
    expect(codes(service(ci))).toEqual([`${CPT}|29881:RT`]);
    expect(report.filter((l) => l.startsWith('FT1-26'))).toEqual([]);
  });

  it('FT1-7 holds the plain CPT code (and a local one): the charge\'s code is FT1-7 as sent, the modified 29881:RT the service\'s (code review 29 CR29-2, review 59 R59-W3) [FHIR R4 CodeableConcept: codings of one concept]', () => {
    const { resources } = convert([
      'MSH|^~\\&|BILL|CMH|HIG|CMH|20271110180000-0500||DFT^P03^DFT_P03|CM-3|P|2.5.1',
      'EVN|P03|20271110180000-0500',
      PID,
      ft1({ 1: '1', 2: 'TX41-3', 4: '20271108101800-0500', 6: 'CG', 7: '29881^Arthroscopy knee^CPT4^OR100^OR time^L', 10: '1', 25: '29881^Arthroscopy knee^CPT4', 26: 'RT^Right side^CPT4' }),
    ]);
    const ci = resources.find((r) => r.resourceType === 'ChargeItem');
    expect(codes(ci)).toEqual([`${CPT}|29881`, 'urn:hl7v2:codesystem:L|OR100']);
    expect(codes(service(ci))).toEqual([`${CPT}|29881:RT`]);
  });
});
