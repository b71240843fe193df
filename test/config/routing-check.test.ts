/**
 * check-config (the loader `start` uses) on routed channels: what the schema of one file cannot
 * see, each problem named by file and field, all of them in one error.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadChannels } from '../../src/config/load-channels.js';

function setup(channels: Array<Record<string, unknown>>): { dir: string; mappingsDir: string; transformersDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'hig-check-'));
  const dir = join(root, 'channels');
  const mappingsDir = join(root, 'mappings');
  const transformersDir = join(root, 'transformers');
  for (const d of [dir, mappingsDir, transformersDir]) mkdirSync(d);
  writeFileSync(join(mappingsDir, 'wards.csv'), 'from,to\nW1,L1\n');
  writeFileSync(join(transformersDir, 'ok.ts'), 'export default (m: string) => m;\n');
  for (const c of channels) writeFileSync(join(dir, `${String(c.id)}.json`), JSON.stringify(c));
  return { dir, mappingsDir, transformersDir };
}

const http = { type: 'http' };
const mllp = (extra: Record<string, unknown> = {}) => ({ id: 'lab', type: 'mllp', host: '127.0.0.1', port: 2575, ...extra });

function problemsOf(channels: Array<Record<string, unknown>>): string[] {
  const { dir, mappingsDir, transformersDir } = setup(channels);
  try {
    loadChannels(dir, { mappingsDir, transformersDir });
    return [];
  } catch (err) {
    expect((err as Error).name).toBe('ConfigError');
    return (err as Error).message.split('\n').map((l) => l.slice(l.indexOf('/channels/') + '/channels/'.length));
  }
}

describe('check-config: routing problems by file and field', () => {
  it.each<[string, Array<Record<string, unknown>>, string[]]>([
    ['a table that is not there', [{ id: 'a', source: http, destinations: [mllp({ transform: { v2: [{ map: { path: 'PV1-3.1', table: 'beds.csv' } }] } })] }], ['a.json: destinations.0.transform.v2.0.map.table: beds.csv: not found']],
    ['a transformer file that is not there', [{ id: 'a', source: http, destinations: [mllp({ transform: { code: { module: 'gone.ts' } } })] }], ['a.json: destinations.0.transform.code.module: gone.ts: not found']],
    ['a channel destination naming no channel', [{ id: 'a', source: http, destinations: [{ id: 'next', type: 'channel', channel: 'ghost', content: 'hl7v2' }] }], ['a.json: destinations.0.channel: no channel "ghost"']],
    [
      'channels that loop',
      [
        { id: 'a', source: http, destinations: [{ id: 'to-b', type: 'channel', channel: 'b', content: 'hl7v2' }] },
        { id: 'b', source: http, destinations: [{ id: 'to-a', type: 'channel', channel: 'a', content: 'hl7v2' }] },
      ],
      ['a.json: destinations.0.channel: channels loop: a → b → a'],
    ],
    ['a channel filter on FHIR facts', [{ id: 'a', source: http, filter: { fhir: 'Patient.gender', equals: 'female' }, destinations: [mllp()] }], ['a.json: filter: the channel filter runs before conversion: HL7 paths only (put FHIR conditions on a destination)']],
    [
      'two problems in two files, both reported',
      [
        { id: 'a', source: http, destinations: [mllp({ transform: { code: { module: 'gone.ts' } } })] },
        { id: 'b', source: http, destinations: [mllp({ transform: { v2: [{ map: { path: 'PV1-3.1', table: 'beds.csv' } }] } })] },
      ],
      ['a.json: destinations.0.transform.code.module: gone.ts: not found', 'b.json: destinations.0.transform.v2.0.map.table: beds.csv: not found'],
    ],
  ])('%s', (_name, channels, expected) => {
    const problems = problemsOf(channels);
    // The directory in the reason is the test's temporary one.
    expect(problems.map((p) => p.replace(/ in \/\S+ \(ENOENT\)$/, ''))).toEqual(expected);
  });

  it('a routed channel with a table and a module that exist loads; the legacy destination is a list of one', () => {
    const { dir, mappingsDir, transformersDir } = setup([
      { id: 'a', source: http, destinations: [mllp({ transform: { v2: [{ map: { path: 'PV1-3.1', table: 'wards.csv' } }], code: { module: 'ok.ts' } } })] },
      { id: 'b', source: http, destination: { type: 'none' } },
    ]);
    const [a, b] = loadChannels(dir, { mappingsDir, transformersDir });
    expect(a!.destinations.map((d) => d.id)).toEqual(['lab']);
    expect(b!.destinations).toEqual([{ id: 'default', type: 'none' }]);
  });

  it('destination and destinations together are refused', () => {
    const { dir, mappingsDir, transformersDir } = setup([{ id: 'a', source: http, destination: { type: 'none' }, destinations: [mllp()] }]);
    expect(() => loadChannels(dir, { mappingsDir, transformersDir })).toThrow(/a\.json: destinations: set destinations or destination, not both/);
  });
});
