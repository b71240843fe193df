/**
 * FHIR R4 structure check: the rules of the base StructureDefinitions (unknown elements, array or
 * single, cardinality, required elements, primitive JSON types and formats, one type per choice
 * element, error-severity invariants), walking only the keys a resource actually has.
 *
 * It reads the same indexed definitions as @medplum/core's validateResource and is tested to agree
 * with it (test/transform/structure.test.ts), but costs a fraction: medplum visits every element
 * the type defines, present or not, wrapping each value in a typed node, and that walk was 43–49 %
 * of the daemon's CPU (docs/benchmarks.md). Invariants run natively where we have an equivalent
 * (invariants.ts) and through medplum's FHIRPath engine otherwise.
 *
 * Messages never contain values (patient data): only paths, element names and the spec's own text.
 */
import { isPrimitiveType, tryGetDataType, validationRegexes } from '@medplum/core';
import type { InternalSchemaElement, InternalTypeSchema } from '@medplum/core';
import { ensureDefinitions } from './definitions.js';
import { populated } from './populated.js';
import { checkInvariant, type Invariant, type InvariantScope } from './invariants.js';

export interface StructureIssue {
  severity: 'error';
  path: string;
  message: string;
}

/** One JSON key of a type: `valueQuantity` is a field of the choice element `value[x]`. */
interface Field {
  element: InternalSchemaElement;
  /** Type code of this key (for a choice element, the one its name selects). */
  type: string;
  /** The choice element (`value[x]`) this key belongs to, if any. */
  choice?: string;
  invariants: Invariant[];
}

interface CompiledType {
  name: string;
  fields: Map<string, Field>;
  /** Elements with min ≥ 1 and the JSON keys any of which satisfies them. */
  required: Array<{ name: string; keys: string[] }>;
  invariants: Invariant[];
}

/** Constraint keys medplum does not evaluate either (see its validation.ts); kept in step with it. */
const SKIPPED = new Set(['ele-1', 'dom-3', 'org-1', 'sdf-19']);

const compiled = new Map<string, CompiledType | null>();

function errorInvariants(list: InternalSchemaElement['constraints']): Invariant[] {
  return (list ?? []).filter((c) => c.severity === 'error' && !SKIPPED.has(c.key)).map((c) => ({ key: c.key, expression: c.expression, description: c.description }));
}

function capitalize(code: string): string {
  return code.charAt(0).toUpperCase() + code.slice(1);
}

function compile(typeName: string): CompiledType | undefined {
  const known = compiled.get(typeName);
  if (known !== undefined) return known ?? undefined;
  const schema: InternalTypeSchema | undefined = tryGetDataType(typeName);
  if (schema === undefined) {
    compiled.set(typeName, null);
    return undefined;
  }
  const fields = new Map<string, Field>();
  const required: CompiledType['required'] = [];
  for (const [name, element] of Object.entries(schema.elements)) {
    if (name.includes('.')) continue; // profile-only nested keys; base definitions have none
    const invariants = errorInvariants(element.constraints);
    const keys: string[] = [];
    if (name.endsWith('[x]')) {
      const base = name.slice(0, -3);
      for (const t of element.type) {
        keys.push(base + capitalize(t.code));
        fields.set(base + capitalize(t.code), { element, type: t.code, choice: name, invariants });
      }
    } else {
      keys.push(name);
      fields.set(name, { element, type: element.type[0]?.code ?? 'undefined', invariants });
    }
    if (element.min > 0) required.push({ name, keys });
  }
  const type: CompiledType = { name: typeName, fields, required, invariants: errorInvariants(schema.constraints) };
  compiled.set(typeName, type);
  return type;
}

/** FHIR primitive → the JSON type it must have. */
function jsTypeOf(code: string): 'string' | 'number' | 'boolean' {
  if (code === 'boolean') return 'boolean';
  if (code === 'decimal' || code === 'integer' || code === 'positiveInt' || code === 'unsignedInt') return 'number';
  return 'string';
}

const regexes = validationRegexes as Record<string, RegExp | undefined>;

function primitiveProblem(value: unknown, code: string): string | undefined {
  const expected = jsTypeOf(code);
  if (typeof value !== expected) return `Invalid JSON type: expected ${expected}`;
  if (expected === 'string') {
    const s = value as string;
    if (s.trim() === '') return 'String must contain non-whitespace content';
    if (s.length > 1024 * 1024) return 'String cannot be larger than 1 MB';
    const re = regexes[code];
    if (re !== undefined && !re.test(s)) return `Invalid ${code} format`;
    return undefined;
  }
  if (expected === 'number') {
    const n = value as number;
    if (!Number.isFinite(n)) return 'Invalid numeric value';
    if ((code === 'integer' || code === 'positiveInt' || code === 'unsignedInt') && !Number.isInteger(n)) return 'Expected number to be an integer';
    if (code === 'positiveInt' && n <= 0) return 'Expected number to be positive';
    if (code === 'unsignedInt' && n < 0) return 'Expected number to be non-negative';
  }
  return undefined;
}

class Walk {
  readonly issues: StructureIssue[] = [];
  constructor(private readonly root: Record<string, unknown>) {}

  private fail(path: string, message: string): void {
    this.issues.push({ severity: 'error', path, message });
  }

  private invariants(list: Invariant[], value: unknown, type: string, path: string, resource: Record<string, unknown>): void {
    for (const inv of list) {
      const scope: InvariantScope = { value, type, resource, root: this.root };
      const held = checkInvariant(inv, scope);
      if (held === 'error') {
        this.fail(path, `Error evaluating invariant ${inv.key}`);
        return;
      }
      if (!held) {
        this.fail(path, `Constraint ${inv.key} not met: ${inv.description}`);
        return; // as medplum: the first failed invariant of an element is reported
      }
    }
  }

  resource(value: Record<string, unknown>, path: string): void {
    const type = typeof value.resourceType === 'string' ? compile(value.resourceType) : undefined;
    if (type === undefined) {
      this.fail(path, 'Unknown resource type');
      return;
    }
    this.invariants(type.invariants, value, type.name, path, value);
    this.object(value, type, path, value);
  }

  private object(obj: Record<string, unknown>, type: CompiledType, path: string, resource: Record<string, unknown>): void {
    let choices: Set<string> | undefined;
    for (const key of Object.keys(obj)) {
      if (key === 'resourceType') continue;
      const extension = key.charCodeAt(0) === 95; /* '_' */
      const name = extension ? key.slice(1) : key;
      const field = type.fields.get(name);
      const at = `${path}.${key}`;
      if (field === undefined) {
        this.fail(at, `Invalid additional property "${key}"`);
        continue;
      }
      if (field.choice !== undefined && !extension) {
        choices ??= new Set();
        if (choices.has(field.choice)) this.fail(`${path}.${field.choice}`, 'more than one type given for a choice element');
        choices.add(field.choice);
      }
      const value = obj[key];
      if (extension) this.primitiveExtensions(value, at, resource);
      else this.property(value, field, at, resource, obj[`_${key}`]);
    }
    for (const req of type.required) {
      if (!req.keys.some((k) => populated(obj[k]) || populated(obj[`_${k}`]))) this.fail(`${path}.${req.name}`, 'Missing required property');
    }
  }

  private property(value: unknown, field: Field, path: string, resource: Record<string, unknown>, extensions: unknown): void {
    const el = field.element;
    if (value === null) {
      this.fail(path, 'Invalid null value');
      return;
    }
    if (!populated(value)) {
      this.fail(path, 'Invalid empty value');
      return;
    }
    const values = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) !== (el.isArray === true)) {
      this.fail(path, el.isArray === true ? 'Expected array of values for property' : 'Expected single value for property');
      return;
    }
    if (values.length < el.min || values.length > el.max) this.fail(path, `Invalid number of values: expected ${el.min}..${Number.isFinite(el.max) ? el.max : '*'}`);
    const primitive = isPrimitiveType(field.type);
    const partners = Array.isArray(extensions) ? (extensions as unknown[]) : [];
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      const at = Array.isArray(value) ? `${path}[${i}]` : path;
      if (v === null || v === undefined) {
        // an array of primitives may hold null where its `_` partner carries the extension
        if (!(primitive && v === null && partners[i] !== null && partners[i] !== undefined)) this.fail(at, 'Invalid null value');
        continue;
      }
      this.invariants(field.invariants, v, field.type, at, resource);
      if (primitive) {
        const problem = primitiveProblem(v, field.type);
        if (problem !== undefined) this.fail(at, problem);
      } else if (typeof v !== 'object' || Array.isArray(v)) {
        this.fail(at, 'Expected an object');
      } else if (!populated(v)) {
        this.fail(at, 'Invalid empty non-primitive value');
      } else if (field.type === 'Resource') {
        this.resource(v as Record<string, unknown>, at);
      } else {
        const type = compile(field.type);
        if (type === undefined) this.fail(at, `No definition for type ${field.type}`);
        else this.object(v as Record<string, unknown>, type, at, resource);
      }
    }
  }

  /** `_birthDate`: the extensions and id of a primitive (an Element), possibly one per array item. */
  private primitiveExtensions(value: unknown, path: string, resource: Record<string, unknown>): void {
    const element = compile('Element');
    if (element === undefined) return;
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item: unknown, i) => {
      const at = Array.isArray(value) ? `${path}[${i}]` : path;
      if (item === null && Array.isArray(value)) return;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) this.fail(at, 'Expected an object');
      else this.object(item as Record<string, unknown>, element, at, resource);
    });
  }
}

/** Structure and invariant errors of one resource; paths start at its resourceType. */
export function structureIssues(resource: Record<string, unknown>): StructureIssue[] {
  ensureDefinitions();
  const walk = new Walk(resource);
  walk.resource(resource, typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource');
  return walk.issues;
}
