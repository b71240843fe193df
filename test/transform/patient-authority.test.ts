/**
 * [hig patient-authority rule; HL7 v2.5.1 2.5.3 "a field not present … no change"; review 68 R68-N1] The Patient PUT of
 * a message that is no patient-administration message (MSH-9.1 other than ADT) carries the held-element marker
 * (transform/patient-authority.ts → patch.ts heldElementsMark) for what it does not convey: `identifier@system` (merged
 * by authority), `name@use`, `extension:*` (but the urls it cleared: ` !<url>`), `link@other` and each element it leaves
 * out but those it cleared with `""`. An ADT's Patient PUT
 * carries none, and a `keep` channel patches instead. Expected values from the messages, written by hand.
 *
 *   npx vitest run test/transform/patient-authority.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;
type Entry = { resource?: Json; request?: { method?: string; url?: string }; extension?: Json[] };

const HELD = 'https://hig.example/fhir/StructureDefinition/held-element';
const msh = (type: string) => `MSH|^~\\&|LIS|AGH|HIG|AGH|20330603101500+0100||${type}|K41|P|2.5.1`;
const results = ['OBR|1|P41|F41|2345-7^Glucose^LN|||20330603090000+0100', 'OBX|1|NM|2345-7^Glucose^LN||5.4|mmol/L|3.9-5.5|N|||F'];
const oru = (pid: string) => [msh('ORU^R01^ORU_R01'), pid, ...results].join('\r');
const PID = 'PID|1||AK4100101^^^AGH^MR||HARGREAVE^ELEANOR^^^^^L||19570214|F';
/** PID with the fields of `more` (field number → value) after PID-8. */
const pidWith = (more: Record<number, string>) => [PID, ...Array.from({ length: Math.max(...Object.keys(more).map(Number)) - 8 }, (_, i) => more[i + 9] ?? '')].join('|');

const patientEntry = (msg: string, options: Options = {}) => (convertHl7v2(msg, options).bundle.entry as Entry[]).find((e) => e.resource?.resourceType === 'Patient');
const marks = (msg: string, options: Options = {}) => (patientEntry(msg, options)?.extension ?? []).filter((x) => x.url === HELD).map((x) => x.valueString);

describe('[hig patient-authority rule] the Patient PUT of a message that is no ADT is marked with what it does not convey', () => {
  it('an ORU whose PID names MR, name, birth date and sex: identifier@system, name@use, extension:*, link@other and each element it leaves out', () => {
    const m = marks(oru(PID));
    expect(m).toEqual(expect.arrayContaining(['identifier@system', 'name@use', 'extension:*', 'link@other', 'address', 'telecom', 'contact', 'maritalStatus', 'communication', 'generalPractitioner', 'managingOrganization', 'deceased[x]', 'multipleBirth[x]', 'photo', 'active']));
    // what it sends is its own: birth date and sex are not marked
    expect(m).not.toContain('birthDate');
    expect(m).not.toContain('gender');
    // a Patient's links merged by the record they name (CR39-4), not kept whole; its narrative the server's
    expect(m).not.toContain('link');
    expect(m).not.toContain('text');
  });

  it('PID-11 and PID-29 sent as `""` [v2.5.1 2.5.3: delete the value]: address and deceased[x] are not marked (they stay removed)', () => {
    const m = marks(oru(pidWith({ 11: '""', 29: '""' })));
    expect(m).not.toContain('address');
    expect(m).not.toContain('deceased[x]');
    expect(m).toContain('telecom');
  });

  it('PID-6, PID-10 and PID-23 sent as `""` [v2.5.1 2.5.3; code review 39 CR39-3]: `extension:*` but the mother\'s maiden name, the race extensions and the birth place (their urls after ` !`)', () => {
    const ext = 'http://hl7.org/fhir/StructureDefinition/';
    const race = ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-race', 'http://hl7.org.au/fhir/StructureDefinition/indigenous-status', 'http://hl7.org.nz/fhir/StructureDefinition/nz-ethnicity', 'https://hig.example/fhir/StructureDefinition/v2-race'];
    const m = marks(oru([PID.replace('||19570214', '|""|19570214'), '', '""', ...Array(12).fill(''), '""'].join('|')));
    expect(m.filter((x) => String(x).startsWith('extension:'))).toEqual([`extension:* ${[`${ext}patient-mothersMaidenName`, ...race, `${ext}patient-birthPlace`].map((u) => `!${u}`).join(' ')}`]);
  });

  it('PID-5 sent as `""`: no name@use (the names are removed)', () => {
    expect(marks(oru('PID|1||AK4100101^^^AGH^MR||""||19570214|F'))).not.toContain('name@use');
  });

  it('a pharmacy order (RDE^O11), a vaccination record (VXU^V04) and a document (MDM^T02) are marked as the result is', () => {
    const rde = [msh('RDE^O11^RDE_O11'), PID, 'ORC|NW|RX41', 'RXE||1049221^Acetaminophen^RXNORM|500||mg'].join('\r');
    const vxu = [msh('VXU^V04^VXU_V04'), PID, 'ORC|RE||IZ41', 'RXA|0|1|20330603||08^HepB^CVX|0.5|mL'].join('\r');
    const mdm = [msh('MDM^T02^MDM_T02'), 'EVN|T02|20330603101500', PID, 'PV1|1|O', 'TXA|1|DS|TX|20330603101500||||||||DOC41||||||AU', 'OBX|1|TX|||Discharge summary'].join('\r');
    for (const msg of [rde, vxu, mdm]) expect(marks(msg)).toEqual(expect.arrayContaining(['identifier@system', 'name@use', 'address']));
  });

  it('control: an ADT (A08) PUTs the Patient whole, unmarked', () => {
    const a08 = [msh('ADT^A08^ADT_A01'), 'EVN|A08|20330603101500', PID, 'PV1|1|I|W2^04^A'].join('\r');
    expect(marks(a08)).toEqual([]);
  });

  it('control: an `omittedFields: keep` channel patches the Patient (create if absent + JSON Patch), unmarked', () => {
    const keep = { omittedFields: 'keep', namespaceMap: { AGH: 'urn:oid:2.16.840.1.113883.3.4101' } } as Options;
    const entries = convertHl7v2(oru(PID), keep).bundle.entry as Entry[];
    const forPatient = entries.filter((e) => e.resource?.resourceType === 'Patient' || e.request?.url?.startsWith('Patient?') === true);
    expect(forPatient.map((e) => e.request?.method)).toEqual(['POST', 'PATCH']);
    expect(forPatient.flatMap((e) => e.extension ?? []).filter((x) => x.url === HELD)).toEqual([]);
  });
});
