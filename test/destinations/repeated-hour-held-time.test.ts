/**
 * Review 41 R41-N1: an operative note's TXA-6 `20271107013500` (bare, in the hour America/New_York repeats on 7
 * November 2027) was read `01:35-05:00` by the T02 sent that night (MSH-7 03:12-0500: within a day, MSH-7's pass) and
 * `01:35-04:00` by its T08 sent 33 hours later (no placing MSH-7: the first pass, reported), and the T08's PUT
 * replaced the placed date at the server. [hig time-zone rule, docs/mapping.md "Hours a zone repeats or skips"; IG
 * TXA[DocumentReference] #6 → date; FHIR dateTime: the offset is part of the value] One reading of one clock time for
 * all the messages that carry it: a PUT whose value is the rule's default keeps the other pass the server holds at
 * that element (destinations/held-times.ts). Delivered to the in-repo test FHIR server; expected values from the
 * messages (the T02's MSH-7 offset) and the zone's rules, never from hig's output.
 *
 *   npx vitest run test/destinations/repeated-hour-held-time.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const ZONE = 'America/New_York';

/** An MDM of the operative note DX41-OP0011 (TXA-6 01:35 bare, the repeated hour), sent at `sent` (MSH-7 with offset). */
function note(id: string, event: 'T02' | 'T08', sent: string, text: string): string {
  return [
    `MSH|^~\\&|DICTA|HRMC|HIG|HRMC|${sent}||MDM^${event}^MDM_T02|${id}|P|2.6`,
    `EVN|${event}|${sent}`,
    'PID|1||HR4100111^^^HRMC^MR||TOBIAS^ELLEN||19610412|F',
    'PV1|1|I|5S^512^1^HRMC||||||||||||||||HRV4100111^^^HRMC^VN',
    'TXA|1|28583-3^Surgical operation note^LN|TX|20271107013500||20271107013500|20271107030500|||||DX41-OP0011^DICTA|||||AU||AV',
    `OBX|1|TX|28583-3^Surgical operation note^LN||${text}||||||F`,
  ].join('\r');
}
/** The T02 the same night: MSH-7 03:12 EST, within a day of 01:35, in the pass after the change. */
const T02 = note('DX1', 'T02', '20271107031200-0500', 'EBL 50 mL.');
/** The T08 33 hours later: MSH-7 10:15 EST on 8 November, a day away: nothing in it places the pass of 01:35. */
const T08 = note('DX2', 'T08', '20271108101500-0500', 'EBL 25 mL (corrected).');

let server: FhirServer;
let dest: BundlePusher | undefined;
beforeEach(async () => {
  server = await startFhirServer();
});
afterEach(async () => {
  await dest?.close();
  dest = undefined;
  await server.close();
});

const documents = (): Json[] => [...server.resources.values()].filter((r) => r.resourceType === 'DocumentReference');
const textOf = (d: Json | undefined): string => Buffer.from(String((((d?.content as Json[])[0] as Json).attachment as Json).data), 'base64').toString('utf8');

async function deliver(hl7: string, options: Parameters<typeof convertHl7v2>[1]): Promise<void> {
  await dest?.deliver(convertHl7v2(hl7, options).bundle, never);
}

describe('R41-N1 [hig time-zone rule; IG TXA[DocumentReference] #6] a late edit keeps the pass its original placed', () => {
  it('the T08 alone reads 01:35 in its first pass, reported (the rule unchanged in the Bundle)', () => {
    const { bundle, report } = convertHl7v2(T08, { timezone: ZONE });
    const doc = (bundle.entry as Json[]).map((e) => e.resource as Json).find((r) => r.resourceType === 'DocumentReference');
    expect(doc?.date).toBe('2027-11-07T01:35:00-04:00');
    expect(JSON.stringify(report)).toContain('TXA-6 (segment 5): a time without offset in the hour America/New_York repeats');
  });

  const modes = [
    ['transaction', { timezone: ZONE }],
    ['transaction', { timezone: ZONE, namespaceMap: { HRMC: 'urn:oid:2.16.840.1.113883.3.4141' }, conditionalUpdate: true }],
    ['batch', { timezone: ZONE }],
    ['individual', { timezone: ZONE }],
  ] as const;
  for (const [mode, options] of modes) {
    it(`${mode} ${JSON.stringify(options)}: T02 (01:35-05:00, MSH-7's pass) then T08 → the date stays 01:35-05:00, the text is the T08's`, async () => {
      dest = createDestination({ type: 'fhir', baseUrl: server.url, mode, auth: { type: 'none' } });
      await deliver(T02, options);
      expect(documents().map((d) => d.date)).toEqual(['2027-11-07T01:35:00-05:00']);
      await deliver(T08, options);
      const docs = documents();
      expect(docs.map((d) => d.date)).toEqual(['2027-11-07T01:35:00-05:00']);
      expect(textOf(docs[0])).toBe('EBL 25 mL (corrected).');
      // hig's marks never reach the server
      expect(JSON.stringify(server.requests.map((r) => r.body))).not.toContain('hig.example');
    });
  }

  it('the T08 with nothing held: its own reading, 01:35-04:00', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await deliver(T08, { timezone: ZONE });
    expect(documents().map((d) => d.date)).toEqual(['2027-11-07T01:35:00-04:00']);
  });

  it('a held date of another clock time is replaced as before (only the other pass of the same clock time is kept)', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await deliver(T02.replace('TX|20271107013500||20271107013500', 'TX|20271107013500||20271107012000'), { timezone: ZONE });
    expect(documents().map((d) => d.date)).toEqual(['2027-11-07T01:20:00-05:00']);
    await deliver(T08, { timezone: ZONE });
    expect(documents().map((d) => d.date)).toEqual(['2027-11-07T01:35:00-04:00']);
  });
});
