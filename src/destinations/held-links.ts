/**
 * [hig merge rule; FHIR R4 Patient.link; IG MRG (the merge pattern: no MRG[Patient] row in the corpus);
 * review 33 R33-L1] A Patient's `link` is written by a merge (A34/A36/A39/A40/A47, A18: the survivor
 * `replaces` the merged record, the merged record `replaced-by` the survivor and `active: false`) or a
 * link event (A24: `seealso`), never by a PID: no PID field speaks of links. On the default channel
 * (`omittedFields: remove`) every later message about the patient PUTs its Patient whole, and before
 * this rule the server's links went with it: twin A of review 33 no longer named the duplicate she was
 * merged with after the newborn-screen result that followed the A40; a late result for the retired
 * number made the retired record active and unlinked again.
 *
 * So the FHIR destination carries the held links onto a `PUT Patient/<id>`: for each link the server's
 * Patient holds whose `other` the PUT does not name (a PUT that links the record again, a resend of
 * the merge, keeps its own link; a record is `replaced-by` one record, so the PUT's own `replaced-by`
 * replaces a held one) and that is no Patient the Bundle PUTs too (a message naming both records says
 * whether they are linked: an A37 of two records PUT by id unlinks them so, v2.5.1 3.3.37), the held link
 * is added to the PUT; a held `replaced-by` carried this way
 * carries the held `active` with it when the PUT says none (the retired record stays retired: FHIR
 * R4 link-type replaced-by "must no longer be used"). The PUT goes with `ifMatch` the version read, so
 * a link added since the read (another channel's merge) fails it (412: retried, read again) rather
 * than being erased.
 *
 * Reading the server costs a request: it is made only for a Patient this set says is linked
 * (LinkedPatients, Redis: redis/keys.ts linkedPatientsKey, shared by every channel delivering to the
 * server under one name: fhir-server-name.ts, the destination's `serverId` or else its base URL normalised;
 * code review 27 CR27-3). A Patient goes in when a Bundle that writes its link is sent: before sending, by its id (a
 * PUT by id) or by its search (a `conditionalUpdate` channel's `PUT Patient?identifier=…`, a survivor's
 * create + patch: patch.ts mergeSurvivorEntries); after, by the id the server answers for what it found
 * by search. It never leaves: a read that finds no links may have run while another channel's merge of that
 * Patient, marked before it is sent, was still in flight, and taking her out then let the next PUT erase the
 * merge's link (code review 27 CR27-1); a Patient whose links an A37 undid costs one read per message. A
 * marked conditional PUT is read by its own search and sent by the id found (the same update). A
 * Patient never linked costs one MULTI per Bundle that PUTs it (below), and no FHIR request.
 *
 * A Patient PUT that looked the set up before a merge marked her goes without a read and without `ifMatch`;
 * reaching the server after the merge it would erase the link (code review 27 CR27-2). So every Bundle's Patient
 * PUTs are registered as being sent (patientPutsSendingKey: member, token, a time limit) in the same MULTI,
 * before, as the set is read (a stored Bundle's release rides in the next MULTI, or goes alone after
 * RELEASE_IDLE_MS idle: one round trip per Bundle under load, code review 28 CR28-3); the merge's mark answers those registered at that moment (MULTI: SADD then
 * ZRANGEBYSCORE). Redis runs commands one at a time, so a PUT that read the set before the mark was registered
 * before it: if it was still being sent then, the merge, once its own transaction is answered, waits until it
 * has been answered (its registration released), its time has passed or one request timeout (the destination's
 * timeoutMs) has: then it reads its linked Patients again
 * (one `GET Patient?_id=a,b`) and PUTs back, under `If-Match`, a link one of them lost (restoreLinks). A PUT
 * that read the set after the mark saw her marked (read, `ifMatch`: 412 if the merge landed first). A Patient
 * marked only after the answer (a survivor found by search, by the id the server answered) is read again
 * always: a PUT by id may have landed between the merge and that mark. A merge with no PUT of its Patients
 * being sent at its mark costs nothing more (no wait, no GET).
 * A failed send is released at once unless a request of it may have left unanswered (fhir-destination.ts
 * sentThenSettled: answered, 503/429 included, or never sent, transport.ts RequestNotSentError: released), so
 * an outage of refused connections leaves no registrations (code review 28 CR28-1).
 * The window left: (a) a racing PUT the server applies more than one timeoutMs after the merge's answer (the
 * merge's wait is bounded so, since a longer one, up to the registration's whole time of timeoutMs ×
 * (3 × entries + 6: fhir-destination.ts prepared), held a delivery worker for minutes and could outlast the
 * delivery job's timeout, failing a merge already stored: code review 28 CR28-1), e.g. a request hig abandoned on a timeout that a slow proxy or
 * server applies later, a sender process that died mid-send, or an `individual` channel's Bundle whose later
 * entries are still being sent; (b) a link
 * deliberately removed by another channel's A37 PATCH between the merge's answer and the re-read, when a race
 * also made that re-read, is put back; (c) Patients linked by a JSON Patch that does not `add` under `/link`,
 * or by entries this module does not recognise, are not read again; (d) Redis failing between the send and the
 * re-read fails the delivery (transient): the retry re-sends the merge, an idempotent upsert.
 *
 * Not carried here: links hig did not write (the set knows only what this install sent): an ADT's PUT erases them, a
 * non-ADT message's Patient PUT keeps them from the read it makes anyway (held-elements.ts `link@other`, CR39-4); `keep` channels
 * patch the Patient and never erase its links. Only ids and hashed searches cross Redis: no PHI.
 */
import { createHash, randomUUID } from 'node:crypto';
import { linkedPatientsKey, patientPutsSendingKey } from '../redis/keys.js';
import type { Logger } from '../log.js';
import type { RedisClient } from '../redis/connections.js';
import { binaryText } from '../transform/json-patch-entry.js';
import { DestinationUnavailableError } from './failures.js';
import type { Search } from './named-resources.js';
import { isRecord } from './outcome.js';
import type { DeliveryEntry, LinkedPatients, LinkedPatientsOf, Sending } from './types.js';

type Json = Record<string, unknown>;

/**
 * How often a merge asks whether the PUTs it waits for have ended (drained): Redis reads, no FHIR request; from
 * the first to the last interval, doubling (code review 28 CR28-1: a wait of seconds costs a few reads, not 50/s).
 */
const DRAIN_POLL_MS = { first: 20, last: 1_000 } as const;

/**
 * A stored Bundle's release waits for the next command the set sends (the next Bundle's MULTI, a mark) at most
 * this long, then goes alone (code review 28 CR28-3: under load a Bundle costs one round trip). A merge waiting for
 * it waits that much longer at most; a failed send releases at once.
 */
const RELEASE_IDLE_MS = 300;

/**
 * The set in Redis (redis/keys.ts linkedPatientsKey), one per FHIR server, and beside it the Patient PUTs being
 * sent (patientPutsSendingKey: `<member> <token>` scored by the time the sender is presumed gone); injected into
 * the destinations (types.ts DestinationDeps.linkedPatients). A Redis failure is transient: sending the PUT
 * without knowing would erase a merge's link, so the delivery waits for Redis rather than guess.
 */
export function redisLinkedPatients(redis: RedisClient, prefix: string, options: { releaseIdleMs?: number; log?: Logger } = {}): LinkedPatientsOf {
  const releaseIdleMs = options.releaseIdleMs ?? RELEASE_IDLE_MS;
  return (server) => {
    const key = linkedPatientsKey(prefix, server);
    const sendingKey = patientPutsSendingKey(prefix, server);
    const asked = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch {
        throw new DestinationUnavailableError(`linked patients (Redis): ${what} failed`);
      }
    };
    // registrations of stored Bundles to end (releaseLater): folded into the next MULTI any destination of this
    // process sends for the server (so a merge's own mark ends them before it lists what is being sent), or alone once idle
    const state = pendingOf(redis, sendingKey);
    const pending = state.sends;
    const taken = (): string[] => {
      clearTimeout(state.idle);
      state.idle = undefined;
      const sends = [...pending];
      pending.clear();
      return sends;
    };
    const flush = async () => {
      const sends = taken();
      if (sends.length === 0) return;
      await redis.zrem(sendingKey, ...sends).catch(() => {
        // how many, never which (the members are Patient ids): they end at their time, a merge waits at most timeoutMs
        options.log?.warn({ releases: sends.length }, 'linked patients: releasing stored Bundles\' Patient PUT registrations failed (Redis); they end at their time, and a merge of those Patients meanwhile waits up to one request timeout');
        return 0;
      });
    };
    const later = () => {
      state.idle ??= setTimeout(() => void flush(), releaseIdleMs).unref();
    };
    /** A MULTI with the pending releases first; a failed one keeps them pending. Returns the replies after them. */
    const multi = async (build: (m: ReturnType<RedisClient['multi']>) => void): Promise<[Error | null, unknown][]> => {
      const releasing = taken();
      const m = redis.multi();
      if (releasing.length > 0) m.zrem(sendingKey, ...releasing);
      build(m);
      try {
        const replies = await m.exec();
        if (replies === null) throw new Error('no reply');
        return replies.slice(releasing.length > 0 ? 1 : 0);
      } catch (error) {
        for (const send of releasing) pending.add(send);
        later();
        throw error;
      }
    };
    return {
      async sending(members, forMs) {
        if (members.length === 0) return { marked: new Set(), sends: [], release: async () => {}, releaseLater: () => {} };
        const token = randomUUID();
        const sends = members.map((m) => `${m} ${token}`);
        const now = Date.now();
        // registered before the set is read, in one MULTI: a merge that marks after this read sees them (mark)
        const answers = await asked('read', async () => {
          const replies = await multi((m) =>
            m
              .zremrangebyscore(sendingKey, '-inf', now)
              .zadd(sendingKey, ...sends.flatMap((s) => [now + forMs, s]))
              .smismember(key, ...members),
          );
          const [error, value] = replies[2] ?? [new Error('no reply')];
          if (error !== null || !Array.isArray(value)) throw error ?? new Error('no reply');
          return value as number[];
        });
        return {
          marked: new Set(members.filter((_, i) => answers[i] === 1)),
          sends,
          // best effort: one left behind makes a merge wait until its time or its bound (drained), no more
          release: async () => {
            await redis.zrem(sendingKey, ...sends).catch(() => 0);
          },
          releaseLater: () => {
            for (const send of sends) pending.add(send);
            later();
          },
        };
      },
      async mark(members) {
        if (members.length === 0) return [];
        const now = Date.now();
        const replies = await asked('mark', async () => {
          const out = await multi((m) => m.sadd(key, ...members).zrangebyscore(sendingKey, now, '+inf'));
          const [error, value] = out[1] ?? [new Error('no reply')];
          if (error !== null || !Array.isArray(value)) throw error ?? new Error('no reply');
          return value as string[];
        });
        const named = new Set(members);
        return replies.filter((send) => named.has(send.slice(0, send.indexOf(' '))));
      },
      async drained(sends, withinMs, signal) {
        // bounded (code review 28 CR28-1): a registration left by a sender that died, or a request abandoned
        // unanswered, holds the merge at most `withinMs`, not the registration's whole time
        const until = Date.now() + withinMs;
        let left = [...sends];
        let interval: number = DRAIN_POLL_MS.first;
        while (left.length > 0 && Date.now() < until) {
          const scores = await asked('wait', () => redis.zmscore(sendingKey, ...left));
          const now = Date.now();
          left = left.filter((_, i) => scores[i] !== null && Number(scores[i]) > now);
          if (left.length === 0) return;
          await pause(Math.min(interval, Math.max(0, until - Date.now())), signal);
          interval = Math.min(interval * 2, DRAIN_POLL_MS.last);
        }
      },
      // [code review 29 CR29-5] at shutdown the idle timer (unref'd) would not run, or would find the connection
      // gone: the stored Bundles' releases go now, before the daemon disconnects (fhir-destination.ts close)
      close: flush,
    };
  };
}

/** Releases waiting to be sent (redisLinkedPatients releaseLater), one per Redis connection and server. */
interface PendingReleases {
  sends: Set<string>;
  idle: NodeJS.Timeout | undefined;
}
const pendingReleases = new WeakMap<RedisClient, Map<string, PendingReleases>>();

function pendingOf(redis: RedisClient, sendingKey: string): PendingReleases {
  const byKey = pendingReleases.get(redis) ?? new Map<string, PendingReleases>();
  pendingReleases.set(redis, byKey);
  const found = byKey.get(sendingKey) ?? { sends: new Set<string>(), idle: undefined };
  byKey.set(sendingKey, found);
  return found;
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DestinationUnavailableError('linked patients: waiting for Patient PUTs being sent was aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(new DestinationUnavailableError('linked patients: waiting for Patient PUTs being sent was aborted'));
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

const PATIENT_URL = /^Patient\/([A-Za-z0-9\-.]{1,64})$/;

/**
 * A Patient PUT: `PUT Patient/<id>` (`member` the id) or a `conditionalUpdate` channel's `PUT Patient?<query>`
 * (`member` searchMember of the query), the member the set holds it by.
 */
interface PatientPut {
  index: number;
  member: string;
  id?: string;
  query?: string;
}

/**
 * The set's member for a Patient named by its search: `?` (an id never starts with it) and the query hashed, as
 * an ordered lane names a patient (queue/ordering.ts partitionOf): the identifier itself never reaches Redis.
 */
function searchMember(query: string): string {
  return `?${createHash('sha256').update(query).digest('hex').slice(0, 32)}`;
}

function patientPut(entry: Json, index: number): PatientPut | undefined {
  const request = isRecord(entry.request) ? entry.request : undefined;
  if (request?.method !== 'PUT' || typeof request.url !== 'string' || !isRecord(entry.resource) || entry.resource.resourceType !== 'Patient') return undefined;
  const id = PATIENT_URL.exec(request.url)?.[1];
  if (id !== undefined) return { index, member: id, id };
  const query = request.url.startsWith('Patient?') ? request.url.slice('Patient?'.length) : '';
  return query === '' ? undefined : { index, member: searchMember(query), query };
}

const linksOf = (resource: unknown): Json[] => (isRecord(resource) && Array.isArray(resource.link) ? resource.link.filter(isRecord) : []);

/** A Bundle-local reference (`urn:uuid:` fullUrl of a Patient PUT) as the `Type/id` the server stores. */
function literalOf(reference: string, byFullUrl: ReadonlyMap<string, string>): string {
  return byFullUrl.get(reference) ?? reference;
}

/** What a link's `other` names: its literal reference, else its logical identifier. */
function otherKey(link: Json, byFullUrl: ReadonlyMap<string, string>): string {
  const other = isRecord(link.other) ? link.other : {};
  if (typeof other.reference === 'string') return `ref:${literalOf(other.reference, byFullUrl)}`;
  const id = isRecord(other.identifier) ? other.identifier : {};
  return `id:${String(id.system ?? '')}|${String(id.value ?? '')}`;
}

/**
 * The held links a PUT does not name (the module comment): none of that `other`, no held `replaced-by` beside the
 * PUT's own, and none to a Patient the Bundle PUTs too (`written`): a message naming both records says whether they
 * are linked (an A37 of two records PUT by id unlinks them by sending neither link).
 */
function carriedLinks(own: readonly Json[], held: readonly Json[], byFullUrl: ReadonlyMap<string, string>, written: ReadonlySet<string>): Json[] {
  const named = new Set(own.map((l) => otherKey(l, byFullUrl)));
  const replacedBy = own.some((l) => l.type === 'replaced-by');
  return held.filter((l) => {
    const other = otherKey(l, byFullUrl);
    return !named.has(other) && !written.has(other) && !(replacedBy && l.type === 'replaced-by');
  });
}

/** The entries to send with the held links carried, the PUTs sent with ifMatch (`versioned`), the members to mark before sending. */
export interface CarriedLinks {
  entries: Json[];
  changed: boolean;
  versioned: ReadonlySet<number>;
  /** Patients this Bundle links, by id or by search (a merge's own entries): marked before it is sent. */
  linking: string[];
  /** Its Patient PUTs registered as being sent (LinkedPatients.sending): released once the server answers. */
  sending: Sending;
  /**
   * The answers of its reads, by `Patient?<query>` (and `Patient?_id=<id>` of the one found): handed on to the held
   * elements' step (fhir-destination.ts, retired-person.ts readOnce), so a linked Patient a message that is no ADT PUTs
   * (the patient-authority rule) is read once, its PUT bound to that read's version.
   */
  read: Map<string, Json[]>;
}

/** The Patient a marked PUT writes, as the server holds it: by id, or the one match of its search (none, or several: undefined); the answer kept in `read`. */
async function heldOf(put: PatientPut, search: Search, read: Map<string, Json[]>): Promise<Json | undefined> {
  const query = put.id !== undefined ? `_id=${encodeURIComponent(put.id)}` : (put.query ?? '');
  const found = await search('Patient', query);
  read.set(`Patient?${query}`, found);
  const one = found.length === 1 ? found[0] : undefined;
  if (typeof one?.id === 'string') read.set(`Patient?_id=${encodeURIComponent(one.id)}`, found);
  return one;
}

/**
 * The members a Bundle links before it is sent: a `PUT Patient/<id>` with a link by its id; a conditional PUT, a
 * survivor's create or patch that writes a link by their search (searchMember: a later `conditionalUpdate`
 * PUT names the Patient so). A survivor's server id comes from the answer (linkedBySearch).
 */
function linkingMembers(entries: readonly Json[]): string[] {
  const members = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const put = patientPut(entry, index);
    if (put !== undefined) {
      if (linksOf(entry.resource).length > 0) members.add(put.member);
      continue;
    }
    if (!writesLinkOtherwise(entry)) continue;
    const request = entry.request as Json;
    const query = request.method === 'POST' ? request.ifNoneExist : String(request.url).startsWith('Patient?') ? String(request.url).slice('Patient?'.length) : undefined;
    if (typeof query === 'string' && query !== '') members.add(searchMember(query));
  }
  return [...members];
}

/**
 * The module comment's rule over the entries to send: one set lookup for the Bundle's Patient PUTs, and a read
 * (`Patient?_id=`, or the conditional PUT's own search) of each marked one only. A marked conditional PUT whose
 * search finds one Patient is sent as `PUT Patient/<its id>` with `ifMatch` (the same update, FHIR R4
 * http.html#cond-update: one match is updated), so a change since the read fails it.
 */
export async function carryHeldLinks(entries: readonly Json[], linked: LinkedPatients, search: Search, forMs: number): Promise<CarriedLinks> {
  const puts = entries.flatMap((entry, index) => patientPut(entry, index) ?? []);
  const linking = linkingMembers(entries);
  const sending = await linked.sending([...new Set(puts.map((p) => p.member))], forMs);
  try {
    return await carried(entries, puts, sending, linking, search);
  } catch (error) {
    await sending.release();
    throw error;
  }
}

async function carried(entries: readonly Json[], puts: readonly PatientPut[], sending: Sending, linking: string[], search: Search): Promise<CarriedLinks> {
  const read = new Map<string, Json[]>();
  const unchanged: CarriedLinks = { entries: [...entries], changed: false, versioned: new Set(), linking, sending, read };
  const marked = sending.marked;
  const held = new Map<number, Json>();
  for (const put of puts) {
    if (!marked.has(put.member)) continue;
    const resource = await heldOf(put, search, read);
    if (resource !== undefined && linksOf(resource).length > 0) held.set(put.index, resource);
  }
  if (held.size === 0) return unchanged;
  // the Patients this Bundle PUTs, as the server stores them (a conditional PUT's, once read)
  const byFullUrl = new Map<string, string>();
  const written = new Set<string>();
  for (const put of puts) {
    const literal = put.id !== undefined ? `Patient/${put.id}` : held.has(put.index) ? `Patient/${String(held.get(put.index)?.id)}` : undefined;
    if (literal === undefined) continue;
    written.add(`ref:${literal}`);
    const fullUrl = entries[put.index]?.fullUrl;
    if (typeof fullUrl === 'string') byFullUrl.set(fullUrl, literal);
  }
  for (const entry of entries) {
    const request = isRecord(entry.request) ? entry.request : {};
    if (typeof entry.fullUrl === 'string' && request.method === 'PUT' && typeof request.url === 'string' && PATIENT_URL.test(request.url) === false && !request.url.includes('?')) byFullUrl.set(entry.fullUrl, request.url);
  }
  const out = [...entries];
  const versioned = new Set<number>();
  for (const [index, found] of held) {
    const entry = out[index] as Json;
    const resource = entry.resource as Json;
    const own = linksOf(resource);
    const carried = carriedLinks(own, linksOf(found), byFullUrl, written);
    const meta = isRecord(found.meta) ? found.meta : {};
    const ifMatch = typeof meta.versionId === 'string' ? { ifMatch: `W/"${meta.versionId}"` } : {};
    const retired = carried.some((l) => l.type === 'replaced-by') && resource.active === undefined && typeof found.active === 'boolean';
    const id = String(found.id);
    const kept: Json = { ...resource, id, ...(retired ? { active: found.active } : {}), ...(carried.length > 0 ? { link: [...own, ...carried] } : {}) };
    out[index] = { ...entry, resource: kept, request: { ...(entry.request as Json), url: `Patient/${id}`, ...ifMatch } };
    if (ifMatch.ifMatch !== undefined) versioned.add(index);
  }
  return { entries: out, changed: true, versioned, linking, sending, read };
}

/** Whether a Patient entry that is no Patient PUT writes a link: a create carrying one, a FHIRPath Patch `add` of `link`, a JSON Patch of `/link`. */
function writesLinkOtherwise(entry: Json): boolean {
  const request = isRecord(entry.request) ? entry.request : {};
  const url = typeof request.url === 'string' ? request.url : '';
  if (!url.startsWith('Patient') || patientPut(entry, 0) !== undefined) return false;
  const resource = isRecord(entry.resource) ? entry.resource : undefined;
  if (resource?.resourceType === 'Patient') return linksOf(resource).length > 0;
  if (resource?.resourceType === 'Parameters' && Array.isArray(resource.parameter)) {
    return resource.parameter.some((p) => {
      const parts = isRecord(p) && Array.isArray(p.part) ? p.part.filter(isRecord) : [];
      return parts.some((q) => q.name === 'type' && q.valueCode === 'add') && parts.some((q) => q.name === 'name' && q.valueString === 'link');
    });
  }
  if (resource?.resourceType === 'Binary' && typeof resource.data === 'string') {
    try {
      const ops: unknown = JSON.parse(binaryText(resource.data));
      return Array.isArray(ops) && ops.some((op) => isRecord(op) && typeof op.path === 'string' && op.path.startsWith('/link'));
    } catch {
      return false;
    }
  }
  return false;
}

/** The Patients the server answered for the entries that link a Patient found by search or a conditional PUT (their `location`), to mark once sent. */
export function linkedBySearch(entries: readonly Json[], results: readonly DeliveryEntry[]): string[] {
  const ids: string[] = [];
  for (const [index, entry] of entries.entries()) {
    const put = patientPut(entry, index);
    if (put?.id !== undefined || (put === undefined && !writesLinkOtherwise(entry)) || (put !== undefined && linksOf(entry.resource).length === 0)) continue;
    const location = results[index]?.location?.split('/_history/')[0] ?? '';
    const id = PATIENT_URL.exec(location.slice(location.lastIndexOf('Patient/')))?.[1];
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** `Type/id` of a location the server answered (its base and `_history` dropped). */
function literalOfLocation(location: string | undefined): string | undefined {
  return /([A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/.exec(location ?? '')?.[1];
}

/** The links a Patient entry that is no PUT writes: a create's, a FHIRPath Patch's `add` of `link`, a JSON Patch's add under `/link`. */
function linksWrittenOtherwise(entry: Json): Json[] {
  const resource = isRecord(entry.resource) ? entry.resource : undefined;
  if (resource?.resourceType === 'Patient') return linksOf(resource);
  if (resource?.resourceType === 'Parameters' && Array.isArray(resource.parameter)) {
    return resource.parameter.filter(isRecord).flatMap((p) => {
      const parts = Array.isArray(p.part) ? p.part.filter(isRecord) : [];
      if (!parts.some((q) => q.name === 'type' && q.valueCode === 'add') || !parts.some((q) => q.name === 'name' && q.valueString === 'link')) return [];
      const value = parts.find((q) => q.name === 'value');
      const inner = value !== undefined && Array.isArray(value.part) ? value.part.filter(isRecord) : [];
      const other = inner.find((q) => q.name === 'other')?.valueReference;
      const type = inner.find((q) => q.name === 'type')?.valueCode;
      return isRecord(other) ? [{ other, ...(typeof type === 'string' ? { type } : {}) }] : [];
    });
  }
  if (resource?.resourceType === 'Binary' && typeof resource.data === 'string') {
    try {
      const ops: unknown = JSON.parse(binaryText(resource.data));
      if (!Array.isArray(ops)) return [];
      return ops.filter(isRecord).flatMap((op) => {
        if (op.op !== 'add' || typeof op.path !== 'string' || !op.path.startsWith('/link')) return [];
        return Array.isArray(op.value) ? op.value.filter(isRecord) : isRecord(op.value) ? [op.value] : [];
      });
    } catch {
      return [];
    }
  }
  return [];
}

/** What a stored Bundle wrote of Patient links, by the server's Patient id: the links, and whether it retired her (`active: false`). */
export interface WrittenLinks {
  byId: Map<string, { links: Json[]; retired: boolean }>;
  /** Bundle-local references (`urn:uuid:`) as the server stored them (`Type/id`). */
  byFullUrl: Map<string, string>;
}

/**
 * The links a stored Bundle wrote (its Patient PUTs, creates and patches that link), by the id the request or the
 * server's answer names; one per type and `other` (linkKey): a survivor written by two entries (a by-id channel's
 * conditional create + patch of a system'd MRN, patch.ts mergeSurvivorEntries) lists its link once, so a restore
 * puts it back once (code review 29 CR29-4: the survivor ended with the `replaces` link twice).
 */
export function writtenLinks(entries: readonly Json[], results: readonly DeliveryEntry[]): WrittenLinks {
  const byFullUrl = new Map<string, string>();
  for (const [index, entry] of entries.entries()) {
    const literal = literalOfLocation(results[index]?.location);
    if (typeof entry.fullUrl === 'string' && literal !== undefined) byFullUrl.set(entry.fullUrl, literal);
  }
  const byId = new Map<string, { links: Json[]; retired: boolean }>();
  for (const [index, entry] of entries.entries()) {
    const put = patientPut(entry, index);
    const links = put !== undefined ? linksOf(entry.resource) : writesLinkOtherwise(entry) ? linksWrittenOtherwise(entry) : [];
    const literal = put?.id !== undefined ? `Patient/${put.id}` : literalOfLocation(results[index]?.location);
    if (links.length === 0 || literal?.startsWith('Patient/') !== true) continue;
    const id = literal.slice('Patient/'.length);
    const known = byId.get(id) ?? { links: [], retired: false };
    const retired = known.retired || (isRecord(entry.resource) && entry.resource.active === false);
    const have = new Set(known.links.map((l) => linkKey(l, byFullUrl)));
    const added = links.filter((l) => {
      const key = linkKey(l, byFullUrl);
      if (have.has(key)) return false;
      have.add(key);
      return true;
    });
    byId.set(id, { links: [...known.links, ...added], retired });
  }
  return { byId, byFullUrl };
}

/** A link's type and what its `other` names (otherKey): two links alike here are one link. */
function linkKey(link: Json, byFullUrl: ReadonlyMap<string, string>): string {
  return `${String(link.type)} ${otherKey(link, byFullUrl)}`;
}

/** A Patient PUT with `If-Match` (restoreLinks): the HTTP status the server answered. */
export type VersionedPut = (id: string, resource: Json, ifMatch: string | undefined) => Promise<number>;

const RESTORE_TRIES = 3;

/**
 * [code review 27 CR27-2] After a linking Bundle is stored and the Patient PUTs that may have raced it have ended
 * (the module comment): read its Patients again (one `GET Patient?_id=…`) and PUT each that lost a link the Bundle
 * wrote back with it, `replaced-by` with the `active: false` the Bundle sent, under `If-Match` the version read, so
 * a change since the read is not overwritten: 412 reads again (RESTORE_TRIES, then the delivery fails, transient).
 * Returns how many Patients were restored.
 */
export async function restoreLinks(written: WrittenLinks, search: Search, put: VersionedPut): Promise<number> {
  if (written.byId.size === 0) return 0;
  const ids = [...written.byId.keys()].sort();
  for (let attempt = 0; attempt < RESTORE_TRIES; attempt += 1) {
    const found = await search('Patient', `_id=${ids.map(encodeURIComponent).join(',')}`);
    let restored = 0;
    let refused = false;
    for (const resource of found) {
      const want = written.byId.get(String(resource.id));
      if (want === undefined) continue;
      // a link held or already put back once is not added again (linkKey)
      const heldKeys = new Set(linksOf(resource).map((l) => linkKey(l, written.byFullUrl)));
      const missing = want.links
        .filter((l) => {
          const key = linkKey(l, written.byFullUrl);
          if (heldKeys.has(key)) return false;
          heldKeys.add(key);
          return true;
        })
        .map((l) => withLiteralOther(l, written.byFullUrl));
      if (missing.length === 0) continue;
      const retire = want.retired && missing.some((l) => l.type === 'replaced-by');
      const meta = isRecord(resource.meta) ? resource.meta : {};
      const status = await put(String(resource.id), { ...resource, ...(retire ? { active: false } : {}), link: [...linksOf(resource), ...missing] }, typeof meta.versionId === 'string' ? `W/"${meta.versionId}"` : undefined);
      if (status === 412) refused = true;
      else restored += 1;
    }
    if (!refused) return restored;
  }
  throw new DestinationUnavailableError(`linked patients: restoring a link: HTTP 412 ${RESTORE_TRIES} times, the Patient kept changing`);
}

/** A link as the server stores it: a Bundle-local `other` as its `Type/id`. */
function withLiteralOther(link: Json, byFullUrl: ReadonlyMap<string, string>): Json {
  const other = isRecord(link.other) ? link.other : undefined;
  if (other === undefined || typeof other.reference !== 'string') return link;
  return { ...link, other: { ...other, reference: literalOf(other.reference, byFullUrl) } };
}
