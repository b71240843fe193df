/**
 * `hig route` (the dry run) as a table: message → per destination, filtered (by which rule or
 * module) or what it would be sent; the channel filter first. Same compiled routes as the worker.
 * Then the command itself, compiled, on a file: text and --json.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSchema, type Channel } from '../../src/config/channel.js';
import { dryRun, type MessageDryRun } from '../../src/cli/route.js';
import { createCodeRunner, type CodeRunner } from '../../src/routing/code.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { cliArgs, ROOT } from '../support/daemon.js';

const example = (name: string): Channel => channelSchema.parse(JSON.parse(readFileSync(join(ROOT, 'channels/examples/routing', name), 'utf8')));
const dirs = { mappingsDir: join(ROOT, 'mappings'), transformersDir: join(ROOT, 'transformers') };
let code: CodeRunner;
beforeAll(async () => {
  code = createCodeRunner({ dir: dirs.transformersDir });
  expect(await code.load('lab-fixups.ts', 500)).toEqual({ ok: true });
});
afterAll(() => code.close());

function adt(event: string, patientClass: string, processingId = 'P'): Buffer {
  return Buffer.from(
    [`MSH|^~\\&|HIS|HOSP|ADT|HOSP|20240101120000||ADT^${event}^ADT_A01|CTRL-${event}|${processingId}|2.5.1`, `EVN|${event}|20240101120000`, 'PID|1||123^^^HOSPA^MR||DOE^JOHN||19800101|M', `PV1|1|${patientClass}|WARD1^101^A`, 'ZPI|x'].join('\r') + '\r',
  );
}
const oru = (status: string) => Buffer.from(readFileSync(join(ROOT, 'samples/oru_r01.hl7'), 'latin1').replace(/(\|\|\|)F(\r)/, `$1${status}$2`), 'latin1');

const run = (channel: Channel, message: Buffer) => dryRun(channel, message, { dirs, code, convert: (m) => convertHl7v2(m) });
/** [id, decision, why] per destination: why = the deciding rule's pointer, the module, or the error code. */
const summary = (r: MessageDryRun) => r.destinations.map((d) => [d.id, d.decision, d.filtered?.decidedBy ?? d.filtered?.module ?? d.error?.split(':')[0]]);

describe('dry run, per destination', () => {
  it.each<[string, string, Buffer, Array<[string, string, string | undefined]>]>([
    ['an inpatient A01 goes everywhere', 'adt-fanout.json', adt('A01', 'I'), [['fhir', 'deliver', undefined], ['lab', 'deliver', undefined], ['archive', 'deliver', undefined]]],
    ['an outpatient is filtered for the lab by its PV1-2 rule', 'adt-fanout.json', adt('A01', 'O'), [['fhir', 'deliver', undefined], ['lab', 'filtered', '/all/1'], ['archive', 'deliver', undefined]]],
    ['an A02 passes every lab rule', 'adt-fanout.json', adt('A02', 'I'), [['fhir', 'deliver', undefined], ['lab', 'deliver', undefined], ['archive', 'deliver', undefined]]],
    ['an A08 is not a lab event', 'adt-fanout.json', adt('A08', 'I'), [['fhir', 'deliver', undefined], ['lab', 'filtered', '/all/0'], ['archive', 'deliver', undefined]]],
    ['an A05 passes the filter and the code module takes it out', 'adt-fanout.json', adt('A05', 'I'), [['fhir', 'deliver', undefined], ['lab', 'filtered', 'lab-fixups.ts'], ['archive', 'deliver', undefined]]],
    ['a final result goes to FHIR and the archive', 'oru-final-only.json', oru('F'), [['fhir', 'deliver', undefined], ['http-archive', 'deliver', undefined]]],
    ['a preliminary result only to the archive (a FHIR fact decided)', 'oru-final-only.json', oru('P'), [['fhir', 'filtered', ''], ['http-archive', 'deliver', undefined]]],
    ['a corrected result goes to FHIR', 'oru-final-only.json', oru('C'), [['fhir', 'deliver', undefined], ['http-archive', 'deliver', undefined]]],
    [
      'a type the conversion does not know: an error for FHIR only',
      'oru-final-only.json',
      Buffer.from('MSH|^~\\&|A|B|C|D|20240101||ZZZ^Z99|X1|P|2.5.1\rPID|1||1^^^H^MR\r'),
      [['fhir', 'error', 'UNSUPPORTED_EVENT'], ['http-archive', 'deliver', undefined]],
    ],
  ])('%s', async (_name, file, message, expected) => {
    const r = await run(example(file), message);
    expect(r.filtered).toBeUndefined();
    expect(summary(r)).toEqual(expected);
  });

  it('the channel filter comes first: a test message (MSH-11 T) reaches no destination', async () => {
    const r = await run(example('adt-fanout.json'), adt('A01', 'I', 'T'));
    expect(r.filtered).toEqual({ by: 'filter', decidedBy: '/not', rule: { path: 'MSH-11', equals: 'T' } });
    expect(r.destinations).toEqual([]);
  });

  it('shows the exact output: the lab gets PV1-3 mapped, the archive the message as received', async () => {
    const message = adt('A01', 'I');
    const r = await run(example('adt-fanout.json'), message);
    const lab = r.destinations.find((d) => d.id === 'lab')!;
    expect(lab.contentType).toBe('hl7v2');
    expect((lab.output as string).split('\r')[3]).toBe('PV1|1|I|LAB-NORTH-1^101^A');
    expect(r.destinations.find((d) => d.id === 'archive')!.output).toBe(message.toString('latin1'));
    const fhir = r.destinations.find((d) => d.id === 'fhir')!;
    expect(fhir.contentType).toBe('fhir');
    expect((fhir.output as { resourceType: string }).resourceType).toBe('Bundle');
  });
});

function hig(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, cliArgs(...args), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HIG_MAPPINGS_DIR: dirs.mappingsDir, HIG_TRANSFORMERS_DIR: dirs.transformersDir } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('hig route FILE --channel C', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'hig-route-')), 'in.hl7');
  writeFileSync(file, adt('A01', 'O'));
  const channels = join(ROOT, 'channels/examples/routing');

  it('--json: per destination, filtered and why, or the output', async () => {
    const r = await hig(['route', file, '--channel', 'adt-fanout', '--channels', channels, '--json']);
    expect(r.code, r.err).toBe(0);
    const parsed = JSON.parse(r.out) as MessageDryRun;
    expect(summary(parsed)).toEqual([['fhir', 'deliver', undefined], ['lab', 'filtered', '/all/1'], ['archive', 'deliver', undefined]]);
    expect(parsed.destinations[1]!.filtered!.rule).toEqual({ path: 'PV1-2', equals: 'I' });
  }, 120_000);

  it('text: one block per destination, the rule quoted', async () => {
    const r = await hig(['route', file, '--channel', 'adt-fanout', '--channels', channels]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('lab (mllp): filtered — filter rule at /all/1: {"path":"PV1-2","equals":"I"}');
    expect(r.out).toContain('archive (file): would send hl7v2');
    expect(r.out).toContain('    PV1|1|O|WARD1^101^A');
  }, 120_000);

  it('an unknown channel is a usage error (exit 64)', async () => {
    const r = await hig(['route', file, '--channel', 'nope', '--channels', channels]);
    expect(r.code).toBe(64);
    expect(r.err).toContain('no channel "nope"');
  }, 120_000);
});
