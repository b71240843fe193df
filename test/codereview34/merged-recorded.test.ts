/**
 * Code review 34 (docs/codereview34.md) CR34-1: two destination steps of this session act on one PUT in an order
 * that loses data. held-elements.ts (R52-W3) reads the resource an immunization update's PUT names (`Immunization?_id=
 * <own id>`) to keep the `recorded` the message does not convey; merged-numbers.ts (R52-W2), which runs later in
 * fhir-destination.ts prepared(), then sends that PUT to the dose held under the record merged into the patient. The
 * read was of the survivor's id, which the server does not hold, so nothing was carried, and the PUT lands whole on
 * the original dose without its `recorded`: when the dose was first captured is erased from the IIS record.
 * Delivered through the real FHIR destination (transaction mode, the install's linked-patient set in the real Redis)
 * to the in-repo FHIR server, as test/destinations/merged-number-delivery.test.ts. Expected values written from the
 * messages: RXA-22 of the add (RXA-21 A) is `recorded` [IG RXA[Immunization] #22 → recorded IF RXA-21 EQUALS "A"];
 * the update (U) corrects the lot [IG RXA[Immunization] #15]. Synthetic data.
 *
 *   npx vitest run test/codereview34/merged-recorded.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useHeldLinks } from '../support/held-links-fixture.js';
import { never } from '../destinations/helpers.js';

type Json = Record<string, unknown>;

const fx = useHeldLinks('cr34-merged-recorded');

const MSH = (type: string, control: string, at: string) => `MSH|^~\\&|QXCHART|QXPEDS|IIS|IISDOH|${at}-0700||${type}|${control}|P|2.5.1`;
/** The duplicate chart and the chart it is merged into (invented). */
const PID_DUP = 'PID|1||QX70017^^^QXPEDS^MR||TESTDOSE^TOBIAS^^^^^L||20300305|M';
const PID_SURV = 'PID|1||QX70005^^^QXPEDS^MR||TESTDOSE^TOBIAS^^^^^L||20300305|M';
/** The MMR dose QX-D1 (ORC-3), RXA-21 `action`, RXA-22 `entered` (-06:00), lot `lot`. */
const DOSE = (action: 'A' | 'U', lot: string, entered: string) => [
  'ORC|RE||QX-D1^QXCHART',
  `RXA|0|1|20321104150500-0600|20321104150500-0600|03^MMR^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001||||||${lot}|20331031|MSD^Merck and Co., Inc.^MVX|||CP|${action}|${entered}-0600`,
];
const VXU = (control: string, pid: string, at: string, dose: string[]) => [MSH('VXU^V04^VXU_V04', control, at), pid, ...dose].join('\r');
const ADD_DUP = VXU('QX-V1', PID_DUP, '20321104151000', DOSE('A', 'MM1001', '20321104151000'));
const ADD_SURV = VXU('QX-V1S', PID_SURV, '20321104151000', DOSE('A', 'MM1001', '20321104151000'));
const A40 = [MSH('ADT^A40^ADT_A39', 'QX-A40', '20321110091500'), 'EVN|A40|20321110091500-0700', PID_SURV, 'MRG|QX70017^^^QXPEDS^MR'].join('\r');
const UPDATE = VXU('QX-V2', PID_SURV, '20321112090000', DOSE('U', 'MM1009', '20321112090000'));

/** When the add was entered (RXA-22 of the A): the dose's first capture. */
const FIRST_RECORDED = '2032-11-04T15:10:00-06:00';

const doses = (): Json[] => [...fx.server.resources.values()].filter((r) => r.resourceType === 'Immunization');

async function deliver(...messages: string[]): Promise<void> {
  const dest = fx.channel();
  for (const m of messages) await dest.deliver(convertHl7v2(m).bundle, never);
}

describe('CR34-1 [IG RXA[Immunization] #22 → recorded IF RXA-21 EQUALS "A"; R52-W2 × R52-W3] an update after a merge keeps when the dose was first recorded', () => {
  it('control: no merge: the update (U) under the same chart keeps the add\'s recorded and corrects the lot', async () => {
    await deliver(ADD_SURV, UPDATE);
    expect(doses().map((d) => [d.lotNumber, d.recorded])).toEqual([['MM1009', FIRST_RECORDED]]);
  });

  it('control: after the A40 the update reaches the dose held under the merged chart (one dose, the corrected lot)', async () => {
    await deliver(ADD_DUP, A40, UPDATE);
    expect(doses().map((d) => d.lotNumber)).toEqual(['MM1009']);
  });

  it('after the A40 the update keeps the dose\'s recorded (held-elements read the survivor\'s id; merged-numbers then PUT the original whole)', async () => {
    await deliver(ADD_DUP, A40, UPDATE);
    expect(doses().map((d) => [d.lotNumber, d.recorded])).toEqual([['MM1009', FIRST_RECORDED]]);
  });
});
