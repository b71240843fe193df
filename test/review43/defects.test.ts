/**
 * Review 43 (issue 14, branch review43 on main 56fbb22): defects found in a fresh synthetic sample of 24 messages of a
 * hospital microbiology lab and its OPAT / home-infusion service on an America/Los_Angeles channel
 * (docs/review43/messages/, docs/mapping-review-43.md). Each defect is `it.fails` so CI stays green (the lead flips it
 * to `it` when fixed); each has a control that passes today. Expected values come from the message, v2's rules for
 * repeating segments in an update and FHIR's element definitions, not from hig's output.
 * test/review43/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review43/defects.test.ts
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverSample } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review43/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const text = (x: unknown) => JSON.stringify(x ?? null);

describe('review 43: an allergy the A31\'s AL1 list no longer names (R43-W1)', () => {
  // #08 (PCMCADT, ADT^A03 2.5.1) sends Delphine's allergy list: AL1|1|MA|111088007^Latex^SCT|MO|Contact urticaria and
  // AL1|2|DA|10180^Sulfamethoxazole^RXNORM|MI|Rash. #16 (the same sender, ADT^A31 2.5.1, "update person information")
  // sends her list again: sulfamethoxazole and a new vancomycin allergy; latex is no longer in it. AL1 has no action
  // code (IAM, ADT^A60, is the action-code form: v2.5.1 3.3.60, "Action code/unique identifier mode update for
  // repeating segments as defined in 2.10.4"); AL1 in an ADT update is the other mode v2 defines for these segments,
  // snapshot: "everything (all repeating segments) must be sent with every subsequent message" (v2.3 2.23.4, v2.5.1
  // 2.10.4.1), so the list #16 sends is her whole list. hig PUTs the two allergies #16 names and nothing for latex:
  // the destination keeps latex `active` [IG AL1[AllergyIntolerance] (no row for a list's absences; IAM #6 D →
  // DELETE is hig's delete of one allergy); FHIR R4 AllergyIntolerance.clinicalStatus]. No report line says so.
  let tmp = '';
  const after = new Map<string, Json[]>();
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'review43-'));
    for (const n of ['08', '16']) copyFileSync(new URL(file(n), dir), join(tmp, file(n)));
    const sample = await deliverSample(pathToFileURL(`${tmp}/`), undefined, { convert: { timezone: 'America/Los_Angeles' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
    expect(sample.failures).toEqual([]);
    await sample.close();
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const allergy = (n: string, code: string) => (after.get(n) ?? [])
    .filter((r) => r.resourceType === 'AllergyIntolerance' && text(r.code).includes(`"code":"${code}"`));
  const active = (rs: Json[]) => rs.filter((r) => text(r.clinicalStatus).includes('"code":"active"'));

  it('R43-W1 [AL1 snapshot list; FHIR AllergyIntolerance.clinicalStatus] #08 → #16: latex, absent from the A31\'s list, is no longer an active allergy', () => {
    expect(active(allergy('08', '111088007'))).toHaveLength(1);
    expect(active(allergy('16', '111088007'))).toEqual([]);
  });

  it('control: after #08 latex and sulfamethoxazole are active; after #16 sulfamethoxazole (kept) and the new vancomycin allergy are active', () => {
    expect(active(allergy('08', '111088007'))).toHaveLength(1);
    expect(active(allergy('08', '10180'))).toHaveLength(1);
    expect(active(allergy('16', '10180'))).toHaveLength(1);
    expect(active(allergy('16', '11124'))).toHaveLength(1);
  });
});
