/**
 * [hig identity; FHIR R4 Patient.link replaced-by; IG RXA[Immunization] #21, OBX[Observation] #21; review 52 R52-W2]
 * A dose's id is the patient + its ORC-3, a result's the patient + its OBX-21 (docs/mapping.md "Resource identity").
 * After an A40 merges a duplicate chart into the surviving one, the clinic names the doses it sent under the
 * duplicate by the same ORC-3 under the survivor: a delete (RXA-21 D) or an update (U) made a new Immunization under
 * the survivor and left the original `completed` on the merged record. The FHIR destination now, for a patient a
 * merge linked (the install's linked-patient set, Redis), computes hig's id of the number under the records merged
 * into her and writes the resource the server holds there (destinations/merged-numbers.ts). Delivered to the in-repo
 * test FHIR server on default options; expected values from the messages, the IG rows named, and FHIR R4's
 * Patient.link, not from hig's output.
 *
 *   npx vitest run test/destinations/merged-number-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useHeldLinks } from '../support/held-links-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const fx = useHeldLinks('merged-number');

const MSH = (type: string, control: string) => `MSH|^~\\&|BRKCHART|BRKPEDS|IIS|IISDOH|20321110091500-0700||${type}|${control}|P|2.5.1`;
/** The duplicate chart the front desk opened, and the child's chart it is merged into (all invented). */
const PID_DUP = 'PID|1||BK70017^^^BRKPEDS^MR||QUILLFEATHER^TOBIAS^^^^^L||20300305|M';
const PID_SURV = 'PID|1||BK70005^^^BRKPEDS^MR||QUILLFEATHER^TOBIAS^^^^^L||20300305|M';
const PID_OTHER = 'PID|1||BK70031^^^BRKPEDS^MR||QUILLFEATHER^MARGIT^^^^^L||20300305|F';
/** One dose group: ORC-3 the clinic's dose number, RXA-21 the action (A add, U update, D delete), lot RXA-15. */
const DOSE = (number: string, cvx: string, action: 'A' | 'U' | 'D', lot: string) => [
  `ORC|RE||${number}^BRKCHART`,
  `RXA|0|1|20321104150500-0600|20321104150500-0600|${cvx}^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001||||||${lot}|20331031|MSD^Merck and Co., Inc.^MVX|||CP|${action}`,
  'OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V03^VFC eligible - Uninsured^HL70064||||||F|||20321104150500-0600',
];
const VXU = (control: string, pid: string, ...groups: string[][]) => [MSH('VXU^V04^VXU_V04', control), pid, ...groups.flat()].join('\r');
const A40 = [MSH('ADT^A40^ADT_A39', 'BK-A40'), 'EVN|A40|20321110091500-0700', PID_SURV, 'MRG|BK70017^^^BRKPEDS^MR'].join('\r');
const A24 = [MSH('ADT^A24^ADT_A24', 'BK-A24'), 'EVN|A24|20321110091500-0700', PID_SURV, PID_OTHER].join('\r');
/** A lead result numbered by the lab (OBX-21), under `pid`; OBX-11 F, or C for the correction. */
const ORU = (control: string, pid: string, value: string, status: 'F' | 'C') => [
  MSH('ORU^R01^ORU_R01', control), pid,
  'ORC|RE|PB-4411^BRKCHART|LB-4411^BRKLAB||CM',
  'OBR|1|PB-4411^BRKCHART|LB-4411^BRKLAB|5671-3^Lead [Mass/volume] in Blood^LN|||20321104153000-0600||||||||||||||20321105100000-0600||CH|F',
  `OBX|1|NM|5671-3^Lead [Mass/volume] in Blood^LN||${value}|ug/dL^ug/dL^UCUM|<3.5||||${status}|||20321104153000-0600|||||||OBS-4411^BRKLAB`,
].join('\r');

const held = (type: string): Json[] => [...fx.server.resources.values()].filter((r) => r.resourceType === type);
const ref = (r: Json | undefined) => `${String(r?.resourceType)}/${String(r?.id)}`;
const withNumber = (type: string, value: string) => held(type).filter((r) => JSON.stringify(r.identifier ?? []).includes(`"value":"${value}"`));
const patientOf = (mrn: string) => held('Patient').find((p) => JSON.stringify(p.identifier).includes(`"value":"${mrn}"`));
const reference = (v: unknown) => (v as Json | undefined)?.reference;
const gets = (needle: string) => fx.server.requests.filter((r) => r.method === 'GET' && r.path.includes(needle));

async function deliver(...messages: string[]): Promise<string[]> {
  const dest = fx.channel();
  const details: string[] = [];
  for (const m of messages) {
    const outcome = await dest.deliver(convertHl7v2(m).bundle, never);
    if (outcome.detail !== undefined) details.push(outcome.detail);
  }
  return details;
}

describe('[hig identity; FHIR R4 Patient.link replaced-by; review 52 R52-W2] after an A40, a number keyed within the patient\'s record reaches the resource held under the merged record', () => {
  it('[IG RXA[Immunization] #21 D → entered-in-error] the MMR sent under the duplicate chart and deleted under the survivor: one Immunization, entered-in-error, now the survivor\'s; the MMRV added beside it is a dose of its own', async () => {
    await deliver(VXU('BK-V1', PID_DUP, DOSE('BK-D100', '03', 'A', 'MM1001')), A40, VXU('BK-V2', PID_SURV, DOSE('BK-D100', '03', 'D', 'MM1001'), DOSE('BK-D158', '94', 'A', 'PQ2002')));
    const dup = patientOf('BK70017');
    const survivor = patientOf('BK70005');
    expect(dup?.active).toBe(false);
    const [mmr, ...more] = withNumber('Immunization', 'BK-D100');
    expect(more).toHaveLength(0);
    expect(mmr?.status).toBe('entered-in-error');
    expect(mmr?.lotNumber).toBe('MM1001');
    // moved by its subject reference, as FHIR merges (mapping.md "Resource identity")
    expect(reference(mmr?.patient)).toBe(ref(survivor));
    const [mmrv, ...moreMmrv] = withNumber('Immunization', 'BK-D158');
    expect(moreMmrv).toHaveLength(0);
    expect([mmrv?.status, reference(mmrv?.patient)]).toEqual(['completed', ref(survivor)]);
    // the D message's OBX is partOf the dose the server holds, not of a dose it never made
    const partOf = held('Observation').map((o) => reference((o.partOf as Json[] | undefined)?.[0]));
    expect(partOf).toContain(ref(mmr));
    expect(partOf.every((p) => p === ref(mmr) || p === ref(mmrv))).toBe(true);
  });

  it('[IG RXA[Immunization] #21 U, #15 lot] an update under the survivor corrects the original, and a second update finds it again once it is the survivor\'s', async () => {
    await deliver(VXU('BK-V1', PID_DUP, DOSE('BK-D100', '03', 'A', 'MM1001')), A40, VXU('BK-V3', PID_SURV, DOSE('BK-D100', '03', 'U', 'MM1009')));
    const first = withNumber('Immunization', 'BK-D100');
    expect(first.map((i) => [i.status, i.lotNumber])).toEqual([['completed', 'MM1009']]);
    await deliver(VXU('BK-V4', PID_SURV, DOSE('BK-D100', '03', 'D', 'MM1009')));
    const second = withNumber('Immunization', 'BK-D100');
    expect(second.map((i) => [ref(i), i.status])).toEqual([[ref(first[0]), 'entered-in-error']]);
  });

  it('[IG OBX[Observation] #21, #11 C] a result numbered by the lab under the duplicate chart, corrected under the survivor: one Observation, the corrected value, the report naming it', async () => {
    await deliver(ORU('BK-R1', PID_DUP, '4.1', 'F'), A40, ORU('BK-R2', PID_SURV, '3.2', 'C'));
    const [lead, ...more] = withNumber('Observation', 'OBS-4411');
    expect(more).toHaveLength(0);
    expect([(lead?.valueQuantity as Json | undefined)?.value, lead?.status]).toEqual([3.2, 'corrected']);
    expect(reference(lead?.subject)).toBe(ref(patientOf('BK70005')));
    const reports = held('DiagnosticReport');
    expect(reports.map((r) => (r.result as Json[]).map(reference))).toEqual([[ref(lead)]]);
  });

  // [IG SPM[Specimen] #2 (EIP.1 placer, EIP.2 filler), #20 → status; review 56 R56-W1] a Specimen sent with both numbers
  // is keyed by the pair (identity.ts specimenNumberKey): the destination follows the pair too
  it('[IG SPM[Specimen] #2, #20] a tube sent with placer and filler number under the duplicate chart, made unavailable under the survivor: one Specimen, unavailable, the survivor\'s', async () => {
    const spm = (control: string, pid: string, available: 'Y' | 'N') => [MSH('OUL^R22^OUL_R22', control), pid,
      `SPM|1|BK-S31&BRKCHART^BK-L31&BRKLAB||BLD^Whole blood^HL70487|||||||||||||20321104153000-0600|||${available}`].join('\r');
    await deliver(spm('BK-S1', PID_DUP, 'Y'), A40, spm('BK-S2', PID_SURV, 'N'));
    const [tube, ...more] = withNumber('Specimen', 'BK-S31');
    expect(more).toHaveLength(0);
    expect([tube?.status, reference(tube?.subject)]).toEqual(['unavailable', ref(patientOf('BK70005'))]);
  });

  it('[FHIR R4 link-type seealso: distinct records] a dose number of a record linked by an A24, not merged, stays that record\'s: the other record\'s PUT makes its own dose', async () => {
    await deliver(VXU('BK-V5', PID_OTHER, DOSE('BK-D100', '03', 'A', 'MM1001')), A24, VXU('BK-V6', PID_SURV, DOSE('BK-D100', '03', 'D', 'MM1001')));
    const doses = withNumber('Immunization', 'BK-D100');
    expect(doses.map((i) => [reference(i.patient), i.status]).sort()).toEqual([[ref(patientOf('BK70031')), 'completed'], [ref(patientOf('BK70005')), 'entered-in-error']].sort());
  });

  it('a patient no merge linked costs no request: no merged-record lookup, no id read; the dose is written at its own id', async () => {
    await deliver(VXU('BK-V7', PID_SURV, DOSE('BK-D100', '03', 'A', 'MM1001')), VXU('BK-V8', PID_SURV, DOSE('BK-D100', '03', 'D', 'MM1001')));
    expect(gets('/Patient?link=')).toHaveLength(0);
    // one Immunization read only: the delete's own id, for the `recorded` it does not convey (held-elements.ts, R52-W3);
    // none for merged records
    const dose = withNumber('Immunization', 'BK-D100');
    expect(gets('/Immunization?').map((r) => decodeURIComponent(r.path))).toEqual([`/fhir/Immunization?_id=${String(dose[0]?.id)}`]);
    expect(dose.map((i) => i.status)).toEqual(['entered-in-error']);
  });

  it('the survivor\'s own dose of the number (sent after the merge) is kept at its id: the lookup reads, and the PUT goes as sent', async () => {
    await deliver(VXU('BK-V1', PID_DUP, DOSE('BK-D100', '03', 'A', 'MM1001')), A40);
    fx.server.requests.length = 0;
    await deliver(VXU('BK-V9', PID_SURV, DOSE('BK-D200', '21', 'A', 'VV3003')));
    // one level of merges found (a second GET finds no merge of the merged record), one read of the doses
    expect(gets('/Patient?link=')).toHaveLength(2);
    expect(gets('/Immunization?_id=')).toHaveLength(1);
    const [varicella, ...more] = withNumber('Immunization', 'BK-D200');
    expect(more).toHaveLength(0);
    expect(reference(varicella?.patient)).toBe(ref(patientOf('BK70005')));
  });
});
