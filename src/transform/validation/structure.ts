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
import { ensureType } from './definitions.js';
import { populated } from './populated.js';
import { checkInvariant, type Invariant, type InvariantScope } from './invariants.js';

export interface StructureIssue {
  severity: 'error';
  path: string;
  message: string;
}

/** One JSON key of a type: `valueQuantity` is a field of the choice element `value[x]`. */
interface Field {
  /**
   * The element's cardinality, copied here: medplum's element objects come in many shapes, so
   * reading `min`/`max`/`isArray` off them for every value was a slow (megamorphic) property load.
   */
  isArray: boolean;
  min: number;
  max: number;
  /** Type code of this key (for a choice element, the one its name selects). */
  type: string;
  /** The choice element (`value[x]`) this key belongs to, if any (always set, so every Field has one shape). */
  choice: string | undefined;
  invariants: Invariant[];
  primitive: boolean;
  /** For a primitive: the JSON type its values must have and its format (medplum's regex), looked up once here, not per value. */
  json: 'string' | 'number' | 'boolean';
  format: RegExp | undefined;
  /** `_valueString`: where this key's primitive extensions are. */
  partner: string;
  /**
   * For a Reference: the resource types it may point at (its targetProfile), or undefined for any
   * (`Resource`, or no targetProfile). Checked only when the caller can resolve references.
   */
  targets: ReadonlySet<string> | undefined;
}

/** The resource type a reference points at (a Bundle's `urn:uuid:` fullUrl, or `Type/id`), if known. */
export type ReferenceResolver = (reference: string) => string | undefined;

const SD = 'http://hl7.org/fhir/StructureDefinition/';

/** The resource types a Reference element of type entry `t` allows; undefined when any resource is allowed. */
function referenceTargets(t: { code: string; targetProfile?: string[] } | undefined): ReadonlySet<string> | undefined {
  if (t?.code !== 'Reference' || t.targetProfile === undefined || t.targetProfile.length === 0) return undefined;
  const names = t.targetProfile.map((url) => (url.startsWith(SD) ? url.slice(SD.length) : url));
  return names.includes('Resource') ? undefined : new Set(names);
}

interface CompiledType {
  name: string;
  fields: Map<string, Field>;
  /** Elements with min ≥ 1 and the JSON keys any of which satisfies them. */
  required: Array<{ name: string; keys: string[]; partners: string[] }>;
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
  ensureType(typeName);
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
        const key = base + capitalize(t.code);
        keys.push(key);
        fields.set(key, field(element, t.code, name, invariants, key, referenceTargets(t)));
      }
    } else {
      keys.push(name);
      const code = element.type[0]?.code ?? 'undefined';
      fields.set(name, field(element, code, undefined, invariants, name, referenceTargets(element.type[0])));
    }
    if (element.min > 0) required.push({ name, keys, partners: keys.map((k) => `_${k}`) });
  }
  const type: CompiledType = { name: typeName, fields, required, invariants: errorInvariants(schema.constraints) };
  compiled.set(typeName, type);
  return type;
}

/** True when any of `keys` of `obj` is populated (a loop: this runs for every required element of every object). */
function anyPopulated(obj: Record<string, unknown>, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (populated(obj[keys[i] as string])) return true;
  return false;
}

/** FHIR primitive → the JSON type it must have. */
function jsTypeOf(code: string): 'string' | 'number' | 'boolean' {
  if (code === 'boolean') return 'boolean';
  if (code === 'decimal' || code === 'integer' || code === 'positiveInt' || code === 'unsignedInt') return 'number';
  return 'string';
}

const regexes = validationRegexes as Record<string, RegExp | undefined>;

/** The schema facts the walk needs about one JSON key, derived once per type (not per value). */
function field(element: InternalSchemaElement, type: string, choice: string | undefined, invariants: Invariant[], key: string, targets?: ReadonlySet<string>): Field {
  return {
    isArray: element.isArray === true,
    min: element.min,
    max: element.max,
    type,
    choice,
    invariants,
    primitive: isPrimitiveType(type),
    json: jsTypeOf(type),
    format: regexes[type],
    partner: `_${key}`,
    targets,
  };
}

function primitiveProblem(value: unknown, field: Field): string | undefined {
  const code = field.type;
  const expected = field.json;
  if (typeof value !== expected) return `Invalid JSON type: expected ${expected}`;
  if (expected === 'string') {
    const s = value as string;
    // trim only what does not start with a visible ASCII character (nearly every value does)
    const c = s.charCodeAt(0);
    if (!(c > 32 && c < 127) && s.trim() === '') return 'String must contain non-whitespace content';
    if (s.length > 1024 * 1024) return 'String cannot be larger than 1 MB';
    const re = field.format;
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

/**
 * One walk over one resource. The path is kept as a stack of keys and indexes and only turned
 * into text when an issue is reported: valid resources, the common case, never build one.
 */
class Walk {
  readonly issues: StructureIssue[] = [];
  private readonly at: Array<string | number> = [];
  constructor(
    private readonly root: Record<string, unknown>,
    private readonly resolve?: ReferenceResolver,
  ) {}

  private path(extra?: string): string {
    let out = '';
    for (const seg of this.at) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
    return extra === undefined ? out : `${out}.${extra}`;
  }

  private fail(message: string, extra?: string): void {
    this.issues.push({ severity: 'error', path: this.path(extra), message });
  }

  private invariants(list: Invariant[], value: unknown, type: string, resource: Record<string, unknown>): void {
    const scope: InvariantScope = { value, type, resource, root: this.root };
    for (const inv of list) {
      const held = checkInvariant(inv, scope);
      if (held === 'error') {
        this.fail(`Error evaluating invariant ${inv.key}`);
        return;
      }
      if (!held) {
        this.fail(`Constraint ${inv.key} not met: ${inv.description}`);
        return; // as medplum: the first failed invariant of an element is reported
      }
    }
  }

  resource(value: Record<string, unknown>, name: string): void {
    this.at.push(name);
    this.resourceBody(value);
    this.at.pop();
  }

  /** A resource, outermost or nested (contained, Bundle.entry.resource): its type's invariants, then its keys. */
  private resourceBody(value: Record<string, unknown>): void {
    const type = typeof value.resourceType === 'string' ? compile(value.resourceType) : undefined;
    if (type === undefined) {
      this.fail('Unknown resource type');
      return;
    }
    this.invariants(type.invariants, value, type.name, value);
    this.object(value, type, value);
  }

  private object(obj: Record<string, unknown>, type: CompiledType, resource: Record<string, unknown>): void {
    // the choice elements seen: the first in a string, a Set only from a second on (most objects have
    // one value[x] at most: every part of a FHIRPath Patch has one, and a Set each was measurable)
    let choice: string | undefined;
    let choices: Set<string> | undefined;
    for (const key in obj) {
      if (key === 'resourceType') continue;
      const extension = key.charCodeAt(0) === 95; /* '_' */
      const field = type.fields.get(extension ? key.slice(1) : key);
      if (field === undefined) {
        this.fail(`Invalid additional property "${key}"`, key);
        continue;
      }
      if (field.choice !== undefined && !extension) {
        if (choice === undefined) choice = field.choice;
        else {
          choices ??= new Set([choice]);
          if (choices.has(field.choice)) this.fail('more than one type given for a choice element', field.choice);
          choices.add(field.choice);
        }
      }
      this.at.push(key);
      if (extension) this.primitiveExtensions(obj[key], field, resource);
      else this.property(obj[key], field, resource, field.primitive ? obj[field.partner] : undefined); // only primitives have `_` partners
      this.at.pop();
    }
    for (const req of type.required) if (!anyPopulated(obj, req.keys) && !anyPopulated(obj, req.partners)) this.fail('Missing required property', req.name);
  }

  private property(value: unknown, field: Field, resource: Record<string, unknown>, extensions: unknown): void {
    if (value === null) {
      this.fail('Invalid null value');
      return;
    }
    if (!populated(value)) {
      this.fail('Invalid empty value');
      return;
    }
    const isArray = Array.isArray(value);
    if (isArray !== field.isArray) {
      this.fail(field.isArray ? 'Expected array of values for property' : 'Expected single value for property');
      return;
    }
    const count = isArray ? value.length : 1;
    if (count < field.min || count > field.max) this.fail(`Invalid number of values: expected ${field.min}..${Number.isFinite(field.max) ? field.max : '*'}`);
    const partners = Array.isArray(extensions) ? (extensions as unknown[]) : undefined;
    if (!isArray) {
      // a single value is checked as it is: no one-item array per element
      this.item(value, field, resource, partners?.[0]);
      return;
    }
    for (let i = 0; i < value.length; i++) {
      this.at.push(i);
      this.item(value[i], field, resource, partners?.[i]);
      this.at.pop();
    }
  }

  private item(v: unknown, field: Field, resource: Record<string, unknown>, partner: unknown): void {
    if (v === null || v === undefined) {
      // an array of primitives may hold null where its `_` partner carries the extension
      if (!(field.primitive && v === null && partner !== null && partner !== undefined)) this.fail('Invalid null value');
      return;
    }
    if (field.invariants.length > 0) this.invariants(field.invariants, v, field.type, resource);
    if (field.primitive) {
      const problem = primitiveProblem(v, field);
      if (problem !== undefined) this.fail(problem);
    } else if (typeof v !== 'object' || Array.isArray(v)) {
      this.fail('Expected an object');
    } else if (!populated(v)) {
      this.fail('Invalid empty non-primitive value');
    } else if (field.type === 'Resource') {
      this.resourceBody(v as Record<string, unknown>);
    } else {
      const type = compile(field.type);
      if (type === undefined) this.fail(`No definition for type ${field.type}`);
      else this.object(v as Record<string, unknown>, type, resource);
      if (field.targets !== undefined && this.resolve !== undefined) this.target(v as Record<string, unknown>, field.targets, this.resolve);
    }
  }

  /**
   * [FHIR R4 ref-1, ElementDefinition.type.targetProfile] a Reference must point at a resource type
   * its element allows: an Organization is no Encounter.participant.individual (review 11 class
   * R11-A). Only references the resolver knows (the Bundle's own entries, `Type/id`) are checked.
   */
  private target(ref: Record<string, unknown>, targets: ReadonlySet<string>, resolve: ReferenceResolver): void {
    const type = typeof ref.reference === 'string' ? resolve(ref.reference) : undefined;
    if (type !== undefined && !targets.has(type)) this.fail(`Reference to a ${type} is not allowed here (allowed: ${[...targets].join(', ')})`, 'reference');
  }

  /** `_birthDate`: the extensions and id of a primitive (an Element), possibly one per array item. */
  private primitiveExtensions(value: unknown, field: Field, resource: Record<string, unknown>): void {
    const element = compile('Element');
    if (element === undefined) return;
    const isArray = Array.isArray(value);
    // `_x` has the cardinality of `x`: one Element for a single primitive, an array for a list
    if (isArray !== field.isArray) {
      this.fail(field.isArray ? 'Expected array of values for property' : 'Expected single value for property');
      return;
    }
    const items: unknown[] = isArray ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === null && isArray) continue;
      if (isArray) this.at.push(i);
      if (item === null || typeof item !== 'object' || Array.isArray(item)) this.fail('Expected an object');
      else this.object(item as Record<string, unknown>, element, resource);
      if (isArray) this.at.pop();
    }
  }
}

/**
 * Structure and invariant errors of one resource; paths start at its resourceType. With `resolve`
 * (validateBundle: the Bundle's fullUrls), also each Reference's target type against its element.
 */
export function structureIssues(resource: Record<string, unknown>, resolve?: ReferenceResolver): StructureIssue[] {
  // the resource's invariants may look into its contained resources before the walk reaches them
  if (typeof resource.resourceType === 'string') ensureType(resource.resourceType);
  if (Array.isArray(resource.contained)) for (const c of resource.contained) if (typeof (c as { resourceType?: unknown })?.resourceType === 'string') ensureType((c as { resourceType: string }).resourceType);
  const walk = new Walk(resource, resolve);
  walk.resource(resource, typeof resource.resourceType === 'string' ? resource.resourceType : 'Resource');
  return walk.issues;
}
