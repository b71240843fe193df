/**
 * Review 67 R67-W1, the destination's safety net (fix37d). [hig merge rule; v2.5.1 3.3.34, 3.3.40, 3.3.47: MRG's
 * record and PID's are one person; FHIR R4 Patient.link replaced-by] The record a patient merge retires is keyed by
 * MRG's number, which may key another person's Patient at the server. The FHIR destination reads the marked record and
 * refuses the message when the held Patient is another person (name and birth date: one differs, the other does not
 * agree), with an error naming the entry and the MRG field, never a name or a number (destinations/retired-person.ts).
 * Delivered to the in-repo FHIR server on the default channel and a `conditionalUpdate` one. Expected values written by
 * hand from the messages.
 *
 *   npx vitest run test/destinations/retired-person.test.ts
 */
import { describe, expect, it } from 'vitest';
import { anotherPerson, readOnce, refuseRetiringAnotherPerson } from '../../src/destinations/retired-person.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;
type Options = NonNullable<Parameters<typeof convertHl7v2>[1]>;

const person = (family: string, given: string, birthDate?: string, gender?: string): Json => ({ resourceType: 'Patient', name: [{ family, given: [given] }], ...(birthDate === undefined ? {} : { birthDate }), ...(gender === undefined ? {} : { gender }) });

describe('who is another person (the name, and the birth date or the sex)', () => {
  it('name and birth date differ: another person (review 67 #17: HOVLAND over OGUNLEYE)', () => expect(anotherPerson(person('HOVLAND', 'MARIT', '1990-04-02', 'female'), person('OGUNLEYE', 'ADEBOLA', '1977-09-15', 'male'))).toBe(true));
  it('name and sex differ, no birth date held: another person', () => expect(anotherPerson(person('HOVLAND', 'MARIT', '1990-04-02', 'female'), person('OGUNLEYE', 'ADEBOLA', undefined, 'male'))).toBe(true));
  it('name and birth date differ, one sex: another person', () => expect(anotherPerson(person('SMITH', 'ANNA', '1980-01-02', 'female'), person('JONES', 'MARY', '1975-03-04', 'female'))).toBe(true));
  it('the temporary record of an unknown woman, born "1990" (review 45 #13): the name alone differs, the same record', () => expect(anotherPerson(person('van \'t Hooft-Bronsvoort', 'Daniëlle', '1988-07-04', 'female'), person('Onbekend', 'Vrouw', '1990', 'female'))).toBe(false));
  it('DOE JANE, no birth date, merged into the real record: the same record', () => expect(anotherPerson(person('ABARA', 'NGOZI', '1988-04-11', 'female'), person('DOE', 'JANE', undefined, 'female'))).toBe(false));
  it('the alias name agrees (MRG-7), its estimated birth date not: the same record (review 67 #13)', () => expect(anotherPerson(person('TRAUMA', 'ECHO', '1955-05-06'), person('trauma', 'echo', '1960-01-01'))).toBe(false));
  it('a name changed by marriage, the birth date agrees: the same person', () => expect(anotherPerson(person('SMITH', 'ANNA', '1980-01-02'), person('JONES', 'ANNA', '1980-01-02'))).toBe(false));
  it('a held record with neither name nor birth date: nothing says otherwise', () => expect(anotherPerson(person('SMITH', 'ANNA', '1980-01-02'), { resourceType: 'Patient' })).toBe(false));
});

describe('refuseRetiringAnotherPerson over a fixed server state', () => {
  const RETIRED = 'https://hig.example/fhir/StructureDefinition/retired-record';
  const put = (resource: Json): Json => ({ extension: [{ url: RETIRED, valueString: 'MRG-1 (segment 5)' }], resource, request: { method: 'PUT', url: 'Patient/p1' } });
  it('a held other person: refused, the error naming the entry and the MRG field, no name or number', async () => {
    const retire = { ...person('HOVLAND', 'MARIT', '1990-04-02'), identifier: [{ value: '967010003' }], active: false };
    const error = await refuseRetiringAnotherPerson([{ request: { method: 'PUT', url: 'Organization/o' } }, put(retire)], async () => [{ ...person('OGUNLEYE', 'ADEBOLA', '1977-09-15'), id: 'p1' }]).then(() => undefined, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('PermanentError');
    expect((error as Error).message).toContain('entry #1');
    expect((error as Error).message).toContain('MRG-1 (segment 5)');
    for (const phi of ['HOVLAND', 'OGUNLEYE', '967010003', 'p1', '1990']) expect((error as Error).message).not.toContain(phi);
  });
  it('the read is handed on once: the retired record\'s identifiers step asks no second GET (readOnce)', async () => {
    let gets = 0;
    const search = async () => (gets++, [{ ...person('HOVLAND', 'MARIT', '1990-04-02'), id: 'p1' }]);
    const checked = await refuseRetiringAnotherPerson([put(person('HOVLAND', 'MARIT', '1990-04-02'))], search);
    const again = readOnce(search, checked.read);
    await again('Patient', '_id=p1');
    expect(gets).toBe(1);
    await again('Patient', '_id=p1');
    expect(gets).toBe(2);
  });
  it('the held record of the same person, or none held: sent without the marker', async () => {
    for (const held of [[{ ...person('HOVLAND', 'MARIT', '1990-04-02'), id: 'p1' }], []]) {
      const [sent] = (await refuseRetiringAnotherPerson([put(person('HOVLAND', 'MARIT', '1990-04-02'))], async () => held)).entries;
      expect(sent?.extension).toBeUndefined();
      expect((sent?.request as Json).url).toBe('Patient/p1');
    }
  });
  // [FHIR R4 http.html#concurrency: If-Match W/"<versionId>", 412 when the resource changed] code review 37 CR37-5
  it('the held record read at a version: its PUT goes at the id read with ifMatch that version, versioned, carried or not', async () => {
    const held = [{ ...person('HOVLAND', 'MARIT', '1990-04-02'), id: 'p1', meta: { versionId: '3' } }];
    const checked = await refuseRetiringAnotherPerson([{ request: { method: 'PUT', url: 'Organization/o' } }, put(person('HOVLAND', 'MARIT', '1990-04-02'))], async () => held);
    expect(checked.entries[1]?.request).toEqual({ method: 'PUT', url: 'Patient/p1', ifMatch: 'W/"3"' });
    expect([...checked.versioned]).toEqual([1]);
  });
  it('a conditional PUT whose search found the record: sent at the id read, ifMatch its version, the read handed on under that id', async () => {
    let gets = 0;
    const search = async () => (gets++, [{ ...person('HOVLAND', 'MARIT', '1990-04-02'), id: 'p7', meta: { versionId: '2' } }]);
    const conditional = { ...put(person('HOVLAND', 'MARIT', '1990-04-02')), request: { method: 'PUT', url: 'Patient?identifier=urn%3Aoid%3A1.2%7C967010003' } };
    const checked = await refuseRetiringAnotherPerson([conditional], search);
    expect(checked.entries[0]?.request).toEqual({ method: 'PUT', url: 'Patient/p7', ifMatch: 'W/"2"' });
    await readOnce(search, checked.read)('Patient', '_id=p7');
    expect(gets).toBe(1);
  });
  it('none held, or a held record with no version: the PUT as it is, not versioned (the window FHIR R4 leaves: no create-only PUT)', async () => {
    for (const held of [[], [{ ...person('HOVLAND', 'MARIT', '1990-04-02'), id: 'p1' }]]) {
      const checked = await refuseRetiringAnotherPerson([put(person('HOVLAND', 'MARIT', '1990-04-02'))], async () => held);
      expect([checked.entries[0]?.request, checked.versioned.size]).toEqual([{ method: 'PUT', url: 'Patient/p1' }, 0]);
    }
  });
});

// delivered: OGUNLEYE's PHN-only record (a lab's ORU keys on the PHN), then an A40 that names his PHN as a duplicate of
// HOVLAND's record (the sender's mistake): the A40 is refused, his Patient keeps his name and stays active
const fhir = useFhirDestinations({ serverPer: 'test' });
const AUTHORITY = { AB: 'urn:oid:2.16.840.1.113883.4.999.67', TPRH: 'urn:oid:2.16.840.1.113883.3.6701' };
const ORU = [
  'MSH|^~\\&|PCCLLIS|PCCL|HIG|TPHR|20330310101500-0700||ORU^R01^ORU_R01|L1|P|2.5.1',
  'PID|1||967010003^^^AB^JHN||OGUNLEYE^ADEBOLA^TITUS||19770915|M',
  'OBR|1||PC33-1^PCCL|2093-3^Cholesterol^LN|||20330310090000-0700',
  'OBX|1|NM|2093-3^Cholesterol^LN||5.1|mmol/L|||||F',
].join('\r');
const merge = (event: string, structure: string, mrg: string) =>
  [`MSH|^~\\&|TPRHREG|TPRH|HIG|TPHR|20330313140238-0600||ADT^${event}^${structure}|M-${event}|P|2.5`, `EVN|${event}|20330313140200`, 'PID|1||TP6700135^^^TPRH^MR~967010030^^^AB^JHN||HOVLAND^MARIT^ELISE^^^^L||19900402|F', mrg].join('\r');

describe('R67-W1 at the FHIR server: a merge naming another person\'s record is refused', () => {
  for (const [label, options] of [['default (full PUT)', {}], ['conditionalUpdate', { namespaceMap: AUTHORITY, conditionalUpdate: true }]] as [string, Options][]) {
    it(`${label}: the A40 is refused; OGUNLEYE's Patient keeps his name, active, unlinked`, async () => {
      const dest = fhir.destination();
      await dest.deliver(convertHl7v2(ORU, options).bundle, never);
      const error = await dest.deliver(convertHl7v2(merge('A40', 'ADT_A39', 'MRG|967010003^^^AB^JHN'), options).bundle, never).catch((e: unknown) => e as Error);
      expect((error as Error).message).toContain('which the server holds as another person');
      const his = fhir.stored('Patient', '967010003');
      expect(his.map((p) => [(p.name as Json[])[0]?.family, p.active, p.link])).toEqual([['OGUNLEYE', undefined, undefined]]);
      expect(fhir.stored('Patient', 'TP6700135')).toEqual([]);
    });
    it(`${label}: the A47 correcting the PHN is delivered and leaves his record alone (nothing retired)`, async () => {
      const dest = fhir.destination();
      await dest.deliver(convertHl7v2(ORU, options).bundle, never);
      await dest.deliver(convertHl7v2(merge('A47', 'ADT_A30', 'MRG|967010003^^^AB^JHN'), options).bundle, never);
      expect(fhir.stored('Patient', '967010003').map((p) => [(p.name as Json[])[0]?.family, p.active, p.link])).toEqual([['OGUNLEYE', undefined, undefined]]);
      expect(fhir.stored('Patient', 'TP6700135').map((p) => [(p.identifier as Json[]).map((i) => i.value), p.link])).toEqual([[['TP6700135', '967010030'], undefined]]);
    });
  }
  const A04 = [
    'MSH|^~\\&|TPRHREG|TPRH|HIG|TPHR|20330311091500-0700||ADT^A04^ADT_A01|R-A04|P|2.5',
    'EVN|A04|20330311091500',
    'PID|1||TP6700135^^^TPRH^MR~967010003^^^AB^JHN||HOVLAND^MARIT^ELISE^^^^L||19900402|F',
    'PV1|1|O|PRE^1^^TPRH||||||||||||||||TPV6700135^^^TPRH^VN',
  ].join('\r');
  for (const [label, options] of [['default (full PUT)', {}], ['conditionalUpdate', { namespaceMap: AUTHORITY, conditionalUpdate: true }], ['omittedFields keep', { namespaceMap: AUTHORITY, omittedFields: 'keep' }]] as [string, Options][]) {
    it(`${label}: after her A04 under the mistyped PHN, the A47 leaves her record with her MRN and the corrected PHN only [v2.5.1 3.3.47]`, async () => {
      const dest = fhir.destination();
      await dest.deliver(convertHl7v2(A04, options).bundle, never);
      await dest.deliver(convertHl7v2(merge('A47', 'ADT_A30', 'MRG|967010003^^^AB^JHN'), options).bundle, never);
      expect(fhir.stored('Patient', 'TP6700135').map((p) => [(p.identifier as Json[]).map((i) => i.value), p.active])).toEqual([[['TP6700135', '967010030'], undefined]]);
      expect(fhir.stored('Patient', '967010003')).toEqual([]);
    });
  }
});
