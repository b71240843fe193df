/**
 * Review 18 (issue 14, branch review18 on main f1baf61): wrong-data classes found in a fresh synthetic
 * sample of 24 feed-style messages (docs/review18/messages/, docs/mapping-review-18.md). Each case is
 * `it.fails` so CI stays green; the lead flips it to `it` when fixed. Expected values come from the
 * message, the IG rows named and FHIR's own code definitions, not from hig's output.
 *
 *   npx vitest run test/review18/wrong-data.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

function convert(segments: string[]): Entry[] {
  const { bundle } = convertHl7v2(segments.join('\r'));
  return bundle.entry as Entry[];
}

const of = (entries: Entry[], type: string) => entries.filter((e) => e.resource?.resourceType === type);

// #05/#06's Meditech 2.3 patient (MSH-7 -0800)
const DUBOIS_PID = 'PID|1|MV00044712|MV00044712^^^MVH^MR||DUBOIS^CLAIRE^M||19630519|F';
const DUBOIS_PV1 = 'PV1|1|I|SURG^^^MVH|EL|||HALL.JEN^HALL^JENNIFER^^^^MD|||ORT||||||||PRE|MV2612070044';
const KNEE_PR1 = 'PR1|1|C4|27447^Total knee arthroplasty^C4||202612090730|P';

function adtWithProcedure(event: string, structure: string, control: string, pr1 = KNEE_PR1): Entry[] {
  return convert([
    `MSH|^~\\&|MEDITECH|MVH|HIG|RMHIE|20261206101522-0800||ADT^${event}^${structure}|${control}|P|2.3`,
    `EVN|${event}|202612061015`,
    DUBOIS_PID,
    DUBOIS_PV1,
    pr1,
  ]);
}

// #10/#11's Meditech 2.3 outpatient: one ORC (ORC-2 MV55001), three OBRs without OBR-2, as Meditech sends them
const MENDEZ = [
  'PID|1|MV00051190|MV00051190^^^MVH^MR||MENDEZ^ROSA^I||19840603|F',
  'PV1|1|O|LAB^^^MVH||||NGO.DAV^NGO^DAVID^^^^MD|||||||||||REF|MV2612070101',
];
const CBC = 'OBR|1|||85025^CBC W/ AUTO DIFF^CPT4|||202612070715';
const CMP = 'OBR|2|||80053^COMPREHENSIVE METABOLIC PANEL^CPT4|||202612070715';
const TSH = 'OBR|3|||84443^TSH^CPT4|||202612070715';
const orm = (control: string, orc: string, obrs: string[]) =>
  convert([`MSH|^~\\&|MEDITECH|MVH|HIG|RMHIE|20261207083012-0800||ORM^O01|${control}|P|2.3`, ...MENDEZ, orc, ...obrs]);
const NEW_ORDER = 'ORC|NW|MV55001^MVH||||SC|^^^202612070700^^R||202612070644|||NGO.DAV^NGO^DAVID^^^^MD';
const CANCEL = 'ORC|OC|MV55001^MVH|||CA||||202612070830';
const cmpOf = (entries: Entry[]) =>
  of(entries, 'ServiceRequest').find((e) => JSON.stringify(e.resource?.code).includes('"code":"80053"'));


// #17/#18's vancomycin order for TORRES (Epic Willow RDE, then the dispense)
const RXD = 'RXD|1|1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|20261207093000|1|BAG^bag^L||RX4401-1';
function pharmacy(type: string, control: string, orderControl: string, placer: string, rest: string[]): Entry[] {
  return convert([
    `MSH|^~\\&|EPICRX|PMC|HIG|RMHIE|20261207093500-0700||${type}|${control}|P|2.5.1`,
    'PID|1||E4410087^^^PMC&2.16.840.1.113883.3.9021.1&ISO^MR||TORRES^GABRIEL^LUIS^^^^L||19590223|M',
    `ORC|${orderControl}|${placer}|PMC-RX4401^EPICRX||IP||||20261207091000`,
    'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM',
    ...rest,
    'RXR|IV^Intravenous^HL70162',
  ]);
}

/**
 * True when a later message's MedicationRequest entry lands on the order `placed` PUT: at its URL (a
 * PUT), or by a conditional create whose `ifNoneExist` search (FHIR R4 search: `identifier=[system|]value`,
 * `subject=Patient/<id>`) matches the placed resource, whose subject is the `urn:uuid:<id>` of that Patient.
 */
function reachesOrder(entry: Entry | undefined, placed: Entry | undefined): boolean {
  const request = entry?.request as { method?: string; url?: string; ifNoneExist?: string } | undefined;
  if (request?.method === 'PUT') return request.url === placed?.request?.url;
  if (request?.method !== 'POST' || request.ifNoneExist === undefined) return false;
  const ids = (placed?.resource?.identifier ?? []) as { system?: string; value?: string }[];
  const subject = (placed?.resource?.subject as { reference?: string } | undefined)?.reference;
  return [...new URLSearchParams(request.ifNoneExist).entries()].every(([name, value]) => {
    if (name === 'subject') return subject === `urn:uuid:${value.replace(/^Patient\//, '')}`;
    if (name === 'code') {
      // an order event sent with its OBR is searched by its OBR-4 too (fix23, identity.ts orderEventTestSearch)
      const [codeSystem, code] = value.includes('|') ? value.split('|') : [undefined, value];
      const codings = ((placed?.resource?.code as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? []);
      return codings.some((c) => c.code === code && (codeSystem === undefined || (codeSystem === '' ? c.system === undefined : c.system === codeSystem)));
    }
    // the scheduler's request of a booking left out (review 36 R36-W2): the placed order carries no such tag
    if (name === '_tag:not') return !JSON.stringify((placed?.resource?.meta as { tag?: unknown } | undefined)?.tag ?? []).includes(`"code":"${value.split('|')[1] ?? ''}"`);
    if (name !== 'identifier') return false;
    const [system, number] = value.includes('|') ? value.split('|') : [undefined, value];
    // FHIR R4 token: `|value` is the value with no system, `value` any system (search.html#token)
    return ids.some((id) => id.value === number && (system === undefined || (system === '' ? id.system === undefined : id.system === system)));
  });
}

describe('review 18 wrong data', () => {
  // R18-W1. #05 (ADT^A05 pre-admission, Meditech 2.3, MSH-7 2026-12-06 10:15-08:00): PR1 `27447^Total knee
  // arthroplasty` with PR1-5 2026-12-09 07:30, the operation the patient is pre-admitted for (the A38 of #06
  // then cancels the pre-admission). hig states Procedure.status `completed` (segments/clinical.ts mapPr1,
  // unconditional) with performedDateTime three days after the message: the receiver's chart shows a knee
  // replacement that has not happened (and that #06 called off). [IG PR1[Procedure] #0: status "depends on
  // the message context … If not clear, use unknown"]; FHIR event-status `completed` = "The event has now
  // concluded", `preparation` = "The core event has not started yet". An A05/A14 (planned visit) is the
  // context that says the procedure is not done; `unknown` is what the IG gives when the context is unclear.
  it('R18-W1 [IG PR1[Procedure] #0] a PR1 in a pre-admission (A05) is not stated completed', () => {
    const procedure = of(adtWithProcedure('A05', 'ADT_A05', 'MVH.A05.0098812'), 'Procedure')[0]?.resource;
    expect(procedure).toBeDefined();
    expect(procedure?.performedDateTime).toBe('2026-12-09T07:30:00-08:00');
    expect(procedure?.status).not.toBe('completed');
  });

  // control: the same PR1 in a discharge (A03), timed during the stay (PR1-5 before MSH-7), is a procedure
  // done: `completed` stays. (fix18c: the control sent the A05's PR1-5 of 12-09, three days after the
  // discharge's MSH-7 of 12-06, which cannot have been done during that stay; the review's text says "an
  // A01/A03/A08 of a past PR1-5 keeps completed", so the control now sends a past PR1-5.)
  it('R18-W1 control: a PR1 in a discharge (A03) is a completed Procedure', () => {
    const procedure = of(adtWithProcedure('A03', 'ADT_A03', 'MVH.A03.0098999', KNEE_PR1.replace('202612090730', '202612040730')), 'Procedure')[0]?.resource;
    expect(procedure?.status).toBe('completed');
    expect(procedure?.code).toBeDefined();
  });

  // R18-W2. #10 → #11 (Meditech 2.3 ORM^O01): #10 sends one ORC NW (ORC-2 `MV55001^MVH`) with three OBRs
  // (CBC, CMP, TSH) that carry no OBR-2, so each takes the ORC's number [IG OBR[ServiceRequest] #2 / ORC
  // #2 IF OBR-2 NOT VALUED]; hig keys each by number + OBR-4 (three tests share the number). #11 is the lab
  // cancelling the CMP alone (ORC-1 OC, ORC-5 CA, the one OBR 80053), as Meditech sends a cancel of one test.
  // With one OBR carrying the number hig keys the request by the number alone (order.ts requestKey, the
  // "number alone when no other OBR of the message carries it" rule; R17-I1's subset instability), so the
  // cancel PUTs `revoked` to a new ServiceRequest and #10's CMP stays `active` on the server: the receiver
  // still expects a CMP the lab has cancelled. [IG ORM_O01 4.2.1.1: one ServiceRequest per OBR; ORC-5 CA
  // via OrderStatus → revoked; hig identity, DESIGN invariant 8]
  it('R18-W2 [IG ORM_O01 4.2.1.1, OrderStatus CA; hig identity] a test cancelled alone revokes the ServiceRequest its order made', () => {
    const placed = cmpOf(orm('MVH.ORM.0044101', NEW_ORDER, [CBC, CMP, TSH]));
    const cancelled = cmpOf(orm('MVH.ORM.0044177', CANCEL, [CMP.replace('OBR|2|', 'OBR|1|')]));
    expect(placed?.resource?.status).toBe('active');
    expect(cancelled?.resource?.status).toBe('revoked');
    // since fix23 (R22-D1) a cancel sent with its OBR is no PUT: a conditional create + patch whose
    // search (number + OBR-4) finds the order the NW placed (reachesOrder)
    expect(reachesOrder(cancelled, placed)).toBe(true);
  });

  // control: the whole order cancelled (all three OBRs after the OC) reaches the CMP the order made
  it('R18-W2 control: the order cancelled with all its tests revokes the same ServiceRequest', () => {
    const placed = cmpOf(orm('MVH.ORM.0044101', NEW_ORDER, [CBC, CMP, TSH]));
    const cancelled = cmpOf(orm('MVH.ORM.0044178', CANCEL, [CBC, CMP, TSH]));
    expect(cancelled?.resource?.status).toBe('revoked');
    expect(reachesOrder(cancelled, placed)).toBe(true);
  });

  // R18-I1 (beside the sample: #18 as a dispensing system sends it, ORC-2 empty, ORC-3 the pharmacy's number
  // `PMC-RX4401^EPICRX`). #17's RDE carries both numbers and hig keys the MedicationRequest by the placer
  // number (docs/mapping.md "Resource identity": placer ORC-2, else filler ORC-3). The RDS without ORC-2 is
  // keyed by the filler number: a second MedicationRequest for the one vancomycin order (`active`, without
  // the RDE's timing), and the MedicationDispense's authorizingPrescription names it, not the order the RDE
  // made. [IG ORC[MedicationRequest]: ORC-2/ORC-3 are identifiers of one order; hig identity, DESIGN
  // invariant 8; the subset instability of R16-I1/R17-I1, here on a pharmacy order]
  // Fixed by medref18 (`it` since): in RDS/RAS the MedicationRequest is a conditional create searched by
  // the number the message has (order.ts placedOrderRequest), so "reaches" is a PUT at the RDE's URL or a
  // search that finds the RDE's MedicationRequest (reachesOrder); the controls hold either way.
  it('R18-I1 [hig identity] a dispense naming the order by its filler number alone reaches the MedicationRequest the RDE made', () => {
    const placed = of(pharmacy('RDE^O11^RDE_O11', 'PMCRX-330112', 'NW', 'PMC-RX4401^EPIC', []), 'MedicationRequest')[0];
    const dispensed = pharmacy('RDS^O13^RDS_O13', 'PMCRX-330140', 'RE', '', [RXD]);
    expect(placed?.request?.url).toBeDefined();
    const order = of(dispensed, 'MedicationRequest')[0];
    expect(reachesOrder(order, placed)).toBe(true);
    // (fix medref18) and does not replace it: a full PUT would wipe what only the RDE said (its timing)
    expect(order?.request?.method).toBe('POST');
    expect(of(dispensed, 'MedicationDispense')[0]?.resource?.authorizingPrescription).toEqual([{ reference: order?.fullUrl }]);
  });

  // control: the dispense with both numbers (as #18 sends it) reaches the RDE's MedicationRequest
  it('R18-I1 control: a dispense naming both numbers reaches the RDE\'s MedicationRequest', () => {
    const placed = of(pharmacy('RDE^O11^RDE_O11', 'PMCRX-330112', 'NW', 'PMC-RX4401^EPIC', []), 'MedicationRequest')[0];
    const dispensed = pharmacy('RDS^O13^RDS_O13', 'PMCRX-330140', 'RE', 'PMC-RX4401^EPIC', [RXD]);
    expect(reachesOrder(of(dispensed, 'MedicationRequest')[0], placed)).toBe(true);
    expect(JSON.stringify(of(dispensed, 'MedicationDispense')[0]?.resource?.authorizingPrescription)).toBeDefined();
  });
});
