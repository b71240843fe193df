/**
 * Review 19 (issue 14, branch review19 on main edb9af8): messages of the sample the receiver never gets
 * (docs/mapping-review-19.md, "Refused"). `it.fails` cases stay green until fixed; each has a control.
 *
 *   npx vitest run test/review19/refused.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { type Entry, found, searches } from '../support/order-search.js';

type Json = Record<string, unknown>;

const sample = (name: string) => readFileSync(new URL(`../../docs/review19/messages/${name}`, import.meta.url));
const entriesOf = (message: Buffer | string): Entry[] => convertHl7v2(message).bundle.entry as Entry[];



describe('review 19 refused', () => {
  // R19-R1. #09 (Cerner ORM^O01 2.3) places one order LKS5530187 with two OBRs (lipid panel, HbA1c), both
  // carrying the number in OBR-2, as Cerner and Meditech send them; #10 is the same system's ORC-only SC/IP when
  // the specimen is collected (ORC-2 the number, ORC-3 the LIS accession, no OBR). hig makes it a conditional
  // create (ifNoneExist) and a PATCH of status by `identifier=LKS5530187&subject=Patient/<id>`: both searches
  // find the two ServiceRequests #09 stored, and FHIR R4 http.html#ccreate / #patch answer "multiple matches"
  // with 412, so the transaction fails (checked by hand against test/support/fhir-server.ts: HTTP 412
  // duplicate, DESTINATION_REJECTED, a permanent error: dead-lettered at once) and the message's Patient and
  // Encounter updates are lost with it. Every specimen collection of a multi-test order does this. Documented:
  // docs/mapping.md "Known gaps", the ORC-only order event's gap (2). [IG ORC[ServiceRequest] #1, #5 via
  // OrderStatus IP → active]; code: patch.ts orderEventEntries, identity.ts orderEventKey.
  // Since review 19 (R19-R1 fixed): a status change that leaves the order active (SC with ORC-5 IP: the
  // specimen collected) patches no status. Until 2026-12-06 it was not sent at all, so the LIS accession (ORC-3)
  // never reached the order (review 19 #10's remaining (a) loss); since then it is sent to add that number, its
  // entries marked as order-event entries, which the FHIR destination expands to each test of the number
  // (expand21, order-events.ts; delivered: test/destinations/order-sc-numbers.test.ts). A cancel is still sent.
  it('R19-R1 [IG ORC[ServiceRequest] #5 IP → active, #3] the SC/IP of a two-test order patches no status, only adds ORC-3, in marked entries; the message\'s Patient still goes', () => {
    const { bundle, report } = convertHl7v2(sample('10-orm-o01-sc-only.hl7'));
    const event = (bundle.entry as Entry[]).filter((e) => e.request?.url?.startsWith('ServiceRequest'));
    expect(event.map((e) => e.request?.method)).toEqual(['POST', 'PATCH']);
    for (const e of event) expect(JSON.stringify((e as { extension?: unknown }).extension)).toContain('order-event-entry');
    const patch = JSON.stringify(event[1]?.resource);
    expect(patch).not.toContain('status');
    expect(patch).toContain('SQ26-0342118');
    expect((bundle.entry as Entry[]).some((e) => e.resource?.resourceType === 'Patient')).toBe(true);
    const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
    expect(lines.some((l) => l.startsWith('ORC-5 (segment 4): a status change without its OBR that leaves the order active'))).toBe(true);
  });

  // Control: the same system's ORC-only cancel of the one-test order is sent and finds exactly that ServiceRequest.
  it('R19-R1 control: the CA of a one-test order finds its one ServiceRequest', () => {
    const oneTest = sample('09-orm-o01-two-obr.hl7').toString('latin1').split('\r').filter((s) => s !== '').slice(0, 6).join('\r');
    expect(oneTest).not.toContain('83036');
    const stored = entriesOf(oneTest);
    const cancel = sample('10-orm-o01-sc-only.hl7').toString('latin1').replace('ORC|SC|', 'ORC|CA|').replace('||IP||', '||CA||');
    const queries = searches(entriesOf(cancel));
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) expect(found(stored, q)).toHaveLength(1);
  });

  // R19-R2. #20 (Cerner PharmNet RGV^O15 2.5): the give instruction of #19's enoxaparin order (ORC, TQ1, RXG,
  // RXR) is refused whole (UNSUPPORTED_EVENT): RGV is in no row of docs/mapping.md "Supported events" and falls
  // under "every other event is refused". The IG has no RGV_O15 map; its order is the MedicationRequest
  // that the RDS of the same order (#19) makes from ORC/TQ1/RXE, and RXG carries the same give code, amount and
  // units. Beside the sample: MDM^T08 (edit notification and content, structure MDM_T02, as T02/T06/T10) is
  // refused the same way.
  // Fixed (fix32a): RGV_O15 is structured and each RXG is a MedicationRequest of intent instance-order basedOn the
  // order (named by its number: the conditional create + status patch of an RDS); docs/mapping.md "Pharmacy" RXG rows
  // [hig: no RGV_O15 / RXG map in the IG corpus; FHIR R4 request-intent instance-order].
  it('R19-R2 a pharmacy give (RGV^O15) is converted, not refused: the 40 mg SC give based on order LKS-RX-889120', () => {
    const entries = entriesOf(sample('20-rgv-o15-enoxaparin.hl7'));
    const requests = entries.filter((e) => e.resource?.resourceType === 'MedicationRequest');
    const order = requests.find((e) => e.resource?.intent === 'order') as Entry & { fullUrl?: string };
    expect(order.request?.method).toBe('POST');
    const give = requests.find((e) => e.resource?.intent === 'instance-order')?.resource as Json;
    expect(give.basedOn).toEqual([{ reference: order.fullUrl }]);
    // RXG-5/7 40 mg, the GIVE's RXR SC → v3 SQ + v2-0162 SC, RXG-9 "Rotate injection sites"
    const dosage = (give.dosageInstruction as Json[])[0] as Json;
    expect(dosage.doseAndRate).toEqual([{ doseQuantity: { value: 40, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' } }]);
    expect(JSON.stringify(dosage.route)).toContain('"code":"SC"');
    expect(dosage.text).toBe('Rotate injection sites');
  });
  it('R19-R2 beside the sample: MDM^T08 (MDM_T02 structure) is converted as T02 is', () => {
    const t08 = sample('24-mdm-t02-dc-summary.hl7').toString('latin1').replace('MDM^T02^MDM_T02', 'MDM^T08^MDM_T02').replace('EVN|T02', 'EVN|T08');
    expect(() => entriesOf(t08)).not.toThrow();
  });

  // Controls: the RDS of the same order and the T02 of the same document convert.
  it('R19-R2 controls: RDS^O13 of the order and the T02 of the document convert', () => {
    const rds = entriesOf(sample('19-rds-o13-enoxaparin.hl7'));
    expect(rds.some((e) => e.resource?.resourceType === 'MedicationRequest')).toBe(true);
    const t02 = entriesOf(sample('24-mdm-t02-dc-summary.hl7'));
    expect(t02.some((e) => e.resource?.resourceType === 'DocumentReference')).toBe(true);
  });
});
