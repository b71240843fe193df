/**
 * Review 54 R54-N2 (docs/mapping-review-54.md): a susceptibility does not name its organism. #15 (and its correction
 * #21) sends a urine culture (OBR 1: OBX 630-4 sub-id 1 E. coli, sub-id 2 E. faecalis) and one antibiogram per isolate
 * (OBR 2 and 3, each OBR-26 `630-4&…&LN^<sub-id>^<organism>`, OBR-29 the culture's numbers). OBR-26 was reported
 * "valued but not mapped", so "Ampicillin R" (E. coli) and "Ampicillin S" (E. faecalis) were told apart only by the
 * observation-v2-subid convention.
 * [IG OBR[DiagnosticReport] / OBR[ServiceRequest] OBR-26: no target, "will be mapped in a next edition with micro",
 * "to be resolved as part of parent-child guidance"; v2.5.1 OBR-26 PRL: PRL.1 the parent OBX-3, PRL.2 its OBX-4
 * sub-id; FHIR R4 Observation.derivedFrom Reference(Observation): "the target resource that represents a measurement
 * from which this observation value is derived"] hig: each result of the child OBR is derivedFrom the parent result
 * OBR-26 names, when that OBX (OBX-3 code and system, OBX-4 sub-id) is an Observation of the same message; else
 * nothing is linked and OBR-26 stays reported. Expected values by hand from the message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

type Json = Record<string, unknown>;
const dir = new URL('../../docs/review54/messages/', import.meta.url);
const sample = (n: string) => readFileSync(new URL(readdirSync(dir).find((f) => f.startsWith(`${n}-`)) ?? '', dir)).toString('utf8');
/** OBX-4 as sent (the observation-v2-subid extension's original-sub-identifier). */
const subId = (o: Json) => {
  const ext = ((o.extension as Json[] | undefined) ?? []).find((e) => String(e.url).endsWith('observation-v2-subid'));
  return ((ext?.extension as Json[] | undefined) ?? []).find((e) => e.url === 'original-sub-identifier')?.valueString;
};
const code = (o: Json) => (((o.code as Json).coding as Json[])[0] as Json).code;
const organism = (o: Json) => (((o.valueCodeableConcept as Json | undefined)?.coding as Json[] | undefined)?.[0] as Json | undefined)?.code;

function read(message: string) {
  const r = convertHl7v2(message, { timezone: 'America/Toronto' });
  const obs = resources(r.bundle, 'Observation');
  const byUrl = new Map((r.bundle.entry as { fullUrl: string; resource: Json }[]).map((e) => [e.fullUrl, e.resource]));
  const parentOf = (o: Json) => ((o.derivedFrom as Json[] | undefined) ?? []).map((d) => byUrl.get(String(d.reference)));
  const report = JSON.stringify(r.report ?? {});
  return { obs, parentOf, report };
}

describe('R54-N2: an antibiogram\'s results name the organism OBR-26 names (derivedFrom)', () => {
  for (const n of ['15', '21']) {
    it(`#${n}: ampicillin R is E. coli's (sub-id 1), ampicillin S and vancomycin E. faecalis's (sub-id 2); the culture's own results have no parent`, () => {
      const { obs, parentOf } = read(sample(n));
      const mics = obs.filter((o) => ['28-1', '193-3', '363-2', '516-5', '523-1'].includes(String(code(o))));
      expect(mics.length).toBe(7);
      for (const mic of mics) {
        const parents = parentOf(mic);
        expect(parents, String(code(mic))).toHaveLength(1);
        const parent = parents[0] as Json;
        expect(code(parent)).toBe('630-4');
        // the isolate of the child's own sub-id: E. coli 112283007 (1), E. faecalis 78065002 (2)
        expect(['1', '2']).toContain(subId(mic));
        expect(organism(parent)).toBe(subId(mic) === '1' ? '112283007' : '78065002');
      }
      for (const o of obs.filter((x) => ['630-4', '19090-0'].includes(String(code(x))))) expect(o.derivedFrom).toBeUndefined();
    });
  }

  it('#15: OBR-26 is no longer reported as valued but not mapped', () => {
    expect(read(sample('15')).report).not.toMatch(/OBR-26[^"]*valued but not mapped/);
  });

  it('an OBR-26 naming a result the message does not carry links nothing and stays reported', () => {
    const alone = sample('15').split('\r').filter((s) => !/^OBX\|[1-4]\|(CWE|SN)\|(630-4|19090-0)/.test(s)).join('\r');
    const { obs, report } = read(alone);
    expect(obs.filter((o) => o.derivedFrom !== undefined)).toEqual([]);
    expect(report).toMatch(/OBR-26/);
  });
});
