/**
 * Review 59 R59-W1: a GT1 whose guarantor is an organization (GT1-10 guarantor type `O`, no person named in GT1-3,
 * the organization in GT1-21) became a RelatedPerson of the patient with no name, GT1-2 as its identifier, and that
 * was Account.guarantor.party. [hig GT1 rule: the IG has no GT1 segment map (its map inventory lists GT1 "Under
 * Construction"; its ADT_A01 row for GT1 gives no target); FHIR R4 Account.guarantor.party is Reference(Patient |
 * RelatedPerson | Organization)] An organization guarantor is the GT1-21 Organization, keyed as any XON
 * [IG XON[Organization]] so the employer an IN1-11 names is the same resource, GT1-2 among its identifiers; a
 * RelatedPerson is made only for a person. Expected values are written from the messages below.
 *
 *   npx vitest run test/transform/gt1-organization-guarantor.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { type Entry, entries } from './helpers.js';

type Json = Record<string, unknown>;

const XON = 'Lesedi Platinum Mining (Pty) Ltd^L^^^^CIPC&&L^XX^^^2009/014477/07';

/** An A01 of one patient with account AC1 and the GT1 `gt1` (fields from GT1-1 on), then `extra`. */
function adt(gt1: string, extra: readonly string[] = []): string {
  return [
    'MSH|^~\\&|JPHIS|JPH|HIG|JPH|20340314003912+0200||ADT^A01^ADT_A01|M1|P|2.5.1',
    'EVN|A01|20340314003500',
    'PID|1||JP1^^^JPH^MR||MOKOENA^SIPHO||19680122|M||||||||||AC1^^^JPH^AN',
    'PV1|1|I|W5^508^A^JPH',
    `GT1|${gt1}`,
    ...extra,
  ].join('\r');
}

/** GT1 fields 1… placed by number. */
function gt1(fields: Record<number, string>): string {
  const out: string[] = [];
  for (let n = 1; n <= 22; n++) out.push(fields[n] ?? '');
  return out.join('|');
}

const bundle = (m: string): Entry[] => entries(convertHl7v2(m, { timezone: 'Africa/Johannesburg' }).bundle);
const ofType = (all: Entry[], type: string) => all.map((e) => e.resource).filter((r) => r.resourceType === type);
const byRef = (all: Entry[], ref: unknown) => all.find((e) => e.fullUrl === (ref as Json | undefined)?.reference)?.resource;
const guarantors = (all: Entry[]) => (((ofType(all, 'Account')[0] as Json).guarantor as Json[] | undefined) ?? []).map((g) => byRef(all, g.party));
const report = (m: string) => ((convertHl7v2(m, { timezone: 'Africa/Johannesburg' }).report.issue as { details?: { text?: string } }[]) ?? []).map((i) => i.details?.text ?? '');

describe('[hig GT1 rule] an organization guarantor is an Organization, never a nameless RelatedPerson (R59-W1)', () => {
  it('GT1-10 O, GT1-3 empty, GT1-2 and GT1-21: Account.guarantor.party is the GT1-21 Organization with both numbers; no RelatedPerson', () => {
    const all = bundle(adt(gt1({ 1: '1', 2: '990012734^^^DEL^EI', 10: 'O^Organization^JPH-GT', 11: 'EMR^Employer^HL70063', 13: '20340314', 21: XON })));
    expect(ofType(all, 'RelatedPerson')).toEqual([]);
    const [party] = guarantors(all);
    expect(party?.resourceType).toBe('Organization');
    expect(party?.name).toBe('Lesedi Platinum Mining (Pty) Ltd');
    const ids = ((party?.identifier as Json[] | undefined) ?? []).map((i) => i.value);
    expect(ids).toEqual(['2009/014477/07', '990012734']);
    // [hig GT1 rule] period GT1-13
    expect(((ofType(all, 'Account')[0] as Json).guarantor as Json[]).map((g) => g.period)).toEqual([{ start: '2034-03-14' }]);
  });

  it('the same employer as the COIDA IN1-10/11 policy holder: one Organization, the Coverage\'s policyHolder and the Account\'s guarantor', () => {
    const in1 = `IN1|1|COIDA^COIDA^DEL|CF001^^^DEL^NIIP|Compensation Fund (COIDA)||||||990012734^^^DEL^EI|${XON}|20340313|||||SEL^Self^HL70063`;
    const all = bundle(adt(gt1({ 1: '1', 2: '990012734^^^DEL^EI', 10: 'O^Organization^JPH-GT', 21: XON }), [in1]));
    const cov = ofType(all, 'Coverage').find((c) => (c.policyHolder as Json | undefined) !== undefined) as Json;
    expect((guarantors(all)[0] as Json).id).toBe((byRef(all, cov.policyHolder) as Json).id);
    expect(ofType(all, 'Organization').filter((o) => o.name === 'Lesedi Platinum Mining (Pty) Ltd')).toHaveLength(1);
  });

  it('GT1-10 not sent: GT1-21 beside no person named (GT1-3 empty) is the Organization too', () => {
    const all = bundle(adt(gt1({ 1: '1', 2: '990012734^^^DEL^EI', 21: XON })));
    expect(ofType(all, 'RelatedPerson')).toEqual([]);
    expect(guarantors(all).map((p) => [p?.resourceType, p?.name])).toEqual([['Organization', 'Lesedi Platinum Mining (Pty) Ltd']]);
  });

  it('GT1-10 O with GT1-2 alone (no GT1-21): an Organization identified by GT1-2, not a RelatedPerson', () => {
    const all = bundle(adt(gt1({ 1: '1', 2: '990012734^^^DEL^EI', 10: 'O' })));
    expect(ofType(all, 'RelatedPerson')).toEqual([]);
    const [party] = guarantors(all);
    expect(party?.resourceType).toBe('Organization');
    expect(((party?.identifier as Json[] | undefined) ?? []).map((i) => i.value)).toEqual(['990012734']);
  });

  it('GT1-10 O: GT1-10 counts as read (it chose the resource); GT1-11, which no Organization element holds, is still reported', () => {
    const lines = report(adt(gt1({ 1: '1', 2: '990012734^^^DEL^EI', 10: 'O^Organization^JPH-GT', 11: 'EMR^Employer^HL70063', 21: XON })));
    expect(lines.filter((l) => l.startsWith('GT1-10'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('GT1-11'))).toHaveLength(1);
  });

  it('control: a person (GT1-3 named, GT1-10 P) beside a GT1-21 employer stays the RelatedPerson guarantor', () => {
    const all = bundle(adt(gt1({ 1: '1', 2: 'G77^^^JPH', 3: 'MOKOENA^NOMVULA', 10: 'P', 11: 'SPO^Spouse^HL70063', 21: XON })));
    expect(guarantors(all).map((p) => p?.resourceType)).toEqual(['RelatedPerson']);
  });

  it('control: GT1-11 SEL is the Patient', () => {
    const all = bundle(adt(gt1({ 1: '1', 3: 'MOKOENA^SIPHO', 11: 'SEL' })));
    expect(guarantors(all).map((p) => p?.resourceType)).toEqual(['Patient']);
  });
});
