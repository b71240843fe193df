/**
 * Review 29 (issue 14, branch review29 on main 24d3310): defects found in a fresh synthetic sample of 24
 * feed-style messages of one academic medical center (docs/review29/messages/, docs/mapping-review-29.md).
 * Each defect is `it.fails` so CI stays green (the lead flips it to `it` when fixed); each has a control that
 * passes today. Expected values come from the message, the IG rows named, HL7 v2 tables 0003/0354 and FHIR R4's
 * element definitions (encounter-status), not from hig's output. test/review29/destination.test.ts delivers the
 * whole sample over HTTP.
 *
 *   npx vitest run test/review29/defects.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const sample = (name: string) => readFileSync(new URL(`../../docs/review29/messages/${name}`, import.meta.url)).toString('latin1');
const of = (message: string, type: string) =>
  (convertHl7v2(message).bundle.entry as { resource?: Json }[]).filter((e) => e.resource?.resourceType === type).map((e) => e.resource as Json);
/** The resources of `type`, or none when the conversion is refused (so a refusal fails on the assertion). */
function ofOrNone(message: string, type: string): Json[] {
  try {
    return of(message, type);
  } catch {
    return [];
  }
}
const visit = (rs: Json[]) => rs.find((r) => JSON.stringify(r.identifier ?? []).includes('"value":"V29010170"'));
const document = (docs: Json[], number: string) => docs.find((d) => (d.masterIdentifier as Json | undefined)?.value === number);

const M03 = sample('03-adt-a21-leave-of-absence.hl7');
const M04 = sample('04-adt-a22-return-from-loa.hl7');
const M18 = sample('18-mdm-t04-authenticated.hl7');
const M20 = sample('20-mdm-t11-cancel.hl7');
const M10 = sample('10-oru-r01-micro-final-susc.hl7');

describe('review 29: ADT^A21 / ADT^A22 (leave of absence, return) are refused (R29-R1, R29-R2)', () => {
  // #03: MSH-9 ADT^A21^ADT_A21 v2.7 (table 0003 A21 "Patient goes on a leave of absence"; the IG's MessageStructure
  // map: A21 → ADT_A21, the structure hig already converts for A23/A25/A26/A27/A29/A32/A33), PV1 the held bed 8E E822-2,
  // EVN-4 01 (patient request), EVN-6 08:00. hig refuses it (UNSUPPORTED_EVENT; docs/mapping.md "Supported events"
  // names A21/A22 among the refused), so the server never learns the patient left. The IG's Event[EncounterStatus]
  // map has no A21/A22 row and no ADT_A21 message map is in the corpus; FHIR R4 encounter-status `onleave` ("The
  // Encounter has begun, but the patient is temporarily on leave") is the status the event states, A22 back to
  // `in-progress` (as Event[EncounterStatus] gives A13 "cancel discharge"). Expected: the visit onleave, then in-progress.
  it('R29-R1 [table 0003 A21; FHIR R4 encounter-status onleave; PV1[Encounter] rows as ADT_A21] the A21 puts the visit on leave', () => {
    expect(visit(ofOrNone(M03, 'Encounter'))?.status).toBe('onleave');
  });
  it('R29-R2 [table 0003 A22; Event[EncounterStatus] as A13: in-progress] the A22 brings the visit back in progress', () => {
    expect(visit(ofOrNone(M04, 'Encounter'))?.status).toBe('in-progress');
  });
  it('R29-R1/R2 control: the same segments as ADT^A02 (ADT_A02) convert: the visit at 8E E822 bed 2, EVN-4 01 → Provenance.reason PATRQT [IG EVN[Provenance] #4 via EventReason]', () => {
    const asA02 = M03.replace('ADT^A21^ADT_A21', 'ADT^A02^ADT_A02');
    expect(visit(of(asA02, 'Encounter'))?.status).toBe('in-progress');
    const reasons = JSON.stringify(of(asA02, 'Provenance').map((p) => p.reason));
    expect(reasons).toContain('"code":"PATRQT"');
  });
});

describe('review 29: MDM^T04 and MDM^T11 are refused (R28-R1, R28-R2 classes, found again)', () => {
  // #18: MSH-9 MDM^T04^MDM_T02 v2.6 (table 0003 T04 "Document status change notification and content"; table 0354
  // → MDM_T02, the IG's MDM_T02 map), TXA-12 ESC-2901701, TXA-17 AU, TXA-19 AV, TXA-22 the authenticator. Refused:
  // the server keeps #17's H&P `preliminary`. Expected: TXA[DocumentReference] #17 AU → docStatus final.
  it('R28-R1 class [IG MDM_T02; TXA[DocumentReference] #17, #19] the T04 makes the H&P final and current', () => {
    const hp = document(ofOrNone(M18, 'DocumentReference'), 'ESC-2901701');
    expect(hp?.docStatus).toBe('final');
    expect(hp?.status).toBe('current');
  });
  it('R28-R1 class control: the same segments as MDM^T02 give docStatus final, status current, the authenticator', () => {
    const hp = document(of(M18.replace('MDM^T04^MDM_T02', 'MDM^T02^MDM_T02'), 'DocumentReference'), 'ESC-2901701');
    expect(hp?.docStatus).toBe('final');
    expect(hp?.status).toBe('current');
    expect(hp?.authenticator).toBeDefined();
  });
  // #20: MSH-9 MDM^T11^MDM_T01 v2.6 (table 0003 T11 "Document cancel notification"; 0354 → MDM_T01), TXA-12 the edited
  // copy ESC-2901702, TXA-19 CA. Refused: the server keeps the cancelled copy `current`. Expected: TXA[DocumentReference]
  // #19 CA → (hig's reading, mapping.md TXA row) status entered-in-error.
  it('R28-R2 class [IG TXA[DocumentReference] #19 CA] the T11 marks the edited copy entered-in-error', () => {
    expect(document(ofOrNone(M20, 'DocumentReference'), 'ESC-2901702')?.status).toBe('entered-in-error');
  });
  it('R28-R2 class control: the same segments as MDM^T07 (also MDM_T01) give entered-in-error', () => {
    expect(document(of(M20.replace('MDM^T11^MDM_T01', 'MDM^T07^MDM_T01'), 'DocumentReference'), 'ESC-2901702')?.status).toBe('entered-in-error');
  });
});

describe('review 29 controls: micro parent/child links (no defect found)', () => {
  // #10: the MIC child OBR (OBR-26 PRL, OBR-29 EIP placer&ns^filler&ns) under the culture: its own ServiceRequest
  // [hig identity, R16-I2], basedOn the parent numbers [IG OBR[ServiceRequest] #29 basedOn[1]/[2].identifier, type
  // ServiceRequest]; SN `<=^0.25` → valueQuantity comparator <= [IG OBX[Observation] #5 SN], OBX-8 S → interpretation S.
  it('the susceptibility child is a second ServiceRequest based on the culture\'s placer and filler numbers', () => {
    const requests = of(M10, 'ServiceRequest');
    const child = requests.find((r) => JSON.stringify(r.code).includes('29576-6'));
    const basedOn = (child?.basedOn as { type?: string; identifier?: { value?: string } }[] | undefined) ?? [];
    expect(basedOn.map((b) => [b.type, b.identifier?.value])).toEqual([
      ['ServiceRequest', 'W29080001'],
      ['ServiceRequest', 'M27-0111-0031'],
    ]);
    const oxa = of(M10, 'Observation').find((o) => JSON.stringify(o.code).includes('18961-2'));
    expect(oxa?.valueQuantity).toMatchObject({ value: 0.25, comparator: '<=' });
    expect(JSON.stringify(oxa?.interpretation)).toContain('"code":"S"');
  });
});
