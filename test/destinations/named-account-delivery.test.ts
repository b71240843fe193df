/**
 * Review 34 R34-N2 at the destination: [hig account rule; IG PID[Account] #18; hig GT1 rule: FHIR R4
 * Account.guarantor, the IG has no GT1 map] the ADT and BAR events write the patient's account; a charge
 * (DFT^P03), result or order names it. Each DFT was a full PUT of the PID-18 Account without GT1, so after #21
 * the server's Account MHA34133 had lost the guarantor #17's A04 gave it (GT1 Hoku, the spouse). Now the DFT's
 * Account is a marked conditional create resolved by the FHIR destination (destinations/named-resources.ts
 * heldResource, as a named visit): left as held, or PUT at hig's id when the server holds none, so a charge
 * before the registration and the registration are one Account. Delivered to the in-repo FHIR server
 * (test/support/fhir-fhir.server.ts); expected values from the messages (PID-18, GT1-2/3, IN1-16/18), not hig's output.
 *
 *   npx vitest run test/destinations/named-account-delivery.test.ts
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';
import { type BundlePusher } from './push.js';

type Json = Record<string, unknown>;
type Options = Parameters<typeof convertHl7v2>[1];

const dir = new URL('../../docs/review34/messages/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, dir), 'utf8');
const A04 = sample('17-adt-a04-honolulu-dermatology.hl7');
const ORM = sample('18-orm-o01-skin-biopsy.hl7');
const DFT = sample('21-dft-p03-pathology-charge.hl7');
const segments = (hl7: string) => hl7.split(/\r\n?|\n/).filter((s) => s !== '');
/** #21 with a GT1 naming another guarantor (the patient himself, GT1-11 SEL). */
const DFT_SELF_GUARANTOR = [...segments(DFT), 'GT1|1|G34133-K|WAIALAE-BRONSKI^KEAKA^JAMES||||||||SEL^Self^HL70063'].join('\r');
/** An A08 of Keaka without GT1: an ADT writes the account whole. */
const A08 = segments(A04)
  .filter((s) => !/^(GT1|IN1)\|/.test(s))
  .map((s) => s.replace('ADT^A04', 'ADT^A08').replace('EVN|A04', 'EVN|A08').replace('KOA3400016', 'KOA3400099'))
  .join('\r');

const WITH_SYSTEM: Options = { namespaceMap: { MHFP: 'urn:oid:2.16.840.1.113883.3.3434' } };

// an empty server per test: the assertions read everything it holds
const fhir = useFhirDestinations({ serverPer: 'test' });
let dest: BundlePusher | undefined;
beforeEach(() => {
  dest = fhir.destination();
});

const held = (type: string): Json[] => [...fhir.server.resources.values()].filter((r) => r.resourceType === type);
const accounts = () => held('Account').filter((a) => JSON.stringify(a.identifier).includes('"MHA34133"'));
const hokus = () => held('RelatedPerson').filter((r) => JSON.stringify(r.name).includes('HOKU'));
const partyOf = (account: Json | undefined) => ((account?.guarantor ?? []) as { party?: { reference?: string } }[]).map((g) => g.party?.reference);
async function deliver(hl7: string, options: Options = {}): Promise<void> {
  await dest?.deliver(convertHl7v2(hl7, options).bundle, never);
}

describe('[hig account rule; IG PID[Account] #18] review 34 #17 then #21: the charge names Keaka\'s account and leaves its guarantor', () => {
  for (const [label, options] of [
    ['PID-18 without a system (searched among the patient\'s accounts)', {}],
    ['PID-18 with a system', WITH_SYSTEM],
    ['PID-18 with a system, conditionalUpdate channel', { ...WITH_SYSTEM, conditionalUpdate: true }],
  ] as const) {
    it(`${label}: one Account, its guarantor the spouse the A04's GT1 names, after the DFT`, async () => {
      await deliver(A04, options);
      await deliver(DFT, options);
      expect(accounts()).toHaveLength(1);
      const [hoku] = hokus() as [Json];
      expect(hokus()).toHaveLength(1);
      expect(partyOf(accounts()[0])).toEqual([`RelatedPerson/${String(hoku.id)}`]);
      expect(accounts()[0]?.status).toBe('active');
      // the charge is delivered (FT1-2 KLC3400201), placed on the account PID-18 names, by the id the server
      // holds it under [hig FT1; FHIR R4 ChargeItem.account]
      const charges = held('ChargeItem').filter((c) => JSON.stringify(c.identifier).includes('KLC3400201'));
      expect(charges).toHaveLength(1);
      expect(charges[0]?.account).toEqual([{ reference: `Account/${String(accounts()[0]?.id)}` }]);
    });
  }

  it('the charge before the registration (#21, then #17): one Account, at hig\'s id, with the guarantor the A04 gives', async () => {
    await deliver(DFT);
    const [first] = accounts() as [Json];
    await deliver(A04);
    expect(accounts()).toHaveLength(1);
    expect(accounts()[0]?.id).toBe(first.id);
    expect(partyOf(accounts()[0])).toEqual([`RelatedPerson/${String(hokus()[0]?.id)}`]);
    // a second charge after both changes nothing of it
    await deliver(DFT.replace('PB3400020', 'PB3400021'));
    expect(partyOf(accounts()[0])).toEqual([`RelatedPerson/${String(hokus()[0]?.id)}`]);
  });

  it('#17, #18 ORM (IN1 before GT1), #21: one RelatedPerson for the spouse, the Account\'s guarantor and the Coverage\'s subscriber', async () => {
    await deliver(A04);
    await deliver(ORM);
    await deliver(DFT);
    expect(hokus()).toHaveLength(1);
    const ref = `RelatedPerson/${String(hokus()[0]?.id)}`;
    expect(partyOf(accounts()[0])).toEqual([ref]);
    const coverages = held('Coverage').filter((c) => JSON.stringify(c.subscriber).includes('RelatedPerson/'));
    expect(coverages.map((c) => (c.subscriber as Json).reference)).toEqual([ref]);
  });

  it('a DFT whose GT1 states the guarantor (GT1-11 SEL: the patient) writes it on the account held', async () => {
    await deliver(A04);
    await deliver(DFT_SELF_GUARANTOR);
    const [patient] = held('Patient').filter((p) => JSON.stringify(p.identifier).includes('MH3400133'));
    expect(accounts()).toHaveLength(1);
    expect(partyOf(accounts()[0])).toEqual([`Patient/${String(patient?.id)}`]);
  });

  it('control: an ADT (A08 without GT1) still writes the account whole', async () => {
    await deliver(A04);
    await deliver(A08);
    expect(accounts()).toHaveLength(1);
    expect(accounts()[0]?.guarantor).toBeUndefined();
  });

  it('hig\'s marker never reaches the server', async () => {
    await deliver(A04);
    const before = fhir.server.requests.length;
    await deliver(DFT);
    expect(JSON.stringify(fhir.server.requests.slice(before).map((r) => r.body))).not.toContain('order-event-entry');
  });
});
