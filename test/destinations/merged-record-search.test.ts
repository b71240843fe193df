/**
 * [FHIR R4 Patient.link replaced-by; IG PV1[Encounter] #19, ORC[ServiceRequest] #2, TXA[DocumentReference] #12;
 * review 37 R37-W1] After an A40 merges an unidentified record (a trauma alias) into the patient's real record, the
 * messages that follow name the real record (the survivor) and the numbers of the visit, order and document the
 * retired record holds. On a channel without a namespaceMap those numbers have no system, so hig searches them
 * among the named patient's resources only (identity.ts patientNumberSearch, orderEventKey): the survivor's search
 * found nothing and the server got a second visit, a second order (the first left active) and a second document.
 * The FHIR destination now searches the records merged into the patient (`Patient?link=Patient/<survivor>`, those
 * `replaced-by` it) when, and only when, the patient's own search misses (destinations/named-resources.ts
 * mergedRetry). A record linked otherwise (an A24's `seealso`: two distinct records) is another patient's (code
 * review 26 CR26-4). Delivered to the in-repo test FHIR server on default options; expected values from the
 * messages, the IG rows named, and FHIR R4's Patient.link definition, not from hig's output.
 *
 *   npx vitest run test/destinations/merged-record-search.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const MSH = (id: string, type: string) => `MSH|^~\\&|EDIS|RIVH|HIG|RIVH|20261206101500-0600||${type}|${id}|P|2.5.1`;
/** The trauma alias the ED registers an unidentified patient under, and the patient's real record. */
const PID_DOE = 'PID|1||TR90001^^^RIVH^MR||DOE^JANE^^^^^L|||F';
const PID_REAL = 'PID|1||77129001^^^RIVH^MR||ABARA^NGOZI^^^^^L||19880411|F';
const PID_OTHER = 'PID|1||77129055^^^RIVH^MR||ABARA^CHIOMA^^^^^L||19910802|F';
const PV1 = (visit: string) => `PV1|1|E|ED^T1^01^RIVH||||||||||||||||${visit}^^^RIVH^VN`;
const A04 = (pid: string, visit: string) => [MSH(`A4${visit}`, 'ADT^A04^ADT_A01'), 'EVN|A04|20261206020000-0600', pid, PV1(visit)].join('\r');
/** The alias merged into the real record (MRG-1 the alias's MRN). */
const A40 = [MSH('A40', 'ADT^A40^ADT_A39'), 'EVN|A40|20261206050000-0600', PID_REAL, 'MRG|TR90001^^^RIVH^MR||||||DOE^JANE^^^^^L'].join('\r');
/** Two records of one person kept distinct (v2.5.1 3.3.24: each `link` `seealso` the other). */
const A24 = [MSH('A24', 'ADT^A24^ADT_A24'), 'EVN|A24|20261206050000-0600', PID_REAL, PID_OTHER].join('\r');
const OBR4 = 'UDS10^Drug screen urine^RIVH';
const ORM_NW = (pid: string, visit: string) =>
  [MSH('O1', 'ORM^O01^ORM_O01'), pid, PV1(visit), 'ORC|NW|PL-9001^RIVH|||||||20261206021000-0600', `OBR|1|PL-9001^RIVH||${OBR4}|||20261206021000-0600`].join('\r');
const ORM_CA = (pid: string) => [MSH('O2', 'ORM^O01^ORM_O01'), pid, 'ORC|CA|PL-9001^RIVH|||||||20261206060000-0600'].join('\r');
/** The result of PL-9001 (ORC-5 CM), its PV1 naming the visit `visit`. */
const ORU = (pid: string, visit: string, placer = 'PL-9001') =>
  [MSH(`R${placer}${visit}`, 'ORU^R01^ORU_R01'), pid, PV1(visit), `ORC|RE|${placer}^RIVH|FL-9001^LAB||CM`,
    `OBR|1|${placer}^RIVH|FL-9001^LAB|${OBR4}|||20261206023000-0600||||||||||||||20261206055000-0600||CH|F`,
    'OBX|1|ST|19343-9^Amphetamines [Presence] in Urine by Screen method^LN||Negative||Negative|N|||F'].join('\r');
const MDM = (event: 'T02' | 'T07', pid: string, txa: string, text?: string) =>
  [MSH(`M${event}`, `MDM^${event}^${text === undefined ? 'MDM_T01' : 'MDM_T02'}`), 'EVN|' + event + '|20261206060000-0600', pid, PV1('V90001'), txa, ...(text === undefined ? [] : [`OBX|1|TX|||${text}||||||F`])].join('\r');
const TXA = (status: string, authenticator = '') => `TXA|1|ED|TX|20261206055000-0600||20261206054000-0600|||||${authenticator}|DOC-9001^RIVH|||||${status}`;

let server: FhirServer;
let dest: BundlePusher;
beforeEach(async () => {
  server = await startFhirServer();
  dest = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
});
afterEach(async () => {
  await dest.close();
  await server.close();
});

const held = (type: string): Json[] => [...server.resources.values()].filter((r) => r.resourceType === type);
const withNumber = (type: string, value: string) => held(type).filter((r) => JSON.stringify([r.identifier, r.masterIdentifier]).includes(`"value":"${value}"`));
const patientOf = (mrn: string) => held('Patient').find((p) => JSON.stringify(p.identifier).includes(`"value":"${mrn}"`));
const ref = (r: Json | undefined) => `${String(r?.resourceType)}/${String(r?.id)}`;
const linkSearches = () => server.requests.filter((r) => r.method === 'GET' && r.path.includes('/Patient?link='));
async function deliver(...messages: string[]): Promise<void> {
  for (const m of messages) await dest.deliver(convertHl7v2(m).bundle, never);
}

describe('[FHIR R4 Patient.link replaced-by; review 37 R37-W1] after an A40, a number searched among the survivor\'s resources finds the retired record\'s', () => {
  it('[IG PV1[Encounter] #19; ORC[ServiceRequest] #2, #5 CM → completed] a result under the survivor lands on the alias\'s visit and completes its order: one Encounter, one ServiceRequest', async () => {
    await deliver(A04(PID_DOE, 'V90001'), ORM_NW(PID_DOE, 'V90001'), A40, ORU(PID_REAL, 'V90001'));
    const doe = patientOf('TR90001');
    expect(doe?.active).toBe(false);
    const [visit, ...moreVisits] = withNumber('Encounter', 'V90001');
    expect(moreVisits).toHaveLength(0);
    const [order, ...moreOrders] = withNumber('ServiceRequest', 'PL-9001');
    expect(moreOrders).toHaveLength(0);
    expect(order?.status).toBe('completed');
    // the visit and the order are still the alias's (moved by the Patient link, mapping.md), the result the survivor's
    expect((visit?.subject as Json | undefined)?.reference).toBe(ref(doe));
    const [obs] = held('Observation');
    expect((obs?.subject as Json | undefined)?.reference).toBe(ref(patientOf('77129001')));
    expect((obs?.encounter as Json | undefined)?.reference).toBe(ref(visit));
  });

  it('[IG ORC[ServiceRequest] #1 CA → revoked] an ORC-only cancel under the survivor revokes the alias\'s order instead of creating a second one', async () => {
    await deliver(A04(PID_DOE, 'V90001'), ORM_NW(PID_DOE, 'V90001'), A40, ORM_CA(PID_REAL));
    const orders = withNumber('ServiceRequest', 'PL-9001');
    expect(orders.map((o) => o.status)).toEqual(['revoked']);
  });

  it('[IG TXA[DocumentReference] #12, #17 AU] an edit notification (T07) under the survivor patches the alias\'s document: one DocumentReference, authenticated, its text kept', async () => {
    await deliver(A04(PID_DOE, 'V90001'), MDM('T02', PID_DOE, TXA('IP'), 'Trauma primary survey.'), A40, MDM('T07', PID_REAL, TXA('AU', '5678^OSEI^AMA^^^^MD')));
    const docs = held('DocumentReference');
    expect(docs).toHaveLength(1);
    // [IG TXA[DocumentReference] #17] AU → docStatus final
    expect(docs[0]?.docStatus).toBe('final');
    expect(JSON.stringify(docs[0]?.content)).toContain(Buffer.from('Trauma primary survey.').toString('base64'));
  });

  it('a merge of a merge: the alias merged into a second record, that one into the real record, still one visit and one order', async () => {
    const PID_MID = 'PID|1||TR90002^^^RIVH^MR||UNKNOWN^FEMALE^^^^^L|||F';
    const A40_FIRST = [MSH('A40a', 'ADT^A40^ADT_A39'), 'EVN|A40|20261206040000-0600', PID_MID, 'MRG|TR90001^^^RIVH^MR'].join('\r');
    const A40_SECOND = [MSH('A40b', 'ADT^A40^ADT_A39'), 'EVN|A40|20261206050000-0600', PID_REAL, 'MRG|TR90002^^^RIVH^MR'].join('\r');
    await deliver(A04(PID_DOE, 'V90001'), ORM_NW(PID_DOE, 'V90001'), A40_FIRST, A40_SECOND, ORU(PID_REAL, 'V90001'));
    expect(withNumber('Encounter', 'V90001')).toHaveLength(1);
    expect(withNumber('ServiceRequest', 'PL-9001').map((o) => o.status)).toEqual(['completed']);
  });
});

describe('[code review 26 CR26-4; FHIR R4 Patient.link seealso] a record linked but not merged is another patient\'s', () => {
  it('after an A24 (seealso), the other record\'s visit of the same bare number is not taken by this patient\'s result', async () => {
    await deliver(A04(PID_OTHER, 'V90002'), A24, ORU(PID_REAL, 'V90002', 'PL-9002'));
    const other = patientOf('77129055');
    const [obs] = held('Observation');
    const named = server.resources.get(String((obs?.encounter as Json | undefined)?.reference));
    // [R4] an Observation's encounter is a visit of its own subject
    expect(named === undefined || JSON.stringify(named.subject) === JSON.stringify(obs?.subject)).toBe(true);
    expect(withNumber('Encounter', 'V90002').filter((e) => (e.subject as Json).reference === ref(other))).toHaveLength(1);
  });
});

describe('cost: the merged records are asked for only when the patient\'s own search misses, once per Bundle', () => {
  it('a result whose visit and order the survivor\'s search finds sends no Patient?link search', async () => {
    await deliver(A04(PID_REAL, 'V90003'), ORM_NW(PID_REAL, 'V90003'));
    const before = linkSearches().length;
    await deliver(ORU(PID_REAL, 'V90003'));
    expect(linkSearches().length - before).toBe(0);
    expect(withNumber('ServiceRequest', 'PL-9001').map((o) => o.status)).toEqual(['completed']);
  });

  it('a result whose visit and order the server does not hold (no merge) asks once for the patient\'s merged records, and creates one of each', async () => {
    await deliver(ORU(PID_REAL, 'V90004'));
    expect(linkSearches()).toHaveLength(1);
    expect(withNumber('Encounter', 'V90004')).toHaveLength(1);
    expect(withNumber('ServiceRequest', 'PL-9001')).toHaveLength(1);
  });
});
