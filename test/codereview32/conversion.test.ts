/**
 * Code review 32 (docs/codereview32.md): conversion findings of the range 0c49e58..49dc977 (fix33a, fix33c), through
 * `convertHl7v2` (the path of `node bin/hig.js convert --report --timezone America/Chicago FILE`). Each finding is an
 * `it.fails` asserting the right outcome beside a control that passes. Expected values come from the messages, the
 * rules named and hig's own documented rules (written by hand). Names, numbers and MRNs are synthetic.
 *
 *   npx vitest run test/codereview32/conversion.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
interface Entry { resource?: Json }

const entries = (message: string, timezone = 'America/Chicago'): Entry[] => (convertHl7v2(message, { timezone }).bundle.entry as Entry[] | undefined) ?? [];
const of = (message: string, type: string): Json[] => entries(message).flatMap((e) => (e.resource?.resourceType === type ? [e.resource] : []));

// ---------------------------------------------------------------------------------------------------
// CR32-4 [hig time-zone rule, the ordering rule (docs/mapping.md; context.ts NOT_AFTER); review 50 R50-W1 "collection
// ≤ receipt ≤ report ≤ message"; v2.5.1 OBR-14 Specimen Received Date/Time] fix33c bounds OBR-7/8 by OBR-14 and a
// bare bound by "the latest reading its own bounds leave" (latestReadingOf), MSH-7 only when they leave none. OBR-14's
// own bounds are OBR-22 alone (no MSH-7): in a result without OBR-22 a bare OBR-14 has no bound, so its latest reading
// is its second pass, after the message, and the draw it bounds is read after the message too.
// ORU sent 01:20 CST (second pass, 07:20Z), OBR-7 01:30 and OBR-14 01:35 bare, no OBR-22: both CST readings (07:30Z,
// 07:35Z) are after the message that reports them; the CDT readings (06:30Z, 06:35Z) are the ones it allows.
// ---------------------------------------------------------------------------------------------------
describe('CR32-4 a receipt (OBR-14) bare in the repeated hour, without OBR-22, is not held to MSH-7 (America/Chicago, fall-back 1 Nov 2026)', () => {
  const obr = (o7: string, o14: string, o22: string) => {
    const f = Array<string>(26).fill('');
    f[0] = 'OBR'; f[1] = '1'; f[3] = 'QVF4410^QVLAB'; f[4] = '2345-7^Glucose^LN'; f[7] = o7; f[14] = o14; f[22] = o22; f[25] = 'F';
    return f.join('|');
  };
  const oru = (sent: string, o7: string, o14: string, o22: string) =>
    [
      `MSH|^~\\&|QVLAB|QVMC|HIG|QVMC|${sent}||ORU^R01^ORU_R01|QL${o14}|P|2.5.1`,
      'PID|1||QV7770101^^^QVMC^MR||TESTTIME^RIA||19800101|F',
      obr(o7, o14, o22),
      'OBX|1|NM|2345-7^Glucose^LN||98|mg/dL|||||F',
    ].join('\r');
  const specimen = (m: string) => of(m, 'Specimen')[0];

  it('MSH-7 202611010120-0600, OBR-7 01:30 and OBR-14 01:35 bare, no OBR-22: received and collected before the message (-05:00)', () => {
    const s = specimen(oru('202611010120-0600', '202611010130', '202611010135', ''));
    expect(s?.receivedTime).toBe('2026-11-01T01:35:00-05:00');
    expect((s?.collection as Json | undefined)?.collectedDateTime).toBe('2026-11-01T01:30:00-05:00');
  });

  it('control: the same with OBR-22 01:50 bare (bounded by MSH-7): receipt and draw -05:00', () => {
    const s = specimen(oru('202611010120-0600', '202611010130', '202611010135', '202611010150'));
    expect(s?.receivedTime).toBe('2026-11-01T01:35:00-05:00');
    expect((s?.collection as Json | undefined)?.collectedDateTime).toBe('2026-11-01T01:30:00-05:00');
  });
});

// ---------------------------------------------------------------------------------------------------
// CR32-5 [hig: no-known-allergy statement (segments/no-known-allergy.ts: compared "without case, spaces or
// punctuation"); FHIR R4 AllergyIntolerance.verificationStatus confirmed "A high level of certainty about the
// propensity for a reaction"] `NKDA?` (the question nursing shorthand writes when it was not asked or not
// answered) normalises to `nkda` and is written as the statement, verificationStatus `confirmed`: a question read as
// a confirmed "no known drug allergy"
// ---------------------------------------------------------------------------------------------------
describe('CR32-5 an AL1-3 that asks (NKDA?) is read as a confirmed no-known-drug-allergy statement', () => {
  const adt = (al1: string) =>
    [
      'MSH|^~\\&|QVREG|QVMC|HIG|QVMC|202612061410-0600||ADT^A08^ADT_A01|NK1|P|2.5.1',
      'EVN|A08|202612061400-0600',
      'PID|1||QV5550301^^^QVMC^MR||TESTNKDA^OREN||19800101|M',
      'PV1|1|O|CLIN^1^1^QVMC',
      al1,
    ].join('\r');
  const confirmedNkda = (m: string) =>
    of(m, 'AllergyIntolerance').filter((a) => JSON.stringify(a.code).includes('"409137002"') && JSON.stringify(a.verificationStatus).includes('"confirmed"'));

  it('AL1|1|DA|^NKDA?: no confirmed NKDA statement', () => {
    expect(confirmedNkda(adt('AL1|1|DA^Drug allergy^HL70127|^NKDA?'))).toEqual([]);
  });

  // After the review (fix33e): a question is not recognised as the statement; the sender's text is kept as written
  it.each([
    ['^NKDA?', 'NKDA?'],
    ['^N.K.D.A. ?', 'N.K.D.A. ?'],
    ['^No known drug allergies?', 'No known drug allergies?'],
    ['^probable NKDA', 'probable NKDA'],
  ])('AL1-3 %s: no SNOMED CT statement, the text %s kept', (al13, text) => {
    const allergies = of(adt(`AL1|1|DA^Drug allergy^HL70127|${al13}`), 'AllergyIntolerance');
    expect(allergies.filter((a) => JSON.stringify(a.code).includes('snomed'))).toEqual([]);
    expect(allergies.map((a) => (a.code as Json).text)).toEqual([text]);
  });

  it('AL1-3 coded NKDA?^No known drug allergies?^L: no statement', () => {
    expect(of(adt('AL1|1|DA^Drug allergy^HL70127|NKDA?^No known drug allergies?^L'), 'AllergyIntolerance').filter((a) => JSON.stringify(a.code).includes('snomed'))).toEqual([]);
  });

  it('control: AL1|1|DA|^NKDA: the confirmed statement (SNOMED CT 409137002)', () => {
    expect(confirmedNkda(adt('AL1|1|DA^Drug allergy^HL70127|^NKDA'))).toHaveLength(1);
  });
});
