/**
 * docs/mapping.md "Supported events" is the table a sender's analyst reads first: it lists every event hig converts
 * (structures/definitions.ts SUPPORTED_EVENTS) and no other (review 57 R57-N5: A44 move account information,
 * converted since review 25 and in "Event semantics", was not in the table; nor was A18, converted since review 26).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_EVENTS } from '../../src/transform/structures/definitions.js';
import { repoRoot } from './helpers.js';

/** The `TYPE^EVENT`s the table's rows name: `A01, A04` one type's events; `OMG / OML` with `O19 / O21` pairs. */
function tableEvents(): string[] {
  const doc = readFileSync(path.join(repoRoot, 'docs/mapping.md'), 'utf8');
  const lines = doc.slice(doc.indexOf('## Supported events')).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const after = lines.findIndex((l, i) => i > first && !l.startsWith('|'));
  // the rows under the header and its separator
  const table = lines.slice(first + 2, after);
  return table.flatMap((row) => {
    const [types = '', events = ''] = row.split('|').slice(1, 3).map((c) => c.replace(/\([^)]*\)/g, '').trim());
    const messages = types.split('/').map((t) => t.trim());
    if (messages.length > 1) return events.split('/').map((e, i) => `${messages[i] ?? ''}^${e.trim()}`);
    return events.split(/[,/]/).map((e) => `${messages[0] ?? ''}^${e.trim()}`);
  });
}

describe('R57-N5 the Supported events table names every event hig converts', () => {
  it('the table and SUPPORTED_EVENTS name the same events', () => {
    expect(tableEvents().sort()).toEqual([...SUPPORTED_EVENTS].sort());
  });
});
