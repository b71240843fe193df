/**
 * FHIR post-processing for one destination, applied in order to a COPY of the channel's Bundle
 * (the Bundle is converted once per channel and shared by every destination):
 *
 *   { "set":           { "path": "Patient.meta.source", "value": "urn:hig:adt-in" } }
 *   { "remove":        "Patient.telecom" }
 *   { "addIdentifier": { "resource": "Patient", "system": "urn:oid:1.2.3", "value": "X" } }
 *   { "addTag":        { "resource": "*", "system": "urn:hig", "code": "routed" } }
 *   { "addProfile":    { "resource": "Observation", "profile": "http://…/StructureDefinition/x" } }
 *
 * Paths use the grammar of fhir-path.ts and are checked against the R4 definitions at config load,
 * as is the kind of value (a primitive element takes text/number/boolean, a complex one an object).
 * `set` writes on every resource of the type; missing parents are created (as arrays where the
 * element repeats); on a repeating parent it writes into every item. The add* steps do nothing when
 * the same entry is already there, so a replay adds nothing twice. Resource ids are not recomputed:
 * they identify the clinical facts (DESIGN.md invariant 8), not the decorations.
 */
import { z } from 'zod';
import type { Problem } from './filter.js';
import { checkFhirPath, parseFhirPath, rootsOf, type FhirElementInfo, type FhirPath } from './fhir-path.js';
import { tryGetDataType } from '@medplum/core';
import { ensureDefinitions } from '../transform/validation/definitions.js';
import { editPatchEntries } from './fhir-edit-patch.js';

const fhirPathText = z.string().min(1).describe('FHIR path, e.g. "Patient.meta.source" (Type.element.element, [n] to pick one)');
const resourceType = z.string().regex(/^(?:\*|[A-Z][A-Za-z]{1,63})$/).describe('resource type the step applies to, or "*" for every resource');
const jsonValue: z.ZodType<unknown> = z.unknown().refine((v) => v !== undefined && v !== null, 'a value is required');

export const fhirStepSchema = z
  .union([
    z.object({ set: z.object({ path: fhirPathText, value: jsonValue.describe('the value: text, number or boolean for a primitive element, an object for a complex one') }).strict().describe('write an element of every resource of the type') }).strict(),
    z.object({ remove: fhirPathText.describe('element to remove from every resource of the type') }).strict(),
    z
      .object({
        addIdentifier: z
          .object({
            resource: resourceType,
            system: z.string().min(1).describe('Identifier.system (a URI)'),
            value: z.string().min(1).describe('Identifier.value'),
            use: z.enum(['usual', 'official', 'temp', 'secondary', 'old']).optional().describe('Identifier.use'),
          })
          .strict()
          .describe('add an identifier to every resource of the type'),
      })
      .strict(),
    z
      .object({
        addTag: z
          .object({
            resource: resourceType.default('*'),
            system: z.string().min(1).describe('Coding.system of the tag'),
            code: z.string().min(1).describe('Coding.code of the tag'),
            display: z.string().optional().describe('Coding.display of the tag'),
          })
          .strict()
          .describe('add a meta.tag to every resource of the type'),
      })
      .strict(),
    z.object({ addProfile: z.object({ resource: resourceType, profile: z.url().describe('canonical URL added to meta.profile') }).strict().describe('claim a profile in meta.profile') }).strict(),
  ])
  .describe('One FHIR edit: set, remove, addIdentifier, addTag or addProfile');

export type FhirStep = z.output<typeof fhirStepSchema>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkResource(type: string, at: Array<string | number>, problems: Problem[], element?: string): void {
  if (type === '*') return;
  ensureDefinitions();
  const schema = tryGetDataType(type);
  if (schema === undefined || schema.kind !== 'resource') problems.push({ path: at, reason: `"${type}" is not a FHIR R4 resource type` });
  else if (element !== undefined && schema.elements[element] === undefined) problems.push({ path: at, reason: `${type} has no ${element}` });
  else if (element !== undefined && schema.elements[element]!.max <= 1) problems.push({ path: at, reason: `${type}.${element} does not repeat: use set` });
}

function checkPath(text: string, at: Array<string | number>, problems: Problem[]): FhirElementInfo | undefined {
  const parsed = parseFhirPath(text);
  const checked = parsed.ok ? checkFhirPath(parsed.path) : parsed;
  if (!checked.ok) return void problems.push({ path: at, reason: checked.reason });
  if (parsed.ok && parsed.path.steps.length === 0) return void problems.push({ path: at, reason: `${text}: names a whole resource; name an element` });
  return checked.leaf;
}

/** Static checks: paths and resource types against the R4 definitions, value kinds against the element. */
export function validateFhirSteps(steps: readonly FhirStep[]): Problem[] {
  const problems: Problem[] = [];
  steps.forEach((step, i) => {
    if ('set' in step) {
      const leaf = checkPath(step.set.path, [i, 'set', 'path'], problems);
      const primitiveValue = ['string', 'number', 'boolean'].includes(typeof step.set.value);
      if (leaf !== undefined && leaf.primitive !== primitiveValue) {
        problems.push({ path: [i, 'set', 'value'], reason: `${step.set.path} is ${leaf.primitive ? 'a primitive' : 'a complex'} element (${leaf.type}): give ${leaf.primitive ? 'text, a number or a boolean' : 'an object'}` });
      }
    } else if ('remove' in step) checkPath(step.remove, [i, 'remove'], problems);
    else if ('addIdentifier' in step) checkResource(step.addIdentifier.resource, [i, 'addIdentifier', 'resource'], problems, 'identifier');
    else if ('addTag' in step) checkResource(step.addTag.resource, [i, 'addTag', 'resource'], problems);
    else checkResource(step.addProfile.resource, [i, 'addProfile', 'resource'], problems);
  });
  return problems;
}

function resourcesOf(bundle: Record<string, unknown>, type: string): Record<string, unknown>[] {
  if (type !== '*') return rootsOf(bundle, type);
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  return entries.map((e) => (isRecord(e) ? e.resource : undefined)).filter(isRecord);
}

/** Whether each step of a path repeats (from the definitions), so `set` creates arrays where FHIR has them. */
function repeatsAlong(path: FhirPath): boolean[] {
  const out: boolean[] = [];
  for (let i = 1; i <= path.steps.length; i++) {
    const prefix = parseFhirPath([path.root, ...path.steps.slice(0, i).map((s) => s.name)].join('.'));
    const checked = prefix.ok ? checkFhirPath(prefix.path) : undefined;
    out.push(checked?.ok === true && checked.leaf.repeats);
  }
  return out;
}

type Edit = (bundle: Record<string, unknown>) => void;

function pushOnce(list: unknown[], item: unknown, same: (existing: unknown) => boolean): void {
  if (!list.some(same)) list.push(item);
}

function arrayAt(node: Record<string, unknown>, key: string): unknown[] {
  const existing = node[key];
  if (Array.isArray(existing)) return existing;
  const created: unknown[] = existing === undefined ? [] : [existing];
  node[key] = created;
  return created;
}

function metaOf(resource: Record<string, unknown>): Record<string, unknown> {
  if (!isRecord(resource.meta)) resource.meta = {};
  return resource.meta as Record<string, unknown>;
}

function compileStep(step: FhirStep): Edit {
  if ('set' in step || 'remove' in step) {
    const text = 'set' in step ? step.set.path : step.remove;
    const parsed = parseFhirPath(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    const path = parsed.path;
    const repeats = repeatsAlong(path);
    const value = 'set' in step ? step.set.value : undefined;
    return (bundle) => {
      let nodes: Record<string, unknown>[] = rootsOf(bundle, path.root);
      path.steps.forEach((s, i) => {
        const last = i === path.steps.length - 1;
        const next: Record<string, unknown>[] = [];
        for (const node of nodes) {
          if (last) {
            if (value === undefined) {
              if (s.index === undefined) delete node[s.name];
              else if (Array.isArray(node[s.name])) (node[s.name] as unknown[]).splice(s.index, 1);
            } else node[s.name] = repeats[i] ? [structuredClone(value)] : structuredClone(value);
            continue;
          }
          let child = node[s.name];
          if (child === undefined && value !== undefined && s.index === undefined) child = node[s.name] = repeats[i] ? [{}] : {};
          const items = Array.isArray(child) ? child : child === undefined ? [] : [child];
          const picked = s.index === undefined ? items : items.slice(s.index, s.index + 1);
          next.push(...picked.filter(isRecord));
        }
        nodes = next;
      });
    };
  }
  if ('addIdentifier' in step) {
    const { resource, system, value, use } = step.addIdentifier;
    const identifier = { ...(use === undefined ? {} : { use }), system, value };
    return (bundle) => {
      for (const r of resourcesOf(bundle, resource)) pushOnce(arrayAt(r, 'identifier'), identifier, (x) => isRecord(x) && x.system === system && x.value === value);
    };
  }
  if ('addTag' in step) {
    const { resource, system, code, display } = step.addTag;
    const tag = { system, code, ...(display === undefined ? {} : { display }) };
    return (bundle) => {
      for (const r of resourcesOf(bundle, resource)) pushOnce(arrayAt(metaOf(r), 'tag'), tag, (x) => isRecord(x) && x.system === system && x.code === code);
    };
  }
  const { resource, profile } = step.addProfile;
  return (bundle) => {
    for (const r of resourcesOf(bundle, resource)) pushOnce(arrayAt(metaOf(r), 'profile'), profile, (x) => x === profile);
  };
}

/**
 * Compiles validated steps; the result returns an edited deep copy and never touches its input. The
 * steps reach the JSON Patch entries too (fhir-edit-patch.ts), not only `entry.resource`.
 */
export function compileFhirEdits(steps: readonly FhirStep[]): (bundle: Record<string, unknown>) => Record<string, unknown> {
  const edits = steps.map(compileStep);
  return (bundle) => {
    if (edits.length === 0) return bundle;
    const copy = structuredClone(bundle);
    for (const edit of edits) edit(copy);
    // a kept resource's or an order event's JSON Patch says the same facts again (CR19-3)
    editPatchEntries(copy, edits);
    return copy;
  };
}
