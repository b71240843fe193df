/**
 * Review 71 R71-N3 (fix41): [IG RXA[Immunization] #21 D → status entered-in-error; IG VXU_V04 12.6.1 and
 * OBX[Observation]: each OBX of a dose's OBSERVATION group is an Observation partOf that dose; FHIR R4
 * observation-status entered-in-error "the observation has been withdrawn following previous final release"] A VXU
 * whose RXA-21 is D withdraws the dose; when its RXA group re-sends the dose's OBX (eligibility V02, funding VXC50, the
 * VIS), those are the dose's Observations again (one id: the dose + OBX-3 + OBX-4, docs/mapping.md "Resource
 * identity", Observation) and are withdrawn with it. Delivered to the test FHIR server; expected values written by
 * hand from the messages below.
 *
 *   npx vitest run test/destinations/deleted-dose-observations.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations({ serverPer: 'test' });

const OBX = [
  'OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid/Medicaid Managed Care^HL70064||||||F|||20340313103400|||VXC40^Eligibility captured at the immunization level^CDCPHINVS',
  'OBX|2|CE|30963-3^Vaccine funding source^LN|2|VXC50^Public^CDCPHINVS||||||F|||20340313103400',
  'OBX|3|TS|29769-7^Date vaccine information statement presented^LN|3|20340313||||||F|||20340313103400',
];
/** A VXU of the influenza dose RPY41-D1 with RXA-21 `action`, its OBX group when `obx`. */
const vxu = (control: string, action: 'A' | 'D', obx: boolean) => [
  `MSH|^~\\&|PEDIRED|RPYUNQ|SIRPR|SIRPR|20340313163022-0400||VXU^V04^VXU_V04|${control}|P|2.5.1`,
  'PID|1||RPY4101^^^RPY^MR||FIGUEROA^GAEL||20320220|M',
  'ORC|RE||RPY41-D1^PEDIRED',
  `RXA|0|1|20340313103400|20340313103400|150^Influenza, injectable, quadrivalent, preservative free^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001||||||UT7156AA|20340630|PMC^Sanofi Pasteur^MVX|||CP|${action}`,
  ...(obx ? OBX : []),
].join('\r');

const held = (type: string): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === type);
const partOfDose = (): Json[] => {
  const [dose] = held('Immunization');
  return held('Observation').filter((o) => ((o.partOf as Json[] | undefined) ?? []).some((p) => p.reference === `Immunization/${String(dose?.id)}`));
};
async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m).bundle, never);
}

describe('the Observations of a deleted dose [IG RXA[Immunization] #21; OBX[Observation]; FHIR R4 observation-status]', () => {
  it('control: the dose given (RXA-21 A) with its eligibility, funding and VIS OBX: three Observations partOf it, `final`', async () => {
    await deliver(vxu('V1', 'A', true));
    expect(held('Immunization').map((i) => i.status)).toEqual(['completed']);
    expect(partOfDose().map((o) => o.status)).toEqual(['final', 'final', 'final']);
  });

  it('R71-N3 class: the delete (RXA-21 D) re-sending the OBX withdraws the dose and its three Observations, at their ids (no new ones)', async () => {
    await deliver(vxu('V1', 'A', true));
    const ids = partOfDose().map((o) => o.id).sort();
    await deliver(vxu('V2', 'D', true));
    expect(held('Immunization').map((i) => i.status)).toEqual(['entered-in-error']);
    expect(held('Observation')).toHaveLength(3);
    expect(partOfDose().map((o) => [o.id, o.status]).sort()).toEqual(ids.map((id) => [id, 'entered-in-error']));
  });
});
