/**
 * [review 39 R39-N4; IG RXA[Immunization] #18 → statusReason CWE[CodeableConcept]; CDC IIS IG: RXA-18 takes CDC
 * table NIP002 "Substance refusal reason"; PHIN VADS code system 2.16.840.1.114222.4.5.294 "Substance Refusal
 * Reason (NIP)", as NIP001 is 2.16.840.1.114222.4.5.293] A refusal's reason names NIP002 by its OID, as RXA-9's
 * NIP001 is named by its own: a registry matching refusal reasons by system found `urn:hl7v2:codesystem:NIP002`,
 * which no receiver knows. Values from the message (synthetic).
 *
 *   npx vitest run test/transform/nip-refusal-system.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const VXU = [
  'MSH|^~\\&|EHR|CLINIC|IIS|STATE|20280228093000-0600||VXU^V04^VXU_V04|NIP39|P|2.5.1',
  'PID|1||PM3900103^^^PMCH^MR||TWIN^BABY^B||20280114|F',
  'ORC|RE||IZ-3922^CLINIC',
  'RXA|0|1|20280228090000-0600|20280228090000-0600|08^HepB^CVX|999|||01^Historical information - source unspecified^NIP001|||||||||00^Parental decision^NIP002||RE',
].join('\r');

describe('R39-N4 [IG RXA[Immunization] #18; CDC NIP002 → PHIN VADS 2.16.840.1.114222.4.5.294] a refusal reason names its code system by OID', () => {
  it('RXA-18 00^Parental decision^NIP002 → statusReason coding system urn:oid:2.16.840.1.114222.4.5.294, code 00', () => {
    const { bundle } = convertChecked(VXU);
    const [immunization] = resources(bundle, 'Immunization') as Json[];
    expect(immunization?.status).toBe('not-done');
    const coding = ((immunization?.statusReason as Json).coding as Json[])[0];
    expect(coding).toMatchObject({ system: 'urn:oid:2.16.840.1.114222.4.5.294', code: '00', display: 'Parental decision' });
  });
});
