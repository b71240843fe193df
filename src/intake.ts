/**
 * The one path into the queue shared by every source:
 * readHeader → authorize → seal → enqueue, then a receipt the source turns into its answer.
 * A receipt of `stored` is only ever returned after Redis has the job (invariant 1).
 */
import { CATALOGUE, errorCodeOf, type ErrorCode } from './errors.js';
import { withDeadline } from './deadline.js';
import type { Queue } from 'bullmq';
import type { Channel } from './config/channel.js';
import { readHeader, messageTypeOf, type MessageHeader } from './hl7/header.js';
import { echoCode, echoMessageType, echoVersion } from './hl7/echo.js';
import type { AckSituation } from './hl7/ack-table.js';
import type { Keyring, Packed } from './security/seal.js';
import type { QueueRegistry } from './queue/queues.js';
import { enqueue, noteConflict, trailsWithJob } from './queue/queues.js';
import { conflictMessageId, messageIdFor, type IntegrationJobData, type JobMeta, type SourceKind } from './queue/jobs.js';
import type { Logger } from './log.js';
import type { RedisClient } from './redis/connections.js';
import { patientIdentifier } from './hl7/scan.js';
import { contentWithoutMsh7 } from './hl7/content.js';
import { isOrdered, partitionOf } from './queue/ordering.js';
import { priorityFor } from './queue/priority.js';
import { countConflict, countEnqueued, countReceived } from './metrics.js';
import { ACK_TABLE } from './hl7/ack-table.js';
import { receivedEvent, type StoreOutbox } from './queue/store-trail.js';
import type { StoreEvent } from './store/index.js';

/** A message that reused an earlier one's id (sender + control id, or idempotency key) with other content. */
export interface ConflictEvent {
  channelId: string;
  clientId: number;
  /** the earlier message */
  messageId: string;
  action: 'processed' | 'rejected';
  /** the id it was processed under (action processed) */
  conflictId?: string;
}

export interface IntakeDeps {
  queues: QueueRegistry;
  keyring: Keyring;
  log: Logger;
  /** Longest we wait for Redis before answering a negative ACK. */
  enqueueTimeoutMs: number;
  /** Told about each durably stored message (inactivity alerts, metrics); must not throw. */
  onStored?(channelId: string): void;
  /** Told about each conflicting message (the duplicate_conflict alert); must not throw. */
  onConflict?(conflict: ConflictEvent): void;
  /** The message store's outbox (absent: store off). Appended after the durable enqueue, never awaited before the answer. */
  outbox?: StoreOutbox;
}

export interface SourceFacts {
  source: SourceKind;
  ipAddress?: string;
  userAgent?: string;
  fileName?: string;
}

export type Receipt =
  /** `duplicate`: a resend, answered again but not stored again */
  | { situation: 'stored'; messageId: string; header: MessageHeader; duplicate?: true }
  | {
      situation: Exclude<AckSituation, 'stored'>;
      code: ErrorCode;
      location?: string;
      detail: string;
      header?: Partial<MessageHeader>;
    };

function refuse(situation: Exclude<AckSituation, 'stored'>, code: ErrorCode, detail: string, header?: Partial<MessageHeader>, location?: string): Receipt {
  return { situation, code, detail, ...(header ? { header } : {}), ...(location ? { location } : {}) };
}

/** Channel `accept` rules: "ADT^*", "ORU^R01", "*" and a version list. */
export function authorize(header: MessageHeader, channel: Channel): Receipt | undefined {
  const { messageTypes, versions } = channel.accept;
  const typeOk = messageTypes.some((rule) => {
    if (rule === '*') return true;
    const [code, event = '*'] = rule.split('^');
    return code === header.messageCode && (event === '*' || event === header.triggerEvent);
  });
  if (!typeOk) {
    // Sender values are repeated only in their standard form (hl7/echo.ts); otherwise the field is named.
    const codeKnown = messageTypes.some((r) => r === '*' || r.split('^')[0] === header.messageCode);
    const type = echoMessageType(header.messageCode, header.triggerEvent);
    return codeKnown
      ? refuse('not-accepted', 'EVENT_NOT_ACCEPTED', `${type ? `event ${type}` : 'the event in MSH-9.2'} is not accepted by channel ${channel.id}`, header, 'MSH-9.2')
      : refuse('not-accepted', 'MESSAGE_TYPE_NOT_ACCEPTED', `${echoCode(header.messageCode) ? `message type ${header.messageCode}` : 'the message type in MSH-9.1'} is not accepted by channel ${channel.id}`, header, 'MSH-9.1');
  }
  if (!versions.includes(header.version)) {
    const version = echoVersion(header.version);
    return refuse('not-accepted', 'VERSION_NOT_ACCEPTED', `${version ? `version ${version}` : 'the version in MSH-12'} is not accepted by channel ${channel.id}`, header, 'MSH-12');
  }
  return undefined;
}

/** The bound every intake path puts on waiting for Redis before a negative answer. */
export function enqueueDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return withDeadline(work, ms, () => new Error(`enqueue exceeded ${ms} ms`));
}

/** Which message a job is: its id, its content tags (Keyring.contentTags) and, for a conflict, whose id it reused. */
export interface JobIdentity {
  messageId: string;
  tags: readonly string[];
  conflictOf?: string;
}

/** The content tags of an HL7 message: every byte but MSH-7 (a resend may carry a new timestamp). */
export function hl7ContentTags(raw: Buffer, keyring: Keyring): string[] {
  return keyring.contentTags(contentWithoutMsh7(raw));
}

/**
 * From this size a message's seal DEFLATEs on libuv's threadpool, not on the listener's event loop,
 * where one 1 MB message (an embedded PDF, as base64) held every small message's ACK for 35-49 ms
 * (bench/speed/large-intake.ts, contended machine). Below it the threadpool's round trip is not
 * worth it (a 1.2 KB message's whole seal: 0.16-0.46 ms). The content tag's HMAC stays inline
 * (0.7-0.8 ms per MB).
 */
export const LARGE_MESSAGE_BYTES = 64 * 1024;

/** A large message compressed off the event loop (keyring.pack), for intakeHl7's seal. */
export interface PreparedHl7 {
  packed: Packed;
}

/** prepareHl7 of a message below LARGE_MESSAGE_BYTES is undefined: its seal compresses inline. */
export function prepareHl7(raw: Buffer, keyring: Keyring): Promise<PreparedHl7> | undefined {
  if (raw.length < LARGE_MESSAGE_BYTES) return undefined;
  return keyring.pack(raw, 'message').then((packed) => ({ packed }));
}

export function buildJob(
  raw: Buffer,
  header: MessageHeader,
  channel: Channel,
  facts: SourceFacts,
  keyring: Keyring,
  identity: Partial<JobIdentity> = {},
  packed?: Packed,
): IntegrationJobData {
  const sender = `${header.sendingApplication}|${header.sendingFacility}`;
  // Kept in clear for listings and metrics only in its standard form (hl7/echo.ts).
  const messageType = echoMessageType(header.messageCode, header.triggerEvent);
  const meta: JobMeta = {
    source: facts.source,
    contentType: 'hl7v2',
    receivedAt: new Date().toISOString(),
    ...(messageType ? { messageType } : {}),
    controlId: header.controlId,
    // MSH-9.3 and MSH-12 for the message store's metadata (not PHI).
    ...(header.messageStructure ? { structure: header.messageStructure } : {}),
    ...(header.version ? { version: header.version } : {}),
    sendingApplication: header.sendingApplication,
    sendingFacility: header.sendingFacility,
    ...(facts.ipAddress ? { ipAddress: facts.ipAddress } : {}),
    ...(facts.userAgent ? { userAgent: facts.userAgent } : {}),
    ...(facts.fileName ? { fileName: facts.fileName } : {}),
  };
  // Field scans read the message as latin1 text: decode it once, and only when a scan is needed.
  const text = isOrdered(channel) || channel.queue.priority.rules.some((r) => r.field) ? raw.toString('latin1') : '';
  if (isOrdered(channel)) meta.partition = partitionOf(channel, patientIdentifier(text, header.delimiters));
  meta.priority = priorityFor(text, header, channel);
  const contentTag = (identity.tags ?? hl7ContentTags(raw, keyring))[0];
  if (contentTag) meta.contentTag = contentTag;
  if (identity.conflictOf) meta.conflictOf = identity.conflictOf;
  const messageId = identity.messageId ?? messageIdFor(channel.id, sender, header.controlId);
  return {
    messageId,
    channelId: channel.id,
    clientId: channel.clientId,
    mappingId: channel.mapping,
    // Compressed before sealing (the `z` flag of the seal): ≈ 40 % fewer bytes of Redis per HL7 message.
    sourceData: keyring.seal(raw, { channelId: channel.id, messageId, role: 'message' }, packed === undefined ? { compress: true } : { compress: true, packed }),
    meta,
  };
}

/**
 * Accept one HL7 v2 message (raw bytes as received, charset untouched). Everything up to the
 * enqueue runs in the call's synchronous part, so messages are enqueued in the order of the calls;
 * `prepared` (prepareHl7 of the same bytes) is a large message's compression, done off the event
 * loop.
 */
export async function intakeHl7(raw: Buffer, channel: Channel, facts: SourceFacts, deps: IntakeDeps, prepared?: PreparedHl7): Promise<Receipt> {
  const read = readHeader(raw);
  countReceived(channel.id, facts.source, read.ok ? messageTypeOf(read.header) : undefined);
  if (!read.ok) {
    const situation = read.code === 'NOT_HL7' ? 'no-header' : 'malformed';
    return refuse(situation, read.code, read.detail, read.partial, read.location);
  }
  const header = read.header;
  const refused = authorize(header, channel);
  if (refused) return refused;
  const writer = deps.queues.forEnqueue(channel.id);
  const queue = deps.queues.get(channel.id);
  if (!writer || !queue) return refuse('unavailable', 'INTERNAL', `no queue for channel ${channel.id}`, header);
  const tags = hl7ContentTags(raw, deps.keyring);
  const build = (conflict?: Omit<JobIdentity, 'tags'>) => buildJob(raw, header, channel, facts, deps.keyring, { tags, ...conflict }, prepared?.packed);
  let placed: Placed;
  try {
    placed = await enqueueDeadline(place(channel, deps, writer, build, tags, facts.source, header.controlId), deps.enqueueTimeoutMs);
  } catch (err) {
    deps.log.warn({ channel: channel.id, controlId: header.controlId, err: { message: (err as Error).message } }, 'enqueue failed; answering negative ACK');
    return refuse('unavailable', 'QUEUE_UNAVAILABLE', CATALOGUE.QUEUE_UNAVAILABLE.summary, header);
  }
  countEnqueued(channel.id, facts.source, placed.job.meta.messageType, placed.kind);
  if (placed.kind === 'rejected') return refuse('conflict', 'DUPLICATE_CONFLICT', CATALOGUE.DUPLICATE_CONFLICT.summary, header, 'MSH-10');
  deps.onStored?.(channel.id);
  if (channel.ackOn === 'processed') {
    const receipt = await awaitProcessing(queue, placed.job.messageId, header, channel.queue.timeoutMs);
    const code = ackCodeOf(channel, receipt.situation);
    if (code && deps.outbox) void deps.outbox.append([{ kind: 'ack', eventId: 'ack', messageId: placed.job.messageId, channelId: channel.id, at: new Date().toISOString(), code }]);
    return receipt;
  }
  return { situation: 'stored', messageId: placed.job.messageId, header, ...(placed.kind === 'duplicate' ? { duplicate: true as const } : {}) };
}

/** What placing one message came to: stored (maybe under a conflict id), a resend, or refused as a conflict. */
export interface Placed {
  kind: 'stored' | 'duplicate' | 'rejected';
  /** the job as placed (a conflict processed as new: the job under its own id) */
  job: IntegrationJobData;
}

/**
 * Enqueues one message under the dedupe rule (queue/dedupe.ts), shared by every intake path. A
 * conflict (the message's id is known with other content) is processed under an id of its own,
 * `conflictMessageId` (deterministic: its own resends are deduped there), or refused when the
 * channel says `queue.duplicates: reject`; either way it is logged, counted and reported to
 * deps.onConflict. A resend is logged at info and counted. Log lines carry ids only.
 * `build(conflict?)` builds the job (under the conflict id when given); `tags[0]` is its content tag.
 */
export async function place(
  channel: Channel,
  deps: IntakeDeps,
  writer: { queue: Queue; connection: RedisClient },
  build: (conflict?: Omit<JobIdentity, 'tags'>) => IntegrationJobData,
  tags: readonly string[],
  source: SourceKind,
  controlId?: string,
): Promise<Placed> {
  // Fields of the (rare) log lines below; no child logger per message on the ingest path.
  const ids = { channel: channel.id, ...(controlId !== undefined ? { controlId } : {}) };
  // The store's received event goes with the job in one script where the enqueue allows it (queues.ts trailsWithJob).
  const outbox = deps.outbox;
  const withJob = outbox !== undefined && trailsWithJob(channel, deps.queues.enqueuer);
  const stamped = (j: IntegrationJobData): IntegrationJobData => (withJob ? { ...j, meta: { ...j.meta, storeReceived: true } } : j);
  const enqueueJob = (job: IntegrationJobData) =>
    enqueue(writer.queue, channel, job, writer.connection, deps.queues.prefix, tags.slice(1), deps.queues.enqueuer, undefined, withJob ? outbox.trail([receivedOf(channel, job)]) : undefined);
  const first = stamped(build());
  let job = first;
  let placed = await enqueueJob(job);
  if (placed === 'conflict' && channel.queue.duplicates === 'process' && tags[0]) {
    job = stamped(build({ messageId: conflictMessageId(first.messageId, tags[0]), conflictOf: first.messageId }));
    placed = await enqueueJob(job);
    if (placed === 'stored') conflicted(channel, deps, ids, source, { clientId: first.clientId, messageId: first.messageId, action: 'processed', conflictId: job.messageId });
  }
  // Refused by the channel, or (64 bits of tag alike, other content) its own id taken as well.
  if (placed === 'conflict') conflicted(channel, deps, ids, source, { clientId: first.clientId, messageId: first.messageId, action: 'rejected' });
  if (placed === 'duplicate') deps.log.info({ ...ids, messageId: job.messageId }, 'resend of a stored message: acknowledged again, not processed again');
  if (outbox) void outbox.append(storeEventsOf(channel, placed, job, first, withJob));
  return { kind: placed === 'conflict' ? 'rejected' : placed, job: placed === 'conflict' ? first : job };
}

/**
 * The MSA-1 a situation was answered with, for the store; undefined for sources that answer no
 * ACK (files). HTTP's HL7 answers follow the original mode.
 */
export function ackCodeOf(channel: Channel, situation: AckSituation): string | undefined {
  if (channel.source.type === 'mllp') return ACK_TABLE[situation][channel.source.ackMode];
  return channel.source.type === 'http' ? ACK_TABLE[situation].original : undefined;
}

/** The received event of a job intake stored, with the ACK it answers now (none when the channel answers once processed). */
function receivedOf(channel: Channel, job: IntegrationJobData): StoreEvent {
  const code = channel.ackOn === 'processed' ? undefined : ackCodeOf(channel, 'stored');
  return receivedEvent(job, code ? { ack: { code, at: new Date().toISOString() } } : {});
}

/**
 * What the store learns from one placement: the new message (with its ACK) unless its received
 * event went with the job (`withJob`), a resend, or a conflict on the original.
 */
function storeEventsOf(channel: Channel, placed: 'stored' | 'duplicate' | 'conflict', job: IntegrationJobData, first: IntegrationJobData, withJob: boolean): StoreEvent[] {
  const at = new Date().toISOString();
  const events: StoreEvent[] = [];
  if (placed === 'stored') {
    if (!withJob) events.push(receivedOf(channel, job));
    if (job !== first) events.push({ kind: 'conflict', messageId: first.messageId, channelId: channel.id, at, relatedMessageId: job.messageId });
  } else if (placed === 'duplicate') {
    events.push({ kind: 'duplicate', messageId: job.messageId, channelId: channel.id, at, ...(job.meta.ipAddress ? { peer: job.meta.ipAddress } : {}) });
  } else {
    events.push({ kind: 'conflict', messageId: first.messageId, channelId: channel.id, at });
  }
  return events;
}

function conflicted(channel: Channel, deps: IntakeDeps, ids: { channel: string; controlId?: string }, source: SourceKind, c: Omit<ConflictEvent, 'channelId'>): void {
  deps.log.warn(
    { ...ids, messageId: c.messageId, ...(c.conflictId ? { conflictId: c.conflictId } : {}), action: c.action },
    c.action === 'processed' ? 'same id as an earlier message with different content: processed as a new message' : 'same id as an earlier message with different content: refused (queue.duplicates: reject)',
  );
  noteConflict(deps.queues.connection, deps.queues.prefix, channel.id);
  countConflict(channel.id, source, c.action);
  try {
    deps.onConflict?.({ channelId: channel.id, ...c });
  } catch {
    // a hook must not turn a stored message into a negative answer
  }
}

/**
 * `ackOn: processed`: answer only once the worker finished. The message is already durable, so a
 * sender that gives up waiting and resends is deduped. Polling keeps this independent of where the
 * job is (an ordered lane parks it before it reaches the queue).
 */
export async function awaitProcessing(queue: Queue, messageId: string, header: MessageHeader, timeoutMs: number, pollMs = 50): Promise<Receipt> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await queue.getJob(messageId).catch(() => undefined);
    const state = job ? await job.getState().catch(() => 'unknown') : 'unknown';
    if (state === 'completed') return { situation: 'stored', messageId, header };
    if (state === 'failed') {
      // Read again: the job object above may predate its failure.
      const reason = (await queue.getJob(messageId).catch(() => undefined))?.failedReason ?? '';
      return refuse('processing-failed', errorCodeOf(reason) ?? 'INTERNAL', reason.slice(0, 200) || 'processing failed', header);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return refuse('processing-failed', 'JOB_TIMEOUT', `stored, but not processed within ${timeoutMs} ms`, header);
}
