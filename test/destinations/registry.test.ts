/** The destination registry: one table, every type self-describing, the union built from it. */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { destinationConfigSchema, destinationTypes, needsOf, resultDestinationSchema } from '../../src/destinations/index.js';

const examples: Record<string, Record<string, unknown>> = {
  none: { type: 'none' },
  fhir: { type: 'fhir', baseUrl: 'https://fhir.example.org/r4', mode: 'transaction', auth: { type: 'none' } },
  mllp: { type: 'mllp', host: 'lab.example.org', port: 2575 },
  http: { type: 'http', url: 'https://archive.example.org/in', content: 'hl7v2' },
  file: { type: 'file', dir: '/var/lib/hig/out', content: 'fhir', name: '{messageId}.json' },
  channel: { type: 'channel', channel: 'lab-out' },
};

/** Every property of every object in a JSON Schema, with whether it has a description. */
function undocumented(schema: unknown, at = '', out: string[] = []): string[] {
  if (Array.isArray(schema)) schema.forEach((s, i) => undocumented(s, `${at}[${i}]`, out));
  else if (schema !== null && typeof schema === 'object') {
    const record = schema as Record<string, unknown>;
    if (record.properties !== undefined) {
      for (const [key, prop] of Object.entries(record.properties as Record<string, Record<string, unknown>>)) {
        if (typeof prop.description !== 'string' && prop.$ref === undefined) out.push(`${at}.${key}`);
      }
    }
    for (const [key, value] of Object.entries(record)) undocumented(value, `${at}/${key}`, out);
  }
  return out;
}

describe('destination registry', () => {
  it('lists each type once, and has an example for each (add one here when you add a type)', () => {
    const types = destinationTypes.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types.sort()).toEqual(Object.keys(examples).sort());
  });

  it.each(Object.entries(examples))('the union accepts a %s block and knows what it needs', (type, block) => {
    const parsed = destinationConfigSchema.parse(block);
    expect(parsed.type).toBe(type);
    expect(needsOf(parsed)).toBe({ none: 'nothing', fhir: 'fhir', mllp: 'hl7v2', http: 'hl7v2', file: 'fhir', channel: 'hl7v2' }[type]);
  });

  it('documents every field of every type (the JSON Schema is generated from it)', () => {
    expect(undocumented(z.toJSONSchema(destinationConfigSchema, { io: 'input' }))).toEqual([]);
  });

  it('refuses an unknown type', () => {
    expect(destinationConfigSchema.safeParse({ type: 'ftp' }).success).toBe(false);
  });

  it("the channel's legacy single destination takes only what the FHIR result pipeline can feed", () => {
    expect(resultDestinationSchema.safeParse(examples.fhir).success).toBe(true);
    expect(resultDestinationSchema.safeParse(examples.none).success).toBe(true);
    expect(resultDestinationSchema.safeParse(examples.mllp).success).toBe(false);
  });
});
