/**
 * A small JSON Patch (RFC 6902) applier over JSON Pointers (RFC 6901) for the test FHIR server:
 * add, remove, replace, move, copy and test. Written here rather than taken from npm: the one widely
 * used package (fast-json-patch) has had no release since 2022, and a test fixture that must say
 * exactly which failures are 400 (a malformed document) and which 422 (a patch that does not apply)
 * is easier to trust at this size than a dependency's error mapping.
 */

type Json = Record<string, unknown>;

/** `invalid`: the document is not a JSON Patch (400). `failed`: it is, but does not apply (422). */
export class JsonPatchError extends Error {
  constructor(
    readonly kind: 'invalid' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

const invalid = (message: string) => new JsonPatchError('invalid', message);
const failed = (message: string) => new JsonPatchError('failed', message);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 §3/§4: "" is the whole document; each token unescapes ~1 to "/" before ~0 to "~". */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw invalid('a JSON Pointer starts with "/"');
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** An array index token (RFC 6901 §4: no leading zeros); `-` only where `allowEnd`. */
function arrayIndex(array: unknown[], token: string, allowEnd: boolean): number {
  if (allowEnd && token === '-') return array.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw failed('not an array index');
  const index = Number(token);
  if (index > array.length || (!allowEnd && index === array.length)) throw failed('array index out of range');
  return index;
}

function child(container: unknown, token: string): unknown {
  if (Array.isArray(container)) return container[arrayIndex(container, token, false)];
  if (isObject(container) && Object.hasOwn(container, token)) return container[token];
  throw failed('path not found');
}

function resolve(doc: unknown, tokens: readonly string[]): unknown {
  return tokens.reduce<unknown>((node, token) => child(node, token), doc);
}

/** Own data property, so a `__proto__` token is a member name like any other. */
function setMember(object: Json, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** RFC 6902 §4.1: create or replace a member, insert into an array; the parent must exist. */
function add(doc: unknown, tokens: readonly string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const parent = resolve(doc, tokens.slice(0, -1));
  const key = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else if (isObject(parent)) setMember(parent, key, value);
  else throw failed('parent is not a container');
  return doc;
}

/** RFC 6902 §4.2: the target must exist. */
function remove(doc: unknown, tokens: readonly string[]): unknown {
  if (tokens.length === 0) throw failed('cannot remove the whole document');
  const parent = resolve(doc, tokens.slice(0, -1));
  const key = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else if (isObject(parent) && Object.hasOwn(parent, key)) delete parent[key];
  else throw failed('path not found');
  return doc;
}

/** RFC 6902 §4.3: the target must exist; a member keeps its place among the others. */
function replace(doc: unknown, tokens: readonly string[], value: unknown): unknown {
  if (tokens.length === 0) return value;
  const parent = resolve(doc, tokens.slice(0, -1));
  const key = tokens[tokens.length - 1] as string;
  resolve(parent, [key]);
  if (Array.isArray(parent)) parent[arrayIndex(parent, key, false)] = value;
  else setMember(parent as Json, key, value);
  return doc;
}

/** RFC 6902 §4.6: equal JSON values (member order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return a === b;
}

function member(op: Json, name: 'path' | 'from'): string[] {
  const value = op[name];
  if (typeof value !== 'string') throw invalid(`"${name}" must be a string`);
  return parsePointer(value);
}

function valueOf(op: Json): unknown {
  if (!Object.hasOwn(op, 'value')) throw invalid('"value" is required');
  return structuredClone(op.value);
}

function applyOne(doc: unknown, op: Json): unknown {
  const path = member(op, 'path');
  switch (op.op) {
    case 'add':
      return add(doc, path, valueOf(op));
    case 'remove':
      return remove(doc, path);
    case 'replace':
      return replace(doc, path, valueOf(op));
    case 'move': {
      const from = member(op, 'from');
      // §4.4: a location cannot be moved into one of its children
      if (path.length > from.length && from.every((t, i) => path[i] === t)) throw failed('cannot move into a child of itself');
      const value = resolve(doc, from);
      return add(remove(doc, from), path, value);
    }
    case 'copy':
      return add(doc, path, structuredClone(resolve(doc, member(op, 'from'))));
    case 'test':
      if (!jsonEqual(resolve(doc, path), valueOf(op))) throw failed('test failed');
      return doc;
    default:
      throw invalid('unknown "op"');
  }
}

/**
 * `document` applied to a copy of `target` (§5: all operations or none). Throws JsonPatchError;
 * its messages name no values, as the server's OperationOutcome diagnostics are test output.
 */
export function applyJsonPatch(target: unknown, document: unknown): unknown {
  if (!Array.isArray(document)) throw invalid('a JSON Patch is an array of operations');
  let doc = structuredClone(target);
  for (const op of document) {
    if (!isObject(op)) throw invalid('an operation is an object');
    doc = applyOne(doc, op);
  }
  return doc;
}
