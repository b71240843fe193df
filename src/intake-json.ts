/**
 * The JSON counterpart of intakeHl7 for the original gateway's `{mappingId, sourceData}`:
 * seal the JSON, enqueue, and return a receipt only after Redis has the job (invariant 1).
 * JSON carries no sender control id: every submission is its own job (random message id) unless
 * the sender names it with an idempotency key (idempotentMessageId), which makes retries duplicates.
 */
import { CATALOGUE, type ErrorCode } from './errors.js';
import type { Channel } from './config/channel.js';
import { place, enqueueDeadline, type IntakeDeps, type JobIdentity, type Placed, type SourceFacts } from './intake.js';
import { randomMessageId, type IntegrationJobData, type JobMeta } from './queue/jobs.js';
import { isOrdered, partitionOf } from './queue/ordering.js';
import type { Keyring } from './security/seal.js';
import { countEnqueued, countReceived } from './metrics.js';
import { loadMapping } from './transform/json/index.js';
import { readPath } from './transform/json/paths.js';

/**
 * `duplicate`: a retry inside the dedupe window (same idempotency key and body), answered but not
 * stored again; `refused`: the key was used before for another body and the channel rejects conflicts.
 */
export type JsonReceipt =
  | { situation: 'stored'; messageId: string; duplicate: boolean }
  | { situation: 'unavailable' | 'refused'; code: ErrorCode; detail: string; messageId: string };

/** The content tags of a JSON submission: its mapping and body as they will be sealed. */
export function jsonContentTags(json: string, mappingId: string, keyring: Keyring): string[] {
  return keyring.contentTags([Buffer.from(`${mappingId}\u0000`), Buffer.from(json)]);
}

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
  identity: Partial<JobIdentity> = {},
): IntegrationJobData {
  const json = JSON.stringify(sourceData);
  const messageId = identity.messageId ?? randomMessageId(channel.id);
  const contentTag = (identity.tags ?? jsonContentTags(json, mappingId, keyring))[0];
  const meta: JobMeta = {
    source: facts.source,
    contentType: 'json',
    receivedAt: new Date().toISOString(),
    ...(facts.ipAddress ? { ipAddress: facts.ipAddress } : {}),
    ...(facts.userAgent ? { userAgent: facts.userAgent } : {}),
    ...(facts.fileName ? { fileName: facts.fileName } : {}),
  };
  if (isOrdered(channel)) meta.partition = partitionOf(channel, jsonPatient(sourceData, mappingId));
  if (contentTag) meta.contentTag = contentTag;
  if (identity.conflictOf) meta.conflictOf = identity.conflictOf;
  return {
    messageId,
    channelId: channel.id,
    clientId,
    mappingId,
    sourceData: keyring.seal(json, { channelId: channel.id, messageId, role: 'message' }),
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
  const queue = deps.queues.get(channel.id);
  const id = messageId ?? randomMessageId(channel.id);
  if (!queue) return { situation: 'unavailable', code: 'INTERNAL', detail: `no queue for channel ${channel.id}`, messageId: id };
  const tags = jsonContentTags(JSON.stringify(sourceData), mappingId, deps.keyring);
  const build = (conflict?: Omit<JobIdentity, 'tags'>) => buildJsonJob(sourceData, mappingId, channel, facts, deps.keyring, clientId, { messageId: id, tags, ...conflict });
  let placed: Placed;
  try {
    placed = await enqueueDeadline(place(channel, deps, { queue, connection: deps.queues.connection }, build, tags, facts.source), deps.enqueueTimeoutMs);
  } catch (err) {
    deps.log.warn({ channel: channel.id, messageId: id, err: { message: (err as Error).message } }, 'enqueue failed; refusing JSON message');
    return { situation: 'unavailable', code: 'QUEUE_UNAVAILABLE', detail: CATALOGUE.QUEUE_UNAVAILABLE.summary, messageId: id };
  }
  countEnqueued(channel.id, facts.source, 'json', placed.kind);
  if (placed.kind === 'rejected') return { situation: 'refused', code: 'DUPLICATE_CONFLICT', detail: 'Idempotency-Key: already used for a different body', messageId: id };
  deps.onStored?.(channel.id);
  return { situation: 'stored', messageId: placed.job.messageId, duplicate: placed.kind === 'duplicate' };
}
