/**
 * The JSON body parser of every hig route: fastify's own (which refuses `__proto__` and
 * `constructor` keys) behind a linear nesting-depth scan. JSON.parse spends far more per byte on
 * deep nesting than on flat data (a 2.4 MB array nested 1.2 million deep took 680 ms, on the event
 * loop the MLLP listeners share), so a body nested deeper than any real message is refused with 400
 * before it is parsed.
 */
import type { FastifyInstance } from 'fastify';
import { MAX_JSON_DEPTH } from './limits.js';

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/** True when `text` opens more than `maxDepth` objects/arrays at once (strings skipped). One pass. */
export function jsonDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}

/** Installs the depth-bounded JSON parser in `scope` (replacing the one it inherited). */
export function useBoundedJsonParser(scope: FastifyInstance, maxDepth: number = MAX_JSON_DEPTH): void {
  const parse = scope.getDefaultJsonParser('error', 'error');
  if (scope.hasContentTypeParser('application/json')) scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = String(body);
    if (jsonDeeperThan(text, maxDepth)) {
      done(Object.assign(new Error(`JSON body nested deeper than ${maxDepth} levels`), { statusCode: 400, code: 'BAD_REQUEST' }), undefined);
      return;
    }
    parse(req, text, done);
  });
}
