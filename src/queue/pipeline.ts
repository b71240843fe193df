/**
 * What a worker does with one job: open → convert → validate → deliver. Each step's name is the
 * `stage` on errors, log lines and metrics. The steps are injected so the pipeline can be run
 * synchronously (HTTP useQueue:false, `hig convert`) as well as from the queue.
 */
import { PermanentError, TransientError } from '../errors.js';
import type { Keyring, Sealed } from '../security/seal.js';
import type { RouteInput } from '../routing/route.js';
import type { DestinationSummary, FilteredBy, IntegrationJobData, JobResult } from './jobs.js';

export type FhirBundle = Record<string, unknown>;

export interface Conversion {
  bundle: FhirBundle;
  report: Record<string, unknown>;
  messageType: string;
  structure: string;
}

export interface DeliveryOutcome {
  status: number;
  entries: Array<{ status: string; location?: string; outcome?: unknown }>;
}

/** One message as the channel's routing sees it after conversion. */
export interface RoutedMessage {
  data: IntegrationJobData;
  input: RouteInput;
  /** the Bundle as sealed for the job result, shared by the destination queues' jobs */
  sealedBundle?: Sealed;
  /**
   * The channel job ran before (a retry, or taken back after a crash): a destination may have got
   * the message then, so nothing is tried inline; the fan-out's dedupe decides (first-attempt.ts).
   */
  rerun?: boolean;
}

/**
 * The channel's destinations (`destinations: [...]`, steps.ts wires it). `inline`: one destination
 * without a queue of its own is delivered inside the channel job (its retries and breaker are the
 * channel's); otherwise `route` puts one delivery job per destination in that destination's queue.
 */
export interface ChannelRouting {
  /** convert (and validate) at all: some destination sends the Bundle or filters on FHIR facts */
  needsFhir: boolean;
  inline: boolean;
  /** the channel filter: the rule that took the message out, or undefined */
  filter?(input: RouteInput): FilteredBy | undefined;
  route(message: RoutedMessage, signal: AbortSignal): Promise<{ destinations: Record<string, DestinationSummary>; delivery?: DeliveryOutcome }>;
}

export interface PipelineSteps {
  keyring: Keyring;
  convertHl7v2(message: Buffer): Conversion;
  convertJson(mappingId: string, sourceData: unknown): Conversion;
  validate(bundle: FhirBundle): Array<{ severity: string; path: string; message: string }>;
  /** Legacy: deliver the Bundle (used when there is no `routing`). */
  deliver?(bundle: FhirBundle, signal: AbortSignal): Promise<DeliveryOutcome>;
  routing?: ChannelRouting;
}

export const workerSteps = ['open', 'filter', 'convert', 'validate', 'deliver'] as const;
export type Stage = (typeof workerSteps)[number];

/** Tags an error with the stage it came from, without changing its class. */
function atStage<T>(stage: Stage, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error) Object.assign(err, { stage });
    throw err;
  }
}

function countTypes(bundle: FhirBundle): Record<string, number> {
  const counts: Record<string, number> = {};
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as Array<{ resource?: { resourceType?: string }; request?: { method?: string } }>) : [];
  for (const e of entries) {
    // a PATCH entry's resource is its JSON Patch document (a Binary) of a resource its create counted
    if (e.request?.method === 'PATCH') continue;
    const t = e.resource?.resourceType;
    if (t) counts[t] = (counts[t] ?? 0) + 1;
  }
  return counts;
}

function inputOf(data: IntegrationJobData, plain: Buffer): RouteInput {
  if (data.meta.contentType === 'hl7v2') return { v2: plain };
  try {
    return { json: JSON.parse(plain.toString('utf8')) as unknown };
  } catch {
    throw new PermanentError('MAPPING_FAILED', 'sealed JSON source data is not valid JSON');
  }
}

/** What a job that converted nothing still reports (the type from the header read at intake). */
function unconverted(data: IntegrationJobData): Omit<JobResult, 'bundle'> {
  return { resourceCount: 0, resourceTypes: {}, messageType: data.meta.messageType ?? '', structure: '', unmappedCount: 0 };
}

export async function runPipeline(data: IntegrationJobData, steps: PipelineSteps, signal: AbortSignal, run: { rerun?: boolean } = {}): Promise<JobResult> {
  const rerun = run.rerun ? { rerun: true } : {};
  const plain = atStage('open', () => steps.keyring.open(data.sourceData, { channelId: data.channelId, messageId: data.messageId, role: 'message' }));
  const routing = steps.routing;
  const input = routing ? atStage('convert', () => inputOf(data, plain)) : undefined;
  if (routing?.filter && input) {
    const filtered = atStage('filter', () => routing.filter!(input));
    if (filtered) return { ...unconverted(data), filtered };
  }
  if (routing && !routing.needsFhir) return { ...unconverted(data), ...(await routeAt(routing, { data, input: input!, ...rerun }, signal)) };
  const conversion = atStage('convert', () => {
    if (input) return input.v2 !== undefined ? steps.convertHl7v2(input.v2) : steps.convertJson(String(data.mappingId), input.json);
    if (data.meta.contentType === 'hl7v2') return steps.convertHl7v2(plain);
    let source: unknown;
    try {
      source = JSON.parse(plain.toString('utf8'));
    } catch {
      throw new PermanentError('MAPPING_FAILED', 'sealed JSON source data is not valid JSON');
    }
    return steps.convertJson(String(data.mappingId), source);
  });
  const issues = atStage('validate', () => steps.validate(conversion.bundle));
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  if (errors.length > 0) {
    const summary = errors.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
    throw Object.assign(new PermanentError('FHIR_VALIDATION_FAILED', `${errors.length} issue(s): ${summary}`), { stage: 'validate' });
  }
  // Compressed before sealing: the result stays in Redis with the job for keepCompletedMs, and
  // BullMQ writes it twice (job hash and events stream); a Bundle's JSON deflates several-fold.
  // Sealed once: the destination queues' jobs carry this same seal.
  const bundleJson = JSON.stringify(conversion.bundle);
  const sealedBundle = steps.keyring.seal(bundleJson, { channelId: data.channelId, messageId: data.messageId, role: 'result' }, { compress: true });
  let delivery: DeliveryOutcome | undefined;
  let destinations: Record<string, DestinationSummary> | undefined;
  if (routing) {
    // The text just sealed rides along: an inline FHIR route sends it instead of serialising the Bundle again.
    const routed = await routeAt(routing, { data, input: { ...input!, bundle: conversion.bundle, bundleJson }, sealedBundle, ...rerun }, signal);
    delivery = routed.delivery;
    destinations = routed.destinations;
  } else if (steps.deliver) {
    if (signal.aborted) throw new TransientError('JOB_TIMEOUT');
    try {
      delivery = await steps.deliver(conversion.bundle, signal);
    } catch (err) {
      if (err instanceof Error) Object.assign(err, { stage: 'deliver' });
      throw err;
    }
  }
  const unmapped = Array.isArray(conversion.report.issue) ? conversion.report.issue.length : 0;
  return {
    bundle: sealedBundle,
    resourceCount: Array.isArray(conversion.bundle.entry) ? conversion.bundle.entry.length : 0,
    resourceTypes: countTypes(conversion.bundle),
    messageType: conversion.messageType,
    structure: conversion.structure,
    unmappedCount: unmapped,
    ...(delivery ? { delivery: { status: delivery.status, entries: delivery.entries.map(({ status, location }) => ({ status, ...(location ? { location } : {}) })) } } : {}),
    ...(destinations ? { destinations } : {}),
  };
}

async function routeAt(routing: ChannelRouting, message: RoutedMessage, signal: AbortSignal): Promise<{ destinations: Record<string, DestinationSummary>; delivery?: DeliveryOutcome }> {
  if (signal.aborted) throw new TransientError('JOB_TIMEOUT');
  try {
    return await routing.route(message, signal);
  } catch (err) {
    if (err instanceof Error && (err as Error & { stage?: string }).stage === undefined) Object.assign(err, { stage: 'deliver' });
    throw err;
  }
}
