/**
 * The dead-letter queue of a channel is its BullMQ `failed` set: jobs that failed permanently or
 * ran out of attempts. Listing shows routing facts only (no PHI); replays are rate-limited and
 * every replay is recorded in an audit stream (who, when, what).
 */
import type { Job, Queue } from 'bullmq';
import type { RedisClient } from '../redis/connections.js';
import { INBOUND_V1, type IntegrationJobData } from './jobs.js';
import { reasonCodeOf } from '../errors.js';
import { jobReplayed } from '../metrics.js';
import { auditKey } from '../redis/keys.js';

export interface FailedJob {
  id: string;
  messageId: string;
  channelId: string;
  clientId: number;
  failedReason: string;
  /** the catalogue code at the start of the reason, e.g. FHIR_VALIDATION_FAILED */
  reasonCode: string;
  failedAt: Date;
  attempts: number;
  eventType?: string;
  controlId?: string;
  receivedAt?: string;
}

export interface FailedFilter {
  reason?: string | undefined;
  event?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
}

/** The code a failed job is listed and filtered by (errors.ts: the same rule as its alert). */
export { reasonCodeOf };

export function toFailedJob(channelId: string, job: Job): FailedJob {
  const data = job.data as Partial<IntegrationJobData>;
  const reason = job.failedReason ?? '';
  return {
    id: String(job.id),
    messageId: data.messageId ?? String(job.id),
    channelId,
    clientId: data.clientId ?? 0,
    failedReason: reason,
    reasonCode: reasonCodeOf(reason),
    failedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp),
    attempts: job.attemptsMade,
    ...(data.meta?.messageType ? { eventType: data.meta.messageType } : {}),
    ...(data.meta?.controlId ? { controlId: data.meta.controlId } : {}),
    ...(data.meta?.receivedAt ? { receivedAt: data.meta.receivedAt } : {}),
  };
}

export function matches(f: FailedJob, filter: FailedFilter): boolean {
  if (filter.reason && !(f.reasonCode === filter.reason || f.failedReason.includes(filter.reason))) return false;
  if (filter.event && f.eventType !== filter.event && !f.eventType?.startsWith(filter.event + '^') && f.eventType?.replace('^', '_') !== filter.event) return false;
  if (filter.since && f.failedAt < filter.since) return false;
  if (filter.until && f.failedAt > filter.until) return false;
  return true;
}

const PAGE = 500;

/** Newest first; `limit` applies after filtering. */
export async function listFailed(queue: Queue, channelId: string, opts: { limit?: number; offset?: number; filter?: FailedFilter } = {}): Promise<FailedJob[]> {
  const limit = opts.limit ?? 50;
  const offset = opts.offset ?? 0;
  const out: FailedJob[] = [];
  let skipped = 0;
  for (let start = 0; out.length < limit; start += PAGE) {
    const jobs = await queue.getFailed(start, start + PAGE - 1);
    for (const job of jobs) {
      if (!job) continue;
      const f = toFailedJob(channelId, job);
      if (opts.filter && !matches(f, opts.filter)) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      out.push(f);
      if (out.length >= limit) break;
    }
    if (jobs.length < PAGE) break;
  }
  return out;
}

export interface ReplayRequest {
  ids?: string[] | undefined;
  all?: boolean | undefined;
  filter?: FailedFilter | undefined;
  dryRun?: boolean;
  /** replays per second; 0 = unlimited */
  ratePerSecond?: number;
  /** who asked (CLI user, API client); recorded in the audit stream */
  who: string;
}

export interface ReplayResult {
  dryRun: boolean;
  replayed: string[];
  notFound: string[];
  skipped: string[];
}

async function selectForReplay(queue: Queue, channelId: string, req: ReplayRequest): Promise<{ jobs: Job[]; notFound: string[] }> {
  if (req.ids && req.ids.length > 0) {
    const jobs: Job[] = [];
    const notFound: string[] = [];
    for (const id of req.ids) {
      const job = await queue.getJob(id);
      if (job && (await job.isFailed())) jobs.push(job);
      else notFound.push(id);
    }
    return { jobs, notFound };
  }
  if (!req.all && !req.filter) return { jobs: [], notFound: [] };
  const selected: Job[] = [];
  for (let start = 0; ; start += PAGE) {
    const page = await queue.getFailed(start, start + PAGE - 1);
    for (const job of page) if (job && (!req.filter || matches(toFailedJob(channelId, job), req.filter))) selected.push(job);
    if (page.length < PAGE) break;
  }
  return { jobs: selected, notFound: [] };
}

/** Moves failed jobs back to waiting (fresh attempts), at most ratePerSecond per second. */
export async function replayFailed(queue: Queue, redis: RedisClient, prefix: string, channelId: string, req: ReplayRequest): Promise<ReplayResult> {
  const { jobs, notFound } = await selectForReplay(queue, channelId, req);
  const result: ReplayResult = { dryRun: Boolean(req.dryRun), replayed: [], notFound, skipped: [] };
  const gapMs = req.ratePerSecond && req.ratePerSecond > 0 ? 1000 / req.ratePerSecond : 0;
  for (const job of jobs) {
    if (req.dryRun) {
      result.replayed.push(String(job.id));
      continue;
    }
    try {
      // A channel job's earlier runs may have delivered to some destinations inline: flag it, so this run tries none inline.
      if (job.name === INBOUND_V1 && (job.data as IntegrationJobData).replayed !== true) await job.updateData({ ...(job.data as IntegrationJobData), replayed: true });
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      result.replayed.push(String(job.id));
      jobReplayed(channelId, job);
    } catch {
      result.skipped.push(String(job.id)); // replayed concurrently by someone else, or removed
    }
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
  }
  await redis.xadd(
    auditKey(prefix, channelId),
    'MAXLEN',
    '~',
    '10000',
    '*',
    'action',
    req.dryRun ? 'replay-dry-run' : 'replay',
    'who',
    req.who,
    'at',
    new Date().toISOString(),
    'selector',
    JSON.stringify({ ids: req.ids, all: req.all, filter: req.filter }),
    'jobs',
    JSON.stringify(result.replayed),
  );
  return result;
}

export interface AuditEntry {
  id: string;
  action: string;
  who: string;
  at: string;
  selector: string;
  jobs: string[];
}

export async function readAudit(redis: RedisClient, prefix: string, channelId: string, count = 100): Promise<AuditEntry[]> {
  const entries = await redis.xrevrange(auditKey(prefix, channelId), '+', '-', 'COUNT', count);
  return entries.map(([id, fields]) => {
    const f: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
    return { id, action: f.action ?? '', who: f.who ?? '', at: f.at ?? '', selector: f.selector ?? '', jobs: JSON.parse(f.jobs ?? '[]') as string[] };
  });
}
