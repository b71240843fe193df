/**
 * THE table of destination types. Adding a type is one file exporting a descriptor
 * (types.ts, DestinationDescriptor) plus one line here; the channel schema, the JSON Schema,
 * `createDestination` and `needsOf` all read this table, so nothing else changes.
 */
import { z } from 'zod';
import { channelDestination } from './channel-destination.js';
import { fhirDestination } from './fhir-destination.js';
import { fileDestination } from './file-destination.js';
import { DestinationConfigError } from './failures.js';
import { httpDestination } from './http-destination.js';
import { mllpDestination } from './mllp-destination.js';
import { noneDestination } from './none-destination.js';
import type { ContentType, Destination, DestinationDeps, DestinationDescriptor } from './types.js';

export const destinationTypes = [noneDestination, fhirDestination, mllpDestination, httpDestination, fileDestination, channelDestination] as const;

/** The schemas of a descriptor tuple, still a tuple (a generic mapped type keeps tuple-ness). */
type SchemasOf<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] extends { schema: infer S } ? S : never };
type SchemaTuple = SchemasOf<typeof destinationTypes>;

/** Every registered destination block, discriminated by `type`. */
export const destinationConfigSchema = z
  .discriminatedUnion('type', destinationTypes.map((d) => d.schema) as unknown as SchemaTuple)
  .describe('Where a message goes; `type` picks the destination kind');

export type DestinationConfig = z.output<typeof destinationConfigSchema>;
export type DestinationType = DestinationConfig['type'];

/**
 * The legacy single `destination` of a channel: the worker pipeline hands it the FHIR result, so
 * only the registered types that take that (or nothing) belong here. The routing integration
 * replaces it by `destinations: [...]` over every registered type (src/routing/config.ts).
 */
export const resultDestinationSchema = z
  .discriminatedUnion('type', [noneDestination.schema, fhirDestination.schema])
  .describe('Where the FHIR result of each message goes');

const byType: ReadonlyMap<string, DestinationDescriptor> = new Map(
  destinationTypes.map((d) => [d.type, d as unknown as DestinationDescriptor]),
);

function descriptorOf(type: string): DestinationDescriptor {
  const descriptor = byType.get(type);
  if (descriptor === undefined) throw new DestinationConfigError(`destination.type: unknown type "${type}"`);
  return descriptor;
}

/** Which payload a (parsed) destination block consumes; decides whether the channel converts to FHIR. */
export function needsOf(config: DestinationConfig): ContentType | 'nothing' {
  return descriptorOf(config.type).needs(config);
}

/**
 * Builds a destination from its block (parsed or raw: defaults are applied here either way) and
 * resolves its secrets and files now, so a broken channel fails at start-up with a
 * DestinationConfigError naming the field, not per message.
 */
export function createRegisteredDestination(config: z.input<typeof destinationConfigSchema>, deps: DestinationDeps): Destination {
  const parsed = destinationConfigSchema.parse(config);
  return descriptorOf(parsed.type).create(parsed, deps);
}
