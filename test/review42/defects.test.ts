/**
 * Review 42 (issue 14, branch review42 on main 25fed10): defects found in a fresh synthetic sample of 24 messages of an
 * outpatient dialysis network in America/Phoenix and its transplant clinic, with a reference lab in America/Denver
 * across Denver's spring-forward of 12 March 2028 (docs/review42/messages/, docs/mapping-review-42.md). Each defect is
 * `it.fails` so CI stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected
 * values come from the message, the IG rows named, hig's own documented rules (docs/mapping.md) and FHIR's element
 * definitions, not from hig's output. test/review42/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review42/defects.test.ts
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { deliverSample } from '../support/review-delivery.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review42/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const phoenix = { timezone: 'America/Phoenix' };
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), phoenix);
const resources = (n: string, type: string) => (converted(n).bundle.entry as Entry[])
  .map((e) => e.resource).filter((r): r is Json => r?.resourceType === type);
const text = (x: unknown) => JSON.stringify(x ?? null);
const report = (n: string, fill: string) => resources(n, 'DiagnosticReport').find((r) => text(r.identifier).includes(`"value":"${fill}"`)) as Json;
const potassium = (n: string) => resources(n, 'Observation').find((o) => text(o.code).includes('"2823-3"')) as Json;

describe('review 42: a correction re-sent after the sender\'s spring-forward (R42-W1)', () => {
  // #02 (ROCKYLAB, ORU^R01 2.5.1, Denver, MSH-7 `20280310091200-0700`): OBR-7 / OBX-14 `20280310074000` bare — the
  // pre-dialysis panel collected 07:40 on 10 March on the lab's clock, MST (-07:00), as MSH-7 says; hig: 07:40-07:00.
  // #18 (the same lab, MSH-7 `20280313150500-0600`, after Denver's spring-forward on 12 March) corrects that panel
  // (OBR-25 C, OBX-11 C on potassium) and re-sends the same OBR-7 / OBX-14 `20280310074000`: the same specimen, the same
  // clock, three days before the change, so -07:00 again. hig applies MSH-7's -06:00 as a fixed offset (the channel
  // zone America/Phoenix never has -06:00, so mapping.md's "IANA zone that had MSH-7's offset" exception does not
  // apply): 07:40-06:00 = 06:40 MST, and the correction moves the DiagnosticReport's and its Observations'
  // effectiveDateTime an hour earlier at the destination (destination.test.ts R42-W1). No channel setting repairs it:
  // the channel's zone is Phoenix's, the other senders'. [IG TS[dateTime] #1; mapping.md Time-zone rule; FHIR R4
  // DiagnosticReport.effective[x], Observation.effective[x]]
  // Fixed by configuration (fix29c): a channel with senders in two zones names the other sender's zone
  // (senderTimezones, MSH-4 HD.1 ROCKYREF → America/Denver; docs/mapping.md "Time-zone rule"); with the channel zone
  // alone the reading is still MSH-7's fixed offset (the review's default-options verdict stands).
  const configured = (n: string) => (convertHl7v2(readFileSync(new URL(file(n), dir)), { ...phoenix, senderTimezones: { ROCKYREF: 'America/Denver' } }).bundle.entry as Entry[])
    .map((e) => e.resource).filter((r): r is Json => r !== undefined);
  it('R42-W1 [OBR-7/OBX-14; Time-zone rule] #18: the corrected panel keeps the collection time the original gave, 07:40-07:00 (channel configured with the lab\'s zone)', () => {
    const of18 = configured('18');
    expect((of18.find((r) => r.resourceType === 'DiagnosticReport' && text(r.identifier).includes('"value":"LB42-0201"')) as Json).effectiveDateTime).toBe('2028-03-10T07:40:00-07:00');
    expect((of18.find((r) => r.resourceType === 'Observation' && text(r.code).includes('"2823-3"')) as Json).effectiveDateTime).toBe('2028-03-10T07:40:00-07:00');
  });

  it('control: #02 reads 07:40-07:00 under MSH-7 -0700; #18\'s own report time (OBR-22, after the change) is 15:00-06:00; #12\'s MDT draws keep -06:00', () => {
    expect(report('02', 'LB42-0201').effectiveDateTime).toBe('2028-03-10T07:40:00-07:00');
    expect(potassium('02').effectiveDateTime).toBe('2028-03-10T07:40:00-07:00');
    expect(report('18', 'LB42-0201').issued).toBe('2028-03-13T15:00:00-06:00');
    expect(report('12', 'LB42-1201').effectiveDateTime).toBe('2028-03-13T07:35:00-06:00');
  });
});

describe('review 42: a standing order completed by its first result (R42-W2)', () => {
  // #09 (OML^O21 2.5.1): the standing BUN order OR42-0902, TQ1-3 `Q1L` (every month, table 0335), TQ1-7 13 March,
  // TQ1-8 13 September, TQ1-14 6 occurrences → occurrenceTiming repeat count 6 [IG TQ1[ServiceRequest] #3, #7, #8,
  // #14]. #12 (ORU^R01, ORC-1 RE, ORC-5 empty, OBR-25 F) is the first of the six draws (filler LB42-1201). hig
  // (mapping.md "ORC-5 empty and an ORC-1 the OrderStatus map has no target for … hig takes the order's result status,
  // in any message: OBR-25 F/C completed") patches the held order `completed`: FHIR R4 request-status `completed` is
  // "the activity described by the request has been fully performed", and five monthly draws remain; the IG gives the
  // RE no status (OrderControlCode RE: no target). Delivered here (#09 then #12) to the in-repo FHIR server.
  let tmp = '';
  const after = new Map<string, Json[]>();
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'review42-'));
    for (const n of ['09', '12']) copyFileSync(new URL(file(n), dir), join(tmp, file(n)));
    const sample = await deliverSample(pathToFileURL(`${tmp}/`), undefined, { convert: phoenix, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
    expect(sample.failures).toEqual([]);
    await sample.close();
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const standing = (n: string) => (after.get(n) ?? []).filter((r) => r.resourceType === 'ServiceRequest' && text(r.identifier).includes('"value":"OR42-0902"'));

  it('R42-W2 [OBR-25; TQ1-14; FHIR request-status] #09 → #12: the standing order with five draws left stays active', () => {
    expect(standing('12')).toHaveLength(1);
    expect(standing('12')[0]?.status).toBe('active');
  });

  it('control: after #09 the order is active with 6 monthly occurrences; #12\'s result lands on it (its filler number added)', () => {
    expect(standing('09')[0]?.status).toBe('active');
    expect(text(standing('09')[0]?.occurrenceTiming)).toContain('"count":6');
    expect(text(standing('12')[0]?.identifier)).toContain('"value":"LB42-1201"');
    expect(text(standing('12')[0]?.occurrenceTiming)).toContain('"count":6');
  });
});
