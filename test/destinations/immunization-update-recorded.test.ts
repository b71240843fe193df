/**
 * Review 52 R52-W3: an immunization update (RXA-21 U) sends its own entry time in RXA-22, and hig wrote it to
 * Immunization.recorded, so the update moved "the date the occurrence of the immunization was first captured in the
 * record" (FHIR R4) to the day of the correction. [IG RXA[Immunization] #22 → recorded IF RXA-21 EQUALS "A"] the
 * update's RXA-22 (and ORC-9) is no `recorded`; its PUT is marked, and the FHIR destination keeps the `recorded` the
 * server holds (destinations/held-elements.ts). Delivered to the in-repo test FHIR server; expected values from the
 * messages, written by hand.
 *
 *   npx vitest run test/destinations/immunization-update-recorded.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { HELD_ELEMENT_EXTENSION } from '../../src/transform/patch.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';
import type { BundlePusher } from './push.js';

type Json = Record<string, unknown>;

/** A VXU of the influenza dose KW52-1 (ORC-3), RXA-21 `action`, RXA-22 `entered`, lot `lot`. */
function vxu(id: string, action: 'A' | 'U' | 'D', entered: string, lot: string): string {
  return [
    `MSH|^~\\&|KWEHR|KWPEDS|IIS|STATE|${entered}-0600||VXU^V04^VXU_V04|${id}|P|2.5.1`,
    'PID|1||KW5200001^^^KWPEDS^MR||LINDQVIST^ASTRID||20300115|F',
    `ORC|RE||KW52-1^KWPEDS||||||${entered}`,
    `RXA|0|1|20321029100000|20321029100000|150^influenza, injectable, quadrivalent^CVX|0.5|mL^mL^UCUM||00^new immunization record^NIP001||||||${lot}||SKB^GlaxoSmithKline^MVX|||CP|${action}|${entered}`,
  ].join('\r');
}
const ADD = vxu('KW1', 'A', '20321029101200', 'LOT-A1');
const UPDATE = vxu('KW2', 'U', '20321105090800', 'LOT-A2');

const fhir = useFhirDestinations({ serverPer: 'test' });
let dest: BundlePusher | undefined;

const doses = (): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'Immunization');
const deliver = async (hl7: string, options: Parameters<typeof convertHl7v2>[1] = {}) => dest?.deliver(convertHl7v2(hl7, options).bundle, never);
const immunizationEntry = (hl7: string) => (convertHl7v2(hl7).bundle.entry as Json[]).find((e) => (e.resource as Json | undefined)?.resourceType === 'Immunization');

describe('R52-W3 [IG RXA[Immunization] #22 IF RXA-21 EQUALS "A"] an update keeps when the dose was first recorded', () => {
  it('in the Bundle: the add states recorded (29 Oct 10:12 -06:00); the update states none, its PUT marked `recorded`, RXA-22 and ORC-9 reported', () => {
    expect((immunizationEntry(ADD)?.resource as Json).recorded).toBe('2032-10-29T10:12:00-06:00');
    const update = immunizationEntry(UPDATE);
    expect((update?.resource as Json).recorded).toBeUndefined();
    expect(update?.extension).toEqual([{ url: HELD_ELEMENT_EXTENSION, valueString: 'recorded' }]);
    const lines = ((convertHl7v2(UPDATE).report.issue as Array<{ details?: { text?: string } }>) ?? []).map((i) => i.details?.text ?? '');
    expect(lines.some((t) => t.startsWith('RXA-22'))).toBe(true);
    expect(lines.some((t) => t.startsWith('ORC-9'))).toBe(true);
  });

  it('at the server: after the update the one dose has the new lot and still recorded 29 Oct 10:12; no marker reaches the server', async () => {
    dest = fhir.destination();
    await deliver(ADD);
    await deliver(UPDATE);
    expect(doses()).toHaveLength(1);
    expect(doses()[0]?.lotNumber).toBe('LOT-A2');
    expect(doses()[0]?.recorded).toBe('2032-10-29T10:12:00-06:00');
    expect(JSON.stringify(doses()[0])).not.toContain('held-element');
  });

  it('an update of a dose the server does not hold is written as sent: no recorded made up', async () => {
    dest = fhir.destination();
    await deliver(UPDATE);
    expect(doses()).toHaveLength(1);
    expect(doses()[0]?.recorded).toBeUndefined();
  });

  it('a conditionalUpdate channel keeps it the same way (the PUT found by its search)', async () => {
    dest = fhir.destination();
    await deliver(ADD, { conditionalUpdate: true });
    await deliver(UPDATE, { conditionalUpdate: true });
    expect(doses()).toHaveLength(1);
    expect(doses()[0]?.recorded).toBe('2032-10-29T10:12:00-06:00');
  });

  it('control: a second add (RXA-21 A) states its own RXA-22, as the IG row says', async () => {
    dest = fhir.destination();
    await deliver(ADD);
    await deliver(vxu('KW3', 'A', '20321101080000', 'LOT-A1'));
    expect(doses()[0]?.recorded).toBe('2032-11-01T08:00:00-06:00');
  });
});
