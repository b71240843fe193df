/**
 * Review 59 R59-W2: a Coverage's identity across the messages that update one IN1 (docs/mapping.md "Resource
 * identity", Coverage). Until fix35e the key was patient + payer + IN1-36 (policy number), else + IN1-2 (plan):
 * an IN1 whose IN1-36 arrived in a later A08 (a COIDA claim number issued after the admission) was a second
 * Coverage, and the first stayed `active` beside it at the server. One IN1 is one Coverage [IG ADT_A01 INSURANCE
 * IN1 → Coverage[1]; IG IN1[Coverage]], and the A08 updates the coverage the A01 registered: the key is the patient +
 * the payer (IN1-3/IN1-4) + whose policy it is (IN1-17, the insured's relationship to the patient), neither IN1-36
 * nor IN1-2, which a registration adds or changes on the same coverage (IN1-36 carried as identifier MB and
 * subscriberId, IN1-2 as class plan and identifier, as before). Expected values are written from the messages.
 *
 *   npx vitest run test/transform/coverage-identity.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { type Entry, entries } from './helpers.js';

type Json = Record<string, unknown>;

/** IN1 fields 1… placed by number. */
function in1(fields: Record<number, string>): string {
  const out: string[] = ['IN1'];
  for (let n = 1; n <= 49; n++) out.push(fields[n] ?? '');
  return out.join('|').replace(/\|+$/, '');
}

function adt(event: string, controlId: string, ...in1s: string[]): string {
  return [
    `MSH|^~\\&|JPHIS|JPH|HIG|JPH|20340314003912+0200||ADT^${event}^ADT_A01|${controlId}|P|2.5.1`,
    `EVN|${event}|20340314003500`,
    'PID|1||JP5900337^^^JPH^MR||MOKOENA^SIPHO||19680122|M',
    'PV1|1|I|W5^508^A^JPH',
    ...in1s,
  ].join('\r');
}

const COIDA = { 2: 'COIDA^Compensation for Occupational Injuries and Diseases^DEL', 3: 'CF001^^^DEL^NIIP', 4: 'Compensation Fund (COIDA)', 12: '20340313', 17: 'SEL^Self^HL70063', 22: '1' };
const CIVITAS = { 2: 'CIVESS^Essential^CMS', 3: '1403^^^CMS^NIIP', 4: 'Civitas Medical Scheme', 12: '20120101', 17: 'SEL^Self^HL70063', 22: '2', 36: '30277150' };

const coverages = (m: string): Json[] => entries(convertHl7v2(m, { timezone: 'Africa/Johannesburg' }).bundle).map((e: Entry) => e.resource).filter((r) => r.resourceType === 'Coverage' && r.class !== undefined);
const byPayorName = (m: string, name: string): Json[] => {
  const all = entries(convertHl7v2(m, { timezone: 'Africa/Johannesburg' }).bundle);
  return coverages(m).filter((c) => all.find((e) => e.fullUrl === ((c.payor as Json[])[0] as Json).reference)?.resource.name === name);
};

describe('[hig identity] a Coverage keeps its id when the registration adds IN1-36 or changes IN1-2 (R59-W2)', () => {
  it('the A01 without IN1-36, the A08 with it: one Coverage id; the A08\'s carries IN1-36 as identifier MB and subscriberId', () => {
    const a01 = coverages(adt('A01', 'M1', in1({ 1: '1', ...COIDA })));
    const a08 = coverages(adt('A08', 'M2', in1({ 1: '1', ...COIDA, 36: 'CF-2034-0098215' })));
    expect(a01).toHaveLength(1);
    expect(a08.map((c) => c.id)).toEqual([a01[0]?.id]);
    expect(a01[0]?.subscriberId).toBeUndefined();
    expect(a08[0]?.subscriberId).toBe('CF-2034-0098215');
    // [IG IN1[Coverage] #36 is empty; hig: the membership number, v2-0203 MB]
    expect(JSON.stringify(a08[0]?.identifier)).toContain('"code":"MB"');
    expect(JSON.stringify(a08[0]?.identifier)).toContain('"value":"CF-2034-0098215"');
  });

  it('control: the plan option changed under the same membership number (IN1-2 CIVESS → CIVESP, IN1-12 new start) is the same Coverage, plan CIVESP', () => {
    const before = coverages(adt('A01', 'M1', in1({ 1: '1', ...CIVITAS })));
    const after = coverages(adt('A08', 'M2', in1({ 1: '1', ...CIVITAS, 2: 'CIVESP^Essential Plus^CMS', 12: '20340301' })));
    expect(after.map((c) => c.id)).toEqual([before[0]?.id]);
    expect(((after[0]?.class as Json[])[0] as Json).value).toBe('CIVESP');
  });

  it('the IN1 order changed (IN1-1, IN1-22) between messages: each Coverage keeps its id (COIDA 1 + Civitas 2 → Civitas 1 + COIDA 2)', () => {
    const first = adt('A01', 'M1', in1({ 1: '1', ...COIDA }), in1({ 1: '2', ...CIVITAS }));
    const swapped = adt('A08', 'M2', in1({ 1: '1', ...CIVITAS, 22: '1' }), in1({ 1: '2', ...COIDA, 22: '2', 36: 'CF-2034-0098215' }));
    expect(byPayorName(swapped, 'Compensation Fund (COIDA)').map((c) => c.id)).toEqual(byPayorName(first, 'Compensation Fund (COIDA)').map((c) => c.id));
    expect(byPayorName(swapped, 'Civitas Medical Scheme').map((c) => c.id)).toEqual(byPayorName(first, 'Civitas Medical Scheme').map((c) => c.id));
  });

  it('two policies of one payer: the patient\'s own (IN1-17 SEL) and the spouse\'s (SPO) are two Coverages, each its own id whatever their order', () => {
    const own = in1({ 1: '1', ...CIVITAS });
    const spouse = in1({ 1: '2', ...CIVITAS, 16: 'MOKOENA^NOMVULA', 17: 'SPO^Spouse^HL70063', 36: '30277999' });
    const a = coverages(adt('A01', 'M1', own, spouse));
    const b = coverages(adt('A08', 'M2', spouse, own));
    expect(new Set(a.map((c) => c.id)).size).toBe(2);
    const idOf = (list: Json[], member: string) => list.find((c) => c.subscriberId === member)?.id;
    expect(idOf(b, '30277150')).toBe(idOf(a, '30277150'));
    expect(idOf(b, '30277999')).toBe(idOf(a, '30277999'));
  });

  it('control: two payers are two Coverages', () => {
    expect(new Set(coverages(adt('A01', 'M1', in1({ 1: '1', ...COIDA }), in1({ 1: '2', ...CIVITAS }))).map((c) => c.id)).size).toBe(2);
  });

  it('no payer named (IN1-3 and IN1-4 empty): the plan (else IN1-36) still tells two such Coverages apart', () => {
    const noPayer = (plan: string) => in1({ 1: '1', 2: plan, 17: 'SEL' });
    const a = coverages(adt('A01', 'M1', noPayer('PLANA')));
    const b = coverages(adt('A01', 'M1', noPayer('PLANB')));
    expect(a[0]?.id).not.toBe(b[0]?.id);
  });
});
