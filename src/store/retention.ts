/**
 * Retention by batch delete, each batch its own short transaction, so ingest (the writer) is never
 * blocked for longer than one batch: content (sealed parts) after `keepDays`, the rest (metadata,
 * trail, blind indexes) after `keepMetadataDays`. Not partitions: keep periods differ per channel,
 * and a unique message id across time partitions would need the partition key in it.
 */
import type { Db } from './db.js';

export interface RetentionPolicy {
  /** days sealed content is kept @defaultValue 30 */
  keepDays: number;
  /** days metadata and the trail are kept @defaultValue 365 */
  keepMetadataDays: number;
}

export const defaultRetention: RetentionPolicy = { keepDays: 30, keepMetadataDays: 365 };

export interface PurgeOptions {
  /** per channel; channels not named use `defaults` */
  channels?: Readonly<Record<string, Partial<RetentionPolicy>>>;
  defaults?: Partial<RetentionPolicy>;
  /** messages per transaction @defaultValue 1000 */
  batchSize?: number;
  now?: Date;
}

export interface PurgeResult {
  /** messages whose content was purged */
  contentPurged: number;
  /** messages deleted with their trail */
  messagesDeleted: number;
}

const DAY_MS = 86_400_000;

async function channelsInStore(db: Db): Promise<string[]> {
  // A loose index scan over messages_channel: one probe per channel, not a scan of every row.
  const rows = await db.query<{ channel_id: string }>(`
    WITH RECURSIVE c AS (
      (SELECT channel_id FROM messages ORDER BY channel_id LIMIT 1)
      UNION ALL
      SELECT (SELECT channel_id FROM messages WHERE channel_id > c.channel_id ORDER BY channel_id LIMIT 1) FROM c WHERE c.channel_id IS NOT NULL
    ) SELECT channel_id FROM c WHERE channel_id IS NOT NULL`);
  return rows.rows.map((r) => r.channel_id);
}

async function purgeContentBatch(db: Db, channelId: string, cutoff: Date, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    const mark = (await tx.query<{ at: Date; id: number }>('SELECT content_until_at AS at, content_until_id AS id FROM store_retention WHERE channel_id = $1 FOR UPDATE', [channelId])).rows[0];
    const from = mark ?? { at: new Date(0), id: 0 };
    const victims = (
      await tx.query<{ id: number; received_at: Date }>(
        `SELECT id, received_at FROM messages WHERE channel_id = $1 AND (received_at, id) > ($2::timestamptz, $3::bigint) AND received_at < $4::timestamptz
         ORDER BY received_at, id LIMIT $5`,
        [channelId, from.at.toISOString(), from.id, cutoff.toISOString(), batchSize],
      )
    ).rows;
    const last = victims.at(-1);
    if (!last) return 0;
    await tx.query('DELETE FROM message_content WHERE message_ref = ANY($1::bigint[])', [victims.map((v) => v.id)]);
    await tx.query(
      `INSERT INTO store_retention (channel_id, content_until_at, content_until_id) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id) DO UPDATE SET content_until_at = excluded.content_until_at, content_until_id = excluded.content_until_id`,
      [channelId, last.received_at.toISOString(), last.id],
    );
    return victims.length;
  });
}

async function purgeMetadataBatch(db: Db, channelId: string, cutoff: Date, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = (
      await tx.query<{ id: number }>('SELECT id FROM messages WHERE channel_id = $1 AND received_at < $2 ORDER BY received_at, id LIMIT $3 FOR UPDATE SKIP LOCKED', [
        channelId,
        cutoff.toISOString(),
        batchSize,
      ])
    ).rows.map((r) => r.id);
    if (ids.length === 0) return 0;
    await tx.query('DELETE FROM message_content WHERE message_ref = ANY($1::bigint[])', [ids]);
    await tx.query('DELETE FROM message_events WHERE message_ref = ANY($1::bigint[])', [ids]);
    await tx.query('DELETE FROM messages WHERE id = ANY($1::bigint[])', [ids]);
    return ids.length;
  });
}

export async function purge(db: Db, options: PurgeOptions = {}): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 1000;
  const result: PurgeResult = { contentPurged: 0, messagesDeleted: 0 };
  for (const channelId of await channelsInStore(db)) {
    const policy = { ...defaultRetention, ...options.defaults, ...options.channels?.[channelId] };
    const contentCutoff = new Date(now.getTime() - policy.keepDays * DAY_MS);
    const metaCutoff = new Date(now.getTime() - Math.max(policy.keepMetadataDays, policy.keepDays) * DAY_MS);
    for (let n = batchSize; n === batchSize; ) result.contentPurged += n = await purgeContentBatch(db, channelId, contentCutoff, batchSize);
    for (let n = batchSize; n === batchSize; ) result.messagesDeleted += n = await purgeMetadataBatch(db, channelId, metaCutoff, batchSize);
  }
  return result;
}

export interface ChannelStats {
  channelId: string;
  messages: number;
  /** messages still holding sealed content */
  withContent: number;
  /** bytes of sealed content (exact) */
  contentBytes: number;
  /** this channel's share of every store table and index, by its share of rows and content bytes (PostgreSQL keeps sizes per table, not per channel) */
  estimatedBytes: number;
  oldest: Date | null;
  newest: Date | null;
}

export interface StoreStats {
  /** every store table with its indexes and TOAST (pg_total_relation_size) */
  tables: Array<{ name: string; bytes: number }>;
  totalBytes: number;
  channels: ChannelStats[];
}

export const STORE_TABLES = ['messages', 'message_content', 'message_events', 'audit_log', 'store_retention', 'schema_migrations'] as const;

export async function storeStats(db: Db): Promise<StoreStats> {
  const tables = (
    await db.query<{ name: string; bytes: number }>(`SELECT t AS name, pg_total_relation_size(t::regclass)::bigint AS bytes FROM unnest($1::text[]) AS t`, [STORE_TABLES])
  ).rows;
  const bytesOf = (name: string) => tables.find((t) => t.name === name)?.bytes ?? 0;
  const perChannel = (
    await db.query<{ channel_id: string; messages: number; oldest: Date; newest: Date }>(
      'SELECT channel_id, count(*)::bigint AS messages, min(received_at) AS oldest, max(received_at) AS newest FROM messages GROUP BY channel_id ORDER BY channel_id',
    )
  ).rows;
  const content = new Map(
    (
      await db.query<{ channel_id: string; with_content: number; bytes: number }>(
        `SELECT m.channel_id, count(DISTINCT c.message_ref)::bigint AS with_content, sum(octet_length(c.sealed))::bigint AS bytes
         FROM message_content c JOIN messages m ON m.id = c.message_ref GROUP BY m.channel_id`,
      )
    ).rows.map((r) => [r.channel_id, r]),
  );
  const totalMessages = perChannel.reduce((s, c) => s + c.messages, 0) || 1;
  const totalContent = [...content.values()].reduce((s, c) => s + c.bytes, 0) || 1;
  const metaBytes = bytesOf('messages') + bytesOf('message_events');
  return {
    tables,
    totalBytes: tables.reduce((s, t) => s + t.bytes, 0),
    channels: perChannel.map((c) => {
      const cc = content.get(c.channel_id);
      return {
        channelId: c.channel_id,
        messages: c.messages,
        withContent: cc?.with_content ?? 0,
        contentBytes: cc?.bytes ?? 0,
        estimatedBytes: Math.round((metaBytes * c.messages) / totalMessages + (bytesOf('message_content') * (cc?.bytes ?? 0)) / totalContent),
        oldest: c.oldest,
        newest: c.newest,
      };
    }),
  };
}
