/**
 * What a worker does with one job: open → convert → validate → deliver. Each step's name is the
 * `stage` on errors, log lines and metrics. The steps are injected so the pipeline can be run
 * synchronously (HTTP useQueue:false, `hig convert`) as well as from the queue.
 */
import { PermanentError, TransientError } from '../errors.js';
import type { Keyring } from '../security/seal.js';
import type { IntegrationJobData, JobResult } from './jobs.js';

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

export interface PipelineSteps {
  keyring: Keyring;
  convertHl7v2(message: Buffer): Conversion;
  convertJson(mappingId: string, sourceData: unknown): Conversion;
  validate(bundle: FhirBundle): Array<{ severity: string; path: string; message: string }>;
  deliver?(bundle: FhirBundle, signal: AbortSignal): Promise<DeliveryOutcome>;
}

export const workerSteps = ['open', 'convert', 'validate', 'deliver'] as const;
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
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as Array<{ resource?: { resourceType?: string } }>) : [];
  for (const e of entries) {
    const t = e.resource?.resourceType;
    if (t) counts[t] = (counts[t] ?? 0) + 1;
  }
  return counts;
}

export async function runPipeline(data: IntegrationJobData, steps: PipelineSteps, signal: AbortSignal): Promise<JobResult> {
  const plain = atStage('open', () => steps.keyring.open(data.sourceData, { channelId: data.channelId, messageId: data.messageId, role: 'message' }));
  const conversion = atStage('convert', () => {
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
  let delivery: DeliveryOutcome | undefined;
  if (steps.deliver) {
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
    // Compressed before sealing: the result stays in Redis with the job for keepCompletedMs, and
    // BullMQ writes it twice (job hash and events stream); a Bundle's JSON deflates several-fold.
    bundle: steps.keyring.seal(JSON.stringify(conversion.bundle), { channelId: data.channelId, messageId: data.messageId, role: 'result' }, { compress: true }),
    resourceCount: Array.isArray(conversion.bundle.entry) ? conversion.bundle.entry.length : 0,
    resourceTypes: countTypes(conversion.bundle),
    messageType: conversion.messageType,
    structure: conversion.structure,
    unmappedCount: unmapped,
    ...(delivery ? { delivery: { status: delivery.status, entries: delivery.entries.map(({ status, location }) => ({ status, ...(location ? { location } : {}) })) } } : {}),
  };
}
