/**
 * [hig bad-characters rule, docs/mapping.md "Bad characters"] (issue 14) as table cases: a C0
 * control character in free text is removed and the rest kept; in an identifying or coded value
 * (identifier, code, id, date, number) the value is left out, never altered, so it cannot become
 * another record's identifier. Every action is a located report line without the value.
 * [IG CWE[CodeableConcept] #14–#22] a CWE/CNE's OIDs and value-set ids have no target: reported.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { splitMessages } from '../../src/hl7/message.js';
import { repoRoot, resources } from './helpers.js';

const MSH = 'MSH|^~\\&|A|B|C|D|20240101120000||ADT^A01^ADT_A01|X1|P|2.5.1';
const EVN = 'EVN|A01|20240101';
const PV1 = 'PV1|1|I|W^1^2||||||||||||||||V1^^^H^VN';

function adt(pid: string, pv1 = PV1, msh = MSH): string {
  return [msh, EVN, pid, pv1].join('\r');
}

/** An ORU^R01 for patient 123 with one order (glucose) and `segments` after its OBR. */
function result(...segments: string[]): string {
  return ['MSH|^~\\&|LAB|B|C|D|20240101120000||ORU^R01^ORU_R01|X2|P|2.5.1', 'PID|1||123^^^H^MR||Doe^John||19700101|M', 'OBR|1|PL1^LAB|FL1^LAB|GLU^Glucose^L', ...segments].join('\r');
}

/** A PID with MRN 123, Doe^John, born 19700101, male, and `fields` (field number → raw value) over it. */
function pid(fields: Record<number, string> = {}): string {
  const f: string[] = ['PID', '1', '', '123^^^H^MR', '', 'Doe^John', '', '19700101', 'M'];
  for (const [n, v] of Object.entries(fields)) {
    while (f.length <= Number(n)) f.push('');
    f[Number(n)] = v;
  }
  return f.join('|');
}

function lines(message: string): string[] {
  const { report } = convertHl7v2(message);
  return ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
}

/** Converts, asserts the Bundle is valid R4, and returns it with its report lines. */
function convert(message: string): { bundle: Record<string, unknown>; lines: string[] } {
  const { bundle } = convertHl7v2(message);
  expect(validateBundle(bundle)).toEqual([]);
  return { bundle, lines: lines(message) };
}

function patient(bundle: Record<string, unknown>): Record<string, unknown> {
  const [p] = resources(bundle, 'Patient');
  if (p === undefined) throw new Error('no Patient');
  return p;
}

describe('free text: the characters are removed, the rest kept', () => {
  it.each([
    // [IG PID[Patient] PID-5 → name; XPN[HumanName] #1 → family]
    ['a name (XPN.1, raw byte)', 'PID|1||123^^^H^MR||Do\x01e^John||19700101|M', 'PID-5', 'XPN.1'],
    // the same byte written as an HL7 hex escape
    ['a name (XPN.1, \\X01\\ escape)', 'PID|1||123^^^H^MR||Do\\X01\\e^John||19700101|M', 'PID-5', 'XPN.1'],
    ['a given name (XPN.2)', 'PID|1||123^^^H^MR||Doe^Jo\x1bhn||19700101|M', 'PID-5', 'XPN.2'],
  ])('%s', (_what, pid, field, component) => {
    const { bundle, lines: report } = convert(adt(pid));
    const name = (patient(bundle).name as { family?: string; given?: string[] }[])[0];
    expect(name?.family).toBe('Doe');
    expect(name?.given).toEqual(['John']);
    expect(report).toContain(`${field} (segment 3): control characters FHIR cannot carry removed from free text (${component}); the rest of the text kept`);
  });

  it('[IG XAD[Address] #1 → line, #3 → city] an address line and city', () => {
    const { bundle, lines: report } = convert(adt('PID|1||123^^^H^MR||Doe^John||19700101|M|||1 Main\x02 St^^Spring\x0cfield^IL^62701'));
    expect(patient(bundle).address).toEqual([{ line: ['1 Main St'], city: 'Springfield', state: 'IL', postalCode: '62701' }]);
    expect(report).toContain('PID-11 (segment 3): control characters FHIR cannot carry removed from free text (XAD.1, XAD.3); the rest of the text kept');
  });

  it('[IG OBX[Observation] OBX-5 (TX) → valueString; NTE[Observation] NTE-3 → note.text] result text and a note', () => {
    const oru = result('OBX|1|TX|COMMENT^Comment^L||no\x07 growth||||||F', 'NTE|1||see\x00 attached');
    const { bundle, lines: report } = convert(oru);
    const [obs] = resources(bundle, 'Observation');
    expect(obs?.valueString).toBe('no growth');
    expect(JSON.stringify(bundle)).toContain('see attached');
    expect(report).toContain('OBX-5 (segment 4): control characters FHIR cannot carry removed from free text (TX.1); the rest of the text kept');
    expect(report).toContain('NTE-3 (segment 5): control characters FHIR cannot carry removed from free text (FT.1); the rest of the text kept');
  });

  it('a TAB is text FHIR strings carry: kept in free text, no report line', () => {
    const { bundle, lines: report } = convert(adt(pid({ 23: 'Spring\tfield' })));
    expect(JSON.stringify(bundle)).toContain('Spring\\tfield');
    expect(report.some((l) => l.startsWith('PID-23'))).toBe(false);
  });
});

describe('identifying and coded values: left out, never altered', () => {
  const cleanId = (mrn: string): string | undefined => patient(convertHl7v2(adt(`PID|1||${mrn}^^^H^MR||Doe^John||19700101|M`)).bundle).id as string | undefined;

  it('[IG CX[Identifier] #1 → value, #4 → system] an MRN with a control byte never becomes another MRN (nor its Patient id)', () => {
    const { bundle, lines: report } = convert(adt('PID|1||12\x013^^^H^MR~555^^^H2^PI||Doe^John||19700101|M'));
    const values = (patient(bundle).identifier as { value?: string }[]).map((i) => i.value);
    expect(values).toEqual(['555']);
    // `123` is another patient's MRN: the left-out value must not take its identity
    expect(patient(bundle).id).not.toBe(cleanId('123'));
    expect(report).toContain('PID-3 (segment 3): CX.1 (with CX.4) held control characters FHIR cannot carry; left out, not altered (an identifier, code, date or number changed by a character could name another record); not converted');
  });

  it('[IG CX[Identifier] #4 → system] a bad assigning authority leaves its identifier out too (a value without its authority could be another namespace\'s)', () => {
    const { bundle } = convert(adt('PID|1||123^^^H\x05^MR~555^^^H2^PI||Doe^John||19700101|M'));
    expect((patient(bundle).identifier as { value?: string }[]).map((i) => i.value)).toEqual(['555']);
  });

  it('[IG PV1[Encounter] PV1-19 → identifier] the visit number of the issue\'s message', () => {
    const message = adt('PID|1||123^^^H^MR||Do\x01e^John||19700101|M', 'PV1|1|I|W^1^2||||||||||||||||V1\x00X^^^H^VN');
    const { bundle, lines: report } = convert(message);
    const [enc] = resources(bundle, 'Encounter');
    expect(enc?.identifier).toBeUndefined();
    expect(report).toContain('PV1-19 (segment 4): CX.1 (with CX.4) held control characters FHIR cannot carry; left out, not altered (an identifier, code, date or number changed by a character could name another record); not converted');
    // locations only: no value of the message in the report
    for (const l of report) expect(l).not.toMatch(/Do.?e|V1.?X|John/);
  });

  it('[IG CWE[CodeableConcept] #1–3 → coding] a code is left out with its system; its text stays', () => {
    const oru = result('OBX|1|NM|2345\x01-7^Glucose^LN||95|mg/dL^^UCUM|||||F');
    const { bundle, lines: report } = convert(oru);
    const [obs] = resources(bundle, 'Observation');
    expect(obs?.code).toEqual({ text: 'Glucose' });
    expect(report).toContain('OBX-3 (segment 4): CWE.1 (with CWE.3, CWE.7) held control characters FHIR cannot carry; left out, not altered (an identifier, code, date or number changed by a character could name another record); not converted');
  });

  it.each([
    // [IG PID[Patient] PID-8 → gender] an ID code
    ['a code (CWE.1)', pid({ 8: 'M\x01' }), 'gender', 'PID-8', 'CWE.1 (with CWE.3, CWE.7)'],
    // [IG PID[Patient] PID-7 → birthDate] a date: left out, no longer a refusal of the message
    ['a date (DTM)', pid({ 7: '1970\x000101' }), 'birthDate', 'PID-7', 'DTM.1'],
    // [IG PID[Patient] PID-19 → identifier (SSN)] an ST field that is an identifier
    ['an identifying ST (SSN)', pid({ 19: '123\x0245678' }), 'identifier:SSN', 'PID-19', 'ID.1'],
    // a TAB inside a code: FHIR code cannot hold it
    ['a TAB inside a code', pid({ 8: 'M\tF' }), 'gender', 'PID-8', 'CWE.1 (with CWE.3, CWE.7)'],
  ])('%s', (_what, pid, element, field, component) => {
    const { bundle, lines: report } = convert(adt(pid));
    const p = patient(bundle);
    if (element === 'identifier:SSN') expect((p.identifier as { value?: string }[]).map((i) => i.value)).toEqual(['123']);
    else expect(p[element]).toBeUndefined();
    expect(report.some((l) => l.startsWith(`${field} (segment 3): ${component} held control characters FHIR cannot carry; left out, not altered`))).toBe(true);
  });

  it('[IG RXA[MedicationAdministration] RXA-6 → dosage.dose; R4 mad-1] an administered amount with a control byte is left out; the RXR route that then has no dose is reported, not an invalid dosage', () => {
    const ras = readFileSync(path.join(repoRoot, 'samples/events/RAS_O17.hl7'), 'utf8')
      .split('\r')
      .map((seg) => (seg.startsWith('RXA|') ? seg.split('|').map((f, i) => (i === 6 ? `\x00${f}` : f)).join('|') : seg))
      .join('\r');
    const { bundle, lines: report } = convert(ras);
    const [ma] = resources(bundle, 'MedicationAdministration');
    expect(ma?.dosage).toBeUndefined();
    expect(report.some((l) => l.startsWith('RXA-6 (segment') && l.includes('NM.1 held control characters'))).toBe(true);
    expect(report.some((l) => l.startsWith('RXR-1 (segment') && l.includes('without a dose (RXA-6)'))).toBe(true);
  });

  it('[hl7v2 routing] MSH-9 (read to route, before any mapping) with a control character is refused, located, not a validation failure', () => {
    let error: unknown;
    try {
      convertHl7v2(adt('PID|1||123^^^H^MR||Doe^John||19700101|M', PV1, MSH.replace('ADT^A01', 'ADT^A0\x011')));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).code).toBe('UNSUPPORTED_EVENT');
    expect((error as PermanentError).message).toContain('MSH-9');
  });

  it('MSH-7 with a control character is left out (no Bundle timestamp), reported, not refused', () => {
    const { bundle, lines: report } = convert(adt('PID|1||123^^^H^MR||Doe^John||19700101|M', PV1, MSH.replace('20240101120000', '2024010112\x000000')));
    expect(bundle.timestamp).toBeUndefined();
    expect(report.some((l) => l.startsWith('MSH-7 (segment 1): DTM.1 held control characters'))).toBe(true);
  });
});

describe('clean messages are untouched', () => {
  it('no sample message (samples/, samples/events/) has a value the rule acts on', () => {
    const dirs = [path.join(repoRoot, 'samples'), path.join(repoRoot, 'samples/events')];
    const messages = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.hl7') && f !== 'malformed.hl7').flatMap((f) => splitMessages(readFileSync(path.join(d, f), 'utf8'))));
    expect(messages.length).toBeGreaterThan(70);
    const acted = messages.flatMap((m) => lines(m).filter((l) => l.includes('control characters')));
    expect(acted).toEqual([]);
  });
});

describe('[IG CWE[CodeableConcept] #14–#22: no target] OIDs and value-set ids are reported, not dropped silently', () => {
  it('CWE (OBX-3) and CNE (PR1-3): one line per field naming the valued components', () => {
    const oid = '2.16.840.1.113883.6.1';
    const oru = result(`OBX|1|NM|2345-7^Glucose^LN^^^^^^^^^^^${oid}^${oid}.1||95|mg/dL^^UCUM|||||F`);
    expect(lines(oru)).toContain('OBX-3 (segment 4): CWE.14, CWE.15 (coding system and value set OIDs and versions) have no target in the IG\'s CWE map; not converted');
    const a01 = [MSH, EVN, 'PID|1||123^^^H^MR||Doe^John||19700101|M', PV1, `PR1|1||0TT04ZZ^Resection^I10P^^^^^^^^^^^^^^^^^^^${oid}`].join('\r');
    expect(lines(a01)).toContain('PR1-3 (segment 5): CNE.22 (coding system and value set OIDs and versions) have no target in the IG\'s CWE map; not converted');
  });

  it('a CWE without components 14–22 gets no such line', () => {
    const oru = result('OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|||||F');
    expect(lines(oru).some((l) => l.includes('CWE.1'))).toBe(false);
  });
});
