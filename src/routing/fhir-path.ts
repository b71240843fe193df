/**
 * Simple FHIRPath-like paths over a Bundle, for filters (read) and FHIR post-processing (write).
 *
 *   path    = root *( "." step )
 *   root    = ResourceType          every resource of that type in Bundle.entry[].resource
 *           | "Bundle"              the Bundle itself
 *   step    = name [ "[" digits "]" ]
 *   name    = lower letter *( letter | digit )   an element name; a choice element by its typed
 *                                               name (valueQuantity, effectiveDateTime)
 *
 * As in FHIRPath, each step maps over a collection and flattens arrays; `[n]` keeps the n-th item
 * (0-based) of the collection at that step. No functions, no `where()`: anything more is a code
 * transformer. Paths are checked against the FHIR R4 definitions at config load, so a typo
 * (`DiagnosticReport.stauts`) is a config error, not a filter that never matches.
 */
import { tryGetDataType } from '@medplum/core';
import { ensureDefinitions } from '../transform/validation/definitions.js';

export interface FhirStep {
  readonly name: string;
  readonly index: number | undefined;
}

export interface FhirPath {
  readonly text: string;
  /** A resource type, or `Bundle`. */
  readonly root: string;
  readonly steps: readonly FhirStep[];
}

/** What the definitions say about the element a path ends at. */
export interface FhirElementInfo {
  /** FHIR type code of the element (`string`, `code`, `Identifier`, `PatientContact`, …). */
  readonly type: string;
  /** True when the element repeats (max > 1): writes create arrays. */
  readonly repeats: boolean;
  /** True for primitive types (values are compared as text). */
  readonly primitive: boolean;
}

const ROOT = /^[A-Z][A-Za-z]{1,63}$/;
const STEP = /^([a-z][A-Za-z0-9]{0,63})(?:\[(\d{1,4})\])?$/;

export type FhirPathResult = { ok: true; path: FhirPath } | { ok: false; reason: string };

export function parseFhirPath(text: string): FhirPathResult {
  const [root = '', ...rest] = text.split('.');
  const bad = (why: string): FhirPathResult => ({ ok: false, reason: `"${text.slice(0, 60)}" ${why}` });
  if (!ROOT.test(root)) return bad('must start with a resource type or Bundle, e.g. DiagnosticReport.status');
  const steps: FhirStep[] = [];
  for (const step of rest) {
    const m = STEP.exec(step);
    if (m === null) return bad(`has an invalid step "${step.slice(0, 40)}" (expected an element name, optionally [n])`);
    steps.push({ name: m[1]!, index: m[2] === undefined ? undefined : Number(m[2]) });
  }
  return { ok: true, path: { text, root, steps } };
}

/** The element behind a name: a plain element, or a choice element `value[x]` by its typed name. */
function elementOf(typeCode: string, name: string): { type: string; max: number } | undefined {
  const schema = tryGetDataType(typeCode);
  if (schema === undefined) return undefined;
  const plain = schema.elements[name];
  if (plain !== undefined) return { type: plain.type[0]?.code ?? 'Element', max: plain.max };
  for (const [key, element] of Object.entries(schema.elements)) {
    if (!key.endsWith('[x]')) continue;
    const stem = key.slice(0, -3);
    if (!name.startsWith(stem)) continue;
    const suffix = name.slice(stem.length);
    const choice = element.type.find((t) => t.code.charAt(0).toUpperCase() + t.code.slice(1) === suffix);
    if (choice !== undefined) return { type: choice.code, max: element.max };
  }
  return undefined;
}

/** Checks a path against the FHIR R4 definitions; a reason naming the bad step, or the leaf's facts. */
export function checkFhirPath(path: FhirPath): { ok: true; leaf: FhirElementInfo } | { ok: false; reason: string } {
  ensureDefinitions();
  const rootSchema = tryGetDataType(path.root);
  if (rootSchema === undefined || rootSchema.kind !== 'resource') return { ok: false, reason: `${path.text}: "${path.root}" is not a FHIR R4 resource type` };
  let type = path.root;
  let repeats = false;
  for (const step of path.steps) {
    const element = elementOf(type, step.name);
    if (element === undefined) return { ok: false, reason: `${path.text}: ${type} has no element "${step.name}"` };
    type = element.type;
    repeats = element.max > 1;
  }
  const kind = tryGetDataType(type)?.kind;
  return { ok: true, leaf: { type, repeats, primitive: kind === 'primitive-type' || /^[a-z]/.test(type) } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The resources a root names, in Bundle order. */
export function rootsOf(bundle: Record<string, unknown>, root: string): Record<string, unknown>[] {
  if (root === 'Bundle') return [bundle];
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  const out: Record<string, unknown>[] = [];
  for (const entry of entries) {
    const resource = isRecord(entry) ? entry.resource : undefined;
    if (isRecord(resource) && resource.resourceType === root) out.push(resource);
  }
  return out;
}

/** The collection a path selects (FHIRPath-style: arrays flattened at every step). */
export function select(bundle: Record<string, unknown>, path: FhirPath): unknown[] {
  let collection: unknown[] = rootsOf(bundle, path.root);
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const node of collection) {
      if (!isRecord(node)) continue;
      const value = node[step.name];
      if (Array.isArray(value)) next.push(...value);
      else if (value !== undefined && value !== null) next.push(value);
    }
    collection = step.index === undefined ? next : next.slice(step.index, step.index + 1);
  }
  return collection;
}

/** Text values of the primitives a path selects (booleans and numbers as FHIR writes them). */
export function textValues(bundle: Record<string, unknown>, path: FhirPath): string[] {
  const out: string[] = [];
  for (const value of select(bundle, path)) {
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
  }
  return out;
}
