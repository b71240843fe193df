/**
 * Where results go. `createDestination` turns a channel's `destination` block into a Destination;
 * the queue worker calls `deliver` once per job and branches on the error's `name`/`code`.
 */
import { destinationSchema, type DestinationConfig } from './config.js';
import { createFhirDestination } from './fhir-destination.js';
import type { Destination } from './types.js';
import type { z } from 'zod';

export type { DeliveryEntry, DeliveryOutcome, Destination } from './types.js';
export type { DestinationConfig, FhirDestinationConfig, AuthConfig, TlsConfig } from './config.js';
export { destinationSchema } from './config.js';
export { DestinationConfigError, DestinationRejectedError, DestinationUnavailableError } from './failures.js';
export { CircuitBreaker, type CircuitState, type CircuitBreakerOptions } from './circuit-breaker.js';

/** `{type: 'none'}`: the FHIR result stays with the job; nothing is sent (status 0). */
const nowhere: Destination = {
  deliver: async () => ({ status: 0, entries: [] }),
};

/**
 * Builds the destination and resolves its secrets (env vars, key and certificate files) now, so a
 * broken channel fails at start-up with a DestinationConfigError naming the field, not per message.
 * Accepts the parsed config or the raw block (defaults are applied here either way).
 */
export function createDestination(
  config: DestinationConfig | z.input<typeof destinationSchema>,
  env: NodeJS.ProcessEnv = process.env,
): Destination {
  const parsed = destinationSchema.parse(config);
  if (parsed.type === 'none') return nowhere;
  return createFhirDestination(parsed, { env, now: Date.now });
}
