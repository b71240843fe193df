/**
 * The JSON counterpart of intakeHl7 for the original gateway's `{mappingId, sourceData}`:
 * seal the JSON, enqueue, and return a receipt only after Redis has the job (invariant 1).
 * JSON carries no sender control id: every submission is its own job (random message id) unless
 * the sender names it with an idempotency key (idempotentMessageId), which makes retries duplicates.
 */
import { CATALOGUE, type ErrorCode } from './errors.js';
import type { Channel } from './config/channel.js';
import { withDeadline, type IntakeDeps, type SourceFacts } from './intake.js';
import { randomMessageId, type IntegrationJobData, type JobMeta } from './queue/jobs.js';
import { enqueue } from './queue/queues.js';
import { isOrdered, partitionOf } from './queue/ordering.js';
import type { Keyring } from './security/seal.js';
import { countEnqueued, countReceived } from './metrics.js';
import { loadMapping } from './transform/json/index.js';
import { readPath } from './transform/json/paths.js';

/** `duplicate`: a retry inside the dedupe window (same idempotency key), answered but not stored again. */
export type JsonReceipt = { situation: 'stored'; messageId: string; duplicate: boolean } | { situation: 'unavailable'; code: ErrorCode; detail: string; messageId: string };

/**
 * `ordering: patient` for JSON: the patient is whatever the mapping keys its Patient on (e.g. `id`
 * in patient-basic); hashed by partitionOf, never stored in clear. No key → the shared no-patient lane.
 */
export function jsonPatient(sourceData: unknown, mappingId: string): { id: string; authority: string } | undefined {
  try {
    const key = loadMapping(mappingId).resources.find((r) => r.resourceType === 'Patient')?.key;
    const value = key ? readPath(sourceData, key.source) : undefined;
    return key && (typeof value === 'string' || typeof value === 'number') && String(value) !== '' ? { id: String(value), authority: key.system } : undefined;
  } catch {
    return undefined; // an unknown mapping fails in the worker, with its own error
  }
}

export function buildJsonJob(
  sourceData: unknown,
  mappingId: string,
  channel: Channel,
  facts: SourceFacts,
  keyring: Keyring,
  clientId = channel.clientId,
  messageId = randomMessageId(channel.id),
): IntegrationJobData {
  const meta: JobMeta = {
    source: facts.source,
    contentType: 'json',
    receivedAt: new Date().toISOString(),
    ...(facts.ipAddress ? { ipAddress: facts.ipAddress } : {}),
    ...(facts.userAgent ? { userAgent: facts.userAgent } : {}),
    ...(facts.fileName ? { fileName: facts.fileName } : {}),
  };
  if (isOrdered(channel)) meta.partition = partitionOf(channel, jsonPatient(sourceData, mappingId));
  return {
    messageId,
    channelId: channel.id,
    clientId,
    mappingId,
    sourceData: keyring.seal(JSON.stringify(sourceData), { channelId: channel.id, messageId, role: 'message' }),
    meta,
  };
}

/**
 * `clientId` is the authenticated client when it differs from the channel's own; `messageId` a
 * deterministic id (idempotentMessageId) when the sender gave an idempotency key.
 */
export async function intakeJson(
  sourceData: unknown,
  mappingId: string,
  channel: Channel,
  facts: SourceFacts,
  deps: IntakeDeps,
  clientId = channel.clientId,
  messageId?: string,
): Promise<JsonReceipt> {
  countReceived(channel.id, facts.source, 'json');
  const job = buildJsonJob(sourceData, mappingId, channel, facts, deps.keyring, clientId, messageId);
  const queue = deps.queues.get(channel.id);
  if (!queue) return { situation: 'unavailable', code: 'INTERNAL', detail: `no queue for channel ${channel.id}`, messageId: job.messageId };
  let placed: 'stored' | 'duplicate';
  try {
    placed = countEnqueued(channel.id, facts.source, 'json', await withDeadline(enqueue(queue, channel, job, deps.queues.connection, deps.queues.prefix), deps.enqueueTimeoutMs));
  } catch (err) {
    deps.log.warn({ channel: channel.id, messageId: job.messageId, err: { message: (err as Error).message } }, 'enqueue failed; refusing JSON message');
    return { situation: 'unavailable', code: 'QUEUE_UNAVAILABLE', detail: CATALOGUE.QUEUE_UNAVAILABLE.summary, messageId: job.messageId };
  }
  deps.onStored?.(channel.id);
  return { situation: 'stored', messageId: job.messageId, duplicate: placed === 'duplicate' };
}
