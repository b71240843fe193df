/**
 * Two senders' FIRST lists of one allergy crossing at the FHIR server (code review 31 CR31-1; destinations/
 * crossed-creates.ts). v2.5.1 2.10.4.1: a snapshot list replaces its own sender's group only, so an allergy both
 * registration's and the ED's AL1 lists name is owned by both (docs/mapping.md "Allergy lists"). Both lists read the
 * allergy absent and both PUT it; the second PUT is answered `200 OK`, not `201 Created` (FHIR R4 http.html#update),
 * and the destination puts back the owner entry it replaced, read from the version before its own (http.html#history).
 * The race is made with the in-repo server's `hold` barrier (a transaction held at the server after its reads), not
 * the clock. Expected values come from the messages. Names, numbers and MRNs are synthetic.
 *
 *   npx vitest run test/destinations/crossed-list-creates.test.ts
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import type { DeliveryOutcome } from '../../src/destinations/types.js';
import { startFhirServer, type FhirServer, type RecordedRequest } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;
type Mode = 'transaction' | 'batch' | 'individual';

const OWNER = 'https://hig.example/fhir/StructureDefinition/list-owner';
const adt = (app: string, control: string, mrn: string, al1s: string[]) =>
  [`MSH|^~\\&|${app}|QVMC|HIG|QVMC|20281102090000-0500||ADT^A08^ADT_A01|${control}|P|2.5.1`, 'EVN|A08|20281102085900-0500', `PID|1||${mrn}^^^QVMC^MR||TESTCROSS^ILONA||19710312|F`, 'PV1|1|O|CLIN^2^1^QVMC', ...al1s].join('\r');
const LATEX = (n: number) => `AL1|${n}|MA^Miscellaneous allergy^HL70127|111088007^Latex^SCT|SV^Severe^HL70128|Anaphylaxis|20090915`;
const SULFA = (n: number) => `AL1|${n}|DA^Drug allergy^HL70127|10180^Sulfamethoxazole^RXNORM|MI^Mild^HL70128|Rash|20030410`;
const bundleOf = (message: string) => convertHl7v2(message, { timezone: 'America/New_York' }).bundle;

const servers: FhirServer[] = [];
let server: FhirServer;
let withoutHistory: FhirServer;
const opened: BundlePusher[] = [];
beforeAll(async () => {
  server = await startFhirServer();
  withoutHistory = await startFhirServer({ history: false });
  servers.push(server, withoutHistory);
});
afterAll(async () => {
  for (const s of servers) await s.close();
});
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
});
const destination = (on: FhirServer, mode: Mode): BundlePusher => {
  const d = createDestination({ type: 'fhir', baseUrl: on.url, mode, auth: { type: 'none' } });
  opened.push(d);
  return d;
};

const owners = (r: Json | undefined) => ((r?.extension ?? []) as Json[]).filter((e) => e.url === OWNER).map((e) => e.valueString);
/** The patient's held allergies of `code` (SNOMED CT / RxNorm code as sent). */
const allergies = (on: FhirServer, mrn: string, code: string): Json[] => {
  const patient = [...on.resources.values()].find((r) => r.resourceType === 'Patient' && JSON.stringify(r.identifier ?? []).includes(`"${mrn}"`));
  // a batch's or individual request's reference as sent (urn:uuid of hig's id), a transaction's resolved
  const names = [`Patient/${String(patient?.id)}`, `urn:uuid:${String(patient?.id)}`];
  return [...on.resources.values()].filter((r) => r.resourceType === 'AllergyIntolerance' && names.includes(String((r.patient as Json | undefined)?.reference)) && JSON.stringify(r.code ?? {}).includes(`"code":"${code}"`));
};
const status = (a: Json | undefined) => ((a?.clinicalStatus as { coding?: { code?: string }[] } | undefined)?.coding ?? [])[0]?.code;

/**
 * `first` delivered to the point where its write is held at the server (its reads done), `second` delivered whole
 * meanwhile, then `first` released: both read the allergy absent. The first's outcome.
 */
async function crossed(on: FhirServer, mode: Mode, first: string, second: string): Promise<DeliveryOutcome> {
  let release = () => {};
  const until = new Promise<void>((resolve) => (release = resolve));
  let arrived = (_: RecordedRequest) => {};
  const atServer = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
  // the first write of `first`: a transaction's or batch's POST, or individual mode's first PUT
  await on.setFault({ kind: 'hold', until, arrived, times: 1, method: mode === 'individual' ? 'PUT' : 'POST' });
  const held = destination(on, mode).deliver(bundleOf(first), never);
  await atServer;
  await destination(on, mode).deliver(bundleOf(second), never);
  release();
  return held;
}

describe.each(['transaction', 'batch', 'individual'] as Mode[])('[v2.5.1 2.10.4.1 snapshot mode; CR31-1] two senders\' first lists of latex cross at the server (%s)', (mode) => {
  it('registration held, the ED\'s list lands first: latex owned by both; registration drops it: it stays active; the ED drops it too: deleted', async () => {
    const mrn = `QV77001${mode.length}`;
    const outcome = await crossed(server, mode, adt('QVREGADT', 'R1', mrn, [LATEX(1), SULFA(2)]), adt('QVEDADT', 'E1', mrn, [LATEX(1)]));
    expect(allergies(server, mrn, '111088007').map((a) => owners(a).length)).toEqual([2]);
    // PHI-free: the type and hig's id only
    expect(outcome.detail).toMatch(/^AllergyIntolerance\/[0-9a-f-]{36}: created by another list between its read and its write: its 1 owner entry restored$/);
    await destination(server, mode).deliver(bundleOf(adt('QVREGADT', 'R2', mrn, [SULFA(1)])), never);
    expect(allergies(server, mrn, '111088007').map(status)).toEqual(['active']);
    await destination(server, mode).deliver(bundleOf(adt('QVEDADT', 'E2', mrn, [SULFA(1)])), never);
    expect(allergies(server, mrn, '111088007')).toEqual([]);
  });

  it('the ED held, registration\'s list lands first: latex owned by both; the ED drops it: it stays active', async () => {
    const mrn = `QV77002${mode.length}`;
    await crossed(server, mode, adt('QVEDADT', 'E1', mrn, [LATEX(1)]), adt('QVREGADT', 'R1', mrn, [LATEX(1), SULFA(2)]));
    expect(allergies(server, mrn, '111088007').map((a) => owners(a).length)).toEqual([2]);
    // sulfamethoxazole: registration's alone, created once, no merge
    expect(allergies(server, mrn, '10180').map((a) => owners(a).length)).toEqual([1]);
    await destination(server, mode).deliver(bundleOf(adt('QVEDADT', 'E2', mrn, [SULFA(1)])), never);
    expect(allergies(server, mrn, '111088007').map(status)).toEqual(['active']);
  });
});

describe('[v2.5.1 2.10.4.1 snapshot mode; CR31-1] a server without the instance history', () => {
  it('the crossed allergy is left with no owner entry (unknown ownership): neither sender\'s drop deletes it', async () => {
    const mrn = 'QV7700301';
    const outcome = await crossed(withoutHistory, 'transaction', adt('QVEDADT', 'E1', mrn, [LATEX(1)]), adt('QVREGADT', 'R1', mrn, [LATEX(1), SULFA(2)]));
    expect(outcome.detail).toMatch(/the server keeps no history: its list owner entries removed/);
    expect(allergies(withoutHistory, mrn, '111088007').map((a) => owners(a))).toEqual([[]]);
    await destination(withoutHistory, 'transaction').deliver(bundleOf(adt('QVEDADT', 'E2', mrn, [SULFA(1)])), never);
    await destination(withoutHistory, 'transaction').deliver(bundleOf(adt('QVREGADT', 'R2', mrn, [SULFA(1)])), never);
    expect(allergies(withoutHistory, mrn, '111088007').map(status)).toEqual(['active']);
  });
});

describe('[v2.5.1 2.10.4.1 snapshot mode] control: no crossing', () => {
  it('a first list alone: created (201), no history read, no detail', async () => {
    const before = server.requests.length;
    const outcome = await destination(server, 'transaction').deliver(bundleOf(adt('QVREGADT', 'R1', 'QV7700401', [LATEX(1)])), never);
    expect(outcome.detail).toBeUndefined();
    expect(server.requests.slice(before).filter((r) => r.path.includes('/_history'))).toEqual([]);
  });
});
