/**
 * Review 39 (issue 14, branch review39 on main f0f3e8d): defects found in a fresh synthetic sample of 24 messages of a
 * US community hospital's women's and children's service and its pediatric clinic in America/Chicago
 * (docs/review39/messages/, docs/mapping-review-39.md). Each defect is `it.fails` so CI stays green (the lead flips it
 * to `it` when fixed); each has a control that passes today. Expected values come from the message, the IG rows
 * named, hig's own documented rules (docs/mapping.md) and FHIR's element definitions, not from hig's output.
 * test/review39/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review39/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review39/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const chicago = { timezone: 'America/Chicago' };
const entries = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), chicago).bundle.entry as Entry[];
const text = (x: unknown) => JSON.stringify(x ?? null);
const dose = (n: string, placer: string) => entries(n)
  .map((e) => e.resource)
  .find((r) => r?.resourceType === 'Immunization' && text(r.identifier).includes(`"value":"${placer}"`)) as Json;

describe('review 39: a historical dose is linked to the visit that only recorded it (R39-W1)', () => {
  // #24 (VXU^V04 2.5.1, CDC IIS IG, the pediatric clinic's well-child visit of 2028-02-28, PV1-19 PMP3900223):
  // `RXA|0|1|20280114||08^Hep B, adolescent or pediatric^CVX|999|||01^Historical information - source unspecified^NIP001|…|CP|A`:
  // twin B's hepatitis B birth dose, given at the hospital on 14 January (#09) and recorded today as history.
  // FHIR R4 Immunization.encounter: "The visit or admission or other contact between patient and health care provider
  // the immunization was performed as part of." The VXU_V04 message map (Encounter[1] from PV1) sets no
  // Immunization.encounter; hig links every dose to the message's visit (`segments/immunization.ts` mapRxaImmunization,
  // `scope.encounter`), so the clinic visit of 28 February claims a dose given six weeks earlier elsewhere.
  // [IG RXA[Immunization] #9 (→ CDC IIS IG: reportOrigin, primarySource false); VXU_V04 8.1 PV1[Encounter]]
  it('R39-W1 [RXA-9 01; FHIR Immunization.encounter] #24: the historical hep B birth dose is not part of the clinic visit', () => {
    const historical = dose('24', 'KC39-2401');
    expect(historical.primarySource).toBe(false);
    expect(historical.occurrenceDateTime).toBe('2028-01-14');
    expect(historical.encounter).toBeUndefined();
  });

  it('control: #24\'s DTaP-HepB-IPV given at the visit (RXA-9 00) is part of it; #22\'s refusal at the visit too', () => {
    const visit = entries('24').find((e) => e.resource?.resourceType === 'Encounter')?.fullUrl;
    const given = dose('24', 'KC39-2402');
    expect(given.primarySource).toBe(true);
    expect((given.encounter as Json | undefined)?.reference).toBe(visit);
    const refused = dose('22', 'KC39-2201');
    expect(refused.status).toBe('not-done');
    expect(refused.encounter).toBeDefined();
  });
});
