/**
 * Versioned schema migrations, run at start by every process that opens the store. Append only:
 * a released migration is never edited; a change is a new entry. All pending migrations run in
 * one transaction under a transaction-scoped advisory lock, so two daemons starting at once
 * apply each migration exactly once (the second waits, then finds nothing to do).
 */
import type { Db, Queryable } from './db.js';

export interface Migration {
  version: number;
  name: string;
  /** Run in order; one statement each (PGlite's extended protocol takes one at a time). */
  statements: readonly string[];
}

/** Splits a script of `;`-terminated statements (no `;` inside our DDL's literals). */
function statements(script: string): string[] {
  return script
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s !== '');
}

/** An arbitrary constant shared by every hig process: "hig store migrations". */
const MIGRATION_LOCK = 7_261_104_916;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'messages, content, events, audit',
    statements: statements(`
-- One row per message: facts that are not PHI in clear, PHI only as keyed blind indexes (terms).
CREATE TABLE messages (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id       text NOT NULL UNIQUE,
  channel_id       text NOT NULL,
  received_at      timestamptz NOT NULL,
  status           text NOT NULL,
  status_at        timestamptz NOT NULL,
  source_kind      text,
  peer             text,
  file_name        text,
  content_type     text,
  message_type     text,
  structure        text,
  control_id       text,
  sending_app      text,
  sending_facility text,
  version          text,
  ack_code         text,
  ack_at           timestamptz,
  error_code       text,
  attempts         integer NOT NULL DEFAULT 0,
  duplicates       integer NOT NULL DEFAULT 0,
  conflicts        integer NOT NULL DEFAULT 0,
  resources        integer,
  unmapped         integer,
  -- the unmapped-field report (an OperationOutcome naming locations, never values), raw DEFLATE
  report           bytea,
  origin_id        text,
  origin_kind      text,
  -- 64-bit keyed blind indexes of control id, identifiers, names and type (see blind-index.ts)
  terms            bigint[] NOT NULL DEFAULT '{}',
  -- which blind-index key computed terms (NULL: not indexed yet, e.g. raw not received)
  index_kid        integer
);
CREATE INDEX messages_received ON messages (received_at, id);
CREATE INDEX messages_channel ON messages (channel_id, received_at, id);
CREATE INDEX messages_terms ON messages USING gin (terms);
-- Failures are few and searched often: a small partial index instead of scanning completed rows.
CREATE INDEX messages_errors ON messages (error_code, received_at, id) WHERE error_code IS NOT NULL;
CREATE INDEX messages_open ON messages (status, received_at, id) WHERE status <> 'completed';

-- Sealed payloads, insert-only (no update ever rewrites them): raw message, FHIR result, ACK,
-- and each destination's response (event_id set). Purging content is one DELETE here.
CREATE TABLE message_content (
  message_ref bigint NOT NULL,
  role        smallint NOT NULL,
  event_id    text NOT NULL DEFAULT '',
  sealed      bytea NOT NULL,
  PRIMARY KEY (message_ref, role, event_id)
);

-- The trail: every step, attempt, duplicate and operator action; event_id makes writes idempotent.
CREATE TABLE message_events (
  message_ref    bigint NOT NULL,
  event_id       text NOT NULL,
  at             timestamptz NOT NULL,
  kind           text NOT NULL,
  stage          text,
  attempt        integer,
  duration_ms    integer,
  destination_id text,
  outcome        text,
  http_status    integer,
  ack_code       text,
  error_code     text,
  actor          text,
  reason         text,
  related_id     text,
  PRIMARY KEY (message_ref, event_id)
);

-- How far content retention has purged each channel (keyset: received_at, id), so a purge never
-- walks again over the rows it already emptied.
CREATE TABLE store_retention (
  channel_id       text PRIMARY KEY,
  content_until_at timestamptz NOT NULL,
  content_until_id bigint NOT NULL
);

-- Who looked at what, and who changed what.
CREATE TABLE audit_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,
  message_id text,
  part       text,
  outcome    text NOT NULL DEFAULT 'ok',
  detail     text
);
CREATE INDEX audit_at ON audit_log (at, id);
CREATE INDEX audit_actor ON audit_log (actor, at, id);
CREATE INDEX audit_message ON audit_log (message_id, at, id) WHERE message_id IS NOT NULL;
`),
  },
];

async function ensureTable(db: Queryable): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
}

export interface MigrationResult {
  applied: number[];
  current: number;
}

export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // Created under the lock: two first starts must not race on CREATE TABLE IF NOT EXISTS.
    await ensureTable(tx);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const sql of m.statements) await tx.query(sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    const current = Math.max(0, ...done, ...applied);
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    if (current > newest) throw new Error(`the store's schema is version ${current}, newer than this hig (${newest}): upgrade hig`);
    return { applied, current };
  });
}
