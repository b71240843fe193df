/** The audit log: every content view and state change, with who did it. Written through `audit()` only. */
import type { Queryable } from './db.js';
import { SqlParams } from './sql.js';

export interface AuditEntry {
  /** the operator's name (or `token:<name>` for automation) */
  actor: string;
  /** `view`, `search`, `reprocess`, `replay`, `edit-resend`, `download`, `purge`, … */
  action: string;
  messageId?: string;
  /** what part was viewed: `message`, `result`, `ack`, `response`, `trail` */
  part?: string;
  /** @defaultValue 'ok' */
  outcome?: 'ok' | 'denied';
  /** ids and codes only (a reason an operator typed is theirs: keep patient data out of it) */
  detail?: string;
}

export interface AuditRecord extends Required<Pick<AuditEntry, 'actor' | 'action' | 'outcome'>> {
  id: number;
  at: Date;
  messageId: string | null;
  part: string | null;
  detail: string | null;
}

export interface AuditFilter {
  since?: Date;
  until?: Date;
  actor?: string;
  messageId?: string;
  /** @defaultValue 100 */
  limit?: number;
}

export async function writeAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (actor, action, message_id, part, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
    e.actor,
    e.action,
    e.messageId ?? null,
    e.part ?? null,
    e.outcome ?? 'ok',
    e.detail ?? null,
  ]);
}

/** Newest first. */
export async function readAudit(db: Queryable, f: AuditFilter = {}): Promise<AuditRecord[]> {
  const sql = new SqlParams();
  const where: string[] = [];
  if (f.since) where.push(`at >= ${sql.add(f.since.toISOString(), 'timestamptz')}`);
  if (f.until) where.push(`at < ${sql.add(f.until.toISOString(), 'timestamptz')}`);
  if (f.actor) where.push(`actor = ${sql.add(f.actor, 'text')}`);
  if (f.messageId) where.push(`message_id = ${sql.add(f.messageId, 'text')}`);
  const rows = (
    await db.query(
      `SELECT id, at, actor, action, message_id, part, outcome, detail FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY at DESC, id DESC LIMIT ${sql.add(Math.min(f.limit ?? 100, 10_000), 'integer')}`,
      sql.params,
    )
  ).rows;
  return rows.map((r) => ({
    id: r.id as number,
    at: r.at as Date,
    actor: r.actor as string,
    action: r.action as string,
    outcome: r.outcome as 'ok' | 'denied',
    messageId: (r.message_id as string | null) ?? null,
    part: (r.part as string | null) ?? null,
    detail: (r.detail as string | null) ?? null,
  }));
}
