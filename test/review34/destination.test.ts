/**
 * Review 34 (issue 14): the whole sample (docs/review34/messages/, 01 → 24 in order) delivered as FHIR
 * transactions to the in-repo test FHIR server (test/support/fhir-server.ts), default conversion options;
 * what the server holds afterwards, read against the messages and the IG rows named. Order events (ORM NW → ORU /
 * OUL results, a filler cancel, a reflex, an amended report), what results point at, and the one woman registered
 * at two offices are judged here. Cases marked "recorded" hold what the server ends with where a note (not a counted
 * finding) says it differs from what a reader may expect; R34-W1/W2 are `it.fails` (the right outcome, failing
 * today).
 *
 *   npx vitest run test/review34/destination.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, type SampleDelivery } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review34/messages/', import.meta.url);
let sample: SampleDelivery;
beforeAll(async () => {
  sample = await deliverSample(dir);
}, 60_000);
afterAll(() => sample.close());

const held = (type: string) => sample.held(type);
const byIdentifier = (type: string, value: string) => sample.byIdentifier(type, value);
const codeIs = (r: Json, code: string) => JSON.stringify(r.code ?? {}).includes(`"code":"${code}"`);
const text = (x: unknown) => JSON.stringify(x ?? null);
const ref = (r: Json | undefined) => `${String(r?.resourceType)}/${String(r?.id)}`;
const one = (type: string, value: string) => {
  const found = byIdentifier(type, value);
  expect(found, `${type} ${value}`).toHaveLength(1);
  return found[0] as Json;
};
const decoded = (d: Json | undefined) =>
  Buffer.from(String(((d?.content as Json[] | undefined)?.[0]?.attachment as Json | undefined)?.data ?? ''), 'base64').toString('utf8');

describe('review 34 at the destination', () => {
  it('24 transactions accepted; none refused by the converter (the two ORL^O22 were, R34-R1, fixed by fixorl26) nor by the server', () => {
    expect(sample.failures).toEqual([]);
    expect(sample.refused).toEqual([]);
  });

  it('one woman at two offices: two Patients, one per MRN and assigning authority, neither taking the other\'s identifier, address or phone [IG PID[Patient] #3 → identifier (CX.4 → assigner); FHIR: no link is sent]', () => {
    const hon = one('Patient', 'MH3400101');
    const phx = one('Patient', 'AM3407715');
    expect(hon.id).not.toBe(phx.id);
    expect(text(hon.identifier)).not.toContain('AM3407715');
    expect(text(phx.identifier)).not.toContain('MH3400101');
    expect(text(hon.identifier)).toContain('"display":"MHFP"');
    expect(text(phx.identifier)).toContain('"display":"AMIM"');
    // #12 A08 (Honolulu) added the cell phone; #23 A08 (Phoenix) the winter rental (XAD.7 C → temp) beside home
    expect(text(hon.telecom)).toContain('5550178');
    expect(text(hon.address)).not.toContain('PHOENIX');
    expect((phx.address as Json[]).map((a) => `${String(a.use)} ${String(a.city)}`)).toEqual(['temp PHOENIX', 'home HONOLULU']);
    // each office's orders and results stay with that office's record
    expect(text(one('DiagnosticReport', 'KL27-340081').subject)).toContain(ref(hon));
    expect(text(one('DiagnosticReport', 'KL27-340061').subject)).toContain(ref(phx));
  });

  it('Phoenix orders: HbA1c and lipid completed with PLAC + FILL, results basedOn them, times kept in -0700 (collection) and -1000 (lab) [IG ORC[ServiceRequest] #2, #3, #5; OBR[DiagnosticReport] #7, #22; SPM[Specimen] #17, #18]', () => {
    for (const [placer, filler, code] of [['AM34-0004-1', 'KL27-340041', '4548-4'], ['AM34-0004-2', 'KL27-340042', '2093-3']] as const) {
      const order = one('ServiceRequest', placer);
      expect(order.status).toBe('completed');
      expect(text(order.identifier)).toContain(filler);
      expect(order.authoredOn).toBe('2027-01-06T10:15:00-07:00');
      const obs = held('Observation').filter((o) => codeIs(o, code));
      expect(obs).toHaveLength(1);
      expect(text(obs[0]?.basedOn)).toContain(ref(order));
      const report = one('DiagnosticReport', filler);
      expect(report.effectiveDateTime).toBe('2027-01-06T10:30:00-07:00');
      expect(report.issued).toBe('2027-01-07T14:15:00-10:00');
    }
    const tube = one('Specimen', 'KL27-340041-S1');
    expect(tube.receivedTime).toBe('2027-01-07T06:55:00-10:00');
    expect(text(tube.container)).toContain('LTP');
  });

  it('cancelled microalbumin: order revoked with the reason, report cancelled, the X result cancelled with its alternate code and the NTE [IG OBR[DiagnosticReport] #25 X; OBX[Observation] #11 X; ORC[ServiceRequest] #1/#5, #16]', () => {
    const order = one('ServiceRequest', 'AM34-0004-3');
    expect(order.status).toBe('revoked');
    expect(text(order.extension)).toContain('LEAK');
    expect(one('DiagnosticReport', 'KL27-340043').status).toBe('cancelled');
    const x = held('Observation').filter((o) => codeIs(o, '14959-1'));
    expect(x).toHaveLength(1);
    expect(x[0]?.status).toBe('cancelled');
    expect(text(x[0]?._status)).toContain('"code":"X"');
    expect(x[0]?.valueQuantity ?? x[0]?.valueString).toBeUndefined();
    expect(text(x[0]?.note)).toContain('Please recollect');
    // and no charge for it (#13 bills two tests)
    expect(held('ChargeItem').filter((c) => codeIs(c, 'KL3305'))).toHaveLength(0);
  });

  it('reflex: free T4 a reflex-order basedOn the TSH order by its numbers, its report and result basedOn the reflex order [IG OBR[ServiceRequest] #11 G → intent reflex-order, #29 → basedOn identifiers]', () => {
    const tsh = one('ServiceRequest', 'AM34-0006-1');
    const reflex = one('ServiceRequest', 'KL27-340061R');
    expect(reflex.intent).toBe('reflex-order');
    expect(reflex.status).toBe('completed');
    expect(text(reflex.basedOn)).toContain('"value":"AM34-0006-1"');
    expect(text(reflex.basedOn)).toContain('"value":"KL27-340061"');
    expect(text(reflex.subject)).toBe(text(tsh.subject));
    const ft4 = held('Observation').filter((o) => codeIs(o, '3024-7'));
    expect(ft4).toHaveLength(1);
    expect(text(ft4[0]?.basedOn)).toContain(ref(reflex));
    expect(text(ft4[0]?.interpretation)).toContain('"code":"L"');
    expect(text(one('DiagnosticReport', 'KL27-340061R').basedOn)).toContain(ref(reflex));
  });

  // R34-W1 (= R33-W1, still open): the serum tube KL27-340061-S1 is sent under the TSH and under its reflex.
  it('R34-W1 the serum tube under the TSH and its reflex is one Specimen at the server [IG SPM[Specimen] #2; mapping.md Specimen identity]', () => {
    expect(byIdentifier('Specimen', 'KL27-340061-S1')).toHaveLength(1);
  });

  it('CMP + CBC with the lab\'s PDF: the discrete results and one DocumentReference (application/pdf, decodes to %PDF-1.5) the PDF Observation derives from [IG OBX[DocumentReference] #5; hig OBX ED row]', () => {
    const order = one('ServiceRequest', 'MH34-0008-1');
    const report = one('DiagnosticReport', 'KL27-340081');
    expect(report.status).toBe('final');
    expect((report.result as Json[])).toHaveLength(5);
    const docs = held('DocumentReference');
    expect(docs).toHaveLength(1);
    expect(text(docs[0]?.content)).toContain('application/pdf');
    expect(decoded(docs[0]).startsWith('%PDF-1.5')).toBe(true);
    const pdfObs = held('Observation').filter((o) => codeIs(o, '11502-2'));
    expect(pdfObs).toHaveLength(1);
    expect(text(pdfObs[0]?.derivedFrom)).toContain(ref(docs[0]));
    expect(text(pdfObs[0]?.basedOn)).toContain(ref(order));
    expect(held('Observation').filter((o) => codeIs(o, '2345-7'))).toHaveLength(1);
  });

  it('surgical pathology then amended: one report, `corrected`, issued 01/18 11:20-10:00, each section once and `corrected`, the final diagnosis the amended text [IG OBR[DiagnosticReport] #25 C; OBX[Observation] #11 C, #5]', () => {
    const report = one('DiagnosticReport', 'KLS27-3417');
    expect(report.status).toBe('corrected');
    expect(report.issued).toBe('2027-01-18T11:20:00-10:00');
    expect((report.result as Json[])).toHaveLength(5);
    for (const code of ['22636-5', '22634-0', '22635-7', '22637-3', '22638-1']) {
      const sect = held('Observation').filter((o) => codeIs(o, code));
      expect(sect, code).toHaveLength(1);
      expect(sect[0]?.status).toBe('corrected');
    }
    const dx = held('Observation').find((o) => codeIs(o, '22637-3'));
    expect(String(dx?.valueString)).toContain('MELANOMA IN SITU');
    expect(String(dx?.valueString)).not.toContain('MODERATE ATYPIA, extending');
    // FT's \.br\ is a line break in the text (IG OBX-5 FT → valueString)
    expect(String(held('Observation').find((o) => codeIs(o, '22634-0'))?.valueString)).toContain('cm.\nInked');
    expect(one('ServiceRequest', 'MH34-0017-1').status).toBe('completed');
  });

  it('charges: one ChargeItem per FT1, with the reflex FT4 and none for the cancelled test; each on the patient of its office record [hig FT1 row: FT1-2 identity, FT1-7 code, FT1-19 reason]', () => {
    expect(held('ChargeItem')).toHaveLength(8);
    const phx = one('Patient', 'AM3407715');
    const ft4 = one('ChargeItem', 'KLC3400142');
    expect(codeIs(ft4, 'KL4110')).toBe(true);
    expect(text(ft4.subject)).toContain(ref(phx));
    expect(text(one('ChargeItem', 'KLC3400231').subject)).toContain(ref(one('Patient', 'MH3400101')));
  });

  // R34-W2: DG1-3 E11.9 is the reason of the HbA1c and of the microalbumin in #06 (Z00.00 of the CMP and the CBC
  // in #02): one diagnosis of the visit, one Condition (mapping.md "Resource identity": patient + visit + DG1-3).
  it('R34-W2 one Condition per diagnosis of the visit: E11.9 once for Rafael, Z00.00 once for Malia [IG ORM_O01 DG1 → Condition; DG1[Condition] #3; mapping.md Condition identity]', () => {
    expect(held('Condition').filter((c) => codeIs(c, 'E11.9'))).toHaveLength(1);
    expect(held('Condition').filter((c) => codeIs(c, 'Z00.00'))).toHaveLength(1);
  });

  // R34-R1 (fixed by fixorl26): the ORL^O22 #07 (and #19) was refused, so its ORC-3 filler number and ORC-5 SC reached
  // the order only with the results. #06 then #07 alone: test/destinations/orl-o22-delivery.test.ts.
  it('R34-R1: the skin biopsy order carries the ORL #19\'s accession KLS27-3417 once, its requester and authoredOn kept [IG ORC[ServiceRequest] #3 → identifier FILL]', () => {
    const order = one('ServiceRequest', 'MH34-0017-1');
    expect(((order.identifier as Json[]) ?? []).filter((i) => i.value === 'KLS27-3417')).toHaveLength(1);
    expect(order.requester).toBeDefined();
    expect(order.authoredOn).toBeDefined();
  });

  // R34-N1 (recorded here until fix35e): #24's IN1-36 re-issued member number was another Coverage key (patient + payer
  // + IN1-36), and the old member number stayed an `active` Coverage beside the new one. Since review 59 R59-W2 (fix35e)
  // a Coverage is the patient + the payer + IN1-17 (mapping.md "Resource identity", Coverage): the A08 updates the one
  // Coverage, which carries the re-issued number [IG ADT_A01 INSURANCE IN1 → Coverage[1]].
  it('R34-N1: Rafael ends with one active Coverage of the plan, the re-issued member number', () => {
    const cov = held('Coverage').filter((c) => text(c.identifier).includes('SUNDRY-HMO'));
    expect(cov.map((c) => `${String(c.status)} ${String(c.subscriberId)}`).sort()).toEqual(['active SHP340077229']);
  });

  // R34-N2 (a note, not counted): the spouse was the GT1 guarantor (keyed by GT1-2) and the IN1-16/17 insured (keyed
  // by relationship + name), two RelatedPersons of one person; and the DFT's Account PUT (no GT1) dropped the
  // guarantor. Since fixacct27 [hig account rule: the ADT/BAR write the account, a DFT names it; hig identity: the
  // GT1 guarantor and the IN1 insured naming one person are one RelatedPerson in the message] both hold.
  it('R34-N2: Keaka\'s spouse is one RelatedPerson (guarantor and insured); his Account keeps her as guarantor after the DFT #21', () => {
    const k = one('Patient', 'MH3400133');
    const hoku = held('RelatedPerson').filter((r) => text(r.patient).includes(ref(k)) && text(r.name).includes('HOKU'));
    expect(hoku).toHaveLength(1);
    // GT1-2 G34133, IN1-18 1981-02-14: what both segments of #17 (and #18) say of her
    expect(text(hoku[0]?.identifier)).toContain('G34133');
    expect(hoku[0]?.birthDate).toBe('1981-02-14');
    expect(one('Account', 'MHA34133').guarantor).toEqual([{ party: { reference: ref(hoku[0]) } }]);
    const keaka = held('Coverage').filter((c) => text(c.beneficiary).includes(ref(k)));
    expect(keaka.map((c) => text(c.subscriber))).toEqual([text({ reference: ref(hoku[0]) })]);
  });
});
