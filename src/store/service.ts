/**
 * The store as the daemon runs it: opened in the background (the daemon takes messages at once,
 * even while PGlite's first initdb runs or PostgreSQL is down), migrations applied, then the writer
 * drains the outbox. Until the store opens, events wait in Redis; nothing is lost or held up.
 */
import type { Keyring } from '../security/seal.js';
import type { Logger } from '../log.js';
import type { RedisClient } from '../redis/connections.js';
import type { IndexKeys } from './blind-index.js';
import { openMessageStore, type MessageStore } from './index.js';
import { outboxKey } from './outbox.js';
import { startStoreWriter, type StoreWriter, type StoreWriterFacts } from './writer.js';
import { outboxFacts } from './outbox-facts.js';

const defaults = {
  /** first and longest wait between tries to open the store */
  openRetryMinMs: 1000,
  openRetryMaxMs: 30_000,
} as const;

export interface StoreServiceOptions {
  /** postgres://…; absent: the embedded store in dataDir */
  url?: string;
  dataDir: string;
  redis: RedisClient;
  prefix: string;
  keyring: Keyring;
  indexKeys: IndexKeys;
  log: Logger;
  batchSize?: number;
  maxDelayMs?: number;
  /** retention per channel (channel files' `store` block); purged every `purgeEveryMs` */
  retention?: Readonly<Record<string, { keepDays: number; keepMetadataDays: number }>>;
  /** @defaultValue 1 hour */
  purgeEveryMs?: number;
  /** told which finished messages the store now holds (writer.ts `onStored`) */
  onStored?(finished: ReadonlyArray<{ channelId: string; messageId: string }>): Promise<void>;
}

export interface StoreServiceFacts extends Omit<StoreWriterFacts, 'storeUp'> {
  /** migrations applied and the writer running */
  open: boolean;
  storeUp: boolean;
  kind?: 'postgres' | 'pglite';
}

export interface StoreService {
  /** the open store, or undefined while it is not (yet) reachable */
  store(): MessageStore | undefined;
  /** resolves once the store is open (tests, CLI waits) */
  opened(): Promise<MessageStore>;
  facts(): Promise<StoreServiceFacts>;
  writer(): StoreWriter | undefined;
  close(): Promise<void>;
}

export function startStoreService(o: StoreServiceOptions): StoreService {
  const key = outboxKey(o.prefix);
  let store: MessageStore | undefined;
  let writer: StoreWriter | undefined;
  let closed = false;
  let wake: (() => void) | undefined;
  let resolveOpened!: (s: MessageStore) => void;
  const openedPromise = new Promise<MessageStore>((r) => (resolveOpened = r));
  openedPromise.catch(() => undefined);

  const sleep = (ms: number) => new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    wake = () => {
      clearTimeout(t);
      r();
    };
  });

  const run = async () => {
    let wait: number = defaults.openRetryMinMs;
    while (!closed) {
      try {
        const s = await openMessageStore({ ...(o.url ? { url: o.url } : { dataDir: o.dataDir }), keyring: o.keyring, indexKeys: o.indexKeys });
        if (closed) {
          await s.close();
          return;
        }
        const w = await startStoreWriter({ redis: o.redis, key, db: s.db, keyring: o.keyring, indexKeys: o.indexKeys, log: o.log, ...(o.batchSize ? { batchSize: o.batchSize } : {}), ...(o.maxDelayMs ? { maxDelayMs: o.maxDelayMs } : {}), ...(o.onStored ? { onStored: o.onStored } : {}) });
        store = s;
        writer = w;
        o.log.info({ kind: s.db.kind, migrations: s.migrations.applied.length }, 'message store open');
        resolveOpened(s);
        schedulePurge(s);
        return;
      } catch (err) {
        o.log.warn({ err: { message: (err as Error).message }, retryInMs: wait }, 'message store not reachable; messages keep flowing, history waits in Redis');
        await sleep(wait);
        wait = Math.min(wait * 2, defaults.openRetryMaxMs);
      }
    }
  };
  let purgeTimer: NodeJS.Timeout | undefined;
  /**
   * Retention in batches (short transactions, SKIP LOCKED: never blocks the writer); one pass at a
   * time, the first a minute after opening so start-up is not slowed by it.
   */
  const schedulePurge = (s: MessageStore, delayMs = 60_000) => {
    if (closed || !o.retention) return;
    purgeTimer = setTimeout(() => {
      s.purge({ channels: o.retention! })
        .then((r) => {
          if (r.contentPurged || r.messagesDeleted) o.log.info({ contentPurged: r.contentPurged, messagesDeleted: r.messagesDeleted }, 'message store retention');
        })
        .catch((err: Error) => o.log.warn({ err: { message: err.message } }, 'message store retention failed; next pass later'))
        .finally(() => schedulePurge(s, o.purgeEveryMs ?? 3_600_000));
    }, delayMs);
    purgeTimer.unref();
  };
  const running = run();

  return {
    store: () => store,
    opened: () => openedPromise,
    writer: () => writer,
    async facts() {
      if (writer && store) return { open: true, kind: store.db.kind, ...(await writer.facts()) };
      const f = await outboxFacts(o.redis, key, 'store').catch(() => ({ pendingEvents: -1, oldestPendingAgeMs: 0 }));
      return { open: false, storeUp: false, written: 0, rejected: 0, ...f };
    },
    async close() {
      closed = true;
      wake?.();
      clearTimeout(purgeTimer);
      await running;
      await writer?.stop();
      await store?.close();
    },
  };
}
