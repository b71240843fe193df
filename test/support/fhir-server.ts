/**
 * A small but real FHIR R4 server for tests: node:http(s) on 127.0.0.1 with a free port.
 *
 * - Answers `transaction` (atomic: all entries or none) and `batch` (entry by entry) Bundles with
 *   `transaction-response` / `batch-response` Bundles ("201 Created", location Type/id/_history/n).
 * - Keeps resources in memory by Type/id; a re-PUT updates (versionId + 1) instead of duplicating.
 *   Individual `PUT Type/id`, conditional `PUT Type?identifier=sys|val`, `POST Type` (with
 *   If-None-Exist), `GET Type/id`, `GET Type?search` (a searchset of every match, one page unless `paging`), `DELETE Type/id` / `DELETE Type?search`
 *   (204 whether held or not; several matches 412), and `PATCH Type/id` / `PATCH Type?identifier=…` (conditional: no
 *   match 404, several 412) with a JSON Patch (RFC 6902, json-patch.ts) as FHIR R4 http.html#patch
 *   has it: a plain request's body is the patch document with `Content-Type: application/json-patch+json`,
 *   a Bundle entry's is a Binary of that contentType; or with a FHIRPath Patch (a Parameters resource,
 *   fhirpath-patch.ts: add, delete, replace), plain under `application/fhir+json` or as the entry's
 *   resource (anything else 415). A transaction applies its
 *   entries in FHIR's order (http.html#trules: DELETE, POST, PUT/PATCH, GET; Bundle order within
 *   one method) and fails one whose PUT/PATCH/DELETE entries act on one `Type/id` twice (400, trules:
 *   identities may not overlap; overlapOf), a batch in Bundle order unless `batchOrder: 'reversed'`.
 * - Checks auth: none, a static bearer token, basic, or tokens it issued from its own token endpoint
 *   (client_credentials with client secret, basic or post, or a private_key_jwt assertion verified
 *   with jose against the client's public key) and serves `.well-known/smart-configuration`.
 * - Injects faults: any status (500, 503 + Retry-After, 429, 400/422 + OperationOutcome…), per-entry
 *   failures, slow answers, abrupt socket close, and "down for N ms" (refused, reset or 503).
 * - `serviceTimeMs` + `maxConcurrent` give it a fixed capacity for benchmarks.
 *
 * Other suites reuse it: keep the options backwards compatible.
 */
import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import http, { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { applyFhirPathPatch, FhirPathPatchError } from './fhirpath-patch.js';
import { applyJsonPatch, JsonPatchError } from './json-patch.js';

type Json = Record<string, unknown>;

export interface OAuthClient {
  clientId: string;
  /** Accepted via client_secret_basic or client_secret_post. */
  secret?: string;
  /** Verifies private_key_jwt assertions. */
  publicKey?: KeyObject | JWK;
  /** Assertion algorithms accepted. @defaultValue ['RS384', 'ES384'] */
  algs?: string[];
}

export type FixtureAuth =
  | { type: 'none' }
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  /** Only tokens issued by this server's token endpoint are accepted. */
  | { type: 'oauth'; clients: OAuthClient[]; tokenTtlS?: number };

export interface FhirServerOptions {
  /** @defaultValue { type: 'none' } */
  auth?: FixtureAuth;
  /** Path of the FHIR base. @defaultValue '/fhir' */
  basePath?: string;
  /** Fixed time each FHIR request spends "in service" before it is processed. @defaultValue 0 */
  serviceTimeMs?: number;
  /** Requests in service at once; the rest wait in FIFO order. Capacity = maxConcurrent / serviceTimeMs. @defaultValue Infinity */
  maxConcurrent?: number;
  /** Serve HTTPS; with `ca` and `requestCert` it demands a client certificate signed by `ca`. */
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer; requestCert?: boolean };
  /** Omit `token_endpoint` from smart-configuration, or serve none at all (404). */
  discovery?: 'normal' | 'no-token-endpoint' | 'missing';
  /**
   * Order a batch's entries are processed in. FHIR R4 http.html#brules allows any order (entries of
   * a batch SHALL NOT depend on each other); 'reversed' plays a server that does not keep the Bundle's.
   * @defaultValue 'given'
   */
  batchOrder?: 'given' | 'reversed';
  /**
   * Answer the instance history, `GET Type/id/_history` (FHIR R4 http.html#history); false plays a server without
   * it (400, as any unsupported path). @defaultValue true
   */
  history?: boolean;
  /**
   * Page searches as HAPI does (FHIR R4 http.html#paging, search.html#count): a search asking no `_count` gets
   * `defaultCount` matches, one asking more than `maxCount` gets `maxCount`; more matches than the page, the Bundle
   * carries a `next` link (the further page is not served: hig never reads one). Unset: every match on one page,
   * `_count` changes nothing.
   */
  paging?: Paging;
}

export interface Paging {
  /** The page a search without `_count` gets (HAPI's default: 20). */
  defaultCount: number;
  /** The largest page `_count` gets. @defaultValue Infinity */
  maxCount?: number;
}

/** Where a fault applies. @defaultValue 'fhir' */
export type FaultTarget = 'fhir' | 'token' | 'discovery';

export type Fault =
  | {
      kind: 'status';
      status: number;
      /** Retry-After header value as sent (seconds or HTTP-date). */
      retryAfter?: string;
      /** Body; an OperationOutcome for FHIR errors. */
      body?: unknown;
      times?: number;
      target?: FaultTarget;
    }
  /** Batch: these entries get these statuses (not applied). Transaction: the whole request fails with the first. */
  | { kind: 'entries'; failures: Array<{ index: number; status: number; outcome?: Json }>; times?: number }
  | { kind: 'slow'; delayMs: number; times?: number; target?: FaultTarget }
  /**
   * Hold the request on arrival (before it is processed) until `until` resolves; `arrived` is called with it
   * first. A barrier for races: the test decides when the request reaches the store, not the clock.
   */
  /**
   * `method`: only a request of that method takes it (a transaction's POST past the reads before it); `path`: only one
   * whose path and query contain it (one read among a delivery's reads, e.g. `Patient?_id=<id>`).
   */
  | { kind: 'hold'; until: Promise<void>; arrived?: (request: RecordedRequest) => void; times?: number; target?: FaultTarget; method?: string; path?: string }
  /** Read the request, then destroy the socket without answering. */
  | { kind: 'close'; times?: number; target?: FaultTarget }
  /** For `forMs` from now: connections refused (listener closed), reset, or 503. Applies to every route. */
  | { kind: 'down'; forMs: number; how?: 'refuse' | 'reset' | '503' };

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /fhir/Patient/1. */
  path: string;
  authorization: string | undefined;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON or form body. */
  body: unknown;
  at: number;
  /** Status we answered (undefined when the socket was closed). */
  status?: number;
}

export interface TokenGrant {
  clientId: string;
  /** How the client authenticated. */
  method: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  alg?: string;
  kid?: string;
  scope?: string;
  token: string;
  expiresAt: number;
}

export interface FhirServer {
  /** FHIR base URL, e.g. http://127.0.0.1:40123/fhir */
  url: string;
  origin: string;
  tokenUrl: string;
  /** Current version of every stored resource by "Type/id". Read it; store through requests (it is indexed). */
  resources: Map<string, Json>;
  /** FHIR requests (not token/discovery), in arrival order. */
  requests: RecordedRequest[];
  /** Token endpoint requests, in arrival order. */
  tokenRequests: RecordedRequest[];
  /** Tokens issued. */
  grants: TokenGrant[];
  /**
   * Replace the active faults (null or [] clears). A fault with `times` expires after that many matches.
   * Resolves once a 'refuse' outage has closed the listener (or, when clearing one, reopened it).
   */
  setFault(fault: Fault | Fault[] | null): Promise<void>;
  /** Make every issued token invalid (the next FHIR request gets 401). */
  revokeTokens(): void;
  /** Requests currently in service or waiting for it. */
  inFlight(): number;
  /** Resolves with the first FHIR request matching `match` answered from now on (its status sent). */
  answered(match: (request: RecordedRequest) => boolean): Promise<RecordedRequest>;
  close(): Promise<void>;
}

const defaults = { basePath: '/fhir', tokenTtlS: 300, tokenPath: '/auth/token' } as const;

function operationOutcome(code: string, diagnostics?: string): Json {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, ...(diagnostics === undefined ? {} : { diagnostics }) }],
  };
}

function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Outcome of applying one interaction to the store. */
interface Applied {
  status: number;
  resource?: Json;
  location?: string;
  outcome?: Json;
}

/**
 * The identifiers the `identifier` search parameter reads: `identifier`, and for a DocumentReference
 * `masterIdentifier` too [FHIR R4 documentreference.html#search: identifier =
 * DocumentReference.masterIdentifier | DocumentReference.identifier].
 */
function searchedIdentifiers(resource: Json | undefined): unknown[] {
  const identifiers = Array.isArray(resource?.identifier) ? resource.identifier : [];
  return resource?.resourceType === 'DocumentReference' && isJson(resource.masterIdentifier) ? [resource.masterIdentifier, ...identifiers] : identifiers;
}

/**
 * `identifier=sys|val`, `identifier=|val` (no system) or `identifier=val` (any system) against a
 * resource's identifiers (searchedIdentifiers) [FHIR R4 search.html#token].
 */
function hasIdentifier(resource: Json | undefined, value: string): boolean {
  const [system, code] = value.includes('|') ? value.split('|', 2) : [undefined, value];
  const identifiers = searchedIdentifiers(resource);
  const systemMatches = (i: Json) => (system === undefined ? true : system === '' ? i.system === undefined : i.system === system);
  return identifiers.some((i: unknown) => isJson(i) && i.value === code && systemMatches(i));
}

/**
 * `code=sys|code`, `code=|code` or `code=code` against a CodeableConcept's codings [FHIR R4
 * search.html#token], as identifier does.
 */
function hasCoding(resource: Json, value: string): boolean {
  const [system, code] = value.includes('|') ? value.split('|', 2) : [undefined, value];
  const codings = isJson(resource.code) && Array.isArray(resource.code.coding) ? resource.code.coding : [];
  return codings.some((c: unknown) => isJson(c) && c.code === code && (system === undefined ? true : system === '' ? c.system === undefined : c.system === system));
}

/** The literal references of `link[].other` (FHIR R4 Patient search parameter `link`: Patient.link.other). */
function linkedOthers(resource: Json): string[] {
  const links = Array.isArray(resource.link) ? resource.link : [];
  return links.flatMap((l: unknown) => (isJson(l) && isJson(l.other) && typeof l.other.reference === 'string' ? [l.other.reference] : []));
}

/**
 * `_tag=sys|code` (or `|code`, `code`) against a resource's meta.tag codings [FHIR R4 search.html#all
 * `_tag` (token)].
 */
function hasTag(resource: Json, value: string): boolean {
  const [system, code] = value.includes('|') ? value.split('|', 2) : [undefined, value];
  const tags = isJson(resource.meta) && Array.isArray(resource.meta.tag) ? resource.meta.tag : [];
  return tags.some((c: unknown) => isJson(c) && c.code === code && (system === undefined ? true : system === '' ? c.system === undefined : c.system === system));
}

/**
 * The search parameters hig's Bundles and the FHIR destination use: `_id` (comma values any of them, FHIR R4
 * search.html#combining), `identifier`, `code` (an order event sent
 * with its OBR), `subject` (a literal `Patient/id`; any of an Account's; `Patient/a,Patient/b` any of them, FHIR R4
 * search.html#combining), `subject:Patient.identifier` (chained, FHIR R4 search.html#chaining), a Patient's
 * `patient` (AllergyIntolerance.patient, RelatedPerson.patient: a literal `Patient/id`, comma values any of them), a
 * Coverage's `beneficiary` (a literal `Patient/id`), a Patient's
 * `link` (the records whose link names the given Patient, comma values any of them: the records merged into a
 * survivor, destinations/named-resources.ts mergedInto), a Coverage's `subscriber` (a literal reference, comma values
 * any of them) and `_tag` with `:not` (an order's search leaves out the
 * scheduler's request of a booking: FHIR R4 search.html#token `:not` "includes resources that have no value for
 * the parameter"); `_count` is accepted (it sizes the page only when the server pages: FhirServerOptions.paging); any other is unsupported.
 */
function matches(resource: Json, params: URLSearchParams, resolve: (reference: string) => Json | undefined): boolean | 'unsupported' {
  // Account.subject is a list (0..*): the search matches any of its references
  const subjects = (Array.isArray(resource.subject) ? resource.subject : [resource.subject]).flatMap((s: unknown) => (isJson(s) && typeof s.reference === 'string' ? [s.reference] : []));
  for (const [name, value] of params) {
    if (name === 'subject') {
      if (!value.split(',').some((v) => subjects.includes(v))) return false;
    } else if (name === 'patient') {
      // a clinical resource's `patient` reference (AllergyIntolerance.patient: an allergy list's read,
      // destinations/held-allergies.ts); comma values any of them
      const patient = isJson(resource.patient) && typeof resource.patient.reference === 'string' ? resource.patient.reference : undefined;
      if (patient === undefined || !value.split(',').includes(patient)) return false;
    } else if (name === 'beneficiary') {
      // Coverage.beneficiary (a literal `Patient/id`): a deleted person's coverages (destinations/person-delete.ts)
      const beneficiary = isJson(resource.beneficiary) && typeof resource.beneficiary.reference === 'string' ? resource.beneficiary.reference : undefined;
      if (beneficiary === undefined || !value.split(',').includes(beneficiary)) return false;
    } else if (name === 'subscriber' && resource.resourceType === 'Coverage') {
      // Coverage.subscriber, a literal `RelatedPerson/id` (comma values any of them): whether a held Coverage still
      // names a relative a contact list would end (destinations/held-lists.ts, code review 31 CR31-2). A batch's
      // `urn:uuid:<id>` (stored as sent here; hig's ids are those uuids) is read as the RelatedPerson it names, as a
      // server resolving the Bundle's references holds it
      const reference = isJson(resource.subscriber) && typeof resource.subscriber.reference === 'string' ? resource.subscriber.reference : undefined;
      const subscriber = reference?.startsWith('urn:uuid:') === true ? `RelatedPerson/${reference.slice('urn:uuid:'.length)}` : reference;
      if (subscriber === undefined || !value.split(',').includes(subscriber)) return false;
    } else if (name === 'link' && resource.resourceType === 'Patient') {
      if (!value.split(',').some((v) => linkedOthers(resource).includes(v))) return false;
    } else if (name === 'subject:Patient.identifier') {
      if (!subjects.some((subject: string) => subject.startsWith('Patient/') && hasIdentifier(resolve(subject), value))) return false;
    } else if (name === '_id') {
      if (!value.split(',').includes(String(resource.id))) return false;
    } else if (name === 'identifier') {
      if (!hasIdentifier(resource, value)) return false;
    } else if (name === 'code') {
      if (!hasCoding(resource, value)) return false;
    } else if (name === '_tag') {
      // comma values: any of them (FHIR R4 search.html#combining; an allergy list's read names several lists)
      if (!value.split(',').some((v) => hasTag(resource, v))) return false;
    } else if (name === 'intent' || name === 'status') {
      // token codes of the resource itself, any of comma values (held-gives.ts: a patient's open gives)
      if (!value.split(',').includes(String(resource[name]))) return false;
    } else if (name === '_count') {
      // not a criterion: the page size (searchset)
    } else if (name === '_tag:not') {
      if (hasTag(resource, value)) return false;
    } else {
      return 'unsupported';
    }
  }
  return true;
}

/** Index keys of a resource's identifiers: with system, and value-only (for `identifier=val`). */
function identifierKeys(type: string, resource: Json): string[] {
  return searchedIdentifiers(resource).flatMap((i: unknown) =>
    isJson(i) && typeof i.value === 'string'
      ? [`${type}\u0001${typeof i.system === 'string' ? i.system : ''}\u0001${i.value}`, `${type}\u0000${i.value}`]
      : [],
  );
}

/**
 * Resources by Type/id with an identifier index, so conditional updates stay O(1) however many
 * resources a benchmark stores, and an undo log that makes a transaction atomic without copying.
 */
/** The versions of a resource the instance history keeps (the newest). */
const KEPT_VERSIONS = 10;

class ResourceDb {
  readonly resources = new Map<string, Json>();
  /** Whether `GET Type/id/_history` is answered (FhirServerOptions.history). */
  constructor(
    readonly keepsHistory = true,
    /** How searches are paged (FhirServerOptions.paging); undefined: one page. */
    readonly paging?: Paging,
  ) {}
  private readonly byIdentifier = new Map<string, Set<string>>();
  private undo: Map<string, Json | undefined> | undefined;
  /** Every version written, by key, oldest first (a deletion: undefined): the instance history. */
  private readonly versions = new Map<string, (Json | undefined)[]>();
  /** The history lengths a transaction found, by key: a failed one's versions are dropped with its writes. */
  private versionsUndo: Map<string, number> | undefined;

  get(key: string): Json | undefined {
    return this.resources.get(key);
  }

  set(key: string, value: Json): void {
    if (this.undo !== undefined && !this.undo.has(key)) this.undo.set(key, this.resources.get(key));
    this.recordVersion(key, value);
    this.write(key, value);
  }

  /** Removes `key` (undone with the rest of a failed transaction). */
  remove(key: string): void {
    if (this.undo !== undefined && !this.undo.has(key)) this.undo.set(key, this.resources.get(key));
    if (this.resources.has(key)) this.recordVersion(key, undefined);
    this.write(key, undefined);
  }

  /** The versions of `key`, newest first (FHIR R4 http.html#history: "sorted with oldest versions last"). */
  history(key: string): (Json | undefined)[] {
    return [...(this.versions.get(key) ?? [])].reverse();
  }

  /** Run `work`; if it says not to commit, every write it made is undone. */
  atomically<T>(work: () => { commit: boolean; value: T }): T {
    this.undo = new Map();
    this.versionsUndo = new Map();
    try {
      const { commit, value } = work();
      if (!commit) {
        for (const [key, previous] of this.undo) this.write(key, previous);
        for (const [key, length] of this.versionsUndo) this.versions.get(key)?.splice(length);
      }
      return value;
    } finally {
      this.undo = undefined;
      this.versionsUndo = undefined;
    }
  }

  /**
   * One version more of `key`; the oldest beyond KEPT_VERSIONS are dropped (a benchmark's many updates stay bounded;
   * a test reads the newest few), but not within a transaction, whose failure truncates back to its start.
   */
  private recordVersion(key: string, value: Json | undefined): void {
    const list = this.versions.get(key) ?? [];
    if (this.versionsUndo === undefined && list.length >= KEPT_VERSIONS) list.splice(0, list.length - KEPT_VERSIONS + 1);
    if (this.versionsUndo !== undefined && !this.versionsUndo.has(key)) this.versionsUndo.set(key, list.length);
    list.push(value);
    this.versions.set(key, list);
  }

  /** `identifier=sys|val`, `identifier=val`, `_id=x` (`_id=x,y`: either). */
  search(type: string, query: string): Json[] | 'unsupported' {
    const params = new URLSearchParams(query);
    const names = [...params.keys()];
    let candidates: Iterable<string>;
    const [only] = names;
    if (only === 'identifier' && names.filter((n) => n === 'identifier').length === 1) {
      // the identifier narrows the candidates; matches() checks every parameter
      const value = params.get('identifier') ?? '';
      const key = value.includes('|')
        ? `${type}\u0001${value.slice(0, value.indexOf('|'))}\u0001${value.slice(value.indexOf('|') + 1)}`
        : `${type}\u0000${value}`;
      candidates = this.byIdentifier.get(key) ?? [];
    } else if (names.length === 1 && only === '_id') {
      candidates = (params.get('_id') ?? '').split(',').map((id) => `${type}/${id}`);
    } else {
      candidates = [...this.resources.keys()].filter((k) => k.startsWith(`${type}/`));
    }
    const found: Json[] = [];
    for (const key of candidates) {
      const resource = this.resources.get(key);
      if (resource === undefined) continue;
      const hit = matches(resource, params, (reference) => this.resources.get(reference));
      if (hit === 'unsupported') return 'unsupported';
      if (hit) found.push(resource);
    }
    return found;
  }

  private write(key: string, value: Json | undefined): void {
    const type = key.slice(0, key.indexOf('/'));
    const previous = this.resources.get(key);
    if (previous !== undefined) for (const k of identifierKeys(type, previous)) this.byIdentifier.get(k)?.delete(key);
    if (value === undefined) {
      this.resources.delete(key);
      return;
    }
    this.resources.set(key, value);
    for (const k of identifierKeys(type, value)) {
      let keys = this.byIdentifier.get(k);
      if (keys === undefined) this.byIdentifier.set(k, (keys = new Set()));
      keys.add(key);
    }
  }
}

/**
 * FHIR R4 transaction processing (http.html#trules): references to an entry's `fullUrl`
 * (`urn:uuid:…`) are replaced by the Type/id the entry got, in every resource the transaction wrote:
 * before each entry runs for the ids known then (PUT Type/id, entries already run), after the last
 * for forward references to entries the server named.
 */
function resolveReferences(db: ResourceDb, results: readonly Applied[], resolved: ReadonlyMap<string, string>): void {
  if (resolved.size === 0) return;
  for (const applied of results) {
    const key = applied.location?.split('/_history/')[0];
    if (key !== undefined) rewriteReferences(db.get(key), resolved);
  }
}

/** FHIR R4 http.html#trules: a transaction's DELETEs, then POSTs, then PUTs and PATCHes, then GETs. */
const TRANSACTION_RANK: Readonly<Record<string, number>> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };

/**
 * The order a transaction's entries are processed in: by method as FHIR R4 says, Bundle order within
 * one method (code review 19, CR19-8: in Bundle order the fixture was milder than a server, as hig's
 * Bundles list a Patient PUT before an order event's POST).
 */
function transactionOrder(entries: readonly unknown[]): number[] {
  const rank = (entry: unknown): number => {
    const method = isJson(entry) && isJson(entry.request) && typeof entry.request.method === 'string' ? entry.request.method.toUpperCase() : '';
    return TRANSACTION_RANK[method] ?? 4;
  };
  return entries.map((_, index) => index).sort((a, b) => rank(entries[a]) - rank(entries[b]) || a - b);
}

/** Methods whose entry names the resource it writes (by id, or by a search it resolves): FHIR R4 http.html#trules steps 1 and 3. */
const IDENTIFIED_WRITES: ReadonlySet<string> = new Set(['DELETE', 'PUT', 'PATCH']);

/**
 * FHIR R4 http.html#trules: "If any resource identities (including resolved identities from
 * conditional update/delete) overlap in steps 1-3, then the transaction SHALL fail." A PUT, PATCH or
 * DELETE (by id, or resolved from its search) on a `Type/id` an earlier entry of the transaction wrote
 * fails it: 400 with an OperationOutcome, as a conforming server answers (code review 24, CR24-3: this
 * fixture accepted a PATCH and a PUT of one ServiceRequest). A POST is not counted: a plain create has
 * an id of its own, and a conditional create that finds its match writes nothing; hig's conditional
 * create + PATCH of one resource rests on that reading (code review 19, CR19-9, open).
 */
function overlapOf(written: Map<string, number>, entry: unknown, index: number, applied: Applied): Applied | undefined {
  const method = isJson(entry) && isJson(entry.request) && typeof entry.request.method === 'string' ? entry.request.method.toUpperCase() : '';
  const key = applied.location?.split('/_history/')[0];
  if (!IDENTIFIED_WRITES.has(method) || key === undefined) return undefined;
  const earlier = written.get(key);
  if (earlier === undefined) {
    written.set(key, index);
    return undefined;
  }
  return { status: 400, outcome: operationOutcome('processing', `entries #${earlier} and #${index} both act on ${key} (http.html#trules: identities may not overlap)`) };
}

/** Replaces, in place, every `reference` that is a resolved fullUrl. */
function rewriteReferences(node: unknown, resolved: ReadonlyMap<string, string>): void {
  if (Array.isArray(node)) for (const item of node) rewriteReferences(item, resolved);
  else if (isJson(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'reference' && typeof value === 'string' && resolved.has(value)) node[key] = resolved.get(value);
      else rewriteReferences(value, resolved);
    }
  }
}

/** The entry with its resource's references to entries resolved so far (a copy: the recorded request stays as sent). */
function withResolvedReferences(entry: unknown, resolved: ReadonlyMap<string, string>): unknown {
  if (!isJson(entry) || !isJson(entry.resource) || resolved.size === 0) return entry;
  const resource = structuredClone(entry.resource);
  rewriteReferences(resource, resolved);
  return { ...entry, resource };
}

/** Store `resource` as Type/id, bumping the version; 201 for a new id, 200 for an update. */
function store(db: ResourceDb, type: string, id: string, resource: Json): Applied {
  const key = `${type}/${id}`;
  const previous = db.get(key);
  const previousVersion = isJson(previous?.meta) ? Number(previous.meta.versionId) : 0;
  const versionId = String(previousVersion + 1);
  const saved = {
    ...resource,
    id,
    meta: { ...(isJson(resource.meta) ? resource.meta : {}), versionId, lastUpdated: new Date().toISOString() },
  };
  db.set(key, saved);
  return { status: previous === undefined ? 201 : 200, resource: saved, location: `${key}/_history/${versionId}` };
}

const typePattern = /^[A-Z][A-Za-z]+$/;
const idPattern = /^[A-Za-z0-9\-.]{1,64}$/;

/** One FHIR interaction against the store: what both Bundle entries and plain requests go through. */
function apply(
  db: ResourceDb,
  method: string,
  url: string,
  resource: unknown,
  headers: Record<string, string | undefined>,
): Applied {
  const [path = '', query] = url.replace(/^\/+/, '').split('?', 2) as [string, string | undefined];
  const [type = '', id, ...rest] = path.split('/');
  if (method === 'GET' && db.keepsHistory && typePattern.test(type) && id !== undefined && rest.length === 1 && rest[0] === '_history') return instanceHistory(db, type, id);
  if (!typePattern.test(type) || rest.length > 0) return { status: 400, outcome: operationOutcome('not-supported') };

  if (method === 'GET') {
    if (id === undefined && query !== undefined) return searchset(db, type, query);
    const found = id === undefined ? undefined : db.get(`${type}/${id}`);
    return found === undefined ? { status: 404, outcome: operationOutcome('not-found') } : { status: 200, resource: found };
  }
  if (method === 'PATCH') return patch(db, type, id, query, resource, headers);
  if (method === 'DELETE') {
    // If-Match on a DELETE by id (Bundle.entry.request.ifMatch: "only perform the operation if the Etag value matches")
    const mismatch = id === undefined ? undefined : versionMismatch(db.get(`${type}/${id}`), headers['if-match']);
    return mismatch ?? remove(db, type, id, query);
  }
  if (method !== 'PUT' && method !== 'POST') return { status: 405, outcome: operationOutcome('not-supported') };
  if (!isJson(resource)) return { status: 400, outcome: operationOutcome('structure', 'no resource') };
  if (resource.resourceType !== type) return { status: 400, outcome: operationOutcome('invalid', 'resourceType does not match URL') };

  if (method === 'POST') {
    if (id !== undefined || query !== undefined) return { status: 400, outcome: operationOutcome('not-supported') };
    const ifNoneExist = headers['if-none-exist'];
    if (ifNoneExist !== undefined) {
      const found = db.search(type, ifNoneExist);
      if (found === 'unsupported') return { status: 400, outcome: operationOutcome('not-supported') };
      if (found.length > 1) return { status: 412, outcome: operationOutcome('duplicate', 'multiple matches') };
      const [only] = found;
      if (only !== undefined) {
        return { status: 200, resource: only, location: `${type}/${String(only.id)}/_history/${String((only.meta as Json).versionId)}` };
      }
    }
    return store(db, type, randomUUID(), resource);
  }

  // PUT
  if (query !== undefined) {
    if (id !== undefined) return { status: 400, outcome: operationOutcome('not-supported') };
    const found = db.search(type, query);
    if (found === 'unsupported') return { status: 400, outcome: operationOutcome('not-supported') };
    if (found.length > 1) return { status: 412, outcome: operationOutcome('duplicate', 'multiple matches') };
    const [only] = found;
    if (only !== undefined) {
      if (resource.id !== undefined && resource.id !== only.id) {
        return { status: 400, outcome: operationOutcome('invalid', 'id does not match the matched resource') };
      }
      return store(db, type, String(only.id), resource);
    }
    const newId = typeof resource.id === 'string' && idPattern.test(resource.id) ? resource.id : randomUUID();
    return store(db, type, newId, resource);
  }
  if (id === undefined || !idPattern.test(id)) return { status: 400, outcome: operationOutcome('invalid', 'bad id') };
  if (resource.id !== id) return { status: 400, outcome: operationOutcome('invalid', 'resource.id must match the URL id') };
  const mismatch = versionMismatch(db.get(`${type}/${id}`), headers['if-match']);
  if (mismatch !== undefined) return mismatch;
  return store(db, type, id, resource);
}

/**
 * `GET Type/id/_history` (FHIR R4 http.html#history, instance): a history Bundle of every version, newest first, a
 * deleted one without its resource; one page (`_count` changes nothing); none written, 404.
 */
function instanceHistory(db: ResourceDb, type: string, id: string): Applied {
  const versions = db.history(`${type}/${id}`);
  if (versions.length === 0) return { status: 404, outcome: operationOutcome('not-found') };
  const entry = versions.map((r) => (r === undefined ? { request: { method: 'DELETE', url: `${type}/${id}` }, response: { status: '204 No Content' } } : { fullUrl: `${type}/${id}`, resource: r, request: { method: 'PUT', url: `${type}/${id}` }, response: { status: '200 OK' } }));
  return { status: 200, resource: { resourceType: 'Bundle', type: 'history', total: entry.length, entry } };
}

/**
 * `GET Type?query` (FHIR R4 http.html#search): a searchset Bundle of the matches, on one page; paged
 * (FhirServerOptions.paging), the first page, with a `next` link when more match.
 */
function searchset(db: ResourceDb, type: string, query: string): Applied {
  const found = db.search(type, query);
  if (found === 'unsupported') return { status: 400, outcome: operationOutcome('not-supported') };
  const size = pageSize(db.paging, new URLSearchParams(query).get('_count'));
  const entry = found.slice(0, size).map((r) => ({ fullUrl: `${type}/${String(r.id)}`, resource: r, search: { mode: 'match' } }));
  const link = found.length > size ? [{ relation: 'next', url: `${type}?${query}&_getpagesoffset=${size}` }] : [];
  return { status: 200, resource: { resourceType: 'Bundle', type: 'searchset', total: found.length, ...(link.length > 0 ? { link } : {}), entry } };
}

/** The page a search gets (FhirServerOptions.paging): unpaged, every match. */
function pageSize(paging: Paging | undefined, count: string | null): number {
  if (paging === undefined) return Number.POSITIVE_INFINITY;
  const asked = count !== null && /^[0-9]+$/.test(count) ? Number(count) : paging.defaultCount;
  return Math.min(asked, paging.maxCount ?? Number.POSITIVE_INFINITY);
}

/** If-Match against the stored version: undefined when it holds (or none was sent). */
function versionMismatch(current: Json | undefined, ifMatch: string | undefined): Applied | undefined {
  if (ifMatch === undefined) return undefined;
  const version = isJson(current?.meta) ? String(current.meta.versionId) : undefined;
  return ifMatch === `W/"${version}"` ? undefined : { status: 412, outcome: operationOutcome('conflict', 'version mismatch') };
}

/**
 * DELETE `Type/id` or `Type?search` (FHIR R4 http.html#delete): 204 whether or not the resource was held
 * ("performing this interaction on a resource that is already deleted has no effect"); a search matching
 * several is 412 (conditional delete of one). The location names what was deleted, for the overlap check.
 */
function remove(db: ResourceDb, type: string, id: string | undefined, query: string | undefined): Applied {
  if (query === undefined) {
    if (id === undefined || !idPattern.test(id)) return { status: 400, outcome: operationOutcome('invalid', 'bad id') };
    db.remove(`${type}/${id}`);
    return { status: 204, location: `${type}/${id}` };
  }
  if (id !== undefined) return { status: 400, outcome: operationOutcome('not-supported') };
  const matches = db.search(type, query);
  if (matches === 'unsupported') return { status: 400, outcome: operationOutcome('not-supported') };
  if (matches.length > 1) return { status: 412, outcome: operationOutcome('duplicate', 'multiple matches') };
  const [only] = matches;
  if (only === undefined) return { status: 204 };
  db.remove(`${type}/${String(only.id)}`);
  return { status: 204, location: `${type}/${String(only.id)}` };
}

/** The resource a PATCH names: by id, or the one its search finds (none 404, several 412); else the status. */
function patchTarget(db: ResourceDb, type: string, id: string | undefined, query: string | undefined): { found: Json } | Applied {
  if (query === undefined) {
    if (id === undefined || !idPattern.test(id)) return { status: 400, outcome: operationOutcome('invalid', 'bad id') };
    const current = db.get(`${type}/${id}`);
    return current === undefined ? { status: 404, outcome: operationOutcome('not-found') } : { found: current };
  }
  if (id !== undefined) return { status: 400, outcome: operationOutcome('not-supported') };
  const matches = db.search(type, query);
  if (matches === 'unsupported') return { status: 400, outcome: operationOutcome('not-supported') };
  if (matches.length > 1) return { status: 412, outcome: operationOutcome('duplicate', 'multiple matches') };
  const [only] = matches;
  return only === undefined ? { status: 404, outcome: operationOutcome('not-found', 'no match') } : { found: only };
}

/**
 * PATCH `Type/id` or `Type?search` with a JSON Patch (`document`, already taken out of the request
 * or the entry's Binary) or a FHIRPath Patch (a Parameters resource): applied whole or not at all; a malformed document is 400, one that does
 * not apply 422, and the result must stay the same resource (type and id).
 */
function patch(
  db: ResourceDb,
  type: string,
  id: string | undefined,
  query: string | undefined,
  document: unknown,
  headers: Record<string, string | undefined>,
): Applied {
  const target = patchTarget(db, type, id, query);
  if (!('found' in target)) return target;
  const current = target.found;
  const mismatch = versionMismatch(current, headers['if-match']);
  if (mismatch !== undefined) return mismatch;
  let patched: unknown;
  try {
    patched = isJson(document) && document.resourceType === 'Parameters' ? applyFhirPathPatch(current, document) : applyJsonPatch(current, document);
  } catch (err) {
    if (!(err instanceof JsonPatchError) && !(err instanceof FhirPathPatchError)) throw err;
    return err.kind === 'invalid'
      ? { status: 400, outcome: operationOutcome('structure', err.message) }
      : { status: 422, outcome: operationOutcome('processing', err.message) };
  }
  if (!isJson(patched) || patched.resourceType !== type || patched.id !== current.id) {
    return { status: 422, outcome: operationOutcome('processing', 'a patch cannot change the resource type or id') };
  }
  return store(db, type, String(current.id), patched);
}

const JSON_PATCH = 'application/json-patch+json';

/** The media type of a Content-Type value, without parameters, lower case. */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

/**
 * The patch a PATCH entry of a Bundle carries (FHIR R4 http.html#patch: a JSON Patch as a Binary of
 * contentType application/json-patch+json, the document base64 in `data`; a FHIRPath Patch as the
 * Parameters resource itself), or the status refusing it: 415 for any other form.
 */
function entryPatchDocument(resource: unknown): { document: unknown } | Applied {
  if (!isJson(resource)) return { status: 400, outcome: operationOutcome('structure', 'no patch document') };
  if (resource.resourceType === 'Parameters') return { document: resource };
  if (resource.resourceType !== 'Binary' || mediaType(typeof resource.contentType === 'string' ? resource.contentType : undefined) !== JSON_PATCH) {
    return { status: 415, outcome: operationOutcome('not-supported', `only a Binary of ${JSON_PATCH}`) };
  }
  if (typeof resource.data !== 'string') return { status: 400, outcome: operationOutcome('structure', 'Binary without data') };
  try {
    return { document: JSON.parse(Buffer.from(resource.data, 'base64').toString('utf8')) as unknown };
  } catch {
    return { status: 400, outcome: operationOutcome('structure', 'Binary data is not JSON') };
  }
}

function entryHeaders(request: Json): Record<string, string | undefined> {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    'if-none-exist': text(request.ifNoneExist),
    'if-match': text(request.ifMatch),
    'if-none-match': text(request.ifNoneMatch),
  };
}

function responseEntry(applied: Applied): Json {
  return {
    response: {
      status: statusLine(applied.status),
      ...(applied.location === undefined ? {} : { location: applied.location, etag: `W/"${applied.location.split('/').pop()}"` }),
      ...(applied.outcome === undefined ? {} : { outcome: applied.outcome }),
    },
  };
}

/** Resolve a Basic header into its (form-urlencoded, RFC 6749 §2.3.1) parts. */
function basicCredentials(header: string | undefined): [string, string] | undefined {
  if (header === undefined || !header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return [unform(decoded.slice(0, colon)), unform(decoded.slice(colon + 1))];
}

export async function startFhirServer(options: FhirServerOptions = {}): Promise<FhirServer> {
  const auth = options.auth ?? { type: 'none' };
  const basePath = (options.basePath ?? defaults.basePath).replace(/\/+$/, '');
  const db = new ResourceDb(options.history ?? true, options.paging);
  const requests: RecordedRequest[] = [];
  const tokenRequests: RecordedRequest[] = [];
  const grants: TokenGrant[] = [];
  const validTokens = new Map<string, TokenGrant>();
  const seenJti = new Set<string>();
  let faults: Fault[] = [];
  let downUntil = 0;
  let downHow: 'refuse' | 'reset' | '503' = 'refuse';
  let inService = 0;
  let waiting = 0;
  const queue: Array<() => void> = [];
  const maxConcurrent = options.maxConcurrent ?? Number.POSITIVE_INFINITY;

  const scheme = options.tls === undefined ? 'http' : 'https';
  let origin = '';
  let tokenUrl = '';

  /** First live fault for this target; consumes one of its `times`. */
  function takeFault(target: FaultTarget, kinds: Fault['kind'][], method?: string, path?: string): Fault | undefined {
    const index = faults.findIndex(
      (f) =>
        kinds.includes(f.kind) &&
        f.kind !== 'down' &&
        (('target' in f ? f.target : undefined) ?? 'fhir') === target &&
        (!('method' in f) || f.method === undefined || f.method === method) &&
        (!('path' in f) || f.path === undefined || (path ?? '').includes(f.path)),
    );
    const fault = faults[index];
    if (fault === undefined || fault.kind === 'down') return undefined;
    if (fault.times !== undefined) {
      const left = fault.times - 1;
      faults = left <= 0 ? faults.filter((_, i) => i !== index) : faults.map((f, i) => (i === index ? { ...fault, times: left } : f));
    }
    return fault;
  }

  function send(res: ServerResponse, record: RecordedRequest, status: number, body: unknown, headers: Record<string, string> = {}) {
    record.status = status;
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/plain' : 'application/fhir+json',
      ...headers,
    });
    res.end(text);
    for (const waiter of [...waiters]) {
      if (!requests.includes(record) || !waiter.match(record)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(record);
    }
  }
  const waiters: Array<{ match: (request: RecordedRequest) => boolean; resolve: (request: RecordedRequest) => void }> = [];

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function parseBody(text: string, contentType: string | undefined): unknown {
    if (text === '') return undefined;
    if (contentType?.includes('x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  /** Fixed service time with at most `maxConcurrent` in service (FIFO): a server of known capacity. */
  async function serve<T>(work: () => T): Promise<T> {
    const serviceTimeMs = options.serviceTimeMs ?? 0;
    if (serviceTimeMs <= 0 && maxConcurrent === Number.POSITIVE_INFINITY) return work();
    waiting += 1;
    if (inService >= maxConcurrent) await new Promise<void>((resolve) => queue.push(resolve));
    waiting -= 1;
    inService += 1;
    try {
      if (serviceTimeMs > 0) await sleep(serviceTimeMs);
      return work();
    } finally {
      inService -= 1;
      queue.shift()?.();
    }
  }

  function authorized(header: string | undefined): boolean {
    switch (auth.type) {
      case 'none':
        return true;
      case 'bearer':
        return header === `Bearer ${auth.token}`;
      case 'basic': {
        const credentials = basicCredentials(header);
        return credentials?.[0] === auth.username && credentials[1] === auth.password;
      }
      case 'oauth': {
        if (header === undefined || !header.startsWith('Bearer ')) return false;
        const grant = validTokens.get(header.slice(7));
        return grant !== undefined && grant.expiresAt > Date.now();
      }
    }
  }

  async function verifyAssertion(form: Record<string, string>): Promise<Omit<TokenGrant, 'token' | 'expiresAt' | 'scope'> | undefined> {
    if (auth.type !== 'oauth') return undefined;
    const assertion = form.client_assertion ?? '';
    if (form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return undefined;
    try {
      const claims = decodeJwt(assertion);
      const header = decodeProtectedHeader(assertion);
      const client = auth.clients.find((c) => c.clientId === claims.iss);
      if (client?.publicKey === undefined) return undefined;
      const key = 'kty' in client.publicKey ? await importJWK(client.publicKey as JWK, header.alg) : client.publicKey;
      const { payload } = await jwtVerify(assertion, key, {
        issuer: client.clientId,
        subject: client.clientId,
        audience: tokenUrl,
        algorithms: client.algs ?? ['RS384', 'ES384'],
        requiredClaims: ['exp', 'jti'],
      });
      // SMART: exp no more than five minutes in the future; jti never reused.
      if ((payload.exp ?? 0) > Date.now() / 1000 + 300 + 5) return undefined;
      if (payload.jti === undefined || seenJti.has(payload.jti)) return undefined;
      seenJti.add(payload.jti);
      return {
        clientId: client.clientId,
        method: 'private_key_jwt',
        ...(header.alg === undefined ? {} : { alg: header.alg }),
        ...(header.kid === undefined ? {} : { kid: header.kid }),
      };
    } catch {
      return undefined;
    }
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse, record: RecordedRequest) {
    const form = isJson(record.body) ? (record.body as Record<string, string>) : {};
    if (auth.type !== 'oauth') return send(res, record, 404, { error: 'not_found' });
    if (form.grant_type !== 'client_credentials') return send(res, record, 400, { error: 'unsupported_grant_type' });
    let who: Omit<TokenGrant, 'token' | 'expiresAt' | 'scope'> | undefined;
    const basic = basicCredentials(req.headers.authorization);
    if (basic !== undefined) {
      const client = auth.clients.find((c) => c.clientId === basic[0]);
      if (client?.secret !== undefined && client.secret === basic[1]) who = { clientId: client.clientId, method: 'client_secret_basic' };
    } else if (form.client_secret !== undefined) {
      const client = auth.clients.find((c) => c.clientId === form.client_id);
      if (client?.secret !== undefined && client.secret === form.client_secret) who = { clientId: client.clientId, method: 'client_secret_post' };
    } else {
      who = await verifyAssertion(form);
    }
    if (who === undefined) return send(res, record, 401, { error: 'invalid_client' }, { 'content-type': 'application/json' });
    const ttl = auth.tokenTtlS ?? defaults.tokenTtlS;
    const grant: TokenGrant = {
      ...who,
      ...(form.scope === undefined ? {} : { scope: form.scope }),
      token: randomBytes(24).toString('base64url'),
      expiresAt: Date.now() + ttl * 1000,
    };
    grants.push(grant);
    validTokens.set(grant.token, grant);
    send(
      res,
      record,
      200,
      { access_token: grant.token, token_type: 'bearer', expires_in: ttl, ...(grant.scope === undefined ? {} : { scope: grant.scope }) },
      { 'content-type': 'application/json', 'cache-control': 'no-store' },
    );
  }

  function discovery(res: ServerResponse, record: RecordedRequest) {
    if (options.discovery === 'missing') return send(res, record, 404, operationOutcome('not-found'));
    send(
      res,
      record,
      200,
      {
        ...(options.discovery === 'no-token-endpoint' ? {} : { token_endpoint: tokenUrl }),
        token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
        token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
        grant_types_supported: ['client_credentials'],
        scopes_supported: ['system/*.read', 'system/*.write'],
        capabilities: ['client-confidential-asymmetric'],
      },
      { 'content-type': 'application/json' },
    );
  }

  function bundle(res: ServerResponse, record: RecordedRequest, entryFault: Fault | undefined) {
    const body = record.body;
    if (!isJson(body) || body.resourceType !== 'Bundle' || (body.type !== 'transaction' && body.type !== 'batch')) {
      return send(res, record, 400, operationOutcome('invalid', 'expected a transaction or batch Bundle'));
    }
    const entries = Array.isArray(body.entry) ? body.entry : [];
    const injected = new Map(entryFault?.kind === 'entries' ? entryFault.failures.map((f) => [f.index, f]) : []);
    const applyEntry = (entry: unknown, index: number): Applied => {
      const forced = injected.get(index);
      if (forced !== undefined) return { status: forced.status, outcome: forced.outcome ?? operationOutcome('processing') };
      if (!isJson(entry) || !isJson(entry.request)) return { status: 400, outcome: operationOutcome('structure', 'entry.request missing') };
      const { method, url } = entry.request;
      if (typeof method !== 'string' || typeof url !== 'string') return { status: 400, outcome: operationOutcome('structure') };
      if (method.toUpperCase() !== 'PATCH') return apply(db, method, url, entry.resource, entryHeaders(entry.request));
      const taken = entryPatchDocument(entry.resource);
      return 'document' in taken ? apply(db, 'PATCH', url, taken.document, entryHeaders(entry.request)) : taken;
    };

    if (body.type === 'batch') {
      const order = entries.map((_, index) => index);
      if (options.batchOrder === 'reversed') order.reverse();
      const results: Applied[] = [];
      for (const index of order) results[index] = applyEntry(entries[index], index);
      return send(res, record, 200, { resourceType: 'Bundle', type: 'batch-response', entry: results.map(responseEntry) });
    }
    // Transaction: all entries or none.
    const failed = db.atomically(() => {
      const results: Applied[] = [];
      // the ids PUT entries name are known before any entry runs; the others once their entry ran
      const resolved = new Map<string, string>();
      for (const entry of entries) {
        const url = isJson(entry) && isJson(entry.request) ? entry.request.url : undefined;
        if (isJson(entry) && typeof entry.fullUrl === 'string' && typeof url === 'string' && /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/.test(url)) resolved.set(entry.fullUrl, url);
      }
      const written = new Map<string, number>();
      for (const index of transactionOrder(entries)) {
        const entry = entries[index];
        const applied = applyEntry(withResolvedReferences(entry, resolved), index);
        if (applied.status >= 400) return { commit: false, value: applied };
        const overlap = overlapOf(written, entry, index, applied);
        if (overlap !== undefined) return { commit: false, value: overlap };
        results[index] = applied;
        const location = applied.location?.split('/_history/')[0];
        if (isJson(entry) && typeof entry.fullUrl === 'string' && location !== undefined) resolved.set(entry.fullUrl, location);
      }
      resolveReferences(db, results, resolved);
      send(res, record, 200, { resourceType: 'Bundle', type: 'transaction-response', entry: results.map(responseEntry) });
      return { commit: true, value: undefined };
    });
    if (failed !== undefined) send(res, record, failed.status, failed.outcome ?? operationOutcome('processing'));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', origin);
    const route: FaultTarget =
      url.pathname === defaults.tokenPath ? 'token' : url.pathname.endsWith('/.well-known/smart-configuration') ? 'discovery' : 'fhir';
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      headers: req.headers,
      body: parseBody(text, req.headers['content-type']),
      at: Date.now(),
    };
    (route === 'token' ? tokenRequests : route === 'fhir' ? requests : []).push(record);

    if (Date.now() < downUntil) {
      if (downHow === '503') return send(res, record, 503, operationOutcome('transient'));
      req.socket.destroy();
      return;
    }
    // Pick this request's faults on arrival: a slow request must not wake up later and take a fault
    // that a later test set for a later request.
    const slow = takeFault(route, ['slow']);
    const hold = takeFault(route, ['hold'], req.method, record.path);
    const fault = takeFault(route, ['status', 'close']);
    const entryFault = route === 'fhir' && req.method === 'POST' ? takeFault('fhir', ['entries']) : undefined;
    if (slow?.kind === 'slow') await sleep(slow.delayMs);
    if (hold?.kind === 'hold') {
      hold.arrived?.(record);
      await hold.until;
    }
    if (fault?.kind === 'close') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      return send(res, record, fault.status, fault.body ?? (fault.status >= 400 ? operationOutcome(fault.status >= 500 ? 'exception' : 'processing') : undefined), {
        ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }),
      });
    }

    if (route === 'token' && req.method === 'POST') return tokenEndpoint(req, res, record);
    if (route === 'discovery' && req.method === 'GET') return discovery(res, record);
    if (!url.pathname.startsWith(basePath)) return send(res, record, 404, operationOutcome('not-found'));

    return serve(() => {
      if (!authorized(req.headers.authorization)) {
        return send(res, record, 401, operationOutcome('login'), { 'www-authenticate': 'Bearer realm="fhir"' });
      }
      const rest = url.pathname.slice(basePath.length).replace(/^\/+/, '');
      if (rest === '' && req.method === 'POST') return bundle(res, record, entryFault);
      if (rest === 'metadata') {
        return send(res, record, 200, { resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1' });
      }
      const headers = {
        'if-none-exist': req.headers['if-none-exist'] as string | undefined,
        'if-match': req.headers['if-match'] as string | undefined,
      };
      // FHIR R4 http.html#patch: a JSON Patch is sent as itself, under its own media type; a FHIRPath
      // Patch is a FHIR resource (Parameters) under application/fhir+json
      const fhirPathPatch = mediaType(req.headers['content-type']) === 'application/fhir+json' && isJson(record.body) && record.body.resourceType === 'Parameters';
      if (req.method === 'PATCH' && mediaType(req.headers['content-type']) !== JSON_PATCH && !fhirPathPatch) {
        return send(res, record, 415, operationOutcome('not-supported', `PATCH takes ${JSON_PATCH} or a FHIRPath Patch`));
      }
      const applied = apply(db, req.method ?? 'GET', `${rest}${url.search}`, record.body, headers);
      if (applied.status >= 400) return send(res, record, applied.status, applied.outcome);
      const version = applied.location?.split('/').pop();
      send(res, record, applied.status, applied.resource, {
        ...(applied.location === undefined ? {} : { location: `${origin}${basePath}/${applied.location}`, etag: `W/"${version ?? ''}"` }),
      });
    });
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const server =
    options.tls === undefined
      ? http.createServer(listener)
      : https.createServer(
          {
            key: options.tls.key,
            cert: options.tls.cert,
            ...(options.tls.ca === undefined ? {} : { ca: options.tls.ca }),
            requestCert: options.tls.requestCert ?? false,
            rejectUnauthorized: options.tls.requestCert ?? false,
          },
          listener,
        );
  // Longer than the client's keep-alive, so the server never closes a socket the client is about to reuse.
  server.keepAliveTimeout = 60_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);
  origin = `${scheme}://127.0.0.1:${port}`;
  tokenUrl = `${origin}${defaults.tokenPath}`;

  let reopenTimer: NodeJS.Timeout | undefined;
  let closed = false;
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  /** Re-listen on the same port after a 'refuse' outage; another process could take it, so retry briefly. */
  async function reopen() {
    for (let attempt = 0; attempt < 100 && !closed; attempt += 1) {
      try {
        await listen(port);
        return;
      } catch {
        await sleep(20);
      }
    }
  }

  return {
    url: `${origin}${basePath}`,
    origin,
    tokenUrl,
    resources: db.resources,
    requests,
    tokenRequests,
    grants,
    async setFault(fault) {
      const list = fault === null ? [] : Array.isArray(fault) ? fault : [fault];
      faults = list.filter((f) => f.kind !== 'down');
      const down = list.find((f) => f.kind === 'down');
      if (down?.kind === 'down') {
        downUntil = Date.now() + down.forMs;
        downHow = down.how ?? 'refuse';
        if (downHow === 'refuse') {
          clearTimeout(reopenTimer);
          reopenTimer = setTimeout(() => void reopen(), down.forMs);
          await stopListening();
          // Let clients see their pooled sockets close, so the next request really meets a closed port.
          await sleep(50);
        }
      } else {
        downUntil = 0;
        // Ending a 'refuse' outage early: listen again now.
        if (!server.listening && !closed) {
          clearTimeout(reopenTimer);
          await reopen();
        }
      }
    },
    revokeTokens() {
      validTokens.clear();
    },
    inFlight: () => inService + waiting,
    answered: (match) => new Promise((resolve) => waiters.push({ match, resolve })),
    async close() {
      closed = true;
      clearTimeout(reopenTimer);
      for (const wake of queue.splice(0)) wake();
      await stopListening();
    },
  };
}
