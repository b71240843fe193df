/**
 * Code review 18: defects in the mapping changes f73e812..3e89f60 (reviews 16 and 17, code review 16,
 * vocab16, ais16, rol16, parents16). docs/codereview18.md lists every finding; the cases here are
 * those fixed on branch codereview18, each failing on its parent commit. Expected values come from
 * the messages and the IG rows named in each case, never from the converter's output.
 *
 *   npx vitest run test/codereview18/mapping-changes.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { entries, resources, seg } from '../transform/helpers.js';

type Json = Record<string, unknown>;

const bundleOf = (...segments: string[]): Json => convertHl7v2(segments.join('\r')).bundle;
const PID = 'PID|1||MRN18^^^HOSP&2.16.840.1.113883.19.5&ISO^MR||DOE^JANE||19800215|F';
/** The resource a reference names in this Bundle. */
const target = (bundle: Json, ref: unknown): Json | undefined => entries(bundle).find((e) => e.fullUrl === (ref as { reference?: string } | undefined)?.reference)?.resource;

describe('CR18-1 PD1-4 and a PP ROL that says more (ROL-12) list one GP twice: the Practitioner and a PractitionerRole of that Practitioner (admin.ts roleParticipant)', () => {
  // [IG PD1[Patient] #4 → generalPractitioner(Practitioner), XCN[Practitioner]] and
  // [IG ROL[Patient-GeneralPractitioner] #4 → generalPractitioner(PractitionerRole.practitioner), #12 →
  // (PractitionerRole.telecom)] name one person `111^DOC^DAN`. CR16-7 (docs/codereview16.md) asked for
  // one entry, the role replacing the Practitioner it names; the fix (071ee0d) skips only an identical
  // reference, so the role is pushed beside its own Practitioner: two GPs for one.
  const gpsOf = (...rol: string[]) => {
    const bundle = bundleOf(
      'MSH|^~\\&|ADT|HOSP|RCV|HOSP|20240310080000-0500||ADT^A28^ADT_A05|CR18-1|P|2.5.1',
      'EVN|A28',
      PID,
      seg('PD1', { 4: '111^DOC^DAN' }),
      ...rol,
    );
    const gps = ((resources(bundle, 'Patient')[0] as Json).generalPractitioner as Json[] | undefined) ?? [];
    return { bundle, gps };
  };

  it('one person, one entry: the PractitionerRole (it says more), whose practitioner is the PD1-4 Practitioner', () => {
    const { bundle, gps } = gpsOf(seg('ROL', { 1: 'R1^HOSP', 2: 'AD', 3: 'PP^Primary Care Provider^HL70443', 4: '111^DOC^DAN', 12: '^WPN^PH^^^555^1234567' }));
    expect(gps).toHaveLength(1);
    const role = target(bundle, gps[0]);
    expect(role?.resourceType).toBe('PractitionerRole');
    expect((target(bundle, role?.practitioner)?.name as Json[] | undefined)?.[0]).toMatchObject({ family: 'DOC', given: ['DAN'] });
  });

  it('control: another person in the ROL is a second GP', () => {
    const { gps } = gpsOf(seg('ROL', { 1: 'R1^HOSP', 2: 'AD', 3: 'PP^Primary Care Provider^HL70443', 4: '222^OTHER^OLGA', 12: '^WPN^PH^^^555^7654321' }));
    expect(gps).toHaveLength(2);
  });
});
