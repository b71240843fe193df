/**
 * ADT^A24 (link patient information) and ADT^A37 (unlink) judged at the in-repo FHIR server
 * (test/support/fhir-server.ts), as merge-survivor.test.ts judges A40 (review 31 R31-R1). [v2.5.1 3.3.24]
 * A24 links the first PID's record to the second's, "the affected patient data records should remain
 * distinct"; [v2.5.1 3.3.37] A37 unlinks them. No ADT_A24/A37 map in the IG corpus: the row is [FHIR R4
 * Patient.link, link-type seealso] "…points to another patient resource that is known to contain data
 * about the same person", each record `seealso` the other, both active. Expected values come from the
 * messages and those definitions.
 *
 *   npx vitest run test/destinations/patient-link.test.ts
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileFhirEdits, type FhirStep } from '../../src/routing/fhir-edit.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;

const OID = '2.16.840.1.113883.3.7714.31';
const SYSTEM = `urn:oid:${OID}`;
const NORTH = `HF3106006^^^HFN&${OID}&ISO^MR`;
const SOUTH = `HF3106007^^^HFN&${OID}&ISO^MR`;
const RETIRED = `HF3106001^^^HFN&${OID}&ISO^MR`;

const msh = (event: string, structure: string, control: string) => `MSH|^~\\&|HFUMC_ADT|HFUMC|HIG|HIG|20261102150010-0500||ADT^${event}^${structure}|${control}|P|2.5.1`;
const pid = (n: number, pid3: string, name: string, born: string, address: string) => `PID|${n}||${pid3}||${name}^HENRIETTA^^^^^L||${born}|F|||${address}`;
const PID_NORTH = (n: number) => pid(n, NORTH, 'MONTGOMERIE-LACHAPELLE', '19910405', '57 CIDER MILL WAY^^GARDINER^NY^12525^USA^H');
const PID_SOUTH = (n: number) => pid(n, SOUTH, 'TABORSKY-GRUENWALD', '19910504', '12 SILO LANE^^WALDEN^NY^12586^USA^H');
/** A28 of the north record, then its A40 absorbing an older record (so it holds a `replaces` link). */
const A28 = [msh('A28', 'ADT_A05', 'HF31-A28'), 'EVN|A28|20261102140000', PID_NORTH(1), 'PV1|1|N'].join('\r');
const A40 = [msh('A40', 'ADT_A39', 'HF31-A40'), 'EVN|A40|20261102141000', PID_NORTH(1), `MRG|${RETIRED}`].join('\r');
const A24 = (control = 'HF31-A24') => [msh('A24', 'ADT_A24', control), 'EVN|A24|20261102150010', PID_NORTH(1), PID_SOUTH(2)].join('\r');
const A37 = (control = 'HF31-A37') => [msh('A37', 'ADT_A37', control), 'EVN|A37|20261102161522', PID_NORTH(1), PID_SOUTH(2)].join('\r');

let server: FhirServer;
beforeAll(async () => {
  server = await startFhirServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.resources.clear();
});

async function deliver(options: Options, ...messages: string[]): Promise<void> {
  for (const m of messages) {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(convertHl7v2(m, options).bundle) });
    expect(res.status, await res.clone().text()).toBe(200);
  }
}

const patients = () => [...server.resources.values()].filter((r) => r.resourceType === 'Patient');
const holding = (value: string) => patients().filter((p) => ((p.identifier as Json[] | undefined) ?? []).some((i) => i.system === SYSTEM && i.value === value));
const links = (p: Json | undefined) => (p?.link as { type?: string; other?: Json }[] | undefined) ?? [];
/** Whether a link's `other` names `p`: literally (`Patient/<id>`) or logically by the record's number. */
const names = (other: Json | undefined, p: Json | undefined, value: string) =>
  other?.reference === `Patient/${String(p?.id)}` || (JSON.stringify(other?.identifier ?? {}).includes(value) && other?.type === 'Patient');
const strip = (r: Json) => {
  const { meta: _meta, ...rest } = r;
  return rest;
};

const channels: [string, Options][] = [
  ['default (full PUT)', {}],
  ['conditionalUpdate', { conditionalUpdate: true }],
  ['omittedFields keep', { omittedFields: 'keep' }],
];

describe.each(channels)('A24 link then A37 unlink at the server, %s channel', (_name, options) => {
  it('[FHIR Patient.link seealso; v2.5.1 3.3.24] A24: both records active, each seealso the other; the north record keeps its earlier replaces', async () => {
    await deliver(options, A28, A40, A24());
    const [north] = holding('HF3106006');
    const [south] = holding('HF3106007');
    expect(holding('HF3106006')).toHaveLength(1);
    expect(holding('HF3106007')).toHaveLength(1);
    expect(north?.active).not.toBe(false);
    expect(south?.active).not.toBe(false);
    // [v2.5.1 3.3.24: the records remain distinct] two Patients, each with its own name, plus the A40's merged record
    expect((north?.name as { family?: string }[])[0]?.family).toBe('MONTGOMERIE-LACHAPELLE');
    expect((south?.name as { family?: string }[])[0]?.family).toBe('TABORSKY-GRUENWALD');
    const northSee = links(north).filter((l) => l.type === 'seealso');
    expect(northSee).toHaveLength(1);
    expect(names(northSee[0]?.other, south, 'HF3106007')).toBe(true);
    const southSee = links(south).filter((l) => l.type === 'seealso');
    expect(southSee).toHaveLength(1);
    expect(names(southSee[0]?.other, north, 'HF3106006')).toBe(true);
    // the A40's link stays (a full PUT of the A24's PID would have dropped it)
    expect(links(north).filter((l) => l.type === 'replaces')).toHaveLength(1);
    expect(links(north)).toHaveLength(2);
    expect(links(south)).toHaveLength(1);
  });

  it('a resend of the A24 adds no second link', async () => {
    await deliver(options, A28, A40, A24());
    const before = patients().map(strip);
    await deliver(options, A24('HF31-A24-RESEND'));
    expect(patients().map(strip)).toEqual(before);
  });

  it('[v2.5.1 3.3.37] A37: the seealso pair is gone, the replaces link and everything else of both records stay', async () => {
    await deliver(options, A28, A40, A24());
    const northBefore = holding('HF3106006')[0] ?? {};
    const southBefore = holding('HF3106007')[0] ?? {};
    await deliver(options, A37());
    const north = holding('HF3106006')[0];
    const south = holding('HF3106007')[0];
    expect(links(north).map((l) => l.type)).toEqual(['replaces']);
    expect(links(south)).toEqual([]);
    // nothing else of either record touched
    const { link: _n, ...northRest } = strip(northBefore);
    const { link: _s, ...southRest } = strip(southBefore);
    expect(strip(north ?? {})).toEqual({ ...northRest, link: links(north) });
    expect(strip(south ?? {})).toEqual(southRest);
    // and a resend of the A37 changes nothing
    const after = patients().map(strip);
    await deliver(options, A37('HF31-A37-RESEND'));
    expect(patients().map(strip)).toEqual(after);
  });
});

describe('A24 / A37 at the server (default channel)', () => {
  it('control: an A37 for records the server does not hold creates them, unlinked (a delete matching nothing is no error)', async () => {
    await deliver({}, A37());
    expect(holding('HF3106006')).toHaveLength(1);
    expect(holding('HF3106007')).toHaveLength(1);
    expect(links(holding('HF3106006')[0])).toEqual([]);
  });

  it('A24, A37, A24 again: linked once more, once each', async () => {
    await deliver({}, A24(), A37(), A24('HF31-A24-2'));
    expect(links(holding('HF3106006')[0]).filter((l) => l.type === 'seealso')).toHaveLength(1);
    expect(links(holding('HF3106007')[0]).filter((l) => l.type === 'seealso')).toHaveLength(1);
  });

  it('A37 PV1s only name the visits: no Encounter is upserted', () => {
    const withVisits = A37().replace(PID_SOUTH(2), `PV1|1|I|W1^101^A\r${PID_SOUTH(2)}\rPV1|1|I|W2^202^B`);
    const types = (convertHl7v2(withVisits).bundle.entry as { resource?: Json }[]).map((e) => e.resource?.resourceType);
    expect(types).not.toContain('Encounter');
  });

  it('[hig: docs/routing.md FHIR post-processing] a destination\'s FHIR edits leave the A37 unlink patch whole: the link still goes', async () => {
    await deliver({}, A24());
    const edited = compileFhirEdits([{ remove: 'Patient.birthDate' }] as FhirStep[])(convertHl7v2(A37()).bundle as Json);
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(edited) });
    expect(res.status).toBe(200);
    expect(links(holding('HF3106006')[0])).toEqual([]);
    expect(links(holding('HF3106007')[0])).toEqual([]);
  });
});
