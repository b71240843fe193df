/**
 * The registry of every Redis key hig writes. Every function that builds a key name lives here;
 * the rest of the code asks this module and never joins key names by hand.
 *
 * Two namespaces under `prefix` (HIG_QUEUE_PREFIX, default `hig`):
 *
 *   `${prefix}:${channelId}:…`  BullMQ's queue of one channel, in BullMQ's own layout (wait, active,
 *                               paused, prioritized, delayed, completed, failed, stalled, meta, id,
 *                               events, marker, pc, metrics:…, `<jobId>`, `<jobId>:lock`, …). Built by
 *                               BullMQ (`queue.toKey`, `queue.keys`); hig writes there only through
 *                               BullMQ's commands and its own add script, which wraps BullMQ's. These
 *                               names never move: they hold a running install's queued jobs.
 *
 *   `${prefix}:_hig:…`          hig's own keys (HIG_NAMESPACE below). A channel id starts with a
 *                               lowercase letter or digit (config/channel.ts), never `_`, so no
 *                               channel's queue can reach into this namespace, nor can hig's keys
 *                               land in a channel's queue, whatever the channel is called.
 *
 * hig's own keys (`ns` = `${prefix}:_hig`, `base` = `${ns}:ch:${channelId}`):
 *
 *   | key                                   | type   | holds                                                      | lifetime                       |
 *   | `${ns}:maintenance:…`                 | BullMQ | the maintenance tick's queue and job scheduler             | while hig runs                 |
 *   | `${ns}:layout`                        | string | the key layout this Redis holds (migrate.ts)               | permanent                      |
 *   | `${ns}:layout:lock`                   | string | held by the one process moving keys of an older layout     | 2 min TTL                      |
 *   | `${ns}:instances`                     | hash   | running hig processes: instance id → facts JSON + heartbeat | entries dropped when stale     |
 *   | `${ns}:circuits`                      | hash   | destination circuits: [channel, destination, process] → state JSON | entries dropped when stale |
 *   | `${ns}:store:outbox`                  | stream | message-store events waiting for the store writer          | trimmed as the writer commits  |
 *   | `${ns}:store:outbox:rejected`         | stream | outbox entries the writer could not read (kept, not lost)  | permanent                      |
 *   | `${ns}:store:outbox:writer:<consumer>` | string | a running store writer's heartbeat (store/writer.ts)       | PX 3 s, refreshed every second |
 *   | `${base}:seen:<messageId>`            | hash   | dedupe marker: `c` content tag, `n` resends answered       | `queue.dedupeWindowMs`         |
 *   | `${base}:stats`                       | hash   | `duplicates` (resends), `conflicts` (same key, new content); destination queues: `filtered`, `filtered:<rule pointer or module>` | permanent |
 *   | `${base}:ordered:lanes`               | set    | partitions that have a lane                                | while a lane exists            |
 *   | `${base}:ordered:lane:<partition>`    | list   | message ids of one lane in arrival order                   | until the lane drains          |
 *   | `${base}:ordered:parked:<messageId>`  | string | a sealed job waiting for its turn                          | until dispatched and finished  |
 *   | `${base}:ordered:count`               | string | messages in lanes                                          | permanent                      |
 *   | `${base}:audit`                       | stream | DLQ replays: who, when, selector, job ids                  | capped at ≈ 10,000 entries     |
 *   | `${base}:alerts`                      | zset   | alert ids by creation time                                 | trimmed by `alerts.retentionMs` |
 *   | `${base}:alerts:a:<alertId>`          | hash   | one alert                                                  | `alerts.retentionMs`           |
 *   | `${base}:alerts:open`                 | hash   | threshold rule → its open alert id                         | while open                     |
 *   | `${base}:alerts:flood:<kind>:<code>`  | string | a flood-control window                                     | `alerts.floodWindowMs`         |
 *   | `${base}:alerts:held:<kind>:<code>`   | hash   | what a flood window held back                              | `alerts.retentionMs`           |
 *   | `${base}:alerts:seen`                 | string | first time the threshold rules judged the channel          | permanent                      |
 *   | `${base}:alerts:last`                 | string | last time the channel received a message                   | permanent                      |
 *   | `${base}:sftp-lock`                   | string | the SFTP poll lock of the channel                          | `source.lockTtlMs`, renewed    |
 *   | `${base}:failures:<destinationId>`    | string | consecutive transient failures of a destination, counted by every process | 10 min TTL, reset on success |
 *   | `${ns}:fhir:<server>:linked`          | set    | the Patients a FHIR server holds with a `link` hig wrote, by id or `?` + the hash of their search (destinations/held-links.ts); `<server>` a hash of the base URL | permanent (a member leaves when the Patient is found without links) |
 *
 * All names start with the prefix, so a hash-tagged prefix (`{hig}`, required for Redis Cluster)
 * keeps every key of an install in one slot: the scripts that touch BullMQ's keys and hig's
 * together (dedupe, lanes) stay valid on a cluster.
 */
import { createHash } from 'node:crypto';

/** The segment that opens hig's own namespace; `_` cannot start a channel id. */
export const HIG_NAMESPACE = '_hig';

/**
 * Channel ids refused by the channel schema: names that were hig's own queues or namespaces in
 * earlier key layouts (`hig-maintenance`, `alerts`, `hig`), so a channel can never be mistaken for,
 * nor inherit, data an earlier release left under them.
 */
export const RESERVED_CHANNEL_IDS: readonly string[] = ['hig', 'hig-maintenance', 'alerts'];

/** The layout written by this release (migrate.ts moves older layouts' keys to it). */
export const KEY_LAYOUT_VERSION = 2;

export function namespaceOf(prefix: string): string {
  return `${prefix}:${HIG_NAMESPACE}`;
}

function channelBase(prefix: string, channelId: string): string {
  return `${namespaceOf(prefix)}:ch:${channelId}`;
}

/**
 * BullMQ queue name of one destination's own queue (`destinations: [...]`): `<channel>.<destination>`,
 * keys `${prefix}:<channel>.<destination>:…` in BullMQ's layout, and hig's keys for it under
 * `${ns}:ch:<channel>.<destination>:…` (seen markers, stats with `filtered` counts, lanes, audit).
 * A channel id never holds a dot (config/channel.ts), so no channel's queue can take this name.
 */
export function destinationQueueName(channelId: string, destinationId: string): string {
  return `${channelId}.${destinationId}`;
}

/** BullMQ `prefix` and queue name of the maintenance tick: keys `${prefix}:_hig:maintenance:…`. */
export function maintenanceQueue(prefix: string): { prefix: string; name: string } {
  return { prefix: namespaceOf(prefix), name: 'maintenance' };
}

/** Which key layout this Redis holds, and the lock of the process moving an older one. */
export function layoutKeys(prefix: string): { version: string; lock: string } {
  const version = `${namespaceOf(prefix)}:layout`;
  return { version, lock: `${version}:lock` };
}

/** The message store's outbox stream (store/outbox.ts); its rejected entries go to `…:rejected`. */
export function storeOutboxKey(prefix: string): string {
  return `${namespaceOf(prefix)}:store:outbox`;
}

/** A store writer's heartbeat, beside the outbox `outbox` (storeOutboxKey) it drains as `consumer`. */
export function storeWriterAliveKey(outbox: string, consumer: string): string {
  return `${outbox}:writer:${consumer}`;
}

/** Destinations' circuit breakers as each process sees them (queue/circuit-board.ts): one field per destination and process. */
export function circuitsKey(prefix: string): string {
  return `${namespaceOf(prefix)}:circuits`;
}

/**
 * The Patients one FHIR server holds with a `link` (a merge's `replaces` / `replaced-by`, a link
 * event's `seealso`): destinations/held-links.ts reads it before a Patient PUT, so a Patient never
 * linked costs no read of the server. `server` names the server (destinations/fhir-server-name.ts: the
 * destination's `serverId`, else its base URL normalised), hashed: every channel delivering to that
 * server under that name shares the set, whichever channel sent the merge (code review 27 CR27-3).
 */
export function linkedPatientsKey(prefix: string, server: string): string {
  return `${namespaceOf(prefix)}:fhir:${serverHash(server)}:linked`;
}

/**
 * Beside linkedPatientsKey: the Patient PUTs of that server being sent now, a sorted set of `<member> <token>`
 * scored by the time after which the sender is presumed gone. A merge waits for those that began before it
 * marked its Patients, then reads them again (held-links.ts, code review 27 CR27-2).
 */
export function patientPutsSendingKey(prefix: string, server: string): string {
  return `${namespaceOf(prefix)}:fhir:${serverHash(server)}:sending`;
}

// trailing `/` stripped as the keys written before the name was normalised were: a base URL already spelt
// canonically keeps its set across the upgrade
function serverHash(server: string): string {
  return createHash('sha256').update(server.replace(/\/+$/, '')).digest('hex').slice(0, 24);
}

/** The running processes of an install (queue/instances.ts): one hash field per instance. */
export function instancesKey(prefix: string): string {
  return `${namespaceOf(prefix)}:instances`;
}

/** Dedupe marker of one message: set at its first add, kept for the channel's dedupe window. */
export function seenKey(prefix: string, channelId: string, messageId: string): string {
  return `${channelBase(prefix, channelId)}:seen:${messageId}`;
}

/** Per-channel dedupe counters (hash fields `duplicates`, `conflicts`). */
export function dedupeStatsKey(prefix: string, channelId: string): string {
  return `${channelBase(prefix, channelId)}:stats`;
}

export interface LaneKeys {
  /** the partition's lane: message ids in arrival order */
  lane: string;
  /** the set of partitions that have a lane */
  lanes: string;
  /** messages in the channel's lanes */
  count: string;
  /** a parked message's sealed job data */
  parked(messageId: string): string;
}

/** Keys of an ordered channel's lanes (queue/ordering.ts). */
export function laneKeys(prefix: string, channelId: string, partition: string): LaneKeys {
  const base = `${channelBase(prefix, channelId)}:ordered`;
  return {
    lane: `${base}:lane:${partition}`,
    lanes: `${base}:lanes`,
    count: `${base}:count`,
    parked: (id) => `${base}:parked:${id}`,
  };
}

/** The channel's replay audit stream (queue/dlq.ts). */
export function auditKey(prefix: string, channelId: string): string {
  return `${channelBase(prefix, channelId)}:audit`;
}

export interface AlertKeys {
  /** sorted set: alert id → createdAt */
  index: string;
  /** threshold rule → id of its open alert */
  open: string;
  /** first time the threshold rules judged the channel */
  seen: string;
  /** last time a message was received */
  last: string;
  alert(alertId: string): string;
  /** the flood window and what it held back, per kind and code (both already key-safe) */
  flood(kind: string, code: string): { window: string; held: string };
}

/** Keys of a channel's alerts (alerts/store.ts). `kind` and `code` must already be key-safe. */
export function alertKeys(prefix: string, channelId: string): AlertKeys {
  const index = `${channelBase(prefix, channelId)}:alerts`;
  return {
    index,
    open: `${index}:open`,
    seen: `${index}:seen`,
    last: `${index}:last`,
    alert: (id) => `${index}:a:${id}`,
    flood: (kind, code) => ({ window: `${index}:flood:${kind}:${code}`, held: `${index}:held:${kind}:${code}` }),
  };
}

/** Consecutive transient failures of one destination over every process (queue/failure-tally.ts). */
export function failureTallyKey(prefix: string, channelId: string, destinationId: string): string {
  return `${channelBase(prefix, channelId)}:failures:${destinationId}`;
}

/** The SFTP poll lock of a channel (sources/poll-lock.ts). */
export function pollLockKey(prefix: string, channelId: string): string {
  return `${channelBase(prefix, channelId)}:sftp-lock`;
}

/**
 * The names an earlier key layout (1, every release before this registry) used, for the one-time
 * move in migrate.ts. Nothing else may read or write them.
 */
export const legacyKeys = {
  maintenanceQueue: (prefix: string) => ({ prefix, name: 'hig-maintenance' }),
  seenPattern: (prefix: string, channelId: string) => new RegExp(`^${escape(prefix)}:${channelId}:(?:seen|ordered:de):(.+)$`),
  duplicates: (prefix: string, channelId: string) => `${prefix}:${channelId}:stats:duplicates`,
  lanes: (prefix: string, channelId: string) => `${prefix}:${channelId}:ordered:lanes`,
  lane: (prefix: string, channelId: string, partition: string) => `${prefix}:${channelId}:ordered:lane:${partition}`,
  parked: (prefix: string, channelId: string, messageId: string) => `${prefix}:${channelId}:ordered:parked:${messageId}`,
  count: (prefix: string, channelId: string) => `${prefix}:${channelId}:ordered:count`,
  audit: (prefix: string, channelId: string) => `${prefix}:${channelId}:audit`,
  /** `${prefix}:alerts:<channel>` and everything under it; group 1 is the rest after the base */
  alertsPattern: (prefix: string, channelId: string) => new RegExp(`^${escape(prefix)}:alerts:${channelId}((?::.*)?)$`),
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
