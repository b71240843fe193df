/**
 * Review 36's notes on the device and imaging feeds (docs/mapping-review-36.md R36-N1, R36-N2), on its own
 * messages (docs/review36/messages):
 * - N1 [FHIR R4 observation-vitalsigns; ValueSet observation-vitalsignresult; docs/mapping.md "Clinical content"]:
 *   an Observation whose code is a vital-sign LOINC code SHALL conform to the vital signs profile, which requires
 *   category `vital-signs` (observation-category); no IG row. Beside any other category (the ECG's `procedure`).
 * - N2 [table 0396 coding system names; FHIR R4 / THO code system registry]: MDC is ISO/IEEE 11073-10101
 *   `urn:iso:std:iso:11073:10101`, DCM is DICOM Controlled Terminology `http://dicom.nema.org/resources/ontology/DCM`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

type Coding = { system?: string; code?: string };
type Concept = { coding?: Coding[] };
const dir = new URL('../../docs/review36/messages/', import.meta.url);
const sample = (n: string) => readFileSync(new URL(readdirSync(dir).find((f) => f.startsWith(`${n}-`)) ?? '', dir)).toString('latin1');
const observations = (n: string) => resources(convertHl7v2(sample(n)).bundle, 'Observation');
const codes = (o: Record<string, unknown>) => ((o.code as Concept | undefined)?.coding ?? []).map((c) => c.code);
const categories = (o: Record<string, unknown>) => ((o.category as Concept[] | undefined) ?? []).flatMap((c) => c.coding ?? []);
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const isVital = (o: Record<string, unknown>) => categories(o).some((c) => c.system === OBSERVATION_CATEGORY && c.code === 'vital-signs');
const VITAL = ['8867-4', '59408-5', '8480-6', '8462-4', '9279-1', '8310-5'];

describe('R36-N1: vital-sign Observations carry category vital-signs [FHIR R4 observation-vitalsigns]', () => {
  it('#07 (SPANDAN-GW, MDC code with the LOINC in CWE.4): heart rate, SpO2, NBP systolic/diastolic, resp rate, temperature; not mean BP nor #08\'s glucose', () => {
    const obs = observations('07');
    for (const loinc of VITAL) {
      const found = obs.filter((o) => codes(o).includes(loinc));
      expect(found.length, loinc).toBeGreaterThan(0);
      for (const o of found) expect(isVital(o), loinc).toBe(true);
    }
    // mean BP 8478-0 is no code of the R4 value set: no vital-signs category is claimed for it
    expect(obs.filter((o) => codes(o).includes('8478-0')).some(isVital)).toBe(false);
    // #08's POC glucose 41653-7 is no vital sign
    expect(observations('08').some(isVital)).toBe(false);
  });
  it('#10 (ECG, OBR-24 EC): the heart rate keeps `procedure` and adds vital-signs; the PR interval stays `procedure` only', () => {
    const obs = observations('10');
    const hr = obs.find((o) => codes(o).includes('8867-4'));
    expect(categories(hr ?? {}).map((c) => c.code)).toEqual(['procedure', 'vital-signs']);
    const pr = obs.find((o) => codes(o).includes('8625-6'));
    expect(isVital(pr ?? {})).toBe(false);
    expect(categories(pr ?? {}).map((c) => c.code)).toEqual(['procedure']);
  });
});

describe('R36-N2: table 0396 MDC and DCM → FHIR\'s system URIs', () => {
  it('#07: the monitor\'s MDC codes (OBX-3 and the OBX-17 method) are urn:iso:std:iso:11073:10101, the LOINC beside them kept', () => {
    const hr = observations('07').find((o) => codes(o).includes('147842'));
    expect((hr?.code as Concept).coding).toContainEqual(expect.objectContaining({ system: 'urn:iso:std:iso:11073:10101', code: '147842' }));
    expect((hr?.code as Concept).coding).toContainEqual(expect.objectContaining({ system: 'http://loinc.org', code: '8867-4' }));
    expect(JSON.stringify(convertHl7v2(sample('07')).bundle)).not.toContain('urn:hl7v2:codesystem:MDC');
  });
  it('#06: the study instance UID code 113014 is DICOM\'s http://dicom.nema.org/resources/ontology/DCM', () => {
    const uid = observations('06').find((o) => codes(o).includes('113014'));
    expect((uid?.code as Concept).coding).toContainEqual(expect.objectContaining({ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '113014' }));
    expect(JSON.stringify(convertHl7v2(sample('06')).bundle)).not.toContain('urn:hl7v2:codesystem:DCM');
  });
});
