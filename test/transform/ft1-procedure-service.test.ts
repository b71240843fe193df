/**
 * Review 59 R59-W3: FT1-25 (procedure code, v2.5.1 "the procedure, if any, associated with this charge") beside a
 * valued FT1-7 (transaction code, the charge) was added as a second coding of ChargeItem.code (review 34 R34-N3: "one
 * charged service sent two ways"), so review 59 #05's theatre time (`0301^Theatre fee per minute^NHRPL`, quantity 74)
 * read as 74 laparoscopic cholecystectomies (`1385`), and an OR-time line with the knee arthroscopy's CPT said the
 * same. The codings of one CodeableConcept are one concept (FHIR R4 CodeableConcept.coding "a representation of the
 * concept"). [hig FT1 rule: the IG has no FT1 segment map (its ORM_O01 / OML_O21 / ORU_R01 rows for FT1 give no
 * target)] FT1-25 is the rendered service the charge is for: ChargeItem.service (FHIR R4 "Which rendered service is
 * being charged?", Reference(… | Procedure | …)) → a contained Procedure coded FT1-25 (FT1-26 modifiers joined as IG
 * PR1[Procedure] #16 joins PR1-16), of the patient and the visit, done when the charge's date says (hig's DFT rule:
 * a charge is for a procedure done, test/transform/procedure-status.test.ts). ChargeItem.code is FT1-7 alone; FT1-7
 * empty: FT1-25 is the code, as before. Expected values are written from the FT1s below.
 *
 *   npx vitest run test/transform/ft1-procedure-service.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { validateBundle } from '../../src/transform/validate.js';

type Json = Record<string, unknown>;
const CPT = 'http://www.ama-assn.org/go/cpt';

/** An FT1 with fields placed by number. */
function ft1(fields: Record<number, string>): string {
  const out: string[] = ['FT1'];
  for (let n = 1; n <= 26; n++) out.push(fields[n] ?? '');
  return out.join('|');
}

function dft(...ft1s: string[]): { bundle: Json; charges: Json[]; patient: Json; encounter: Json; report: string[] } {
  const { bundle, report } = convertHl7v2(
    [
      'MSH|^~\\&|JPBILL|JPH|HIG|JPH|20340307231004+0200||DFT^P03^DFT_P03|M1|P|2.5.1',
      'EVN|P03|20340307231000',
      'PID|1||JP5900311^^^JPH^MR||NDLOVU^THANDIWE||19860412|F',
      'PV1|1|I|W3^312^B^JPH||||||||||||||||JPV5900311-01^^^JPH^VN',
      ...ft1s,
    ].join('\r'),
    { timezone: 'Africa/Johannesburg' },
  );
  expect(validateBundle(bundle).filter((i) => i.severity === 'error')).toEqual([]);
  const resources = (bundle.entry as Json[]).map((e) => e.resource as Json);
  const fullUrl = (type: string) => String((bundle.entry as Json[]).find((e) => (e.resource as Json).resourceType === type)?.fullUrl);
  const texts = ((report?.issue ?? []) as Json[]).map((i) => String((i.details as Json | undefined)?.text ?? ''));
  return {
    bundle,
    charges: resources.filter((r) => r.resourceType === 'ChargeItem'),
    patient: { reference: fullUrl('Patient') },
    encounter: { reference: fullUrl('Encounter') },
    report: texts,
  };
}
const codes = (c: Json | undefined) => (((c?.code as Json | undefined)?.coding as Json[] | undefined) ?? []).map((x) => x.code);
/** The Procedure ChargeItem.service names (contained). */
const service = (ci: Json | undefined): Json | undefined => {
  const ref = ((ci?.service as Json[] | undefined) ?? [])[0]?.reference;
  return ((ci?.contained as Json[] | undefined) ?? []).find((r) => `#${String(r.id)}` === ref);
};

const THEATRE = { 1: '2', 2: 'JPC59-0088102', 4: '20340306', 5: '20340307', 6: 'CG^Charge^HL70017', 7: '0301^Theatre fee per minute^NHRPL', 10: '74', 11: '14356.00&ZAR', 12: '194.00&ZAR', 25: '1385^Laparoscopic cholecystectomy^NHRPL' };

describe('[hig FT1 rule] FT1-25 beside FT1-7 is the charged service (ChargeItem.service), not a coding of the charge (R59-W3)', () => {
  it('review 59 #05: theatre time 0301 × 74 is ChargeItem.code alone; the laparoscopic cholecystectomy 1385 is the service, a Procedure of the patient and visit done on 6 March', () => {
    const { charges, patient, encounter } = dft(ft1(THEATRE));
    const [ci] = charges;
    expect(codes(ci)).toEqual(['0301']);
    expect((ci?.quantity as Json).value).toBe(74);
    const p = service(ci);
    expect(p?.resourceType).toBe('Procedure');
    expect(((p?.code as Json).coding as Json[]).map((c) => [c.code, c.display])).toEqual([['1385', 'Laparoscopic cholecystectomy']]);
    expect(p?.subject).toEqual(patient);
    expect(p?.encounter).toEqual(encounter);
    expect([p?.status, p?.performedDateTime]).toEqual(['completed', '2034-03-06']);
  });

  it('review 34 shape: a lab\'s local code (99KLR) with its CPT: the code is the local one, the CPT the service\'s code; FT1-25 not reported', () => {
    const { charges, report } = dft(ft1({ 1: '1', 2: 'KLC3400111', 4: '20340306', 6: 'CG', 7: 'KL1040^HEMOGLOBIN A1C^99KLR', 10: '1', 25: '83036^Hemoglobin; glycosylated (A1C)^C4' }));
    expect(codes(charges[0])).toEqual(['KL1040']);
    expect((service(charges[0])?.code as Json).coding).toEqual([{ system: CPT, code: '83036', display: 'Hemoglobin; glycosylated (A1C)' }]);
    expect(report.filter((l) => l.startsWith('FT1-25'))).toEqual([]);
  });

  it('FT1-26 modifiers join the service\'s CPT (29881:RT), not the OR-time code; FT1-7 the plain CPT stays as sent', () => {
    const orTime = dft(ft1({ 1: '1', 2: 'T1', 4: '20340306', 6: 'CG', 7: 'OR100^OR time^L', 10: '1', 25: '29881^Arthroscopy knee^CPT4', 26: 'RT^Right side^CPT4' }));
    expect(codes(orTime.charges[0])).toEqual(['OR100']);
    expect(codes(service(orTime.charges[0]))).toEqual(['29881:RT']);
    const sameCpt = dft(ft1({ 1: '1', 2: 'T2', 4: '20340306', 6: 'CG', 7: '29881^Arthroscopy knee^CPT4', 10: '1', 25: '29881^Arthroscopy knee^CPT4', 26: 'RT^Right side^CPT4' }));
    expect(codes(sameCpt.charges[0])).toEqual(['29881']);
    expect(codes(service(sameCpt.charges[0]))).toEqual(['29881:RT']);
  });

  it('FT1-25 named by text only: the service Procedure\'s code is that text, nothing reported', () => {
    const { charges, report } = dft(ft1({ ...THEATRE, 25: '^Laparoscopic cholecystectomy' }));
    expect(service(charges[0])?.code).toEqual({ text: 'Laparoscopic cholecystectomy' });
    expect(report.filter((l) => l.startsWith('FT1-25'))).toEqual([]);
  });

  it('no charge date (FT1-4, FT1-5 empty): the service is a Procedure of unknown status [IG PR1[Procedure] #0 "if not clear, use unknown"]', () => {
    const { charges } = dft(ft1({ ...THEATRE, 4: '', 5: '' }));
    expect([service(charges[0])?.status, service(charges[0])?.performedDateTime]).toEqual(['unknown', undefined]);
  });

  it('control: FT1-7 empty: FT1-25 is ChargeItem.code, no service (the charge named by its procedure)', () => {
    const { charges } = dft(ft1({ ...THEATRE, 7: '' }));
    expect(codes(charges[0])).toEqual(['1385']);
    expect(charges[0]?.service).toBeUndefined();
    expect(charges[0]?.contained).toBeUndefined();
  });

  it('control: the ChargeItem keeps its id with and without FT1-25 (identity: FT1-7 + FT1-4 when no FT1-2)', () => {
    const withIt = dft(ft1({ ...THEATRE, 2: '' })).charges[0];
    const without = dft(ft1({ ...THEATRE, 2: '', 25: '' })).charges[0];
    expect(withIt?.id).toBe(without?.id);
    expect(without?.service).toBeUndefined();
  });
});
