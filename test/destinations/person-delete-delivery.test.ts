/**
 * [v2.5.1 3.3.29 A29 "delete all demographic information related to a given person … 'undoes' an A28"; IG
 * SegmentActionCode D → DELETE; review 50 R50-W2] An A04 (registration: NK1 spouse, PID-21 mother, IN1 with the spouse
 * insured, PID-18 account with a GT1 guarantor) and its A29, delivered through the FHIR destination to the in-repo FHIR
 * server: after the A29 nothing the A04 wrote for the person (but its visit, which an A23 deletes) for the person names the deleted Patient (destinations/person-delete.ts);
 * another person's records stay. Expected values come from the messages; synthetic data.
 *
 *   npx vitest run test/destinations/person-delete-delivery.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { deletePersonRecords } from '../../src/destinations/person-delete.js';
import { never } from './helpers.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const msh = (id: string, event: string, structure: string) => `MSH|^~\\&|QVPAS|QVMC|HIG|QVMC|20261207090000-0600||ADT^${event}^${structure}|${id}|P|2.5.1`;
/** PID with MRN, name, mother's maiden name, birth date, sex, address, phone, PID-18 account and PID-21 mother's identifier. */
const pid = (mrn: string, full = true) => {
  const f: string[] = Array<string>(22).fill('');
  f[0] = 'PID'; f[1] = '1'; f[3] = `${mrn}^^^QVMC^MR`; f[5] = 'TESTPERSONDEL^HOLLIS^^^^^L'; f[7] = '19800512'; f[8] = 'M'; f[18] = `${mrn}A^^^QVMC^AN`;
  if (full) { f[6] = 'TESTPERSONDEL^MARGIT^^^^^L'; f[11] = '1 Elm St^^Austin^TX^78701'; f[13] = '^PRN^PH^^1^512^5550100'; f[21] = `${mrn}M^^^QVMC^MR`; }
  return f.join('|');
};
const a04 = (mrn: string) =>
  [
    msh(`${mrn}-1`, 'A04', 'ADT_A01'),
    'EVN|A04|20261207090000',
    pid(mrn),
    `NK1|1|TESTPERSONDEL^ODA^^^^^L|SPO^Spouse^HL70063||^PRN^PH^^1^512^5550101`,
    `PV1|1|O|CLIN^1^^QVMC||||||||||||||||${mrn}V^^^QVMC^VN`,
    `GT1|1||TESTPERSONDEL^ODA^^^^^L||1 Elm St^^Austin^TX^78701|^PRN^PH^^1^512^5550101|||||SPO^Spouse^HL70063`,
    `IN1|1|PPO^Preferred^QVPLAN|QVINS1^^^QVMC^XX|Acme Health||||GRP-${mrn}|||||||||TESTPERSONDEL^ODA^^^^^L|SPO^Spouse^HL70063|19810301|||||||||||||||||POL-${mrn}`,
  ].join('\r');
const a29 = (mrn: string) => [msh(`${mrn}-2`, 'A29', 'ADT_A21'), 'EVN|A29|20261207091500', pid(mrn, false), 'PV1|1|N'].join('\r');

async function deliver(...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m, { timezone: 'America/Chicago' }).bundle, never);
}
const all = (type: string): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === type);
const naming = (patient: string) => [
  ...all('RelatedPerson').filter((r) => (r.patient as Json | undefined)?.reference === patient),
  ...all('Coverage').filter((c) => (c.beneficiary as Json | undefined)?.reference === patient),
  ...all('Account').filter((a) => ((a.subject ?? []) as Json[]).some((s) => s.reference === patient)),
];

describe('R50-W2 an A29 deletes the person: its RelatedPersons, Coverages and Accounts go with the Patient', () => {
  it('A04 (NK1 spouse, PID-21 mother, IN1, PID-18 + GT1) then A29: the Patient and everything naming it gone; another person\'s A04 records stay', async () => {
    await deliver(a04('QV5020001'), a04('QV5020002'));
    const [gone] = fhir.stored('Patient', 'QV5020001');
    const [kept] = fhir.stored('Patient', 'QV5020002');
    const goneRef = `Patient/${String(gone?.id)}`;
    const keptRef = `Patient/${String(kept?.id)}`;
    // the A04 wrote them: the NK1 spouse, the PID-21 mother, the IN1 insured / GT1 guarantor (no NK1-33/IN1-49: its own key), coverage, account
    expect(naming(goneRef).map((r) => r.resourceType).sort()).toEqual(['Account', 'Coverage', 'RelatedPerson', 'RelatedPerson', 'RelatedPerson']);
    const before = naming(keptRef).length;
    await deliver(a29('QV5020001'));
    expect(fhir.stored('Patient', 'QV5020001')).toEqual([]);
    expect(naming(goneRef)).toEqual([]);
    expect(naming(keptRef)).toHaveLength(before);
  });
});

describe('person-delete.ts (no server)', () => {
  const accounts: Json[] = [
    { resourceType: 'Account', id: 'a1', subject: [{ reference: 'Patient/p1' }] },
    { resourceType: 'Account', id: 'a2', subject: [{ reference: 'Patient/p1' }, { reference: 'Patient/p2' }] },
  ];
  const search = async (type: string, query: string): Promise<Json[]> => {
    if (type === 'Patient' && query === 'identifier=sys|MR1') return [{ resourceType: 'Patient', id: 'p1' }];
    if (type === 'Account' && query.startsWith('subject=Patient/p1&')) return accounts;
    if (type === 'RelatedPerson' && query.startsWith('patient=Patient/p1&')) return [{ resourceType: 'RelatedPerson', id: 'r1', patient: { reference: 'Patient/p1' } }];
    return [];
  };
  const marked = (url: string) => ({ extension: [{ url: 'https://hig.example/fhir/StructureDefinition/person-delete', valueBoolean: true }], request: { method: 'DELETE', url } });

  it('a conditional Patient DELETE: its Patients found first; an account naming another patient too is kept and reported; the marker removed; indexes kept', async () => {
    const out = await deletePersonRecords({ entries: [marked('Patient?identifier=sys|MR1'), { request: { method: 'PUT', url: 'Provenance/x' } }], changed: false, versioned: new Set([1]), resolved: new Map() }, search);
    expect(out.entries.map((e) => (e.request as Json).url)).toEqual(['Patient?identifier=sys|MR1', 'Provenance/x', 'RelatedPerson/r1', 'Account/a1']);
    expect(out.entries[0]?.extension).toBeUndefined();
    expect(out.notes).toEqual(['Account/a2: an account of the deleted person that names another patient too, kept']);
    expect([...out.versioned]).toEqual([1]);
  });

  it('[hig; code review 33 CR33-1] a hit checked against its search: an absolute or versioned reference to the Patient is hers; one naming another refuses the message', async () => {
    const answering = (beneficiary: string) => async (type: string, query: string): Promise<Json[]> =>
      type === 'Coverage' && query.startsWith('beneficiary=Patient/p1&') ? [{ resourceType: 'Coverage', id: 'c1', beneficiary: { reference: beneficiary } }] : [];
    const prior = () => ({ entries: [marked('Patient/p1')], changed: false, versioned: new Set<number>(), resolved: new Map<number, string>() });
    const out = await deletePersonRecords(prior(), answering('https://fhir.example/base/Patient/p1/_history/2'));
    expect(out.entries.map((e) => (e.request as Json).url)).toEqual(['Patient/p1', 'Coverage/c1']);
    await expect(deletePersonRecords(prior(), answering('Patient/p2'))).rejects.toThrow(/search Coverage\?beneficiary&_count: answered resources that do not name the deleted Patient/);
  });

  it('a Bundle without the marker is returned as it is', async () => {
    const prior = { entries: [{ request: { method: 'DELETE', url: 'Encounter/e1' } }], changed: false, versioned: new Set<number>(), resolved: new Map<number, string>() };
    expect(await deletePersonRecords(prior, search)).toBe(prior);
  });
});
