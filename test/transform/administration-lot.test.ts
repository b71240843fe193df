/**
 * Review 39 R39-N2: an administration's lot (RXA-15) and expiry (RXA-16) were report lines only; for the Rh
 * immune globulin of #15 (a plasma product) the lot is what a recall traces. [hig, as IG RXA[Immunization] #15 →
 * lotNumber and #16 → expirationDate give an immunization's; FHIR R4 Medication.batch; no RXA[MedicationAdministration]
 * map] Expected values are the message's fields, not hig's output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { validateBundle } from '../../src/transform/validate.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review39/messages/', import.meta.url);
const sample = (n: string) => readFileSync(new URL(readdirSync(dir).find((f) => f.startsWith(`${n}-`)) ?? '', dir)).toString('utf8');
const administrations = (message: string) => {
  const { bundle, report } = convertHl7v2(message);
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const lines = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
  return { mas: (bundle.entry as { resource: Json }[]).map((e) => e.resource).filter((r) => r.resourceType === 'MedicationAdministration'), lines };
};

describe('an administration\'s lot and expiry (RXA-15/16) reach the product given (R39-N2)', () => {
  it('#15 RhIG: the contained Medication is the NDC given with batch lot RH55017, expiry 2028-11-30; RXA-15/16 not reported', () => {
    const { mas, lines } = administrations(sample('15'));
    expect(mas).toHaveLength(1);
    const [ma] = mas as [Json];
    expect(ma.medicationReference).toEqual({ reference: '#medication' });
    const [med] = ma.contained as [Json];
    expect(JSON.stringify(med.code)).toContain('"code":"0562-7805-01"');
    expect(med.batch).toEqual({ lotNumber: 'RH55017', expirationDate: '2028-11-30' });
    expect(lines.filter((l) => /^RXA-1[56] /.test(l))).toEqual([]);
  });

  it('control: an RXA without a lot keeps the code as medicationCodeableConcept, nothing contained', () => {
    const message = sample('15').replace('|RH55017|20281130|', '|||');
    const [ma] = administrations(message).mas as [Json];
    expect(ma.contained).toBeUndefined();
    expect(JSON.stringify(ma.medicationCodeableConcept)).toContain('"code":"0562-7805-01"');
  });
});
