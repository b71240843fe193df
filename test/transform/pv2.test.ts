/**
 * PV2 → Encounter, one row per IG row (corpus/hl7-v2-to-fhir-ig/mappings/segments PV2[Encounter]).
 * Expected values are written from the rows (and the datatype / concept maps they name), not from
 * the converter's output; each Bundle must also validate.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|ADT|GOODHEALTH|EHR|RECV|20240305081500-0500||ADT^A01^ADT_A01|PV2T1|P|2.5.1';
const PID = 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F';
const PV1 = 'PV1|1|I|3N^301^1^GH||||1234^ATTEND^ALICE|5678^REFER^ROB^^^^^^HOSP|||||||||||V100^^^HOSP^VN|||||||||||||||||||||||||20240305080000';

/** A PV2 from its fields by position, so the test data cannot miscount pipes. */
function pv2(fields: Record<number, string>): string {
  const last = Math.max(...Object.keys(fields).map(Number));
  return ['PV2', ...Array.from({ length: last }, (_, i) => fields[i + 1] ?? '')].join('|');
}

function convert(pv2Segment: string): { encounter: Json; bundle: Json; report: string } {
  const { bundle, report } = convertHl7v2([MSH, 'EVN|A01|20240305081500-0500', PID, PV1, pv2Segment].join('\r'));
  const entries = (bundle.entry as { resource: Json }[]).map((e) => e.resource);
  const encounter = entries.find((r) => r.resourceType === 'Encounter');
  if (encounter === undefined) throw new Error('no Encounter');
  return { encounter, bundle, report: JSON.stringify(report) };
}

function resolve(bundle: Json, reference: unknown): Json | undefined {
  const ref = (reference as { reference?: string } | undefined)?.reference;
  return (bundle.entry as { fullUrl: string; resource: Json }[]).find((e) => e.fullUrl === ref || `${String(e.resource.resourceType)}/${String(e.resource.id)}` === ref)?.resource;
}

const extension = (e: Json, url: string) => ((e.extension ?? []) as Json[]).filter((x) => x.url === url);

describe('PV2 → Encounter (IG PV2[Encounter])', () => {
  const rows: { row: string; fields: Record<number, string>; check: (r: ReturnType<typeof convert>) => void }[] = [
    {
      row: '#1 PV2-1 prior pending location → location, status planned',
      fields: { 1: '4W^410^2^GH' },
      check: ({ encounter, bundle }) => {
        const planned = ((encounter.location ?? []) as Json[]).filter((l) => l.status === 'planned');
        expect(planned).toHaveLength(1);
        expect(resolve(bundle, planned[0]!.location)?.name).toBe('2');
      },
    },
    {
      row: '#8 PV2-8 expected admit → extension plannedStartDate (R5 cross-version)',
      fields: { 8: '20240306090000' },
      check: ({ encounter }) => {
        expect(extension(encounter, 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Encounter.plannedStartDate')).toEqual([{ url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Encounter.plannedStartDate', valueDateTime: '2024-03-06T09:00:00-05:00' }]);
      },
    },
    {
      row: '#9 PV2-9 expected discharge → extension plannedEndDate (R5 cross-version)',
      fields: { 9: '20240310120000' },
      check: ({ encounter }) => {
        expect(extension(encounter, 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Encounter.plannedEndDate')).toEqual([{ url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Encounter.plannedEndDate', valueDateTime: '2024-03-10T12:00:00-05:00' }]);
        // an expected discharge is not the end of the visit
        expect((encounter.period as Json | undefined)?.end).toBeUndefined();
      },
    },
    {
      row: '#11 PV2-11 actual length of stay → length (NM[Quantity-LengthOfStay]: days, UCUM d)',
      fields: { 11: '4' },
      check: ({ encounter }) => expect(encounter.length).toEqual({ value: 4, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' }),
    },
    {
      row: '#11 NM[Quantity-LengthOfStay] "if negative raise an error": reported, not placed',
      fields: { 11: '-2' },
      check: ({ encounter, report }) => {
        expect(encounter.length).toBeUndefined();
        expect(report).toContain('PV2-11');
        expect(report).not.toContain('-2');
      },
    },
    {
      row: '#12 PV2-12 visit description → text.div (XHTML, escaped)',
      fields: { 12: 'Knee \\T\\ hip <review>' }, // \\T\\ is the escaped subcomponent separator, &
      check: ({ encounter }) => {
        const text = encounter.text as Json;
        expect(text.status).toBe('additional');
        expect(text.div).toBe('<div xmlns="http://www.w3.org/1999/xhtml">Knee &#38; hip &#60;review&#62;</div>');
      },
    },
    {
      row: '#12 text.div is XHTML [XML 1.0 Char: no C0 control but tab/LF/CR]: a \\X00\\ control is left out and reported',
      fields: { 12: 'Knee\\X00\\ hip' },
      check: ({ encounter, report }) => {
        expect((encounter.text as Json).div).toBe('<div xmlns="http://www.w3.org/1999/xhtml">Knee hip</div>');
        expect(report).toContain('PV2-12');
      },
    },
    {
      row: '#13 PV2-13 referral source → participant type REF (v3-ParticipationType), text "referrer"',
      fields: { 13: '9999^SOURCE^SAM^^^^^^HOSP' },
      check: ({ encounter, bundle }) => {
        const refs = ((encounter.participant ?? []) as Json[]).filter((p) => JSON.stringify(p.type).includes('"code":"REF"'));
        const names = refs.map((p) => (resolve(bundle, p.individual)?.name as Json[] | undefined)?.[0]?.family);
        expect(names).toContain('SOURCE');
        const fromPv2 = refs.find((p) => (resolve(bundle, p.individual)?.name as Json[])[0]!.family === 'SOURCE')!;
        expect(fromPv2.type).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'REF' }], text: 'referrer' }]);
      },
    },
    {
      row: '#13 the same referrer in PV1-8 and PV2-13 is one participant',
      fields: { 13: '5678^REFER^ROB^^^^^^HOSP' },
      check: ({ encounter }) => {
        const refs = ((encounter.participant ?? []) as Json[]).filter((p) => JSON.stringify(p.type).includes('"code":"REF"'));
        expect(refs).toHaveLength(1);
      },
    },
    {
      row: '#22 PV2-22 Y → meta.security restricted (hig: the label a server enforces, as PD1-12)',
      fields: { 22: 'Y' },
      check: ({ encounter }) => expect((encounter.meta as Json).security).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R', display: 'restricted' }]),
    },
    {
      row: '#22 PV2-22 N adds no label (not protected is the default; no `normal` beside another segment\'s `restricted`)',
      fields: { 22: 'N' },
      check: ({ encounter, report }) => {
        expect((encounter.meta as Json | undefined)?.security).toBeUndefined();
        expect(report).not.toContain('PV2-22');
      },
    },
    {
      row: '#22 PV2-22 other than Y/N: reported',
      fields: { 22: 'X' },
      check: ({ encounter, report }) => {
        expect((encounter.meta as Json | undefined)?.security).toBeUndefined();
        expect(report).toContain('PV2-22');
      },
    },
    {
      row: '#38 PV2-38 mode of arrival → extension encounter-modeOfArrival (ModeOfArrivalCode: A → v2-0430 A Ambulance)',
      fields: { 38: 'A' },
      check: ({ encounter }) => {
        expect(extension(encounter, 'http://hl7.org/fhir/StructureDefinition/encounter-modeOfArrival')).toEqual([
          { url: 'http://hl7.org/fhir/StructureDefinition/encounter-modeOfArrival', valueCoding: { system: 'http://terminology.hl7.org/CodeSystem/v2-0430', code: 'A', display: 'Ambulance' } },
        ]);
      },
    },
    {
      row: '#38 a mode-of-arrival code in the sender\'s own system keeps it (not read as table 0430)',
      fields: { 38: 'A^Air ambulance^LOCAL' },
      check: ({ encounter }) => {
        // [IG CWE[Coding] CWE.1 → code, CWE.2 → display, CWE.3 → system]: the sender's coding, not table 0430's A
        const codings = extension(encounter, 'http://hl7.org/fhir/StructureDefinition/encounter-modeOfArrival').map((x) => x.valueCoding as Json);
        expect(codings).toHaveLength(1);
        expect(codings[0]).toMatchObject({ code: 'A', display: 'Air ambulance' });
        expect(codings[0]!.system).not.toBe('http://terminology.hl7.org/CodeSystem/v2-0430');
      },
    },
    {
      row: '#38 a mode of arrival with text and no code (CWE.2 only) cannot be a Coding: reported without its text',
      fields: { 38: '^Arrived by taxi' },
      check: ({ encounter, report }) => {
        expect(extension(encounter, 'http://hl7.org/fhir/StructureDefinition/encounter-modeOfArrival')).toEqual([]);
        expect(report).toContain('PV2-38');
        expect(report).not.toContain('taxi');
      },
    },
    {
      row: '#38 a code without a system that is no table 0430 code (words) keeps no system and is reported without its value',
      fields: { 38: 'By taxi' },
      check: ({ report }) => {
        expect(report).toContain('PV2-38');
        expect(report).not.toContain('taxi');
      },
    },
  ];

  it.each(rows)('$row', ({ fields, check }) => {
    const result = convert(pv2(fields));
    check(result);
    expect(validateBundle(result.bundle).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('every row the test covers is a field the report no longer lists', () => {
    const { report } = convert(pv2({ 1: '4W^410^2^GH', 8: '20240306090000', 9: '20240310120000', 11: '4', 12: 'x', 13: '9999^SOURCE^SAM', 22: 'N', 38: 'A' }));
    for (const f of [1, 8, 9, 11, 12, 13, 22, 38]) expect(report).not.toMatch(new RegExp(`PV2-${f}\\b`));
  });
});

describe('PV2-8 and Encounter.period (hig rule, limited to a visit still to come)', () => {
  const encounterOf = (event: string, pv1: string) => {
    const { bundle } = convertHl7v2([MSH.replace('ADT^A01^ADT_A01', `ADT^${event}^ADT_A05`), `EVN|${event}|20240305081500-0500`, PID, pv1, pv2({ 8: '20240306090000' })].join('\r'));
    return (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Encounter')!;
  };
  // a PV1 without PV1-44 (no actual admit time)
  const PV1_NO_44 = 'PV1|1|I|3N^301^1^GH||||1234^ATTEND^ALICE||||||||||||V100^^^HOSP^VN';

  it('A05 pre-admit (planned): the expected admit is the planned visit\'s start', () => {
    const e = encounterOf('A05', PV1_NO_44);
    expect(e.status).toBe('planned');
    expect((e.period as Json).start).toBe('2024-03-06T09:00:00-05:00');
  });

  it('A01 admit (in progress) without PV1-44: no actual start is made up from the expected one', () => {
    const e = encounterOf('A01', PV1_NO_44);
    expect(e.status).toBe('in-progress');
    expect((e.period as Json | undefined)?.start).toBeUndefined();
    expect(extension(e, 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Encounter.plannedStartDate')).toHaveLength(1);
  });
});
