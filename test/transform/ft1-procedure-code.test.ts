/**
 * Review 34 R34-N3: a DFT's FT1-25 procedure code (CPT, what a payer bills by) beside a valued FT1-7 transaction
 * code (the lab's own charge code) was only a report line. [hig FT1: the IG has no FT1 segment map] FT1-7 →
 * ChargeItem.code; FT1-25 is kept, since review 59 (R59-W3) as the code of the rendered service the charge is for,
 * ChargeItem.service → a contained Procedure (test/transform/ft1-procedure-service.test.ts), no longer as a further
 * coding of ChargeItem.code (two codings of one CodeableConcept say one concept: theatre time read as the surgery);
 * the charge's identity stays hig's documented one (docs/mapping.md "Resource identity": patient + FT1-2, else
 * patient + visit + FT1-7 + FT1-4). Messages: review 34's DFT^P03 sample #04, #13, #16, #21, as sent and changed
 * where said. CPT's system is FHIR's (terminology.hl7.org: http://www.ama-assn.org/go/cpt); v2 table 0396 C4 names
 * CPT-4.
 *
 *   npx vitest run test/transform/ft1-procedure-code.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Coding = { system?: string; code?: string; display?: string };

const CPT = 'http://www.ama-assn.org/go/cpt';
const dir = new URL('../../docs/review34/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7'));
const sample = (n: string) => readFileSync(new URL(files.find((f) => f.startsWith(`${n}-`)) ?? '', dir)).toString('latin1');

const ft1s = (message: string) => message.split('\r').filter((s) => s.startsWith('FT1|')).map((s) => s.split('|'));
const charges = (message: string) =>
  (convertHl7v2(message).bundle.entry as { resource: Json; request: { url: string } }[]).filter((e) => e.resource.resourceType === 'ChargeItem');
const chargeOf = (message: string, transactionId: string) => charges(message).find((e) => JSON.stringify(e.resource.identifier).includes(`"value":"${transactionId}"`));
const codings = (e: { resource: Json } | undefined) => ((e?.resource.code as Json | undefined)?.coding as Coding[] | undefined) ?? [];
/** The codings of the Procedure ChargeItem.service names (contained). */
const serviceCodings = (e: { resource: Json } | undefined) => {
  const ref = ((e?.resource.service as Json[] | undefined) ?? [])[0]?.reference;
  const p = ((e?.resource.contained as Json[] | undefined) ?? []).find((r) => `#${String(r.id)}` === ref);
  return ((p?.code as Json | undefined)?.coding as Coding[] | undefined) ?? [];
};
const reportLines = (message: string) => (convertHl7v2(message).report as { issue: { details?: { text?: string } }[] }).issue.map((i) => i.details?.text ?? '');
/** Replaces field `n` of every FT1. */
const everyFt1 = (message: string, n: number, value: string) =>
  message.split('\r').map((s) => { if (!s.startsWith('FT1|')) return s; const f = s.split('|'); f[n] = value; return f.join('|'); }).join('\r');

describe('[hig FT1] FT1-25 beside FT1-7: the CPT is the charged service\'s code (ChargeItem.service), FT1-7 the charge\'s', () => {
  for (const n of ['04', '13', '16', '21']) {
    it(`#${n}: each charge's code is FT1-7's coding; its service's code FT1-25's CPT; no FT1-25 report line`, () => {
      const m = sample(n);
      expect(ft1s(m).length).toBeGreaterThan(0);
      for (const f of ft1s(m)) {
        const [local, localText] = (f[7] ?? '').split('^');
        const [cpt, cptText, system] = (f[25] ?? '').split('^');
        expect(system).toBe('C4');
        const charge = chargeOf(m, f[2] ?? '');
        expect(codings(charge).map((c) => c.code)).toEqual([local]);
        expect(codings(charge)[0]?.display).toBe(localText);
        expect(serviceCodings(charge)).toEqual([{ system: CPT, code: cpt, display: cptText }]);
      }
      expect(reportLines(m).filter((t) => t.startsWith('FT1-25 '))).toEqual([]);
    });
  }
  it('#13 without FT1-2: the CPT is the service\'s and each charge keeps the URL it has without FT1-25 (identity by FT1-7 + FT1-4); FT1-7 empty: the CPT is the code', () => {
    const m = everyFt1(sample('13'), 2, '');
    const without = charges(everyFt1(m, 25, '')).map((e) => e.request.url);
    const got = charges(m);
    expect(got.map((e) => e.request.url)).toEqual(without);
    expect(got.map((e) => codings(e).map((c) => c.code))).toEqual([['KL1040'], ['KL2210']]);
    expect(got.map((e) => serviceCodings(e).map((c) => c.code))).toEqual([['83036'], ['80061']]);
    // FT1-7 empty as well: the CPT alone is the code, FT1-25 the fallback it was
    expect(charges(everyFt1(m, 7, '')).map((e) => codings(e))).toEqual([
      [{ system: CPT, code: '83036', display: 'Hemoglobin; glycosylated (A1C)' }],
      [{ system: CPT, code: '80061', display: 'Lipid panel' }],
    ]);
  });
  it('#21 with FT1-25 naming the procedure by text only: ChargeItem.code is FT1-7\'s, the service\'s code that text, nothing reported', () => {
    const m = everyFt1(sample('21'), 25, '^Level IV - Surgical pathology, gross and microscopic examination');
    const [charge] = charges(m);
    expect(codings(charge).map((c) => c.code)).toEqual(['KL9000']);
    const ref = ((charge?.resource.service as Json[] | undefined) ?? [])[0]?.reference;
    expect(((charge?.resource.contained as Json[] | undefined) ?? []).find((r) => `#${String(r.id)}` === ref)?.code).toEqual({ text: 'Level IV - Surgical pathology, gross and microscopic examination' });
    expect(reportLines(m).filter((t) => t.startsWith('FT1-25 '))).toEqual([]);
  });
});
