/**
 * Review 24 (issue 14): the whole sample (docs/review24/messages/, 01 → 24 in order) delivered as FHIR
 * transactions to the in-repo test FHIR server (test/support/fhir-server.ts), default conversion options;
 * what the server holds afterwards, read against the messages and the IG rows named. Every case passes on
 * main a912b26: the order events are judged at the destination (docs/mapping-review-24.md "Sweeps").
 * The last case records the documented PUT-replace of orders (docs/mapping.md "Explicit null and
 * empties"), noted and not counted, as reviews 18/19 did.
 *
 *   npx vitest run test/review24/destination.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { deliverSample, type SampleDelivery } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review24/messages/', import.meta.url);
let sample: SampleDelivery;
beforeAll(async () => {
  sample = await deliverSample(dir);
}, 60_000);
afterAll(() => sample.close());

const held = (type: string) => sample.held(type);
const byIdentifier = (type: string, value: string) => sample.byIdentifier(type, value);

describe('review 24 at the destination', () => {
  it('all 24 transactions are accepted', () => {
    expect(sample.failures).toEqual([]);
  });

  it('NextGen #12–#15: one order per number; the lipid and UA cancelled (CA with OBR), the A1c discontinued by the ORC-only DC [IG ORC[ServiceRequest] #1/#5 via OrderControlCode/OrderStatus]', () => {
    for (const [n, status] of [['NG24-6611', 'revoked'], ['NG24-6612', 'revoked'], ['NG24-6613', 'revoked']] as const) {
      const orders = byIdentifier('ServiceRequest', n);
      expect(orders, n).toHaveLength(1);
      expect(orders[0]?.status, n).toBe(status);
    }
    // the DC patched the A1c the XO had re-sent: its code and the XO's stat priority stay
    const a1c = byIdentifier('ServiceRequest', 'NG24-6612')[0];
    expect(JSON.stringify(a1c?.code)).toContain('"code":"83036"');
    expect(a1c?.priority).toBe('stat');
  });

  it('pharmacy #18 → #20: the RDS patched the oxycodone order\'s status; the PRN instruction and the 5–10 mg range stay; the dispense names it', () => {
    const orders = byIdentifier('MedicationRequest', 'CH24RX-7301');
    expect(orders).toHaveLength(1);
    const mr = orders[0] as Json;
    expect(mr.status).toBe('active');
    const dosage = (mr.dosageInstruction as Json[])[0] as Json;
    expect(dosage.asNeededBoolean).toBe(true);
    expect(JSON.stringify(dosage.doseAndRate)).toContain('"high":{"value":10');
    const dispense = held('MedicationDispense')[0];
    expect((dispense?.authorizingPrescription as { reference?: string }[])[0]?.reference).toBe(`MedicationRequest/${String(mr.id)}`);
  });

  it('taper #19: four instructions 40/30/20/10 mg, each with its own bounds [IG TQ1[MedicationRequest] #2, #7, #8]', () => {
    const mr = byIdentifier('MedicationRequest', 'CH24RX-7302')[0] as Json;
    const doses = (mr.dosageInstruction as { doseAndRate?: { doseQuantity?: { value?: number } }[] }[]).map((d) => d.doseAndRate?.[0]?.doseQuantity?.value);
    expect(doses).toEqual([40, 30, 20, 10]);
  });

  it('lab #08 → #10: the potassium is the corrected 4.7 mmol/L, and the BMP report corrected [IG OBX[Observation] #11 C, OBR[DiagnosticReport] #25 C]', () => {
    const k = held('Observation').filter((o) => JSON.stringify(o.code).includes('"code":"2823-3"'));
    expect(k).toHaveLength(1);
    expect(k[0]).toMatchObject({ status: 'corrected', valueQuantity: { value: 4.7 } });
    expect(byIdentifier('DiagnosticReport', 'CL24-77302')[0]?.status).toBe('corrected');
  });

  it('ADT: the ED visit finished (A03, then the DFT with PV1-45), the pre-admit cancelled (A38), the moved visit under THORVALDSEN (A45)', () => {
    expect(byIdentifier('Encounter', '2401011001')[0]?.status).toBe('finished');
    expect(byIdentifier('Encounter', '2401052001')[0]?.status).toBe('cancelled');
    const moved = byIdentifier('Encounter', '2401084002')[0];
    const thorvaldsen = byIdentifier('Patient', '2401073')[0];
    expect((moved?.subject as { reference?: string }).reference).toBe(`Patient/${String(thorvaldsen?.id)}`);
  });

  // Noted on a912b26 (documented PUT-replace of orders, not counted): after the ORU #09 the CBC order held none of
  // #08's authoredOn, priority or occurrence. Since own23 a result patches what it says (R23-D1/R22-D1 class): the
  // server's order keeps what #08 alone placed.
  it('after the ORU #09 the CBC order keeps the authoredOn, priority and occurrence #08 placed, and is completed', () => {
    const cbc = byIdentifier('ServiceRequest', 'CH24-5101');
    expect(cbc).toHaveLength(1);
    expect(cbc[0]?.status).toBe('completed');
    const placed = (convertHl7v2(readFileSync(new URL('08-oml-o21-three-orders.hl7', dir)).toString('latin1')).bundle.entry as { resource?: Json }[])
      .map((e) => e.resource).find((r) => r?.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes('"value":"CH24-5101"'));
    expect(placed?.authoredOn).toBeDefined();
    expect([cbc[0]?.authoredOn, cbc[0]?.priority, cbc[0]?.occurrenceDateTime]).toEqual([placed?.authoredOn, placed?.priority, placed?.occurrenceDateTime]);
  });
});
