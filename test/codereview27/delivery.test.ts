/**
 * Code review 27 (docs/codereview27.md): changes on main 7de7ac4..8d3739c, delivered to the in-repo FHIR
 * server (test/support/fhir-server.ts) through the real FHIR destination. Each finding is an `it.fails`
 * asserting the right outcome (failing today) beside a control that passes. Expected values come from the
 * messages, v2.5.1 (2.5.3: a field not sent leaves the receiver's value; the message structures of ch. 3)
 * and FHIR R4's definitions, not from hig's output. All names, numbers and MRNs are synthetic.
 *
 *   npx vitest run test/codereview27/delivery.test.ts
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { startFhirServer, type FhirServer } from '../support/fhir-server.js';
import { never } from '../destinations/helpers.js';
import { createDestination, type BundlePusher } from '../destinations/push.js';
import { seg } from '../transform/helpers.js';

type Json = Record<string, unknown>;

let server: FhirServer;
const opened: BundlePusher[] = [];
beforeEach(async () => {
  server = await startFhirServer();
});
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
  await server.close();
});
function destination(): BundlePusher {
  const created = createDestination({ type: 'fhir', baseUrl: server.url, mode: 'transaction', auth: { type: 'none' } });
  opened.push(created);
  return created;
}
const held = (type: string): Json[] => [...server.resources.values()].filter((r) => r.resourceType === type);

// ---------------------------------------------------------------------------------------------------
// CR27-4 [hig account rule (events.ts NAMES_ACCOUNT: "written by the messages that carry its facts");
// v2.5.1 3.3.2 ADT_A02 has no GT1 or IN1; FHIR R4 Account.guarantor] a transfer erases the guarantor
// ---------------------------------------------------------------------------------------------------
const dir = new URL('../../docs/review34/messages/', import.meta.url);
const lines = (hl7: string) => hl7.split(/\r\n?|\n/).filter((s) => s !== '');
/** Review 34 #17: Keaka's registration, account MHA34133 (PID-18), guarantor GT1 Hoku (his spouse). */
const A04 = readFileSync(new URL('17-adt-a04-honolulu-dermatology.hl7', dir), 'utf8');
const DFT = readFileSync(new URL('21-dft-p03-pathology-charge.hl7', dir), 'utf8');
/** #17's PID and PV1 as an A02 transfer (ADT_A02: EVN PID [PD1] PV1 [PV2] … no GT1, no IN1), to another room. */
const A02 = lines(A04)
  .filter((s) => /^(MSH|EVN|PID|PV1)\|/.test(s))
  .map((s) => s.replace('ADT^A04', 'ADT^A02^ADT_A02').replace('EVN|A04', 'EVN|A02').replace('KOA3400016', 'KOA3400027').replace('MHFP^PROC1^^MHFP', 'MHFP^PROC2^^MHFP'))
  .join('\r');
const accounts = () => held('Account').filter((a) => JSON.stringify(a.identifier).includes('"MHA34133"'));
const guarantorNames = (a: Json | undefined) => ((a?.guarantor ?? []) as { party?: { reference?: string } }[]).map((g) => g.party?.reference?.split('/')[0]);

describe('CR27-4 an ADT event whose structure has no GT1 (A02 transfer) after the registration', () => {
  it('the account keeps the A04\'s guarantor (the A02 cannot state guarantors: ADT_A02 has no GT1)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(A04).bundle, never);
    expect(guarantorNames(accounts()[0])).toEqual(['RelatedPerson']);
    await dest.deliver(convertHl7v2(A02).bundle, never);
    expect(accounts()).toHaveLength(1);
    expect(guarantorNames(accounts()[0])).toEqual(['RelatedPerson']);
  });

  it('control: a DFT (no GT1) after the registration keeps it (R34-N2)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(A04).bundle, never);
    await dest.deliver(convertHl7v2(DFT).bundle, never);
    expect(accounts()).toHaveLength(1);
    expect(guarantorNames(accounts()[0])).toEqual(['RelatedPerson']);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR27-5 [hig RXC rule (pharmacy.ts mapRxc, R32-N3); FHIR R4 Medication.ingredient; the range's own
// principle for a changed order (R27-A1, mapping.md "Explicit null and empties": absent leaves the held
// value)] a changed IV order that sends no RXC drops the admixture's additive from the order
// ---------------------------------------------------------------------------------------------------
const NS = '313002^Sodium Chloride 0.9% Injectable Solution^RXNORM';
const KCL = '7515^Potassium Chloride^RXNORM';
let sent = 0;
/** An NS 1000 mL infusion, order IV-27, at `rate` mL/h; with its RXCs (base NS, additive KCl 20 mEq) or none. */
const rde = (control: string, rate: string, rxc: boolean) =>
  [
    `MSH|^~\\&|PHARM|GH|EHR|GH|20261206100000-0600||RDE^O11^RDE_O11|RXC27-${++sent}|P|2.5.1`,
    'PID|1||MRN2771^^^GH^MR||ROE^RITA||19500101|F',
    `ORC|${control}|IV-27^CPOE||||||20261206095000-0600`,
    seg('RXE', { 2: NS, 3: '1000', 5: 'mL^milliliter^UCUM', 23: rate, 24: 'mL/h^milliliter per hour^UCUM' }),
    'RXR|IV^Intravenous^HL70162',
    ...(rxc ? [`RXC|B|${NS}|1000|mL^milliliter^UCUM`, `RXC|A|${KCL}|20|meq^milliequivalent^UCUM`] : []),
  ].join('\r');
/** The codes of the ingredients of the order's product (its contained Medication), or of medicationCodeableConcept. */
function ingredientCodes(): string[] {
  const [mr] = held('MedicationRequest');
  const ref = (mr?.medicationReference as Json | undefined)?.reference;
  const medication = ((mr?.contained as Json[] | undefined) ?? []).find((c) => `#${String(c.id)}` === ref);
  return ((medication?.ingredient as Json[] | undefined) ?? []).map((i) => String(((i.itemCodeableConcept as Json).coding as Json[])[0]?.code));
}
const rateOf = () => {
  const [mr] = held('MedicationRequest');
  const line = ((mr?.dosageInstruction as Json[] | undefined) ?? [])[0] ?? {};
  return ((line.doseAndRate as Json[] | undefined) ?? []).map((d) => (d.rateQuantity as Json | undefined)?.value).filter((v) => v !== undefined);
};

describe('CR27-5 an XO that changes an admixture\'s rate without repeating its RXCs', () => {
  it('the order still names the KCl 20 mEq additive the NW sent (only the rate changed)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', '75', true)).bundle, never);
    expect(ingredientCodes()).toEqual(['313002', '7515']);
    await dest.deliver(convertHl7v2(rde('XO', '125', false)).bundle, never);
    expect(rateOf()).toEqual([125]);
    expect(ingredientCodes()).toEqual(['313002', '7515']);
  });

  it('control: an XO that repeats the RXCs keeps them and takes the new rate', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', '75', true)).bundle, never);
    await dest.deliver(convertHl7v2(rde('XO', '125', true)).bundle, never);
    expect(rateOf()).toEqual([125]);
    expect(ingredientCodes()).toEqual(['313002', '7515']);
  });
});

// ---------------------------------------------------------------------------------------------------
// CR27-6 [review 33 R33-N1 "one person is one RelatedPerson"; IG PID[Patient] #21 → CX[RelatedPerson-Mother],
// NK1[RelatedPerson] #2, #3] the registry's VXU (PID-21 + NK1 MTH) and the hospital's ADT (NK1 MTH, no
// PID-21) about one newborn: two mother RelatedPersons at the server
// ---------------------------------------------------------------------------------------------------
const NADIA = 'NK1|1|OKAFOR^NADIA^^^^^L|MTH^Mother^HL70063|1 MAIN ST^^CHICAGO^IL^60618|^PRN^PH^^1^773^5550101';
const newborn = (pid21: string) => `PID|1||LP7700101^^^LPCH^MR||OKAFOR^AMARA^^^^^L||20270104|F|||1 MAIN ST^^CHICAGO^IL^60618||||||||||${pid21}|||Y|1`;
const VXU = (control: string) =>
  [
    `MSH|^~\\&|EHR|LPCH|IIS|STATE|20270104083000-0600||VXU^V04^VXU_V04|${control}|P|2.5.1`,
    newborn('LP7700088^^^LPCH^MR'),
    NADIA,
    'ORC|RE||IZ-7701^LPCH',
    'RXA|0|1|20270104080000-0600|20270104080000-0600|08^HepB^CVX|0.5|mL^mL^UCUM||00^New immunization record^NIP001|||||||||||CP|A',
  ].join('\r');
/** The hospital's update of the newborn: the same NK1, no PID-21 (an ADT need not repeat the mother's MRN). */
const NEWBORN_A08 = ['MSH|^~\\&|EHR|LPCH|HIG|LPCH|20270104093000-0600||ADT^A08^ADT_A01|M27A08|P|2.5.1', 'EVN|A08|20270104093000-0600', newborn(''), NADIA, 'PV1|1|I|NURS^101^A'].join('\r');
const mothersHeld = () => held('RelatedPerson').filter((r) => JSON.stringify(r.relationship).includes('"code":"MTH"'));

describe('CR27-6 one newborn\'s mother named by a VXU with PID-21 and by an ADT without it', () => {
  it('the server holds one mother RelatedPerson for the child', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(VXU('M27V1')).bundle, never);
    expect(mothersHeld()).toHaveLength(1);
    await dest.deliver(convertHl7v2(NEWBORN_A08).bundle, never);
    expect(mothersHeld()).toHaveLength(1);
  });

  it('control: the VXU sent twice is one mother (R33-N1 within a message)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(VXU('M27V1')).bundle, never);
    await dest.deliver(convertHl7v2(VXU('M27V2')).bundle, never);
    expect(mothersHeld()).toHaveLength(1);
  });
});
