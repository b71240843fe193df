/**
 * Messages that name an order they did not place reach the order the server holds without erasing it
 * (review 23 R23-D1; review 23 #06, #13 and review 24 #09), delivered to the test FHIR server
 * (test/support/fhir-server.ts):
 *
 * - a result (ORU^R01) for a placed test was a full PUT of its ServiceRequest at the NW's URL, which
 *   left the server's order without the priority and occurrence (ORC-7/TQ1), authoredOn (ORC-9 of the
 *   NW), reason (the order's DG1) and requester (ORC-12) the result message does not repeat;
 * - an XO (change order) was a full PUT too: the order lost authoredOn, which the IG maps from ORC-9
 *   only when ORC-1 is NW [IG ORC[ServiceRequest] #9], so an XO cannot carry it.
 *
 * The rule [v2.5.1 2.5.3: a field not sent is unchanged; hig, docs/mapping.md "Explicit null and
 * empties"]: only the message that places the order (ORC-1 NW) writes it whole; every other message
 * naming it is a conditional create + a patch of what it says. Expected values come from the messages
 * and the IG rows named, not from the converter's output.
 *
 *   npx vitest run test/destinations/order-result-patch.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { compileFhirEdits, type FhirStep } from '../../src/routing/fhir-edit.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';
import type { BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const destination = (): BundlePusher => fhir.destination();

/** Stored resources of a type with an identifier of this value, whatever its system. */
const stored = (type: string, value: string): Json[] => fhir.stored(type, value);

const OID = '1.2.840.114350.1.13.99';
const FILLER_OID = '2.16.840.1.113883.9.23';
const head = (type: string, id: string) => [`MSH|^~\\&|CPOE|GH|LIS|GH|20261206080000-0600||${type}|${id}|P|2.5.1`, 'PID|1||MRN23^^^GH^MR||DOE^JANE||19800215|F'];

/**
 * The placing order: ORC-1 NW, ORC-7 `^^^start^^S` (TQ1 priority S → stat via ExtendedPriorityCodes),
 * ORC-9 08:00 (authoredOn, NW only), ORC-12 the orderer, a DG1 under the test (its reason).
 */
function placed(number: string, id: string): string {
  return [
    ...head('ORM^O01', `${id}-NW`),
    `ORC|NW|${number}^CPOE^${OID}^ISO|||||^^^20261206090000-0600^^S||20261206080000-0600|||1234^ORDER^OLIVE`,
    `OBR|1|${number}^CPOE^${OID}^ISO||2345-7^Glucose^LN`,
    'DG1|1||E11.9^Type 2 diabetes mellitus without complications^I10',
  ].join('\r');
}

/** The lab's result for that test: ORC-1 RE, the filler number, OBR-25 F; no ORC-7, ORC-9, ORC-12 or DG1. */
function result(number: string, id: string): string {
  return [
    ...head('ORU^R01^ORU_R01', `${id}-RE`),
    `ORC|RE|${number}^CPOE^${OID}^ISO|F-${number}^LIS^${FILLER_OID}^ISO`,
    `OBR|1|${number}^CPOE^${OID}^ISO|F-${number}^LIS^${FILLER_OID}^ISO|2345-7^Glucose^LN|||20261206083000-0600|||||||||||||||20261206100000-0600|||F`,
    'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|70-99|N|||F',
  ].join('\r');
}

describe('R23 [v2.5.1 2.5.3; IG ORC[ServiceRequest] #7, #9 IF NW, #12; ORM_O01 4.2.4 DG1] a result patches the order held, it does not replace it', () => {
  it('NW then ORU R01: the order keeps requester, priority, authoredOn and reason, takes the result\'s status and filler number; the report is based on it', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(placed('R23A', 'a')).bundle, never);
    await dest.deliver(convertHl7v2(result('R23A', 'a')).bundle, never);
    const held = stored('ServiceRequest', 'R23A');
    expect(held).toHaveLength(1);
    // [IG ORC[ServiceRequest] #7 TQ1.6 S → stat; #9 IF ORC-1 NW → authoredOn]; [hig OBR-25 fallback] F → completed
    expect(held[0]).toMatchObject({ status: 'completed', priority: 'stat', authoredOn: '2026-12-06T08:00:00-06:00', occurrencePeriod: { start: '2026-12-06T09:00:00-06:00' } }); // a start alone (R28-L1)
    // [IG ORC[ServiceRequest] #12 → requester] the orderer only the NW named
    expect(JSON.stringify(held[0]?.requester)).toMatch(/Practitioner\//);
    // [IG ORM_O01 4.2.4 DG1 → ServiceRequest.reasonReference] the reason only the NW carried
    const reason = (held[0]?.reasonReference as Json[] | undefined)?.[0]?.reference;
    expect(reason).toMatch(/^Condition\//);
    expect(fhir.server.resources.get(String(reason))).toMatchObject({ resourceType: 'Condition' });
    // [IG OBR[ServiceRequest] #3 → identifier FILL] the lab's number beside the placer's
    expect(held[0]?.identifier).toContainEqual(expect.objectContaining({ system: `urn:oid:${FILLER_OID}`, value: 'F-R23A' }));
    expect(held[0]?.identifier).toContainEqual(expect.objectContaining({ system: `urn:oid:${OID}`, value: 'R23A' }));
    // [IG OBR[DiagnosticReport] basedOn → ServiceRequest] the report names the order the server holds
    const report = stored('DiagnosticReport', 'F-R23A');
    expect(report).toHaveLength(1);
    expect(report[0]?.basedOn).toEqual([{ reference: `ServiceRequest/${String(held[0]?.id)}` }]);
  });

  it('an ORU alone (no order held) creates the order from what it says', async () => {
    await destination().deliver(convertHl7v2(result('R23B', 'b')).bundle, never);
    const held = stored('ServiceRequest', 'R23B');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ status: 'completed', intent: 'order', code: { coding: [expect.objectContaining({ code: '2345-7' })] } });
    expect(held[0]?.identifier).toContainEqual(expect.objectContaining({ value: 'F-R23B' }));
    expect(stored('DiagnosticReport', 'F-R23B')[0]?.basedOn).toEqual([{ reference: `ServiceRequest/${String(held[0]?.id)}` }]);
  });

  it('the ORU delivered twice changes nothing the first delivery wrote (one filler number, one reason)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(placed('R23C', 'c')).bundle, never);
    const oru = convertHl7v2(result('R23C', 'c')).bundle;
    await dest.deliver(oru, never);
    const first = structuredClone(stored('ServiceRequest', 'R23C'));
    await dest.deliver(oru, never);
    const again = stored('ServiceRequest', 'R23C');
    expect(again).toHaveLength(1);
    const { meta: _m1, ...before } = first[0] ?? {};
    const { meta: _m2, ...after } = again[0] ?? {};
    expect(after).toEqual(before);
    expect((after.identifier as Json[]).filter((i) => i.value === 'F-R23C')).toHaveLength(1);
    expect(after.reasonReference).toHaveLength(1);
    expect(after).toMatchObject({ priority: 'stat', authoredOn: '2026-12-06T08:00:00-06:00' });
  });

  // in every delivery mode (order-events.ts leaves a single match as it is)
  it.each(['transaction', 'batch', 'individual'] as const)('%s: NW then ORU: the order keeps requester, priority and authoredOn', async (mode) => {
    const dest = fhir.destination(mode);
    const number = `R23F-${mode}`;
    await dest.deliver(convertHl7v2(placed(number, `f-${mode}`)).bundle, never);
    await dest.deliver(convertHl7v2(result(number, `f-${mode}`)).bundle, never);
    const held = stored('ServiceRequest', number);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ status: 'completed', priority: 'stat', authoredOn: '2026-12-06T08:00:00-06:00' });
    expect(held[0]?.requester).toBeDefined();
    expect(held[0]?.identifier).toContainEqual(expect.objectContaining({ value: `F-${number}` }));
  });

  // a number without a system (no namespaceMap for the placer): searched among the patient's orders
  // (identity.ts orderEventKey: `identifier=|<number>&code=…&subject=Patient/<id>`)
  it('a number without a system, NW then ORU: the order keeps requester, priority, authoredOn and reason', async () => {
    const bare = (text: string) => text.replaceAll(`^CPOE^${OID}^ISO`, '^CPOE').replaceAll(`^LIS^${FILLER_OID}^ISO`, '^LIS');
    const dest = destination();
    await dest.deliver(convertHl7v2(bare(placed('R23G', 'g'))).bundle, never);
    await dest.deliver(convertHl7v2(bare(result('R23G', 'g'))).bundle, never);
    const held = stored('ServiceRequest', 'R23G');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ status: 'completed', priority: 'stat', authoredOn: '2026-12-06T08:00:00-06:00' });
    expect(JSON.stringify(held[0]?.requester)).toMatch(/Practitioner\//);
    expect(held[0]?.reasonReference).toHaveLength(1);
    expect(held[0]?.identifier).toContainEqual(expect.objectContaining({ value: 'F-R23G' }));
  });

  it('the NW is a full PUT (it places the order); the ORU\'s request is a create + patch', () => {
    const methods = (text: string) =>
      (convertHl7v2(text).bundle.entry as { request?: { method?: string; url?: string } }[]).filter((e) => e.request?.url?.startsWith('ServiceRequest')).map((e) => e.request?.method);
    expect(methods(placed('R23D', 'd'))).toEqual(['PUT']);
    expect(methods(result('R23D', 'd'))).toEqual(['POST', 'PATCH']);
  });
});

describe('R23-D1 [IG ORC[ServiceRequest] #1 XO, #7, #9 IF NW] a change order patches the order held', () => {
  it('NW then XO with a new priority: the order keeps authoredOn and its reason and takes the new priority', async () => {
    const number = 'R23E';
    const xo = [
      ...head('ORM^O01', 'e-XO'),
      // ORC-7 TQ1.6 R → routine; ORC-9 of the XO is the change's time, not authoredOn [IG ORC[ServiceRequest] #9 IF NW]
      `ORC|XO|${number}^CPOE^${OID}^ISO|||||^^^20261206090000-0600^^R||20261206084500-0600|||1234^ORDER^OLIVE`,
      `OBR|1|${number}^CPOE^${OID}^ISO||2345-7^Glucose^LN`,
    ].join('\r');
    const dest = destination();
    await dest.deliver(convertHl7v2(placed(number, 'e')).bundle, never);
    await dest.deliver(convertHl7v2(xo).bundle, never);
    const held = stored('ServiceRequest', number);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ priority: 'routine', authoredOn: '2026-12-06T08:00:00-06:00' });
    expect((held[0]?.reasonReference as Json[] | undefined)?.[0]?.reference).toMatch(/^Condition\//);
  });
});

describe('[hig: docs/routing.md FHIR post-processing; code review 19 CR19-3] a destination\'s edits reach a result\'s FHIRPath Patch', () => {
  const patchOf = (bundle: Json) => (bundle.entry as { resource?: Json; request?: { method?: string; url?: string } }[]).find((e) => e.request?.method === 'PATCH' && e.request.url?.startsWith('ServiceRequest'))?.resource;
  const withOrderer = (number: string) => result(number, 'h').replace(`|F-${number}^LIS^${FILLER_OID}^ISO\r`, `|F-${number}^LIS^${FILLER_OID}^ISO|||||||||5678^LAB^LARA\r`);

  it('remove ServiceRequest.requester: the patch writes no requester (the order keeps its own); its other elements stay as they were', () => {
    const bundle = convertHl7v2(withOrderer('R23H')).bundle;
    const before = patchOf(bundle);
    expect(JSON.stringify(before)).toContain('"valueString":"requester"');
    const edited = patchOf(compileFhirEdits([{ remove: 'ServiceRequest.requester' } as FhirStep])(structuredClone(bundle)));
    expect(JSON.stringify(edited)).not.toContain('requester');
    // a no-op edit leaves the patch as it was made: read back and made again the same
    const untouched = patchOf(compileFhirEdits([{ remove: 'ServiceRequest.bodySite' } as FhirStep])(structuredClone(bundle)));
    expect(untouched).toEqual(before);
  });

  it('the edited patch delivered after the NW: the order keeps the NW\'s requester', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(placed('R23I', 'i')).bundle, never);
    await dest.deliver(compileFhirEdits([{ remove: 'ServiceRequest.requester' } as FhirStep])(convertHl7v2(withOrderer('R23I')).bundle), never);
    const held = stored('ServiceRequest', 'R23I');
    expect(held).toHaveLength(1);
    // [IG ORC[ServiceRequest] #12] the NW's orderer (ORC-12 1234^ORDER^OLIVE), not the result's LARA LAB
    expect(held[0]?.requester).toMatchObject({ display: 'OLIVE ORDER' });
    expect(JSON.stringify(held[0]?.requester)).not.toContain('LARA');
    expect(held[0]?.status).toBe('completed');
  });
});

describe('[hig] a result on a conditionalUpdate channel whose number has no system: the full PUT, as before R23-D1', () => {
  // the Patient is a conditional PUT, which a transaction runs after the create (FHIR R4 http.html#trules):
  // a request it creates does not yet name that Patient when the PATCH's chained search runs (404)
  it('a fresh ORU (no order held) is delivered: its request is PUT by id, not a create + patch', async () => {
    const bare = result('R23J', 'j').replaceAll(`^CPOE^${OID}^ISO`, '^CPOE').replaceAll(`^LIS^${FILLER_OID}^ISO`, '^LIS');
    const bundle = convertHl7v2(bare, { conditionalUpdate: true, namespaceMap: { GH: 'urn:oid:1.2.3.23' } }).bundle;
    const requests = (bundle.entry as { request?: { method?: string; url?: string } }[]).filter((e) => e.request?.url?.startsWith('ServiceRequest'));
    expect(requests.map((e) => e.request?.method)).toEqual(['PUT']);
    await destination().deliver(bundle, never);
    expect(stored('ServiceRequest', 'R23J')).toHaveLength(1);
  });

  it('with a system the number is searched alone: create + patch on conditionalUpdate too, the NW\'s order kept', async () => {
    const options = { conditionalUpdate: true, namespaceMap: { GH: 'urn:oid:1.2.3.23' } } as const;
    const dest = destination();
    await dest.deliver(convertHl7v2(placed('R23K', 'k'), options).bundle, never);
    await dest.deliver(convertHl7v2(result('R23K', 'k'), options).bundle, never);
    const held = stored('ServiceRequest', 'R23K');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ status: 'completed', priority: 'stat', authoredOn: '2026-12-06T08:00:00-06:00' });
  });
});

describe('[IG ORU_R01 4.2.3 NTE after OBR → ServiceRequest.note] notes the result carries are added beside the order\'s, each once', () => {
  it('NW with a note, then an ORU with the same note twice and one of its own, delivered twice: each text once, no failure', async () => {
    const number = 'R23L';
    const nw = placed(number, 'l').replace('\rDG1|', '\rNTE|1||Fasting since midnight\rDG1|');
    const oru = result(number, 'l').replace('|||F\rOBX|', '|||F\rNTE|1||Hemolyzed, redrawn\rNTE|2||Hemolyzed, redrawn\rNTE|3||Fasting since midnight\rOBX|');
    const dest = destination();
    await dest.deliver(convertHl7v2(nw).bundle, never);
    await dest.deliver(convertHl7v2(oru).bundle, never);
    await dest.deliver(convertHl7v2(oru).bundle, never);
    const held = stored('ServiceRequest', number);
    expect(held).toHaveLength(1);
    const notes = ((held[0]?.note as Json[] | undefined) ?? []).map((n) => n.text);
    expect(notes.sort()).toEqual(['Fasting since midnight', 'Hemolyzed, redrawn']);
  });
});

describe('[IG OBR[ServiceRequest] #11 G → intent reflex-order] a result without OBR-11 does not say the order stopped being a reflex order', () => {
  it('NW with OBR-11 G, then the ORU: the order stays reflex-order', async () => {
    const number = 'R23M';
    const nw = placed(number, 'm').replace(`OBR|1|${number}^CPOE^${OID}^ISO||2345-7^Glucose^LN`, `OBR|1|${number}^CPOE^${OID}^ISO||2345-7^Glucose^LN|||||||G`);
    const dest = destination();
    await dest.deliver(convertHl7v2(nw).bundle, never);
    expect(stored('ServiceRequest', number)[0]?.intent).toBe('reflex-order');
    await dest.deliver(convertHl7v2(result(number, 'm')).bundle, never);
    expect(stored('ServiceRequest', number)[0]).toMatchObject({ intent: 'reflex-order', status: 'completed' });
  });
});
