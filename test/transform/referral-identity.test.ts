/**
 * A referral (RF1 → ServiceRequest) without RF1-6 is identified by its patient + RF1-7 effective
 * date + RF1-3 type + RF1-10 reason at the end of the message (RF1 precedes the PID; identity.ts
 * referralKey, admin.ts finishReferral), never by the message [issue 14 #3; docs/mapping.md
 * "Resource identity"]. [hig rule: the IG has no RF1 map; RF1-6 → identifier, RF1-3 → code,
 * RF1-7 → authoredOn, RF1-10 → reasonCode as admin.ts maps them.]
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { danglingReferences, entries } from './helpers.js';

const PID = 'PID|1||R7P1^^^GHH^MR||ROE^JANE||19800202|F';
function ref(id: string, o: { number?: string; type?: string; date?: string; reason?: string; pid?: string | null } = {}): Record<string, unknown> {
  return convertHl7v2(
    [
      `MSH|^~\\&|GHH|GHHSF|RHH|RHHF|20260105093000+0100||REF^I12^REF_I12|${id}|P|2.8`,
      `RF1|P^Pending^HL70283|R^Routine^HL70280|${o.type ?? 'Med^Medical^HL70281'}|||${o.number ?? ''}|${o.date ?? '20260105'}|20260405||${o.reason ?? 'K63.3^Ulcer of intestine^I10'}`,
      'PRD|RP^Referring Provider^HL70286|POWELL^ROBERT^^^DR',
      ...(o.pid === null ? [] : [o.pid ?? PID]),
      'NTE|1||See within two weeks',
    ].join('\r'),
  ).bundle;
}
function referral(bundle: Record<string, unknown>): { url: string; fullUrl: string; id: string } {
  const list = entries(bundle).filter((e) => e.resource.resourceType === 'ServiceRequest');
  expect(list).toHaveLength(1);
  return { url: list[0]?.request.url ?? '', fullUrl: list[0]?.fullUrl ?? '', id: String(list[0]?.resource.id) };
}

describe('referrals without RF1-6', () => {
  it('are the same referral when resent under a new MSH-10', () => {
    expect(referral(ref('R1')).url).toBe(referral(ref('R2')).url);
  });
  it.each([
    ['another effective date (RF1-7)', { date: '20260106' }],
    ['another type (RF1-3)', { type: 'Ps^Psychiatric^HL70281' }],
    ['another reason (RF1-10)', { reason: 'K21.9^Reflux^I10' }],
    ['another patient', { pid: 'PID|1||R7P2^^^GHH^MR||DOE^JOHN||19700101|M' }],
  ])('are another referral with %s', (_what, change) => {
    expect(referral(ref('R1')).url).not.toBe(referral(ref('R1', change)).url);
  });
  it('keep RF1-6 as their identity when sent', () => {
    expect(referral(ref('R2', { number: 'R7-1^GHH', date: '20260106' })).url).toBe(referral(ref('R1', { number: 'R7-1^GHH' })).url);
  });
  it('the Bundle entry, the id and every reference follow the new id', () => {
    const bundle = ref('R1');
    const r = referral(bundle);
    expect(r.fullUrl).toBe(`urn:uuid:${r.id}`);
    expect(r.url).toBe(`ServiceRequest/${r.id}`);
    expect(danglingReferences(bundle)).toEqual([]);
    // the Provenance of the message names the referral by its new fullUrl
    const targets = entries(bundle).filter((e) => e.resource.resourceType === 'Provenance').flatMap((e) => (e.resource.target as { reference: string }[] | undefined) ?? []);
    expect(targets.map((t) => t.reference)).toContain(r.fullUrl);
  });
});
