/** One sample per supported trigger event (samples/events): routing, validity and the core resources. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_EVENTS } from '../../src/transform/structures/definitions.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { deletes, entries, findEmpty, repoRoot, resources } from './helpers.js';

const dir = path.join(repoRoot, 'samples/events');

/** event → structure it must route to, and resource types it must produce. */
const EXPECTED: Record<string, [string, string[]]> = {
  'ADT^A01': ['ADT_A01', ['Patient', 'Encounter', 'AllergyIntolerance', 'Condition', 'Procedure', 'Coverage', 'RelatedPerson']],
  'ADT^A02': ['ADT_A02', ['Patient', 'Encounter']],
  'ADT^A03': ['ADT_A03', ['Patient', 'Encounter']],
  'ADT^A04': ['ADT_A01', ['Patient', 'Encounter', 'AllergyIntolerance']],
  'ADT^A05': ['ADT_A05', ['Patient', 'Encounter']],
  'ADT^A06': ['ADT_A06', ['Patient', 'Encounter']],
  'ADT^A07': ['ADT_A06', ['Patient', 'Encounter']],
  'ADT^A08': ['ADT_A01', ['Patient', 'Encounter']],
  'ADT^A09': ['ADT_A09', ['Patient', 'Encounter']],
  'ADT^A10': ['ADT_A09', ['Patient', 'Encounter']],
  'ADT^A11': ['ADT_A09', ['Patient', 'Encounter']],
  'ADT^A12': ['ADT_A12', ['Patient', 'Encounter']],
  'ADT^A13': ['ADT_A01', ['Patient', 'Encounter']],
  'ADT^A14': ['ADT_A05', ['Patient', 'Encounter']],
  'ADT^A15': ['ADT_A15', ['Patient', 'Encounter']],
  'ADT^A16': ['ADT_A16', ['Patient', 'Encounter']],
  'ADT^A17': ['ADT_A17', ['Patient', 'Encounter']],
  // A18 (v2.3/2.4 merge patient information): the A34 merge, and its PV1's visit
  'ADT^A18': ['ADT_A18', ['Patient', 'Encounter']],
  // A21/A22 leave of absence and return (the visit onleave, then in-progress: events.test below)
  'ADT^A21': ['ADT_A21', ['Patient', 'Encounter']],
  'ADT^A22': ['ADT_A21', ['Patient', 'Encounter']],
  // A23 deletes the visit: a DELETE entry, the Patient stays
  'ADT^A23': ['ADT_A21', ['Patient']],
  // A24 links the two PIDs' records (seealso both ways), each with its visit; A37 unlinks them, its PV1s only name visits
  'ADT^A24': ['ADT_A24', ['Patient', 'Encounter']],
  'ADT^A25': ['ADT_A21', ['Patient', 'Encounter']],
  'ADT^A26': ['ADT_A21', ['Patient', 'Encounter']],
  'ADT^A27': ['ADT_A21', ['Patient', 'Encounter']],
  'ADT^A28': ['ADT_A05', ['Patient', 'Encounter']],
  // A29 deletes the person: a DELETE entry, no Patient or visit upserted (tested below)
  'ADT^A29': ['ADT_A21', []],
  'ADT^A31': ['ADT_A05', ['Patient', 'Encounter']],
  'ADT^A32': ['ADT_A21', ['Patient', 'Encounter']],
  'ADT^A33': ['ADT_A21', ['Patient', 'Encounter']],
  'ADT^A34': ['ADT_A30', ['Patient']],
  'ADT^A35': ['ADT_A30', ['Patient', 'Account']],
  'ADT^A36': ['ADT_A30', ['Patient', 'Account']],
  'ADT^A37': ['ADT_A37', ['Patient']],
  'ADT^A38': ['ADT_A38', ['Patient', 'Encounter']],
  'ADT^A39': ['ADT_A39', ['Patient']],
  'ADT^A40': ['ADT_A39', ['Patient']],
  'ADT^A41': ['ADT_A39', ['Patient']],
  // A44 moves MRG-3's account to the PID's patient: that Account, no patient link
  'ADT^A44': ['ADT_A43', ['Patient', 'Account']],
  'ADT^A45': ['ADT_A45', ['Patient', 'Encounter']],
  'ADT^A47': ['ADT_A30', ['Patient']],
  // A52/A53 cancel the leave / the return (review 40 R40-N1): the visit in-progress, then onleave again (leave-cancel.test.ts)
  'ADT^A52': ['ADT_A52', ['Patient', 'Encounter']],
  'ADT^A53': ['ADT_A52', ['Patient', 'Encounter']],
  // A54 change attending doctor / A55 its cancel (review 57 R57-R2): the visit, its attending PV1-7 (attending-change.test.ts)
  'ADT^A54': ['ADT_A54', ['Patient', 'Encounter', 'Practitioner']],
  'ADT^A55': ['ADT_A54', ['Patient', 'Encounter', 'Practitioner']],
  'ADT^A60': ['ADT_A60', ['Patient', 'AllergyIntolerance']],
  'BAR^P01': ['BAR_P01', ['Patient', 'Encounter', 'Coverage']],
  // P02 purges the accounts: a DELETE of each PID-18 Account, no visit upserted (tested below)
  'BAR^P02': ['BAR_P02', ['Patient']],
  // P05 update account (review 59 R59-R1, refused until fix37a): read as P01 is, its ABS reported
  'BAR^P05': ['BAR_P05', ['Patient', 'Encounter', 'Account', 'Coverage']],
  'BAR^P12': ['BAR_P12', ['Patient', 'Encounter', 'Procedure']],
  'DFT^P03': ['DFT_P03', ['Patient', 'ChargeItem']],
  'DFT^P11': ['DFT_P11', ['Patient', 'ChargeItem']],
  'MDM^T01': ['MDM_T01', ['Patient', 'DocumentReference']],
  'MDM^T02': ['MDM_T02', ['Patient', 'DocumentReference']],
  // T03/T04 status change (T03 a notification of the held document, T04 with its content), T11 cancel
  'MDM^T03': ['MDM_T01', ['Patient', 'DocumentReference']],
  'MDM^T04': ['MDM_T02', ['Patient', 'DocumentReference']],
  'MDM^T11': ['MDM_T01', ['Patient', 'DocumentReference']],
  'MDM^T05': ['MDM_T01', ['Patient', 'DocumentReference']],
  'MDM^T06': ['MDM_T02', ['Patient', 'DocumentReference']],
  // an edit: the same document (TXA-12), edited (review 19: T08 was refused as unsupported)
  'MDM^T07': ['MDM_T01', ['Patient', 'DocumentReference']],
  'MDM^T08': ['MDM_T02', ['Patient', 'DocumentReference']],
  'MDM^T09': ['MDM_T01', ['Patient', 'DocumentReference']],
  'MDM^T10': ['MDM_T02', ['Patient', 'DocumentReference']],
  'OMG^O19': ['OMG_O19', ['Patient', 'ServiceRequest', 'Specimen']],
  // OMI^O23 (review 45 R45-R1): the RIS's scheduling of the order, one ServiceRequest per ORC + OBR, its DG1 a Condition
  'OMI^O23': ['OMI_O23', ['Patient', 'ServiceRequest', 'Condition']],
  'OML^O21': ['OML_O21', ['Patient', 'ServiceRequest', 'Specimen']],
  'OMP^O09': ['OMP_O09', ['Patient', 'MedicationRequest']],
  'ORL^O22': ['ORL_O22', ['Patient', 'ServiceRequest']],
  'ORM^O01': ['ORM_O01', ['Patient', 'ServiceRequest']],
  // the pharmacy's and the v2.4 lab's answers (R55-R2, R56-R1): the order each ORC names, a conditional create + patch
  'ORP^O10': ['ORP_O10', ['Patient', 'MedicationRequest']],
  'ORR^O02': ['ORR_O02', ['Patient', 'ServiceRequest']],
  'ORU^R01': ['ORU_R01', ['Patient', 'DiagnosticReport', 'Observation', 'ServiceRequest']],
  'OUL^R22': ['OUL_R22', ['Patient', 'DiagnosticReport', 'Observation', 'Specimen']],
  'OUL^R23': ['OUL_R23', ['Patient', 'DiagnosticReport', 'Observation', 'Specimen']],
  'OUL^R24': ['OUL_R24', ['Patient', 'DiagnosticReport', 'Observation', 'Specimen']],
  'PPR^PC1': ['PPR_PC1', ['Patient', 'Condition']],
  'PPR^PC2': ['PPR_PC1', ['Patient', 'Condition']],
  'PPR^PC3': ['PPR_PC1', ['Patient', 'Condition']],
  'RDE^O01': ['RDE_O11', ['Patient', 'MedicationRequest']],
  'RDE^O11': ['RDE_O11', ['Patient', 'MedicationRequest']],
  'RDE^O25': ['RDE_O11', ['Patient', 'MedicationRequest']],
  'RAS^O01': ['RAS_O17', ['Patient', 'MedicationRequest', 'MedicationAdministration']],
  'RAS^O17': ['RAS_O17', ['Patient', 'MedicationRequest', 'MedicationAdministration']],
  'RDS^O01': ['RDS_O13', ['Patient', 'MedicationRequest', 'MedicationDispense']],
  'RDS^O13': ['RDS_O13', ['Patient', 'MedicationRequest', 'MedicationDispense']],
  // the give: the order (conditional create + status patch) and the give, a MedicationRequest instance-order based on it
  'RGV^O01': ['RGV_O15', ['Patient', 'MedicationRequest']],
  'RGV^O15': ['RGV_O15', ['Patient', 'MedicationRequest']],
  'REF^I12': ['REF_I12', ['Patient', 'ServiceRequest']],
  'REF^I13': ['REF_I12', ['Patient', 'ServiceRequest']],
  'REF^I14': ['REF_I12', ['Patient', 'ServiceRequest']],
  'SIU^S12': ['SIU_S12', ['Patient', 'Appointment']],
  'SIU^S13': ['SIU_S12', ['Patient', 'Appointment']],
  'SIU^S14': ['SIU_S12', ['Patient', 'Appointment']],
  'SIU^S15': ['SIU_S12', ['Patient', 'Appointment']],
  'SIU^S16': ['SIU_S12', ['Patient', 'Appointment']],
  'SIU^S17': ['SIU_S12', ['Patient', 'Appointment']],
  'SIU^S26': ['SIU_S12', ['Patient', 'Appointment']],
  'VXU^V04': ['VXU_V04', ['Patient', 'Immunization']],
};

describe('samples/events', () => {
  it('has a sample and an expectation for every supported event', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).map((f) => f.replace('.hl7', '').replace('_', '^'));
    expect(new Set(files)).toEqual(SUPPORTED_EVENTS);
    expect(new Set(Object.keys(EXPECTED))).toEqual(SUPPORTED_EVENTS);
  });

  it.each(Object.entries(EXPECTED))('%s', (event, [structure, types]) => {
    const r = convertHl7v2(readFileSync(path.join(dir, `${event.replace('^', '_')}.hl7`)));
    expect(r.messageType).toBe(event);
    expect(r.structure).toBe(structure);
    expect(validateBundle(r.bundle)).toEqual([]);
    expect(findEmpty(r.bundle)).toBeUndefined();
    for (const t of ['MessageHeader', 'Provenance', ...types]) expect(resources(r.bundle, t).length, t).toBeGreaterThan(0);
    // by fullUrl: a Patient found by its search (a merge survivor, A24's records) is a conditional create without an id
    const patients = (entries(r.bundle) as unknown as { fullUrl?: string; resource?: { resourceType?: string } }[]).filter((e) => e.resource?.resourceType === 'Patient').map((e) => e.fullUrl);
    // everything that has a subject/patient points at a patient of this bundle
    for (const entry of entries(r.bundle) as unknown as { resource: Record<string, { reference?: string } | undefined> }[]) {
      const subject = entry.resource.subject ?? entry.resource.patient ?? entry.resource.beneficiary;
      if (subject?.reference !== undefined && subject.reference.startsWith('urn:uuid:')) expect(patients).toContain(subject.reference);
    }
  });

  it('ADT^A17 keeps each patient with its own visit (repeating PATIENT group)', () => {
    const r = convertHl7v2(readFileSync(path.join(dir, 'ADT_A17.hl7')));
    const patients = resources(r.bundle, 'Patient');
    const encounters = resources(r.bundle, 'Encounter');
    expect(patients.map((p) => (p.name as { family: string }[])[0]?.family)).toEqual(['ALPHA', 'BETA']);
    expect(encounters.map((e) => (e.subject as { reference: string }).reference)).toEqual(patients.map((p) => `urn:uuid:${p.id}`));
  });

  // [IG SegmentActionCode D → DELETE] A29 deletes the person: no PUT of the demographics, no visit
  it('ADT^A29 deletes the Patient and upserts nothing about the person', () => {
    const r = convertHl7v2(readFileSync(path.join(dir, 'ADT_A29.hl7')));
    expect(deletes(r.bundle).map((e) => e.request.url)).toEqual([expect.stringMatching(/^Patient\/[0-9a-f-]{36}$/)]);
    expect(resources(r.bundle, 'Patient')).toEqual([]);
    expect(resources(r.bundle, 'Encounter')).toEqual([]);
  });

  // [hig, events.ts: v2 table 0003 P02 purge patient accounts; no IG BAR_P02 map; IG PID[Account] PID-18]
  it('BAR^P02 deletes every PID-18 Account and creates no Account or visit', () => {
    const r = convertHl7v2(readFileSync(path.join(dir, 'BAR_P02.hl7')));
    // both PIDs name account 4000776 (AccMgr): one account, one DELETE
    expect(deletes(r.bundle).map((e) => e.request.url)).toEqual([expect.stringMatching(/^Account(\/[0-9a-f-]{36}|\?identifier=)/)]);
    expect(resources(r.bundle, 'Account')).toEqual([]);
    expect(resources(r.bundle, 'Encounter')).toEqual([]);
    expect(resources(r.bundle, 'Patient')).toHaveLength(2);
  });

  // [IG PID[Account] PID-18 → Account.identifier; FHIR Account.subject 0..*]: two PIDs of one message
  // naming one account number make one Account of both patients, not of the first alone
  it('a PID-18 shared by two PIDs is the account of both patients', () => {
    const msg = [
      'MSH|^~\\&|HIS|GOODHEALTH|EHR|RECV|20240305081500+0100||ADT^A17^ADT_A17|MSG-A17-ACC|P|2.5.1',
      'EVN|A17|20240305081500+0100',
      'PID|1||MRN100^^^HOSP^MR||ALPHA^ANN||19700101|F||||||||||AC77^^^HOSP^AN',
      'PV1|1|I|W1^101^A^GOODHEALTH||||||||||||||||V100^^^HOSP^VN',
      'PID|1||MRN200^^^HOSP^MR||BETA^BEA||19750505|F||||||||||AC77^^^HOSP^AN',
      'PV1|1|I|W1^102^B^GOODHEALTH||||||||||||||||V200^^^HOSP^VN',
    ].join('\r');
    const r = convertHl7v2(msg);
    // by fullUrl: a Patient found by its search (a merge survivor, A24's records) is a conditional create without an id
    const patients = (entries(r.bundle) as unknown as { fullUrl?: string; resource?: { resourceType?: string } }[]).filter((e) => e.resource?.resourceType === 'Patient').map((e) => e.fullUrl);
    const accounts = resources(r.bundle, 'Account');
    expect(accounts).toHaveLength(1);
    expect((accounts[0]?.subject as { reference: string }[]).map((s) => s.reference)).toEqual(patients);
  });

  it.each(['ADT^A34', 'ADT^A36', 'ADT^A39', 'ADT^A40', 'ADT^A47'])('%s links the merged identity to the survivor', (event) => {
    const r = convertHl7v2(readFileSync(path.join(dir, `${event.replace('^', '_')}.hl7`)));
    const links = resources(r.bundle, 'Patient').flatMap((p) => (p.link as { type: string }[] | undefined) ?? []).map((l) => l.type);
    expect(links).toEqual(expect.arrayContaining(['replaces', 'replaced-by']));
  });
});
