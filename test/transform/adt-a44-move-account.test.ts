/**
 * ADT^A44 (move account information, v2.5.1 3.3.44; structure ADT_A43): the account MRG-3, which belonged
 * to MRG-1's patient, now belongs to the PID's [IG MRG[Account] #3 → Account.identifier; hig: the
 * holder is the PID's patient, as ADT_A06's MRG → Account[2] has subject Patient[1]]. No Patient.link:
 * the two patients stay two people. Review 25 #08: a Cerner A44 was refused (UNSUPPORTED_EVENT).
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

describe('ADT^A44 move account information', () => {
  const { bundle, lines } = convertChecked(
    'MSH|^~\\&|CERNER|SBRH|HIG|HIG|20261204081205-0600||ADT^A44^ADT_A43|A44-1|P|2.5.1',
    'EVN|A44|20261204081205',
    'PID|1||2501084^^^SBRH_MRN^MR||HOLMQUIST-BANDA^ODALYS||19770909|F',
    'MRG|2501099^^^SBRH_MRN^MR||25010840005^^^SBRH_FIN^AN',
  );

  it('MRG-3\'s Account is held by the PID\'s patient', () => {
    const patient = resources(bundle, 'Patient').find((p) => JSON.stringify(p.identifier).includes('"value":"2501084"'));
    const account = resources(bundle, 'Account').find((a) => JSON.stringify(a.identifier).includes('"value":"25010840005"'));
    expect(patient).toBeDefined();
    expect(account).toBeDefined();
    const holder = ((account?.subject as Json[] | undefined) ?? []).map((s) => s.reference);
    const entry = (bundle.entry as Json[]).find((e) => (e.resource as Json | undefined) === patient);
    expect(holder).toEqual([entry?.fullUrl]);
  });

  it('no patient merge: one Patient, no link; MRG-1 (the prior holder) named in the report', () => {
    const patients = resources(bundle, 'Patient');
    expect(patients).toHaveLength(1);
    expect(patients[0]?.link).toBeUndefined();
    expect(lines.some((l) => l.startsWith('MRG-1 (segment 4)'))).toBe(true);
  });
});
