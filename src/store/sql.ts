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
