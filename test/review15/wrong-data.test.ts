/**
 * Review 15 (issue 14, branch review15 on main e1b392a): wrong-data classes found in the 18 remaining
 * IG/Microsoft messages and the python-hl7 / node-hl7-client extras. Each case is `it.fails` so CI stays
 * green; the lead flips it to `it` when fixed. Expected values come from the IG rows named in each test
 * and from the message, not from hig's output.
 *
 *   npx vitest run test/review15/wrong-data.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Name = { family?: string; given?: string[]; use?: string };

function patientNames(pid: string): Name[] {
  const { bundle } = convertHl7v2(
    ['MSH|^~\\&|A|B|C|D|20240101120000+0000||ADT^A08^ADT_A01|R15|P|2.8', 'EVN|A08|20240101120000+0000', pid].join('\r'),
  );
  const patient = (bundle.entry as { resource?: Json }[]).map((e) => e.resource).find((r) => r?.resourceType === 'Patient');
  return (patient?.name ?? []) as Name[];
}

describe('review 15 wrong data', () => {
  // R15-W1. ORM-O01-04 (and every EVERYMAN message: PID-9 `elbert^Son`), python-hl7 sample_msh
  // (PID-9 `RUFUSS^MELLODIAL^^^^^PREVIOUS`): a patient alias becomes a name with use `nickname`.
  // [IG PID[Patient] #9] PID-9 → name via XPN[HumanName], no use assigned; [IG XPN[HumanName] XPN.7]
  // use comes from the name type (NameType map) only. HumanName.use is a modifier element in R4: an
  // alias (another name the patient has been known by, e.g. a former legal name) read as an informal
  // nickname is a fact the message does not state.
  it('R15-W1 [IG PID[Patient] #9] a PID-9 alias without XPN.7 carries no made-up use nickname', () => {
    const names = patientNames('PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F|elbert^Son');
    const alias = names.find((n) => n.family === 'elbert');
    expect(alias).toBeDefined();
    expect(alias?.given).toEqual(['Son']);
    expect(alias?.use).toBeUndefined();
  });

  it('R15-W1 [IG PID[Patient] #9, NameType map] a PID-9 alias whose XPN.7 is no table 0200 code gets no use', () => {
    const names = patientNames('PID|1||MRN1^^^HOSP^MR||RUFUSS^MELLODIAL^^^^^CURRENT||19521129|F|RUFUSS^MELLODIAL^^^^^PREVIOUS');
    expect(names.filter((n) => n.family === 'RUFUSS')).toHaveLength(2);
    expect(names.some((n) => n.use === 'nickname')).toBe(false);
  });

  // control: an alias the sender types N (nickname) stays a nickname [IG NameType N → nickname]
  it('R15-W1 control: PID-9 with XPN.7 N is a nickname', () => {
    const names = patientNames('PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F|Janie^^^^^^N');
    expect(names.find((n) => n.family === 'Janie')?.use).toBe('nickname');
  });
});
