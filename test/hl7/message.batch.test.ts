/** The python-hl7 and node-hl7-client batch fixtures split into the messages INDEX.csv lists. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { get, parseMessage, splitMessages } from '../../src/hl7/message.js';
import { corpusRoot } from '../transform/helpers.js';

const rows = readFileSync(path.join(corpusRoot, 'INDEX.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','))
  .filter((r) => r[0] === 'python-hl7' || r[0] === 'node-hl7-client');

const byFile = new Map<string, { type: string; segments: number }[]>();
for (const r of rows) {
  const key = `${r[0]}/${r[1]}`;
  byFile.set(key, [...(byFile.get(key) ?? []), { type: r[3] ?? '', segments: Number(r[6]) }]);
}

describe('batch fixtures', () => {
  it.each([...byFile.entries()])('%s', (file, expected) => {
    const messages = splitMessages(readFileSync(path.join(corpusRoot, file), 'latin1'));
    expect(messages.map((m) => {
      const msg = parseMessage(m);
      return { type: `${get(msg, 'MSH-9.1') ?? ''}^${get(msg, 'MSH-9.2') ?? ''}`, segments: msg.segments.length };
    })).toEqual(expected);
  });

  it('finds no message in the python-hl7 files that hold none', () => {
    const dir = path.join(corpusRoot, 'python-hl7/extracted-from-tests-samples.py');
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.hl7'))) {
      if (byFile.has(`python-hl7/extracted-from-tests-samples.py/${f}`)) continue;
      expect(splitMessages(readFileSync(path.join(dir, f), 'latin1')), f).toEqual([]);
    }
  });
});
