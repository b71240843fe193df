/**
 * Issue 14, review 33 R33-W1 (fixspm26): one specimen sent under several OBRs of one result message (the
 * ordinary ELR shape: the SPM repeated under each panel run on one tube or card) is **one** Specimen.
 * [IG SPM[Specimen] #2 → identifier (EIP placer/filler)]; [IG ORU_R01 4.2.7.1 SPM → Specimen[n],
 * DiagnosticReport[1].specimen = Specimen[n]]; hig's identity (docs/mapping.md "Resource identity": patient +
 * SPM-2 filler, else placer). Two SPMs of one number that say different things stay two Specimens and the
 * report names the fields (never the values); containers told apart by the lab's SPM-2.2 stay apart (code
 * review 25 CR25-7). Expected values come from the messages below and FHIR R4's Specimen/DiagnosticReport
 * definitions. All names and numbers are synthetic.
 *
 *   npx vitest run test/transform/specimen-one-card.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { convertChecked, entries } from './helpers.js';

type Json = Record<string, unknown>;

const HEAD = [
  'MSH|^~\\&|LIS|SBH|EHR|SBH|20261206093000-0600||ORU^R01^ORU_R01|SPM26-1|P|2.5.1',
  'PID|1||P2601^^^SBH^MR||FERNWOOD^ODA||19700314|F',
  'ORC|RE|27CH0042^EPC|S0042^SBRL||CM',
];
const obr = (n: number, test: string) => `OBR|${n}|27CH0042^EPC|S0042^SBRL|${test}|||20261206071500-0600||||||||||||||20261206092500-0600|||F`;
const obx = (code: string, value: string) => `OBX|1|NM|${code}||${value}|mg/dL^mg/dL^UCUM|||||F`;
/** SPM-2 `placer^filler` (EIP), SPM-4 serum, SPM-17 collected, SPM-18 received (as given). */
const spm = (id: string, received = '20261206080000-0600', parent = '') => `SPM|1|${id}|${parent}|SER^Serum^HL70487|||||||||||||20261206071500-0600|${received}`;

/** Two chemistry panels on one serum tube (SPM-2 filler 27SER0042): the SPM repeated under each OBR. */
const ONE_TUBE = [...HEAD, obr(1, '2345-7^Glucose^LN'), obx('2345-7^Glucose^LN', '95'), spm('^27SER0042&SBRL'), obr(2, '2093-3^Cholesterol^LN'), obx('2093-3^Cholesterol^LN', '182'), spm('^27SER0042&SBRL')];
/** The same two panels, each on its own container: one placer number, the lab's numbers F1 and F2 (CR25-7). */
const TWO_CONTAINERS = [...HEAD, obr(1, '2345-7^Glucose^LN'), obx('2345-7^Glucose^LN', '95'), spm('27SP0042&EPC^F1&SBRL'), obr(2, '2093-3^Cholesterol^LN'), obx('2093-3^Cholesterol^LN', '182'), spm('27SP0042&EPC^F2&SBRL')];

const typed = (bundle: Json, type: string) => entries(bundle).filter((e) => e.resource.resourceType === type);
const carrying = (bundle: Json, value: string) => typed(bundle, 'Specimen').filter((e) => JSON.stringify(e.resource.identifier ?? []).includes(`"value":"${value}"`));

describe('[IG SPM[Specimen] #2; ORU_R01 4.2.7.1 SPM → DiagnosticReport.specimen] one tube under two OBRs, in the Bundle', () => {
  it('is one Specimen entry, which both reports name and which lists both orders as its requests', () => {
    const { bundle, lines } = convertChecked(...ONE_TUBE);
    const tube = carrying(bundle, '27SER0042');
    expect(tube).toHaveLength(1);
    const reports = typed(bundle, 'DiagnosticReport');
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(r.resource.specimen).toEqual([{ reference: tube[0]!.fullUrl }]);
    // [IG SPM[Specimen]: Specimen.request] each group's order (OBR-4 2345-7, 2093-3: two ServiceRequests)
    const orders = typed(bundle, 'ServiceRequest').map((e) => e.fullUrl);
    expect(orders).toHaveLength(2);
    expect(((tube[0]!.resource.request as Json[] | undefined) ?? []).map((r) => r.reference)).toEqual(orders);
    expect(lines.filter((l) => l.startsWith('SPM-2 '))).toEqual([]);
  });

  it('an observation of the specimen (OBX after the second SPM) and a repeat whose SPM-3 names the tube point at that one resource', () => {
    const msg = [...ONE_TUBE, 'OBX|1|CWE|33882-2^Collection date of Specimen^LN||Y||||||F', obr(3, '2571-8^Triglyceride^LN'), spm('^27SER0042-2&SBRL', '20261206090000-0600', '^27SER0042&SBRL')];
    const { bundle } = convertChecked(...msg);
    const tube = carrying(bundle, '27SER0042').filter((e) => !JSON.stringify(e.resource.identifier).includes('27SER0042-2'));
    expect(tube).toHaveLength(1);
    const ofSpecimen = typed(bundle, 'Observation').filter((e) => JSON.stringify(e.resource.code).includes('33882-2'));
    expect(ofSpecimen[0]?.resource.specimen).toEqual({ reference: tube[0]!.fullUrl });
    // [IG SPM[Specimen] #3 → parent] the repeat's parent: the one tube, resolved in the Bundle (finishSpecimenParents)
    expect(carrying(bundle, '27SER0042-2')[0]?.resource.parent).toEqual([{ reference: tube[0]!.fullUrl }]);
  });

  it('two SPMs of one number that differ (SPM-18 received) stay two Specimens, and the report names SPM-18, not its value', () => {
    const msg = [...HEAD, obr(1, '2345-7^Glucose^LN'), spm('^27SER0042&SBRL'), obr(2, '2093-3^Cholesterol^LN'), spm('^27SER0042&SBRL', '20261206083000-0600')];
    const { bundle, lines } = convertChecked(...msg);
    const tubes = carrying(bundle, '27SER0042');
    expect(tubes).toHaveLength(2);
    expect(tubes.map((e) => e.resource.receivedTime)).toEqual(['2026-12-06T08:00:00-06:00', '2026-12-06T08:30:00-06:00']);
    const said = lines.filter((l) => l.startsWith('SPM-2 (segment 7)'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('SPM-18');
    expect(said[0]).not.toContain('SPM-17');
    expect(said[0]).not.toMatch(/2026|27SER0042/);
  });

  it('control (CR25-7): two containers of one placer number, told apart by the lab\'s SPM-2.2, are two Specimens, no report line', () => {
    const { bundle, lines } = convertChecked(...TWO_CONTAINERS);
    const f1 = carrying(bundle, 'F1');
    const f2 = carrying(bundle, 'F2');
    expect(f1).toHaveLength(1);
    expect(f2).toHaveLength(1);
    expect(f1[0]!.fullUrl).not.toBe(f2[0]!.fullUrl);
    expect(typed(bundle, 'DiagnosticReport').map((r) => r.resource.specimen)).toEqual([[{ reference: f1[0]!.fullUrl }], [{ reference: f2[0]!.fullUrl }]]);
    expect(lines.filter((l) => l.startsWith('SPM-2 '))).toEqual([]);
  });

  it('control: two SPMs without SPM-2 in one order group are two specimens (the group repeats per specimen)', () => {
    const msg = [...HEAD, obr(1, '2345-7^Glucose^LN'), spm(''), spm('')];
    const { bundle } = convertHl7v2(msg.join('\r'));
    expect(typed(bundle, 'Specimen')).toHaveLength(2);
  });
});

describe('[IG SPM[Specimen] #2; ORU_R01 4.2.7.1] delivered to the in-repo FHIR server', () => {
  let server: FhirServer;
  let destination: BundlePusher;
  beforeEach(async () => {
    server = await startFhirServer();
    destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  });
  afterEach(async () => {
    await destination.close();
    await server.close();
  });
  const held = (type: string) => [...server.resources.values()].filter((r) => r.resourceType === type) as Json[];
  const holding = (value: string) => held('Specimen').filter((r) => JSON.stringify(r.identifier ?? []).includes(`"value":"${value}"`));

  it('one tube under two OBRs: the server holds one Specimen, each DiagnosticReport.specimen names it, its requests are the two orders', async () => {
    await destination.deliver(convertHl7v2(ONE_TUBE.join('\r')).bundle, never);
    const tube = holding('27SER0042');
    expect(tube).toHaveLength(1);
    const reports = held('DiagnosticReport');
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(r.specimen).toEqual([{ reference: `Specimen/${String(tube[0]!.id)}` }]);
    const orders = held('ServiceRequest').map((o) => `ServiceRequest/${String(o.id)}`).sort();
    expect(orders).toHaveLength(2);
    expect(((tube[0]!.request as Json[] | undefined) ?? []).map((r) => r.reference).sort()).toEqual(orders);
  });

  it('control: two containers (fillers F1, F2) are two Specimens held, each report naming its own', async () => {
    await destination.deliver(convertHl7v2(TWO_CONTAINERS.join('\r')).bundle, never);
    const [f1] = holding('F1');
    const [f2] = holding('F2');
    expect(held('Specimen')).toHaveLength(2);
    const byCode = (code: string) => held('DiagnosticReport').find((r) => JSON.stringify(r.code).includes(code));
    expect(byCode('2345-7')?.specimen).toEqual([{ reference: `Specimen/${String(f1?.id)}` }]);
    expect(byCode('2093-3')?.specimen).toEqual([{ reference: `Specimen/${String(f2?.id)}` }]);
  });
});
