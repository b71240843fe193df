import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { entries, findEmpty, resources } from './helpers.js';

const adt = (event: string, extra: string[] = []): string =>
  [
    `MSH|^~\\&|HIS|GOOD HEALTH^1.2.3.4^ISO|EHR|RECV|20240305081500+0100||ADT^${event}^ADT_A01|MSG-${event}|P|2.5.1`,
    `EVN|${event}|20240305081500`,
    'PID|1||MRN123^^^HOSP^MR~999-99-9999^^^SSA^SS||DOE^JANE^Q^^DR||19800215|F|||1 Main St^^Springfield^IL^62701^USA^H||^PRN^PH^^1^217^5551234|||M^Married^HL70002',
    'PV1|1|I|W1^101^A^GOOD HEALTH||||1234^ATTEND^ALICE^^^^^^NPI&2.16.840.1.113883.4.6&ISO|||MED||||1|||||V100^^^HOSP^VN|||||||||||||||||||||||||20240305080000',
    ...extra,
  ].join('\r');

const oru = [
  'MSH|^~\\&|LAB|LABFAC|EHR|HOSP|20240306101500-0500||ORU^R01^ORU_R01|LAB42|P|2.5.1',
  'PID|1||MRN123^^^HOSP^MR||DOE^JANE||19800215|F',
  'PV1|1|O',
  'ORC|RE|PL1^EHR|FL1^LAB',
  'OBR|1|PL1^EHR|FL1^LAB|24323-8^Comprehensive metabolic panel^LN|||20240306090000-0500|||||||||||||||20240306100000-0500|||F',
  'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^mg/dL^UCUM|70-99|N|||F|||20240306090000-0500',
  'NTE|1||fasting',
  'OBX|2|ST|8251-1^Note^LN||see comment||||||F',
  'OBX|3|SN|2160-0^Creatinine^LN||<^0.5|mg/dL^^UCUM||L|||F',
  'ZZZ|local|data',
].join('\r');

describe('ADT A01/A04/A08 → Patient + Encounter', () => {
  it.each(['A01', 'A04', 'A08'])('ADT^%s converts to a valid transaction', (event) => {
    const r = convertHl7v2(adt(event));
    expect(r.messageType).toBe(`ADT^${event}`);
    expect(r.structure).toBe('ADT_A01');
    expect(r.version).toBe('2.5.1');
    const b = r.bundle;
    expect(b.type).toBe('transaction');
    expect(b.identifier).toEqual({ system: 'urn:hig:hl7v2:control-id:HIS', value: `MSG-${event}` });
    expect(b.timestamp).toBe('2024-03-05T08:15:00+01:00');
    expect(validateBundle(b)).toEqual([]);
    expect(findEmpty(b)).toBeUndefined();
    const [patient] = resources(b, 'Patient');
    expect(patient?.gender).toBe('female');
    expect(patient?.birthDate).toBe('1980-02-15');
    expect(patient?.name).toEqual([{ family: 'DOE', given: ['JANE', 'Q'], prefix: ['DR'] }]);
    const [encounter] = resources(b, 'Encounter');
    expect(encounter?.subject).toEqual({ reference: `urn:uuid:${patient?.id}` });
    expect((encounter?.class as { code: string }).code).toBe('IMP');
    expect(resources(b, 'MessageHeader')).toHaveLength(1);
    expect(resources(b, 'Provenance')).toHaveLength(1);
    for (const e of entries(b)) {
      expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
      expect(e.request).toEqual({ method: 'PUT', url: `${e.resource.resourceType}/${e.resource.id}` });
    }
  });

  it('gives the same ids on re-delivery and different ids for different identifiers', () => {
    const a = convertHl7v2(adt('A01'));
    const b = convertHl7v2(adt('A01'));
    expect(entries(a.bundle).map((e) => e.fullUrl)).toEqual(entries(b.bundle).map((e) => e.fullUrl));
    const other = convertHl7v2(adt('A01').replace('MRN123^^^HOSP', 'MRN123^^^CLINIC'));
    expect(resources(other.bundle, 'Patient')[0]?.id).not.toBe(resources(a.bundle, 'Patient')[0]?.id);
  });

  it('emits conditional updates on business identifiers when asked', () => {
    const r = convertHl7v2(adt('A01'), { conditionalUpdate: true, namespaceMap: { HOSP: 'urn:oid:1.2.3.4.5' } });
    const patient = entries(r.bundle).find((e) => e.resource.resourceType === 'Patient');
    expect(patient?.request.url).toBe('Patient?identifier=urn%3Aoid%3A1.2.3.4.5|MRN123');
    expect(patient?.resource.id).toBeUndefined();
  });

  it('reads times without offset in the channel time zone when MSH-7 has no offset', () => {
    const r = convertHl7v2(adt('A01').replace('20240305081500+0100', '20240305081500'), { timezone: 'America/New_York' });
    const [encounter] = resources(r.bundle, 'Encounter');
    expect((encounter?.period as { start: string }).start).toBe('2024-03-05T08:00:00-05:00');
    expect(r.bundle.timestamp).toBe('2024-03-05T08:15:00-05:00');
  });

  // [hig time-zone rule; IG MSH[Bundle] note] the sender's offset in MSH-7 beats the channel zone
  it('reads times without offset in MSH-7\'s offset when it has one', () => {
    const r = convertHl7v2(adt('A01'), { timezone: 'America/New_York' });
    const [encounter] = resources(r.bundle, 'Encounter');
    expect((encounter?.period as { start: string }).start).toBe('2024-03-05T08:00:00+01:00');
  });
});

describe('ORU^R01 → DiagnosticReport + Observations', () => {
  const r = convertHl7v2(oru);
  it('is valid and has no empties', () => {
    expect(validateBundle(r.bundle)).toEqual([]);
    expect(findEmpty(r.bundle)).toBeUndefined();
  });
  it('links results to the report and keeps values and units', () => {
    const [report] = resources(r.bundle, 'DiagnosticReport');
    const observations = resources(r.bundle, 'Observation');
    expect(observations).toHaveLength(3);
    expect(report?.status).toBe('final');
    expect((report?.result as unknown[]).length).toBe(3);
    const glucose = observations[0];
    expect(glucose?.code).toEqual({ coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }] });
    expect(glucose?.valueQuantity).toEqual({ value: 95, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' });
    expect(glucose?.note).toEqual([{ text: 'fasting' }]);
    expect(glucose?.effectiveDateTime).toBe('2024-03-06T09:00:00-05:00');
    expect(observations[1]?.valueString).toBe('see comment');
    expect((observations[2]?.valueQuantity as { comparator: string }).comparator).toBe('<');
    expect(resources(r.bundle, 'ServiceRequest')).toHaveLength(1);
  });
  it('reports the Z segment by location only', () => {
    const text = JSON.stringify(r.report);
    expect(r.report.resourceType).toBe('OperationOutcome');
    expect(text).toContain('ZZZ[10]');
    expect(text).not.toContain('local');
  });
});

describe('character sets (MSH-18) and escapes', () => {
  const msg = (charset: string, name: string): string =>
    `MSH|^~\\&|HIS|F|EHR|R|20240305081500||ADT^A01^ADT_A01|C1|P|2.5.1||||||${charset}\rEVN|A01\rPID|1||1^^^H^MR||${name}^ANN||19800101|F\rPV1|1|I`;
  it.each([
    ['8859/1', 'latin1', 'MÜLLER'],
    ['UNICODE UTF-8', 'utf8', 'MÜLLER'],
    ['', 'utf8', 'ŁUKASZ'],
  ] as const)('MSH-18 %s decodes the bytes before parsing', (charset, encoding, name) => {
    const r = convertHl7v2(Buffer.from(msg(charset, name), encoding));
    expect((resources(r.bundle, 'Patient')[0]?.name as { family: string }[])[0]?.family).toBe(name);
  });
  it('decodes \\X..\\ hex escapes in the message charset', () => {
    const r = convertHl7v2(Buffer.from(msg('8859/1', 'M\\XDC\\LLER'), 'latin1'));
    expect((resources(r.bundle, 'Patient')[0]?.name as { family: string }[])[0]?.family).toBe('MÜLLER');
  });
});

describe('v2.1/2.2 messages', () => {
  it('take the trigger event from EVN-1 when MSH-9 has none', () => {
    const r = convertHl7v2('MSH|^~\\&|HIS|F|EHR|R|19940101120000||ADT|C21|P|2.1\rEVN|A01|19940101120000\rPID|1||123||DOE^JANE||19400101|F\rPV1|1|I');
    expect(r.messageType).toBe('ADT^A01');
    expect(r.structure).toBe('ADT_A01');
    expect(r.version).toBe('2.1');
    expect(validateBundle(r.bundle)).toEqual([]);
    expect(resources(r.bundle, 'Patient')).toHaveLength(1);
  });
});

describe('merging the same resource twice', () => {
  it('keeps one type per choice element when a repeated PID disagrees (deceasedBoolean vs deceasedDateTime)', () => {
    const pid = 'PID|1||MRN123^^^HOSP^MR||DOE^JANE||19800215|F';
    const field = (n: number, v: string): string => `${pid}${'|'.repeat(n - 8)}${v}`; // PID-8 is the last field of pid
    const text = adt('A08').replace(/PID\|[^\r]*/, `${field(30, 'Y')}\r${field(29, '20240101')}`);
    const r = convertHl7v2(text);
    expect(validateBundle(r.bundle)).toEqual([]);
    const [patient] = resources(r.bundle, 'Patient');
    expect(patient?.deceasedBoolean).toBe(true);
    expect(patient?.deceasedDateTime).toBeUndefined();
  });
});

describe('report', () => {
  // [hig time-zone rule] a date field that holds no date is refused with its location, not passed on
  it.each(['02/15/1980', '00000215', '19801315', '19800230'])('refuses a birth date %s that is no date, by location only', (bad) => {
    let err: unknown;
    try {
      convertHl7v2(adt('A01').replace('||19800215|F|', `||${bad}|F|`));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).code).toBe('INVALID_DATE');
    expect((err as PermanentError).message).toContain('PID-7 (segment 3) is not a valid date/time');
    expect((err as PermanentError).message).not.toContain(bad);
  });
  it('leaves out a resource that needs a patient when the message has none, and says so', () => {
    // ORM_O01's PATIENT group is optional; a REF_I12 (PID required) without one is refused (below)
    const r = convertHl7v2('MSH|^~\\&|A|B|C|D|20240101||ORM^O01^ORM_O01|R1|P|2.5.1\rORC|NW|PL-7^EHR\rOBR|1|PL-7^EHR||24331-1^Lipid panel^LN');
    expect(resources(r.bundle, 'ServiceRequest')).toHaveLength(0);
    expect(validateBundle(r.bundle)).toEqual([]);
    expect(JSON.stringify(r.report)).toContain('a ServiceRequest was not created: the message names no patient for it');
  });
  it('[v2.8 REF_I12 grammar: PID required] refuses a structure that requires PID when the message has none, located', () => {
    expect(() => convertHl7v2('MSH|^~\\&|A|B|C|D|20240101||REF^I12^REF_I12|R1|P|2.5.1\rRF1|A|R||||REF-7^EHR')).toThrow(
      'REQUIRED_SEGMENT_MISSING: structure REF_I12 requires PID after MSH (segment 1); the message has no PID segment',
    );
  });
  it('names valued fields nobody mapped', () => {
    const r = convertHl7v2(adt('A01').replace('|||M^Married^HL70002', '|||M^Married^HL70002|||||||||||||||||||||||||||||||SECRET'));
    const text = JSON.stringify(r.report);
    expect(text).toMatch(/PID-\d+ \(segment 3\) is valued but not mapped/);
    expect(text).not.toContain('SECRET');
  });
});

describe('MessageHeader.source.endpoint', () => {
  const withMsh24 = (msh24: string): Record<string, unknown> => {
    const msg = adt('A01').replace('|P|2.5.1', `|P|2.5.1${'|'.repeat(12)}${msh24}`);
    return resources(convertHl7v2(msg).bundle, 'MessageHeader')[0]?.source as Record<string, unknown>;
  };
  // [IG MSH[MessageHeader] MSH-24 → source.endpoint (beats MSH-3)]; a url, never a bare host or IP
  it('is MSH-24 when it names a URI', () => expect(withMsh24('^https://sender.example/hl7^URI').endpoint).toBe('https://sender.example/hl7'));
  it('is absent with a reason when MSH-24 is a host and IP address', () => {
    const source = withMsh24('lab01^10.0.0.7^IP');
    expect(source.endpoint).toBeUndefined();
    expect(source._endpoint).toEqual({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] });
  });
});

describe('refusals', () => {
  it.each([
    ['ADT^A99', 'MSH|^~\\&|A|B|C|D|20240101||ADT^A99^ADT_A01|1|P|2.5\rPID|1', 'UNSUPPORTED_EVENT', 'ADT^A99 (structure ADT_A01) is not supported'],
    ['QRY^A19', 'MSH|^~\\&|A|B|C|D|20240101||QRY^A19|1|P|2.5', 'UNSUPPORTED_EVENT', 'QRY^A19'],
    ['garbage', 'hello', 'PARSE_FAILED', 'MSH'],
  ])('%s', (_n, text, code, detail) => {
    try {
      convertHl7v2(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PermanentError);
      expect((e as PermanentError).code).toBe(code);
      expect((e as PermanentError).detail).toContain(detail);
    }
  });
});
