/** Multi-row VALUES lists with numbered parameters and an explicit cast on each (both drivers infer nothing then). */
export class SqlParams {
  readonly params: unknown[] = [];

  add(value: unknown, cast: string): string {
    this.params.push(value);
    return `$${this.params.length}::${cast}`;
  }

  values(rows: readonly (readonly unknown[])[], casts: readonly string[]): string {
    return rows.map((row) => `(${row.map((v, i) => this.add(v, casts[i]!)).join(', ')})`).join(', ');
  }
}

/**
 * A batch's rows as one array parameter per column, for `FROM unnest($1::t1[], $2::t2[], …) AS
 * p(…)`: the statement's text and parameter count stay the same whatever the batch size, so the
 * server parses and plans a handful of parameters instead of one per value (a 700-row insert of
 * the trail on PGlite: 47 → 21 µs of CPU per row, measured). Casts are the element types; a
 * column that is itself an array travels as its text literal (`{1,2}`) in a text[] column, as
 * unnest would flatten a two-dimensional array.
 */
export function unnestColumns(rows: readonly (readonly unknown[])[], casts: readonly string[], first = 1): { from: string; params: unknown[] } {
  const params: unknown[] = [];
  const columns = casts.map((cast, i) => {
    const values = rows.map((row) => row[i]);
    const joined = cast === 'bytea' ? undefined : joinColumn(values);
    params.push(joined ?? values);
    if (joined === undefined) return `$${first + i}::${cast}[]`;
    return cast === 'text' ? `string_to_array($${first + i}::text, ${SPLIT})` : `string_to_array($${first + i}::text, ${SPLIT})::${cast}[]`;
  });
  return { from: `unnest(${columns.join(', ')})`, params };
}

/**
 * A column as one string, split in SQL by string_to_array (and cast to its element type unless
 * text): a typed array parameter is escaped element by element by the driver (pg's and PGlite's
 * array serializers) and read back by PostgreSQL's array_in; string_to_array cuts one string in a
 * plain loop (PGlite, 700 trail rows × 15 text columns: ≈ 4.5 → 3.3 ms of CPU, measured). US (0x1f)
 * separates values, RS (0x1e) stands for NULL: control characters no identifier, code, number or
 * time contains. bytea stays an array (a Buffer has no such text form).
 */
const SEPARATOR = '\x1f';
const NULL_MARK = '\x1e';
const SPLIT = "E'\\x1f', E'\\x1e'";

/**
 * Undefined when the column cannot travel joined, and then goes as an array: a value that is not a
 * string, number or boolean, a string holding either control character (free text such as a reason
 * could), or a lone empty string (string_to_array reads '' as no element at all, which would
 * shorten the column and misalign the rows).
 */
function joinColumn(values: readonly unknown[]): string | undefined {
  const parts: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined) parts.push(NULL_MARK);
    else if (typeof v === 'number' || typeof v === 'boolean') parts.push(String(v));
    else if (typeof v === 'string' && !v.includes(SEPARATOR) && !v.includes(NULL_MARK)) parts.push(v);
    else return undefined;
  }
  if (parts.length === 1 && parts[0] === '') return undefined;
  return parts.join(SEPARATOR);
}
