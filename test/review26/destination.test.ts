/**
 * Review 26 (issue 14): the whole sample (docs/review26/messages/, 01 → 24 in order) delivered as FHIR
 * transactions to the in-repo test FHIR server (test/support/fhir-server.ts), default conversion options;
 * what the server holds afterwards, read against the messages and the IG rows named. #06 (ADT^A18) is refused
 * by the converter (UNSUPPORTED_EVENT) and so never delivered. The last two cases record the documented
 * PUT-replace of orders and reports (docs/mapping.md "Explicit null and empties"), as found.
 *
 *   npx vitest run test/review26/destination.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, type SampleDelivery } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review26/messages/', import.meta.url);
let sample: SampleDelivery;
beforeAll(async () => {
  sample = await deliverSample(dir);
}, 60_000);
afterAll(() => sample.close());

const held = (type: string) => sample.held(type);
const byIdentifier = (type: string, value: string) => sample.byIdentifier(type, value);
const codeIs = (r: Json, code: string) => JSON.stringify(r.code ?? r.vaccineCode ?? {}).includes(`"code":"${code}"`);

describe('review 26 at the destination', () => {
  // 23 on 232831c, the A18 refused before delivery; the lead took A18 on (R26-R1)
  it('24 transactions accepted', () => {
    expect(sample.failures).toEqual([]);
    expect(sample.refused).toEqual([]);
  });

  it('MEDITECH visits: PELLINGHAM finished (A03, then the DFT keeps PV1-45), OYELARAN-BIRCH cancelled (A11) [IG Event[EncounterStatus]]', () => {
    const pel = byIdentifier('Encounter', 'HG0026010117');
    expect(pel).toHaveLength(1);
    expect(pel[0]?.status).toBe('finished');
    expect((pel[0]?.period as Json | undefined)?.end).toBe('2026-12-11T10:45:00-06:00');
    const oye = byIdentifier('Encounter', 'HG0026024577');
    expect(oye).toHaveLength(1);
    expect(oye[0]?.status).toBe('cancelled');
  });

  it('outreach lab: CMP order completed, TSH revoked (ORC-5 CA, OBR-25 X), CMP report corrected, creatinine corrected to 1.14 [IG OBR[DiagnosticReport] #25, OBX[Observation] #11, ORC[ServiceRequest] #5]', () => {
    const orders = byIdentifier('ServiceRequest', 'CL0921-88410');
    expect(orders).toHaveLength(1);
    expect(orders[0]?.status).toBe('completed');
    const tsh = byIdentifier('ServiceRequest', 'CL0921-88411');
    expect(tsh).toHaveLength(1);
    expect(tsh[0]?.status).toBe('revoked');
    const reports = byIdentifier('DiagnosticReport', 'COL2634117');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.status).toBe('corrected');
    const creat = held('Observation').filter((o) => codeIs(o, '2160-0'));
    expect(creat).toHaveLength(1);
    expect(creat[0]?.status).toBe('corrected');
    expect((creat[0]?.valueQuantity as Json | undefined)?.value).toBe(1.14);
    const tshReport = byIdentifier('DiagnosticReport', 'COL2634118');
    expect(tshReport[0]?.status).toBe('cancelled');
  });

  it('retail pharmacy: one lisinopril order, 20 mg after the XO, the RDS conditional create finds it, the dispense names it', () => {
    const rx = byIdentifier('MedicationRequest', 'ERX26018840');
    expect(rx).toHaveLength(1);
    expect(rx[0]?.status).toBe('active');
    expect(JSON.stringify(rx[0]?.dosageInstruction)).toContain('"value":20');
    const disp = held('MedicationDispense');
    expect(disp).toHaveLength(1);
    expect(JSON.stringify(disp[0]?.authorizingPrescription)).toContain(`MedicationRequest/${String(rx[0]?.id)}`);
  });

  // Until review 32 R32-N1 (fixadt26) the IAM-6 D was PUT as the last state, entered-in-error by IAM-17 E; it is
  // a DELETE now [IG SegmentActionCode D → DELETE; the IAM-6 row names no element], so the add, the update and
  // the delete leave no penicillin allergy at the server.
  it('allergy feed: the penicillin allergy (IAM-7) added, updated, then deleted (IAM-6 D) is not held [IG SegmentActionCode D → DELETE]', () => {
    expect(byIdentifier('AllergyIntolerance', 'ALG-26099012-1')).toHaveLength(0);
  });

  it('pediatric VXU: PCV13 entered-in-error (RXA-21 D), DTaP given + historical with its reaction [IG RXA[Immunization] #9, #21]', () => {
    const imms = held('Immunization');
    expect(imms).toHaveLength(3);
    expect(imms.find((i) => codeIs(i, '133'))?.status).toBe('entered-in-error');
    const dtap = imms.filter((i) => codeIs(i, '20'));
    expect(dtap.map((i) => i.primarySource).sort()).toEqual([false, true]);
    expect(dtap.find((i) => i.primarySource === false)?.reaction).toBeDefined();
  });

  it('OMG imaging: one MR brain order, revoked by the CA with its reason, the NW\'s authoredOn, timing and priority kept (patch) [IG ORC[ServiceRequest] #1, #16]', () => {
    const mr = byIdentifier('ServiceRequest', 'SVC-IMG-2623001');
    expect(mr).toHaveLength(1);
    expect(mr[0]?.status).toBe('revoked');
    expect(JSON.stringify(mr[0]?.extension)).toContain('PTREQ');
    expect(mr[0]?.authoredOn).toBe('2026-12-11T10:03:00-06:00');
    expect(mr[0]?.priority).toBe('routine');
    expect(mr[0]?.occurrencePeriod).toBeDefined();
  });

  // Recorded on 232831c as the documented PUT-replace (R22-D1 class, counted in the tally): the CMP order lost #08's
  // authoredOn, priority and reason. Since own23 a result patches what it says, and since rx23 (R23-D1 class) the
  // pharmacy XO patches the lisinopril order: the new dose replaces the old, #14's authoredOn stays.
  it('after #09 the CMP order keeps #08\'s authoredOn, priority and reason [IG ORC[ServiceRequest] #9, ORM_O01 DG1]', () => {
    const cmp = byIdentifier('ServiceRequest', 'CL0921-88410');
    expect(cmp).toHaveLength(1);
    expect(cmp[0]?.authoredOn).toBe('2026-12-07T07:20:00-06:00');
    expect(cmp[0]?.priority).toBe('routine');
    expect(cmp[0]?.reasonReference).toBeDefined();
  });
  it('R23-D1 class [IG ORC[ServiceRequest] #9 IF NW, applied to MedicationRequest.authoredOn; RXO[MedicationRequest] #2 give amount, as hig maps RXE-3]: after the XO the lisinopril order keeps when it was written, at 20 mg only', () => {
    const rx = byIdentifier('MedicationRequest', 'ERX26018840');
    expect(rx).toHaveLength(1);
    expect(rx[0]?.authoredOn).toBe('2026-12-07T10:40:00-06:00');
    expect(JSON.stringify(rx[0]?.dosageInstruction)).toContain('"value":20');
    expect(JSON.stringify(rx[0]?.dosageInstruction)).not.toContain('"value":10,');
  });

  it('recorded (documented PUT-replace): after #11 (one corrected OBX) the CMP report lists only the creatinine', () => {
    const report = byIdentifier('DiagnosticReport', 'COL2634117')[0];
    expect((report?.result as unknown[] | undefined)?.length).toBe(1);
  });
});
