/**
 * The routing part of a channel file: `filter` (before anything) and `destinations: [...]`, each a
 * registered destination block plus `id`, `filter`, `transform` and `queue`. The schemas come from
 * the destination registry; the queue schema is passed in (it belongs to src/config, which imports
 * this module: no cycle). `checkRouting` adds what one block cannot see on its own (unique ids,
 * transforms that fit what the destination takes, tables present in mappings/, order vs
 * connections) and `findLoops` the cross-channel checks. Problems carry field paths relative to the
 * channel file; the config loader adds the file name.
 */
import { z } from 'zod';
import { destinationTypes, needsOf, type DestinationConfig } from '../destinations/registry.js';
import type { ContentType } from '../destinations/types.js';
import { codeStepSchema, type CodeStep } from './code.js';
import { fhirStepSchema, validateFhirSteps, type FhirStep } from './fhir-edit.js';
import { filterRuleSchema, type FilterRule, type Problem } from './filter.js';
import { findLoops } from './loops.js';
import { loadLookupTable, type LookupTable } from './tables.js';
import { controlIdSchema, tablesOf, v2StepSchema, validateV2Steps, type V2Step } from './v2-edit.js';

export const transformSchema = z
  .object({
    v2: z.array(v2StepSchema).default([]).describe('HL7 v2 edits, in order (destinations that send v2)'),
    controlId: controlIdSchema,
    fhir: z.array(fhirStepSchema).default([]).describe('FHIR edits, in order (destinations that send the FHIR Bundle)'),
    code: codeStepSchema.optional(),
  })
  .strict()
  .describe('What changes before this destination: v2 edits or FHIR edits (by what the destination sends), then an optional code module');

export type TransformConfig = z.output<typeof transformSchema>;

export interface RoutingFields {
  /** Unique within the channel: names the destination's queue, metrics, DLQ and store trail. */
  id: string;
  filter?: FilterRule | undefined;
  transform?: TransformConfig | undefined;
  queue?: Record<string, unknown> | undefined;
}

export type RoutedDestination = DestinationConfig & RoutingFields;

const destinationId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected lowercase letters, digits, - and _ (max 64)')
  .describe('Destination id, unique within the channel (names its queue, metrics and dead-letter list)');

/**
 * `destinations: [...]`: every registered type, each with the routing fields. `queue` is the
 * per-destination queue block (retries, ordering, …) as src/config defines it.
 */
export function destinationsSchema<Q extends z.ZodType>(queue: Q) {
  const routing = {
    id: destinationId,
    filter: filterRuleSchema.optional(),
    transform: transformSchema.optional(),
    queue: queue.optional().describe("This destination's own queue: retries, backoff, ordering (defaults: the channel's)"),
  };
  const options = destinationTypes.map((d) => (d.schema as unknown as z.ZodObject).extend(routing));
  const union = z.discriminatedUnion('type', options as unknown as [z.ZodObject, ...z.ZodObject[]]);
  // Typed by what it produces: the union is built from the table at run time.
  return z
    .array(union as unknown as z.ZodType<RoutedDestination, unknown>)
    .min(1)
    .describe('Where each message goes; each destination has its own queue, filter and transform');
}

/** What `checkRouting` needs from the world: the mappings directory (lookup tables). */
export interface RoutingContext {
  mappingsDir: string;
}

/** Tables loaded for the channels' map steps, by file name. */
export type LoadedTables = ReadonlyMap<string, LookupTable>;

interface ChannelRouting {
  id: string;
  queue?: { ordering?: string } | undefined;
  destinations: readonly RoutedDestination[];
}

function needsOfRouted(d: RoutedDestination): ContentType | 'nothing' {
  return needsOf(d as DestinationConfig);
}

/** Cross-field checks of one channel's destinations; loads (and returns) the lookup tables they name. */
export function checkRouting(channel: ChannelRouting, context: RoutingContext, tables = new Map<string, LookupTable>()): { problems: Problem[]; tables: Map<string, LookupTable> } {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  channel.destinations.forEach((d, i) => {
    const at = (...rest: Array<string | number>) => ['destinations', i, ...rest];
    const first = seen.get(d.id);
    if (first !== undefined) problems.push({ path: at('id'), reason: `"${d.id}" is already the id of destinations.${first}` });
    else seen.set(d.id, i);
    const needs = needsOfRouted(d);
    const t = d.transform;
    if (t !== undefined) {
      if ((t.v2.length > 0 || t.controlId === 'renew') && needs !== 'hl7v2') problems.push({ path: at('transform', 'v2'), reason: `v2 edits apply to HL7 v2, and this ${d.type} destination sends ${needs}` });
      if (t.fhir.length > 0 && needs !== 'fhir') problems.push({ path: at('transform', 'fhir'), reason: `FHIR edits apply to the Bundle, and this ${d.type} destination sends ${needs}` });
      if (t.code !== undefined && needs === 'nothing') problems.push({ path: at('transform', 'code'), reason: `a ${d.type} destination sends nothing to transform` });
      for (const name of tablesOf(t.v2)) {
        if (tables.has(name)) continue;
        const loaded = loadLookupTable(context.mappingsDir, name);
        if (loaded.ok) tables.set(name, loaded.table);
      }
      for (const p of validateV2Steps(t.v2, new Set(tables.keys()))) {
        const step = t.v2[Number(p.path[0])];
        const table = step !== undefined && 'map' in step ? loadLookupTable(context.mappingsDir, step.map.table) : undefined;
        // An unknown table: say why it could not be loaded (missing, malformed, outside mappings/).
        problems.push({ path: at('transform', 'v2', ...p.path), reason: table !== undefined && !table.ok && p.path.at(-1) === 'table' ? table.reason : p.reason });
      }
      for (const p of validateFhirSteps(t.fhir)) problems.push({ path: at('transform', 'fhir', ...p.path), reason: p.reason });
    }
    const ordering = d.queue?.ordering ?? channel.queue?.ordering ?? 'none';
    if (d.type === 'mllp' && d.connections > 1 && ordering !== 'none') {
      problems.push({ path: at('connections'), reason: `${d.connections} connections send in parallel, but this destination is ordered (${ordering}): use 1` });
    }
  });
  return { problems, tables };
}

/** The code modules the channels use, with the time limit to load them under (for CodeRunner.load). */
export function codeStepsOf(destinations: readonly RoutedDestination[]): Array<{ index: number; step: CodeStep }> {
  return destinations.flatMap((d, index) => (d.transform?.code === undefined ? [] : [{ index, step: d.transform.code }]));
}

/** Cross-channel: chains that loop, and `channel` destinations naming no channel. Paths per channel id. */
export function checkChains(channels: ReadonlyArray<{ id: string; destinations: readonly RoutedDestination[] }>): Array<{ channel: string; problem: Problem }> {
  const { loops, unknown } = findLoops(channels.map((c) => ({ id: c.id, destinations: c.destinations.map((d) => ({ type: d.type, ...(d.type === 'channel' ? { channel: d.channel } : {}) })) })));
  const out: Array<{ channel: string; problem: Problem }> = [];
  for (const u of unknown) out.push({ channel: u.channel, problem: { path: ['destinations', u.destination, 'channel'], reason: `no channel "${u.target}"` } });
  for (const loop of loops) {
    const from = channels.find((c) => c.id === loop[0])!;
    const index = from.destinations.findIndex((d) => d.type === 'channel' && d.channel === loop[1]);
    out.push({ channel: from.id, problem: { path: ['destinations', index, 'channel'], reason: `channels loop: ${loop.join(' → ')}` } });
  }
  return out;
}

export type { CodeStep, FhirStep, FilterRule, V2Step };
