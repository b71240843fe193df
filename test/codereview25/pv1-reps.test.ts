/**
 * Code review 25 (docs/codereview25.md) CR25-3: PV1-7/-8/-17 repetitions are one physician
 * (entities.ts practitionerOfReps, review 25 R25-N2). docs/mapping.md (PV1 row): "repetitions with the
 * first one's name or no name are one participant and one Practitioner with every identifier". The
 * merged Practitioner is added under its NPI key; when another field of the message named that NPI
 * first, Conversion.add keeps the first resource's `identifier` (first value wins per element) and
 * the alias identifier was dropped without a report line (on 37715b1 the alias was its own
 * Practitioner: not lost). Fixed on fixdoc26 (entities.ts withIdentifiers): the tests that were
 * `it.fails` now pass; the controls passed before.
 *
 *   npx vitest run test/codereview25/pv1-reps.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|ADT|SBRH|EHR|RECV|20261201184500-0600||ADT^A04^ADT_A01|PVR1|P|2.5.1';
const PID = 'PID|1||MRN77^^^SBRH^MR||ROE^ANN||19700101|F';
const ALIAS = '2501903^TAMBURELLO^JONAH^^^^DO^^SBRH_PRSNL^L^^^PRSNL';
const NPI = '1234567893^TAMBURELLO^JONAH^^^^DO^^NPI^L^^^NPI';

function pv1(fields: Record<number, string>): string {
  const all: Record<number, string> = { 2: 'E', 19: 'V77^^^SBRH^VN', ...fields };
  const last = Math.max(...Object.keys(all).map(Number));
  return ['PV1', ...Array.from({ length: last }, (_, i) => all[i + 1] ?? '')].join('|');
}

/** The identifier values of every Practitioner of the Bundle, sorted (`pd1`: a PD1 segment after the PID). */
function identifierValues(fields: Record<number, string>, pd1?: string): string[] {
  const { bundle } = convertHl7v2([MSH, 'EVN|A04|20261201184200-0600', PID, ...(pd1 === undefined ? [] : [pd1]), pv1(fields)].join('\r'));
  const practitioners = (bundle.entry as { resource: Json }[]).map((e) => e.resource).filter((r) => r.resourceType === 'Practitioner');
  return practitioners.flatMap((p) => ((p.identifier as Json[] | undefined) ?? []).map((i) => String(i.value))).sort();
}

describe('CR25-3 [v2.5.1 3.4.3.17 PV1-17; IG PV1[Encounter] #17 → participant.individual, XCN[Practitioner] XCN.1 → identifier.value]', () => {
  // fixed (fixdoc26): the merged identifiers join the Practitioner PV1-7 added (entities.ts withIdentifiers)
  it('attending = the NPI alone, admitting = alias ~ NPI (one physician): both of his identifiers are held', () => {
    expect(identifierValues({ 7: NPI, 17: `${ALIAS}~${NPI}` })).toEqual(['1234567893', '2501903']);
  });

  // [IG PD1[Patient] #4 → generalPractitioner, XCN[Practitioner]] the primary care provider named by NPI
  // alone in PD1-4, before the PV1: the same physician, one Practitioner with both of his identifiers
  it('PD1-4 = the NPI alone, admitting = alias ~ NPI: both of his identifiers are held, each once', () => {
    expect(identifierValues({ 17: `${ALIAS}~${NPI}` }, `PD1||||${NPI}`)).toEqual(['1234567893', '2501903']);
  });

  it('control: attending = alias ~ NPI, admitting = the NPI alone (the merged one first): both identifiers, each once', () => {
    expect(identifierValues({ 7: `${ALIAS}~${NPI}`, 17: NPI })).toEqual(['1234567893', '2501903']);
  });

  it('control: admitting = alias ~ NPI alone: one Practitioner with both identifiers', () => {
    expect(identifierValues({ 17: `${ALIAS}~${NPI}` })).toEqual(['1234567893', '2501903']);
  });
});
