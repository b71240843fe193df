/**
 * Review 38 (issue 14, branch review38 on main 8d3739c): defects found in a fresh synthetic sample of 24 messages of
 * an oncology day unit and its hospital's outreach laboratory across the Europe/London fall-back night (31 October
 * 2027, 02:00 BST → 01:00 GMT) (docs/review38/messages/, docs/mapping-review-38.md). Each defect is `it.fails` so CI
 * stays green (the lead flips it to `it` when fixed); each has a control that passes today. Expected values come from
 * the message, the IG rows named, hig's own documented rules (docs/mapping.md) and FHIR's element definitions, not
 * from hig's output. test/review38/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review38/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review38/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const london = { timezone: 'Europe/London' };
const entries = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), london).bundle.entry as Entry[];
const text = (x: unknown) => JSON.stringify(x ?? null);
const administration = (n: string, placer: string) => entries(n)
  .map((e) => e.resource)
  .find((r) => r?.resourceType === 'MedicationAdministration' && text(r.identifier).includes(`"value":"${placer}"`)) as Json;
const dosageOf = (r: Json) => (r.dosage ?? {}) as Json;

describe('review 38: an infusion rate (RXA-6/7 per RXA-12) becomes the administered dose (R38-W1)', () => {
  // #08 (RAS^O17 v2.5, e-MAR): `RXA|0|1|20271028104000||PACL300^…|167|mL^milliliter^UCUM|||…|…|H1|…||U`: the running
  // paclitaxel infusion updated (RXA-21 U) to 167 mL per hour. v2.5 RXA-12 "Administered Per (Time Unit)": the time
  // unit by which RXA-6/7 is a rate (as RXE-22 with RXE-3). #16 likewise: the hydration at 125 mL per hour from
  // 01:30. FHIR R4 MedicationAdministration.dosage.dose is "the amount of the medication given at one administration
  // event"; dosage.rate[x] "the speed with which the medication was or will be introduced". hig writes
  // dosage.dose = 167 mL (a 500 mL bag of 300 mg: a third of it given) and reports RXA-12 as valued but not mapped.
  // [mapping.md "RXA outside VXU": RXA-6/7 → dosage.dose (no rule for RXA-12); hig's own RXE-23/24 → rateQuantity;
  // IG RXA[Immunization] #12 has no target (an immunization is no infusion)]
  it('R38-W1 [RXA-6/7 + RXA-12; mapping.md RXA outside VXU] #08: the paclitaxel rate 167 mL/h is a rate, not a dose of 167 mL', () => {
    const given = dosageOf(administration('08', 'CYT38-0211'));
    expect(text(given.dose)).not.toContain('"value":167');
    expect(text(given.rateQuantity ?? given.rateRatio)).toContain('"value":167');
  });

  it('R38-W1 [RXA-6/7 + RXA-12] #16: the hydration rate 125 mL/h (the first 01:30) is a rate, not a dose of 125 mL', () => {
    const given = dosageOf(administration('16', 'CYT38-0425'));
    expect(text(given.dose)).not.toContain('"value":125');
    expect(text(given.rateQuantity ?? given.rateRatio)).toContain('"value":125');
  });

  it('control: #08\'s carboplatin, RXA-6/7 560 mg without RXA-12, is the dose given (and #15\'s oxaliplatin 73 mg before it was stopped)', () => {
    expect(dosageOf(administration('08', 'CYT38-0212')).dose).toEqual({ value: 560, unit: 'milligram', system: 'http://unitsofmeasure.org', code: 'mg' });
    const stopped = administration('15', 'CYT38-0421');
    expect(stopped.status).toBe('stopped');
    expect(text(dosageOf(stopped).dose)).toContain('"value":73');
  });
});
