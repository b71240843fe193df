/**
 * Lookup tables for `map` steps: JSON (`{"from": "to", …}`) or CSV (a header row, then
 * `from,to` rows) files under mappings/, loaded and checked once at config load. A table that is
 * missing, outside mappings/, malformed or ambiguous (the same key twice) is a config error naming
 * the file and the line, never a surprise per message.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../transform/vocabulary/csv.js';
import { resolveInside } from './inside.js';

export type LookupTable = ReadonlyMap<string, string>;

/** A table reference as written in a channel file: a relative file name ending in .json or .csv. */
export const TABLE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*\.(?:json|csv)$/;

export type TableResult = { ok: true; table: LookupTable } | { ok: false; reason: string };

function fromJson(text: string, name: string): TableResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `${name}: not valid JSON (${(err as Error).message.slice(0, 80)})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: `${name}: expected an object of "from": "to" strings` };
  const table = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') return { ok: false, reason: `${name}: the value for key ${JSON.stringify(key).slice(0, 40)} is not a string` };
    table.set(key, value);
  }
  return { ok: true, table };
}

function fromCsv(text: string, name: string): TableResult {
  const rows = parseCsv(text.replace(/^\ufeff/, '')).filter((row) => !(row.length === 1 && row[0] === ''));
  if (rows.length === 0) return { ok: false, reason: `${name}: empty (expected a header row, then from,to rows)` };
  const table = new Map<string, string>();
  for (const [index, row] of rows.slice(1).entries()) {
    const line = index + 2;
    if (row.length !== 2) return { ok: false, reason: `${name}: line ${line} has ${row.length} columns, expected 2 (from,to)` };
    const [key, value] = row as [string, string];
    if (table.has(key)) return { ok: false, reason: `${name}: line ${line} repeats a key (each key once)` };
    table.set(key, value);
  }
  return { ok: true, table };
}

/** Loads one table from `dir` (the mappings directory). */
export function loadLookupTable(dir: string, name: string): TableResult {
  if (!TABLE_NAME.test(name)) return { ok: false, reason: `"${name.slice(0, 60)}" is not a table file name (e.g. wards.csv or tables/wards.json, inside mappings/)` };
  const found = resolveInside(dir, name);
  if (!found.ok) return found;
  const file = found.file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, reason: `${name}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  return name.endsWith('.json') ? fromJson(text, name) : fromCsv(text, name);
}
