/**
 * Code review 39 (docs/codereview39.md), keep41: the hig patient-authority rule (transform/patient-authority.ts,
 * destinations/held-elements.ts). A Patient PUT of a message whose MSH-9.1 is not ADT keeps at the FHIR server what it
 * does not convey. These check what it keeps that the message replaced or removed, and the send itself (the marker,
 * the read's version, errors). Delivered to the in-repo FHIR server; expected values are written by hand from the
 * messages (synthetic patient LB3900117 of the hospital RVH).
 *
 *   npx vitest run test/codereview39/patient-authority.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { never } from '../destinations/helpers.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { channelDelivery } from '../support/held-visit.js';

type Json = Record<string, unknown>;

const header = (id: string, type: string, app: string) => `MSH|^~\\&|${app}|RVH|HIG|RVH|20340301101500+0000||${type}|${id}|P|2.5.1`;
const MR = 'LB3900117^^^RVH^MR';
/**
 * The ADT's person: MR and NHS number 485 777 3456, official (legal) name QUIGLEY ROISIN, mother's maiden name DEVLIN
 * (PID-6), born 3 May 1981 in BELFAST (PID-23), female, her home address.
 */
const ADT_PID = `PID|1||${MR}~4857773456^^^NHS^NH||QUIGLEY^ROISIN^^^^^L|DEVLIN|19810503|F|||22 LISBURN ROAD^^BELFAST^^BT9 6AA^GBR^H||||||||||||BELFAST`;
const A01 = [header('Q1', 'ADT^A01^ADT_A01', 'PAS'), 'EVN|A01|20340301101500+0000', ADT_PID, 'PV1|1|I|W5^11^B'].join('\r');
/** A lab's glucose result under the PID `pid`. */
const oru = (id: string, pid: string) =>
  [
    header(id, 'ORU^R01^ORU_R01', 'LIS'),
    pid,
    `OBR|1|P${id}|F${id}|2345-7^Glucose^LN|||20340302090000+0000|||||||||||||||20340302100000+0000|||F`,
    'OBX|1|NM|2345-7^Glucose^LN||5.1|mmol/L|3.9-5.5|N|||F',
  ].join('\r');
/** A practice's dose of hepatitis B vaccine under the PID `pid` (each entry its own request in individual mode). */
const vxu = (id: string, pid: string) =>
  [header(id, 'VXU^V04^VXU_V04', 'EHR'), pid, `ORC|RE||IZ${id}^EHR`, 'RXA|0|1|20340302093000||08^Hep B, adolescent or pediatric^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001'].join('\r');

const fhir = useFhirDestinations({ serverPer: 'test' });
const deliver = channelDelivery(fhir);

/** The one Patient the server holds under her MR (a second record beside her would be a finding of its own). */
const patient = (): Json => {
  const found = fhir.stored('Patient', 'LB3900117');
  expect(found).toHaveLength(1);
  return found[0] as Json;
};
/** An element of `p` as a list of its items, and what the tests read of each. */
const items = (v: unknown) => (v as Json[] | undefined) ?? [];
const [identifierValues, nameRows, lines] = [
  (p: Json) => items(p.identifier).map((i) => i.value),
  (p: Json) => items(p.name).map((n) => [n.use ?? null, n.family]),
  (p: Json) => items(p.address).map((a) => (a.line as string[] | undefined)?.[0]),
];
const extensionUrls = (p: Json) => items(p.extension).map((e) => String(e.url).split('/').pop());

describe('CR39: what a non-ADT Patient PUT keeps that its message replaced or removed [hig patient-authority rule]', () => {
  it('CR39-1 a lab states the NHS number with a new value: the old one is not kept beside it (one NHS number) [IG PID[Patient] #3]', async () => {
    await deliver({}, 'transaction', A01, oru('Q2', `PID|1||${MR}~4857773464^^^NHS^NH||QUIGLEY^ROISIN^^^^^L||19810503|F`));
    expect(identifierValues(patient())).toEqual(['LB3900117', '4857773464']);
  });

  it('CR39-2 a lab\'s name of no XPN.7 (PID-5\'s first repetition: the legal name, v2.5.1 3.4.2.5) replaces the held official name [IG PID[Patient] #5]', async () => {
    await deliver({}, 'transaction', A01, oru('Q3', `PID|1||${MR}||QUIGLEY-NEESON^ROISIN||19810503|F`));
    expect(nameRows(patient())).toEqual([[null, 'QUIGLEY-NEESON']]);
  });

  it('CR39-3 PID-6 and PID-23 sent as `""` remove the mother\'s maiden name and birth place [v2.5.1 2.5.3; IG PID[Patient] #6, #23]', async () => {
    await deliver({}, 'transaction', A01, oru('Q4', `PID|1||${MR}||QUIGLEY^ROISIN^^^^^L|""|19810503|F|||||||||||||||""`));
    expect(extensionUrls(patient())).toEqual([]);
  });
});

describe('CR39-4 a link another system wrote is erased by a non-ADT PUT that read the Patient [FHIR R4 Patient.link]', () => {
  it('CR39-4 an EMPI\'s replaced-by link on the held Patient survives the lab\'s ORU (the read that keeps her address saw it)', async () => {
    await deliver({}, 'transaction', A01);
    const held = patient();
    const put = await fetch(`${fhir.server.url}/Patient/${String(held.id)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ ...held, link: [{ other: { reference: 'Patient/empi-survivor-3901' }, type: 'replaced-by' }] }),
    });
    expect(put.status).toBe(200);
    await deliver({}, 'transaction', oru('Q8', `PID|1||${MR}||QUIGLEY^ROISIN^^^^^L||19810503|F`));
    const p = patient();
    expect([lines(p), items(p.link).map((l) => [l.type, (l.other as Json).reference])]).toEqual([['22 LISBURN ROAD'], [['replaced-by', 'Patient/empi-survivor-3901']]]);
  });
});

describe('CR39 controls', () => {
  it('PID-8 `""` and PID-11 `""` from the lab remove gender and address; the NHS number it does not name stays', async () => {
    await deliver({}, 'transaction', A01, oru('Q5', `PID|1||${MR}||QUIGLEY^ROISIN^^^^^L||19810503|""|||""`));
    const p = patient();
    expect([p.gender, p.address, identifierValues(p)]).toEqual([undefined, undefined, ['LB3900117', '4857773456']]);
  });

  for (const mode of ['transaction', 'batch', 'individual'] as const) {
    it(`${mode}: a practice's VXU reads the Patient once, keeps her address, and no held-element marker reaches the server`, async () => {
      await deliver({}, mode, A01);
      const before = fhir.server.requests.length;
      await deliver({}, mode, vxu('Q6', `PID|1||${MR}||QUIGLEY^ROISIN^^^^^L||19810503|F`));
      const requests = fhir.server.requests.slice(before);
      const reads = requests.filter((r) => r.method === 'GET' && r.path.includes('/Patient?_id='));
      expect([JSON.stringify(requests.map((r) => r.body)).includes('held-element'), reads.length, patient().address === undefined]).toEqual([false, 1, false]);
    });
  }

  it('a failed read of the Patient names no identifier in the error (conditionalUpdate channel) [no PHI in errors]', async () => {
    const options = { namespaceMap: { RVH: 'urn:oid:2.16.840.1.113883.3.3901' }, conditionalUpdate: true };
    await deliver(options, 'transaction', A01);
    await fhir.server.setFault({ kind: 'status', status: 500, times: 1 });
    const dest = fhir.destination();
    const error = await dest.deliver(convertHl7v2(oru('Q7', `PID|1||${MR}||QUIGLEY^ROISIN^^^^^L||19810503|F`), options).bundle, never).then(() => undefined, (e: unknown) => e);
    expect(String(error)).not.toContain('LB3900117');
    expect(String(error)).not.toMatch(/^undefined$/);
  });

  it('A08 states her death (PID-29, PID-30 Y); a later ORU without them keeps deceasedDateTime; one with PID-30 `""` removes it [IG PID[Patient] #29, #30]', async () => {
    const a08 = [header('Q9', 'ADT^A08^ADT_A01', 'PAS'), 'EVN|A08|20340306080000+0000', `${ADT_PID}||||||20340305143000+0000|Y`, 'PV1|1|I|W5^11^B'].join('\r');
    await deliver({}, 'transaction', A01, a08, oru('Q10', `PID|1||${MR}||QUIGLEY^ROISIN^^^^^L||19810503|F`));
    expect(patient().deceasedDateTime).toBe('2034-03-05T14:30:00Z');
    await deliver({}, 'transaction', oru('Q11', `PID|1||${MR}||QUIGLEY^ROISIN^^^^^L||19810503|F${'|'.repeat(22)}""`));
    expect(Object.keys(patient()).filter((k) => k.startsWith('deceased'))).toEqual([]);
  });

  it('an A08 lands between the ORU\'s read and its PUT: the ORU\'s transaction is refused (412) and its retry keeps the A08\'s address [If-Match]', async () => {
    await deliver({}, 'transaction', A01);
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    let reached = () => {};
    const arrived = new Promise<void>((resolve) => (reached = resolve));
    await fhir.server.setFault({ kind: 'hold', until, arrived: () => reached(), times: 1, method: 'POST' });
    const lab = fhir.destination();
    const result = convertHl7v2(oru('Q12', `PID|1||${MR}||QUIGLEY^ROISIN^^^^^L||19810503|F`)).bundle;
    const first = lab.deliver(result, never).then(() => 'stored', (e: unknown) => String(e));
    await arrived;
    const a08 = [header('Q13', 'ADT^A08^ADT_A01', 'PAS'), 'EVN|A08|20340302080000+0000', ADT_PID.replace('22 LISBURN ROAD^^BELFAST^^BT9 6AA', '7 MALONE PARK^^BELFAST^^BT9 6NJ'), 'PV1|1|I|W5^11^B'].join('\r');
    await fhir.destination().deliver(convertHl7v2(a08).bundle, never);
    release();
    expect(await first).toMatch(/412|changed/i);
    await lab.deliver(result, never);
    expect(lines(patient())).toEqual(['7 MALONE PARK']);
  });
});

/**
 * After the review (branch fix39): the rule's edges the four fixes draw. A PID of the fields `fields` (by number), the
 * others empty, for the ADT's and the lab's messages below.
 */
const pidOf = (fields: Record<number, string>) => `PID|${Array.from({ length: Math.max(...Object.keys(fields).map(Number)) }, (_, i) => fields[i + 1] ?? '').join('|')}`;
const adt = (id: string, pid: string) => [header(id, 'ADT^A01^ADT_A01', 'PAS'), 'EVN|A01|20340301101500+0000', pid, 'PV1|1|I|W5^11^B'].join('\r');

describe('CR39 after the review (fix39): what a non-ADT Patient PUT keeps [hig patient-authority rule]', () => {
  // the hospital's MRN is her identity (hig patient identity: MATER's MR would sort first), each message one Patient
  const mapped = { RVH: 'urn:oid:2.16.840.1.113883.3.3901', NHS: 'https://fhir.nhs.uk/Id/nhs-number' };
  for (const options of [{ patientAuthorities: ['RVH'] }, { patientAuthorities: ['RVH'], namespaceMap: mapped }]) {
    it(`CR39-1 ${'namespaceMap' in options ? 'by system' : 'no system (type + assigner)'}: the lab's new NHS number replaces the held one; the MATER MRN (another assigner) it does not name stays [IG PID[Patient] #3]`, async () => {
      const held = adt('Q20', pidOf({ 1: '1', 3: `${MR}~4857773456^^^NHS^NH~M77120^^^MATER^MR`, 5: 'QUIGLEY^ROISIN^^^^^L', 7: '19810503', 8: 'F' }));
      await deliver(options, 'transaction', held, oru('Q21', `PID|1||${MR}~4857773464^^^NHS^NH||QUIGLEY^ROISIN^^^^^L||19810503|F`));
      expect(identifierValues(patient())).toEqual(['LB3900117', '4857773464', 'M77120']);
    });
  }

  it('CR39-2 the ADT\'s first name of no XPN.7 (her legal name) is replaced by the lab\'s official one; her maiden, customary (usual) and PID-9 alias names stay [IG PID[Patient] #5, #9; NameType D → usual]', async () => {
    const held = adt('Q22', pidOf({ 1: '1', 3: MR, 5: 'QUIGLEY^ROISIN~DEVLIN^ROISIN^^^^^M~QUIGLEY^ROSIE^^^^^D', 7: '19810503', 8: 'F', 9: 'ROONEY^ROISIN' }));
    await deliver({}, 'transaction', held, oru('Q23', `PID|1||${MR}||QUIGLEY-NEESON^ROISIN^^^^^L||19810503|F`));
    expect(nameRows(patient())).toEqual([['official', 'QUIGLEY-NEESON'], ['maiden', 'DEVLIN'], ['usual', 'QUIGLEY'], [null, 'ROONEY']]);
  });

  it('CR39-3 PID-10 `""` removes the race, the ethnicity it does not clear stays; PID-22 `""` then removes it [v2.5.1 2.5.3; IG PID[Patient] #10, #22 US Core]', async () => {
    const race = '2106-3^White^CDCREC';
    const ethnicity = '2186-5^Not Hispanic or Latino^CDCREC';
    const held = adt('Q24', pidOf({ 1: '1', 3: MR, 5: 'QUIGLEY^ROISIN^^^^^L', 6: 'DEVLIN', 7: '19810503', 8: 'F', 10: race, 22: ethnicity, 23: 'BELFAST' }));
    await deliver({}, 'transaction', held, oru('Q25', pidOf({ 1: '1', 3: MR, 5: 'QUIGLEY^ROISIN^^^^^L', 7: '19810503', 8: 'F', 10: '""' })));
    expect(extensionUrls(patient())).toEqual(['us-core-ethnicity', 'patient-mothersMaidenName', 'patient-birthPlace']);
    await deliver({}, 'transaction', oru('Q26', pidOf({ 1: '1', 3: MR, 5: 'QUIGLEY^ROISIN^^^^^L', 7: '19810503', 8: 'F', 22: '""' })));
    expect(extensionUrls(patient())).toEqual(['patient-mothersMaidenName', 'patient-birthPlace']);
  });

  it('CR39-3 PID-17, PID-26 and PID-28 `""` remove religion, citizenship and nationality; the birth place it does not clear stays [IG PID[Patient] #17, #23, #26, #28]', async () => {
    const held = adt('Q27', pidOf({ 1: '1', 3: MR, 5: 'QUIGLEY^ROISIN^^^^^L', 7: '19810503', 8: 'F', 17: 'CAT^Catholic^HL70006', 23: 'BELFAST', 26: 'GBR^United Kingdom^ISO3166', 28: 'IRL^Ireland^ISO3166' }));
    await deliver({}, 'transaction', held, oru('Q28', pidOf({ 1: '1', 3: MR, 5: 'QUIGLEY^ROISIN^^^^^L', 7: '19810503', 8: 'F', 17: '""', 26: '""', 28: '""' })));
    expect(extensionUrls(patient())).toEqual(['patient-birthPlace']);
  });
});
