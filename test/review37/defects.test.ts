/**
 * Review 37 (issue 14, branch review37 on main d3b1b26): defects found in a fresh synthetic sample of 24 messages
 * of one emergency-department night across the America/Denver spring-forward (14 March 2027, 02:00 MST → 03:00 MDT)
 * (docs/review37/messages/, docs/mapping-review-37.md). Each defect is `it.fails` so CI stays green (the lead flips
 * it to `it` when fixed); each has a control that passes today. Expected values come from the message, the IG rows
 * named, hig's own documented rules (docs/mapping.md) and FHIR's element definitions, not from hig's output.
 * test/review37/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review37/defects.test.ts
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

const dir = new URL('../../docs/review37/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const sample = (n: string) => readFileSync(new URL(file(n), dir)).toString('latin1');
const denver = { timezone: 'America/Denver' };
const entries = (message: string) => convertHl7v2(message, denver).bundle.entry as Entry[];
const text = (x: unknown) => JSON.stringify(x ?? null);
const encounterOf = (message: string) => entries(message).find((e) => e.resource?.resourceType === 'Encounter')?.resource;

/** What the in-repo FHIR server holds after the messages given (name → text), in that order (default options:
 * identity does not depend on the zone). */
async function deliverPart(messages: [string, string][]) {
  const part = mkdtempSync(join(tmpdir(), 'review37-'));
  for (const [name, body] of messages) writeFileSync(join(part, name), body, 'latin1');
  const delivered = await deliverSample(pathToFileURL(`${part}/`));
  const held = { Encounter: delivered.byIdentifier('Encounter', 'CMV3799017E'), ServiceRequest: delivered.held('ServiceRequest') };
  await delivered.close();
  rmSync(part, { recursive: true, force: true });
  return { failures: delivered.failures, ...held };
}
const as = (n: string, body = sample(n)): [string, string] => [file(n), body];
const byPlacer = (requests: Json[], placer: string) => requests.filter((r) => text(r.identifier).includes(`"value":"${placer}"`));

describe('review 37: after an A40 merge, the survivor\'s result lands on a second visit and a second order (R37-W1)', () => {
  // #03 registers the unidentified trauma patient DOE, JOHN (CM3799017, visit CMV3799017E); #04 orders the urine drug
  // screen SUM37-0022 on that visit; #15 (A40) merges CM3799017 into his real MRN CM3700389; #18 (LIS ORU) results
  // SUM37-0022 under the real MRN and the same visit number. mapping.md "Resource identity": "Order, visit and account
  // numbers are **not** scoped" (one visit, one order per number), and after a merge a resource "is moved by its
  // subject reference (the Patient link)". But #18's Encounter and ServiceRequest are conditional creates searched by
  // number **and** `subject=Patient/<survivor>`: the registration's visit and the order are the retired record's, so
  // the server creates a second Encounter CMV3799017E (status unknown) and a second SUM37-0022 (completed), and the
  // ED's order stays `active` for ever. [IG PV1[Encounter] #19 → identifier; ORC[ServiceRequest] #2 / OBR #2 →
  // identifier PLAC; ORU_R01 → one ServiceRequest per OBR; FHIR Patient.link replaced-by]
  it('R37-W1 [IG PV1[Encounter] #19; ORC[ServiceRequest] #2, #5 CM → completed] after #03 #04 #15 #18 the server holds one visit CMV3799017E and one order SUM37-0022, completed', async () => {
    const held = await deliverPart([as('03'), as('04'), as('15'), as('18')]);
    expect(held.failures).toEqual([]);
    expect(held.Encounter).toHaveLength(1);
    const orders = byPlacer(held.ServiceRequest, 'SUM37-0022');
    expect(orders.map((r) => r.status)).toEqual(['completed']);
  }, 60_000);
  it('R37-W1 control: the same result sent under the trauma MRN (a LIS that had not heard of the merge) lands on the one visit and completes the one order', async () => {
    const underDoe = sample('18').replace(/PID\|[^\r]*/, sample('03').split('\r').find((s) => s.startsWith('PID|')) ?? '');
    expect(underDoe).toContain('CM3799017^^^CMCH^MR');
    const held = await deliverPart([as('03'), as('04'), as('18', underDoe)]);
    expect(held.failures).toEqual([]);
    expect(held.Encounter).toHaveLength(1);
    expect(byPlacer(held.ServiceRequest, 'SUM37-0022').map((r) => r.status)).toEqual(['completed']);
  }, 60_000);
});

describe('review 37: an ORM XO that changes the test leaves the old test active beside a second order (R37-W2)', () => {
  // #04 orders CT head SUM37-0021 (OBR-4 CTHEADWO); #13 (ORM ORC-1 XO, "change order/service request", v2 table 0119)
  // changes the same order SUM37-0021 into CT head + cervical spine (OBR-4 CTHDCSPWO). The order event is searched
  // by placer number + OBR-4 (mapping.md "Resource identity", order events): the new code finds nothing, so the server
  // holds two orders SUM37-0021: the CT head alone still `active` (nothing says it changed) and the new one `unknown`.
  // [IG ORC[ServiceRequest] #1 XO, #2 → identifier PLAC (one order per placer number); OBR[ServiceRequest] #4 → code]
  it('R37-W2 [IG ORC[ServiceRequest] #1 XO, #2; OBR[ServiceRequest] #4] after #03 #04 #13 the server holds one order SUM37-0021, coded CT head + C-spine', async () => {
    const held = await deliverPart([as('03'), as('04'), as('13')]);
    expect(held.failures).toEqual([]);
    const orders = byPlacer(held.ServiceRequest, 'SUM37-0021');
    expect(orders).toHaveLength(1);
    expect(text(orders[0]?.code)).toContain('CTHDCSPWO');
  }, 60_000);
  it('R37-W2 control: an XO that keeps the test (CT head, now with the C-spine note only) changes the one order', async () => {
    const sameTest = sample('13').replace('CTHDCSPWO^CT head and cervical spine without contrast^SUMMIT', 'CTHEADWO^CT head without contrast^SUMMIT^30799-1^CT Head WO contrast^LN');
    const held = await deliverPart([as('03'), as('04'), as('13', sameTest)]);
    expect(held.failures).toEqual([]);
    const orders = byPlacer(held.ServiceRequest, 'SUM37-0021');
    expect(orders).toHaveLength(1);
    expect(text(orders[0]?.extension)).toContain('add C-spine per trauma attending');
  }, 60_000);
});

describe('review 37: a bare time in the skipped hour is placed after the message that reports it (R37-W3)', () => {
  // #17 (TRAILHEAD ADT^A03 2.5.1, channel zone America/Denver): MSH-7 `20270314033800-0600` (03:38 MDT: the sender's
  // clock has moved), EVN-2 `202703140337`, PV1-45 `202703140255` (a clock time America/Denver skips). hig reads every
  // skipped-hour time at the offset before the change (mapping.md "Hours a zone repeats or skips": "a clock not yet
  // moved forward"), so period.end is 02:55-07:00 = 03:55 MDT: 17 minutes after the message announcing the discharge
  // was sent and 18 after the event was recorded. The message's own MSH-7 says the clock had moved; the one reading
  // of 02:55 consistent with it is -06:00 (01:55 MST) — as hig already lets MSH-7's offset pick the pass of a repeated
  // hour. [IG PV1[Encounter] #45 → period.end; DTM[dateTime] DTM.1 "convert v2 date time format to FHIR"; FHIR
  // dateTime: the offset is part of the value]
  it('R37-W3 [IG PV1[Encounter] #45; DTM[dateTime] #1] #17\'s period.end is no later than the message (MSH-7 03:38 MDT)', () => {
    const end = String((encounterOf(sample('17'))?.period as Json | undefined)?.end);
    expect(Date.parse(end)).toBeLessThanOrEqual(Date.parse('2027-03-14T03:38:00-06:00'));
  });
  it('R37-W3 control: the same message\'s PV1-44 before the change (`202703140141`) takes MST, the zone\'s offset for its instant', () => {
    expect((encounterOf(sample('17'))?.period as Json | undefined)?.start).toBe('2027-03-14T01:41:00-07:00');
  });
});
