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

describe('CR18-2 [IG XAD[Address] #7 IF XAD.7 EQUALS "HV" → extension[1] iso21090-AD-use, valueCode] a vacation home went to hig\'s v2-addressType (address.ts, 8ce319c)', () => {
  // The IG gives HV its own, named target: the core extension iso21090-AD-use (PostalAddressUse HV
  // "vacation home"). 8ce319c sends every XAD.7 outside the two AddressType maps to hig's unnamed
  // v2-addressType, HV included, as a Coding without a system (HV is no code of table 0190): the
  // row the IG spells out is not read, and the fact sits where no receiver looks for it.
  const addressOf = (xad: string, options?: Parameters<typeof convertHl7v2>[1]) => {
    const { bundle } = convertHl7v2(
      ['MSH|^~\\&|ADT|HOSP|RCV|HOSP|20240310080000-0500||ADT^A28^ADT_A05|CR18-2|P|2.5.1', 'EVN|A28', seg('PID', { 1: '1', 3: 'MRN18^^^HOSP^MR', 5: 'DOE^JANE', 11: xad })].join('\r'),
      options,
    );
    return ((resources(bundle, 'Patient')[0] as Json).address as Json[])[0] as Json;
  };
  const AD_USE = 'http://hl7.org/fhir/StructureDefinition/iso21090-AD-use';

  it('HV → extension iso21090-AD-use valueCode HV, not hig\'s v2-addressType', () => {
    const a = addressOf('1 Beach Rd^^Dune^NC^27959^USA^HV');
    expect(a.extension).toEqual([{ url: AD_USE, valueCode: 'HV' }]);
    expect(a.use).toBeUndefined();
  });

  it('HV is a named extension: kept under unnamedExtensions \'report\' too', () => {
    const a = addressOf('1 Beach Rd^^Dune^NC^27959^USA^HV', { unnamedExtensions: 'report' });
    expect(a.extension).toEqual([{ url: AD_USE, valueCode: 'HV' }]);
  });

  it('control: L (legal) stays in v2-addressType with v2-0190 [IG XAD[Address] #7 extension[2]]', () => {
    const a = addressOf('2 Main St^^Raleigh^NC^27601^USA^L');
    expect(JSON.stringify(a.extension)).toContain('"system":"http://terminology.hl7.org/CodeSystem/v2-0190","code":"L"');
    expect(JSON.stringify(a.extension)).not.toContain(AD_USE);
  });
});

describe('CR18-3 [hig FT1] FT1-21\'s function Coding is one module-level object shared by every ChargeItem of every conversion (admin.ts ORDERING_PROVIDER, 49e8230)', () => {
  // The converter's Bundle is its caller's (the worker prunes, redacts and rewrites resources in
  // place); a constant object inside it is aliased across messages, so an edit to one Bundle shows
  // in the next conversion. Everywhere else hig builds such values fresh (unknownPayor(), tableConcept()).
  const dft = (id: string) =>
    convertHl7v2(
      [
        `MSH|^~\\&|PAS|GOODHEALTH|FIN|RECV|20240705081500-0500||DFT^P03^DFT_P03|${id}|P|2.5.1`,
        'EVN|P03|20240705081500-0500',
        'PID|1||MRN1^^^GOODHEALTH^MR||DOE^JOHN||19700101|M',
        seg('FT1', { 1: '1', 2: 'T1', 4: '20240705', 6: 'CG', 7: '71045^Xray exam chest 1 view^C4', 10: '1', 21: '3333^ORDER^OLIVER' }),
      ].join('\r'),
    ).bundle;
  const orderer = (bundle: Json) => ((resources(bundle, 'ChargeItem')[0] as Json).performer as Json[])[0] as Json;

  it('a change to one Bundle\'s performer.function does not reach the next conversion', () => {
    const first = orderer(dft('CR18-3a'));
    ((first.function as Json).coding as Json[]).push({ code: 'EDITED' });
    const second = orderer(dft('CR18-3b'));
    // [hig FT1] v2-0912 OP "Ordering Provider", one Coding
    expect(second.function).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0912', code: 'OP', display: 'Ordering Provider' }] });
  });
});

describe('CR18-12 [found beside the diff, pre-existing] PID-21\'s relationship Coding is one module-level object shared by every mother\'s RelatedPerson (pid.ts MOTHER)', () => {
  // The same hazard as CR18-3: [IG CX[RelatedPerson-Mother]] relationship v3-RoleCode MTH, built
  // once at module load and placed in every Bundle, so an edit to one Bundle reached the next.
  const motherOf = (id: string) =>
    resources(
      convertHl7v2(['MSH|^~\\&|ADT|HOSP|RCV|HOSP|20240310080000-0500||ADT^A28^ADT_A05|' + id + '|P|2.5.1', 'EVN|A28', seg('PID', { 1: '1', 3: 'MRN18^^^HOSP^MR', 5: 'DOE^BABY', 21: 'MOM18^^^HOSP^MR' })].join('\r')).bundle,
      'RelatedPerson',
    )[0] as Json;

  it('a change to one Bundle\'s relationship does not reach the next conversion', () => {
    (((motherOf('CR18-12a').relationship as Json[])[0] as Json).coding as Json[]).push({ code: 'EDITED' });
    expect(motherOf('CR18-12b').relationship).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH', display: 'mother' }] }]);
  });
});
