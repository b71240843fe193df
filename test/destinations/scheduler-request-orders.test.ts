/**
 * [hig identity, review 36 R36-W2] An order's messages act on the order, never on the scheduler's request of
 * its booking; a scheduler's message acts on its booking's request, never on the order. Both ServiceRequests
 * carry the order's placer number and (AIS-3 = OBR-4) its code: the order (OMG/ORM NW, ORC + OBR → one
 * ServiceRequest [IG ORC[ServiceRequest], OBR[ServiceRequest]]) and the booking's request (SIU with SCH-26:
 * [IG SIU_S12 5.2.1 AIS → ServiceRequest, SCH[ServiceRequest] #26]), kept apart on purpose (docs/mapping.md
 * "Resource identity", ServiceRequest of an AIS; code review 16 CR16-1). The booking's request is marked from
 * its creation (meta.tag, identity.ts SCHEDULER_REQUEST_TAG) and every order search leaves it out
 * (`_tag:not=`, identity.ts ordersOnlySearch). Review 36's sample (docs/review36/messages/: #04 the US order,
 * #05/#12/#18 its booking S12/S13/S14, #23 the S15) with events written here on the same order: the filler's
 * SC IP with its OBR, the ORU final, a lone ORC CA. Delivered through the FHIR destination (order-events.ts)
 * to the in-repo FHIR server.
 *
 *   npx vitest run test/destinations/scheduler-request-orders.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import type { ConvertOptions } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from './helpers.js';
import { createDestination, type BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review36/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7'));
const sample = (n: string) => readFileSync(new URL(files.find((f) => f.startsWith(`${n}-`)) ?? '', dir)).toString('latin1');

const MSH = (id: string, type: string, at: string) => `MSH|^~\\&|DRISHTI|HRIMS|NIRMAN|HRIMS|${at}+0530||${type}|${id}|P|2.5.1`;
/** #04's patient and visit, as every message of the sample sends them. */
const PATIENT = sample('04').split('\r').filter((s) => s.startsWith('PID|') || s.startsWith('PV1|'));
const OBR4 = 'USABD^US ABDOMEN COMPLETE^NIRMAN^24558-9^US Abdomen^LN';
const message = (...segments: string[]) => segments.join('\r');
/** The RIS's status update with its OBR: the exam in progress, with the RIS's filler number [IG ORC[ServiceRequest] #3, #5 IP]. */
const scInProgress = message(MSH('DRS77-SC', 'ORM^O01', '202702131035'), ...PATIENT, 'ORC|SC|NIR36-0004^NIRMAN|DR36-0400^DRISHTI||IP', `OBR|1|NIR36-0004^NIRMAN|DR36-0400^DRISHTI|${OBR4}`);
/** The RIS's final report of the order [IG OBR[ServiceRequest] #25 F via the order's status; ORC-5 CM]. */
const resultFinal = message(
  MSH('DRS77-RE', 'ORU^R01', '202702131200'),
  ...PATIENT,
  'ORC|RE|NIR36-0004^NIRMAN|DR36-0400^DRISHTI||CM',
  `OBR|1|NIR36-0004^NIRMAN|DR36-0400^DRISHTI|${OBR4}|||202702131030+0530|||||||||||||||202702131150+0530||US|F`,
  'OBX|1|TX|18782-3^Radiology Study observation (narrative)^LN||Liver, gallbladder and kidneys normal.||||||F',
);
/** A lone ORC cancel (no OBR): the order named by its number alone [IG ORC[ServiceRequest] #1 CA]. */
const loneCancel = message(MSH('NIR77-CA', 'ORM^O01', '202702120810'), ...PATIENT, 'ORC|CA|NIR36-0004^NIRMAN|||CA');

let server: FhirServer | undefined;
let destination: BundlePusher | undefined;
afterEach(async () => {
  await destination?.close();
  await server?.close();
});

async function deliver(messages: string[], options: ConvertOptions = {}): Promise<{ order: () => Json; booking: () => Json }> {
  server = await startFhirServer();
  destination = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  for (const m of messages) await destination.deliver(convertHl7v2(m, options).bundle, never);
  const held = () => [...(server as FhirServer).resources.values()].filter((r) => r.resourceType === 'ServiceRequest' && JSON.stringify(r.identifier).includes('"value":"NIR36-0004"')) as Json[];
  const one = (booking: boolean) => () => {
    const found = held().filter((r) => (r.authoredOn === undefined) === booking);
    expect(found).toHaveLength(1);
    return found[0] as Json;
  };
  return { order: one(false), booking: one(true) };
}

const BOOKED = { start: '2027-02-13T10:30:00+05:30', end: '2027-02-13T11:15:00+05:30' };
const version = (r: Json) => (r.meta as Json).versionId;

describe("an order's events never write the scheduler's request of its booking, nor the SIU the order (R36-W2)", () => {
  it("SC IP, ORU final: the order takes the RIS's number and completes; the booking's request keeps its slot, status and numbers; the S15 revokes the booking only", async () => {
    const at = await deliver([sample('04'), sample('05'), sample('12'), sample('18')]);
    const booked = at.booking();
    expect(booked.occurrencePeriod).toEqual(BOOKED);
    // [IG SIU_S12 5.2.1 AIS[ServiceRequest]; hig identity] the booking's request is marked from its creation
    expect((booked.meta as Json).tag).toEqual([expect.objectContaining({ system: 'https://hig.example/fhir/CodeSystem/request-origin', code: 'scheduler-booking' })]);
    await destination?.deliver(convertHl7v2(scInProgress).bundle, never);
    // [IG ORC[ServiceRequest] #3] the filler number reaches the order, not the booking
    expect(JSON.stringify(at.order().identifier)).toContain('"value":"DR36-0400"');
    expect(JSON.stringify(at.booking().identifier)).not.toContain('DR36-0400');
    await destination?.deliver(convertHl7v2(resultFinal).bundle, never);
    expect(at.order().status).toBe('completed');
    const booking = at.booking();
    expect(booking.status).toBe('active');
    expect(booking.occurrencePeriod).toEqual(BOOKED);
    expect(booking.extension).toBeUndefined();
    expect(version(booking)).toBe(version(booked));
    // the converse: the scheduler's S15 (#23) revokes its booking's request and leaves the order as it was
    const order = at.order();
    await destination?.deliver(convertHl7v2(sample('23')).bundle, never);
    expect(at.booking().status).toBe('revoked');
    expect(at.order()).toEqual(order);
  }, 60_000);

  it('a lone ORC CA (no OBR) revokes the order, searched by its number alone; the booking stays booked', async () => {
    const at = await deliver([sample('04'), sample('05'), loneCancel]);
    expect(at.order().status).toBe('revoked');
    expect(at.booking().status).toBe('active');
    expect(at.booking().occurrencePeriod).toEqual({ start: '2027-02-12T09:00:00+05:30', end: '2027-02-12T09:30:00+05:30' });
    expect(version(at.booking())).toBe('1');
  }, 60_000);

  it("conditionalUpdate: the order's resend (PUT by its number + code search) finds the order, not the booking's request too", async () => {
    const options: ConvertOptions = { conditionalUpdate: true, namespaceMap: { NIRMAN: 'urn:oid:2.16.356.1.36.4' } };
    const at = await deliver([sample('04'), sample('05'), sample('04')], options);
    // the resend of #04 is delivered through the same search: one order, rewritten once; the booking untouched
    expect(version(at.order())).toBe('2');
    expect(version(at.booking())).toBe('1');
    expect(at.booking().occurrencePeriod).toEqual({ start: '2027-02-12T09:00:00+05:30', end: '2027-02-12T09:30:00+05:30' });
  }, 60_000);
});
