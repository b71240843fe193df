/**
 * Re-index after the blind-index key changed: recompute every message's terms under the current
 * key by reopening its sealed raw message. A message whose content retention already purged keeps
 * its patient terms under the old key (findable by MRN only while that key is configured) and
 * gets its header terms (the control id, from its clear column) under the new one.
 */
import type { Keyring } from '../security/seal.js';
import type { IndexKeys } from './blind-index.js';
import type { Db } from './db.js';
import { ROLE_CODES, unpack } from './packed.js';
import { headerTerms, messageTerms } from './terms.js';

export interface ReindexResult {
  reindexed: number;
  /** content purged: header terms only */
  headerOnly: number;
  /** raw present but could not be opened (unknown key): left for a later run */
  unopenable: number;
}

export async function reindex(db: Db, keyring: Keyring, keys: IndexKeys, options: { batchSize?: number } = {}): Promise<ReindexResult> {
  const batchSize = options.batchSize ?? 500;
  const result: ReindexResult = { reindexed: 0, headerOnly: 0, unopenable: 0 };
  const kid = keys.current.kid;
  let after = 0;
  for (;;) {
    const rows = (
      await db.query<{ id: number; message_id: string; channel_id: string; control_id: string | null; content_type: string | null; terms: string[]; sealed: Buffer | null }>(
        `SELECT m.id, m.message_id, m.channel_id, m.control_id, m.content_type, m.terms::text[] AS terms, c.sealed
         FROM messages m LEFT JOIN message_content c ON c.message_ref = m.id AND c.role IN ($3, $4) AND c.event_id = ''
         WHERE m.id > $1 AND m.index_kid IS DISTINCT FROM $2 ORDER BY m.id LIMIT $5`,
        [after, kid, ROLE_CODES.message, ROLE_CODES.edited, batchSize],
      )
    ).rows;
    if (rows.length === 0) return result;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        after = Math.max(after, r.id);
        const facts = { controlId: r.control_id ?? undefined };
        let terms: bigint[];
        if (r.sealed === null) {
          terms = [...new Set([...r.terms.map((t) => BigInt(t)), ...headerTerms(keys.current, facts)])];
          result.headerOnly++;
        } else {
          let raw: Buffer | undefined;
          try {
            const { sealed, role } = unpack(r.sealed);
            raw = r.content_type === 'json' ? undefined : keyring.open(sealed, { channelId: r.channel_id, messageId: r.message_id, role });
          } catch {
            result.unopenable++;
            continue;
          }
          terms = messageTerms(keys.current, raw, facts);
          result.reindexed++;
        }
        await tx.query('UPDATE messages SET terms = $1::bigint[], index_kid = $2 WHERE id = $3', [`{${terms.join(',')}}`, kid, r.id]);
      }
    });
  }
}
