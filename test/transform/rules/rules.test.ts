/**
 * The independent review's rules (../shared/MAPPING-RULES.md), each asserted on synthetic messages
 * written from the rule text (messages.ts, table.ts). Every rule line must have its row, and every
 * Bundle a rule is judged on must be valid R4 first.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../../src/transform/index.js';
import type { Json } from '../case-match.js';
import { corpusRoot } from '../helpers.js';
import { type MessageName, messages } from './messages.js';
import { rules } from './table.js';

const rulesFile = path.join(path.dirname(corpusRoot), 'MAPPING-RULES.md');

const cache = new Map<string, Json>();
function bundleOf(name: MessageName, options: Record<string, unknown> = {}): Json {
  const key = `${name} ${JSON.stringify(options)}`;
  let b = cache.get(key);
  if (b === undefined) {
    // the 8859/1 message travels as ISO-8859-1 bytes, as a sender would put it on the wire
    const input = name === 'latin1' ? Buffer.from(messages[name], 'latin1') : messages[name];
    b = convertHl7v2(input, options).bundle;
    cache.set(key, b);
  }
  return b;
}

describe('MAPPING-RULES: every rule line has its row', () => {
  it.runIf(existsSync(rulesFile))('each line of MAPPING-RULES.md is a row of the table, once', () => {
    const lines = readFileSync(rulesFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('- ['))
      .map((l) => l.slice(2).trim());
    expect(lines.length).toBe(142);
    expect(rules.map((r) => r.rule)).toEqual(lines);
  });
});

describe('MAPPING-RULES assertions', () => {
  it.each(Object.keys(messages) as MessageName[])('%s converts to a valid R4 Bundle', (name) => {
    expect(validateBundle(bundleOf(name))).toEqual([]);
  });

  it.each(rules.map((r, i) => [`#${i + 1} ${r.ig} ${r.rule}`, r] as const))('%s', (_label, r) => {
    const bundles = r.on.map((m) => bundleOf(m, r.options));
    if (r.options !== undefined) for (const b of bundles) expect(validateBundle(b)).toEqual([]);
    expect(r.check(...bundles)).toEqual([]);
  });
});
