/**
 * Wires a channel's pipeline steps: its conversion options, the validator and its destinations.
 * One destination without a queue of its own is delivered inside the channel job (inline, as a
 * channel with the legacy `destination` always was); otherwise the channel job fans out to the
 * destination queues (queue/delivery.ts), making each destination's first try itself where it may
 * (queue/first-attempt.ts).
 */
import { join } from 'node:path';
import { type Channel, conversionOptions } from './config/channel.js';
import type { PipelineSteps, RoutedMessage } from './queue/pipeline.js';
import type { QueueRegistry } from './queue/queues.js';
import type { DestinationSummary } from './queue/jobs.js';
import type { Keyring } from './security/seal.js';
import type { Logger } from './log.js';
import { convertHl7v2, convertJson, validateBundle } from './transform/index.js';
import { createDestination, type ChannelForward, type Destination, type LinkedPatientsOf } from './destinations/index.js';
import { checkChannelRouting, compileChannelRoutes, type ChannelRoutes } from './routing/channel-routes.js';
import type { CodeRunner } from './routing/code.js';
import { PermanentError } from './errors.js';
import { destinationFiltered } from './metrics.js';
import { countFiltered, fanOut, filteredOf, hasDestinationQueues } from './queue/delivery.js';
import { fanOutFirstTries, type InlineDelivery } from './queue/first-attempt.js';

/** A channel's routing, built once per process: compiled routes and the destinations themselves. */
export interface ChannelRuntime {
  routes: ChannelRoutes;
  /** by destination id */
  targets: ReadonlyMap<string, Destination>;
  /** A message's MSH-7 offset on a channel (or a sender's senderTimezones zone) left at UTC (ConvertResult.utcChannelOffset, utcChannelZone): warned once per setting (utcOffsetWarning). */
  utcOffsetSeen?: (offset: string, read?: { zone: string; setting: string }) => void;
  close(): Promise<void>;
}

export interface RuntimeDeps {
  mappingsDir?: string;
  transformersDir?: string;
  code?: CodeRunner;
  forward?: ChannelForward;
  log?: Logger;
  /** The Patients each FHIR server holds with a link (destinations/held-links.ts): FHIR destinations keep those links. */
  linkedPatients?: LinkedPatientsOf;
}

/** Compiles the channel's routes (tables loaded here) and creates its destinations. */
export function channelRuntime(channel: Channel, deps: RuntimeDeps = {}): ChannelRuntime {
  const dirs = { mappingsDir: deps.mappingsDir ?? join(process.cwd(), 'mappings'), transformersDir: deps.transformersDir ?? join(process.cwd(), 'transformers') };
  const { problems, tables } = checkChannelRouting(channel, dirs);
  // The loader reported these already, with the file; here they only stop a caller that skipped it.
  if (problems.length > 0) throw new PermanentError('INTERNAL', `channel ${channel.id}: ${problems[0]!.path.join('.')}: ${problems[0]!.reason}`);
  const routes = compileChannelRoutes(channel, { tables, ...(deps.code ? { code: deps.code } : {}) });
  const targets = new Map<string, Destination>();
  for (const d of channel.destinations) {
    if (d.type === 'none') continue;
    // The block without the routing fields (id, filter, transform, queue), as the registry defines it.
    const { id: _id, filter: _filter, transform: _transform, queue: _queue, ...block } = d;
    targets.set(d.id, createDestination(block as Parameters<typeof createDestination>[0], { ...(deps.forward ? { forward: deps.forward } : {}), ...(deps.log ? { log: deps.log } : {}), ...(deps.linkedPatients ? { linkedPatients: deps.linkedPatients } : {}) }));
  }
  return {
    routes,
    targets,
    ...(deps.log ? { utcOffsetSeen: utcOffsetWarning(channel, deps.log) } : {}),
    close: async () => {
      await Promise.all([...targets.values()].map((t) => t.close?.()));
    },
  };
}

/**
 * [hig time-zone rule; review 35 R35-N1] The first message whose MSH-7 states a non-zero offset on a channel whose
 * timezone is UTC (the default) is worth one warning per channel (per process: the runtime is built once per channel):
 * the sender keeps a local clock the channel was not told of, so bare times are read at MSH-7's fixed offset, an hour
 * off across its daylight-saving change, and at UTC where MSH-7 has none. Every message's report says it too
 * (hl7v2.ts utcChannelNote). The line names the channel, the zone that read the message and the setting that gave it
 * (the channel's `timezone`, or a sender's `senderTimezones.<key>`: code review 29 CR29-3, which logged the channel's
 * zone for a sender's), and the offset: no message content. Once per setting: each is its own cause and fix.
 */
function utcOffsetWarning(channel: Channel, log: Logger): (offset: string, read?: { zone: string; setting: string }) => void {
  const warned = new Set<string>();
  return (offset, read = { zone: channel.timezone, setting: 'timezone' }) => {
    if (warned.has(read.setting)) return;
    warned.add(read.setting);
    const said = read.setting === 'timezone' ? "the channel's timezone" : `the sender's zone (${read.setting})`;
    const fix = read.setting === 'timezone' ? "set the channel's timezone" : `set ${read.setting}`;
    log.warn(
      { channel: channel.id, timezone: read.zone, setting: read.setting, offset },
      `channel ${channel.id}: MSH-7 states the offset ${offset} and ${said} is ${read.zone}: times without an offset are read at that fixed offset (not following the sender's daylight-saving changes) or at ${read.zone}; ${fix} to the sender's IANA zone`,
    );
  };
}

/** One destination delivered inside the channel job: decide, then deliver. */
function inlineRoute(channel: Channel, runtime: ChannelRuntime, queues: QueueRegistry | undefined) {
  const destination = channel.destinations[0]!;
  const route = runtime.routes.routes[0]!;
  const target = runtime.targets.get(destination.id);
  return async (message: RoutedMessage, signal: AbortSignal) => {
    const { data } = message;
    const context = { channelId: data.channelId, messageId: data.messageId, destinationId: destination.id, ...(data.meta.controlId ? { controlId: data.meta.controlId } : {}), receivedAt: data.meta.receivedAt };
    let decision;
    try {
      decision = await route.decide(message.input, context);
    } catch (err) {
      if (err instanceof Error && (err.name === 'PermanentError' || err.name === 'TransientError')) throw Object.assign(err, { stage: 'transform' });
      throw Object.assign(new PermanentError('TRANSFORM_FAILED', `transform failed (${(err as Error)?.name ?? 'error'})`), { stage: 'transform' });
    }
    const filtered = filteredOf(decision);
    if (filtered) {
      if (queues) countFiltered(queues.connection, queues.prefix, channel.id, filtered);
      destinationFiltered(channel.id, destination.id);
      return { destinations: { [destination.id]: { state: 'filtered', filtered } as DestinationSummary } };
    }
    if (decision.kind !== 'deliver' || !target) return { destinations: { [destination.id]: { state: 'nothing' } as DestinationSummary } };
    const outcome = await target.deliver(decision.payload, { ...context, signal });
    const summary: DestinationSummary = {
      state: 'delivered',
      ...(outcome.status !== undefined ? { status: outcome.status } : {}),
      ...(outcome.ackCode !== undefined ? { ackCode: outcome.ackCode } : {}),
      ...(outcome.detail !== undefined ? { detail: outcome.detail } : {}),
    };
    return { destinations: { [destination.id]: summary }, delivery: { status: outcome.status ?? 0, entries: outcome.entries ?? [] } };
  };
}

/**
 * `runtime`: built once by the daemon (defaults: built here, without code modules); `queues`: the
 * registry holding the destination queues (required when the channel fans out); `deliveries`: the
 * destinations' delivery wiring (destinationDeliveries): given, the channel job makes each
 * destination's first try itself (queue/first-attempt.ts); absent, every delivery is queued.
 */
export function pipelineStepsFor(channel: Channel, keyring: Keyring, runtime: ChannelRuntime = channelRuntime(channel), queues?: QueueRegistry, deliveries?: ReadonlyMap<string, InlineDelivery>): PipelineSteps {
  const options = conversionOptions(channel);
  const inline = !hasDestinationQueues(channel);
  const needsBundle = new Set(runtime.routes.routes.filter((r) => r.needsFhir).map((r) => r.id));
  const channelFilter = runtime.routes.filter;
  return {
    keyring,
    convertHl7v2: (message) => {
      const converted = convertHl7v2(message, options);
      if (converted.utcChannelOffset !== undefined) runtime.utcOffsetSeen?.(converted.utcChannelOffset, converted.utcChannelZone);
      return converted;
    },
    convertJson: (mappingId, sourceData) => convertJson(mappingId, sourceData, options),
    validate: validateBundle,
    routing: {
      // `none` keeps the FHIR result with the job: converting is what it is for.
      needsFhir: runtime.routes.needsFhir || channel.destinations.some((d) => d.type === 'none'),
      inline,
      ...(channelFilter
        ? {
            filter: (input) => {
              const filtered = channelFilter(input);
              if (filtered) {
                if (queues) countFiltered(queues.connection, queues.prefix, channel.id, filtered);
                destinationFiltered(channel.id, '');
              }
              return filtered;
            },
          }
        : {}),
      route: inline
        ? inlineRoute(channel, runtime, queues)
        : async (message, signal) => {
            if (!queues) throw new PermanentError('INTERNAL', `channel ${channel.id} fans out, and no queue registry was given`);
            const destinations = deliveries ? await fanOutFirstTries(queues, channel, message, needsBundle, deliveries, signal) : await fanOut(queues, channel, message, needsBundle);
            return { destinations };
          },
    },
  };
}

/** Loads the FHIR definitions the validator indexes lazily, so the first message does not pay for it. */
export function warmUpValidator(): void {
  validateBundle({ resourceType: 'Bundle', type: 'transaction', entry: [{ fullUrl: 'urn:uuid:00000000-0000-5000-8000-000000000000', resource: { resourceType: 'Patient', active: true }, request: { method: 'PUT', url: 'Patient/00000000-0000-5000-8000-000000000000' } }] });
}
