/**
 * Code review 23: MDM T07 (document edit notification, structure MDM_T01: no OBX content) since
 * 526099c PUTs the DocumentReference at the URL its T02 made (the same TXA-12), and a PUT replaces the
 * whole resource. Delivered to the test FHIR server (test/support/fhir-server.ts) as a transaction.
 * Expected: v2.5.1 9.6.7 T07 notifies an edit and carries no content, so it cannot say the content is
 * gone; the text the T02 stored stays. Never values pasted from hig's output.
 *
 *   npx vitest run test/codereview23/mdm-edit.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;

const head = (id: string, event: string, structure: string) => [
  `MSH|^~\\&|EPIC|NMH|HIG|NMH|20261206101500-0600||MDM^${event}^${structure}|${id}|P|2.5.1`,
  `EVN|${event}|20261206101500-0600`,
  'PID|1||44120987^^^NMH^MR||OKAFOR^GRACE||19750302|F',
  'PV1|1|I|4W^412^A',
];
const txa = (status: string) => `TXA|1|DS|TX|20261206090000-0600|1234^WELBY^MARCUS^^^^MD||20261206100000-0600|||||DOC-55120^EPIC|||||${status}`;
const text = (words: string) => `OBX|1|TX|11490-0^Discharge summary^LN||${words}||||||F`;

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

/** The stored DocumentReferences' attachment texts, decoded. */
function storedTexts(): string[] {
  return [...server.resources.values()]
    .filter((r) => r.resourceType === 'DocumentReference')
    .flatMap((r) => ((r.content ?? []) as { attachment?: { data?: string } }[]).map((c) => Buffer.from(c.attachment?.data ?? '', 'base64').toString('utf8')));
}
const stored = (): Json[] => [...server.resources.values()].filter((r) => r.resourceType === 'DocumentReference');

describe('CR23-6 [v2.5.1 9.6.7 T07; IG TXA[DocumentReference] #12] an edit notification without content keeps the document\'s text (documents.ts finishDocument)', () => {
  it('T02 then T07 of one TXA-12: the server still holds the T02 text, now authenticated (TXA-17 AU)', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await dest.deliver(convertHl7v2([...head('M1', 'T02', 'MDM_T02'), txa('IP'), text('Discharged home on day 3.')].join('\r')).bundle, never);
    expect(storedTexts()).toEqual(['Discharged home on day 3.']);
    await dest.deliver(convertHl7v2([...head('M2', 'T07', 'MDM_T01'), txa('AU')].join('\r')).bundle, never);
    expect(stored().map((r) => r.docStatus)).toEqual(['final']);
    expect(storedTexts()).toEqual(['Discharged home on day 3.']);
  });

  it('control: T02 then T08 (the edit with its content): the server holds the edited text', async () => {
    dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
    await dest.deliver(convertHl7v2([...head('M3', 'T02', 'MDM_T02'), txa('IP'), text('Discharged home on day 3.')].join('\r')).bundle, never);
    await dest.deliver(convertHl7v2([...head('M4', 'T08', 'MDM_T02'), txa('AU'), text('Discharged home on day 4.')].join('\r')).bundle, never);
    expect(storedTexts()).toEqual(['Discharged home on day 4.']);
  });
});
