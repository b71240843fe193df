/**
 * Review 40 R40-W1: an identifier type's system (CX.5 SS → us-ssn, XCN.13 NPI → us-npi: the only type → system
 * fallbacks hig has, identifier.ts TYPE_SYSTEMS) only when the authority (CX.4 / XCN.9) is empty or one that
 * issues that system's numbers. [IG CX[Identifier] #4: CX.4 → system "IF CX.4 IN" the FHIR identifier registry,
 * else assigner; #5: CX.5 → type only] [IG XCN[Practitioner] #9, #13 likewise]. An Austrian social-insurance number
 * `4711210988^^^SVAT^SS` was declared a United States SSN beside its SVAT assigner. All values synthetic.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

type Json = Record<string, unknown>;

const SSN = 'http://hl7.org/fhir/sid/us-ssn';
const NPI = 'http://hl7.org/fhir/sid/us-npi';

const adt = (pid3: string, pv17 = '') =>
  [
    'MSH|^~\\&|REG|KGP|HIG|KGP|20271029174000+0200||ADT^A01^ADT_A01|TS-1|P|2.5',
    'EVN|A01|20271029174000+0200',
    `PID|1||${pid3}||MUSTERFRAU^ERIKA||19880921|F`,
    `PV1|1|I|W1^101^1^KGP||||${pv17}||||||||||||V4000^^^KGP^VN`,
  ].join('\r');
const patientOf = (msg: string) => resources(convertHl7v2(msg).bundle, 'Patient')[0] as Json;
const identifier = (p: Json, value: string) => (p.identifier as Json[]).find((i) => i.value === value) as Json;
const attending = (xcn: string) => {
  const [doctor] = resources(convertHl7v2(adt('KG1^^^KGP^PI', xcn)).bundle, 'Practitioner');
  return ((doctor as Json).identifier as Json[])[0] as Json;
};

describe('R40-W1: a type gives its system only beside no authority or its own', () => {
  it('[IG CX[Identifier] #4, #5] CX.5 SS with CX.4 SVAT (an Austrian insurer): no us-ssn, the assigner SVAT, the type SS', () => {
    const svnr = identifier(patientOf(adt('KG1^^^KGP^PI~4711210988^^^SVAT^SS')), '4711210988');
    expect(svnr.system).toBeUndefined();
    expect((svnr.assigner as Json).display).toBe('SVAT');
    expect(JSON.stringify(svnr.type)).toContain('"code":"SS"');
  });

  it('[IG CX[Identifier] #4, #5; mapping.md] CX.5 SS with CX.4 empty, SSA (registry) or USA (the issuing country) keeps us-ssn', () => {
    for (const cx4 of ['', 'SSA', 'USA', 'usa']) expect(identifier(patientOf(adt(`KG1^^^KGP^PI~123456789^^^${cx4}^SS`)), '123456789').system, cx4).toBe(SSN);
  });

  it('[IG XCN[Practitioner] #9, #13] XCN.13 NPI with XCN.9 a hospital namespace: no us-npi, the assigner KGP', () => {
    const id = attending('4071122^BAUMLER^FRIEDERIKE^^^^^^KGP^^^^NPI');
    expect(id.system).toBeUndefined();
    expect((id.assigner as Json).display).toBe('KGP');
    // XCN.9 a local universal id only (the IG's own test messages: `5742200012^Radon^Nicholas^^^^^^&372526&L^L^^^NPI`):
    // no registry system, so that authority is the assigner, not a bare number
    const local = attending('5742200012^RADON^NICHOLAS^^^^^^&372526&L^L^^^NPI');
    expect(local.system).toBeUndefined();
    expect((local.assigner as Json).display).toBe('372526');
  });

  it('[IG XCN[Practitioner] #9, #13] XCN.13 NPI with XCN.9 empty, NPI or CMS (its issuer, as US immunization feeds send) keeps us-npi', () => {
    for (const xcn9 of ['', 'NPI', 'CMS']) expect(attending(`1234567893^BAUMLER^FRIEDERIKE^^^^^^${xcn9}^^^^NPI`).system, xcn9).toBe(NPI);
  });

  it('[hig identity, mapping.md "Resource identity"] a patient known only by a foreign SS number is not the patient of the same US SSN', () => {
    const foreign = patientOf(adt('4711210988^^^SVAT^SS'));
    const us = patientOf(adt('4711210988^^^SSA^SS'));
    expect(foreign.id).not.toBe(us.id);
  });
});
