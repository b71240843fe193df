/**
 * The one visit a FHIR destination test's server holds, read back: its status and each place's name (PL.3) and
 * location status; and the conversion + delivery of messages in order. Shared by code reviews 34 and 35's place-status
 * suites (the same reading, not copied).
 */
import { expect } from 'vitest';
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
