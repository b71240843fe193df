/**
 * The FHIR destination: pushes each Bundle as a transaction, a batch, or one request per entry, over
 * fhir-kit-client, with the configured auth. Every outcome is either a DeliveryOutcome or a
 * classified error (classify.ts); nothing else escapes.
 */
import { z } from 'zod';
import { sendAuthorized } from './auth/authorized.js';
import { createAuth } from './auth/index.js';
import { asBundleOfType, entriesOf, entryLabel, entryRequest, locationOf, responseEntries } from './bundle.js';
import { failureFor, keptOutcome, verdictOf } from './classify.js';
import { authSchema, headersSchema, tlsSchema } from './config.js';
import { ChangedSinceReadError, DestinationRejectedError, DestinationUnavailableError, RequestNotSentError } from './failures.js';
import { fhirServerName } from './fhir-server-name.js';
import { mergeCrossedCreates } from './crossed-creates.js';
import { carryHeldLinks, linkedBySearch, restoreLinks, writtenLinks } from './held-links.js';
import { resolveSnapshotLists } from './held-lists.js';
import { resolveMotherCandidates } from './held-mother.js';
import { deletePersonRecords } from './person-delete.js';
import { carryHeldClass } from './held-class.js';
import { carryHeldLocations } from './held-locations.js';
import { carryHeldStatus } from './held-status.js';
import { carryHeldElements } from './held-elements.js';
import { carryHeldTimes } from './held-times.js';
import type { CarriedPuts } from './held-put.js';
import { judgeEntries } from './judge.js';
import { followMergedNumbers, type FollowedNumbers } from './merged-numbers.js';
import { followSpecimenNumbers } from './specimen-numbers.js';
import { followOrderSpecimens } from './order-specimen.js';
import { MERGE_DEPTH } from './named-resources.js';
import { createMtlsDispatcher } from './mtls.js';
import { expandOrderEvents, matchesOf, searchName, type ExpandedEntries } from './order-events.js';
import { refuseOverlaps } from './overlaps.js';
import { readOnce, refuseRetiringAnotherPerson } from './retired-person.js';
import { fhirTransport, type FhirRequest, type HttpAnswer } from './transport.js';
import { expectPayload } from './payload.js';
import { defineDestination, type LinkedPatients, type Sending, type DeliveryEntry, type DeliveryOutcome, type Destination, type DestinationDeps } from './types.js';

export const defaults = { timeoutMs: 30_000 } as const;

export const fhirDestinationSchema = z
  .object({
    type: z.literal('fhir').describe('Push the FHIR result to a FHIR R4 server'),
    baseUrl: z.url().describe('FHIR base URL, e.g. https://fhir.example.org/r4'),
    serverId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected letters, digits, ., _ and - (max 64)')
      .optional()
      .describe(
        "Names the FHIR server for the Patient links hig keeps (a merge's link survives later messages): destinations of any channel that deliver to one server under different base URLs (localhost and 127.0.0.1, a host name and its IP) must share it. Default: the base URL, normalised",
      ),
    mode: z
      .enum(['transaction', 'batch', 'individual'])
      .describe(
        'transaction: one atomic Bundle; batch: one Bundle, entries judged one by one; individual: one PUT per entry',
      ),
    auth: authSchema,
    timeoutMs: z
      .number()
      .int()
      .positive()
      .default(defaults.timeoutMs)
      .describe('Per HTTP request timeout in milliseconds (token requests included)'),
    headers: headersSchema.optional().describe('Extra non-secret HTTP headers sent with every FHIR request'),
    tls: tlsSchema.optional(),
  })
  .strict();

export type FhirDestinationConfig = z.output<typeof fhirDestinationSchema>;

export const fhirDestination = defineDestination({
  type: 'fhir',
  summary: 'FHIR R4 server: the Bundle as a transaction, a batch, or one request per entry',
  schema: fhirDestinationSchema,
  needs: () => 'fhir',
  create: (config, deps) => createFhirDestination(config, deps),
});

/**
 * A per-id PATCH of an order event or a document notification, a linked Patient's PUT (held-links.ts), a
 * visit's PUT carrying its held status or locations (held-status.ts, held-locations.ts), a list member's PUT or DELETE by an ADT list's ownership
 * (held-lists.ts, list-owners.ts) or a merge's retired record (retired-person.ts), answered 412: the test, document, Patient, visit or list member changed after the search (its If-Match
 * version); a retry searches again, so it is transient, not the sender's fault.
 */
function changedSinceSearch(what: string): DestinationUnavailableError {
  return new ChangedSinceReadError(`${what}: HTTP 412, a resource an order event, a document notification or a linked Patient's PUT acts on changed after its search`);
}

function refusedVersions(results: readonly DeliveryEntry[], versioned: ReadonlySet<number>, what: string): void {
  for (const index of versioned) if (results[index]?.status.startsWith('412') === true) throw changedSinceSearch(`${what} #${index}`);
}

/** One FHIR request on the destination's auth, TLS and timeout path. */
type Exchange = (request: FhirRequest, signal: AbortSignal) => Promise<HttpAnswer>;

/** What a delivery needs of its destination: the request path and the clock failures are dated by. */
interface Delivery {
  exchange: Exchange;
  now: () => number;
  /** The per-request timeout: how long a Patient PUT is presumed in flight is counted in it (held-links.ts). */
  timeoutMs: number;
  /** The Patients this server holds with a link hig wrote (held-links.ts); without it, Patient PUTs go as they are. */
  linked?: LinkedPatients;
}

/**
 * `GET Type?query` on the same auth, TLS and timeout path; a failure is judged as any request's. Every search asks
 * `Prefer: handling=strict` (FHIR R4 search.html "Handling Errors"): a server that would ignore a parameter it does not
 * apply, and answer every resource of the type, refuses the search instead (code review 33 CR33-1). Errors name the
 * type and the parameters' names, never their values.
 */
async function search(d: Delivery, type: string, query: string, signal: AbortSignal): Promise<Record<string, unknown>[]> {
  const answer = await d.exchange({ method: 'GET', url: `${type}?${query}`, headers: { prefer: 'handling=strict' } }, signal);
  const what = searchName(type, query);
  if (verdictOf(answer.status) !== 'stored') throw failureFor(answer, what, d.now());
  return matchesOf(answer.body, type, what);
}

/** The entries to send, and what held-links.ts needs once they are answered. */
interface Prepared extends ExpandedEntries {
  /** This Bundle's Patient PUTs registered as being sent. */
  sending: Sending;
  /** Patient PUTs of other Bundles that were being sent when this one marked its Patients linked (held-links.ts). */
  racing: readonly string[];
  /**
   * Set while a request of the send may have reached the server without its answer (sent, then no answer: our
   * timeout, a reset): only then does a failed send keep its registration (code review 28 CR28-1).
   */
  inDoubt: boolean;
  /** When the message was accepted (DeliveryContext.receivedAt): bounds the crossed-create recheck (crossed-creates.ts). */
  receivedAt?: string;
}

const NOT_SENDING: Sending = { marked: new Set(), sends: [], release: async () => {}, releaseLater: () => {} };

/**
 * The entries to send: an order event of several tests becomes a PATCH of each, a document notification acts on
 * the document held (order-events.ts); a visit PUT whose status its message did not convey carries the status the
 * server holds (held-status.ts), and an ADT event's keeps the class history (and an A06 / A07's the class it ends:
 * held-class.ts) and the locations the server holds that it does not name (held-locations.ts); a Patient PUT carries the links the server holds, and one that links is
 * marked linked before it is sent (held-links.ts), and a PUT of a number keyed within a linked patient's record acts on
 * the resource held under the records merged into her (merged-numbers.ts), and a Specimen PUT of both SPM-2 numbers
 * the one held under one of them alone (specimen-numbers.ts), an order event's Specimen of no number the one tube its
 * order holds (order-specimen.ts); last, where it now goes, a PUT that writes
 * a default reading of a repeated hour keeps the other pass the server holds (held-times.ts), a merge that would retire
 * another person's record is refused (retired-person.ts) and a PUT that leaves out
 * elements its message does not convey keeps the values held (held-elements.ts). A Patient PUT is presumed in
 * flight for at most a timeout per request it may make (a read per entry, one more per entry and the merged records'
 * lookup for merged-numbers.ts, one more per entry for held-times.ts and one for held-elements.ts or the retired
 * record's check, whose read it takes, its send or one per entry, a token): after that a merge stops waiting for it.
 */
async function prepared(d: Delivery, bundle: Record<string, unknown>, signal: AbortSignal): Promise<Prepared> {
  const find = (type: string, query: string) => search(d, type, query, signal);
  const expanded = await expandOrderEvents(entriesOf(bundle), find);
  // [IG Event[EncounterStatus] A08; R39-N5] a visit PUT whose `unknown` the message did not convey keeps the held
  // status: read before the links' check, so that check, the mark and the registration of the Patient PUTs stay the
  // last steps before the send (held-links.ts: the in-flight time a merge waits for is counted from there)
  const held = await carryHeldStatus(expanded.entries, find);
  // [FHIR R4 Encounter.classHistory; R57-N3] an ADT event's visit PUT keeps the held class history, and an A06 / A07's
  // the class it ends (held-class.ts); the visit held-status.ts read is not read again
  const classed = await carryHeldClass(held.entries, find, held.read);
  // [FHIR R4 Encounter.location; R53-L2] an ADT event's visit PUT keeps the held locations it does not name, the
  // ones the patient has left `completed` (held-locations.ts); the visit held-status.ts or held-class.ts read is not read again
  const placed = await carryHeldLocations(classed.entries, find, classed.read);
  const statusCarried: ExpandedEntries = {
    ...expanded,
    entries: placed.entries,
    changed: expanded.changed || held.changed || classed.changed || placed.changed,
    versioned: new Set([...expanded.versioned, ...held.versioned, ...classed.versioned, ...placed.versioned]),
  };
  // [v2.5.1 2.10.4.1 snapshot mode; R43-W1, CR30-1/2, fix32b] an ADT's AL1, NK1, IN1 lists: the other lists' owner
  // entries carried onto its PUTs, and a member it no longer names loses its entry, ended when no list owns it
  // (held-lists.ts); read before the links' check, as the status
  // [hig mother rule; CR30-3] an NK1 MTH of its own identifier is the mother only when the held one says nothing
  // otherwise (held-mother.ts); before the lists, which never end the mother
  // [v2.5.1 3.3.29; R50-W2] an A29's Patient DELETE takes the person's RelatedPersons, Coverages and Accounts with it
  // (person-delete.ts): its DELETEs appended, after the lists' (an A29 states none)
  const listed = await deletePersonRecords(await resolveSnapshotLists(await resolveMotherCandidates(statusCarried, find), find), find);
  // [IG SPM[Specimen] #2; R27-D1, CR25-7] a Specimen keyed by its SPM-2 pair goes to the one the server holds under one
  // of its numbers alone (the order's tube: the lab's number added, the id kept; specimen-numbers.ts), before the
  // reads of what a PUT writes, which then read that target
  const numbered = await followSpecimenNumbers(listed.entries, find);
  // [hig order-event rule; R27-D1 SC] an order event's Specimen of no number goes to the one tube its order holds
  // (order-specimen.ts), whose held elements the read below then keeps
  const specimens = await followOrderSpecimens(numbered.entries, find);
  const withStatus = numbered.changed || specimens.changed ? { ...listed, entries: specimens.entries, changed: true } : listed;
  // The reads of what a PUT writes come last, once the PUT's target is known: merged-numbers.ts may send it to the
  // record merged into the patient, and read before, the survivor's id held nothing (code review 34 CR34-1, 35 CR35-3):
  // [hig time-zone rule; R41-N1] a PUT's default reading of a repeated hour keeps the other pass the server holds
  // (held-times.ts: the moved late edit replaced its original's placed date with the default, an hour off);
  // [R52-W3] elements a PUT's message does not convey (an immunization update's `recorded`) keep the server's values
  // (held-elements.ts: the moved PUT erased `recorded`);
  // [R67-W1] a merge never retires a held Patient of another person (retired-person.ts): refused before anything is
  // sent, on the read its identifiers are then carried from (R62-L2, one GET per merge). Until code review 36 CR36-4 it
  // was read first thing, and a registration of the record stored while the steps above made their requests was not
  // seen: nothing held then, the PUT went as it was and erased its identifiers, and the person was judged on a stale read.
  // The record found goes with `ifMatch` the version judged, carried or not (code review 37 CR37-5: with nothing to
  // carry it went without, and a write between this read and the send was overwritten): that write fails it, 412, retried
  // [hig patient-authority rule] a linked Patient's read by the links' check is the held elements' read too (one GET)
  const heldReads = async (entries: readonly Record<string, unknown>[], linksRead: ReadonlyMap<string, Record<string, unknown>[]> = new Map()): Promise<CarriedPuts> => {
    const times = await carryHeldTimes(entries, find);
    const retired = await refuseRetiringAnotherPerson(times.entries, find);
    const elements = await carryHeldElements(retired.entries, readOnce(find, new Map([...linksRead, ...retired.read])));
    return { entries: elements.entries, changed: times.changed || retired.changed || elements.changed, versioned: new Set([...times.versioned, ...retired.versioned, ...elements.versioned]) };
  };
  if (d.linked === undefined) {
    const elements = await heldReads(withStatus.entries);
    return { ...withStatus, entries: elements.entries, changed: withStatus.changed || elements.changed, versioned: new Set([...withStatus.versioned, ...elements.versioned]), sending: NOT_SENDING, racing: [], inDoubt: false };
  }
  const carried = await carryHeldLinks(withStatus.entries, d.linked, find, d.timeoutMs * (5 * withStatus.entries.length + 2 + MERGE_DEPTH));
  let racing: readonly string[];
  let followed: FollowedNumbers;
  let elements: CarriedPuts;
  try {
    // [hig identity; R52-W2] a PUT of a number keyed within a linked patient's record acts on the resource the
    // server holds under the records merged into her (merged-numbers.ts): the links' check told which are linked
    followed = await followMergedNumbers(carried.entries, carried.sending.marked, find);
    elements = await heldReads(followed.entries, carried.read);
    racing = othersOf(await d.linked.mark(carried.linking), carried.sending);
  } catch (error) {
    await carried.sending.release();
    throw error;
  }
  const versioned = new Set([...withStatus.versioned, ...carried.versioned, ...elements.versioned]);
  const notes = [...(withStatus.notes ?? []), ...followed.notes];
  return {
    ...withStatus,
    entries: elements.entries,
    changed: withStatus.changed || carried.changed || followed.changed || elements.changed,
    versioned,
    sending: carried.sending,
    racing,
    inDoubt: false,
    ...(notes.length === 0 ? {} : { notes }),
  };
}

const othersOf = (sends: readonly string[], own: Sending): string[] => sends.filter((s) => !own.sends.includes(s));

/**
 * Sends the prepared entries, then settles their links. A failed send ends its Patient PUTs' registration unless a
 * request may have left unanswered (`inDoubt`): one abandoned on a timeout or a lost connection may still be
 * applied, so it stays registered until its time (held-links.ts); one the server answered (503, 429, each request
 * of individual mode), one never sent (connection refused: RequestNotSentError) or a failure before the first
 * request (refuseOverlaps) cannot land later, and is released at once (code review 28 CR28-1).
 */
async function sentThenSettled(d: Delivery, p: Prepared, signal: AbortSignal, send: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
  let delivery: DeliveryOutcome;
  try {
    delivery = await send();
  } catch (error) {
    if (!p.inDoubt) await p.sending.release();
    throw error;
  }
  await settleLinks(d, p, delivery.entries ?? [], signal);
  return delivery;
}

/**
 * Once stored (held-links.ts, code review 27 CR27-2): the Patients found by search that the Bundle linked are
 * marked by the server's answer; then, if a Patient PUT that began before a mark may land after the Bundle (one
 * was being sent at the mark, or a Patient was marked only now), wait for those PUTs to end, read the Bundle's
 * linked Patients again and restore a link one of them erased. A Bundle that links nothing costs nothing here.
 */
async function settleLinks(d: Delivery, p: Prepared, results: readonly DeliveryEntry[], signal: AbortSignal): Promise<void> {
  if (d.linked === undefined) return;
  const late = linkedBySearch(p.entries, results);
  let racing: string[];
  try {
    racing = [...p.racing, ...othersOf(await d.linked.mark(late), p.sending)];
  } finally {
    p.sending.releaseLater();
  }
  if (racing.length === 0 && late.length === 0) return;
  // at most one request's timeout (held-links.ts, the window left): never the registrations' whole time, which
  // could outlast the delivery job's timeout and fail a merge already stored (code review 28 CR28-1)
  await d.linked.drained(racing, d.timeoutMs, signal);
  const put = async (id: string, resource: Record<string, unknown>, ifMatch: string | undefined): Promise<number> => {
    const request = entryRequest({ resource, request: { method: 'PUT', url: `Patient/${id}`, ...(ifMatch === undefined ? {} : { ifMatch }) } }, 0);
    const answer = await d.exchange(request, signal);
    if (answer.status !== 412 && verdictOf(answer.status) !== 'stored') throw failureFor(answer, 'restore a Patient link', d.now());
    return answer.status;
  };
  await restoreLinks(writtenLinks(p.entries, results), (type, query) => search(d, type, query, signal), put);
}

/**
 * [v2.5.1 2.10.4.1; code review 31 CR31-1] Once stored: a list member's PUT that was to create it and was answered
 * as an update (another list's first write landed between this one's read and its write) gets back the owner
 * entries it replaced (crossed-creates.ts), reported in the delivery's detail. Nothing to do, no request.
 */
async function crossedCreatesMerged(d: Delivery, p: Prepared, results: readonly DeliveryEntry[], signal: AbortSignal): Promise<void> {
  if ((p.listCreates?.size ?? 0) === 0 && (p.listRechecks?.size ?? 0) === 0) return;
  const what = 'merge a list member\'s owner entries';
  const read = async (url: string) => {
    const answer = await d.exchange({ method: 'GET', url, headers: {} }, signal);
    if (verdictOf(answer.status) === 'transient') throw failureFor(answer, what, d.now());
    return { status: answer.status, body: answer.body };
  };
  const put = async (url: string, resource: Record<string, unknown>, ifMatch: string | undefined): Promise<number> => {
    const answer = await d.exchange(entryRequest({ resource, request: { method: 'PUT', url, ...(ifMatch === undefined ? {} : { ifMatch }) } }, 0), signal);
    if (answer.status !== 412 && verdictOf(answer.status) !== 'stored') throw failureFor(answer, what, d.now());
    return answer.status;
  };
  const notes = await mergeCrossedCreates(p.entries, p.listCreates, results, read, put, p.listRechecks, p.receivedAt);
  if (notes.length > 0) p.notes = [...(p.notes ?? []), ...notes];
}

/**
 * One request of a send, keeping `inDoubt` (sentThenSettled): set while it is out, cleared by its answer or by a
 * failure that proves it never left (transport.ts RequestNotSentError).
 */
async function exchanged(d: Delivery, p: Prepared, request: FhirRequest, signal: AbortSignal): Promise<HttpAnswer> {
  p.inDoubt = true;
  try {
    const answer = await d.exchange(request, signal);
    p.inDoubt = false;
    return answer;
  } catch (error) {
    if (error instanceof RequestNotSentError) p.inDoubt = false;
    throw error;
  }
}

/** The delivery with what the preparation reported (ExpandedEntries.notes: PHI-free) as its detail. */
const reported = (p: Prepared, delivery: DeliveryOutcome): DeliveryOutcome =>
  p.notes === undefined || p.notes.length === 0 ? delivery : { ...delivery, detail: p.notes.join('; ') };

async function deliverBundle(d: Delivery, bundle: Record<string, unknown>, json: string | undefined, mode: 'transaction' | 'batch', signal: AbortSignal, receivedAt?: string): Promise<DeliveryOutcome> {
  const p: Prepared = { ...(await prepared(d, bundle, signal)), ...(receivedAt === undefined ? {} : { receivedAt }) };
  return reported(p, await sentThenSettled(d, p, signal, () => sentBundle(d, p, bundle, json, mode, signal)));
}

async function sentBundle(d: Delivery, p: Prepared, bundle: Record<string, unknown>, json: string | undefined, mode: 'transaction' | 'batch', signal: AbortSignal): Promise<DeliveryOutcome> {
  const { entries, changed, versioned, resolved } = p;
  refuseOverlaps(entries, resolved, mode);
  const sent = changed ? { ...bundle, entry: entries } : bundle;
  // The Bundle's own text when it already is a Bundle of this type: the same bytes JSON.stringify
  // of asBundleOfType would give, without serialising it again (fhir-kit-client sends a string as is).
  const body = !changed && json !== undefined && bundle.resourceType === 'Bundle' && bundle.type === mode ? json : asBundleOfType(sent, mode);
  const answer = await exchanged(d, p, { method: 'POST', url: '', body }, signal);
  if (answer.status === 412 && versioned.size > 0) throw changedSinceSearch(mode);
  if (verdictOf(answer.status) !== 'stored') throw failureFor(answer, mode, d.now());
  const responses = responseEntries(answer.body, entries.length);
  if (responses === undefined) {
    // Stored or not, we cannot tell which entries landed; a re-send is an idempotent upsert, but a server
    // that answers this way will keep doing so, so we dead-letter rather than loop.
    throw new DestinationRejectedError(`${mode}: HTTP ${answer.status} without a ${mode}-response Bundle of ${entries.length} entries`);
  }
  const delivery = { status: answer.status, entries: responses };
  const labels = entries.map((entry, index) => entryLabel(entry, index));
  refusedVersions(delivery.entries, versioned, mode);
  const failure = judgeEntries(delivery, labels, mode);
  if (failure !== undefined) throw failure;
  await crossedCreatesMerged(d, p, delivery.entries, signal);
  return delivery;
}

/** One entry sent alone: its result; an outage stops the delivery (the rest would fail the same way, and the retry re-sends all: idempotent). */
async function sentAlone(d: Delivery, p: Prepared, request: FhirRequest, label: string, signal: AbortSignal): Promise<{ result: DeliveryEntry; status: number }> {
  const answer = await exchanged(d, p, request, signal);
  const verdict = verdictOf(answer.status);
  if (verdict === 'transient') throw failureFor(answer, `individual ${label}`, d.now());
  const location = verdict === 'stored' ? locationOf(answer.headers, answer.body) : undefined;
  const result: DeliveryEntry = {
    status: `${answer.status} ${answer.statusText}`.trim(),
    ...(location === undefined ? {} : { location }),
    ...(verdict === 'permanent' ? { outcome: keptOutcome(answer.body) } : {}),
  };
  return { result, status: answer.status };
}

async function deliverIndividually(d: Delivery, bundle: Record<string, unknown>, signal: AbortSignal, receivedAt?: string): Promise<DeliveryOutcome> {
  const p: Prepared = { ...(await prepared(d, bundle, signal)), ...(receivedAt === undefined ? {} : { receivedAt }) };
  return reported(p, await sentThenSettled(d, p, signal, () => sentIndividually(d, p, signal)));
}

async function sentIndividually(d: Delivery, p: Prepared, signal: AbortSignal): Promise<DeliveryOutcome> {
  const { entries, versioned } = p;
  const requests = entries.map((entry, index) => entryRequest(entry, index));
  const labels = entries.map((entry, index) => entryLabel(entry, index));
  const results: DeliveryEntry[] = [];
  let highest = 0;
  // In order, one at a time: later entries may reference earlier ones.
  for (const [index, request] of requests.entries()) {
    const { result, status } = await sentAlone(d, p, request, labels[index] ?? `#${index}`, signal);
    results.push(result);
    highest = Math.max(highest, status);
  }
  const delivery = { status: entries.length === 0 ? 200 : highest, entries: results };
  refusedVersions(results, versioned, 'individual');
  const failure = judgeEntries(delivery, labels, 'individual');
  if (failure !== undefined) throw failure;
  await crossedCreatesMerged(d, p, results, signal);
  return delivery;
}

export function createFhirDestination(config: FhirDestinationConfig, deps: Pick<DestinationDeps, 'env' | 'now' | 'linkedPatients'>): Destination {
  const dispatcher = config.tls === undefined ? undefined : createMtlsDispatcher(config.tls);
  const transport = fhirTransport({ baseUrl: config.baseUrl, headers: config.headers ?? {}, timeoutMs: config.timeoutMs, dispatcher });
  const auth = createAuth(config.auth, { env: deps.env, baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, dispatcher, now: deps.now });
  const exchange: Exchange = (request, signal) =>
    sendAuthorized(auth, signal, (authorization) => transport.send({ ...request, headers: { ...request.headers, ...(authorization === undefined ? {} : { authorization }) } }, signal));
  const d: Delivery = { exchange, now: deps.now, timeoutMs: config.timeoutMs, ...(deps.linkedPatients === undefined ? {} : { linked: deps.linkedPatients(fhirServerName(config)) }) };
  return {
    deliver(payload, context) {
      const { bundle, json } = expectPayload(payload, 'fhir', 'fhir');
      // the message's acceptance time bounds the crossed-create recheck (crossed-creates.ts, CR33-3)
      return config.mode === 'individual' ? deliverIndividually(d, bundle, context.signal, context.receivedAt) : deliverBundle(d, bundle, json, config.mode, context.signal, context.receivedAt);
    },
    async close() {
      // the stored Bundles' Patient PUT registrations released before the Redis connection goes (code review 29 CR29-5)
      await d.linked?.close();
      if (dispatcher !== undefined) await (await dispatcher()).close();
    },
  };
}
