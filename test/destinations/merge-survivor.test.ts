/**
 * A merge's survivor is the person's own Patient (review 19 R19-I1, review 23 #09), judged at the in-repo FHIR
 * server (test/support/fhir-server.ts): each message's Bundle POSTed as the transaction it is, in order, and
 * what the server then holds is asserted. An EMPI's A28 names the person by the enterprise id (PI) and the
 * facility MRN (MR): hig keys that Patient on the MR (identity.ts patientIdentity, MR ranks before PI). Its A40
 * names the survivor by the PI alone. [IG MRG, the FHIR merge pattern (MAPPING-RULES; the IG corpus holds no
 * MRG[Patient] row or ADT_A39 message map): MRG-1 → the merged record's identifier; FHIR R4 Patient.link: the surviving record
 * `replaces` the merged one, which is `replaced-by` it]. Expected values come from the messages.
 *
 *   npx vitest run test/destinations/merge-survivor.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileFhirEdits, type FhirStep } from '../../src/routing/fhir-edit.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;

const HIE = '2.16.840.1.113883.3.7714.99';
const LKS = '2.16.840.1.113883.3.7714.1';
const PI = `GL00771204^^^GLHIE&${HIE}&ISO^PI`;
const MR = `LK2209917^^^LKS&${LKS}&ISO^MR`;
const RETIRED = `GL00790033^^^GLHIE&${HIE}&ISO^PI`;

const msh = (event: string, structure: string, control: string) => `MSH|^~\\&|GLEMPI|GLHIE|HIG|GLHIE|20261209113000-0600||ADT^${event}^${structure}|${control}|P|2.5`;
/** The EMPI's A28 (add person): the person with address, phone and next of kin. */
const A28 = (pid3: string) =>
  [
    msh('A28', 'ADT_A05', 'GLE-A28-0004411'),
    'EVN|A28|20261209112958',
    `PID|1||${pid3}||HALLORAN^BRIDGET^ANNE^^^^L||19410817|F|||14 LAKE ST^^LAKESHORE^MN^55001^USA^H||^PRN^PH^^1^218^5550143`,
    'NK1|1|HALLORAN^DECLAN^^^^^L|SON^Son^HL70063',
    'PV1|1|N',
  ].join('\r');
/** The EMPI's A40: the survivor named by `pid3`, MRG-1 the retired enterprise id. */
const A40 = (pid3: string, control = 'GLE-A40-0004519') =>
  [
    msh('A40', 'ADT_A39', control),
    'EVN|A40|20261209112958',
    `PID|1||${pid3}||HALLORAN^BRIDGET^ANNE^^^^L||19410817|F`,
    `MRG|${RETIRED}|||GL00790033|||HALLORAN^BRIDGET^A^^^^L`,
  ].join('\r');

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
const holds = (p: Json, system: string, value: string) => ((p.identifier as Json[] | undefined) ?? []).some((i) => i.system === system && i.value === value);
/** The Patients that are not a merged (inactive) record and hold the enterprise id. */
const active = () => patients().filter((p) => p.active !== false && holds(p, `urn:oid:${HIE}`, 'GL00771204'));
const merged = () => patients().filter((p) => holds(p, `urn:oid:${HIE}`, 'GL00790033'));
const links = (p: Json | undefined) => (p?.link as { type?: string; other?: Json }[] | undefined) ?? [];
const ref = (p: Json | undefined) => `Patient/${String(p?.id)}`;
const strip = (r: Json) => {
  const { meta: _meta, ...rest } = r;
  return rest;
};

const channels: [string, Options][] = [
  ['default (full PUT)', {}],
  ['conditionalUpdate', { conditionalUpdate: true }],
  ['omittedFields keep', { omittedFields: 'keep' }],
];

describe.each(channels)('a merge survivor named by the enterprise id alone, %s channel', (_name, options) => {
  it('[IG MRG merge pattern; FHIR Patient.link] A28 (PI~MR) then A40 (PI alone): one active Patient, holding PI and MR, replaces the merged record, which is replaced-by it', async () => {
    await deliver(options, A28(`${PI}~${MR}`), A40(PI));
    const survivors = active();
    expect(survivors).toHaveLength(1);
    const person = survivors[0];
    expect(holds(person ?? {}, `urn:oid:${LKS}`, 'LK2209917')).toBe(true);
    // two Patients in all: the person and the merged record (no shell keyed on the PI)
    expect(patients()).toHaveLength(2);
    const old = merged();
    expect(old).toHaveLength(1);
    // [IG MRG: MRG-1 → the merged Patient's identifier], as before this rule
    expect(old[0]?.identifier).toContainEqual(expect.objectContaining({ system: `urn:oid:${HIE}`, value: 'GL00790033' }));
    expect(old[0]?.active).toBe(false);
    const replaces = links(person).filter((l) => l.type === 'replaces');
    expect(replaces).toHaveLength(1);
    // the link names the merged record: literally, or logically by MRG-1
    const other = replaces[0]?.other;
    expect(other?.reference === ref(old[0]) || JSON.stringify(other?.identifier ?? {}).includes('GL00790033')).toBe(true);
    // replaced-by the person: literally, or (a patch under keep) logically by the enterprise id only the person holds
    const by = links(old[0]);
    expect(by).toHaveLength(1);
    expect(by[0]?.type).toBe('replaced-by');
    expect(by[0]?.other?.reference === ref(person) || JSON.stringify(by[0]?.other?.identifier ?? {}).includes('GL00771204')).toBe(true);
    if (options.omittedFields === 'keep') {
      // [v2.5.1 2.5.3, the keep rule] what the A40 omits stays as the A28 said it
      expect((person?.address as { city?: string }[] | undefined)?.[0]?.city).toBe('LAKESHORE');
    }
  });

  it('A28 then two A40s naming PI and MR: one active Patient, its MR held once, replacing both merged records', async () => {
    const second = A40(`${PI}~${MR}`, 'GLE-A40-0004521').replace(RETIRED, `GL00790044^^^GLHIE&${HIE}&ISO^PI`).replace('|GL00790033|', '|GL00790044|');
    await deliver(options, A28(`${PI}~${MR}`), A40(`${PI}~${MR}`), second);
    expect(active()).toHaveLength(1);
    const mrs = ((active()[0]?.identifier as Json[] | undefined) ?? []).filter((i) => i.value === 'LK2209917');
    expect(mrs).toHaveLength(1);
    expect(links(active()[0]).filter((l) => l.type === 'replaces')).toHaveLength(2);
  });
});

describe('a merge survivor at the server (default channel)', () => {
  it('control: A40 for a person the server does not hold: the survivor is created, with the link and the PID\'s demographics', async () => {
    await deliver({}, A40(PI));
    expect(active()).toHaveLength(1);
    const person = active()[0];
    expect(person?.gender).toBe('female');
    expect((person?.name as { family?: string }[] | undefined)?.[0]?.family).toBe('HALLORAN');
    expect(links(person).filter((l) => l.type === 'replaces')).toHaveLength(1);
    expect(links(merged()[0])).toEqual([{ type: 'replaced-by', other: { reference: ref(person) } }]);
  });

  it('a resend of the A40 changes nothing the server holds', async () => {
    await deliver({}, A28(`${PI}~${MR}`), A40(PI));
    const before = patients().map(strip);
    await deliver({}, A40(PI, 'GLE-A40-0004520'));
    expect(patients().map(strip)).toEqual(before);
    expect(active()).toHaveLength(1);
    expect(links(active()[0])).toHaveLength(1);
  });

  it('[v2.5.1 2.5.3; the channel\'s omittedFields rule] PID-16 omitted by the A40: removed under remove (as a full PUT), kept under keep', async () => {
    const married = A28(`${PI}~${MR}`).replace('||^PRN^PH^^1^218^5550143', '||^PRN^PH^^1^218^5550143|||M');
    await deliver({}, married, A40(PI));
    expect(active()).toHaveLength(1);
    expect(active()[0]?.maritalStatus).toBeUndefined();
    server.resources.clear();
    await deliver({ omittedFields: 'keep' }, married, A40(PI));
    expect(active()).toHaveLength(1);
    expect(JSON.stringify(active()[0]?.maritalStatus)).toContain('"code":"M"');
  });

  it('two merges into one person keep both links', async () => {
    const second = A40(PI, 'GLE-A40-0004521').replace(RETIRED, `GL00790044^^^GLHIE&${HIE}&ISO^PI`).replace('|GL00790033|', '|GL00790044|');
    await deliver({}, A28(`${PI}~${MR}`), A40(PI), second);
    expect(active()).toHaveLength(1);
    expect(links(active()[0]).filter((l) => l.type === 'replaces')).toHaveLength(2);
  });

  it('control: a survivor whose identifiers have no system is PUT by id as before', () => {
    const bare = A40('GL00771204^^^GLHIE^PI').replace(RETIRED, 'GL00790033^^^GLHIE^PI');
    const entries = convertHl7v2(bare).bundle.entry as { resource?: Json; request?: { method?: string; url?: string } }[];
    const survivor = entries.find((e) => e.resource?.resourceType === 'Patient' && links(e.resource).some((l) => l.type === 'replaces'));
    expect(survivor?.request?.method).toBe('PUT');
    expect(survivor?.request?.url).toMatch(/^Patient\/[0-9a-f-]+$/);
  });
});

describe('review 23 #08 then #09 at the server (R19-I1 found again)', () => {
  // #08 (Sonoran HIE A08): PID-3 the enterprise PI (an OID) and the facility MR (namespace JFCH, no system),
  // keyed on the MR; #09 (A40): PID-3 the PI alone, MRG-1 the retired PI SH2301299.
  const sample = (name: string) => readFileSync(new URL(`../../docs/review23/messages/${name}`, import.meta.url)).toString('latin1');
  it('[IG MRG merge pattern; FHIR Patient.link] the A40 survivor is the Patient #08 wrote: one active Patient, with #08\'s MR and address', async () => {
    await deliver({}, sample('08-adt-a08-hie-deletes.hl7'), sample('09-adt-a40-merge.hl7'));
    const people = patients().filter((p) => p.active !== false && holds(p, 'urn:oid:2.16.840.1.113883.3.2301.9', 'SH2301207'));
    expect(people).toHaveLength(1);
    expect(JSON.stringify(people[0]?.identifier)).toContain('JF2301207');
    expect((people[0]?.address as { line?: string[] }[] | undefined)?.[0]?.line).toEqual(['1675 N 7TH AVE']);
    expect(links(people[0]).map((l) => l.type)).toEqual(['replaces']);
    const old = patients().find((p) => holds(p, 'urn:oid:2.16.840.1.113883.3.2301.9', 'SH2301299'));
    expect(links(old)).toEqual([{ type: 'replaced-by', other: { reference: ref(people[0]) } }]);
  });
});

describe('a destination\'s FHIR edits reach the survivor\'s patch (code review 19 CR19-3, for this patch too)', () => {
  it('[hig: docs/routing.md FHIR post-processing] remove Patient.birthDate and addIdentifier: the server gets the edited facts', async () => {
    const steps = [{ remove: 'Patient.birthDate' }, { addIdentifier: { resource: 'Patient', system: 'urn:oid:9.9.9', value: 'X23' } }] as FhirStep[];
    await deliver({}, A28(`${PI}~${MR}`));
    const edited = compileFhirEdits(steps)(convertHl7v2(A40(PI)).bundle as Json);
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(edited) });
    expect(res.status).toBe(200);
    const person = active();
    expect(person).toHaveLength(1);
    expect(holds(person[0] ?? {}, 'urn:oid:9.9.9', 'X23')).toBe(true);
    // the edit took birthDate out of what the merge writes: the server keeps the A28's
    expect(person[0]?.birthDate).toBe('1941-08-17');
    const patch = (edited.entry as { resource?: Json; request?: Json }[]).find((e) => e.request?.method === 'PATCH')?.resource;
    expect(JSON.stringify(patch)).not.toContain('valueDate');
    expect(links(person[0]).filter((l) => l.type === 'replaces')).toHaveLength(1);
  });
});
