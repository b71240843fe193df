/**
 * Where messages go. `createDestination` turns a destination block into a Destination through the
 * registry (registry.ts); the caller delivers payloads and branches on the error's `name`/`code`.
 */
import type { z } from 'zod';
import { createRegisteredDestination, type destinationConfigSchema } from './registry.js';
import type { Destination, DestinationDeps } from './types.js';

export type {
  ChannelForward,
  ContentType,
  DeliveryContext,
  DeliveryEntry,
  DeliveryOutcome,
  DeliveryResponse,
  Destination,
  DestinationDeps,
  DestinationDescriptor,
  ForwardReceipt,
  ForwardRequest,
  LinkedPatients,
  LinkedPatientsOf,
  Sending,
  Payload,
} from './types.js';
export { redisLinkedPatients } from './held-links.js';
export type { AuthConfig, TlsConfig } from './config.js';
export type { FhirDestinationConfig } from './fhir-destination.js';
export {
  destinationConfigSchema,
  destinationTypes,
  needsOf,
  resultDestinationSchema,
  type DestinationConfig,
  type DestinationType,
} from './registry.js';
export { DestinationConfigError, DestinationRejectedError, DestinationUnavailableError } from './failures.js';
export { CircuitBreaker, type CircuitState, type CircuitBreakerOptions } from './circuit-breaker.js';

/** Builds any registered destination; `deps` defaults to the process environment and clock. */
export function createDestination(
  config: z.input<typeof destinationConfigSchema>,
  deps: Partial<DestinationDeps> = {},
): Destination {
  return createRegisteredDestination(config, { env: process.env, now: Date.now, ...deps });
}
