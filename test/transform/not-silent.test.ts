/**
 * Values review 2 found read and then dropped without a report line (docs/mapping-review-2.md,
 * "Losses that recur" 1): a value hig does not put in the Bundle must be in the report. The cases
 * in cases/ check the Bundle; this file checks the report side of the same rules.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

/** The report's lines saying a field is valued but not mapped. */
function unmapped(message: string): string[] {
  const { report } = convertHl7v2(message);
  const issues = (report.issue as { details?: { text?: string } }[] | undefined) ?? [];
  return issues.map((i) => i.details?.text ?? '').filter((t) => t.includes('is valued but not mapped'));
}

const siu = (tq1: boolean): string =>
  [
    'MSH|^~\\&|SCHED|CLINIC|EHR|HOSP|20240401090000-0400||SIU^S12^SIU_S12|NS1|P|2.6',
    'SCH|APT5^SCHED|APT5F^SCHED|||||||60|min|^^60^20240410090000-0400^20240410100000-0400||||||||||||||Booked',
    ...(tq1 ? ['TQ1|1||||||20240410100000-0400|20240410103000-0400'] : []),
    'PID|1||MRN5^^^HOSP^MR||ROE^ANN||19700303|F',
    'RGS|1',
    'AIL|1||ROOM1^^^CLINIC|||20240410140000-0400|||45|min',
  ].join('\r');

describe('a value not put in the Bundle is reported', () => {
  it('[IG SCH[Appointment] SCH-11] SCH-11 gives the times when there is no TQ1, and is reported when TQ1 wins', () => {
    const alone = convertHl7v2(siu(false));
    const appointment = resources(alone.bundle, 'Appointment')[0];
    expect(appointment?.start).toBe('2024-04-10T09:00:00-04:00');
    expect(unmapped(siu(false)).filter((t) => t.startsWith('SCH-11'))).toEqual([]);
    expect(unmapped(siu(true))).toContain('SCH-11 (segment 2) is valued but not mapped');
  });

  it('[IG AL1[AllergyIntolerance] AL1-4 → reaction.severity] a moderate severity without a reaction to sit on is reported', () => {
    const msg = [
      'MSH|^~\\&|HIS|HOSP|EHR|RECV|20240705081500-0500||ADT^A01^ADT_A01|NS2|P|2.5.1',
      'EVN|A01|20240705081500-0500',
      'PID|1||MRN9^^^HOSP^MR||ROE^RITA||19800215|F',
      'AL1|1|DA|70618^Penicillin^RXNORM|MO',
      'AL1|2|DA|7980^Penicillin G^RXNORM|SV',
    ].join('\r');
    const lines = unmapped(msg);
    expect(lines).toContain('AL1-4 (segment 4) is valued but not mapped');
    // SV has a criticality (high): mapped, not reported
    expect(lines).not.toContain('AL1-4 (segment 5) is valued but not mapped');
  });

  it('[IG TXA[DocumentReference] TXA-6 → date; MDM_T02 TXA-8 → Provenance] neither TXA-6 nor TXA-8 is reported once mapped; TXA-4 has no target', () => {
    const msg = [
      'MSH|^~\\&|TRANS|HOSP|EHR|HOSP|20240601120000-0500||MDM^T02^MDM_T02|NS3|P|2.5.1',
      'EVN|T02|20240601120000-0500',
      'PID|1||MRN20^^^HOSP^MR||LEE^ANNA||19650505|F',
      'TXA|1|DS^Discharge summary^HL70270|TX|20240601100000-0500||20240601080000-0500||20240601113000-0500|1234567893^WELBY^MARCUS|||DOC778^HOSP|||||AU||AV',
      'OBX|1|TX|18842-5^Discharge summary^LN||Patient discharged in good condition.||||||F',
    ].join('\r');
    const txa = unmapped(msg).filter((t) => t.startsWith('TXA-'));
    expect(txa.some((t) => t.startsWith('TXA-6 '))).toBe(false);
    expect(txa.some((t) => t.startsWith('TXA-8 '))).toBe(false);
  });
  it('[hig IAR-3, IAM-9 → AllergyIntolerance.type] an IAR-3 sensitivity that contradicts the type IAM-9 set is reported, not dropped', () => {
    // table 0436: IAM-9 AL (allergy) sets type `allergy`; IAR-3 IN (intolerance) says otherwise: one type, the other reported
    const msg = [
      'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240701090000-0500||ADT^A60^ADT_A60|NS4|P|2.8',
      'EVN|A60|20240701090000-0500',
      'PID|1||MRN61^^^HOSP^MR||DOE^JOHN||19700101|M',
      'IAM|1|DA^Drug allergy^HL70127|7980^Penicillin G^RXNORM|||A^Add/Insert^HL70206|IAM61-1^HOSP||AL^Allergy^HL70436',
      'IAR|271807003^Skin rash^SCT|MI^Mild^HL70128|IN^Intolerance^HL70436',
      'IAR|39579001^Anaphylaxis^SCT|SV^Severe^HL70128|AL^Allergy^HL70436',
    ].join('\r');
    const allergy = resources(convertHl7v2(msg).bundle, 'AllergyIntolerance')[0];
    expect(allergy?.type).toBe('allergy');
    const lines = unmapped(msg);
    expect(lines).toContain('IAR-3 (segment 5) is valued but not mapped');
    // IAR-3 AL agrees with the type set: mapped, not reported
    expect(lines).not.toContain('IAR-3 (segment 6) is valued but not mapped');
    expect(lines).not.toContain('IAM-9 (segment 4) is valued but not mapped');
  });
  it('[IG DG1[Condition] DG1-4 → code.text; PR1[Procedure] PR1-4 → code.text] a description the code\'s own text (CWE.9) keeps out is reported', () => {
    const msg = [
      'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240701090000-0500||ADT^A04^ADT_A01|NS5|P|2.5.1',
      'EVN|A04|20240701090000-0500',
      'PID|1||MRN62^^^HOSP^MR||DOE^JOHN||19700101|M',
      'DG1|1||K35.80^Acute appendicitis^I10^^^^^^Appendicitis, acute, unspecified|ACUTE APPENDICITIS NOS',
      'DG1|2||K35.80^Acute appendicitis^I10^^^^^^Appendicitis|Appendicitis',
      'PR1|1||44950^Appendectomy^C4^^^^^^Open appendectomy|APPENDECTOMY|20240701',
    ].join('\r');
    const [condition] = resources(convertHl7v2(msg).bundle, 'Condition');
    // CWE.9 original text → code.text [IG CWE[CodeableConcept]]: DG1-4 has no second place to go
    expect((condition?.code as { text?: string } | undefined)?.text).toBe('Appendicitis, acute, unspecified');
    const lines = unmapped(msg);
    expect(lines).toContain('DG1-4 (segment 4) is valued but not mapped');
    expect(lines).toContain('PR1-4 (segment 6) is valued but not mapped');
    // the same text twice is one fact, mapped
    expect(lines).not.toContain('DG1-4 (segment 5) is valued but not mapped');
  });
});
