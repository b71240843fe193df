/**
 * The routing config: the example channel files parse with `destinations: [...]` and pass every
 * static check; the cross-field checks name the field (the loader adds the file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { channelSchema } from '../../src/config/channel.js';
import { createCodeRunner } from '../../src/routing/code.js';
import { checkChains, checkRouting, codeStepsOf, type RoutedDestination } from '../../src/routing/config.js';
import { ROOT } from '../support/daemon.js';
import { tempDir } from '../destinations/helpers.js';

/** The channel schema itself: `filter` + `destinations` (the legacy `destination` read as a list of one). */
const routedChannelSchema = channelSchema;
type RoutedChannel = z.output<typeof routedChannelSchema>;

const example = (name: string): RoutedChannel => routedChannelSchema.parse(JSON.parse(readFileSync(join(ROOT, 'channels/examples/routing', name), 'utf8')));
const runner = createCodeRunner({ dir: join(ROOT, 'transformers') });
afterAll(() => runner.close());

describe('the example channel files', () => {
  it.each(['adt-fanout.json', 'oru-final-only.json', 'adt-sftp-archive.json'])('%s parses and passes every check, its code modules load', async (name) => {
    const channel = example(name);
    const { problems } = checkRouting(channel as never, { mappingsDir: join(ROOT, 'mappings') });
    expect(problems).toEqual([]);
    for (const { step } of codeStepsOf(channel.destinations)) expect(await runner.load(step.module, step.timeoutMs)).toEqual({ ok: true });
  });

  it('the channel JSON Schema of the routed channel documents every destination field', () => {
    const schema = JSON.stringify(z.toJSONSchema(routedChannelSchema, { io: 'input' }));
    for (const text of ['Destination id, unique within the channel', 'What each acknowledgment code means', 'File name template', 'Write to this SFTP server instead', 'pinned SHA-256 fingerprint', 'HL7 v2 edits, in order', 'A code transformer']) expect(schema).toContain(text);
  });
});

describe('field problems (paths relative to the channel file)', () => {
  const base = example('adt-fanout.json');
  const withDestinations = (destinations: unknown[]) => routedChannelSchema.parse({ ...JSON.parse(readFileSync(join(ROOT, 'channels/examples/routing/adt-fanout.json'), 'utf8')), destinations });
  const lab = base.destinations[1] as unknown as Record<string, unknown>;

  it.each<[string, unknown[], Array<string | number>, string]>([
    ['a duplicate id', [{ id: 'x', type: 'none' }, { id: 'x', type: 'none' }], ['destinations', 1, 'id'], 'already the id of destinations.0'],
    ['v2 edits on a FHIR destination', [{ id: 'f', type: 'fhir', baseUrl: 'https://f.example/r4', mode: 'batch', auth: { type: 'none' }, transform: { v2: [{ delete: 'ZPI' }] } }], ['destinations', 0, 'transform', 'v2'], 'sends fhir'],
    ['FHIR edits on an MLLP destination', [{ id: 'm', type: 'mllp', host: 'h', port: 1, transform: { fhir: [{ remove: 'Patient.telecom' }] } }], ['destinations', 0, 'transform', 'fhir'], 'sends hl7v2'],
    ['a renewed MSH-10 on a file of FHIR', [{ id: 'f', type: 'file', dir: '/tmp', content: 'fhir', name: '{messageId}.json', transform: { controlId: 'renew' } }], ['destinations', 0, 'transform', 'v2'], 'sends fhir'],
    ['parallel connections on an ordered destination', [{ ...lab, connections: 3 }], ['destinations', 0, 'connections'], 'this destination is ordered (patient)'],
    ['a missing table', [{ ...lab, transform: { v2: [{ map: { path: 'PV1-3.1', table: 'tables/beds.csv' } }] } }], ['destinations', 0, 'transform', 'v2', 0, 'map', 'table'], 'tables/beds.csv: not found'],
    ['an unknown FHIR element', [{ id: 'f', type: 'fhir', baseUrl: 'https://f.example/r4', mode: 'batch', auth: { type: 'none' }, transform: { fhir: [{ remove: 'Patient.telecomm' }] } }], ['destinations', 0, 'transform', 'fhir', 0, 'remove'], 'has no element "telecomm"'],
  ])('%s', (_name, destinations, path, reason) => {
    const channel = withDestinations(destinations);
    const { problems } = checkRouting(channel as never, { mappingsDir: join(ROOT, 'mappings') });
    expect(problems).toContainEqual({ path, reason: expect.stringContaining(reason) });
  });

  it('a malformed table file is reported with its line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'beds.csv'), 'bed,unit\nB1,U1\nB1,U2\n');
    const channel = withDestinations([{ ...lab, transform: { v2: [{ map: { path: 'PV1-3.1', table: 'beds.csv' } }] } }]);
    expect(checkRouting(channel as never, { mappingsDir: dir }).problems).toContainEqual({ path: ['destinations', 0, 'transform', 'v2', 0, 'map', 'table'], reason: 'beds.csv: line 3 repeats a key (each key once)' });
  });

  it('the schema itself refuses filter problems with their field path', () => {
    const result = routedChannelSchema.safeParse({ ...JSON.parse(readFileSync(join(ROOT, 'channels/examples/routing/adt-fanout.json'), 'utf8')), destinations: [{ id: 'n', type: 'none', filter: { all: [{ path: 'PV9-2', equals: 'I' }] } }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain('destinations.0.filter.all.0.path');
  });
});

describe('chains across channels', () => {
  const chained = (id: string, target: string) => ({ id, destinations: [{ id: 'next', type: 'channel', channel: target, content: 'hl7v2' } as unknown as RoutedDestination] });
  it('refuses a loop and a target that does not exist, naming the destination', () => {
    expect(checkChains([chained('a', 'b'), chained('b', 'a'), chained('c', 'ghost')])).toEqual([
      { channel: 'c', problem: { path: ['destinations', 0, 'channel'], reason: 'no channel "ghost"' } },
      { channel: 'a', problem: { path: ['destinations', 0, 'channel'], reason: 'channels loop: a → b → a' } },
    ]);
  });
});
