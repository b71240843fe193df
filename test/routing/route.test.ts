/**
 * Routes as the dry run will show them: the example channel (channels/examples/routing) compiled
 * once, then per message and destination: filtered (by which rule or module) or the exact payload.
 * The FHIR Bundle comes from the real conversion, made once and shared by every route.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelSchema } from '../../src/config/channel.js';
import { createCodeRunner, type CodeRunner } from '../../src/routing/code.js';
import { checkRouting, codeStepsOf, type RoutedDestination } from '../../src/routing/config.js';
import { compileRoute, type CompiledRoute, type RouteDecision } from '../../src/routing/route.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { ROOT } from '../support/daemon.js';

const schema = channelSchema;
const channel = schema.parse(JSON.parse(readFileSync(join(ROOT, 'channels/examples/routing/adt-fanout.json'), 'utf8')));
const destinations = channel.destinations;

let runner: CodeRunner;
let routes: Map<string, CompiledRoute>;
beforeAll(async () => {
  runner = createCodeRunner({ dir: join(ROOT, 'transformers') });
  for (const { step } of codeStepsOf(destinations)) expect(await runner.load(step.module, step.timeoutMs)).toEqual({ ok: true });
  const { problems, tables } = checkRouting(channel as never, { mappingsDir: join(ROOT, 'mappings') });
  expect(problems).toEqual([]);
  routes = new Map(destinations.map((d) => [d.id, compileRoute(d, { tables, code: runner })]));
});
afterAll(() => runner.close());

function adt(event: string, patientClass: string, ward = 'WARD1'): Buffer {
  return Buffer.from(
    [
      `MSH|^~\\&|HIS|HOSP|ADT|HOSP|20240101120000||ADT^${event}^ADT_A01|CTRL-${event}|P|2.5.1`,
      `EVN|${event}|20240101120000`,
      'PID|1||123^^^HOSPA^MR||DOE^JOHN||19800101|M',
      `PV1|1|${patientClass}|${ward}^101^A`,
      'ZPI|site-specific',
    ].join('\r') + '\r',
  );
}

async function decide(message: Buffer): Promise<Record<string, RouteDecision>> {
  // The channel converts once when any route needs FHIR; every route shares the Bundle.
  const needsFhir = [...routes.values()].some((r) => r.needsFhir);
  const bundle = needsFhir ? convertHl7v2(message).bundle : undefined;
  const out: Record<string, RouteDecision> = {};
  for (const [id, route] of routes) {
    out[id] = await route.decide({ v2: message, ...(bundle === undefined ? {} : { bundle }) }, { channelId: channel.id, messageId: 'm-1', destinationId: id, controlId: 'CTRL' });
  }
  return out;
}

const v2Text = (d: RouteDecision | undefined) => (d?.kind === 'deliver' && d.payload.contentType === 'hl7v2' ? d.payload.message.toString('latin1') : undefined);

describe('adt-fanout, per destination', () => {
  it('an inpatient A01 goes everywhere: FHIR tagged, lab with PV1-3 mapped and a new MSH-10, archive byte for byte', async () => {
    const message = adt('A01', 'I');
    const d = await decide(message);
    expect(d.fhir?.kind).toBe('deliver');
    const bundle = d.fhir?.kind === 'deliver' && d.fhir.payload.contentType === 'fhir' ? d.fhir.payload.bundle : undefined;
    const patient = (bundle?.entry as Array<{ resource: Record<string, unknown> }>).find((e) => e.resource.resourceType === 'Patient')!.resource;
    expect(patient.meta).toMatchObject({ source: 'urn:hig:adt-fanout', tag: [{ system: 'urn:hig:route', code: 'adt-fanout' }] });
    const lab = v2Text(d.lab)!.split('\r');
    expect(lab[0]!.split('|')[4]).toBe('LAB');
    expect(lab[0]!.split('|')[9]).toMatch(/^H[0-9A-F]{19}$/);
    expect(lab[3]).toBe('PV1|1|I|LAB-NORTH-1^101^A');
    expect(lab.some((s) => s.startsWith('ZPI'))).toBe(false);
    expect(lab.at(-2)).toBe('ZHG|adt-fanout|lab');
    expect(d.archive?.kind === 'deliver' && d.archive.payload.contentType === 'hl7v2' && d.archive.payload.message.equals(message)).toBe(true);
  });

  it('an outpatient is filtered out for the lab only, with the rule that decided', async () => {
    const d = await decide(adt('A01', 'O'));
    expect(d.lab).toEqual({ kind: 'filtered', by: 'filter', decidedBy: '/all/1', rule: { path: 'PV1-2', equals: 'I' } });
    expect([d.fhir?.kind, d.archive?.kind]).toEqual(['deliver', 'deliver']);
  });

  it('an A05 passes the lab filter but its code module filters it out', async () => {
    const d = await decide(adt('A05', 'I'));
    expect(d.lab).toEqual({ kind: 'filtered', by: 'code', module: 'lab-fixups.ts' });
  });

  it('an unknown ward keeps its value (onMissing: keep)', async () => {
    const d = await decide(adt('A01', 'I', 'ANNEX'));
    expect(v2Text(d.lab)!.split('\r')[3]).toBe('PV1|1|I|ANNEX^101^A');
  });

  it('the shared Bundle is not changed by one route’s FHIR edits', async () => {
    const message = adt('A01', 'I');
    const bundle = convertHl7v2(message).bundle;
    const before = JSON.stringify(bundle);
    await routes.get('fhir')!.decide({ v2: message, bundle }, { channelId: channel.id, messageId: 'm-2', destinationId: 'fhir' });
    expect(JSON.stringify(bundle)).toBe(before);
  });
});
