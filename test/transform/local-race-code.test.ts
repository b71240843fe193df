/**
 * Review 62 R62-L1 (and review 60 R60-L1, the class of R47-L1 / R53-L1): a PID-10 race coded in a code set that is
 * neither the US race code set (CDC Race & Ethnicity, urn:oid:2.16.840.1.113883.6.238, which table 0005 carries) nor
 * one a national extension names (AUSIS, the NZ ethnicity classification) — `CN^Chinese^KRG-RACE`, a Singapore
 * cluster's table — was written as US Core race text, its code and system dropped without a report line.
 * [IG PID[Patient] #10: "should use the local extension, e.g., US = US Core Race Extension"; #22 the same for the
 * ethnic group; IG CWE[CodeableConcept] CWE.1 → coding.code, CWE.2 → display, CWE.3 → system] The code is kept whole,
 * as a CodeableConcept in hig's local extension `v2-race` (`v2-ethnicGroup` for PID-22); US Core race holds the US
 * code set only (and a sender's text without a code). Messages written here by hand; expected values from the message
 * and the IG rows, not from hig's output.
 *
 *   npx vitest run test/transform/local-race-code.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const adt = (pid10: string, pid22 = '') => [
  'MSH|^~\\&|KRGPAS|KRG|HIG|KRG|20340506091500+0800||ADT^A04^ADT_A01|SG-1|P|2.6',
  'EVN|A04|20340506091500',
  `PID|1||KRG0000001^^^KRG^MR||TAN^WEI MING||19710322|M||${pid10}${'|'.repeat(12)}${pid22}`,
  'PV1|1|O|DIAB^^^KRG',
].join('\r');
const converted = (pid10: string, pid22 = '', options = {}) => convertHl7v2(adt(pid10, pid22), options);
const patient = (r: ReturnType<typeof convertHl7v2>) => (r.bundle.entry as Array<{ resource?: Json }>).map((e) => e.resource as Json).find((x) => x?.resourceType === 'Patient') as Json;
const extensions = (r: ReturnType<typeof convertHl7v2>, url: string) => ((patient(r).extension as Json[] | undefined) ?? []).filter((e) => e.url === url);
const lines = (r: ReturnType<typeof convertHl7v2>) => ((r.report?.issue ?? []) as Array<{ details?: { text?: string } }>).map((i) => i.details?.text ?? '');
const BASE = 'https://hig.example/fhir/StructureDefinition/';
const LOCAL_RACE = `${BASE}v2-race`;
const LOCAL_ETHNIC = `${BASE}v2-ethnicGroup`;
const RACE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';
const ETHNICITY = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity';

describe('R62-L1 [IG PID[Patient] #10 local extension; IG CWE[CodeableConcept]] a race of another code set', () => {
  it('CN^Chinese^KRG-RACE → v2-race with the code, its system and display; no US Core race', () => {
    const r = converted('CN^Chinese^KRG-RACE');
    expect(extensions(r, LOCAL_RACE)).toEqual([{ url: LOCAL_RACE, valueCodeableConcept: { coding: [{ system: 'urn:hl7v2:codesystem:KRG-RACE', code: 'CN', display: 'Chinese' }] } }]);
    expect(extensions(r, RACE)).toEqual([]);
  });
  it('a CDC race beside a local one: the CDC code in US Core race (its text only), the local code in v2-race', () => {
    const r = converted('2028-9^Asian^CDCREC~CN^Chinese^KRG-RACE');
    expect(extensions(r, RACE)).toEqual([
      { url: RACE, extension: [{ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2028-9', display: 'Asian' } }, { url: 'text', valueString: 'Asian' }] },
    ]);
    expect(extensions(r, LOCAL_RACE).map((e) => ((e.valueCodeableConcept as Json).coding as Json[])[0]?.code)).toEqual(['CN']);
  });
  it('two local races: two extensions in the sender\'s order', () => {
    const r = converted('CN^Chinese^KRG-RACE~IN^Indian^KRG-RACE');
    expect(extensions(r, LOCAL_RACE).map((e) => ((e.valueCodeableConcept as Json).coding as Json[])[0]?.code)).toEqual(['CN', 'IN']);
  });
  it('a code that only looks like a CDC code but names another system (2106-3^White^L) is that system\'s code', () => {
    const r = converted('2106-3^White^L');
    expect(extensions(r, RACE)).toEqual([]);
    expect(extensions(r, LOCAL_RACE)).toEqual([{ url: LOCAL_RACE, valueCodeableConcept: { coding: [{ system: 'urn:hl7v2:codesystem:L', code: '2106-3', display: 'White' }] } }]);
  });
  it('a bare code of no race code set (`4`) is kept without a system, and reported with its repetition', () => {
    const r = converted('4~2106-3^White^CDCREC');
    expect(extensions(r, LOCAL_RACE)).toEqual([{ url: LOCAL_RACE, valueCodeableConcept: { coding: [{ code: '4' }] } }]);
    expect(lines(r).some((t) => t.startsWith('PID-10 repetition 1 (segment 3)'))).toBe(true);
    expect(lines(r).some((t) => t.startsWith('PID-10 repetition 2'))).toBe(false);
  });
  it('control: a text without a code stays US Core race text', () => {
    const r = converted('^Chinese');
    expect(extensions(r, RACE)).toEqual([{ url: RACE, extension: [{ url: 'text', valueString: 'Chinese' }] }]);
    expect(extensions(r, LOCAL_RACE)).toEqual([]);
  });
  it('control: table 0005 as HL70005 holds the CDC codes: 2106-3^White^HL70005 is US Core race', () => {
    expect(extensions(converted('2106-3^White^HL70005'), RACE)).toHaveLength(1);
  });
  it('control: AUSIS and NZ codes keep their national extensions', () => {
    const r = converted('4^Neither^AUSIS~21111^NZ Maori^NZHIS');
    expect(extensions(r, LOCAL_RACE)).toEqual([]);
    expect(extensions(r, 'http://hl7.org.au/fhir/StructureDefinition/indigenous-status')).toHaveLength(1);
    expect(extensions(r, 'http://hl7.org.nz/fhir/StructureDefinition/nz-ethnicity')).toHaveLength(1);
  });
  it('the channel\'s extensionBase names the extension', () => {
    const r = converted('CN^Chinese^KRG-RACE', '', { extensionBase: 'https://fhir.example.sg/ext/' });
    expect(extensions(r, 'https://fhir.example.sg/ext/v2-race')).toHaveLength(1);
  });
  it('unnamedExtensions report: no extension outside the IG, one line per repetition (never the value)', () => {
    const r = converted('CN^Chinese^KRG-RACE', '', { unnamedExtensions: 'report' });
    expect(extensions(r, LOCAL_RACE)).toEqual([]);
    const line = lines(r).find((t) => t.startsWith('PID-10 repetition 1 (segment 3)'));
    expect(line).toBeDefined();
    expect(line).not.toContain('Chinese');
  });
});

describe('R62-L1 [IG PID[Patient] #22 local extension] an ethnic group of another code set', () => {
  it('MY^Malay^KRG-ETH → v2-ethnicGroup; no US Core ethnicity', () => {
    const r = converted('', 'MY^Malay^KRG-ETH');
    expect(extensions(r, LOCAL_ETHNIC)).toEqual([{ url: LOCAL_ETHNIC, valueCodeableConcept: { coding: [{ system: 'urn:hl7v2:codesystem:KRG-ETH', code: 'MY', display: 'Malay' }] } }]);
    expect(extensions(r, ETHNICITY)).toEqual([]);
  });
  it('control: table 0189 H stays US Core ethnicity', () => {
    const r = converted('', 'H^Hispanic or Latino^HL70189');
    expect(extensions(r, ETHNICITY)).toHaveLength(1);
    expect(extensions(r, LOCAL_ETHNIC)).toEqual([]);
  });
});
