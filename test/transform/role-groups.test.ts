/**
 * Review 11 class R11-A (docs/mapping-review-11.md): a ROL/PRT is placed by the group it sits in.
 * Only the PV1's group makes visit participants [IG ADT_A01 19 PV1.ROL → ROL[Encounter-PractitionerRole],
 * OML_O21 5.8.3 PATIENT_VISIT.PRT → PRT[PractitionerRole]]; a procedure's, an insurance's or a
 * financial transaction's ROL/PRT has no IG target [IG ADT_A01 27.2/27.3, 29.4/29.5] and is reported,
 * with no resource made for it. The cases adt-procedure-rol-not-visit-participant and
 * dft-ft1-prt-not-visit-participant check the Bundle; this file checks the report and the rest of
 * the class, and that validateBundle refuses a reference to a resource type its element does not allow.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { convertChecked, entries, resources, seg } from './helpers.js';

const MSH = (type: string): string => `MSH|^~\\&|HIS|GOODHEALTH|EHR|RECV|20240705081500-0500||${type}|R11A|P|2.8`;
const PID = 'PID|1||MRN1101^^^GOODHEALTH&2.16.840.1.113883.19.5&ISO^MR||DOE^JANE||19800215|F';
const PV1 = seg('PV1', { 1: '1', 2: 'I', 3: '3N^301^1^GOODHEALTH', 7: '1111^ATTEND^ANN', 19: 'V1101^^^GOODHEALTH^VN' });
/** A ROL naming a primary care provider with its own period (ADT-A08-01 segment 18). */
const ROL_PP = 'ROL|1|AD|PP^Primary Care Provider^HL70443|2222^PHOEB^HAROLD|20240101|20240202';

const participants = (bundle: Record<string, unknown>): unknown[] => (resources(bundle, 'Encounter')[0]?.participant as unknown[] | undefined) ?? [];
const names = (bundle: Record<string, unknown>): string[] => resources(bundle, 'Practitioner').map((p) => JSON.stringify(p.name));

describe('[review 11 class R11-A] a ROL/PRT of another group is no participant of the visit', () => {
  it('[IG ADT_A01 27.2 PROCEDURE.ROL: no target] a procedure\'s ROL: reported with its group, no Practitioner made; the PV1 ROL still is a participant [#19]', () => {
    const { bundle, lines } = convertChecked(MSH('ADT^A01^ADT_A01'), 'EVN|A01', PID, PV1, ROL_PP.replace('2222^PHOEB^HAROLD', '3333^VISIT^VERA'), 'PR1|1||76164006^Biopsy of colon^SCT||20240705090000-0500', ROL_PP);
    expect(participants(bundle)).toHaveLength(2);
    expect(names(bundle).some((n) => n.includes('PHOEB'))).toBe(false);
    expect(names(bundle).some((n) => n.includes('VISIT'))).toBe(true);
    expect(lines).toContain('segment ROL (segment 7): a role in the PROCEDURE group (after PR1): no IG row maps it there, and it is no participant of the visit; not converted');
  });

  it('[IG ADT_A01 29.4 INSURANCE.ROL: no target] an insurance\'s ROL is reported, not a participant', () => {
    const { bundle, lines } = convertChecked(MSH('ADT^A01^ADT_A01'), 'EVN|A01', PID, PV1, 'IN1|1|PLAN1^Gold|PAY1^^^HOSP|Payer Inc', ROL_PP);
    expect(participants(bundle)).toHaveLength(1);
    expect(lines).toContain('segment ROL (segment 6): a role in the INSURANCE group (after IN1): no IG row maps it there, and it is no participant of the visit; not converted');
  });

  it('[IG BAR_P01 no map; ADT_A01 27.3 PROCEDURE.PRT: no target] BAR\'s VISIT.PROCEDURE PRT is reported; the VISIT\'s own ROL is a participant', () => {
    const { bundle, lines } = convertChecked(MSH('BAR^P01^BAR_P01'), 'EVN|P01', PID, PV1, 'ROL|1|AD|AT^Attending^HL70443|3333^VISIT^VERA', 'PR1|1||76164006^Biopsy of colon^SCT||20240705090000-0500', 'PRT||AD||SP^Surgeon^HL70912|4444^CUTTER^CARL');
    expect(participants(bundle)).toHaveLength(2);
    expect(names(bundle).some((n) => n.includes('CUTTER'))).toBe(false);
    expect(lines).toContain('segment PRT (segment 7): a role in the PROCEDURE group (after PR1): no IG row maps it there, and it is no participant of the visit; not converted');
  });

  it('[v2.8 DFT_P03 FINANCIAL(FT1 [{PRT}])] a PRT after the FT1 is the transaction\'s: reported under FINANCIAL, no Organization made for it', () => {
    const { bundle, lines } = convertChecked(MSH('DFT^P03^DFT_P03'), 'EVN|P03', PID, PV1, 'FT1|1|T1102||20240705|20240705|CG|71045^Xray exam chest 1 view^C4|||1', 'PRT||AD||AD^Admitting Provider^HL70912||||General Medical Center');
    expect(participants(bundle)).toHaveLength(1);
    expect(resources(bundle, 'Organization').some((o) => o.name === 'General Medical Center')).toBe(false);
    expect(resources(bundle, 'ChargeItem')).toHaveLength(1);
    expect(lines).toContain('segment PRT (segment 6): a role in the FINANCIAL group (after FT1): no IG row maps it there, and it is no participant of the visit; not converted');
  });

  it('[IG OML_O21 5.8.3 PATIENT_VISIT.PRT → PRT[PractitionerRole] #8] a visit PRT naming only an organization: the participant is that organization\'s PractitionerRole, never the Organization', () => {
    const { bundle } = convertChecked(
      'MSH|^~\\&|ORD|GOODHEALTH|LAB|RECV|20240705081500-0500||OML^O21^OML_O21|R11A2|P|2.8', PID, PV1,
      'PRT|1|AD||AD^Admitting Provider^HL70912||||Good Health Hospital',
      'ORC|NW|PL1^ORD', 'OBR|1|PL1^ORD||57698-3^Lipid panel^LN');
    const individual = (participants(bundle)[1] as { individual: { reference: string } }).individual.reference;
    const role = entries(bundle).find((e) => e.fullUrl === individual)?.resource;
    expect(role?.resourceType).toBe('PractitionerRole');
    expect(role?.practitioner).toBeUndefined();
    const org = entries(bundle).find((e) => e.fullUrl === (role?.organization as { reference: string }).reference)?.resource;
    expect(org).toMatchObject({ resourceType: 'Organization', name: 'Good Health Hospital' });
    expect(role?.code).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0912', code: 'AD', display: 'Admitting Provider' }] }]);
  });

  it('[IG PRT[Patient-GeneralPractitioner-*]; PID.PRT/ROL non-PP → CareTeam/RelatedPerson, not made] a patient PRT AD before any visit is reported, no PractitionerRole nothing references; PP stays the GP', () => {
    const { bundle, lines } = convertChecked(MSH('ADT^A28^ADT_A05'), 'EVN|A28', PID, 'PRT|1|AD||AD^Admitting Provider^HL70912|5555^ADMIT^ADA||||Good Health Hospital', 'PRT|2|AD||PP^Primary Care Provider^HL70912|6666^FAMILY^FRED');
    expect(resources(bundle, 'PractitionerRole')).toHaveLength(0);
    expect(names(bundle).some((n) => n.includes('ADMIT'))).toBe(false);
    expect(lines).toContain('segment PRT (segment 4): a role AD of the patient, not of a visit: its IG targets (CareTeam, RelatedPerson) are not made; not converted');
    expect(resources(bundle, 'Patient')[0]?.generalPractitioner).toHaveLength(1);
  });
});

describe('validateBundle: a reference must point at a resource type its element allows', () => {
  const bundle = (individualType: string, ref = 'urn:uuid:22222222-2222-4222-8222-222222222222'): Record<string, unknown> => ({
    resourceType: 'Bundle', type: 'transaction',
    entry: [
      { fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111', resource: { resourceType: 'Encounter', status: 'in-progress', class: { code: 'IMP' }, participant: [{ individual: { reference: ref } }] }, request: { method: 'PUT', url: 'Encounter/11111111-1111-4111-8111-111111111111' } },
      { fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222', resource: { resourceType: individualType, name: individualType === 'Organization' ? 'General Medical Center' : [{ family: 'X' }] }, request: { method: 'PUT', url: `${individualType}/22222222-2222-4222-8222-222222222222` } },
    ],
  });

  it('[FHIR R4 Encounter.participant.individual: Practitioner | PractitionerRole | RelatedPerson] an Organization there is an error (the path, no value)', () => {
    expect(validateBundle(bundle('Organization'))).toEqual([{ severity: 'error', path: 'Bundle.entry[0].resource.Encounter.participant[0].individual.reference', message: 'Reference to a Organization is not allowed here (allowed: Practitioner, PractitionerRole, RelatedPerson)' }]);
    expect(validateBundle(bundle('Organization', 'Organization/abc'))).toHaveLength(1);
  });

  it('a Practitioner there, and a reference the Bundle cannot resolve, pass', () => {
    expect(validateBundle(bundle('Practitioner'))).toEqual([]);
    expect(validateBundle(bundle('Organization', 'urn:uuid:33333333-3333-4333-8333-333333333333'))).toEqual([]);
  });

  it('a converted message\'s Bundle still validates (Reference(Any) elements such as Provenance.target take any type)', () => {
    const { bundle: b } = convertHl7v2([MSH('ADT^A01^ADT_A01'), 'EVN|A01', PID, PV1, 'ROL|1|AD|AT^Attending^HL70443|3333^VISIT^VERA'].join('\r'));
    expect(validateBundle(b)).toEqual([]);
  });
});
