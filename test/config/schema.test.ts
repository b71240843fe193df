/** channels/channel.schema.json is what the code validates (no drift), and every channel field says what it is for. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelJsonSchema } from '../../src/config/json-schema.js';

const committed = JSON.parse(readFileSync(new URL('../../channels/channel.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every object property of the schema (through unions, arrays, maps and $defs), by dotted path, with its description. */
function fields(node: unknown, path: string, out: Array<{ path: string; description: unknown }> = []): Array<{ path: string; description: unknown }> {
  if (!isNode(node)) return out;
  if (isNode(node.properties)) {
    for (const [key, child] of Object.entries(node.properties)) {
      const at = path ? `${path}.${key}` : key;
      if (isNode(child) && child.$ref === undefined) out.push({ path: at, description: child.description });
      fields(child, at, out);
    }
  }
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(node[k])) (node[k] as unknown[]).forEach((n) => fields(n, path, out));
  if (node.items !== undefined) fields(node.items, `${path}[]`, out);
  if (isNode(node.additionalProperties)) fields(node.additionalProperties, `${path}{}`, out);
  if (isNode(node.$defs)) for (const [k, d] of Object.entries(node.$defs)) fields(d, `$defs.${k}`, out);
  return out;
}

describe('channels/channel.schema.json', () => {
  it('is the schema the code validates with (regenerate with npm run schema)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(channelJsonSchema())));
  });

  it('describes every channel field', () => {
    const all = fields(committed, '');
    expect(all.length).toBeGreaterThan(100);
    for (const p of ['id', 'timezone', 'source.port', 'queue.attempts', 'destination']) expect(all.map((f) => f.path)).toContain(p);
    expect(all.filter((f) => typeof f.description !== 'string' || f.description.trim() === '').map((f) => f.path)).toEqual([]);
  });
});
