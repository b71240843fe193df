/**
 * Review 67 R67-W1 and R67-L1 (fix37d), in the Bundle. [v2.5.1 3.3.47] A47 *change patient identifier list*: "a single
 * PID-3 value has been found to be incorrect and has been changed"; MRG-1 is the incorrect identifier. [IG PID[Patient]
 * #3] each PID-3 identifier → Patient.identifier. An A47 whose MRG-1 is no number of the record's key domain (the
 * authority + type of the identifier the Patient's id is derived from: here TPRH MR) corrects an identifier of ONE
 * person: no Patient is retired, no link made, and the wrong number is withdrawn from the record (the survivor patch
 * deletes it where the server holds it). An MRG-1 of the key's domain (an MRN change) stays a merge. A24 / A37 PUTs keep
 * the held identifiers they do not name (the held-element marker R62-L2 gave MRG's retired record). Expected values
 * come from the messages, written by hand.
 *
 *   npx vitest run test/transform/a47-identifier-correction.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { mergeSurvivorFhirPathPatch, mergeSurvivorPatchView } from '../../src/transform/patch.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;
type Entry = { resource?: Json; request?: { method?: string; url?: string }; extension?: Json[] };

const HELD = 'https://hig.example/fhir/StructureDefinition/held-element';
const RETIRED = 'https://hig.example/fhir/StructureDefinition/retired-record';
const AB = 'urn:oid:2.16.840.1.113883.4.999.67';
const SYSTEMS: Options = { namespaceMap: { TPRH: 'urn:oid:2.16.840.1.113883.3.6701', AB } };

const a47 = (mrg: string, event = 'A47', structure = 'ADT_A30') =>
  [
    `MSH|^~\\&|TPRHREG|TPRH|HIG|TPHR|20330313140238-0600||ADT^${event}^${structure}|T-${event}|P|2.5`,
    `EVN|${event}|20330313140200`,
    'PID|1||TP6700135^^^TPRH^MR~967010030^^^AB^JHN||HOVLAND^MARIT^ELISE^^^^L||19900402|F',
    mrg,
  ].join('\r');
const converted = (msg: string, options: Options = {}) => convertHl7v2(msg, options);
const entries = (msg: string, options: Options = {}) => converted(msg, options).bundle.entry as Entry[];
const patients = (msg: string, options: Options = {}) => entries(msg, options).map((e) => e.resource).filter((r): r is Json => r?.resourceType === 'Patient');
const values = (p: Json) => ((p.identifier as Json[] | undefined) ?? []).map((i) => i.value);

describe('R67-W1 [v2.5.1 3.3.47; IG PID[Patient] #3] an A47 whose MRG-1 is of another domain than the record key corrects an identifier', () => {
  it('MRG-1 the mistyped PHN (AB JHN) beside a record keyed on the TPRH MR: one Patient, her MRN and the corrected PHN, no link, nothing inactive', () => {
    const list = patients(a47('MRG|967010003^^^AB^JHN'));
    expect(list.map(values)).toEqual([['TP6700135', '967010030']]);
    expect([list[0]?.active, list[0]?.link]).toEqual([undefined, undefined]);
  });
  it('the report says MRG-1 was read (no "valued but not mapped" line for it)', () => {
    const lines = (converted(a47('MRG|967010003^^^AB^JHN')).report.issue as Json[]).map((i) => String((i.details as Json).text));
    expect(lines.filter((l) => l.startsWith('MRG-1'))).toEqual([]);
  });
  it('an MRG-7 beside it (no record to carry the prior name) is reported with its reason', () => {
    const lines = (converted(a47('MRG|967010003^^^AB^JHN||||||HOVLAND^MARIT')).report.issue as Json[]).map((i) => String((i.details as Json).text));
    expect(lines.filter((l) => l.startsWith('MRG-7'))).toEqual([expect.stringContaining('identifier correction')]);
  });
  it('with namespace systems: the survivor patch deletes the wrong PHN where held and never adds it back', () => {
    const patch = entries(a47('MRG|967010003^^^AB^JHN'), SYSTEMS).find((e) => e.request?.method === 'PATCH' && e.request.url?.startsWith('Patient?') === true)?.resource as Json;
    const text = JSON.stringify(patch);
    expect(text).toContain(`Patient.identifier.where(system = '${AB}' and value = '967010003')`);
    expect(text).not.toContain('"value":"967010003"');
    expect(patients(a47('MRG|967010003^^^AB^JHN'), SYSTEMS).some((p) => p.active === false)).toBe(false);
  });
  it('the withdrawal survives a destination FHIR edit\'s read-back (mergeSurvivorPatchView → mergeSurvivorFhirPathPatch)', () => {
    const patch = entries(a47('MRG|967010003^^^AB^JHN'), SYSTEMS).find((e) => e.request?.method === 'PATCH')?.resource as Json;
    const read = mergeSurvivorPatchView(patch);
    expect(read?.withdrawn).toEqual([`Patient.identifier.where(system = '${AB}' and value = '967010003')`]);
    const again = mergeSurvivorFhirPathPatch(read?.view as never, read?.deleted ?? [], 'keep', new Map(), read?.withdrawn);
    expect(JSON.stringify(again)).toContain("value = '967010003')");
  });
});

describe('R67-W1 controls: an MRG-1 of the record key\'s domain is a merge (the old record is the same person)', () => {
  const retired = (msg: string, options: Options = {}) => patients(msg, options).filter((p) => p.active === false);
  it('A47 MRG-1 another TPRH MR (an MRN change): the old record retired, replaced-by the survivor; its PUT marked with the MRG field', () => {
    const old = retired(a47('MRG|TP6700127^^^TPRH^MR'));
    expect(old.map(values)).toEqual([['TP6700127']]);
    expect((old[0]?.link as Json[])[0]?.type).toBe('replaced-by');
    const put = entries(a47('MRG|TP6700127^^^TPRH^MR')).find((e) => e.resource?.active === false);
    expect(put?.extension).toContainEqual({ url: RETIRED, valueString: 'MRG-1 (segment 4)' });
  });
  it('A47 MRG-1 of the TPRH authority without CX.5: of the key\'s domain (a side without a type takes the other\'s)', () => {
    expect(retired(a47('MRG|TP6700127^^^TPRH')).map(values)).toEqual([['TP6700127']]);
  });
  // code review of fix37d (finding 5): a sender habit is MRG-1 without CX.4; read as "another domain" it made an MRN
  // change a silent correction and left the old record active beside the new one
  it('A47 MRG-1 bare (no CX.4, no CX.5): a number of the key\'s domain (a side without an authority takes the other\'s), a merge', () => {
    expect(retired(a47('MRG|TP6700127')).map(values)).toEqual([['TP6700127']]);
  });
  it('with patientAuthorities [AB] the record is keyed on the PHN: an A47 changing the PHN is a change of the key, a merge', () => {
    expect(retired(a47('MRG|967010003^^^AB^JHN'), { patientAuthorities: ['AB'] }).map(values)).toEqual([['967010003']]);
  });
  it('A40 (a merge by definition) of a PHN-keyed duplicate still retires it: only A47 changes an identifier', () => {
    expect(retired(a47('MRG|967010003^^^AB^JHN', 'A40', 'ADT_A39')).map(values)).toEqual([['967010003']]);
  });
});

describe('R67-L1 [IG PID[Patient] #3; R62-L2 class] A24 / A37 Patient PUTs keep the held identifiers they do not name', () => {
  const pid = (n: number, mrn: string, auth: string) => `PID|${n}||${mrn}^^^${auth}^MR~967010014^^^AB^JHN||CARDINAL^JOSEPHINE^MARIE^^^^L||19610723|F`;
  const link = (event: 'A24' | 'A37') =>
    [`MSH|^~\\&|TPEMPI|TPHR|HIG|TPHR|20330312091133-0700||ADT^${event}^ADT_${event}|E-${event}|P|2.5`, `EVN|${event}|20330312091100`, pid(1, 'TP6700101', 'TPRH'), pid(2, 'WC670201', 'WCCH')].join('\r');
  it.each(['A24', 'A37'] as const)('%s without namespace systems: both Patient PUTs carry the held-element marker for identifier', (event) => {
    const puts = entries(link(event)).filter((e) => e.resource?.resourceType === 'Patient');
    expect(puts.map((e) => e.request?.method)).toEqual(['PUT', 'PUT']);
    for (const e of puts) expect(e.extension).toContainEqual({ url: HELD, valueString: 'identifier' });
  });
  it('control: an A08\'s Patient PUT is not marked (its PID states the record: the documented `remove` default)', () => {
    const a08 = ['MSH|^~\\&|TPRHREG|TPRH|HIG|TPHR|20330312091133-0700||ADT^A08^ADT_A01|R-A08|P|2.5', 'EVN|A08|20330312091100', pid(1, 'TP6700101', 'TPRH'), 'PV1|1|O'].join('\r');
    const put = entries(a08).find((e) => e.resource?.resourceType === 'Patient');
    expect(JSON.stringify(put?.extension ?? [])).not.toContain(HELD);
  });
});
