/**
 * FHIRPath Patch (FHIR R4 fhirpatch.html: a Parameters resource of `operation` parameters) for the test
 * FHIR server: the operations hig sends, with the spec's semantics, and nothing more.
 *
 * - `add` (path, name, value): the path names one element; the value is appended to its `name` list
 *   (created when absent), or set when `name` is a single element the element does not have yet (R4:
 *   "Add can be used for non-repeating elements as long as they do not already exist"). Which names
 *   repeat is this fixture's table (REPEATING): the server of the spec reads it from the definitions.
 * - `delete` (path): the element the path names, "if found" (none: no change); more than one is an
 *   error ("Only a single element can be deleted").
 * - `replace` (path, value): the one element the path names.
 * - `insert` and `move` are refused (400 unsupported): hig never sends them.
 *
 * Paths: the restricted FHIRPath the spec's examples use, here `Type(.name)*` with `.where(...)` after a
 * name, its criteria `name = literal` (a string with `\'` and `\\` escapes, `true`/`false`, a number),
 * `name.empty()` or `name.where(...).exists()`, joined by `and`; a choice element by its base name
 * (`occurrence`, CHOICES). A value is `value[x]`, or (a type value[x] cannot carry in R4, such as Extension) parts
 * named by the element's properties, each with its own value[x] or parts.
 */

type Json = Record<string, unknown>;

/** `invalid`: not a FHIRPath Patch this fixture reads (400). `failed`: it is, but does not apply (422). */
export class FhirPathPatchError extends Error {
  constructor(
    readonly kind: 'invalid' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'FhirPathPatchError';
  }
}

const invalid = (message: string) => new FhirPathPatchError('invalid', message);
const failed = (message: string) => new FhirPathPatchError('failed', message);

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Element names that repeat (0..*), where an `add` creates a list. */
const REPEATING: ReadonlySet<string> = new Set([
  ...['extension', 'modifierExtension', 'identifier', 'note', 'basedOn', 'coding', 'category', 'reasonCode', 'specimen', 'supportingInfo'],
  ...['reasonReference', 'performer', 'locationCode', 'locationReference', 'orderDetail', 'bodySite', 'insurance', 'relevantHistory', 'replaces'],
  ...['instantiatesCanonical', 'instantiatesUri', 'link'],
]);

/**
 * Choice elements ([x]) by their base name, as FHIRPath names them: a path step `occurrence` finds
 * `occurrenceDateTime` or `occurrencePeriod`…, and `add` of name `occurrence` with `valuePeriod` sets
 * `occurrencePeriod`.
 */
const CHOICES: ReadonlySet<string> = new Set(['occurrence', 'quantity', 'asNeeded']);

/** The key a step name has in `parent`: itself, or the typed key of a choice element. */
function keyIn(parent: Json, name: string): string {
  if (!CHOICES.has(name) || name in parent) return name;
  return Object.keys(parent).find((k) => k.startsWith(name) && /^[A-Z]/.test(k.slice(name.length))) ?? name;
}

/**
 * A criterion of `where`: `name = literal` (a string, `true`/`false` or a number), `name.empty()`, or
 * `name.where(criteria).exists()` (an item of `name` meets the nested criteria); `name` may be a dotted
 * path of single elements (`other.reference`).
 */
type Criterion = { name: string; equals: string | boolean | number } | { name: string; empty: true } | { name: string; some: Criterion[] };
type Step = { name: string; where?: Criterion[] };

function readLiteral(text: string, at: number): [string, number] {
  if (text[at] !== "'") throw invalid('a string literal starts with a quote');
  let out = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[++i];
      if (next === undefined) break;
      out += next;
    } else if (c === "'") return [out, i + 1];
    else out += c;
  }
  throw invalid('an unterminated string literal');
}

function parseCriteria(text: string): Criterion[] {
  const criteria: Criterion[] = [];
  let at = 0;
  const skip = () => {
    while (text[at] === ' ') at++;
  };
  for (;;) {
    skip();
    const name = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*/.exec(text.slice(at))?.[0];
    if (name === undefined) throw invalid('a where() criterion names an element');
    // `a.b.empty()`: the dotted name stops before the function
    if (name.endsWith('.empty') && text.startsWith('()', at + name.length)) {
      criteria.push({ name: name.slice(0, -'.empty'.length), empty: true });
      at += name.length + 2;
      skip();
      if (at >= text.length) return criteria;
      if (!text.startsWith('and ', at)) throw invalid('where() criteria are joined by `and`');
      at += 4;
      continue;
    }
    // `a.where(…)`: the dotted name stops before the function, as for `.empty()` above
    const own = name.endsWith('.where') && text.startsWith('(', at + name.length) ? name.slice(0, -'.where'.length) : name;
    at += own.length;
    skip();
    if (text.startsWith('.empty()', at)) {
      criteria.push({ name: own, empty: true });
      at += '.empty()'.length;
    } else if (text.startsWith('.where(', at)) {
      const open = at + '.where('.length;
      const close = closing(text, open);
      if (!text.startsWith(').exists()', close)) throw invalid('a nested where() is followed by .exists()');
      criteria.push({ name: own, some: parseCriteria(text.slice(open, close)) });
      at = close + ').exists()'.length;
    } else if (text[at] === '=') {
      at++;
      skip();
      const other = /^(true|false|-?[0-9]+(\.[0-9]+)?)/.exec(text.slice(at))?.[0];
      if (other !== undefined) {
        criteria.push({ name: own, equals: other === 'true' ? true : other === 'false' ? false : Number(other) });
        at += other.length;
      } else {
        const [value, end] = readLiteral(text, at);
        criteria.push({ name: own, equals: value });
        at = end;
      }
    } else throw invalid('a where() criterion is `name = literal`, `name.empty()` or `name.where(...).exists()`');
    skip();
    if (at >= text.length) return criteria;
    if (!text.startsWith('and ', at)) throw invalid('where() criteria are joined by `and`');
    at += 4;
  }
}

/** The index of the `)` closing a parenthesis opened just before `at` (outside string literals). */
function closing(text: string, at: number): number {
  let quoted = false;
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === '\\' && quoted) i++;
    else if (text[i] === "'") quoted = !quoted;
    else if (text[i] === '(' && !quoted) depth++;
    else if (text[i] === ')' && !quoted && depth-- === 0) return i;
  }
  throw invalid('where( without its closing parenthesis');
}

/** `Type.a.where(...).b` → the resource type and the steps. */
export function parsePath(path: string): { type: string; steps: Step[] } {
  const type = /^[A-Z][A-Za-z]+/.exec(path)?.[0];
  if (type === undefined) throw invalid('a path starts with the resource type');
  const steps: Step[] = [];
  let at = type.length;
  while (at < path.length) {
    if (path[at] !== '.') throw invalid('path steps are joined by "."');
    at++;
    if (path.startsWith('where(', at)) {
      const last = steps[steps.length - 1];
      if (last === undefined) throw invalid('where() follows an element name');
      // the closing parenthesis outside string literals and the criteria's own `empty()`
      let i = at + 'where('.length;
      let quoted = false;
      let depth = 0;
      for (; i < path.length; i++) {
        if (path[i] === '\\' && quoted) i++;
        else if (path[i] === "'") quoted = !quoted;
        else if (path[i] === '(' && !quoted) depth++;
        else if (path[i] === ')' && !quoted && depth-- === 0) break;
      }
      if (i >= path.length) throw invalid('where( without its closing parenthesis');
      last.where = [...(last.where ?? []), ...parseCriteria(path.slice(at + 'where('.length, i))];
      at = i + 1;
      continue;
    }
    const name = /^[A-Za-z][A-Za-z0-9]*/.exec(path.slice(at))?.[0];
    if (name === undefined) throw invalid('a path step is an element name or where()');
    steps.push({ name });
    at += name.length;
  }
  return { type, steps };
}

/** Where a path's element sits: its parent object, its name there, and its list index when it repeats. */
interface Location {
  parent: Json;
  name: string;
  index?: number;
}

/** The value a dotted criterion name reaches (single elements only). */
function reach(value: Json, name: string): unknown {
  let at: unknown = value;
  for (const step of name.split('.')) at = isJson(at) ? at[step] : undefined;
  return at;
}

function holds(value: unknown, criteria: readonly Criterion[]): boolean {
  if (!isJson(value)) return false;
  return criteria.every((c) => {
    if ('empty' in c) return reach(value, c.name) === undefined;
    if ('some' in c) {
      const v = reach(value, c.name);
      return (Array.isArray(v) ? v : v === undefined ? [] : [v]).some((item) => holds(item, c.some));
    }
    return reach(value, c.name) === c.equals;
  });
}

function locate(resource: Json, path: string): Location[] {
  const { type, steps } = parsePath(path);
  if (type !== resource.resourceType) throw failed('the path names another resource type');
  if (steps.length === 0) return [];
  let parents: Json[] = [resource];
  let found: Location[] = [];
  for (const [n, step] of steps.entries()) {
    found = [];
    for (const parent of parents) {
      const name = keyIn(parent, step.name);
      const value = parent[name];
      if (Array.isArray(value)) value.forEach((v, index) => found.push({ parent, name, index }));
      else if (value !== undefined) found.push({ parent, name });
    }
    if (step.where !== undefined) found = found.filter((l) => holds(valueAt(l), step.where ?? []));
    if (n < steps.length - 1) parents = found.map(valueAt).filter(isJson);
  }
  return found;
}

function valueAt(l: Location): unknown {
  const v = l.parent[l.name];
  return l.index === undefined ? v : (v as unknown[])[l.index];
}

/** The element a path names when it must name exactly one (add's container, replace's target). */
function one(resource: Json, path: string): Location | 'resource' {
  if (/^[A-Z][A-Za-z]+$/.test(path)) {
    if (path !== resource.resourceType) throw failed('the path names another resource type');
    return 'resource';
  }
  const found = locate(resource, path);
  if (found.length !== 1) throw failed(`the path names ${found.length} elements, not one`);
  return found[0] as Location;
}

/** A part's value: its value[x], or an element built from its parts (repeating names become lists). */
function valueOf(part: Json): unknown {
  const key = Object.keys(part).find((k) => k.startsWith('value'));
  if (key !== undefined) return part[key];
  if (!Array.isArray(part.part)) throw invalid('a value part has neither value[x] nor parts');
  const out: Json = {};
  for (const p of part.part) {
    if (!isJson(p) || typeof p.name !== 'string') throw invalid('a value part without a name');
    const v = valueOf(p);
    if (REPEATING.has(p.name)) out[p.name] = [...((out[p.name] as unknown[] | undefined) ?? []), v];
    else out[p.name] = v;
  }
  return out;
}

function partsOf(operation: Json): Map<string, Json> {
  const parts = new Map<string, Json>();
  if (operation.name !== 'operation' || !Array.isArray(operation.part)) throw invalid('a parameter that is not an operation');
  for (const p of operation.part) if (isJson(p) && typeof p.name === 'string') parts.set(p.name, p);
  return parts;
}

function applyOne(resource: Json, operation: Json): void {
  const parts = partsOf(operation);
  const type = parts.get('type')?.valueCode;
  const path = parts.get('path')?.valueString;
  if (typeof path !== 'string') throw invalid('an operation without a path');
  if (type === 'delete') {
    const found = locate(resource, path);
    if (found.length > 1) throw failed('delete names more than one element');
    const [l] = found;
    if (l === undefined) return;
    if (l.index === undefined) delete l.parent[l.name];
    else {
      const list = l.parent[l.name] as unknown[];
      list.splice(l.index, 1);
      if (list.length === 0) delete l.parent[l.name];
    }
    return;
  }
  const valuePart = parts.get('value');
  if (valuePart === undefined) throw invalid(`${String(type)} without a value`);
  const value = valueOf(valuePart);
  if (type === 'replace') {
    const l = one(resource, path);
    if (l === 'resource') throw failed('replace names the resource itself');
    if (l.index === undefined) l.parent[l.name] = value;
    else (l.parent[l.name] as unknown[])[l.index] = value;
    return;
  }
  if (type === 'add') {
    const name = parts.get('name')?.valueString;
    if (typeof name !== 'string') throw invalid('add without a name');
    const l = one(resource, path);
    const container = l === 'resource' ? resource : valueAt(l);
    if (!isJson(container)) throw failed('add names no element to add to');
    // a choice element takes the type of its value: `occurrence` + valuePeriod is occurrencePeriod
    const typed = Object.keys(valuePart).find((k) => k.startsWith('value') && k.length > 'value'.length);
    if (CHOICES.has(name) && typed === undefined) throw invalid(`add of the choice element ${name} without a typed value`);
    const key = CHOICES.has(name) ? `${name}${(typed ?? '').slice('value'.length)}` : name;
    if (CHOICES.has(name) && keyIn(container, name) in container) throw failed(`add of ${name}, which the element already has`);
    const current = container[key];
    if (Array.isArray(current)) current.push(value);
    else if (current !== undefined) throw failed(`add of ${key}, which the element already has`);
    else container[key] = REPEATING.has(key) ? [value] : value;
    return;
  }
  throw invalid(`operation type ${String(type)} is not supported here`);
}

/** The resource after `document` (a Parameters resource), or a FhirPathPatchError; `resource` is not changed. */
export function applyFhirPathPatch(resource: Json, document: unknown): Json {
  if (!isJson(document) || document.resourceType !== 'Parameters') throw invalid('a FHIRPath Patch is a Parameters resource');
  const out = structuredClone(resource);
  for (const operation of Array.isArray(document.parameter) ? document.parameter : []) {
    if (!isJson(operation)) throw invalid('a parameter that is not an object');
    applyOne(out, operation);
  }
  return out;
}
