/**
 * The lab's ORL^O22 (v2.5.1 4.4.7, the general laboratory order acknowledgement) after the client's ORM NW,
 * delivered through the FHIR destination to the in-repo test FHIR server. Review 34 R34-R1: the ORL was
 * refused (UNSUPPORTED_EVENT), so the order learned the lab's accession number only with its first result.
 * An ORL names orders another message placed (docs/mapping.md "Resource identity", ServiceRequest: a
 * response's OBR is a conditional create + FHIRPath Patch searched by number + OBR-4; a lone ORC an order
 * event): it adds the filler number [IG ORC[ServiceRequest] #3 → identifier (FILL)], says the status
 * [IG ORC[ServiceRequest] #5 via OrderStatus (SC → active), else #1 via OrderControlCode (OK → active);
 * hig: UA → revoked] and removes nothing it omits (requester ORC-12, authoredOn ORC-9 of the NW).
 *
 *   npx vitest run test/destinations/orl-o22-delivery.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const sample = (name: string) => readFileSync(new URL(`../../docs/review34/messages/${name}`, import.meta.url)).toString('latin1');
const ORM = sample('06-orm-o01-phoenix-diabetes-panel.hl7');
const ORL = sample('07-orl-o22-ack-diabetes-panel.hl7');
const lines = (s: string) => s.split(/\r\n|\r|\n/).filter((l) => l !== '');
/** #07 with its lines replaced: `edit` gets the segment lines and returns the new ones. */
const orlWith = (edit: (ls: string[]) => string[]) => edit(lines(ORL)).join('\r');

let server: FhirServer;
let destination: BundlePusher;
beforeEach(async () => {
  server = await startFhirServer();
  destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
});
afterEach(async () => {
  await destination.close();
  await server.close();
});

const deliver = async (message: string) => destination.deliver(convertHl7v2(message).bundle, never);
const orders = (placer: string) =>
  [...server.resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier ?? []).includes(`"value":"${placer}"`)) as Json[];
const onlyOrder = (placer: string) => {
  const found = orders(placer);
  expect(found, placer).toHaveLength(1);
  return found[0] as Json;
};
const fillers = (o: Json, value: string) => ((o.identifier as Json[] | undefined) ?? []).filter((i) => i.value === value);
const events = (o: Json) => ((o.extension as Json[] | undefined) ?? []).filter((e) => String(e.url).endsWith('/businessEvent'));

describe('ORM^O01 NW then ORL^O22 (review 34 #06 then #07) at the FHIR server (R34-R1)', () => {
  it('each test gains the lab\'s filler number once, stays active (ORC-5 SC), keeps requester and authoredOn; a resend changes nothing', async () => {
    await deliver(ORM);
    const placed = ['AM34-0004-1', 'AM34-0004-2', 'AM34-0004-3'].map((p) => onlyOrder(p));
    for (const o of placed) {
      expect(o.status).toBe('active');
      expect(JSON.stringify(o.identifier)).not.toContain('KL27-3400');
    }
    await deliver(ORL);
    await deliver(ORL);
    for (const [i, [placer, filler]] of ([['AM34-0004-1', 'KL27-340041'], ['AM34-0004-2', 'KL27-340042'], ['AM34-0004-3', 'KL27-340043']] as const).entries()) {
      const o = onlyOrder(placer);
      // the order the NW placed, not a second one
      expect(o.id).toBe(placed[i]?.id);
      // [IG ORC[ServiceRequest] #3 → identifier, type FILL (v2-0203)]
      const fill = fillers(o, filler);
      expect(fill).toHaveLength(1);
      expect(JSON.stringify(fill[0]?.type)).toContain('"code":"FILL"');
      // [IG ORC[ServiceRequest] #5 via OrderStatus: SC → active]
      expect(o.status).toBe('active');
      // what the ORL does not say stays as the NW wrote it [IG ORC[ServiceRequest] #9 IF ORC-1 = NW, #12]
      expect(o.authoredOn).toBe('2027-01-06T10:15:00-07:00');
      expect(o.requester).toEqual(placed[i]?.requester);
      expect(o.requester).toBeDefined();
      expect(o.code).toEqual(placed[i]?.code);
      expect(o.occurrenceDateTime ?? o.occurrencePeriod ?? o.occurrenceTiming).toEqual(placed[i]?.occurrenceDateTime ?? placed[i]?.occurrencePeriod ?? placed[i]?.occurrenceTiming);
      expect(o.reasonReference).toEqual(placed[i]?.reasonReference);
      // [IG ORC[ServiceRequest] #1 → businessEvent] the acceptance is the order's latest event, once
      expect(events(o)).toHaveLength(1);
      expect(JSON.stringify(events(o))).toContain('"code":"OK"');
    }
  });

  it('MSA-1 AR with ORC-1 UA on the microalbumin: that order is revoked [hig: UA → revoked], the accepted ones stay active', async () => {
    await deliver(ORM);
    await deliver(
      orlWith((ls) =>
        ls.map((l) => (l.startsWith('MSA|') ? 'MSA|AR|MQ3400004' : l.startsWith('ORC|OK|AM34-0004-3^') ? 'ORC|UA|AM34-0004-3^MESQEHR|||||||202701060845-1000' : l)),
      ),
    );
    expect(onlyOrder('AM34-0004-3').status).toBe('revoked');
    expect(onlyOrder('AM34-0004-3').authoredOn).toBe('2027-01-06T10:15:00-07:00');
    expect(onlyOrder('AM34-0004-1').status).toBe('active');
  });

  it('ORC-1 UX (unable to change) without ORC-5 says no status: the order keeps active', async () => {
    await deliver(ORM);
    await deliver(orlWith((ls) => ls.map((l) => (l.startsWith('ORC|OK|AM34-0004-2^') ? 'ORC|UX|AM34-0004-2^MESQEHR|KL27-340042^KLRL|||||||202701060845-1000' : l))));
    const o = onlyOrder('AM34-0004-2');
    expect(o.status).toBe('active');
    expect(fillers(o, 'KL27-340042')).toHaveLength(1);
  });

  it('a lone ORC OK (no OBR) is an order event on the order its placer number finds: filler number added, no second ServiceRequest', async () => {
    await deliver(ORM);
    // the HbA1c's group without its OBR (v2.5.1 ORL_O22: OBSERVATION_REQUEST is optional)
    await deliver(orlWith((ls) => ls.filter((l) => !l.startsWith('OBR|1|'))));
    const o = onlyOrder('AM34-0004-1');
    expect(fillers(o, 'KL27-340041')).toHaveLength(1);
    expect(o.status).toBe('active');
    expect(o.authoredOn).toBe('2027-01-06T10:15:00-07:00');
    expect(o.code).toBeDefined();
  });

  it('an ORL that arrives after the result leaves the completed order completed', async () => {
    await deliver(ORM);
    await deliver(sample('11-oul-r22-diabetes-results.hl7'));
    expect(onlyOrder('AM34-0004-1').status).toBe('completed');
    await deliver(ORL);
    const o = onlyOrder('AM34-0004-1');
    expect(o.status).toBe('completed');
    expect(fillers(o, 'KL27-340041')).toHaveLength(1);
  });

  it('an SPM the ORL echoes (v2.5.1 ORL_O22 OBSERVATION_REQUEST.SPECIMEN) does not overwrite the lab\'s Specimen: collection, received time and container stay as the OUL wrote them [hig R34-R1]', async () => {
    await deliver(ORM);
    await deliver(sample('11-oul-r22-diabetes-results.hl7'));
    const tube = () => [...server.resources.values()].filter((r) => r.resourceType === 'Specimen' && JSON.stringify(r.identifier ?? []).includes('"value":"KL27-340041-S1"')) as Json[];
    const before = tube();
    expect(before).toHaveLength(1);
    expect(before[0]?.receivedTime).toBe('2027-01-07T06:55:00-10:00');
    const echo = orlWith((ls) => ls.flatMap((l) => (l.startsWith('OBR|1|') ? [l, 'SPM|1|^KL27-340041-S1&KLRL||WB^Whole blood^HL70487'] : [l])));
    const converted = convertHl7v2(echo);
    expect(JSON.stringify(converted.report)).toContain('segment SPM (segment 6)');
    await destination.deliver(converted.bundle, never);
    expect(tube()).toEqual(before);
  });
});
