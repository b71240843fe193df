/**
 * Code review 26 (docs/codereview26.md): the changes on main since 0248a61 (fixdoc26, fixrx26, visit26),
 * delivered to the in-repo test FHIR server (test/support/fhir-server.ts). Each finding is an `it.fails`
 * asserting the right outcome (failing today) beside a control that passes. Expected values come from the
 * messages, v2.5.1 2.5.3 (`""` deletes, absent leaves unchanged) and FHIR R4's definitions, not from hig's
 * output. All names, numbers and MRNs are synthetic.
 *
 *   npx vitest run test/codereview26/delivery.test.ts
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandOrderEvents } from '../../src/destinations/order-events.js';
import { matchesOf } from '../../src/destinations/order-events.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { jsonPatchOps } from '../../src/transform/json-patch-entry.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';

type Json = Record<string, unknown>;

let server: FhirServer;
const opened: BundlePusher[] = [];
beforeEach(async () => {
  server = await startFhirServer();
});
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
  await server.close();
});
function destination(): BundlePusher {
  const created = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  opened.push(created);
  return created;
}
const held = (type: string): Json[] => [...server.resources.values()].filter((r) => r.resourceType === type);

// ---------------------------------------------------------------------------------------------------
// CR26-1 [v2.5.1 2.5.3: `""` deletes the receiver's value; IG RXR[MedicationRequest] #3, hig RXE-7 text,
// RXE-23/24 rate] a changed pharmacy order that deletes the pump, sig and rate keeps them (fixrx26)
// ---------------------------------------------------------------------------------------------------
const OID = '1.2.840.114350.1.13.99';
/** An infusion RDE for order RX26A: RXE-7 `sig`, RXE-23/24 `rate`, RXR-3 `device` as given (raw HL7 field text). */
let sent = 0;
const rde = (control: string, f: { sig: string; rate: string; device: string }) =>
  [
    // the control id numbered, not named by the rate field: its `|` would shift MSH-11/12 (processing id, version)
    `MSH|^~\\&|CPOE|GH|PHARM|GH|20261206080000-0600||RDE^O11^RDE_O11|RX26A-${control}-${++sent}|P|2.5.1`,
    'PID|1||MRN2601^^^GH^MR||QUILLFEATHER^ODA||19720310|F',
    `ORC|${control}|RX26A^CPOE^${OID}^ISO||SC||||20261206080000-0600|||1234^ORDER^OLIVE`,
    'TQ1|1||Q12H^^HL70335||||20261206090000-0600',
    `RXE||11124^Vancomycin^RXNORM|1000||mg^milligram^UCUM||${f.sig}|||1|ea^each^UCUM||||||||||||${f.rate}`,
    `RXR|IV^Intravenous^HL70162||${f.device}`,
  ].join('\r');
const PUMPED = { sig: '^Infuse over 60 minutes', rate: '250|mL/h^milliliter per hour^UCUM', device: 'IVP^IV Pump^HL70164' };
const line = (): Json => {
  const [mr] = held('MedicationRequest');
  return ((mr?.dosageInstruction as Json[] | undefined) ?? [])[0] ?? {};
};
const rateOf = (d: Json) => ((d.doseAndRate as Json[] | undefined) ?? []).map((r) => r.rateQuantity).filter((r) => r !== undefined);
const deviceOf = (d: Json) => ((d.extension as Json[] | undefined) ?? []).filter((e) => String(e.url).endsWith('v2-device'));

describe('CR26-1 [v2.5.1 2.5.3; IG RXR[MedicationRequest] #3; R27-A1 heldDosagePatch] `""` in a changed pharmacy order', () => {
  it('an XO whose RXE-7, RXE-23/24 and RXR-3 are `""` (delete): the order no longer has the sig, rate or pump', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', PUMPED)).bundle, never);
    expect(line().text).toBe('Infuse over 60 minutes');
    await dest.deliver(convertHl7v2(rde('XO', { sig: '""', rate: '""|""', device: '""' })).bundle, never);
    expect(held('MedicationRequest')).toHaveLength(1);
    const d = line();
    expect(d.text).toBeUndefined();
    expect(rateOf(d)).toEqual([]);
    expect(deviceOf(d)).toEqual([]);
  });

  it('control: an XO that omits them (absent = unchanged) keeps the sig, rate and pump (R27-A1)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', PUMPED)).bundle, never);
    await dest.deliver(convertHl7v2(rde('XO', { sig: '', rate: '', device: '' })).bundle, never);
    const d = line();
    expect(d.text).toBe('Infuse over 60 minutes');
    expect(rateOf(d)).toHaveLength(1);
    expect(deviceOf(d)).toHaveLength(1);
  });

  // [fixrxnull26] each `""` deletes its own element and nothing else; the message's dose and timing stay merged
  it('RXE-7 `""` alone: the sig goes, the rate and pump stay (RXE-23/24, RXR-3 absent)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', PUMPED)).bundle, never);
    await dest.deliver(convertHl7v2(rde('XO', { sig: '""', rate: '', device: '' })).bundle, never);
    const d = line();
    expect(d.text).toBeUndefined();
    expect(rateOf(d)).toEqual([{ value: 250, unit: 'milliliter per hour', system: 'http://unitsofmeasure.org', code: 'mL/h' }]);
    expect(deviceOf(d)).toHaveLength(1);
  });

  it('RXE-23/24 `""` alone: the rate goes, the dose (RXE-3/5), sig and pump stay', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', PUMPED)).bundle, never);
    await dest.deliver(convertHl7v2(rde('XO', { sig: '', rate: '""|""', device: '' })).bundle, never);
    const d = line();
    expect(rateOf(d)).toEqual([]);
    // [IG RXO[MedicationRequest] #2/#4, read for RXE-3/5] the give amount 1000 mg is the line's dose still
    expect((d.doseAndRate as Json[]).map((r) => (r.doseQuantity as Json | undefined)?.value)).toEqual([1000]);
    expect(d.text).toBe('Infuse over 60 minutes');
    expect(deviceOf(d)).toHaveLength(1);
  });

  it('RXR-3 `""` alone: the pump goes, the sig and rate stay', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', PUMPED)).bundle, never);
    await dest.deliver(convertHl7v2(rde('XO', { sig: '', rate: '', device: '""' })).bundle, never);
    const d = line();
    expect(deviceOf(d)).toEqual([]);
    expect(d.text).toBe('Infuse over 60 minutes');
    expect(rateOf(d)).toHaveLength(1);
    // [IG RXR[MedicationRequest] #1] the route the XO's RXR-1 sends is the line's
    expect(JSON.stringify(d.route)).toContain('IV');
  });

  it('the mark of the `""` fields never reaches the server; the converter\'s Bundle is R4 and its plain conditional PATCH deletes them too', async () => {
    const xo = convertHl7v2(rde('XO', { sig: '""', rate: '""|""', device: '""' })).bundle as Json;
    // as a file, HTTP or MLLP destination gets it: valid R4; hig's marks are Bundle.entry extensions, one value[x] each (ext-1)
    expect(validateBundle(xo).filter((i) => i.severity === 'error')).toEqual([]);
    const marks = (xo.entry as Json[]).flatMap((e) => (e.extension as Json[] | undefined) ?? []);
    for (const m of marks) expect(Object.keys(m).sort()).toEqual(['url', m.valueString === undefined ? 'valueBoolean' : 'valueString'].sort());
    // the three `""` fields' marks (the Patient's held-element marks of the patient-authority rule beside them: keep41)
    expect(marks.filter((m) => m.valueString !== undefined && String(m.url).endsWith('/order-event-cleared'))).toHaveLength(3);
    const patch = (xo.entry as Json[]).find((e) => (e.request as Json).method === 'PATCH') as Json;
    expect(JSON.stringify(jsonPatchOps(patch.resource as Json))).not.toContain('order-event');
    // a receiver that applies the Bundle as it is (no held-line merge): `add /dosageInstruction` replaces the lines
    await destination().deliver(convertHl7v2(rde('NW', PUMPED)).bundle, never);
    const plain = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(xo) });
    expect(plain.status).toBe(200);
    const d = line();
    expect([d.text, rateOf(d), deviceOf(d)]).toEqual([undefined, [], []]);
    // the FHIR destination: merged, the marks removed from what it sends
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', PUMPED)).bundle, never);
    await dest.deliver(xo, never);
    const [mr] = held('MedicationRequest');
    expect(JSON.stringify(mr)).not.toContain('order-event');
    expect([line().text, rateOf(line()), deviceOf(line())]).toEqual([undefined, [], []]);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR26-2 [hig visit rule; IG Event[EncounterStatus] A01 → in-progress] a result delivered while another
// worker delivers the visit's A01: the result's PUT of its echo at hig's id erases the admission
// ---------------------------------------------------------------------------------------------------
const MSH = (id: string, type: string) => `MSH|^~\\&|LAB|RIVH|HIG|RIVH|20261206101500-0600||${type}|${id}|P|2.5.1`;
const PID = 'PID|1||77126010^^^RIVH^MR||VARGAS-ILLI^TOMAS||19590722|M';
const A01 = [
  MSH('A1', 'ADT^A01^ADT_A01'),
  'EVN|A01|20261206080000-0600',
  PID,
  'PV1|1|I|5N^512^A^RIVH||||4410^KOVAC^DANA^^^^MD|||MED||||1|||4520^BRANDT^OLE^^^^MD||V26001^^^RIVH^VN|||||||||||||||||||||||||20261206074500-0600',
].join('\r');
const ORU = [
  MSH('R1', 'ORU^R01^ORU_R01'),
  PID,
  'PV1|1|I|||||||||||||||||V26001^^^RIVH^VN',
  'ORC|RE|PL-2601^RIVH|FL-2601^LAB',
  'OBR|1|PL-2601^RIVH|FL-2601^LAB|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN|||20261206090000-0600|||||||||||||||20261206100000-0600|||F',
  'OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||4.1|mmol/L^mmol/L^UCUM|3.5-5.1|N|||F',
].join('\r');

/** The FHIR destination's two steps for the ORU, as order-events.ts runs them: its searches, then its transaction. */
async function oruWith(duringSearch: () => Promise<void>): Promise<void> {
  const bundle = convertHl7v2(ORU).bundle as Json;
  let searches = 0;
  const { entries } = await expandOrderEvents(bundle.entry as Json[], async (type, query) => {
    const answer = await fetch(`${server.url}/${type}?${query}`);
    const found = matchesOf(await answer.json(), type);
    // after the named visit's last GET (by hig's id) found nothing, the other worker's A01 lands
    if (type === 'Encounter' && query.startsWith('_id=') && ++searches === 1) await duringSearch();
    return found;
  });
  const answer = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ ...bundle, entry: entries }) });
  expect(answer.status).toBe(200);
}

describe('CR26-2 [hig visit rule; IG Event[EncounterStatus] A01; PV1[Encounter] #7, #44] two workers: an ORU and the visit\'s A01 at once', () => {
  it.fails('the A01 lands between the ORU\'s search and its transaction: the visit stays in progress with its attending and admit time', async () => {
    const dest = destination();
    await oruWith(async () => {
      await dest.deliver(convertHl7v2(A01).bundle, never);
    });
    expect(held('Encounter')).toHaveLength(1);
    const [e] = held('Encounter') as [Json];
    expect(e.status).toBe('in-progress');
    expect((e.period as Json | undefined)?.start).toBe('2026-12-06T07:45:00-06:00');
    expect(e.participant).toBeDefined();
  });

  it('control: the A01 lands before the ORU\'s search: the visit keeps the A01\'s state', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(A01).bundle, never);
    await oruWith(async () => undefined);
    const [e] = held('Encounter') as [Json];
    expect(held('Encounter')).toHaveLength(1);
    expect(e.status).toBe('in-progress');
    expect((e.period as Json | undefined)?.start).toBe('2026-12-06T07:45:00-06:00');
  });
});

// ---------------------------------------------------------------------------------------------------
// CR26-3 [R4 Reference.reference; IG ORC/OBR[ServiceRequest] encounter from PV1] a result's patch replaces
// the order's literal `encounter` with a logical reference when the visit number has a system (visit26)
// ---------------------------------------------------------------------------------------------------
const RIVH: Parameters<typeof convertHl7v2>[1] = { namespaceMap: { RIVH: 'urn:oid:2.16.840.1.113883.3.77' } };
const ORM_NW = [
  MSH('O1', 'ORM^O01^ORM_O01'),
  PID,
  'PV1|1|I|||||||||||||||||V26001^^^RIVH^VN',
  'ORC|NW|PL-2601^RIVH||||||||||4410^KOVAC^DANA^^^^MD',
  'OBR|1|PL-2601^RIVH||2823-3^Potassium [Moles/volume] in Serum or Plasma^LN|||20261206090000-0600',
].join('\r');
const T02 = [
  MSH('D1', 'MDM^T02^MDM_T02'),
  'EVN|T02|20261206110000-0600',
  PID,
  'PV1|1|I|||||||||||||||||V26001^^^RIVH^VN',
  'TXA|1|DS^Discharge summary^HL70270|TX|20261206110000-0600|4410^KOVAC^DANA||||||DOC-2601^RIVH||||||IP',
  'OBX|1|TX|DS^Discharge summary||Patient improved on diuresis.||||||F',
].join('\r');
const T07 = T02.replace('MDM^T02^MDM_T02', 'MDM^T07^MDM_T01').replace('EVN|T02', 'EVN|T07').replace('D1|P', 'D2|P').replace('||||||IP', '||||||AU').split('\r').filter((s) => !s.startsWith('OBX')).join('\r');
const visitId = (): string => String((held('Encounter')[0] as Json).id);

describe('CR26-3 [R4 Reference; hig visit rule] the visit an order or document names stays a literal reference after a later message\'s patch', () => {
  it('A01, ORM NW, ORU (visit number with a system): the order still names Encounter/<id>', async () => {
    const dest = destination();
    for (const m of [A01, ORM_NW, ORU]) await dest.deliver(convertHl7v2(m, RIVH).bundle, never);
    expect(held('Encounter')).toHaveLength(1);
    const [order] = held('ServiceRequest') as [Json];
    expect(order.status).toBe('completed'); // the result's OBR-25 F reached it
    expect(order.encounter).toEqual({ reference: `Encounter/${visitId()}` });
  });

  it('control: A01, MDM T02, T07 (visit number with a system): the notification leaves the document\'s context naming Encounter/<id>', async () => {
    const dest = destination();
    for (const m of [A01, T02, T07]) await dest.deliver(convertHl7v2(m, RIVH).bundle, never);
    const [doc] = held('DocumentReference') as [Json];
    expect(doc.docStatus ?? doc.status).toBeDefined();
    expect((doc.context as Json | undefined)?.encounter).toEqual([{ reference: `Encounter/${visitId()}` }]);
  });

  it('control: the same without a system (the patch leaves `encounter` to the create): the order names Encounter/<id>', async () => {
    const dest = destination();
    for (const m of [A01, ORM_NW, ORU]) await dest.deliver(convertHl7v2(m).bundle, never);
    const [order] = held('ServiceRequest') as [Json];
    expect(order.status).toBe('completed');
    expect(order.encounter).toEqual({ reference: `Encounter/${visitId()}` });
  });

  it('control: after the NW alone (system) the order names Encounter/<id>', async () => {
    const dest = destination();
    for (const m of [A01, ORM_NW]) await dest.deliver(convertHl7v2(m, RIVH).bundle, never);
    expect((held('ServiceRequest')[0] as Json).encounter).toEqual({ reference: `Encounter/${visitId()}` });
  });
});

// ---------------------------------------------------------------------------------------------------
// CR26-4 [hig visit rule; identity.ts patientNumberSearch: "another sender's visit of that number is not
// this one"] a visit number without a system: the patient-scoped search finds nothing, and the `_id`
// fallback (named-resources.ts heldResource) finds the other patient's visit, which hig keys by the number alone
// ---------------------------------------------------------------------------------------------------
const PID_A = 'PID|1||77126020^^^RIVH^MR||OKONKWO^ADAEZE||19830512|F';
const PID_B = 'PID|1||77126031^^^RIVH^MR||LINDQVIST^BJORN||19470930|M';
const A01_BARE = (pid: string) =>
  [MSH('A1', 'ADT^A01^ADT_A01'), 'EVN|A01|20261206080000-0600', pid, 'PV1|1|I|5N^512^A^RIVH||||4410^KOVAC^DANA^^^^MD|||MED||||1|||||V26777|||||||||||||||||||||||||20261206074500-0600'].join('\r');
const ORU_BARE = (pid: string) =>
  [MSH('R1', 'ORU^R01^ORU_R01'), pid, 'PV1|1|I|||||||||||||||||V26777', 'ORC|RE|PL-2677^RIVH|FL-2677^LAB',
    'OBR|1|PL-2677^RIVH|FL-2677^LAB|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN|||20261206090000-0600|||||||||||||||20261206100000-0600|||F',
    'OBX|1|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||6.2|mmol/L^mmol/L^UCUM|3.5-5.1|H|||F'].join('\r');

describe('CR26-4 [hig visit rule; R4 Observation.encounter, Observation.subject] a bare visit number two patients share', () => {
  it('patient A\'s A01, then patient B\'s ORU of that number: B\'s result names no visit of A, and A\'s visit stays A\'s', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(A01_BARE(PID_A)).bundle, never);
    const [visitA] = held('Encounter') as [Json];
    await dest.deliver(convertHl7v2(ORU_BARE(PID_B)).bundle, never);
    const [obs] = held('Observation') as [Json];
    const named = server.resources.get(String((obs.encounter as Json | undefined)?.reference)) as Json | undefined;
    // [R4] an Observation's encounter is a visit of its own subject
    expect(named === undefined || JSON.stringify(named.subject) === JSON.stringify(obs.subject)).toBe(true);
    expect((server.resources.get(`Encounter/${String(visitA.id)}`) as Json).subject).toEqual(visitA.subject);
  });

  it('control: patient A\'s own ORU of that number names A\'s visit', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(A01_BARE(PID_A)).bundle, never);
    const [visitA] = held('Encounter') as [Json];
    await dest.deliver(convertHl7v2(ORU_BARE(PID_A)).bundle, never);
    const [obs] = held('Observation') as [Json];
    expect((obs.encounter as Json | undefined)?.reference).toBe(`Encounter/${String(visitA.id)}`);
    expect(held('Encounter')).toHaveLength(1);
  });
});
