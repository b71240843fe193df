/**
 * Issue 14, brief loss14: the losses of review 9's re-read (docs/mapping-review-9.md "Per message")
 * with a named IG target. Expected values are written from the rows each `describe` names; the
 * golden case cases/orm-orc21-facility-without-orc12 shows the ServiceRequest side of ORC-21.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, entries, resources, seg } from './helpers.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||MRN14^^^HOSP&2.16.840.1.113883.19.5&ISO^MR||DOE^JANE||19800215|F';
const lines = (all: string[], field: string) => all.filter((t) => t.startsWith(`${field} `));

/** The resource a reference names, in this Bundle. */
function target(bundle: Json, ref: unknown): Json | undefined {
  const url = (ref as { reference?: string } | undefined)?.reference;
  return entries(bundle).find((e) => e.fullUrl === url)?.resource;
}

describe('[IG ORC[ServiceRequest] ORC-21–24] the ordering facility when ORC-12 is empty', () => {
  const ORM = (orc: Record<number, string>, obr: Record<number, string> = {}, ...more: string[]) =>
    convertChecked(
      'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240305083500-0500||ORM^O01^ORM_O01|L14-1|P|2.5.1',
      PID,
      seg('ORC', { 1: 'NW', 2: 'PL14^CPOE', ...orc }),
      seg('OBR', { 1: '1', 2: 'PL14^CPOE', 4: '2093-3^Cholesterol^LN', ...obr }),
      ...more,
    );

  it('ORC-21 alone → requester PractitionerRole of no person, organization the facility', () => {
    const { bundle, lines: all } = ORM({ 21: 'North Clinic^^^^^^^^^NC01' });
    const role = target(bundle, (resources(bundle, 'ServiceRequest')[0] as Json).requester);
    expect(role?.resourceType).toBe('PractitionerRole');
    expect(role?.practitioner).toBeUndefined();
    expect(target(bundle, role?.organization)).toMatchObject({ resourceType: 'Organization', name: 'North Clinic', identifier: [{ value: 'NC01' }] });
    expect(lines(all, 'ORC-21-24')).toEqual([]);
    expect(all.filter((t) => t.startsWith('ORC-21'))).toEqual([]);
  });

  // [IG ORC[ServiceRequest] #24 → requester(PractitionerRole.practitioner(Practitioner.address))]
  // loss14b: without ORC-12 the orderer ORC-24 speaks of is a Practitioner known only by that address
  // (message-scoped), the practitioner of the facility's role (reported until loss14b)
  it('ORC-24 without ORC-12 → the facility role\'s practitioner, a Practitioner with only that address', () => {
    const { bundle, lines: all } = ORM({ 21: 'North Clinic^^^^^^^^^NC01', 24: '7 Elm St^^Austin^TX^78702' });
    const role = target(bundle, (resources(bundle, 'ServiceRequest')[0] as Json).requester);
    expect(role?.resourceType).toBe('PractitionerRole');
    expect(target(bundle, role?.organization)).toMatchObject({ resourceType: 'Organization', name: 'North Clinic' });
    const person = target(bundle, role?.practitioner);
    expect(person).toMatchObject({ resourceType: 'Practitioner', address: [{ line: ['7 Elm St'], city: 'Austin', state: 'TX', postalCode: '78702' }] });
    expect(person?.name).toBeUndefined();
    expect(person?.identifier).toBeUndefined();
    expect(lines(all, 'ORC-24')).toEqual([]);
  });

  it('ORC-24 without ORC-12 or ORC-21 → requester the Practitioner with only that address', () => {
    const { bundle, lines: all } = ORM({ 24: '7 Elm St^^Austin^TX^78702' });
    const person = target(bundle, (resources(bundle, 'ServiceRequest')[0] as Json).requester);
    expect(person).toMatchObject({ resourceType: 'Practitioner', address: [{ line: ['7 Elm St'] }] });
    expect(lines(all, 'ORC-24')).toEqual([]);
  });

  it('ORC-24 with the OBR-16 orderer standing in for ORC-12 → that Practitioner\'s address (the row\'s requester practitioner)', () => {
    const { bundle, lines: all } = ORM({ 24: '7 Elm St^^Austin^TX^78702' }, { 16: '4321^KEEN^KIM' });
    const requester = target(bundle, (resources(bundle, 'ServiceRequest')[0] as Json).requester);
    expect(requester).toMatchObject({ resourceType: 'Practitioner', identifier: [{ value: '4321' }], address: [{ line: ['7 Elm St'], city: 'Austin', state: 'TX', postalCode: '78702' }] });
    expect(lines(all, 'ORC-24')).toEqual([]);
  });

  it('ORC-22/23 without an ORC-21 to hold them: reported, no requester', () => {
    const { bundle, lines: all } = ORM({ 22: '1 Main St^^Austin^TX^78701', 23: '^WPN^PH^^1^512^5550100' });
    expect((resources(bundle, 'ServiceRequest')[0] as Json).requester).toBeUndefined();
    expect(lines(all, 'ORC-22-23')).toEqual([expect.stringContaining('without the facility ORC-21')]);
  });

  it('a PRT OP role with its own organization stays the requester; ORC-21 is reported', () => {
    const prt = seg('PRT', { 2: 'AD', 4: 'OP^Ordering Provider^HL70443', 5: '77^PRTDOC^PAT', 8: 'Prt Org^^^^^^^^^PO1' });
    const { bundle, lines: all } = convertChecked(
      'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240305083500-0500||OML^O21^OML_O21|L14-2|P|2.8',
      PID,
      seg('ORC', { 1: 'NW', 2: 'PL15^CPOE', 21: 'North Clinic^^^^^^^^^NC01' }),
      prt,
      seg('OBR', { 1: '1', 2: 'PL15^CPOE', 4: '2093-3^Cholesterol^LN' }),
    );
    const role = target(bundle, (resources(bundle, 'ServiceRequest')[0] as Json).requester);
    expect(role?.resourceType).toBe('PractitionerRole');
    expect(target(bundle, role?.organization)).toMatchObject({ name: 'Prt Org' });
    expect(lines(all, 'ORC-21')).toEqual([expect.stringContaining('beside a requester role a PRT names')]);
  });

  it('[hig identity] ORC-21 does not change which ServiceRequest the order PUTs to', () => {
    const plain = resources(ORM({}).bundle, 'ServiceRequest')[0];
    const withFacility = resources(ORM({ 21: 'North Clinic^^^^^^^^^NC01' }).bundle, 'ServiceRequest')[0];
    expect(withFacility?.id).toBe(plain?.id);
  });

  it('[IG ORC[ServiceRequest] #21 on the MedicationRequest, RXO[MedicationRequest] RXO-14] the RXO-14 orderer at the ORC-21 facility', () => {
    const { bundle, lines: all } = convertChecked(
      'MSH|^~\\&|CPOE|HOSP|PHARM|HOSP|20240301080000-0500||RDE^O11^RDE_O11|L14-3|P|2.5.1',
      PID,
      seg('ORC', { 1: 'NW', 2: 'ORD14^CPOE', 21: 'Lake Hospital^^^^^^^^^LH1', 22: '1000 N Road^^Lake Forest^IL^60045', 23: '(847)234-5600^WPN^PH' }),
      seg('RXO', { 1: '00047040230^Ampicillin 250 mg caps^NDC', 14: '1542^YARDY^MAX' }),
      seg('RXE', { 2: '00047040230^Ampicillin 250 mg caps^NDC', 3: '250', 5: 'mg^milligram^UCUM' }),
      'RXR|PO^Oral^HL70162',
    );
    const role = target(bundle, (resources(bundle, 'MedicationRequest')[0] as Json).requester);
    expect(role?.resourceType).toBe('PractitionerRole');
    expect(target(bundle, role?.practitioner)).toMatchObject({ resourceType: 'Practitioner', identifier: [{ value: '1542' }] });
    expect(target(bundle, role?.organization)).toMatchObject({
      name: 'Lake Hospital',
      address: [{ line: ['1000 N Road'], city: 'Lake Forest', state: 'IL', postalCode: '60045' }],
      telecom: [{ system: 'phone', use: 'work' }],
    });
    expect(all.filter((t) => /^ORC-2[1-4]/.test(t))).toEqual([]);
  });
});

describe('[IG NTE[Observation] #5, #6; NTE[ServiceRequest] #5, #6] entered by / entered date-time of a note', () => {
  it('NTE-5 → note.authorReference (XCN[Practitioner]), NTE-6 → note.time, on the OBX\'s Observation and the OBR\'s ServiceRequest', () => {
    const { bundle, lines: all } = convertChecked(
      'MSH|^~\\&|LAB|LABFAC|EHR|HOSP|20240306101500-0500||ORU^R01^ORU_R01|L14-4|P|2.5.1',
      PID,
      'OBR|1|PL7^EHR|FL7^LAB|2345-7^Glucose^LN|||20240306090000-0500|||||||||||||||20240306100000-0500|||F',
      seg('NTE', { 1: '1', 3: 'Fasting sample', 5: '55^WRITER^WANDA', 6: '20240306091500-0500' }),
      'OBX|1|NM|2345-7^Glucose^LN||180|mg/dL^mg/dL^UCUM|70-99|H|||F',
      seg('NTE', { 1: '1', 3: 'Repeated', 5: '66^CHECKER^CARL', 6: '20240306094500-0500' }),
    );
    const obsNote = ((resources(bundle, 'Observation')[0] as Json).note as Json[])[0];
    expect(obsNote).toMatchObject({ text: 'Repeated', time: '2024-03-06T09:45:00-05:00' });
    expect(target(bundle, obsNote?.authorReference)).toMatchObject({ resourceType: 'Practitioner', identifier: [{ value: '66' }], name: [{ family: 'CHECKER', given: ['CARL'] }] });
    const srNote = ((resources(bundle, 'ServiceRequest')[0] as Json).note as Json[])[0];
    expect(srNote).toMatchObject({ text: 'Fasting sample', time: '2024-03-06T09:15:00-05:00' });
    expect(target(bundle, srNote?.authorReference)).toMatchObject({ resourceType: 'Practitioner', identifier: [{ value: '55' }] });
    expect(all.filter((t) => t.startsWith('NTE-5') || t.startsWith('NTE-6'))).toEqual([]);
  });
});

describe('[IG SPM[Specimen] #32 → identifier EI[Identifier-Extension]] EI.3/EI.4 that name no system', () => {
  it('an EI.3 universal id of a type that makes no URI (CLIP) beside EI.2: not silently dropped (loss14c: hig\'s v2-assigningauthority, EI[Identifier-Extension] EI.2–EI.4)', () => {
    const { bundle, lines: all } = convertChecked(
      'MSH|^~\\&|LAB|LABFAC|EHR|HOSP|20240306101500-0500||ORU^R01^ORU_R01|L14-5|P|2.5.1',
      PID,
      'OBR|1|PL7^EHR|FL7^LAB|2345-7^Glucose^LN|||20240306090000-0500|||||||||||||||20240306100000-0500|||F',
      'OBX|1|NM|2345-7^Glucose^LN||180|mg/dL^mg/dL^UCUM|70-99|H|||F',
      seg('SPM', { 1: '1', 2: 'SP7&LAB^SP7F&LAB', 4: '119297000^Blood specimen^SCT', 32: 'ShipID-32^Shipment^1.3.6.1.4.1.44750.1.2.2^CLIP' }),
    );
    const ids = (resources(bundle, 'Specimen')[0] as Json).identifier as Json[];
    const ship = ids.find((i) => i.value === 'ShipID-32');
    expect(ship).toMatchObject({ assigner: { display: 'Shipment' }, type: { coding: [{ code: 'SHIP' }] } });
    // [IG EI[Identifier-Extension] EI.2/EI.3/EI.4 → extension??-assigningauthority.<part>]
    expect((ship?.extension as Json[] | undefined)?.[0]?.extension).toEqual([
      { url: 'nameSpaceID', valueString: 'Shipment' },
      { url: 'universalID', valueString: '1.3.6.1.4.1.44750.1.2.2' },
      { url: 'universalIDType', valueCode: 'CLIP' },
    ]);
    // beside the SHIP type's own line (no v2-0203 system, review 11), nothing for EI.3/EI.4
    expect(lines(all, 'SPM-32').filter((t) => !t.includes('identifier type SHIP'))).toEqual([]);
  });

  it('an EI.3 that makes the system (ISO OID) is no loss: nothing reported', () => {
    const { lines: all } = convertChecked(
      'MSH|^~\\&|LAB|LABFAC|EHR|HOSP|20240306101500-0500||ORU^R01^ORU_R01|L14-6|P|2.5.1',
      PID,
      'OBR|1|PL7^EHR|FL7^LAB|2345-7^Glucose^LN|||20240306090000-0500|||||||||||||||20240306100000-0500|||F',
      seg('SPM', { 1: '1', 2: 'SP7&LAB^SP7F&LAB', 4: '119297000^Blood specimen^SCT', 32: 'ShipID-32^Shipment^1.3.6.1.4.1.44750.1.2.2^ISO' }),
    );
    expect(lines(all, 'SPM-32').filter((t) => !t.includes('identifier type SHIP'))).toEqual([]);
  });
});

describe('[IG MRG[Account] #3; ADT_A06 MRG → Account[2]] MRG-3 in a patient merge (A47)', () => {
  const A47 = (mrg3: string) =>
    convertChecked(
      'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240310120000-0500||ADT^A47^ADT_A47|L14-7|P|2.5.1',
      'EVN|A47|20240310120000-0500',
      seg('PID', { 1: '1', 3: 'MR101^^^HOSP^MR', 5: 'EVERYMAN^ADAM', 7: '19610615', 8: 'M', 18: 'PACCT101' }),
      `MRG|MR102^^^HOSP^MR||${mrg3}`,
    );

  it('an MRG-3 that is the survivor\'s PID-18 account is that Account (subject the survivor): one Account, nothing reported', () => {
    const { bundle, lines: all } = A47('PACCT101');
    const accounts = resources(bundle, 'Account');
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ identifier: [{ value: 'PACCT101' }], status: 'active' });
    expect(lines(all, 'MRG-3')).toEqual([]);
  });

  it('another MRG-3 (no row places it in a patient merge): reported with the reason, no Account made', () => {
    const { bundle, lines: all } = A47('PACCT099');
    expect(resources(bundle, 'Account').map((a) => (a.identifier as Json[])[0]?.value)).toEqual(['PACCT101']);
    expect(lines(all, 'MRG-3')).toEqual([expect.stringContaining("not the survivor's PID-18 account")]);
  });
});

describe('review 9\'s losses whose IG rows name no target hig writes: reported with the reason, not "valued but not mapped"', () => {
  // ROL-9/10 of a visit's ROL were here (reported: no ROL map row): since brief rol16 they are read
  // as their successors PRT[PractitionerRole] #6/#7, a documented deviation (rol-provider-type.test.ts)

  const SIU = (...more: string[]) =>
    convertChecked(
      'MSH|^~\\&|SCHED|CLINIC|EHR|HOSP|20240401090000-0400||SIU^S12^SIU_S12|L14-9|P|2.6',
      'SCH|APT14^SCHED|APT14F^SCHED|||||||||^^60^20240410090000-0400^20240410100000-0400||||||||||||||Booked',
      PID,
      'RGS|1',
      ...more,
    );

  const AIS_11_12 = seg('AIS', { 1: '1', 3: '99214^Office visit^C4', 4: '20240410140000-0400', 7: '45', 8: 'min^minutes^UCUM', 11: 'PSI1^Placer info^L', 12: 'FSI1^Filler info^L' });

  // [IG SIU_S12 RESOURCES.SERVICE.AIS → ServiceRequest[n] IF SCH-26 IS VALUED OR SCH-27 IS VALUED]
  it('[IG AIS[ServiceRequest] #11, #12 → identifier[2]/[3]] AIS-11/12 of an ordered appointment: identifiers of the AIS\'s ServiceRequest (ais16; siu-service-request.test.ts)', () => {
    const { bundle, lines: all } = convertChecked(
      'MSH|^~\\&|SCHED|CLINIC|EHR|HOSP|20240401090000-0400||SIU^S12^SIU_S12|L14-9|P|2.6',
      'SCH|APT14^SCHED|APT14F^SCHED|||||||||^^60^20240410090000-0400^20240410100000-0400||||||||||||||Booked|PL26^CPOE&2.16.840.1.113883.19.5&ISO',
      PID,
      'RGS|1',
      AIS_11_12,
    );
    expect(lines(all, 'AIS-11')).toEqual([]);
    expect(lines(all, 'AIS-12')).toEqual([]);
    const [sr] = resources(bundle, 'ServiceRequest') as Json[];
    expect(sr?.identifier).toEqual(expect.arrayContaining([{ system: 'urn:hl7v2:codesystem:L', value: 'PSI1' }, { system: 'urn:hl7v2:codesystem:L', value: 'FSI1' }]));
  });

  it('AIS-11/12 of an appointment whose SCH names no order (SCH-26/27 empty): the IG makes no AIS ServiceRequest either, and the line says so', () => {
    const { lines: all } = SIU(AIS_11_12);
    for (const f of ['AIS-11', 'AIS-12']) expect(lines(all, f)).toEqual([expect.stringContaining('whose SCH names no order (SCH-26/27): the IG makes its AIS[ServiceRequest] only for an ordered appointment')]);
  });

  it('[IG NTE[Appointment-Comment] #3, #5, #6 → extension-Appointment.note valueAnnotation text, author, time] the note with who and when (review 14); the text stays in R4\'s comment too', () => {
    const { bundle, lines: all } = SIU(seg('AIS', { 1: '1', 3: '99214^Office visit^C4' }), seg('NTE', { 1: '1', 3: 'Bring the referral', 5: '55^WRITER^WANDA', 6: '20240401085000-0400' }));
    const appointment = resources(bundle, 'Appointment')[0] as Json;
    expect(appointment.comment).toBe('Bring the referral');
    const notes = ((appointment.extension as Json[] | undefined) ?? []).filter((e) => e.url === 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.note');
    expect(notes).toEqual([{ url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Appointment.note', valueAnnotation: { text: 'Bring the referral', authorReference: expect.objectContaining({ reference: expect.any(String) }), time: '2024-04-01T08:50:00-04:00' } }]);
    // the author reference resolves (convertChecked validates references); it names NTE-5's writer
    const author = resources(bundle, 'Practitioner').find((p) => JSON.stringify(p.name).includes('WRITER'));
    expect(author?.name).toEqual([expect.objectContaining({ family: 'WRITER', given: ['WANDA'] })]);
    expect(lines(all, 'NTE-5')).toEqual([]);
    expect(lines(all, 'NTE-6')).toEqual([]);
  });
});
