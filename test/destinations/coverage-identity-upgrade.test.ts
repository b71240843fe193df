/**
 * fix35e (review 59 R59-W2) changed a Coverage's identity (docs/mapping.md "Resource identity", Coverage: patient +
 * payer + IN1-17, no longer + IN1-36 / IN1-2), so every IN1 Coverage naming a payer gets a new id once. Its upgrade
 * note says what the server then holds; checked here at the in-repo FHIR server through the FHIR destination. The
 * Coverage PUT under the old rule is simulated by the same Bundle with the Coverage moved to another id (the ids
 * are hig's UUIDs; nothing else of the Bundle changes). Expected values come from the note and the messages.
 *
 *   npx vitest run test/destinations/coverage-identity-upgrade.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';

type Json = Record<string, unknown>;

const OLD_ID = '0c0e7a1e-0000-5000-8000-000000000059';
const PID = 'PID|1||JP5900337^^^JPH^MR||MOKOENA^SIPHO||19680122|M|||||||||||JPA5900337-01^^^JPH^AN';
const COIDA = 'IN1|1|COIDA^Compensation for Occupational Injuries and Diseases^DEL|CF001^^^DEL^NIIP|Compensation Fund (COIDA)||||||||20340313|||||SEL^Self^HL70063|||||1';
const withClaim = `${COIDA}||||||||||||||CF-2034-0098215`;
const msg = (type: string, control: string, in1: string) =>
  [`MSH|^~\\&|JPHIS|JPH|HIG|JPH|20340314003912+0200||${type}|${control}|P|2.5.1`, `EVN|${type.slice(4, 7)}|20340314003500`, PID, 'PV1|1|I|W5^508^A^JPH', in1].join('\r');

const fhir = useFhirDestinations({ serverPer: 'test' });

/** The Bundle of `message` with its IN1 Coverage at OLD_ID, as the rule before fix35e keyed it elsewhere. */
function underOldId(message: string): Json {
  const bundle = convertHl7v2(message, { timezone: 'Africa/Johannesburg' }).bundle as Json;
  const entries = bundle.entry as { resource?: Json }[];
  const cov = entries.find((e) => e.resource?.resourceType === 'Coverage' && e.resource.class !== undefined)?.resource as Json;
  return JSON.parse(JSON.stringify(bundle).split(String(cov.id)).join(OLD_ID)) as Json;
}

async function deliver(...bundles: Json[]): Promise<void> {
  const destination = fhir.destination();
  for (const b of bundles) await destination.deliver(b, never);
}

const coidas = () =>
  ([...fhir.server.resources.values()] as Json[])
    .filter((r) => r.resourceType === 'Coverage' && JSON.stringify(r.identifier ?? []).includes('"COIDA"'))
    .map((c) => [c.id === OLD_ID ? 'old' : 'new', c.status, c.subscriberId ?? '-'])
    .sort();

describe('[hig identity, fix35e upgrade note] a Coverage held under its old id', () => {
  it('written by an ADT (the sender\'s list owner entry): the next ADT with IN1s cancels it; the new one is active with the claim number', async () => {
    await deliver(underOldId(msg('ADT^A01^ADT_A01', 'U1', COIDA)));
    expect(coidas()).toEqual([['old', 'active', '-']]);
    await deliver(convertHl7v2(msg('ADT^A08^ADT_A01', 'U2', withClaim), { timezone: 'Africa/Johannesburg' }).bundle as Json);
    expect(coidas()).toEqual([['new', 'active', 'CF-2034-0098215'], ['old', 'cancelled', '-']]);
  });

  it('written last by a BAR (no owner entry): it stays active beside the new one, as the note says (cancel or delete it by hand)', async () => {
    await deliver(underOldId(msg('BAR^P01^BAR_P01', 'U1', COIDA)));
    await deliver(convertHl7v2(msg('ADT^A08^ADT_A01', 'U2', withClaim), { timezone: 'Africa/Johannesburg' }).bundle as Json);
    expect(coidas()).toEqual([['new', 'active', 'CF-2034-0098215'], ['old', 'active', '-']]);
  });
});
