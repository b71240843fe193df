/**
 * The one visit a FHIR destination test's server holds, read back: its status and each place's name (PL.3) and
 * location status; and the conversion + delivery of messages in order. Shared by code reviews 34 and 35's place-status
 * suites (the same reading, not copied).
 */
import { afterEach, expect } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { never } from '../destinations/helpers.js';
import type { FhirDestinations } from './fhir-destination-fixture.js';

type Json = Record<string, unknown>;

export function heldVisit(fhir: FhirDestinations): { status: unknown; beds: [unknown, unknown][] } {
  const [e, ...more] = [...fhir.server.resources.values()].filter((r) => r.resourceType === 'Encounter');
  expect(more).toEqual([]);
  const beds = ((e?.location ?? []) as Json[]).map((l): [unknown, unknown] => [(fhir.server.resources.get(String((l.location as Json).reference)) as Json | undefined)?.name, l.status ?? null]);
  return { status: e?.status, beds };
}

export async function deliverInOrder(fhir: FhirDestinations, ...messages: string[]): Promise<void> {
  const dest = fhir.destination();
  for (const m of messages) await dest.deliver(convertHl7v2(m).bundle, never);
}

/** A channel's conversion options (convertHl7v2's second argument). */
export type ChannelOptions = NonNullable<Parameters<typeof convertHl7v2>[1]>;
export type DeliveryMode = 'transaction' | 'batch' | 'individual';

/**
 * Converts and delivers messages in order on one destination per test (made at the first delivery in `mode`, closed by
 * the fixture after the test). Shared by the visit suites that replay a channel's feed in several modes (held
 * locations, visit cancels, attending changes), not copied.
 */
export function channelDelivery(fhir: FhirDestinations): (options: ChannelOptions, mode: DeliveryMode, ...messages: string[]) => Promise<void> {
  let dest: ReturnType<FhirDestinations['destination']> | undefined;
  afterEach(() => {
    dest = undefined; // closed by the fixture
  });
  return async (options, mode, ...messages) => {
    dest ??= fhir.destination(mode);
    for (const m of messages) await dest.deliver(convertHl7v2(m, options).bundle, never);
  };
}
