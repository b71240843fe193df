/**
 * Review 13's silent drop with an IG row (docs/mapping-review-13.md): PID-20's DLN.2 and DLN.3,
 * read past without a report line in 14 of its 25 messages. Expected values are written from
 * IG DLN[Identifier] (DLN.1 → value + type DL, DLN.2 → system via CWE[uri], DLN.3 → period.end).
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const ADT = (pid20: string) =>
  convertChecked(
    'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A04^ADT_A01|R13-1|P|2.5.1',
    'EVN|A04|20240305083500-0500',
    `PID|1||MRN13^^^HOSP^MR||DOE^JANE||19800215|F||||||||||||${pid20}`,
    'PV1|1|O',
  );
const dl = (bundle: Json) => ((resources(bundle, 'Patient')[0] as Json).identifier as Json[]).find((i) => JSON.stringify(i.type).includes('"DL"'));
const lines = (all: string[]) => all.filter((t) => t.startsWith('PID-20 '));

describe('[IG PID[Patient] #20 → identifier via DLN[Identifier]]', () => {
  it('DLN.3 → period.end; an issuer that is no US state and no URI → assigner.display (FHIR: "may be just text"), no line', () => {
    const { bundle, lines: all } = ADT('S99912345^US^20280501');
    expect(dl(bundle)).toEqual({ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'DL' }] }, value: 'S99912345', assigner: { display: 'US' }, period: { end: '2028-05-01' } });
    expect(lines(all)).toEqual([]);
  });

  it('DLN.2 as an OID → the system', () => {
    const { bundle, lines: all } = ADT('S99912345^2.16.840.1.113883.4.3.26');
    expect(dl(bundle)).toMatchObject({ system: 'urn:oid:2.16.840.1.113883.4.3.26', value: 'S99912345' });
    expect(lines(all)).toEqual([]);
  });

  it('[hig identity] the licence\'s state and expiry do not move the Patient (its MR identifier keys it)', () => {
    const plain = resources(ADT('S99912345').bundle, 'Patient')[0];
    const full = resources(ADT('S99912345^MI^20280501').bundle, 'Patient')[0];
    expect(full?.id).toBe(plain?.id);
  });
});

/**
 * [IG DLN[Identifier] DLN.2 → system via CWE[uri]] with hig's US-state rule (licence-issuer.ts): a
 * US state's postal code names that state's driver's licence OID, 2.16.840.1.113883.4.3.<FIPS 5-2
 * code> (HL7 OID registry). Expected OIDs written from FIPS 5-2: Michigan 26, California 06,
 * District of Columbia 11, Wyoming 56.
 */
describe('[IG DLN[Identifier] DLN.2 → system] a US state postal code → the state licence OID', () => {
  const withCountry = (msh17: string, pid20: string) =>
    convertChecked(
      `MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A04^ADT_A01|R13-2|P|2.5.1|||||${msh17}`,
      'EVN|A04|20240305083500-0500',
      `PID|1||MRN13^^^HOSP^MR||DOE^JANE||19800215|F||||||||||||${pid20}`,
      'PV1|1|O',
    );

  it.each([
    ['MI', 'urn:oid:2.16.840.1.113883.4.3.26'],
    ['CA', 'urn:oid:2.16.840.1.113883.4.3.6'],
    ['DC', 'urn:oid:2.16.840.1.113883.4.3.11'],
    ['WY', 'urn:oid:2.16.840.1.113883.4.3.56'],
  ])('%s in a message without MSH-17 → %s, no report line', (state, oid) => {
    const { bundle, lines: all } = ADT(`S99912345^${state}^20280501`);
    expect(dl(bundle)).toEqual({ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'DL' }] }, system: oid, value: 'S99912345', period: { end: '2028-05-01' } });
    expect(lines(all)).toEqual([]);
  });

  it('MSH-17 USA and CWE.3 naming the state table (HL70347) → the state OID', () => {
    const { bundle } = withCountry('USA', 'S99912345^MI&Michigan&HL70347');
    expect(dl(bundle)).toMatchObject({ system: 'urn:oid:2.16.840.1.113883.4.3.26' });
  });

  it('a message from another country (MSH-17 CAN): CA is no US state there — no system, the code as assigner text', () => {
    const { bundle } = withCountry('CAN', 'S99912345^CA');
    expect(dl(bundle)?.system).toBeUndefined();
    expect(dl(bundle)?.assigner).toEqual({ display: 'CA' });
  });

  it('CWE.3 naming a country code set (ISO3166): DE is Germany, not Delaware — no system, its text as assigner', () => {
    const { bundle } = ADT('S99912345^DE&Germany&ISO3166');
    expect(dl(bundle)?.system).toBeUndefined();
    expect(dl(bundle)?.assigner).toEqual({ display: 'Germany' });
  });

  it('the channel namespace map names the code\'s system first (a site\'s own URI for MI wins)', () => {
    const msg = ['MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A04^ADT_A01|R13-3|P|2.5.1', 'EVN|A04', 'PID|1||MRN13^^^HOSP^MR||DOE^JANE||19800215|F||||||||||||S99912345^MI', 'PV1|1|O'].join('\r');
    const { bundle } = convertHl7v2(msg, { namespaceMap: { MI: 'https://dl.example.org/michigan' } });
    expect(dl(bundle)).toMatchObject({ system: 'https://dl.example.org/michigan', value: 'S99912345' });
  });

  it('conversion.licenceStates none: a postal code is never read as a state (a site whose senders write countries there)', () => {
    const msg = ['MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240305083500-0500||ADT^A04^ADT_A01|R13-4|P|2.5.1', 'EVN|A04', 'PID|1||MRN13^^^HOSP^MR||DOE^JANE||19800215|F||||||||||||S99912345^DE', 'PV1|1|O'].join('\r');
    expect(dl(convertHl7v2(msg).bundle)).toMatchObject({ system: 'urn:oid:2.16.840.1.113883.4.3.10' });
    const off = dl(convertHl7v2(msg, { licenceStates: 'none' }).bundle);
    expect(off?.system).toBeUndefined();
    expect(off?.assigner).toEqual({ display: 'DE' });
  });

  it('[hig identity] the state\'s system does not move the Patient (its MR identifier keys it)', () => {
    const plain = resources(ADT('S99912345').bundle, 'Patient')[0];
    const full = resources(ADT('S99912345^MI').bundle, 'Patient')[0];
    expect(full?.id).toBe(plain?.id);
  });
});

// Review 13's other silent drop (ORU-R01-01): SPM-4 read through the SpecimenType map kept only the
// mapped coding; the sender's bare codings went without a report line.
describe('[IG SPM[Specimen] #4 → type, CWE[CodeableConcept] via SpecimenType; CWE.1–3 → coding[1], CWE.4–6 → coding[2], CWE.9 → text]', () => {
  const ORU = (spm4: string) =>
    convertChecked(
      'MSH|^~\\&|LAB|HOSP|EHR|RECV|20240705081500-0500||ORU^R01^ORU_R01|R13-2|P|2.5.1',
      'PID|1||MRN13^^^HOSP^MR||DOE^JANE||19800215|F',
      'OBR|1|PL13^EHR|FL13^LAB|2345-7^Glucose^LN|||20240705070000-0500',
      'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|||||F',
      `SPM|1|SP13^LAB||${spm4}`,
    );
  const type = (bundle: Json) => (resources(bundle, 'Specimen')[0] as Json).type;

  it('`ASERU^Serum^^FUR^^^^^Blood`: the map\'s v2-0487 coding, then the sender\'s ASERU with its display and the alternate FUR (no system: none was sent)', () => {
    expect(type(ORU('ASERU^Serum^^FUR^^^^^Blood').bundle)).toEqual({
      coding: [
        // [IG ConceptMap SpecimenType] ASERU → v2-0487 ASERU "Serum, Acute"
        { system: 'http://terminology.hl7.org/CodeSystem/v2-0487', code: 'ASERU', display: 'Serum, Acute' },
        // CWE.1/CWE.2 (CWE.3 empty) and CWE.4 (CWE.6 empty)
        { code: 'ASERU', display: 'Serum' },
        { code: 'FUR' },
      ],
      text: 'Blood',
    });
  });

  it('a bare code the map translates that says nothing more (no display) is not repeated', () => {
    expect(type(ORU('ASERU').bundle)).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0487', code: 'ASERU', display: 'Serum, Acute' }] });
  });
});
