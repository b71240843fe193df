/**
 * The message store: sealed, searchable history of every message (issue 16). One entry point for
 * the daemon, workers, HTTP API and CLI; see docs/store.md.
 *
 *   const store = await openMessageStore({ url: settings.HIG_STORE_URL, dataDir, keyring, indexKeys });
 *   producers:  await appendStoreEvents(redis, outboxKey(prefix), events)      // one XADD per job
 *   the daemon: const writer = await startStoreWriter({ redis, key: outboxKey(prefix), db: store.db, keyring, indexKeys, log });
 *   readers:    store.search(q) · store.get(id) · store.readContent(id, {part: 'message'}, actor) · store.audit(…)
 */
import type { Keyring } from '../security/seal.js';
import { readAudit, writeAudit, type AuditEntry, type AuditFilter, type AuditRecord } from './audit.js';
import type { IndexKeys } from './blind-index.js';
import { openDb, type Db, type OpenDbOptions } from './db.js';
import { migrate, type MigrationResult } from './migrations.js';
import { getMessage, readContent, type ContentRequest, type ContentView } from './read.js';
import { reindex, type ReindexResult } from './reindex.js';
import { purge, storeStats, type PurgeOptions, type PurgeResult, type StoreStats } from './retention.js';
import { search, type SearchPage, type SearchQuery } from './search.js';
import type { MessageRecord } from './types.js';

export interface MessageStore {
  readonly db: Db;
  readonly migrations: MigrationResult;
  search(q: SearchQuery): Promise<SearchPage>;
  /** metadata, report and trail; no content */
  get(messageId: string): Promise<MessageRecord | undefined>;
  /** opens a sealed part for `actor`, auditing the view first */
  readContent(messageId: string, what: ContentRequest, actor: string): Promise<ContentView | undefined>;
  audit(entry: AuditEntry): Promise<void>;
  auditLog(filter?: AuditFilter): Promise<AuditRecord[]>;
  purge(options?: PurgeOptions): Promise<PurgeResult>;
  stats(): Promise<StoreStats>;
  reindex(options?: { batchSize?: number }): Promise<ReindexResult>;
  /** the database answers (readiness) */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenStoreOptions extends OpenDbOptions {
  keyring: Keyring;
  indexKeys: IndexKeys;
  /** an already open database (tests, or a caller sharing one) instead of url/dataDir */
  db?: Db;
}

export async function openMessageStore(options: OpenStoreOptions): Promise<MessageStore> {
  const db = options.db ?? (await openDb(options));
  let migrations: MigrationResult;
  try {
    migrations = await migrate(db);
  } catch (err) {
    if (!options.db) await db.close().catch(() => undefined);
    throw err;
  }
  const { keyring, indexKeys } = options;
  return {
    db,
    migrations,
    search: (q) => search(db, indexKeys, q),
    get: (id) => getMessage(db, id),
    readContent: (id, what, actor) => readContent(db, keyring, id, what, actor),
    audit: (e) => writeAudit(db, e),
    auditLog: (f) => readAudit(db, f),
    purge: (o) => purge(db, o),
    stats: () => storeStats(db),
    reindex: (o) => reindex(db, keyring, indexKeys, o),
    ping: () => db.query('SELECT 1').then(() => true, () => false),
    close: () => db.close(),
  };
}

export { appendStoreEvents, entryFields, outboxKey, rejectedKey, newEventId, withEventIds, RECEIVED_LIMITS } from './outbox.js';
export { startStoreWriter, type StoreWriter, type StoreWriterFacts, type StoreWriterOptions } from './writer.js';
export { indexKeysFrom, deriveIndexKey, type IndexKeys } from './blind-index.js';
export { parseSearchParams, StoreQueryError, type SearchQuery, type SearchPage } from './search.js';
export { openDb, type Db } from './db.js';
export type * from './types.js';
export type { AuditEntry, AuditFilter, AuditRecord } from './audit.js';
export type { RetentionPolicy, PurgeOptions, PurgeResult, StoreStats, ChannelStats } from './retention.js';
export type { ContentRequest, ContentView } from './read.js';
