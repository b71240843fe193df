/**
 * Declarative v2 edits as tables: steps × message → the bytes sent; lookup tables from JSON and CSV
 * files; the static checks with their field paths; MSH-10 kept or renewed.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../src/errors.js';
import { loadLookupTable, type LookupTable } from '../../src/routing/tables.js';
import { compileV2Edits, renewedControlId, v2StepSchema, validateV2Steps, type V2Step } from '../../src/routing/v2-edit.js';
import { tempDir } from '../destinations/helpers.js';

const ADT = [
  'MSH|^~\\&|HIS|HOSP|LAB|LAB|20240101120000||ADT^A01^ADT_A01|CTRL1|P|2.5.1',
  'EVN|A01|20240101120000',
  'PID|1||123^^^HOSP^MR~456^^^OTHER^PI||DOE^JOHN',
  'PV1|1|I|W1^101^A',
  'ZPI|x',
  'ZPI|y',
].join('\r') + '\r';

const wards: LookupTable = new Map([
  ['W1', 'NORTH-1'],
  ['W2', 'SOUTH-2'],
]);
const tables = new Map([['wards.csv', wards]]);
const ctx = { messageId: 'm-1', destinationId: 'lab' };
const run = (steps: unknown[], message = ADT, controlId: 'keep' | 'renew' = 'keep') =>
  compileV2Edits(steps.map((s) => v2StepSchema.parse(s)), controlId, tables)(Buffer.from(message), ctx).toString('utf8');
const lines = (text: string) => text.split('\r');

describe('steps', () => {
  it.each<[string, unknown[], Record<number, string>]>([
    ['set a component', [{ set: { path: 'PV1-3.1', value: 'W9' } }], { 3: 'PV1|1|I|W9^101^A' }],
    ['set escapes delimiters', [{ set: { path: 'PV1-3.2', value: '1|2^3' } }], { 3: 'PV1|1|I|W1^1\\F\\2\\S\\3^A' }],
    ['set on every repetition', [{ set: { path: 'PID-3[*].4', value: 'H' } }], { 2: 'PID|1||123^^^H^MR~456^^^H^PI||DOE^JOHN' }],
    ['copy a field with its structure', [{ copy: { from: 'PV1-3', to: 'ZPI-2' } }], { 4: 'ZPI|x|W1^101^A' }],
    ['copy a component', [{ copy: { from: 'PID-5.1', to: 'PV1-3.4' } }], { 3: 'PV1|1|I|W1^101^A^DOE' }],
    ['copy from an absent element changes nothing', [{ copy: { from: 'PV1-19', to: 'ZPI-2' } }], {}],
    ['delete a repetition', [{ delete: 'PID-3[1]' }], { 2: 'PID|1||123^^^HOSP^MR||DOE^JOHN' }],
    ['map through a table', [{ map: { path: 'PV1-3.1', table: 'wards.csv' } }], { 3: 'PV1|1|I|NORTH-1^101^A' }],
    ['map to another element', [{ map: { path: 'PV1-3.1', table: 'wards.csv', to: 'ZPI-2' } }], { 4: 'ZPI|x|NORTH-1' }],
    ['steps apply in order', [{ set: { path: 'PV1-3.1', value: 'W2' } }, { map: { path: 'PV1-3.1', table: 'wards.csv' } }], { 3: 'PV1|1|I|SOUTH-2^101^A' }],
  ])('%s', (_name, steps, changed) => {
    const out = lines(run(steps));
    const expected = lines(ADT).map((line, i) => changed[i] ?? line);
    expect(out).toEqual(expected);
  });

  it('delete segments with [*]', () => {
    expect(run([{ delete: 'ZPI[*]' }])).toBe(lines(ADT).slice(0, 4).join('\r') + '\r');
  });

  it.each<[unknown, string]>([
    ['keep', 'PV1|1|I|W3^101^A'],
    ['empty', 'PV1|1|I|^101^A'],
    [{ default: 'UNKNOWN' }, 'PV1|1|I|UNKNOWN^101^A'],
  ])('map onMissing %j', (onMissing, pv1) => {
    const message = ADT.replace('W1^101', 'W3^101');
    expect(lines(run([{ map: { path: 'PV1-3.1', table: 'wards.csv', onMissing } }], message))[3]).toBe(pv1);
  });

  it('map onMissing error dead-letters with the location and table, not the value', () => {
    const message = ADT.replace('W1^101', 'SECRETWARD^101');
    let err: PermanentError | undefined;
    try {
      run([{ map: { path: 'PV1-3.1', table: 'wards.csv', onMissing: 'error' } }], message);
    } catch (e) {
      err = e as PermanentError;
    }
    expect(err?.code).toBe('TRANSFORM_FAILED');
    expect(err?.message).toContain('PV1-3.1');
    expect(err?.message).toContain('wards.csv');
    expect(err?.message).not.toContain('SECRETWARD');
  });

  it('no steps and controlId keep: the same bytes, untouched', () => {
    const input = Buffer.from(ADT);
    expect(compileV2Edits([], 'keep', tables)(input, ctx)).toBe(input);
  });

  it('controlId renew: a new MSH-10, the same on every retry, different per destination', () => {
    const first = lines(run([], ADT, 'renew'))[0]!;
    expect(first.split('|')[9]).toBe(renewedControlId('m-1', 'lab'));
    expect(lines(run([], ADT, 'renew'))[0]).toBe(first);
    expect(renewedControlId('m-1', 'lab')).not.toBe(renewedControlId('m-1', 'archive'));
    expect(renewedControlId('m-1', 'lab')).toMatch(/^[0-9A-Z]{20}$/);
  });
});

describe('static checks (field paths relative to the step list)', () => {
  const loaded = new Set(['wards.csv']);
  it.each<[string, unknown, Array<string | number>, string]>([
    ['an unknown segment', { set: { path: 'PV9-3', value: 'x' } }, [0, 'set', 'path'], 'unknown segment PV9'],
    ['a malformed path', { delete: 'PID.3' }, [0, 'delete'], 'is not an HL7 path'],
    ['editing MSH-2', { set: { path: 'MSH-2', value: 'x' } }, [0, 'set', 'path'], 'hold the delimiters'],
    ['deleting MSH', { delete: 'MSH' }, [0, 'delete'], 'cannot be deleted'],
    ['copy between depths', { copy: { from: 'PV1-3', to: 'ZPI-2.1' } }, [0, 'copy', 'to'], 'the same depth'],
    ['copy from [*]', { copy: { from: 'PID-3[*]', to: 'ZPI-2' } }, [0, 'copy', 'from'], 'no [*]'],
    ['an unknown table', { map: { path: 'PV1-3.1', table: 'beds.csv' } }, [0, 'map', 'table'], 'unknown table beds.csv'],
    ['map [*] with to', { map: { path: 'PID-3[*].4', table: 'wards.csv', to: 'ZPI-2' } }, [0, 'map', 'to'], 'writes in place'],
    ['set on a whole segment', { set: { path: 'ZPI', value: 'x' } }, [0, 'set', 'path'], 'needs a field path'],
  ])('refuses %s', (_name, step, path, reason) => {
    const problems = validateV2Steps([v2StepSchema.parse(step) as V2Step], loaded);
    expect(problems).toContainEqual({ path, reason: expect.stringContaining(reason) });
  });

  it('refuses a table name that could leave mappings/', () => {
    expect(v2StepSchema.safeParse({ map: { path: 'PV1-3.1', table: '../secrets.csv' } }).success).toBe(false);
    expect(v2StepSchema.safeParse({ map: { path: 'PV1-3.1', table: '/etc/passwd.csv' } }).success).toBe(false);
  });

  it('accepts a valid list', () => {
    const steps = [{ set: { path: 'PV1-3.1', value: 'x' } }, { copy: { from: 'PID-3', to: 'ZPI-1' } }, { delete: 'ZPI[*]' }, { map: { path: 'PV1-3.1', table: 'wards.csv' } }];
    expect(validateV2Steps(steps.map((s) => v2StepSchema.parse(s)), loaded)).toEqual([]);
  });
});

describe('lookup tables', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'wards.csv'), '\ufeffward,unit\r\nW1,NORTH-1\r\n"W,2","SOUTH ""2"""\r\n');
  writeFileSync(join(dir, 'wards.json'), JSON.stringify({ W1: 'NORTH-1' }));
  writeFileSync(join(dir, 'dupes.csv'), 'k,v\nA,1\nA,2\n');
  writeFileSync(join(dir, 'wide.csv'), 'k,v\nA,1,extra\n');
  writeFileSync(join(dir, 'bad.json'), '{"A": 1}');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'beds.json'), '{"B1": "BED-1"}');
  const outside = tempDir();
  writeFileSync(join(outside, 'secret.json'), '{"x": "y"}');
  symlinkSync(join(outside, 'secret.json'), join(dir, 'escape.json'));

  it.each([
    ['wards.csv', { W1: 'NORTH-1', 'W,2': 'SOUTH "2"' }],
    ['wards.json', { W1: 'NORTH-1' }],
    ['sub/beds.json', { B1: 'BED-1' }],
  ])('loads %s', (name, entries) => {
    const result = loadLookupTable(dir, name);
    expect(result.ok && Object.fromEntries(result.table)).toEqual(entries);
  });

  it.each([
    ['dupes.csv', 'line 3 repeats a key'],
    ['wide.csv', 'line 2 has 3 columns'],
    ['bad.json', 'is not a string'],
    ['missing.csv', 'not found'],
    ['escape.json', 'resolves outside'],
    ['../x.csv', 'is not a table file name'],
  ])('refuses %s (%s)', (name, reason) => {
    const result = loadLookupTable(dir, name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
