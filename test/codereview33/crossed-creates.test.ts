/**
 * Code review 33 (docs/codereview33.md) CR33-3: ee909f6e's crossed-creates repair (destinations/crossed-creates.ts,
 * code review 31 CR31-1) runs after the Bundle is stored, and only when the list member's PUT was answered `200 OK`.
 * A transient failure of its read (`GET …/_history`: 503) fails the delivery as transient; the worker sends the same
 * Bundle again, whose read now finds the allergy held (with the second writer's owner entry only), so its PUT is no
 * create, is answered as an update of a held version, and no repair is tried: the first sender's owner entry stays
 * lost, the harm CR31-1 fixed. Delivered through the real FHIR destination to the in-repo FHIR server; the crossing
 * made with the server's `hold` barrier as test/destinations/crossed-list-creates.test.ts does, the 503 with a
 * one-time `status` fault set after the held write arrived. Expected values from the messages and docs/mapping.md
 * "Allergy lists" (v2.5.1 2.10.4.1: a snapshot list replaces its own sender's group only). Synthetic data.
 *
 *   npx vitest run test/codereview33/crossed-creates.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import type { RecordedRequest } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';

type Json = Record<string, unknown>;

const OWNER = 'https://hig.example/fhir/StructureDefinition/list-owner';
const adt = (app: string, control: string, mrn: string, al1s: string[]) =>
  [`MSH|^~\\&|${app}|QVMC|HIG|QVMC|20281102090000-0500||ADT^A08^ADT_A01|${control}|P|2.5.1`, 'EVN|A08|20281102085900-0500', `PID|1||${mrn}^^^QVMC^MR||TESTCROSS^ILONA||19710312|F`, 'PV1|1|O|CLIN^2^1^QVMC', ...al1s].join('\r');
const LATEX = (n: number) => `AL1|${n}|MA^Miscellaneous allergy^HL70127|111088007^Latex^SCT|SV^Severe^HL70128|Anaphylaxis|20090915`;
const SULFA = (n: number) => `AL1|${n}|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MI^Mild^HL70128|Rash|20030410`;
const bundleOf = (message: string) => convertHl7v2(message, { timezone: 'America/New_York' }).bundle;

const fhir = useFhirDestinations({ serverPer: 'test' });
const owners = (r: Json | undefined) => ((r?.extension ?? []) as Json[]).filter((e) => e.url === OWNER).map((e) => e.valueString);
const latex = (): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === 'AllergyIntolerance' && JSON.stringify(r.code ?? {}).includes('"code":"111088007"'));
const status = (a: Json | undefined) => ((a?.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;

/**
 * Registration's first list held at the server after its reads, the ED's first list delivered whole meanwhile, then
 * (when `historyFails`) the next request, registration's `_history` read, answered 503 once; registration released.
 * Registration's delivery is then retried once if it failed, as the worker does with a transient failure.
 */
async function crossedThenRetried(mrn: string, historyFails: boolean): Promise<{ firstFailed: boolean; refused: string[] }> {
  const registration = bundleOf(adt('QVREGADT', 'R1', mrn, [LATEX(1), SULFA(2)]));
  let release = () => {};
  const until = new Promise<void>((resolve) => (release = resolve));
  let arrived = (_: RecordedRequest) => {};
  const atServer = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
  await fhir.server.setFault({ kind: 'hold', until, arrived, times: 1, method: 'POST' });
  const held = fhir.destination().deliver(registration, never);
  await atServer;
  await fhir.destination().deliver(bundleOf(adt('QVEDADT', 'E1', mrn, [LATEX(1)])), never);
  if (historyFails) await fhir.server.setFault({ kind: 'status', status: 503, times: 1 });
  release();
  const firstFailed = await held.then(() => false, () => true);
  const refused = fhir.server.requests.filter((r) => r.status === 503).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, '<id>')}`);
  if (firstFailed) await fhir.destination().deliver(registration, never);
  return { firstFailed, refused };
}

describe('CR33-3 [v2.5.1 2.10.4.1; CR31-1] a transient failure of the crossed-create repair is not repaired by the retry', () => {
  it('the _history read answered 503 once, the delivery retried: latex owned by both lists; registration drops it, it stays active', async () => {
    const { firstFailed, refused } = await crossedThenRetried('QV3303001', true);
    // the Bundle was stored; the repair's read failed, and with it the delivery (transient)
    expect(refused).toEqual(['GET /fhir/AllergyIntolerance/<id>/_history?_count=20']);
    expect(firstFailed).toBe(true);
    // the ED still lists latex: its owner entry is on the allergy after registration's delivery succeeded
    expect(latex().map((a) => owners(a).length)).toEqual([2]);
    await fhir.destination().deliver(bundleOf(adt('QVREGADT', 'R2', 'QV3303001', [SULFA(1)])), never);
    expect(latex().map(status)).toEqual(['active']);
  });

  it('control: no fault: the repair restores the ED\'s owner entry; registration drops latex, it stays active', async () => {
    const { firstFailed } = await crossedThenRetried('QV3303002', false);
    expect(firstFailed).toBe(false);
    expect(latex().map((a) => owners(a).length)).toEqual([2]);
    await fhir.destination().deliver(bundleOf(adt('QVREGADT', 'R2', 'QV3303002', [SULFA(1)])), never);
    expect(latex().map(status)).toEqual(['active']);
  });
});

describe('after the review [v2.5.1 2.10.4.1; CR33-3] the recheck of a member this list alone owns', () => {
  it('the ED lists latex with registration, then drops it; registration\'s next list keeps latex: the ED\'s entry is not brought back', async () => {
    await fhir.destination().deliver(bundleOf(adt('QVEDADT', 'E1', 'QV3303003', [LATEX(1)])), never);
    await fhir.destination().deliver(bundleOf(adt('QVREGADT', 'R1', 'QV3303003', [LATEX(1)])), never);
    expect(latex().map((a) => owners(a).length)).toEqual([2]);
    await fhir.destination().deliver(bundleOf(adt('QVEDADT', 'E2', 'QV3303003', [SULFA(1)])), never);
    expect(latex().map((a) => owners(a).length)).toEqual([1]);
    const outcome = await fhir.destination().deliver(bundleOf(adt('QVREGADT', 'R2', 'QV3303003', [LATEX(1)])), never);
    // the recheck read the history (no acceptance time given) and found the ED's entry dropped by the ED, not by a crossing
    expect(fhir.server.requests.filter((r) => r.path.includes('/_history')).length).toBe(1);
    expect(latex().map((a) => owners(a).length)).toEqual([1]);
    expect(outcome.detail ?? '').not.toContain('restored');
  });

  it('a message accepted after the member\'s last write (DeliveryContext.receivedAt): no history read', async () => {
    await fhir.destination().deliver(bundleOf(adt('QVREGADT', 'R1', 'QV3303004', [LATEX(1)])), never);
    await fhir.destination().deliver(bundleOf(adt('QVREGADT', 'R2', 'QV3303004', [LATEX(1)])), never);
    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    await fhir.destination().destination.deliver(
      { contentType: 'fhir', bundle: bundleOf(adt('QVREGADT', 'R3', 'QV3303004', [LATEX(1)])) },
      { channelId: 'test', messageId: 'm-3', destinationId: 'fhir', receivedAt: later, signal: never },
    );
    expect(fhir.server.requests.filter((r) => r.path.includes('/_history'))).toEqual([]);
  });
});
