/**
 * Updates that keep what the message omits (`omittedFields: 'keep'`).
 *
 * [v2.5.1 2.5.3 / 2.6.3] a field that is not sent leaves the receiver's value unchanged; only the
 * explicit null `""` deletes it. A full `PUT` cannot say "unchanged": an A08 without PID-11
 * removes the address the receiver holds. So a record resource that other messages mention
 * partially (a Patient, a visit, a practitioner named in ORC-12) and that a search identifies is
 * sent as two transaction entries:
 *
 * 1. `POST Type` with `ifNoneExist: <search>`: creates the resource when the server has none
 *    (FHIR conditional create: a server-chosen id; the entry's `fullUrl` is what the Bundle's
 *    references use, and the server resolves them to the created or matched resource);
 * 2. `PATCH Type?<search>` with a JSON Patch (RFC 6902, carried in a Binary as FHIR R4 http.html
 *    #patch says for transactions): every top-level element the message sent replaces the
 *    server's (`add` replaces an existing member), elements whose v2 field was `""` are removed,
 *    and nothing else is touched. FHIR processes POST before PATCH in a transaction, so the PATCH
 *    always finds exactly the resource entry 1 created or matched.
 *
 * Resources without an identifying search (identified by facts: their id is `PUT Type/id`), and
 * clinical records whose every message carries the whole record (a result, an order), stay full
 * `PUT`s. docs/mapping.md "Explicit null and empties" states the rule and its gaps.
 */
import type { Json, Resource } from './types.js';

/**
 * Record resources several messages mention partially: patched, not replaced. Practitioner,
 * Organization and Location stay `PUT Type/id`: a patch can only reference a resource by a
 * literal id, and those are what patches of a Patient or Encounter point at (assigner, location,
 * participant); a kept resource's id is the server's.
 */
export const KEPT_TYPES: ReadonlySet<string> = new Set(['Patient', 'Encounter', 'Account']);

/**
 * Elements left out of a patch: the owner a kept resource was created with (a visit's, an
 * account's patient). The patch could only name it logically; moving a visit to another patient
 * (A45) under `keep` is a known gap (docs/mapping.md).
 */
const OWNER: Readonly<Record<string, readonly string[]>> = { Encounter: ['subject'], Account: ['subject'] };

/** How a patch names a resource of the Bundle: a literal `Type/id`, or a logical reference for a kept one. */
export type PatchTargets = ReadonlyMap<string, { literal: string } | { type: string; identifier: Json }>;

/**
 * References inside a patch are not rewritten by the server (the patch is opaque Binary data), so
 * `urn:uuid:` references become what the server knows: `Type/id` for a resource PUT by id, a
 * logical reference (type + identity identifier) for a kept one (server-chosen id).
 */
function resolveReferences(value: unknown, targets: PatchTargets): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, targets));
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) out[k] = resolveReferences(v, targets);
  const target = typeof out.reference === 'string' ? targets.get(out.reference) : undefined;
  if (target !== undefined) {
    if ('literal' in target) out.reference = target.literal;
    else {
      delete out.reference;
      out.type = target.type;
      out.identifier = target.identifier;
    }
  }
  return out;
}

/** Choice elements ([x]) of the kept types: sending one type must remove the other types of it. */
const CHOICES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  Patient: [
    ['deceasedBoolean', 'deceasedDateTime'],
    ['multipleBirthBoolean', 'multipleBirthInteger'],
  ],
};

/** Elements never patched: the server's own, and what the conversion controls. */
const NOT_PATCHED = new Set(['resourceType', 'id', 'meta']);

export interface JsonPatchOp {
  op: 'add' | 'remove';
  path: string;
  value?: unknown;
}

/**
 * `remove` fails on a missing member (RFC 6902 4.2), and "delete if present" is what `""` means:
 * add a placeholder first (add creates or replaces), then remove it.
 */
function removeAlways(element: string): JsonPatchOp[] {
  const path = `/${element}`;
  return [
    { op: 'add', path, value: null },
    { op: 'remove', path },
  ];
}

/**
 * The JSON Patch of one resource: its elements replace the server's, `cleared` elements (their
 * v2 field was `""`) and the other types of a choice element it sends are removed.
 */
export function keepOmittedPatch(resource: Resource, cleared: readonly string[], targets: PatchTargets = new Map()): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  const present = Object.keys(resource).filter((k) => !NOT_PATCHED.has(k));
  const owner = OWNER[resource.resourceType] ?? [];
  for (const k of present) if (!owner.includes(k)) ops.push({ op: 'add', path: `/${k}`, value: resolveReferences((resource as Json)[k], targets) });
  const removed = new Set(cleared.filter((k) => !present.includes(k)));
  for (const choice of CHOICES[resource.resourceType] ?? []) {
    if (choice.some((k) => present.includes(k))) for (const k of choice) if (!present.includes(k)) removed.add(k);
  }
  // a primitive's extension (`_birthDate`) goes with it
  for (const k of [...removed]) if (!present.includes(`_${k}`)) removed.add(`_${k}`);
  for (const k of [...removed].sort()) ops.push(...removeAlways(k));
  return ops;
}

/** The conditional create of a resource found by `search` (entry 1 of the module comment). */
function createIfAbsent(resource: Resource, fullUrl: string, search: string): Json {
  const body: Json = { ...resource };
  delete body.id;
  return { fullUrl, resource: body, request: { method: 'POST', url: resource.resourceType, ifNoneExist: search } };
}

/** The JSON Patch entry of the resource `search` finds (entry 2 of the module comment). */
function patchEntry(type: string, search: string, ops: readonly JsonPatchOp[]): Json {
  const patch = Buffer.from(JSON.stringify(ops), 'utf8').toString('base64');
  return { resource: { resourceType: 'Binary', contentType: 'application/json-patch+json', data: patch }, request: { method: 'PATCH', url: `${type}?${search}` } };
}

/** The two entries of a kept resource (see the module comment). */
export function keepOmittedEntries(resource: Resource, fullUrl: string, search: string, cleared: readonly string[], targets: PatchTargets): Json[] {
  return [createIfAbsent(resource, fullUrl, search), patchEntry(resource.resourceType, search, keepOmittedPatch(resource, cleared, targets))];
}

/**
 * [hig: FHIR R4 http.html#cond-update, #patch] The marker on both entries of an ORC-only order event
 * of a ServiceRequest (an extension of Bundle.entry, a BackboneElement: valid R4). Its search names
 * the order by number alone, and a requisition's tests share that number: the server refuses a
 * conditional create or PATCH that matches several (412). The FHIR destination (destinations/
 * order-events.ts) searches marked entries first and, on several matches, patches each test by id;
 * a request already ended keeps its status. A pharmacy order placed elsewhere (a dispense's or an
 * administration's MedicationRequest) is marked for that last rule only (code review 23, CR23-3: a
 * late administration made a stopped order active): several matches there are two copies of one order
 * to clean up (docs/mapping.md, MedicationRequest), refused by the server as before.
 */
export const ORDER_EVENT_EXTENSION = 'https://hig.example/fhir/StructureDefinition/order-event-entry';
const EXPANDED_TYPES: ReadonlySet<string> = new Set(['ServiceRequest', 'MedicationRequest']);

function marked(entry: Json, type: string): Json {
  return EXPANDED_TYPES.has(type) ? { extension: [{ url: ORDER_EVENT_EXTENSION, valueBoolean: true }], ...entry } : entry;
}

/**
 * What an order event changes on the order the server holds (order.ts): the top-level `elements` it
 * sets (its status), its own extensions by url (businessEvent, the ORC-16 reason), each replacing the
 * order's of that url, and `identifiers` it names beside the number it is searched by (a filler
 * number ORC-3/OBR-3), each added once. Nothing is ever removed but what the event puts back.
 */
export interface OrderEventChange {
  elements: readonly string[];
  extensions: readonly string[];
  identifiers: readonly Json[];
}

/** A change of `status` (or nothing, for an event that states no status): a pharmacy order's, or an event with nothing else to say. */
export function statusChange(elements: readonly string[]): OrderEventChange {
  return { elements, extensions: [], identifiers: [] };
}

/** A FHIRPath string literal (FHIRPath N1 §3.5.3: `'`, `\` escaped). */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A value as FHIRPath Patch parts [FHIR R4 fhirpatch.html]: a type Parameters.parameter.value[x] cannot
 * carry in R4 (Extension) is given as one part per property, each with its own value[x] (a property
 * `valueDateTime` is the part named so, holding `valueDateTime`), nested extensions as nested parts.
 */
function extensionParts(extension: Json): Json[] {
  const parts: Json[] = [];
  for (const [k, v] of Object.entries(extension)) {
    if (k === 'url') parts.push({ name: 'url', valueUri: v });
    else if (k === 'extension' && Array.isArray(v)) for (const sub of v as Json[]) parts.push({ name: 'extension', part: extensionParts(sub) });
    else parts.push({ name: k, [k]: v });
  }
  return parts;
}

function operation(type: 'add' | 'delete' | 'replace', path: string, rest: Json[] = []): Json {
  return { name: 'operation', part: [{ name: 'type', valueCode: type }, { name: 'path', valueString: path }, ...rest] };
}

/** A patch is opaque to the server: an assigner named by a `urn:uuid:` of the Bundle keeps its display only. */
function withoutBundleReference(identifier: Json): Json {
  const assigner = identifier.assigner as Json | undefined;
  if (typeof assigner?.reference !== 'string' || !assigner.reference.startsWith('urn:uuid:')) return identifier;
  const { reference: _reference, ...kept } = assigner;
  return Object.keys(kept).length > 0 ? { ...identifier, assigner: kept } : Object.fromEntries(Object.entries(identifier).filter(([k]) => k !== 'assigner'));
}

/** The path of one identifier of the order, by system and value (an identifier without a system: `system.empty()`). */
function identifierPath(type: string, identifier: Json): string {
  const system = typeof identifier.system === 'string' ? `system = ${literal(identifier.system)}` : 'system.empty()';
  return `${type}.identifier.where(${system} and value = ${literal(String(identifier.value))})`;
}

/**
 * [FHIR R4 fhirpatch.html] The FHIRPath Patch (a Parameters resource) of an order event that says
 * more than its status. A JSON Patch cannot add one extension or identifier beside the order's own
 * (`add /extension/-` fails where the order has none, `add /extension` replaces them all: code review
 * 19 CR19-2/CR19-5); FHIRPath Patch `add` appends to a list and creates it. Each extension (identifier)
 * is first deleted where the order holds it (`delete` of a path matching nothing is no error), then
 * added: a resend leaves the order as the first delivery did. Status: `replace` (1..1 on the order).
 */
export function orderEventFhirPathPatch(resource: Resource, change: OrderEventChange): Json {
  const type = resource.resourceType;
  const parameter: Json[] = [];
  for (const k of change.elements) {
    const v = (resource as Json)[k];
    if (typeof v === 'string') parameter.push(operation('replace', `${type}.${k}`, [{ name: 'value', valueCode: v }]));
  }
  const extensions = ((resource.extension as Json[] | undefined) ?? []).filter((e) => typeof e.url === 'string' && change.extensions.includes(e.url));
  for (const url of new Set(extensions.map((e) => String(e.url)))) parameter.push(operation('delete', `${type}.extension.where(url = ${literal(url)})`));
  for (const e of extensions) parameter.push(operation('add', type, [{ name: 'name', valueString: 'extension' }, { name: 'value', part: extensionParts(e) }]));
  for (const identifier of change.identifiers) {
    parameter.push(operation('delete', identifierPath(type, identifier)));
    parameter.push(operation('add', type, [{ name: 'name', valueString: 'identifier' }, { name: 'value', valueIdentifier: withoutBundleReference(identifier) }]));
  }
  return { resourceType: 'Parameters', parameter };
}

/** Inverse of extensionParts: the Extension its parts name. */
function extensionOfParts(parts: readonly Json[]): Json {
  const out: Json = {};
  for (const p of parts) {
    const name = String(p.name);
    if (name === 'url') out.url = p.valueUri;
    else if (name === 'extension') out.extension = [...((out.extension as Json[] | undefined) ?? []), extensionOfParts((p.part as Json[] | undefined) ?? [])];
    else out[name] = p[name];
  }
  return out;
}

/** A FHIRPath string literal's text (inverse of literal). */
function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

/**
 * What an order event's FHIRPath Patch (orderEventFhirPathPatch) writes, read back as the resource
 * it writes (`view`) and the change that wrote it; undefined for a Parameters of any other shape. A
 * destination's FHIR edits run on that view and the patch is made again from it
 * (routing/fhir-edit-patch.ts: the edits must reach what the patch says, code review 19 CR19-3).
 */
export function fhirPathPatchView(parameters: Json): { view: Resource; change: OrderEventChange } | undefined {
  if (parameters.resourceType !== 'Parameters' || !Array.isArray(parameters.parameter)) return undefined;
  let type: string | undefined;
  const view: Json = {};
  const elements: string[] = [];
  const urls = new Set<string>();
  for (const operation of parameters.parameter as Json[]) {
    const parts = new Map(((operation.part as Json[] | undefined) ?? []).map((p) => [String(p.name), p]));
    const kind = parts.get('type')?.valueCode;
    const path = parts.get('path')?.valueString;
    if (operation.name !== 'operation' || typeof path !== 'string') return undefined;
    const at = /^([A-Z][A-Za-z]+)(?:\.(.*))?$/.exec(path);
    if (at === null || (type !== undefined && at[1] !== type)) return undefined;
    type = at[1];
    const rest = at[2];
    const value = parts.get('value');
    const name = parts.get('name')?.valueString;
    if (kind === 'replace' && rest !== undefined && /^[a-z][A-Za-z]*$/.test(rest) && typeof value?.valueCode === 'string') {
      view[rest] = value.valueCode;
      elements.push(rest);
    } else if (kind === 'delete' && rest !== undefined && rest.startsWith('extension.where(url = ')) {
      urls.add(unquote(rest.slice('extension.where(url = '.length, -1)));
    } else if (kind === 'delete' && rest?.startsWith('identifier.where(') === true) {
      // made again from the identifiers added
    } else if (kind === 'add' && rest === undefined && name === 'extension' && Array.isArray(value?.part)) {
      view.extension = [...((view.extension as Json[] | undefined) ?? []), extensionOfParts(value.part as Json[])];
    } else if (kind === 'add' && rest === undefined && name === 'identifier' && value?.valueIdentifier !== undefined) {
      view.identifier = [...((view.identifier as Json[] | undefined) ?? []), value.valueIdentifier];
    } else return undefined;
  }
  if (type === undefined) return undefined;
  const resource = { resourceType: type, ...view } as Resource;
  return { view: resource, change: { elements, extensions: [...urls], identifiers: (view.identifier as Json[] | undefined) ?? [] } };
}

/**
 * An order event (order.ts: a lone ORC cancelling, holding… an order placed before, which it names by
 * number alone; or such an event sent with its OBR, named by number + OBR-4): the order the search
 * finds gets the event's `change` (its status; the event's own extensions and further identifiers)
 * and keeps everything else (its code, requester, notes, timing: the event does not say them, or
 * says them as an echo); the server creates the request from the event only when it holds no order
 * the search finds. The same two entries as a kept resource, whatever the channel's conditionalUpdate
 * and omittedFields: the event has no id of its own to PUT, and a PUT would erase what only the
 * placing message said (review 22 R22-D1). A status alone is a JSON Patch; more, a FHIRPath Patch
 * (orderEventFhirPathPatch), one PATCH entry either way (FHIR R4 http.html#trules: entries of a
 * transaction must not act on one resource twice). Several orders under the search (tests that
 * shared a placer number): a ServiceRequest's entries are marked (ORDER_EVENT_EXTENSION) and the
 * FHIR destination patches every test the search finds, docs/mapping.md "Known gaps".
 */
export function orderEventEntries(resource: Resource, fullUrl: string, search: string, change: OrderEventChange): Json[] {
  const entries = [createIfAbsent(resource, fullUrl, search)];
  const elements = change.elements.filter((k) => (resource as Json)[k] !== undefined);
  const carried = (resource.extension as Json[] | undefined)?.some((e) => change.extensions.includes(String(e.url))) === true;
  if (carried || change.identifiers.length > 0) {
    const patch = orderEventFhirPathPatch(resource, { ...change, elements });
    entries.push({ resource: patch, request: { method: 'PATCH', url: `${resource.resourceType}?${search}` } });
  } else if (elements.length > 0) {
    entries.push(patchEntry(resource.resourceType, search, elements.map((k) => ({ op: 'add', path: `/${k}`, value: (resource as Json)[k] }))));
  }
  return entries.map((e) => marked(e, resource.resourceType));
}

/**
 * Singular demographics a merge's survivor patch writes, with the value[x] a FHIRPath Patch carries
 * each in (R4 Parameters.parameter.value[x]). The repeating ones (name, telecom, address, contact…) are
 * not: FHIRPath Patch deletes one element per operation [FHIR R4 fhirpatch.html "Only a single element
 * can be deleted"], so a list the server holds cannot be replaced, and a JSON Patch, which can, cannot
 * add an identifier or link beside the held ones; a transaction may not act on one resource twice
 * [http.html#trules]. Choice elements (deceased[x], multipleBirth[x]) and a primitive with its own
 * extension (`_birthDate`) stay in the create too: docs/mapping.md "Known gaps".
 */
const SURVIVOR_ELEMENTS: Readonly<Record<string, string>> = { gender: 'valueCode', birthDate: 'valueDate', maritalStatus: 'valueCodeableConcept' };

/** The path of the survivor's link to one Patient, by the reference the patch writes (literal or logical). */
function linkPath(type: string, link: Json): string | undefined {
  const other = link.other as Json | undefined;
  const kind = typeof link.type === 'string' ? `type = ${literal(link.type)} and ` : '';
  if (typeof other?.reference === 'string') return `${type}.link.where(${kind}other.reference = ${literal(other.reference)})`;
  const id = other?.identifier as Json | undefined;
  if (typeof id?.value !== 'string') return undefined;
  const system = typeof id.system === 'string' ? `other.identifier.system = ${literal(id.system)}` : 'other.identifier.system.empty()';
  return `${type}.link.where(${kind}${system} and other.identifier.value = ${literal(id.value)})`;
}

/**
 * [hig merge rule; IG MRG merge pattern; FHIR R4 Patient.link, fhirpatch.html] The FHIRPath
 * Patch of a merge event's survivor (mergeSurvivorEntries): what the merge says, added to whatever Patient
 * the server holds under the survivor's search. Each identifier and each link (`replaces` the merged
 * record) is deleted where the Patient holds it, then added: the held identifiers and links stay, and a
 * resend leaves the Patient as the first delivery did. The singular demographics (SURVIVOR_ELEMENTS)
 * follow the channel's omittedFields rule: a sent one replaces the held one, a `""` one (`cleared`) is
 * deleted, and under `remove` an omitted one is deleted too, as a full PUT would. References become
 * what the server knows (resolveReferences: `Type/id`, or a logical reference for a resource found by
 * search).
 */
export function mergeSurvivorFhirPathPatch(resource: Resource, cleared: readonly string[], omittedFields: 'remove' | 'keep', targets: PatchTargets): Json {
  const type = resource.resourceType;
  const r = resolveReferences(resource, targets) as Json;
  const parameter: Json[] = [];
  for (const identifier of (r.identifier as Json[] | undefined) ?? []) {
    if (typeof identifier.value !== 'string') continue;
    parameter.push(operation('delete', identifierPath(type, identifier)));
    parameter.push(operation('add', type, [{ name: 'name', valueString: 'identifier' }, { name: 'value', valueIdentifier: withoutBundleReference(identifier) }]));
  }
  for (const link of (r.link as Json[] | undefined) ?? []) {
    const path = linkPath(type, link);
    if (path === undefined) continue;
    parameter.push(operation('delete', path));
    const parts: Json[] = [{ name: 'other', valueReference: link.other }];
    if (typeof link.type === 'string') parts.push({ name: 'type', valueCode: link.type });
    parameter.push(operation('add', type, [{ name: 'name', valueString: 'link' }, { name: 'value', part: parts }]));
  }
  for (const [k, valueType] of Object.entries(SURVIVOR_ELEMENTS)) {
    const value = r[k];
    const extended = r[`_${k}`] !== undefined;
    if (value !== undefined && !extended) {
      parameter.push(operation('delete', `${type}.${k}`));
      parameter.push(operation('add', type, [{ name: 'name', valueString: k }, { name: 'value', [valueType]: value }]));
    } else if (value === undefined && (cleared.includes(k) || omittedFields === 'remove')) parameter.push(operation('delete', `${type}.${k}`));
  }
  return { resourceType: 'Parameters', parameter };
}

/**
 * A merge event's survivor (the PID Patient of A34/A35/A36/A39/A40/A41/A45/A47) whose identity
 * identifier has a system: not a PUT by the id hig computes (the id of the best identifier *this*
 * message carries: an EMPI's A40 naming the person by the enterprise id alone keyed another Patient
 * than its A28 naming the id and the MRN, review 19 R19-I1, review 23 #09) but the Patient the server
 * holds under `search`: the conditional create (created when the server holds none; its `fullUrl` is
 * what the Bundle's references to the survivor use, so the merged record's `replaced-by` and every
 * other reference resolve to the Patient found; its `link` only where the patch names the merged record
 * by id too), and one FHIRPath Patch entry
 * (mergeSurvivorFhirPathPatch) that adds the merge's link and identifiers and writes the singular
 * demographics, whether the server created or found the Patient.
 */
export function mergeSurvivorEntries(resource: Resource, fullUrl: string, search: string, cleared: readonly string[], omittedFields: 'remove' | 'keep', targets: PatchTargets): Json[] {
  // a link to a record PUT by id is the one the server makes of the create's: the patch finds it and
  // writes it once; a logical one (a record found by search) would sit beside the server's `Type/id`
  const literal = ((resolveReferences(resource.link ?? [], targets) as Json[] | undefined) ?? []).every((l) => typeof (l.other as Json | undefined)?.reference === 'string');
  const { link: _link, ...withoutLink } = resource;
  const created = literal ? resource : (withoutLink as Resource);
  return [
    createIfAbsent(created, fullUrl, search),
    { resource: mergeSurvivorFhirPathPatch(resource, cleared, omittedFields, targets), request: { method: 'PATCH', url: `${resource.resourceType}?${search}` } },
  ];
}

/**
 * A merge survivor's FHIRPath Patch (mergeSurvivorFhirPathPatch) read back as the resource it writes
 * (`view`: identifiers, links, the singular demographics it adds) and the elements it deletes without
 * writing (`deleted`); undefined for a Parameters of any other shape. A destination's FHIR edits run on
 * the view and the patch is made again from it (routing/fhir-edit-patch.ts, as code review 19 CR19-3
 * asks of every patch): `mergeSurvivorFhirPathPatch(view, deleted, 'keep', new Map())`.
 */
export function mergeSurvivorPatchView(parameters: Json): { view: Resource; deleted: string[] } | undefined {
  if (parameters.resourceType !== 'Parameters' || !Array.isArray(parameters.parameter)) return undefined;
  const type = 'Patient';
  const view: Json = {};
  const deleted = new Set<string>();
  for (const op of parameters.parameter as Json[]) {
    const parts = new Map(((op.part as Json[] | undefined) ?? []).map((p) => [String(p.name), p]));
    const kind = parts.get('type')?.valueCode;
    const path = parts.get('path')?.valueString;
    const name = parts.get('name')?.valueString;
    const value = parts.get('value');
    if (op.name !== 'operation' || typeof path !== 'string') return undefined;
    const element = path.startsWith(`${type}.`) ? path.slice(type.length + 1) : undefined;
    if (kind === 'delete' && element !== undefined && (element.startsWith('identifier.where(') || element.startsWith('link.where('))) continue;
    if (kind === 'delete' && element !== undefined && Object.hasOwn(SURVIVOR_ELEMENTS, element)) deleted.add(element);
    else if (kind === 'add' && path === type && name === 'identifier' && value?.valueIdentifier !== undefined) {
      view.identifier = [...((view.identifier as Json[] | undefined) ?? []), value.valueIdentifier];
    } else if (kind === 'add' && path === type && name === 'link' && Array.isArray(value?.part)) {
      const link: Json = {};
      for (const p of value.part as Json[]) {
        if (p.name === 'other') link.other = p.valueReference;
        else if (p.name === 'type') link.type = p.valueCode;
      }
      view.link = [...((view.link as Json[] | undefined) ?? []), link];
    } else if (kind === 'add' && path === type && typeof name === 'string' && Object.hasOwn(SURVIVOR_ELEMENTS, name) && value !== undefined) {
      view[name] = value[SURVIVOR_ELEMENTS[name] ?? ''];
      deleted.delete(name);
    } else return undefined;
  }
  return { view: { resourceType: type, ...view } as Resource, deleted: [...deleted] };
}
