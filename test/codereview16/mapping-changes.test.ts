/**
 * Code review 16 (issue 14): defects in the mapping changes cb4bfd6..36117f6 (branches rol16, ais16,
 * parents16 and the lead's commits b374a31 "Patient identity: a local CX.5 'MRN'" and 36117f6 "AIS
 * ServiceRequest: its own identity"). docs/codereview16.md lists them (CR16-1 … CR16-7). Each case is
 * `it.fails` until the lead fixes the defect, then flipped to `it`. Every case also fails on
 * cb4bfd6 (there the behaviour it asserts did not exist yet; CR16-7's defect already did), so none can pass by accident.
 * Expected values come from the messages, the IG rows named in each case and docs/mapping.md's
 * identity rules, never from the converter's output.
 *
 *   npx vitest run test/codereview16/mapping-changes.test.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { entries, repoRoot, resources, seg } from '../transform/helpers.js';

type Json = Record<string, unknown>;

const bundleOf = (...segments: string[]): Json => convertHl7v2(segments.join('\r')).bundle;
const urlsOf = (bundle: Json, type: string): string[] => entries(bundle).filter((e) => e.resource.resourceType === type).map((e) => e.request.url);
/** The first identifier value of the resource a reference names in this Bundle. */
function identifierOf(bundle: Json, ref: unknown): unknown {
  const url = (ref as { reference?: string } | undefined)?.reference;
  const target = entries(bundle).find((e) => e.fullUrl === url)?.resource;
  return ((target?.identifier as Json[] | undefined) ?? [])[0]?.value;
}

const PID = 'PID|1||MRN16^^^HOSP&2.16.840.1.113883.19.5&ISO^MR||DOE^JANE||19800215|F';
/** An SIU whose SCH names appointment `apt` (SCH-1/SCH-2) and order number(s) `sch26` (SCH-26). */
function siu(o: { apt: string; sch26: string; start: string; event?: string; control?: string; pids?: string[]; ais3?: string }): string[] {
  return [
    `MSH|^~\\&|SCHED|CLINIC|EHR|HOSP|20240401090000-0400||SIU^${o.event ?? 'S12'}^SIU_S12|${o.control ?? o.apt}|P|2.6`,
    seg('SCH', { 1: `${o.apt}^SCHED`, 2: `${o.apt}F^SCHED`, 11: `^^45^${o.start}`, 26: o.sch26 }),
    ...(o.pids ?? [PID]),
    'RGS|1',
    seg('AIS', { 1: '1', 3: o.ais3 ?? '97110^Therapeutic exercise^C4', 4: o.start, 7: '45', 8: 'min^minutes^UCUM' }),
  ];
}

describe('CR16-1 [identity] two appointments of one order share one AIS ServiceRequest (identity.ts scheduledRequestKey, scheduling.ts aisRequestKey)', () => {
  // A course of therapy: one order PL26 (SCH-26), booked as two appointments (SCH-1/SCH-2 APT1, APT2,
  // a week apart), the same AIS-3 service. [IG SIU_S12 5.2.1 AIS → ServiceRequest[n] by
  // AIS[ServiceRequest]]: each request carries its own AIS-4/AIS-7 occurrencePeriod [#4, #7], and
  // [SIU_S12 2] Appointment[1].basedOn names it. Keyed by order number + AIS-3 only, both
  // appointments PUT one URL: APT2's S12 overwrites APT1's occurrencePeriod, and an S15 cancelling
  // APT2 revokes the request APT1 (still booked) is basedOn.
  const APT1 = siu({ apt: 'APT1', sch26: 'PL26^CPOE', start: '20240410140000-0400' });
  const APT2 = siu({ apt: 'APT2', sch26: 'PL26^CPOE', start: '20240417140000-0400' });

  it('each appointment\'s request has its own URL (the two are two facts: two times, two statuses)', () => {
    const one = urlsOf(bundleOf(...APT1), 'ServiceRequest');
    const two = urlsOf(bundleOf(...APT2), 'ServiceRequest');
    expect(one).toHaveLength(1);
    expect(two).toHaveLength(1);
    expect(two[0]).not.toBe(one[0]);
  });

  it('an S15 cancelling APT2 does not PUT over the request APT1 is basedOn', () => {
    const booked = bundleOf(...APT1);
    const basedOn = ((resources(booked, 'Appointment')[0] as Json).basedOn as { reference?: string }[] | undefined) ?? [];
    const apt1Request = entries(booked).find((e) => e.fullUrl === basedOn[0]?.reference)?.request.url;
    expect(apt1Request).toMatch(/^ServiceRequest\//);
    const cancel = bundleOf(...siu({ apt: 'APT2', sch26: 'PL26^CPOE', start: '20240417140000-0400', event: 'S15', control: 'C2' }));
    expect(resources(cancel, 'ServiceRequest').map((r) => r.status)).toEqual(['revoked']);
    expect(urlsOf(cancel, 'ServiceRequest')).not.toContain(apt1Request);
  });
});

describe('CR16-2 [identity] the AIS ServiceRequest URL moves when SCH-26 repetitions come in another order (scheduling.ts aisRequestKey: placers[0])', () => {
  // SCH-26 is 0..* [IG SCH[ServiceRequest] #26]; hig gives every request every number, so the
  // request is the same fact whichever order the sender lists them in (docs/mapping.md: a resend
  // PUTs the same URL). The key takes the first repetition only.
  it('`PL26~PL27` and `PL27~PL26`: one URL', () => {
    const a = urlsOf(bundleOf(...siu({ apt: 'APT1', sch26: 'PL26^CPOE~PL27^CPOE', start: '20240410140000-0400' })), 'ServiceRequest');
    const b = urlsOf(bundleOf(...siu({ apt: 'APT1', sch26: 'PL27^CPOE~PL26^CPOE', start: '20240410140000-0400', control: 'R2' })), 'ServiceRequest');
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
  });
});

describe('CR16-3 [identity] the ROL PractitionerRole URL moves when ROL-9 repetitions come in another order (admin.ts practitionerRole specialtyKey)', () => {
  // ROL-9 (0..*) → specialty, every repetition joins the key (docs/mapping.md "Resource identity",
  // PractitionerRole (PRT, ROL)); a set of provider types has no order, and a resend that lists them
  // otherwise must PUT the same role.
  const adt = (rol9: string) =>
    bundleOf(
      'MSH|^~\\&|ADT|HOSP|RCV|HOSP|20240310080000-0500||ADT^A01^ADT_A01|CR16-3|P|2.5.1',
      'EVN|A01',
      PID,
      'PV1|1|I|W2^202^B^HOSP||||||||||||||||V1601^^^HOSP^VN',
      seg('ROL', { 1: 'R1^HOSP', 2: 'AD', 3: 'AT^Attending^HL70443', 4: '111^DOC^DAN', 9: rol9 }),
    );

  it('`408443003~394802001` and `394802001~408443003`: one PractitionerRole URL', () => {
    const a = urlsOf(adt('408443003^General practice^SCT~394802001^General medicine^SCT'), 'PractitionerRole');
    const b = urlsOf(adt('394802001^General medicine^SCT~408443003^General practice^SCT'), 'PractitionerRole');
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
  });
});

describe('CR16-4 [regression, upgrade note] R16-I1 moves more Patient ids than docs/mapping.md\'s upgrade note names (identity.ts LOCAL_TYPE_RANK)', () => {
  // Checked against cb4bfd6 (same messages, both builds): `3344556^^^BH^MRN~ABC9^^^BH^PI` was keyed
  // on the PI (rank 1 < other 7), now on the MRN (0.5); likewise beside an untyped number with an
  // authority (6) or a national NH/JHN…; `10^^^BH^FIN NBR~20^^^BH^CMRN` was keyed on the FIN (tie,
  // value order), now on the CMRN. Corpus: MDM-T02-03's Patient, and with it its Encounter and
  // DocumentReference (patient-scoped keys), got new URLs. The note says only "a local `MRN` beside
  // another local type that sorted first".
  const patientRow = (): string => {
    const doc = readFileSync(path.join(repoRoot, 'docs/mapping.md'), 'utf8');
    return doc.split('\n').find((l) => l.startsWith('| Patient |') && l.includes('R16-I1')) ?? '';
  };

  it('the note names the table-0203 types a local MRN now outranks (PI … national, untyped) and the FIN/FIN NBR demotion', () => {
    const row = patientRow();
    expect(row).toContain('R16-I1');
    const note = row.slice(row.indexOf('R16-I1'));
    expect(note).toMatch(/upgrade note[^|]*\bPI\b/i);
    expect(note).toMatch(/upgrade note[^|]*\bFIN\b/i);
  });
});

describe('CR16-5 [wrong reference] with two PIDs the AIS ServiceRequest\'s subject is the last PID (scheduling.ts aisRequest: scope.patient; 666f2f6)', () => {
  // [IG SIU_S12 2 SCH → ServiceRequest[1..n]: "ServiceRequest[1..n].subject=Patient[1].id"]: the
  // first PATIENT group's Patient. SIU_S12's RESOURCES group is no part of a PATIENT group, so the
  // PID last read before the AIS is no "AIS group's patient": here the mother's appointment's
  // request names the baby, while the Appointment (finishAppointment: several patients) names none.
  const MOTHER = 'PID|1||MOM1^^^HOSP^MR||DOE^JANE||19800215|F';
  const BABY = 'PID|2||BABY1^^^HOSP^MR||DOE^BABY||20240301|F';

  it('[IG SIU_S12 2] subject is Patient[1], the first PID', () => {
    const bundle = bundleOf(...siu({ apt: 'APT1', sch26: 'PL26^CPOE', start: '20240410140000-0400', pids: [MOTHER, BABY] }));
    expect(resources(bundle, 'ServiceRequest').map((r) => identifierOf(bundle, r.subject))).toEqual(['MOM1']);
  });
});

describe('CR16-6 [US Core 5.0.1 ServiceRequest] the AIS ServiceRequest has no code (scheduling.ts aisRequest)', () => {
  // US Core 5.0.1 us-core-servicerequest: code 1..1 (docs/mapping.md "US Core": the profile version
  // hig targets). The IG maps AIS-3 Universal Service Identifier only to identifier[1]
  // (CWE[Identifier]); it is the service's code, which hig already reads as such for the
  // Appointment's serviceType [IG AIS[Appointment] #3]. Without code a receiver of the request
  // cannot say what was ordered except by an Identifier whose system is CPT.
  it('AIS-3 `97110^Therapeutic exercise^C4` → code (CPT 97110), beside the IG\'s identifier', () => {
    const bundle = bundleOf(...siu({ apt: 'APT1', sch26: 'PL26^CPOE', start: '20240410140000-0400' }));
    const [sr] = resources(bundle, 'ServiceRequest');
    expect(sr?.code).toMatchObject({ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '97110' }] });
  });
});

describe('CR16-7 [found beside the diff, pre-existing] PD1-4 and a PP ROL naming one person list the same generalPractitioner twice (admin.ts roleParticipant)', () => {
  // [IG PD1[Patient] PD1-4 → generalPractitioner(Practitioner)] and [IG ROL[Patient-GeneralPractitioner]
  // #4 → generalPractitioner(PractitionerRole.practitioner)] name the same Practitioner `111^DOC^DAN`
  // (one id: XCN.1 + name): Patient.generalPractitioner holds the identical reference twice (as on
  // cb4bfd6; rol16 touched roleParticipant's caller, not the push).
  it('one person, one generalPractitioner entry', () => {
    const bundle = bundleOf(
      'MSH|^~\\&|ADT|HOSP|RCV|HOSP|20240310080000-0500||ADT^A28^ADT_A05|CR16-7|P|2.5.1',
      'EVN|A28',
      PID,
      seg('PD1', { 4: '111^DOC^DAN' }),
      seg('ROL', { 1: 'R1^HOSP', 2: 'AD', 3: 'PP^Primary Care Provider^HL70443', 4: '111^DOC^DAN' }),
    );
    const refs = (((resources(bundle, 'Patient')[0] as Json).generalPractitioner as { reference?: string }[] | undefined) ?? []).map((r) => r.reference);
    expect(refs).toHaveLength(1);
  });
});
