/**
 * Review 6's most frequent losses (docs/mapping-review-6.md "Losses, grouped by field"), each per
 * its IG row: PV1-54 has one (PV1[Encounter] #54 → episodeOfCare(EpisodeOfCare.identifier),
 * CX[Identifier]) and is mapped; PV1-39, PV1-41 (no target in any PV1 map), PID-27 (PID[Patient]
 * #27 names an extension `extension??-veteranMilitaryStatus` that does not exist: hig's own since
 * issue 14, reported under unnamedExtensions 'report'), OBX-32
 * (OBX[Observation] #32, no target) and SPM-11 (SPM[Specimen] #11, no target) have none and must
 * stay in the report, out of the Bundle. Expected values are written from the rows.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { convertChecked, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|ADT|GOODHEALTH|EHR|RECV|20240305081500-0500||ADT^A01^ADT_A01|R6L1|P|2.5.1';
const PID = 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F';


const run = convertChecked;

const adt = (pv1: Record<number, string>, pid = PID) => run(MSH, 'EVN|A01|20240305081500-0500', pid, seg('PV1', { 2: 'I', 19: 'V100^^^HOSP^VN', ...pv1 }));
const DATA_ABSENT = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] };

describe('[IG PV1[Encounter] #54] PV1-54 service episode identifier → Encounter.episodeOfCare(EpisodeOfCare.identifier)', () => {
  it('CX.1/CX.4 → EpisodeOfCare.identifier (CX[Identifier]); status unknown (no row), patient the PID\'s', () => {
    const { bundle, lines } = adt({ 54: 'EOC124^^^HOSP' });
    const [episode, ...more] = resources(bundle, 'EpisodeOfCare');
    expect(more).toEqual([]);
    // [IG CX[Identifier] CX.1 → value, CX.4 → assigner(Organization)]
    expect(episode).toMatchObject({ identifier: [{ value: 'EOC124', assigner: { display: 'HOSP' } }], _status: DATA_ABSENT });
    expect(episode!.status).toBeUndefined();
    const patient = resources(bundle, 'Patient')[0]!;
    const fullUrl = (r: Json) => (bundle.entry as { fullUrl: string; resource: Json }[]).find((e) => e.resource === r)!.fullUrl;
    expect((episode!.patient as Json).reference).toBe(fullUrl(patient));
    const encounter = resources(bundle, 'Encounter')[0]!;
    expect(encounter.episodeOfCare).toEqual([{ reference: fullUrl(episode!) }]);
    expect(lines.some((t) => t.startsWith('PV1-54'))).toBe(false);
  });

  it('the same episode number in two messages is one EpisodeOfCare (keyed by the identifier, as a visit by PV1-19)', () => {
    const a = resources(adt({ 54: 'EOC124^^^HOSP' }).bundle, 'EpisodeOfCare')[0]!;
    const b = resources(adt({ 19: 'V200^^^HOSP^VN', 54: 'EOC124^^^HOSP' }).bundle, 'EpisodeOfCare')[0]!;
    expect(b.id).toBe(a.id);
  });

  it('a PV1-54 without CX.1 gives no EpisodeOfCare and is reported', () => {
    const { bundle, lines } = adt({ 54: '^^^HOSP' });
    expect(resources(bundle, 'EpisodeOfCare')).toEqual([]);
    expect(lines.some((t) => t.startsWith('PV1-54 (segment 4)'))).toBe(true);
  });
});

describe('fields without an IG target stay in the report, out of the Bundle', () => {
  it.each([
    // [IG PV1[Encounter] #39, PV1[Patient], PV1[Coverage], PV1[Basic-EncounterHistory]: no target]
    ['PV1-39', { 39: 'HOMERTON UNIVER' }],
    // [IG PV1[Encounter] #41 and the other PV1 maps: no target]
    ['PV1-41', { 41: 'Active' }],
  ])('%s', (field, pv1) => {
    const { bundle, lines } = adt(pv1 as Record<number, string>);
    expect(lines).toContain(`${field} (segment 4) is valued but not mapped`);
    expect(JSON.stringify(bundle)).not.toMatch(/HOMERTON|"Active"/);
  });

  it('PID-27 [IG PID[Patient] #27 → "extension??-veteranMilitaryStatus": no extension by that name] with unnamedExtensions \'report\' (issue 14: else hig\'s v2-veteranMilitaryStatus, unnamed-extensions.test.ts)', () => {
    const pid = seg('PID', { 1: '1', 3: 'MRN1^^^HOSP^MR', 5: 'DOE^JANE', 7: '19800215', 8: 'F', 27: 'Vet123^retired^ART' });
    const { bundle, report } = convertHl7v2([MSH, 'EVN|A01|20240305081500-0500', pid, seg('PV1', { 2: 'I', 19: 'V100^^^HOSP^VN' })].join('\r'), { unnamedExtensions: 'report' });
    const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
    expect(lines).toContain('PID-27 (segment 3) is valued but not mapped');
    expect(JSON.stringify(bundle)).not.toContain('Vet123');
  });

  it('OBX-32 [IG OBX[Observation] #32: no target] and SPM-11 [IG SPM[Specimen] #11: no target]', () => {
    const { bundle, lines } = run(
      'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240305081500-0500||ORU^R01^ORU_R01|R6L2|P|2.5.1',
      PID,
      'OBR|1|PL1^CPOE|FL1^LAB|2345-7^Glucose^LN|||20240305080000-0500',
      seg('OBX', { 1: '1', 2: 'NM', 3: '2345-7^Glucose^LN', 5: '95', 6: 'mg/dL^mg/dL^UCUM', 11: 'F', 32: 'NASK^not asked^HL70960' }),
      seg('SPM', { 1: '1', 2: 'SP1^LAB', 4: 'BLD^Blood^HL70487', 11: 'P^Patient^HL70369' }),
    );
    expect(lines).toContain('OBX-32 (segment 4) is valued but not mapped');
    expect(lines).toContain('SPM-11 (segment 5) is valued but not mapped');
    expect(JSON.stringify(bundle)).not.toMatch(/NASK|HL70369/);
  });
});
