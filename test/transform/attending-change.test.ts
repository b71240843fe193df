/**
 * Review 57 R57-R2: ADT^A54 (change attending doctor, v2.5.1 3.3.54) and ADT^A55 (cancel change attending doctor,
 * 3.3.55), structure ADT_A54 (`MSH EVN PID [PD1] [{ROL}] PV1 [PV2] [{ROL}]`), were refused with UNSUPPORTED_EVENT, so a
 * hospitalist's takeover never reached the visit. The IG has no ADT_A54 message map and no A54/A55 row in
 * Event[EncounterStatus]: read with the visit-update rows (IG ADT_A01 message map: PID[Patient], PV1[Encounter],
 * PV2[Encounter], ROL[Encounter-PractitionerRole]) restricted to what the event means [hig attending-change rule]:
 * the attending (PV1-7; in an A55 the attending restored) is the visit's, the status is not conveyed (as the IG's A08,
 * `unknown` with the held-status marker), and what the message does not restate is kept at the FHIR destination (the
 * held-element marker of a cancel; participants of other types kept). Expected values are written from the messages
 * (synthetic visit KV9602 of the hospital KRH), not from hig's output.
 *
 *   npx vitest run test/transform/attending-change.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { entries, resources } from './helpers.js';

type Json = Record<string, unknown>;

const HELD_ELEMENT = 'https://hig.example/fhir/StructureDefinition/held-element';
const HELD_STATUS = 'https://hig.example/fhir/StructureDefinition/encounter-status-held';
const PID = 'PID|1||KA9600201^^^KRH^MR||TESTATTEND^DANIEL||19480927|M';
const STRAND = '1649503321^STRAND^EMILY^R^^DR^MD^^NPI';
const MWANGI = '1932440857^MWANGI^JOSEPH^^^DR^MD^^NPI';
/** PV1: class I, PV1-7 the attending, PV1-19 KV9602; the rest left out (a bare A54 names the visit and its doctor). */
function pv1(attending: string): string {
  const f: string[] = Array<string>(20).fill('');
  [f[0], f[1], f[2], f[7], f[19]] = ['PV1', '1', 'I', attending, 'KV9602^^^KRH^VN'];
  return f.join('|');
}
const adt = (event: string, ...segments: string[]) =>
  [`MSH|^~\\&|PAS|KRH|HIG|KRH|20331106071020-0900||ADT^${event}^ADT_A54|M${event}|P|2.5.1`, `EVN|${event}|20331106071000-0900`, PID, ...segments].join('\r');

const visitEntry = (msg: string) => entries(convertHl7v2(msg).bundle).find((e) => e.resource.resourceType === 'Encounter') as unknown as { resource: Json; extension?: Json[] };
/** The NPI of each participant of type `code`. */
const npis = (v: Json, code: string) => ((v.participant as Json[] | undefined) ?? [])
  .filter((p) => JSON.stringify(p.type).includes(`"code":"${code}"`))
  .map((p) => String(p.individual && JSON.stringify(p.individual)));
const practitionerNpi = (msg: string, reference: string) => {
  const all = resources(convertHl7v2(msg).bundle, 'Practitioner');
  const p = all.find((x) => reference.includes(String(x.id)));
  return JSON.stringify(p?.identifier ?? null).match(/"value":"(\d+)"/)?.[1];
};
const attendings = (msg: string) => npis(visitEntry(msg).resource, 'ATND').map((r) => practitionerNpi(msg, r));
const held = (msg: string) => (visitEntry(msg).extension ?? []).filter((x) => x.url === HELD_ELEMENT).map((x) => x.valueString);

describe('R57-R2: ADT^A54 change attending doctor and ADT^A55 its cancel [hig attending-change rule; IG PV1[Encounter] #7]', () => {
  it('[v2.5.1 3.3.54] an A54 converts (structure ADT_A54): the visit KV9602 whose attending is PV1-7 (NPI 1649503321)', () => {
    const msg = adt('A54', pv1(STRAND));
    const r = convertHl7v2(msg);
    expect([r.messageType, r.structure]).toEqual(['ADT^A54', 'ADT_A54']);
    expect(validateBundle(r.bundle)).toEqual([]);
    expect(JSON.stringify(visitEntry(msg).resource.identifier)).toContain('"value":"KV9602"');
    expect(attendings(msg)).toEqual(['1649503321']);
  });

  it('[v2.5.1 3.3.55] an A55\'s PV1-7 is the attending restored (NPI 1932440857): the visit\'s attending', () => {
    const msg = adt('A55', pv1(MWANGI));
    expect(convertHl7v2(msg).structure).toBe('ADT_A54');
    expect(attendings(msg)).toEqual(['1932440857']);
  });

  it('[IG Event[EncounterStatus] A08 "does not convey the status", read for A54/A55] the status is not conveyed: unknown, with the held-status marker; a PV1-2 I does not make it in-progress', () => {
    for (const event of ['A54', 'A55']) {
      const e = visitEntry(adt(event, pv1(STRAND)));
      expect(e.resource.status).toBe('unknown');
      expect((e.extension ?? []).some((x) => x.url === HELD_STATUS)).toBe(true);
    }
  });

  it('what the A54 does not restate is kept as held: period.start (no PV1-44), the admit reason, the other participants (by type), the expected dates', () => {
    const marks = held(adt('A54', pv1(STRAND)));
    for (const path of ['period.start', 'period.end', 'reasonCode', 'hospitalization.admitSource', 'participant@type']) expect(marks, path).toContain(path);
    // the participant list is merged by type, not kept whole: the PUT's attending replaces the held one
    expect(marks).not.toContain('participant');
  });

  it('[IG ROL[Encounter-PractitionerRole]] a visit ROL after the PV1 (ROL-3 AT) names the attending too', () => {
    const msg = adt('A54', pv1(''), `ROL|1|AD|AT^Attending^HL70443|${STRAND}`);
    expect(npis(visitEntry(msg).resource, 'ATND')).toHaveLength(1);
  });
});

/** Report lines of a conversion (the OperationOutcome issues' details.text). */
const reportLines = (msg: string) => ((convertHl7v2(msg).report.issue as Json[] | undefined) ?? []).map((i) => String((i.details as Json | undefined)?.text));
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

describe('code review 37 (fix38f): what an attending change removes, and the visit it must name', () => {
  it('[CR37-1; v2.5.1 3.3.54] an A54 whose PV1 names no visit by PV1-19/50/44/5 is refused, located, with no value', () => {
    const bare = `PV1|1|I|||||${STRAND}`;
    expect(() => convertHl7v2(adt('A54', bare))).toThrow('MAPPING_FAILED: PV1 (segment 4): an attending change (A54/A55) must name its visit by PV1-19, PV1-50, PV1-44 or PV1-5');
    expect(() => convertHl7v2(adt('A54', bare))).not.toThrow(/STRAND|1649503321/);
    expect(() => convertHl7v2(adt('A55', bare))).toThrow(/must name its visit/);
  });

  it('[CR37-3; table 0287 DE; IG ROL[Encounter-PractitionerRole] #3 CP → CON] a ROL-2 DE of the consultant marks its removal: the person, the role\'s types; no participant, no Practitioner made', () => {
    const msg = adt('A54', pv1(STRAND), `ROL|1|DE|CP^Consulting Provider^HL70443|${MWANGI}`);
    const drops = held(msg).filter((m) => String(m).startsWith('participant@drop:'));
    expect(drops).toHaveLength(1);
    const [individual, ...types] = String(drops[0]).slice('participant@drop:'.length).split(',').map(decodeURIComponent);
    expect(types).toContain(`${V3}|CON`);
    // the id of the Practitioner the same XCN makes where it is written (its PV1-7 in an A55)
    const made = resources(convertHl7v2(adt('A55', pv1(MWANGI))).bundle, 'Practitioner').map((p) => p.id);
    expect(made).toContain(individual);
    expect(resources(convertHl7v2(msg).bundle, 'Practitioner')).toHaveLength(1); // Strand only
    expect(npis(visitEntry(msg).resource, 'CON')).toEqual([]);
  });

  it('[CR37-3] a ROL-2 DE in an A08 (participants written whole) marks nothing: leaving it out is the delete', () => {
    const a08 = [`MSH|^~\\&|PAS|KRH|HIG|KRH|20331106071020-0900||ADT^A08^ADT_A01|MA08|P|2.5.1`, 'EVN|A08|20331106071000-0900', PID, pv1(STRAND), `ROL|1|DE|CP^Consulting Provider^HL70443|${MWANGI}`].join('\r');
    expect(held(a08).filter((m) => String(m).startsWith('participant@drop:'))).toEqual([]);
  });

  it('[CR37-3; v2.5.1 3.3.55] an A55 with PV1-7 empty removes the held attending (type ATND, any individual) and says so at PV1-7', () => {
    const msg = adt('A55', pv1(''));
    expect(held(msg)).toContain(`participant@drop:,${encodeURIComponent(`${V3}|ATND`)}`);
    expect(reportLines(msg).filter((l) => l.startsWith('PV1-7 (segment 4): empty in a cancel of an attending change (A55'))).toHaveLength(1);
    // an A55 that restores one, and an A54 with PV1-7 empty, remove nothing
    expect(held(adt('A55', pv1(MWANGI))).filter((m) => String(m).includes('@drop:'))).toEqual([]);
    expect(held(adt('A54', pv1(''))).filter((m) => String(m).includes('@drop:'))).toEqual([]);
  });
});
