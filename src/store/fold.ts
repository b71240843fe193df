/**
 * Folds a message's new events into one change of its row: pure, no SQL. The writer applies the
 * same fold to a new row (insert) and to an existing one (update, with the merge rules in SQL
 * mirroring `mergeRules` below), so the outcome does not depend on how events fell into batches.
 *
 * Rules: the status follows the newest status-bearing event (a tie goes to the later one in the
 * outbox); facts from `received` win over a stub's guesses; counters add; the attempt count is the
 * highest seen; the newest ACK and result win.
 */
import type { MessageStatus, QueuedEvent } from './types.js';

export interface StatusChange {
  status: MessageStatus;
  at: string;
  /** undefined: keep the row's error code; null: clear it */
  errorCode: string | null | undefined;
}

export interface MessagePatch {
  messageId: string;
  channelId: string;
  /** earliest event time: a stub row's received_at until the received event arrives */
  firstAt: string;
  receivedAt?: string;
  status?: StatusChange;
  sourceKind?: string;
  peer?: string;
  fileName?: string;
  contentType?: string;
  messageType?: string;
  structure?: string;
  controlId?: string;
  sendingApplication?: string;
  sendingFacility?: string;
  version?: string;
  ack?: { code: string; at: string };
  attempts: number;
  duplicates: number;
  conflicts: number;
  resources?: number;
  unmapped?: number;
  report?: Record<string, unknown>;
  origin?: { messageId: string; kind: string };
}

/** What an event does to the status (undefined: nothing). */
export function statusOf(e: QueuedEvent): StatusChange | undefined {
  switch (e.kind) {
    case 'received':
      return { status: e.status ?? 'queued', at: e.at, errorCode: undefined };
    case 'status':
      return { status: e.status, at: e.at, errorCode: e.status === 'completed' || e.status === 'queued' ? null : undefined };
    case 'attempt':
      // A destination queue's try, a filtered or skipped destination: in the trail, not the status.
      if (e.scope === 'destination' || e.outcome === 'filtered' || e.outcome === 'skipped') return undefined;
      if (e.outcome === 'transient') return { status: 'failed', at: e.at, errorCode: e.errorCode ?? undefined };
      return { status: 'processing', at: e.at, errorCode: undefined };
    case 'completed':
    case 'filtered':
      // A destination queue finishing says nothing about the others: only its dead-letter counts.
      if (e.scope === 'destination') return undefined;
      return { status: e.kind, at: e.at, errorCode: null };
    case 'failed':
      if (e.scope === 'destination') return undefined;
      return { status: e.kind, at: e.at, errorCode: e.errorCode ?? undefined };
    case 'dead_lettered':
      return { status: e.kind, at: e.at, errorCode: e.errorCode ?? undefined };
    case 'replayed':
    case 'reprocessed':
      return { status: 'replayed', at: e.at, errorCode: null };
    default:
      return undefined;
  }
}

function laterOrEqual(a: string, b: string): boolean {
  return Date.parse(a) >= Date.parse(b);
}

/** `events` of one message in outbox order. */
export function foldMessage(events: readonly QueuedEvent[]): MessagePatch {
  const first = events[0]!;
  const p: MessagePatch = { messageId: first.messageId, channelId: first.channelId, firstAt: first.at, attempts: 0, duplicates: 0, conflicts: 0 };
  for (const e of events) {
    if (Date.parse(e.at) < Date.parse(p.firstAt)) p.firstAt = e.at;
    const s = statusOf(e);
    if (s && (!p.status || laterOrEqual(s.at, p.status.at))) {
      // A later status that says nothing about the error keeps the one already folded.
      p.status = { ...s, errorCode: s.errorCode === undefined ? p.status?.errorCode : s.errorCode };
    }
    switch (e.kind) {
      case 'received':
        p.receivedAt = e.receivedAt;
        p.sourceKind = e.source.kind;
        if (e.source.peer !== undefined) p.peer = e.source.peer;
        if (e.source.fileName !== undefined) p.fileName = e.source.fileName;
        if (e.contentType !== undefined) p.contentType = e.contentType;
        Object.assign(p, definedOnly({ messageType: e.header?.messageType, structure: e.header?.structure, controlId: e.header?.controlId, sendingApplication: e.header?.sendingApplication, sendingFacility: e.header?.sendingFacility, version: e.header?.version }));
        if (e.ack && (!p.ack || laterOrEqual(e.ack.at, p.ack.at))) p.ack = { code: e.ack.code, at: e.ack.at };
        if (e.origin) p.origin = { messageId: e.origin.messageId, kind: e.origin.kind };
        break;
      case 'ack':
        if (!p.ack || laterOrEqual(e.at, p.ack.at)) p.ack = { code: e.code, at: e.at };
        break;
      case 'attempt':
        if (e.attempt !== undefined) p.attempts = Math.max(p.attempts, e.attempt);
        break;
      case 'completed':
      case 'failed':
      case 'dead_lettered':
      case 'filtered':
        if (e.attempts !== undefined) p.attempts = Math.max(p.attempts, e.attempts);
        break;
      case 'result':
        if (e.resourceCount !== undefined) p.resources = e.resourceCount;
        if (e.report !== undefined) {
          p.report = e.report;
          p.unmapped = Array.isArray(e.report.issue) ? e.report.issue.length : 0;
        }
        break;
      case 'duplicate':
        p.duplicates++;
        break;
      case 'conflict':
        p.conflicts++;
        break;
      default:
        break;
    }
  }
  return p;
}

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
