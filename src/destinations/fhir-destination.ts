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
import { DestinationRejectedError, DestinationUnavailableError } from './failures.js';
import { carryHeldLinks, linkedBySearch } from './held-links.js';
import { carryHeldStatus } from './held-status.js';
import { judgeEntries } from './judge.js';
import { createMtlsDispatcher } from './mtls.js';
import { expandOrderEvents, matchesOf, type ExpandedEntries } from './order-events.js';
import { refuseOverlaps } from './overlaps.js';
import { fhirTransport, type FhirRequest, type HttpAnswer } from './transport.js';
import { expectPayload } from './payload.js';
import { defineDestination, type LinkedPatients, type DeliveryEntry, type DeliveryOutcome, type Destination, type DestinationDeps } from './types.js';

export const defaults = { timeoutMs: 30_000 } as const;

export const fhirDestinationSchema = z
  .object({
    type: z.literal('fhir').describe('Push the FHIR result to a FHIR R4 server'),
    baseUrl: z.url().describe('FHIR base URL, e.g. https://fhir.example.org/r4'),
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
 * A per-id PATCH of an order event or a document notification, a linked Patient's PUT (held-links.ts) or a
 * visit's PUT carrying its held status (held-status.ts), answered 412: the test, document, Patient or visit changed after the search (its If-Match
 * version); a retry searches again, so it is transient, not the sender's fault.
 */
function changedSinceSearch(what: string): DestinationUnavailableError {
  return new DestinationUnavailableError(`${what}: HTTP 412, a resource an order event, a document notification or a linked Patient's PUT acts on changed after its search`);
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
  /** The Patients this server holds with a link hig wrote (held-links.ts); without it, Patient PUTs go as they are. */
  linked?: LinkedPatients;
}

/** `GET Type?query` on the same auth, TLS and timeout path; a failure is judged as any request's. */
async function search(d: Delivery, type: string, query: string, signal: AbortSignal): Promise<Record<string, unknown>[]> {
  const answer = await d.exchange({ method: 'GET', url: `${type}?${query}`, headers: {} }, signal);
  if (verdictOf(answer.status) !== 'stored') throw failureFor(answer, `search ${type}`, d.now());
  return matchesOf(answer.body, type);
}

/**
 * The entries to send: an order event of several tests becomes a PATCH of each, a document notification acts on
 * the document held (order-events.ts); a visit PUT whose status its message did not convey carries the status the
 * server holds (held-status.ts); a Patient PUT carries the links the server holds, and one that links is
 * marked linked before it is sent (held-links.ts).
 */
async function prepared(d: Delivery, bundle: Record<string, unknown>, signal: AbortSignal): Promise<ExpandedEntries> {
  const find = (type: string, query: string) => search(d, type, query, signal);
  const expanded = await expandOrderEvents(entriesOf(bundle), find);
  const linked = d.linked === undefined ? expanded : await withHeldLinks(expanded, d.linked, find);
  // [IG Event[EncounterStatus] A08; R39-N5] a visit PUT whose `unknown` the message did not convey keeps the held
  // status; read after the links' check, which keeps its place first (its race, code review 27 CR27-2, is open: the
  // window from that check to the send grows by this one GET for such a PUT)
  const status = await carryHeldStatus(linked.entries, find);
  return { ...linked, entries: status.entries, changed: linked.changed || status.changed, versioned: new Set([...linked.versioned, ...status.versioned]) };
}

/** The Patient PUTs with the links the server holds; those that link marked before sending (held-links.ts). */
async function withHeldLinks(expanded: ExpandedEntries, linked: LinkedPatients, find: (type: string, query: string) => Promise<Record<string, unknown>[]>): Promise<ExpandedEntries> {
  const carried = await carryHeldLinks(expanded.entries, linked, find);
  await linked.mark(carried.linking);
  return { ...expanded, entries: carried.entries, changed: expanded.changed || carried.changed, versioned: new Set([...expanded.versioned, ...carried.versioned]) };
}

/** Once stored: the Patients found by search that the Bundle linked (a merge survivor's patch), by the server's answer. */
async function markLinked(d: Delivery, entries: readonly Record<string, unknown>[], results: readonly DeliveryEntry[]): Promise<void> {
  if (d.linked !== undefined) await d.linked.mark(linkedBySearch(entries, results));
}

async function deliverBundle(d: Delivery, bundle: Record<string, unknown>, json: string | undefined, mode: 'transaction' | 'batch', signal: AbortSignal): Promise<DeliveryOutcome> {
  const { entries, changed, versioned, resolved } = await prepared(d, bundle, signal);
  refuseOverlaps(entries, resolved, mode);
  const sent = changed ? { ...bundle, entry: entries } : bundle;
  // The Bundle's own text when it already is a Bundle of this type: the same bytes JSON.stringify
  // of asBundleOfType would give, without serialising it again (fhir-kit-client sends a string as is).
  const body = !changed && json !== undefined && bundle.resourceType === 'Bundle' && bundle.type === mode ? json : asBundleOfType(sent, mode);
  const answer = await d.exchange({ method: 'POST', url: '', body }, signal);
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
  await markLinked(d, entries, delivery.entries);
  return delivery;
}

/** One entry sent alone: its result; an outage stops the delivery (the rest would fail the same way, and the retry re-sends all: idempotent). */
async function sentAlone(d: Delivery, request: FhirRequest, label: string, signal: AbortSignal): Promise<{ result: DeliveryEntry; status: number }> {
  const answer = await d.exchange(request, signal);
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

async function deliverIndividually(d: Delivery, bundle: Record<string, unknown>, signal: AbortSignal): Promise<DeliveryOutcome> {
  const { entries, versioned } = await prepared(d, bundle, signal);
  const requests = entries.map((entry, index) => entryRequest(entry, index));
  const labels = entries.map((entry, index) => entryLabel(entry, index));
  const results: DeliveryEntry[] = [];
  let highest = 0;
  // In order, one at a time: later entries may reference earlier ones.
  for (const [index, request] of requests.entries()) {
    const { result, status } = await sentAlone(d, request, labels[index] ?? `#${index}`, signal);
    results.push(result);
    highest = Math.max(highest, status);
  }
  const delivery = { status: entries.length === 0 ? 200 : highest, entries: results };
  refusedVersions(results, versioned, 'individual');
  const failure = judgeEntries(delivery, labels, 'individual');
  if (failure !== undefined) throw failure;
  await markLinked(d, entries, results);
  return delivery;
}

export function createFhirDestination(config: FhirDestinationConfig, deps: Pick<DestinationDeps, 'env' | 'now' | 'linkedPatients'>): Destination {
  const dispatcher = config.tls === undefined ? undefined : createMtlsDispatcher(config.tls);
  const transport = fhirTransport({ baseUrl: config.baseUrl, headers: config.headers ?? {}, timeoutMs: config.timeoutMs, dispatcher });
  const auth = createAuth(config.auth, { env: deps.env, baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, dispatcher, now: deps.now });
  const exchange: Exchange = (request, signal) =>
    sendAuthorized(auth, signal, (authorization) => transport.send({ ...request, headers: { ...request.headers, ...(authorization === undefined ? {} : { authorization }) } }, signal));
  const d: Delivery = { exchange, now: deps.now, ...(deps.linkedPatients === undefined ? {} : { linked: deps.linkedPatients(config.baseUrl) }) };
  return {
    deliver(payload, context) {
      const { bundle, json } = expectPayload(payload, 'fhir', 'fhir');
      return config.mode === 'individual' ? deliverIndividually(d, bundle, context.signal) : deliverBundle(d, bundle, json, config.mode, context.signal);
    },
    async close() {
      if (dispatcher !== undefined) await (await dispatcher()).close();
    },
  };
}
