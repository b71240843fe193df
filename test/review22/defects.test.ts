/**
 * Review 22 (issue 14, branch review22 on main cd550b0): defects found in a fresh synthetic sample of 24
 * feed-style messages (docs/review22/messages/, docs/mapping-review-22.md). Each defect is `it.fails` so CI
 * stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected values
 * come from the message, the IG rows named and FHIR's element definitions, not from hig's output.
 *
 *   npx vitest run test/review22/defects.test.ts
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: { method?: string; url?: string } };

const sample = (name: string) => readFileSync(new URL(`../../docs/review22/messages/${name}`, import.meta.url)).toString('latin1');
const of = (message: string, type: string) =>
  (convertHl7v2(message).bundle.entry as Entry[]).filter((e) => e.resource?.resourceType === type).map((e) => e.resource as Json);
const texts = (message: string) =>
  ((convertHl7v2(message).report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');

type Dosage = { sequence?: number; text?: string; asNeededBoolean?: boolean; route?: { coding?: { code?: string }[] };
  timing?: { code?: { coding?: { code?: string }[] } }; doseAndRate?: { doseQuantity?: { value?: number; code?: string } }[] };
const dosages = () => (of(sample('17-rde-prn-and-scheduled.hl7'), 'MedicationRequest')[0]?.dosageInstruction ?? []) as Dosage[];

describe('review 22 silent losses', () => {
  // R22-L1. #17 (Cerner RDE^O11 2.5.1): acetaminophen 650 mg PO, TQ1 #1 Q6H routine and TQ1 #2 Q4H PRN
  // "for temp > 38.5 C"; RXE-7 give instructions `^Max 3 g per 24 h` is the order's (v2.5.1 4A.4.1 RXE-7
  // "Provider's Administration Instructions" of the give, not of one timing). Each TQ1 is a dosageInstruction
  // [IG TQ1[MedicationRequest]] and since review 18 the order's route, site, method, device and dose reach every
  // one (medication-timing.ts shareOrderDosage), but RXE-7's text is written on the first only
  // (pharmacy.ts mapRxe: appendDosageText(firstDosage(mr))): the PRN instruction, a complete sig to a receiving
  // EHR, loses the 3 g daily ceiling, and no report line says so (the text is in the Bundle once, so the
  // presence sweep cannot see it). [hig: RXE-7 → dosageInstruction.text (IG RXO[MedicationRequest] #7, applied to
  // RXE-7, has no target); IG TQ1[MedicationRequest]: one instruction per TQ1]
  it('R22-L1 [hig: RXE-7 → dosageInstruction.text; IG TQ1[MedicationRequest]] the PRN instruction keeps the order\'s give instructions', () => {
    const prn = dosages().find((d) => d.asNeededBoolean === true);
    expect(prn?.text ?? '').toContain('Max 3 g per 24 h');
  });
  it('R22-L1 control: two instructions (Q6H, Q4H PRN), the first with RXE-7, both with the order\'s route and 650 mg', () => {
    const d = dosages();
    expect(d.map((x) => x.timing?.code?.coding?.[0]?.code)).toEqual(['Q6H', 'Q4H']);
    expect(d[0]?.text).toContain('Max 3 g per 24 h');
    expect(d[1]?.asNeededBoolean).toBe(true);
    for (const x of d) {
      expect(x.route?.coding?.[0]?.code).toBe('PO');
      expect(x.doseAndRate?.[0]?.doseQuantity).toMatchObject({ value: 650, code: 'mg' });
    }
  });

  // R22-L2. #22 (Epic MDM^T02 2.6): TXA-4 activity date/time 20261208150000-0800 (when the summary was
  // dictated/signed, beside TXA-6 origination 14:30). The IG row TXA[DocumentReference] #4 has no target, and
  // documents.ts says so in a comment, but the field is neither in the Bundle (DocumentReference, Provenance) nor
  // a report line: hig's own rule is that every valued field is mapped or reported (TXA-5 beside it is reported).
  // [IG TXA[DocumentReference] #4 (no target): a (b) field, dropped silently; documents.ts mapTxa]
  it('R22-L2 [IG TXA[DocumentReference] #4] TXA-4 is in the Bundle or named by a report line', () => {
    const m = sample('22-mdm-t02-discharge-summary.hl7');
    const inBundle = JSON.stringify(convertHl7v2(m).bundle).includes('2026-12-08T15:00:00-08:00');
    expect(inBundle || texts(m).some((t) => t.startsWith('TXA-4'))).toBe(true);
  });
  it('R22-L2 control: TXA-6 is DocumentReference.date and TXA-5 (no IG target either) is reported', () => {
    const m = sample('22-mdm-t02-discharge-summary.hl7');
    expect(of(m, 'DocumentReference')[0]?.date).toBe('2026-12-08T14:30:00-08:00');
    expect(texts(m).some((t) => t.startsWith('TXA-5'))).toBe(true);
  });
});

/** What a server holds after `messages` in order: one entry per PUT URL, the later replacing the earlier (FHIR PUT). */
function storedAfter(...messages: string[]): Json[] {
  const byUrl = new Map<string, Json>();
  for (const m of messages) for (const e of convertHl7v2(m).bundle.entry as Entry[]) if (e.request?.method === 'PUT' && e.resource) byUrl.set(e.request.url ?? '', e.resource);
  return [...byUrl.values()];
}
const tsh = (stored: Json[]) =>
  stored.find((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier).includes('"value":"KB94-7701"'));

describe('review 22 loss at the destination', () => {
  // R22-D1. #09 (Meditech ORM^O01 2.3) places TSH/FT4/B12 under one ORC: ORC-12 orderer, ORC-9 entered,
  // ORC-7 routine at 10:00. #11 (the lab's ORM^O01 2.4 ORC-1 SC, ORC-5 IP, with the TSH's OBR-2/3/4/7/25 and
  // no ORC-12 or TQ) is a status change. An ORC-only status event patches `status` by search (patch.ts
  // orderEventEntries), but an SC *with* its OBR is a full PUT to the order's id (docs/mapping.md "Explicit null
  // and empties": orders are records "whose every message carries the whole record"), so after #11 the server's
  // TSH order has lost its requester, authoredOn, occurrence and priority; no report line says so. [IG
  // ORC[ServiceRequest] #12 → requester, #9 IF NW → authoredOn, ORC-7/TQ1 → occurrence/priority; #1 SC and #5 IP
  // via OrderStatus → status (what #11 says)]
  // Fixed by fix23 (`it` since): the SC with its OBR is a conditional create + patch searched by number + OBR-4
  // (order.ts testEventRequest), no PUT, so the PUTs replayed here leave #09's order; delivered to the test FHIR
  // server in test/destinations/order-status-event.test.ts.
  it('R22-D1 [IG ORC[ServiceRequest] #12, #5] after the SC with its OBR the held TSH order keeps its orderer and priority', () => {
    const held = tsh(storedAfter(sample('09-orm-three-obr.hl7'), sample('11-orm-sc-in-process.hl7')));
    expect(held?.status).toBe('active');
    expect(held?.requester).toBeDefined();
    expect(held?.priority).toBe('routine');
  });
  it('R22-D1 control: #09 alone holds the orderer, priority and time; #11 names the same order (one identity)', () => {
    const placed = tsh(storedAfter(sample('09-orm-three-obr.hl7')));
    expect(placed).toMatchObject({ priority: 'routine', authoredOn: '2026-12-08T09:15:00-06:00', occurrencePeriod: { start: '2026-12-08T10:00:00-06:00' } }); // a start alone: R28-L1's fix
    expect((placed?.requester as { display?: string } | undefined)?.display).toBe('ANI PETROSYAN');
    const event = (convertHl7v2(sample('11-orm-sc-in-process.hl7')).bundle.entry as (Entry & { fullUrl?: string })[]).find((e) => e.resource?.resourceType === 'ServiceRequest');
    expect(event?.fullUrl).toBe(`urn:uuid:${String(placed?.id)}`);
  });
});
