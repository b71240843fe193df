/**
 * Review 36 (issue 14, branch review36 on main 7de7ac4): defects found in a fresh synthetic sample of 24
 * imaging, cardiology and device messages of a Kolkata (+0530) and a Kathmandu (+0545) hospital
 * (docs/review36/messages/, docs/mapping-review-36.md). Each defect is `it.fails` so CI stays green (the lead flips
 * it to `it` when fixed); each has a control that passes today. Expected values come from the message, the IG rows
 * named, hig's own documented rules (docs/mapping.md) and FHIR's element definitions, not from hig's output.
 * test/review36/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review36/defects.test.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { deliverSample } from '../support/review-delivery.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review36/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir)).toString('latin1');
const entries = (message: string) => convertHl7v2(message).bundle.entry as Entry[];
const text = (x: unknown) => JSON.stringify(x ?? null);
const documentOf = (message: string) => entries(message).find((e) => e.resource?.resourceType === 'DocumentReference')?.resource;

/** What the in-repo FHIR server holds after the sample's messages `numbers`, in that order. */
async function deliverPart(numbers: string[]) {
  const part = mkdtempSync(join(tmpdir(), 'review36-'));
  for (const n of numbers) writeFileSync(join(part, file(n)), sample(n), 'latin1');
  const delivered = await deliverSample(pathToFileURL(`${part}/`));
  const held = delivered.held('ServiceRequest');
  await delivered.close();
  rmSync(part, { recursive: true, force: true });
  return { failures: delivered.failures, requests: held };
}
/** The scheduler's request (SIU SCH-26 → a ServiceRequest of the appointment, mapping.md "Resource identity"). */
const schedulerRequest = (requests: Json[]) => requests.find((r) => r.authoredOn === undefined && text(r.identifier).includes('"value":"NIR36-0004"'));
const placedOrder = (requests: Json[]) => requests.find((r) => r.authoredOn !== undefined && text(r.identifier).includes('"value":"NIR36-0004"'));

describe('review 36: a date-only TXA-6 becomes an invented midnight instant (R36-W1)', () => {
  // #19 (PATRA-DMS MDM^T02 2.5, Kathmandu): TXA-6 `20270128`, the outside clinic's report date, no time. The IG row
  // TXA[DocumentReference] #6 maps TXA-6 → date only "If time is included" (a date-only value: the R6 extension,
  // no R4 target); mapping.md's own TXA row says "TXA-6 origination (with a time) → date". hig writes
  // `2027-01-28T00:00:00+05:45` (context.ts instant → time.ts toInstant pads a date to midnight in the zone): a time
  // of day nobody sent, which is 27 Jan 18:15 UTC — a viewer or a `date=` search in UTC shows the scan a day early.
  // Fixed (fixtime27): a date-only TXA-6 leaves DocumentReference.date unset and the report says why.
  it('R36-W1 [IG TXA[DocumentReference] #6 "If time is included"] #19\'s DocumentReference.date carries no invented midnight', () => {
    const doc = documentOf(sample('19'));
    expect(doc).toBeDefined();
    expect(String(doc?.date ?? '')).not.toMatch(/T00:00:00/);
  });
  it('R36-W1 control: the same TXA-6 with its time (`202701281130`) is the document date, in the sender\'s +0545', () => {
    const withTime = sample('19').replace('|20270128|', '|202701281130|');
    expect(documentOf(withTime)?.date).toBe('2027-01-28T11:30:00+05:45');
  });
});

describe('review 36: an order cancel patches the scheduler\'s request too, with the order\'s old slot (R36-W2)', () => {
  // #04 (NIRMAN OMG^O19 2.5.1) places the US abdomen NIR36-0004 (TQ1-7 12 Feb 09:00); #05/#12/#18 (DRISHTI-SCHED
  // SIU S12/S13/S14, SCH-26 NIR36-0004) book, move and lengthen its slot: 13 Feb 10:30–11:15 +0530. hig keeps the
  // scheduler's ServiceRequest apart from the order on purpose (mapping.md "Resource identity", ServiceRequest of an
  // AIS: "never the URL of the order an ORM/OML placed under that number", code review 16 CR16-1). #22 (OMG ORC-1 CA)
  // is an order event searched by PLAC + OBR-4, which both hold: the destination patches every match
  // (order-events.ts BY_MATCH), so the cancel writes the order's requested time (12 Feb 09:00, no end), requester,
  // reasons and extensions over the scheduler's request. At the server, until an S15 comes (a RIS told of a cancel
  // need not send one), the booked slot request says 12 Feb 09:00. [IG SCH[ServiceRequest]/AIS[ServiceRequest]: the
  // scheduler's request's times are the booking's (SIU_S12 map); ORC[ServiceRequest] #1/#5 act on the order placed]
  it('R36-W2 [IG ORC[ServiceRequest] #1 CA; SIU_S12 AIS → ServiceRequest; mapping.md ServiceRequest of an AIS] after #04 #05 #12 #18 #22 the scheduler\'s request still holds the booked 13 Feb 10:30–11:15', async () => {
    const { failures, requests } = await deliverPart(['04', '05', '12', '18', '22']);
    expect(failures).toEqual([]);
    expect(placedOrder(requests)?.status).toBe('revoked');
    expect(schedulerRequest(requests)?.occurrencePeriod).toEqual({ start: '2027-02-13T10:30:00+05:30', end: '2027-02-13T11:15:00+05:30' });
  }, 60_000);
  it('R36-W2 control: before the cancel (#04 #05 #12 #18) the scheduler\'s request holds the booked slot and the order its own 12 Feb 09:00', async () => {
    const { failures, requests } = await deliverPart(['04', '05', '12', '18']);
    expect(failures).toEqual([]);
    expect(schedulerRequest(requests)?.occurrencePeriod).toEqual({ start: '2027-02-13T10:30:00+05:30', end: '2027-02-13T11:15:00+05:30' });
    expect(placedOrder(requests)?.occurrencePeriod).toEqual({ start: '2027-02-12T09:00:00+05:30' });
    expect(placedOrder(requests)?.status).toBe('active');
  }, 60_000);
});
