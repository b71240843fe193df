/**
 * Code review 29 (docs/codereview29.md): conversion-side changes of 997f51a..4d2e7cc (fix29a/b/c, prd30). Each
 * finding is an `it.fails` asserting the right outcome beside controls that pass. Expected values come from the
 * messages, FHIR R4 (Period per-1 and FHIRPath's comparison of values of different precision: "the result is
 * empty" when one value is less precise, so a date-only end on its start's day is not before it; a
 * CodeableConcept's codings are the same concept in other code systems) and the channel's own settings. All names
 * and numbers are synthetic.
 *
 *   npx vitest run test/codereview29/conversion.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const resources = (message: string, options: Parameters<typeof convertHl7v2>[1] = {}) => (convertHl7v2(message, options).bundle.entry as { resource: Json }[]).map((e) => e.resource);
const reportText = (message: string, options: Parameters<typeof convertHl7v2>[1] = {}) => JSON.stringify(convertHl7v2(message, options).report);
/** A segment from numbered fields (1-based), the rest empty. */
const seg = (name: string, fields: Record<number, string>) => name + Array.from({ length: Math.max(...Object.keys(fields).map(Number)) }, (_, i) => `|${fields[i + 1] ?? ''}`).join('');

// ---------------------------------------------------------------------------------------------------
// CR29-1 [FHIR R4 Period per-1 `start <= end`, FHIRPath comparison: values of different precision compare as
// empty (not false); docs/mapping.md "the pair rule": only "an end still before its start" is left out]
// SegmentReader.span compares Date.parse of a date-only value (UTC midnight) with a dateTime: a date-only end
// on its start's day, or a same-day time end after a date-only start east of UTC, is "an end before its start"
// and dropped — the period then reads as still open
// ---------------------------------------------------------------------------------------------------
describe('CR29-1 a start/end pair of mixed precision on one day (ROL-5/6, NK1-8/9, FT1-4)', () => {
  const adt = (rol: string, nk1: string) =>
    [
      'MSH|^~\\&|QVREG|QVMC|HIG|QVMC|20260615120000||ADT^A08^ADT_A01|CR29-11|P|2.5.1',
      'EVN|A08|20260615120000',
      'PID|1||QV900001^^^QVMC^MR||TESTSPAN^ALDER||19800101|F',
      nk1,
      'PV1|1|I|W2^210^A',
      rol,
    ].join('\r');
  const ROL_SAME_DAY = 'ROL|1|AD|AT|QV1234^DOCTOR^ASH^^^^^^QVMC|202606151030|20260615';
  const NK1_PLAIN = 'NK1|1|TESTSPAN^BIRCH|SPO';
  const rolPeriod = (m: string, zone: string) => {
    const enc = resources(m, { timezone: zone }).find((r) => r.resourceType === 'Encounter');
    return ((enc?.participant as { period?: Json }[] | undefined) ?? [])[0]?.period;
  };

  it('ROL-5 10:30 with ROL-6 the same day (date only), America/New_York: the attending role keeps its end 2026-06-15', () => {
    expect(rolPeriod(adt(ROL_SAME_DAY, NK1_PLAIN), 'America/New_York')).toEqual({ start: '2026-06-15T10:30:00-04:00', end: '2026-06-15' });
    expect(reportText(adt(ROL_SAME_DAY, NK1_PLAIN), { timezone: 'America/New_York' })).not.toContain('an end before its start');
  });

  it('NK1-8 a date, NK1-9 08:00 the same day, Asia/Tokyo: the contact keeps its end (08:00+09:00 is on 2026-06-15)', () => {
    const m = adt('ROL|1|AD|AT|QV1234^DOCTOR^ASH^^^^^^QVMC|202606151030', 'NK1|1|TESTSPAN^BIRCH|SPO|||||20260615|202606150800');
    const rp = resources(m, { timezone: 'Asia/Tokyo' }).find((r) => r.resourceType === 'RelatedPerson');
    expect(rp?.period).toEqual({ start: '2026-06-15', end: '2026-06-15T08:00:00+09:00' });
  });

  it('FT1-4 10:30^the same day (date only): the charge keeps its occurrencePeriod', () => {
    const m = [
      'MSH|^~\\&|QVBILL|QVMC|HIG|QVMC|20260615120000||DFT^P03^DFT_P03|CR29-12|P|2.5.1',
      'EVN|P03|20260615120000',
      'PID|1||QV900005^^^QVMC^MR||TESTSPAN^ELM||19800101|F',
      'PV1|1|O|CLINIC',
      seg('FT1', { 1: '1', 2: 'QVT1', 4: '202606151030^20260615', 6: 'CG', 7: '99213^Office visit^CPT', 10: '1' }),
    ].join('\r');
    const ci = resources(m, { timezone: 'America/New_York' }).find((r) => r.resourceType === 'ChargeItem');
    expect(ci?.occurrencePeriod).toEqual({ start: '2026-06-15T10:30:00-04:00', end: '2026-06-15' });
  });

  it('control: a date-only ROL-6 the day before ROL-5 is a real reversal: left out and reported', () => {
    const m = adt('ROL|1|AD|AT|QV1234^DOCTOR^ASH^^^^^^QVMC|202606151030|20260614', NK1_PLAIN);
    expect(rolPeriod(m, 'America/New_York')).toEqual({ start: '2026-06-15T10:30:00-04:00' });
    expect(reportText(m, { timezone: 'America/New_York' })).toContain('ROL-6 (segment 6): an end before its start (ROL-5)');
  });

  it('control: the same pair at one precision (both times, both dates) is kept', () => {
    const m = adt('ROL|1|AD|AT|QV1234^DOCTOR^ASH^^^^^^QVMC|202606151030|202606151700', NK1_PLAIN);
    expect(rolPeriod(m, 'America/New_York')).toEqual({ start: '2026-06-15T10:30:00-04:00', end: '2026-06-15T17:00:00-04:00' });
    // the parent kept both ends of a two-field period (context.ts period before review 41): the regression is of this range
    const both = adt('ROL|1|AD|AT|QV1234^DOCTOR^ASH^^^^^^QVMC|20260615|20260616', NK1_PLAIN);
    expect(rolPeriod(both, 'America/New_York')).toEqual({ start: '2026-06-15', end: '2026-06-16' });
  });
});

// ---------------------------------------------------------------------------------------------------
// CR29-2 [hig FT1 rule, docs/mapping.md FT1 row: "FT1-26 modifiers joined to FT1-25's CPT coding as PR1-16 to
// PR1-3"; FHIR R4 CodeableConcept: codings are one concept in several systems] FT1-7 and FT1-25 both the CPT code:
// ChargeItem.code said the service with and without its modifier. Since review 59 R59-W3 FT1-25 is no coding of
// ChargeItem.code but the code of its service (a contained Procedure): the charge's code is FT1-7 as sent, the
// service's the modified CPT, and no CodeableConcept holds both.
// ---------------------------------------------------------------------------------------------------
describe('CR29-2 FT1-7 and FT1-25 both CPT 29881, FT1-26 RT', () => {
  const dft = (ft1_7: string) =>
    [
      'MSH|^~\\&|QVBILL|QVMC|HIG|QVMC|20260615120000||DFT^P03^DFT_P03|CR29-21|P|2.5.1',
      'EVN|P03|20260615120000',
      'PID|1||QV900005^^^QVMC^MR||TESTCPT^ELM||19800101|F',
      'PV1|1|O|CLINIC',
      seg('FT1', { 1: '1', 2: 'QVT1', 4: '20260615', 6: 'CG', 7: ft1_7, 10: '1', 25: '29881^Knee arthroscopy^CPT', 26: 'RT^Right side^CPTM' }),
    ].join('\r');
  const cptOf = (c: unknown) => ((c as { coding?: Json[] } | undefined)?.coding ?? []).filter((x) => x.system === 'http://www.ama-assn.org/go/cpt').map((x) => x.code);
  const charge = (m: string) => resources(m).find((r) => r.resourceType === 'ChargeItem') as Json;
  const service = (m: string) => ((charge(m).contained as Json[] | undefined) ?? []).find((r) => `#${String(r.id)}` === ((charge(m).service as Json[] | undefined) ?? [])[0]?.reference);

  it('the one CodeableConcept that holds the modified CPT 29881:RT (the service\'s) does not hold 29881 without its modifier', () => {
    const m = dft('29881^Knee arthroscopy^CPT');
    expect(cptOf(service(m)?.code)).toEqual(['29881:RT']);
    expect(cptOf(charge(m).code)).toEqual(['29881']);
  });

  it('control: FT1-7 a local charge code, FT1-25 CPT with FT1-26: the service\'s CPT coding is 29881:RT', () => {
    expect(cptOf(service(dft('CDM4471^Knee scope^L'))?.code)).toEqual(['29881:RT']);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR29-3 [hig time-zone rule, review 35 R35-N1 / review 42 R42-W1; channel settings] a sender whose zone comes
// from senderTimezones is told as "the channel's timezone", and the advice is to change the channel's timezone
// ---------------------------------------------------------------------------------------------------
describe('CR29-3 a channel at America/Chicago whose senderTimezones gives the lab UTC, the lab stating -05:00', () => {
  const ORU = [
    'MSH|^~\\&|QVLIS|QVLAB|HIG|QVMC|20260710083000-0500||ADT^A08^ADT_A01|CR29-31|P|2.5.1',
    'EVN|A08|20260710083000-0500',
    'PID|1||QV7200101^^^QVMC^MR||TESTZONE^WREN||19790311|F',
    'PV1|1|I|W2^210^A',
  ].join('\r');
  const lines = (options: Parameters<typeof convertHl7v2>[1]) => ((convertHl7v2(ORU, options).report.issue as { details?: { text?: string } }[]) ?? []).map((i) => i.details?.text ?? '').filter((t) => t.startsWith('MSH-7'));

  it("the line names the sender's zone setting (senderTimezones QVLAB), not the channel's timezone, which is America/Chicago", () => {
    const said = lines({ timezone: 'America/Chicago', senderTimezones: { QVLAB: 'UTC' } });
    expect(said.some((t) => t.includes("the channel's timezone is UTC"))).toBe(false);
    // one line for the one cause (senderClockNote said it again), naming the setting to change and the zone used
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('senderTimezones.QVLAB');
    expect(said[0]).toContain('is UTC');
    expect(convertHl7v2(ORU, { timezone: 'America/Chicago', senderTimezones: { QVLAB: 'UTC' } }).utcChannelZone).toEqual({ zone: 'UTC', setting: 'senderTimezones.QVLAB' });
  });

  it('control: the channel itself at UTC is told as the channel\'s timezone', () => {
    const said = lines({ timezone: 'UTC' });
    expect(said.some((t) => t.includes("the channel's timezone is UTC"))).toBe(true);
  });
});
