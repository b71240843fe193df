/**
 * PV1 fields with IG rows that reviews 3 and 4 found only reported (PV1[Encounter] #16, #37, #52).
 * Expected values are written from the rows and the datatype map they name (DLD[Location-Discharge]).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|ADT|GOODHEALTH|EHR|RECV|20240305081500-0500||ADT^A03^ADT_A03|PV1T1|P|2.5.1';
const PID = 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F';

/** A PV1 from its fields by position (PV1-2 I, PV1-19 visit number, PV1-44/45 given). */
function pv1(fields: Record<number, string>): string {
  const all: Record<number, string> = { 2: 'I', 19: 'V100^^^HOSP^VN', 44: '20240301080000', 45: '20240305080000', ...fields };
  const last = Math.max(...Object.keys(all).map(Number));
  return ['PV1', ...Array.from({ length: last }, (_, i) => all[i + 1] ?? '')].join('|');
}

function convert(fields: Record<number, string>, facility = 'GOODHEALTH', controlId = 'PV1T1'): { encounter: Json; bundle: Json; report: string } {
  const msh = MSH.replace('|GOODHEALTH|', `|${facility}|`).replace('|PV1T1|', `|${controlId}|`);
  const { bundle, report } = convertHl7v2([msh, 'EVN|A03|20240305081500-0500', PID, pv1(fields)].join('\r'));
  const encounter = (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Encounter');
  if (encounter === undefined) throw new Error('no Encounter');
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  return { encounter, bundle, report: JSON.stringify(report) };
}

function resolve(bundle: Json, reference: unknown): Json | undefined {
  const ref = (reference as { reference?: string } | undefined)?.reference;
  return (bundle.entry as { fullUrl: string; resource: Json }[]).find((e) => e.fullUrl === ref || `${String(e.resource.resourceType)}/${String(e.resource.id)}` === ref)?.resource;
}

describe('PV1 → Encounter, rows reviews left reported', () => {
  it('[IG PV1[Encounter] #16] VIP indicator → hospitalization.specialCourtesy, the sender\'s code as sent', () => {
    const { encounter } = convert({ 16: 'VIP^Very important^LOCALVIP' });
    const courtesy = (encounter.hospitalization as Json).specialCourtesy as Json[];
    expect(courtesy).toHaveLength(1);
    const coding = (courtesy[0]!.coding as Json[])[0]!;
    expect(coding.code).toBe('VIP');
    expect(coding.display).toBe('Very important');
    // table 0099 is user-defined: no HL7 table system is stamped on the sender's code
    expect(String(coding.system ?? '')).not.toContain('v2-0099');
  });

  it('[IG PV1[Encounter] #37, DLD[Location-Discharge] DLD.1 → type] discharged-to location → hospitalization.destination', () => {
    const { encounter, bundle, report } = convert({ 37: 'SNF&Skilled nursing facility&LOCAL^20240305' });
    const place = resolve(bundle, (encounter.hospitalization as Json).destination);
    expect(place?.resourceType).toBe('Location');
    const type = (place?.type as Json[])[0]!;
    expect((type.coding as Json[])[0]!.code).toBe('SNF');
    expect((type.coding as Json[])[0]!.display).toBe('Skilled nursing facility');
    // DLD.2 has no row: reported, located, without its value
    expect(report).toContain('PV1-37.2');
    expect(report).not.toContain('20240305"');
  });

  it('[IG PV1[Encounter] #37, DLD[Location-Discharge]: DLD.2 has no row] a DLD.2 without DLD.1 is reported too', () => {
    const { encounter, report } = convert({ 37: '^20240305' });
    expect((encounter.hospitalization as Json | undefined)?.destination).toBeUndefined();
    expect(report).toContain('PV1-37.2');
  });

  it('[IG PV1[Encounter] #37] the same discharge location in two messages is the same Location', () => {
    const a = convert({ 37: 'SNF&Skilled nursing facility&LOCAL' });
    const b = convert({ 37: 'SNF&Skilled nursing facility&LOCAL', 19: 'V200^^^HOSP^VN' });
    expect((a.encounter.hospitalization as Json).destination).toEqual((b.encounter.hospitalization as Json).destination);
  });

  // [IG PV1[Encounter] #37 → hospitalization.destination(Location), DLD[Location-Discharge] DLD.1 → type
  // (table 0113, user-defined)] [hig identity: a local code is its sender's (MSH-4), identity.ts codeFact]
  const destinationId = (dld: string, facility: string, controlId: string): string => String(((convert({ 37: dld }, facility, controlId).encounter.hospitalization as Json).destination as Json).reference);
  it.each([
    ['a local system (CWE.3 LOCAL), two senders', 'SNF&Skilled nursing facility&LOCAL', 'NORTH', 'SOUTH', false],
    ['no system, two senders', 'SNF&Skilled nursing facility', 'NORTH', 'SOUTH', false],
    ['table 0113 (user-defined), two senders', 'SNF&Skilled nursing facility&HL70113', 'NORTH', 'SOUTH', false],
    ['a local code, one sender, another message', 'SNF&Skilled nursing facility&LOCAL', 'NORTH', 'NORTH', true],
    ['a published system (SNOMED CT), two senders', '42665001&Nursing home&SCT', 'NORTH', 'SOUTH', true],
  ])('[IG PV1[Encounter] #37] discharge-to, %s: one Location across them = %s', (_name, dld, first, second, same) => {
    const a = destinationId(dld, first, 'C1');
    const b = destinationId(dld, second, 'C2');
    expect(a).toMatch(/^urn:uuid:/);
    if (same) expect(b).toBe(a);
    else expect(b).not.toBe(a);
  });

  it('[IG PV1[Encounter] #52] other healthcare provider → participant type PART (v3-ParticipationType), type.text "Participation"', () => {
    const { encounter, bundle } = convert({ 52: '4444^OTHER^OLIVIA^^^^^^HOSP~5555^SECOND^SAM^^^^^^HOSP' });
    const part = ((encounter.participant ?? []) as Json[]).filter((p) => JSON.stringify(p.type) === JSON.stringify([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PART' }], text: 'Participation' }]));
    expect(part.map((p) => ((resolve(bundle, p.individual)?.name as Json[])[0]!.family))).toEqual(['OTHER', 'SECOND']);
  });

  it.each([
    ['I', 'IMP'],
    ['I^Inpatient^HL70004', 'IMP'],
    ['O', 'AMB'],
  ])('[IG PV1[Encounter] #2, PatientClass[EncounterClass]] a table 0004 class %s → %s', (cls, expected) => {
    expect((convert({ 2: cls }).encounter.class as Json).code).toBe(expected);
  });

  it('[review 4 class A] a class in the sender\'s own system is not read as table 0004: UNK, reported without its value', () => {
    const { encounter, report } = convert({ 2: 'I^Intensive^LOCAL' });
    expect(encounter.class).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK' });
    expect(report).toContain('PV1-2');
    expect(report).not.toContain('Intensive');
  });

  it('a class with text and no code (^Inpatient) is no table 0004 code either: UNK, reported without its text', () => {
    const { encounter, report } = convert({ 2: '^Inpatient stay' });
    expect(encounter.class).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK' });
    expect(report).toContain('PV1-2');
    expect(report).not.toContain('stay');
  });

  it('[IG PV1[Encounter] #4 via AdmissionType] E → v2-0007 E with the table\'s display "Emergency"', () => {
    const type = (convert({ 4: 'E' }).encounter.type as Json[])[0]!;
    expect(type.coding).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v2-0007', code: 'E', display: 'Emergency' }]);
  });

  it('every field these rows cover leaves the report', () => {
    const { report } = convert({ 16: 'VIP', 37: 'HOME', 52: '4444^OTHER^OLIVIA' });
    for (const f of ['PV1-16', 'PV1-37', 'PV1-52']) expect(report).not.toMatch(new RegExp(`${f}\\b(?!\\.)`));
  });
});
