/**
 * Code review 31 (docs/codereview31.md): fix32e's two-hour window for MSH-7's pass (datatypes/time.ts PLACES) and the
 * held pass (destinations/held-times.ts), delivered through the real FHIR destination to the in-repo FHIR server.
 * Expected values come from the messages (each OBX-14 is the same clock text; the first message, sent at 01:20 CDT,
 * can only report an observation made before it) and hig's own rule (docs/mapping.md "Hours a zone repeats or
 * skips": the held pass is kept where a later message only guesses). America/Chicago, fall-back 1 Nov 2026 (01:00–01:59
 * happens at -05:00, then at -06:00). Synthetic data.
 *
 *   npx vitest run test/codereview31/repeated-hour.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { never } from '../destinations/helpers.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
/** A potassium result of `mrn`, OBX-14 01:10 bare; MSH-7 and OBR-22 as given, OBX-11 F or C. */
const oru = (mrn: string, control: string, sent: string, reported: string, status: 'F' | 'C', value: string) =>
  [
    `MSH|^~\\&|QVLIS|QVMC|HIG|QVMC|${sent}||ORU^R01^ORU_R01|${control}|P|2.5.1`,
    `PID|1||${mrn}^^^QVMC^MR||TESTHOUR^EWA||19800202|F`,
    `ORC|RE|P-${mrn}^QVCPOE|L-${mrn}^QVLIS`,
    `OBR|1|P-${mrn}^QVCPOE|L-${mrn}^QVLIS|2823-3^Potassium^LN|||20261101010500|||||||||||||||${reported}||CH|${status}`,
    `OBX|1|NM|2823-3^Potassium^LN||${value}|mmol/L^mmol/L^UCUM|3.5-5.1|H|||${status}|||20261101011000`,
  ].join('\r');
async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m, { timezone: 'America/Chicago' }).bundle, never);
}
const observed = (mrn: string): unknown[] => {
  const patient = fhir.stored('Patient', mrn)[0];
  return [...fhir.server.resources.values()]
    .filter((r) => r.resourceType === 'Observation' && (r.subject as Json | undefined)?.reference === `Patient/${String(patient?.id)}`)
    .map((r) => r.effectiveDateTime);
};

// ---------------------------------------------------------------------------------------------------
// CR31-5 [hig time-zone rule; review 47 R47-W2 ("MSH-7 of a later message re-reads the held pass"), listed fixed by
// fix32e; mapping.md: "Readings placed by evidence (MSH-7 within two hours …) are never marked, so they still replace
// what is held"] the result sent at 01:20 CDT places OBX-14 01:10 at -05:00 (the only reading before the message).
// Its correction sent 1 h 30 later at 02:50 CST is within fix32e's two hours of 01:10 CST, so MSH-7's offset places
// the same clock text in the second pass, unmarked: the PUT moves the observation an hour later at the server,
// after the message that first reported it
// ---------------------------------------------------------------------------------------------------
describe('CR31-5 a correction sent within two hours in the other pass re-reads a placed OBX-14', () => {
  it('result at 01:20-0500 (OBX-14 01:10 → -05:00), correction at 02:50-0600: the server keeps 01:10-05:00', async () => {
    await deliver(
      oru('QV9900501', 'L1', '20261101012000-0500', '20261101011800-0500', 'F', '6.1'),
      oru('QV9900501', 'L2', '20261101025000-0600', '20261101024500-0600', 'C', '5.8'),
    );
    expect(observed('QV9900501')).toEqual(['2026-11-01T01:10:00-05:00']);
  });

  it('control: the first result alone is placed at -05:00 (MSH-7\'s pass; the second pass would be after the message)', async () => {
    await deliver(oru('QV9900502', 'L1', '20261101012000-0500', '20261101011800-0500', 'F', '6.1'));
    expect(observed('QV9900502')).toEqual(['2026-11-01T01:10:00-05:00']);
  });

  it('control (fix32e): the correction sent at 03:30-0600 (outside two hours) leaves 01:10-05:00', async () => {
    await deliver(
      oru('QV9900503', 'L1', '20261101012000-0500', '20261101011800-0500', 'F', '6.1'),
      oru('QV9900503', 'L3', '20261101033000-0600', '20261101032500-0600', 'C', '5.8'),
    );
    expect(observed('QV9900503')).toEqual(['2026-11-01T01:10:00-05:00']);
  });
});
