/**
 * Which resource an NTE annotates follows the message structure's groups (structures/definitions.ts
 * NOTE_OWNERS, segments/nte.ts), not whichever root-level mapper ran last (review 6 class F:
 * REF_I12's trailing NTE landed on the AL1's AllergyIntolerance, or the DG1's Condition).
 * Expected values from the IG rows: [IG NTE[ServiceRequest] NTE-3 → note.text]; AL1[AllergyIntolerance]
 * and DG1[Condition] have no NTE row; [IG ORM_O01 2 NTE "for Header"]: no target.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

const NOTE = 'NTE|1||See within two weeks';

function ref(root: string[]): string {
  return [
    'MSH|^~\\&|GHH|GHHSF|RHH|RHHF|20260105093000+0100||REF^I12^REF_I12|NO1|P|2.8',
    ...root,
    'PV1|1|O|CLINIC^^^GHH||||||||||||||||V1^^^GHH^VN',
    NOTE,
  ].join('\r');
}
const RF1 = 'RF1|P^Pending^HL70283|R^Routine^HL70280|||O^Outpatient^HL70284|R-1^GHH|20260105';
const PID = 'PID|1||P1^^^GHH^MR||ROE^JANE||19800202|F';
const DG1 = 'DG1|1||K63.3^Ulcer of intestine^I10||20260101|W';
const AL1 = 'AL1|1|DA^Drug allergy^HL70127|PEN^Penicillin^L|MO^Moderate^HL70128';

const noteTexts = (r: Record<string, unknown> | undefined): string[] | undefined => (r?.note as { text: string }[] | undefined)?.map((n) => n.text);
function reportTexts(message: string): string[] {
  const { report } = convertHl7v2(message);
  return ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
}

describe('REF_I12 message-level NTE [IG NTE[ServiceRequest] NTE-3 → note.text]', () => {
  // root segments before the trailing NTE → where the note goes (the referral whenever there is one)
  it.each([
    ['RF1, DG1, AL1', [RF1, PID, DG1, AL1]],
    ['RF1, DG1 (no AL1)', [RF1, PID, DG1]],
    ['RF1, AL1 (no DG1)', [RF1, PID, AL1]],
    ['RF1 only', [RF1, PID]],
  ])('%s: the referral carries the note, no allergy or condition does', (_name, root) => {
    const { bundle } = convertHl7v2(ref(root));
    const referral = resources(bundle, 'ServiceRequest').find((r) => (r.identifier as { value?: string }[] | undefined)?.[0]?.value === 'R-1');
    expect(noteTexts(referral)).toEqual(['See within two weeks']);
    for (const type of ['AllergyIntolerance', 'Condition']) for (const r of resources(bundle, type)) expect(r.note).toBeUndefined();
  });

  it('without an RF1 the note has no referral to go on: reported, not put on the allergy', () => {
    const m = ref([PID, DG1, AL1]);
    const { bundle } = convertHl7v2(m);
    for (const type of ['AllergyIntolerance', 'Condition', 'ServiceRequest']) for (const r of resources(bundle, type)) expect(r.note).toBeUndefined();
    expect(reportTexts(m).some((t) => t.includes('NTE (segment 6)'))).toBe(true);
  });

  it('an OBR note inside the OBSERVATION group stays on that OBR [IG NTE[ServiceRequest]]', () => {
    const m = ref([RF1, PID, AL1, 'OBR|1|PL-1^GHH||ECG^ECG^L', 'NTE|1||Lab test for ECG']);
    const { bundle } = convertHl7v2(m);
    const notes = resources(bundle, 'ServiceRequest').map((r) => noteTexts(r));
    expect(notes).toContainEqual(['Lab test for ECG']);
    expect(notes).toContainEqual(['See within two weeks']);
  });
});

describe('root NTEs of other structures', () => {
  it('[IG SIU_S12 3 NTE → Appointment NTE[Appointment-Comment]] the SCH note is the appointment comment', () => {
    const m = [
      'MSH|^~\\&|SCHED|GHH|EHR|GHH|20260105093000+0100||SIU^S12^SIU_S12|NO2|P|2.5.1',
      'SCH|A1^SCHED|A1^SCHED|||||||30|min|^^30^20260110090000+0100^20260110093000+0100',
      'NTE|1||Bring the referral letter',
      'PID|1||P1^^^GHH^MR||ROE^JANE||19800202|F',
      'RGS|1',
    ].join('\r');
    expect(resources(convertHl7v2(m).bundle, 'Appointment')[0]?.comment).toBe('Bring the referral letter');
  });

  it('[IG ORM_O01 2 NTE (for Header): no target] a header note goes on no resource and is reported', () => {
    const m = [
      'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||ORM^O01^ORM_O01|NO3|P|2.5.1',
      'NTE|1||Header note',
      'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800101|F',
      'ORC|NW|PL1^CPOE',
      'OBR|1|PL1^CPOE||24331-1^Lipid panel^LN',
    ].join('\r');
    const { bundle } = convertHl7v2(m);
    expect(JSON.stringify(bundle)).not.toContain('Header note');
    expect(reportTexts(m).some((t) => t.includes('NTE (segment 2)'))).toBe(true);
  });
});
