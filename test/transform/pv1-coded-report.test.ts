/**
 * Review 4 (docs/mapping-review-4.md) classes A and B, the report side: what hig does not claim or
 * does not create is said in the report, located, never with the value. The Bundle side is in
 * cases/ (adt-pv1-cwe-own-system, bar-p02-purge-not-active).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

function lines(message: string): string[] {
  const { report } = convertHl7v2(message);
  return ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
}

/** A PV1 with the given fields (by number) valued. */
function pv1(fields: Record<number, string>): string {
  const out = ['PV1', '1'];
  for (let n = 2; n <= 45; n++) out.push(fields[n] ?? '');
  return out.join('|');
}

const adt = (pv136: string): string =>
  [
    'MSH|^~\\&|ADT|HOSP|EHR|RECV|20240310090000+0100||ADT^A03^ADT_A03|FIX4-R-1|P|2.8',
    'EVN|A03|20240310090000+0100',
    'PID|1||MRN400^^^HOSP^MR||EPSILON^EVE||19900101|F',
    pv1({ 2: 'I', 3: 'W3^5^1^HOSP', 19: 'V400^^^HOSP^VN', 36: pv136, 44: '20240301080000+0100', 45: '20240310080000+0100' }),
  ].join('\r');

describe('review 4 class A: a PV1 coded field that is no code of its table', () => {
  // [IG PV1[Encounter] PV1-36 CWE[CodeableConcept]; CWE.3 empty: the field's table 0112, when the value can be one of its codes]
  it('without CWE.3 and with blanks inside: no table system, one located report line without the value', () => {
    const msg = adt('Admitted as Inpatient^Sample');
    const encounter = resources(convertHl7v2(msg).bundle, 'Encounter')[0] as { hospitalization?: { dischargeDisposition?: unknown } };
    expect(encounter.hospitalization?.dischargeDisposition).toEqual({ coding: [{ code: 'Admitted as Inpatient', display: 'Sample' }] });
    const said = lines(msg).filter((l) => l.includes('PV1-36'));
    expect(said).toHaveLength(1);
    expect(said[0]).not.toContain('Admitted');
  });

  it('a table code without CWE.3 (01) is the table\'s, with no report line', () => {
    const msg = adt('01');
    const encounter = resources(convertHl7v2(msg).bundle, 'Encounter')[0] as { hospitalization?: { dischargeDisposition?: unknown } };
    expect(encounter.hospitalization?.dischargeDisposition).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0112', code: '01' }] });
    expect(lines(msg).filter((l) => l.includes('PV1-36'))).toEqual([]);
  });

  it('the sender\'s system (01^…^ACR) is kept, never table 0112\'s 01', () => {
    const encounter = resources(convertHl7v2(adt('01^Admitted as Inpatient^ACR')).bundle, 'Encounter')[0] as { hospitalization?: { dischargeDisposition?: unknown } };
    expect(encounter.hospitalization?.dischargeDisposition).toEqual({ coding: [{ system: 'urn:hl7v2:codesystem:ACR', code: '01', display: 'Admitted as Inpatient' }] });
  });
});

describe('review 4 class B: BAR^P02 says what it did not create', () => {
  // [hig BAR P02 purge patient accounts; v2 table 0003 P02; no IG BAR_P02 map]
  it('the visit its PV1 names is not created, and the report says so', () => {
    const msg = [
      'MSH|^~\\&|ADT|HOSP|EHR|RECV|20240310090000+0100||BAR^P02^BAR_P02|FIX4-R-2|P|2.8',
      'EVN|P02|20240310090000+0100',
      'PID|1||MRN401^^^HOSP^MR||ZETA^ZOE||19910101|F||||||||||AC401^^^HOSP^AN',
      'PV1|1|O|CLIN1^^^HOSP|||||||||||||||||V401^^^HOSP^VN',
    ].join('\r');
    const { bundle } = convertHl7v2(msg);
    expect(resources(bundle, 'Encounter')).toEqual([]);
    expect(resources(bundle, 'Account')).toEqual([]);
    expect(lines(msg).filter((l) => l.includes('Encounter was not created'))).toHaveLength(1);
  });
});
