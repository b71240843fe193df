/**
 * Cross-message identity (docs/mapping.md "Resource identity"; DESIGN invariant 8): the same
 * clinical facts in two different messages (a resend under a new MSH-10, a correction, reordered
 * identifiers, an update after an admit, a cancel after an order) address the same resource,
 * i.e. the same `PUT` URL, for every resource type the conversion makes; different facts address
 * different resources.
 */
import { describe, expect, it } from 'vitest';
import { type ConvertOptions, convertHl7v2 } from '../../src/transform/index.js';
import { deletes, entries, seg } from './helpers.js';

/** [hig identity, review 36 R36-W2] every order search leaves out the scheduler's request of a booking (docs/mapping.md "Resource identity"). */
const ORDERS_ONLY = '&_tag:not=https%3A%2F%2Fhig.example%2Ffhir%2FCodeSystem%2Frequest-origin|scheduler-booking';

const MSH = (type: string, id: string, ts = '20240305081500-0500'): string => `MSH|^~\\&|HIS|GOODHEALTH|EHR|RECV|${ts}||${type}|${id}|P|2.5.1`;
const PID = 'PID|1||MRN1^^^HOSP^MR~EMPI9^^^EMPI^PI~111223333^^^SSA^SS||DOE^JANE||19800215|F|||1 Main St^^Springfield^IL^62701';
/** A segment from its fields by position, so the test data cannot miscount pipes. */
const PV1 = seg('PV1', { 1: '1', 2: 'I', 3: '3N^301^1^GH', 7: '1234^ATTEND^ALICE', 10: 'MED', 19: 'V100^^^HOSP^VN', 44: '20240305080000' });

function convert(lines: string[], options: ConvertOptions = {}): Record<string, unknown> {
  return convertHl7v2(lines.join('\r'), options).bundle;
}

/** Request URLs of the PUT entries of `type` (a conditional create: identityUrl), in Bundle order. */
function urls(bundle: Record<string, unknown>, type: string): string[] {
  return entries(bundle)
    .filter((e) => e.resource.resourceType === type)
    .map((e) => identityUrl(e as { fullUrl?: string; request: { method?: string; url: string } }));
}

/**
 * The URL an entry's identity gives: its PUT's; for a conditional create (an order named by a message
 * that does not place it: a result, an event, since R22-D1/R23-D1) the `Type/id` its fullUrl carries,
 * the URL the placing NW PUT.
 */
function identityUrl(e: { fullUrl?: string; request: { method?: string; url: string } }): string {
  if (e.request.method === 'POST' && e.fullUrl?.startsWith('urn:uuid:') === true) return `${e.request.url}/${e.fullUrl.slice('urn:uuid:'.length)}`;
  return e.request.url;
}

/** The URL of the one `type` entry; fails when there is not exactly one. */
function url(bundle: Record<string, unknown>, type: string): string {
  const list = urls(bundle, type);
  expect(list, type).toHaveLength(1);
  return list[0] ?? '';
}

function resource(bundle: Record<string, unknown>, type: string): Record<string, unknown> {
  return entries(bundle).find((e) => e.resource.resourceType === type)?.resource ?? {};
}

describe('the same facts in two messages address the same resource', () => {
  const admit = convert([MSH('ADT^A01^ADT_A01', 'M1'), 'EVN|A01', PID, 'PD1|||GOOD CLINIC^^123', 'NK1|1|DOE^JOHN|SPO^Spouse^HL70063|1 Main St', PV1,
    'OBX|1|NM|29463-7^Body weight^LN||72|kg^kg^UCUM|||||F', 'AL1|1|DA|70618^Penicillin^RXNORM|SV|Hives', 'DG1|1||I10^Essential hypertension^I10|||A',
    'PR1|1||0FT44ZZ^Appendectomy^I10P||20240305120000', 'GT1|1||DOE^JOHN||1 Main St', 'IN1|1|PLAN1^Gold|PAY1^^^HOSP|Payer Inc|||||||||||||||||||||||||||||||||POL123']);
  // an update after the admit: new control id, identifiers reordered, set ids and details changed
  const update = convert([MSH('ADT^A08^ADT_A01', 'M2', '20240306091500-0500'), 'EVN|A08', PID.replace('MRN1^^^HOSP^MR~EMPI9^^^EMPI^PI~111223333^^^SSA^SS', '111223333^^^SSA^SS~EMPI9^^^EMPI^PI~MRN1^^^HOSP^MR'),
    'PD1|||GOOD CLINIC^^123', 'NK1|2|DOE^JOHN|SPO^Spouse^HL70063|2 Oak St', PV1.replace('|MED|', '|SUR|'),
    'OBX|3|NM|29463-7^Body weight^LN||72.5|kg^kg^UCUM|||||F', 'AL1|4|DA|70618^Penicillin^RXNORM|SV|Rash', 'DG1|2||I10^Essential hypertension^I10|||F',
    'PR1|5||0FT44ZZ^Appendectomy^I10P||20240305120000', 'GT1|2||DOE^JOHN||2 Oak St', 'IN1|3|PLAN1^Gold|PAY1^^^HOSP|Payer Inc|||||||||||||||||||||||||||||||||POL123']);

  // [hig patient identity] chosen by rule (MR first), not by PID-3 position
  it.each(['Patient', 'Encounter', 'AllergyIntolerance', 'Condition', 'Procedure', 'Coverage', 'Observation', 'Practitioner', 'Organization', 'Location'])('%s: A08 after A01', (type) => {
    // as sets: reordered identifiers make their assigning organizations in another order
    expect(urls(update, type).sort()).toEqual(urls(admit, type).sort());
    expect(urls(admit, type).length).toBeGreaterThan(0);
  });

  it('RelatedPerson (NK1 by patient + relationship + name, GT1 by patient + name): A08 after A01', () => {
    expect(urls(update, 'RelatedPerson').sort()).toEqual(urls(admit, 'RelatedPerson').sort());
    expect(urls(admit, 'RelatedPerson')).toHaveLength(2);
  });

  it("RelatedPerson with an identifier is the patient's: siblings' guarantor (GT1-2, SSN) and twins' mother (NK1-33) are one RelatedPerson per child", () => {
    // RelatedPerson.patient is 1..1: one URL for both children would move the relation to the second child
    const child = (id: string, mrn: string, name: string): Record<string, unknown> =>
      convert([MSH('ADT^A04^ADT_A01', id), 'EVN|A04', `PID|1||${mrn}^^^HOSP^MR||${name}||20200101|F`, seg('NK1', { 1: '1', 2: 'DOE^MARY', 3: 'MTH^Mother^HL70063', 33: 'NK777^^^HOSP^PI' }), PV1.replace('V100', `V${mrn}`), seg('GT1', { 1: '1', 2: 'G555^^^HOSP', 3: 'DOE^MARY', 12: '123456789' })]);
    const [first, second] = [child('C1', 'MRN7', 'DOE^ANNA'), child('C2', 'MRN8', 'DOE^BELLA')];
    expect(urls(first, 'RelatedPerson')).toHaveLength(2);
    for (const u of urls(second, 'RelatedPerson')) expect(urls(first, 'RelatedPerson')).not.toContain(u);
    // and each child's relation is still the same resource on resend
    expect(urls(child('C3', 'MRN7', 'DOE^ANNA'), 'RelatedPerson').sort()).toEqual(urls(first, 'RelatedPerson').sort());
  });

  it('the message itself (MessageHeader, Provenance) is scoped to the message: a new message, new ids', () => {
    expect(url(update, 'MessageHeader')).not.toBe(url(admit, 'MessageHeader'));
    expect(url(update, 'Provenance')).not.toBe(url(admit, 'Provenance'));
  });

  it('a re-delivery of the same message (same MSH-10) PUTs to exactly the same URLs', () => {
    const again = convert([MSH('ADT^A01^ADT_A01', 'M1'), 'EVN|A01', PID, 'PD1|||GOOD CLINIC^^123', 'NK1|1|DOE^JOHN|SPO^Spouse^HL70063|1 Main St', PV1,
      'OBX|1|NM|29463-7^Body weight^LN||72|kg^kg^UCUM|||||F', 'AL1|1|DA|70618^Penicillin^RXNORM|SV|Hives', 'DG1|1||I10^Essential hypertension^I10|||A',
      'PR1|1||0FT44ZZ^Appendectomy^I10P||20240305120000', 'GT1|1||DOE^JOHN||1 Main St', 'IN1|1|PLAN1^Gold|PAY1^^^HOSP|Payer Inc|||||||||||||||||||||||||||||||||POL123']);
    expect(entries(again).map((e) => e.request.url)).toEqual(entries(admit).map((e) => e.request.url));
  });

  it('another patient, allergen or visit is another resource', () => {
    const other = convert([MSH('ADT^A01^ADT_A01', 'M3'), 'EVN|A01', PID.replace('MRN1^^^HOSP^MR', 'MRN2^^^HOSP^MR'), PV1.replace('V100^', 'V200^'), 'AL1|1|DA|7980^Penicillin G^RXNORM|SV']);
    for (const type of ['Patient', 'Encounter', 'AllergyIntolerance']) expect(url(other, type)).not.toBe(urls(admit, type)[0]);
  });

  it('AL1 and IAM name the same allergy (patient + allergen)', () => {
    const iam = convert([MSH('ADT^A60^ADT_A60', 'M4'), 'EVN|A60', PID, 'IAM|1|DA|70618^Penicillin^RXNORM|SV|Hives|A']);
    expect(url(iam, 'AllergyIntolerance')).toBe(url(admit, 'AllergyIntolerance'));
  });
});

describe('visits without a visit number', () => {
  const noNumber = (id: string, admitted: string): Record<string, unknown> =>
    convert([MSH('ADT^A08^ADT_A01', id), 'EVN|A08', PID, seg('PV1', { 1: '1', 2: 'O', 3: 'CLINIC^^^GH', 44: admitted })]);
  it('are the same visit when patient and admit time (PV1-44) agree', () => {
    expect(url(noNumber('N1', '20240305080000'), 'Encounter')).toBe(url(noNumber('N2', '20240305080000'), 'Encounter'));
    expect(url(noNumber('N1', '20240305080000'), 'Encounter')).not.toBe(url(noNumber('N1', '20240306080000'), 'Encounter'));
  });
  // [hig identity, issue 14 #3; IG PV1[Encounter] PV1-5 → hospitalization.preAdmissionIdentifier]
  // without PV1-19/50/44: the patient + PV1-5, else the patient + PV1-2 + PV1-3 + PV1-7 + PV1-10
  // as sent (review 6 class G: such a visit was scoped to MSH-10, a resend PUT a second Encounter)
  const described = (id: string, fields: Record<number, string>, pid = PID, ts?: string): string =>
    url(convert([MSH('ADT^A08^ADT_A01', id, ts), 'EVN|A08', pid, seg('PV1', { 1: '1', ...fields })]), 'Encounter');
  const BARE = { 2: 'O', 3: 'CLINIC^^^GH', 7: '1234^ATTEND^ALICE', 10: 'MED' };
  it('are the same visit when resent under a new MSH-10 and MSH-7 (patient + PV1-2/3/7/10 agree)', () => {
    expect(described('B1', BARE)).toBe(described('B2', BARE, PID, '20240306091500-0500'));
    // trailing empty components are no other fact
    expect(described('B1', BARE)).toBe(described('B2', { ...BARE, 3: 'CLINIC^^^GH^^', 7: '1234^ATTEND^ALICE^^^' }));
  });
  it('take the bed and the attending by their own identities: PL.4 left out from its facility (MSH-4) is the same bed', () => {
    // MSH-4 is GOODHEALTH: CLINIC without PL.4 and CLINIC^^^GOODHEALTH are one Location (location-identity.test.ts)
    expect(described('B1', { ...BARE, 3: 'CLINIC' })).toBe(described('B2', { ...BARE, 3: 'CLINIC^^^GOODHEALTH' }));
  });
  it.each([
    ['another patient class (PV1-2)', { 2: 'E' }],
    ['another assigned location (PV1-3)', { 3: 'ER^^^GH' }],
    ['another attending (PV1-7)', { 7: '5678^OTHER^OLGA' }],
    ['another hospital service (PV1-10)', { 10: 'SUR' }],
  ])('are another visit with %s', (_what, change) => {
    expect(described('B1', BARE)).not.toBe(described('B1', { ...BARE, ...change }));
  });
  it('are another visit of another patient with the same PV1', () => {
    expect(described('B1', BARE)).not.toBe(described('B1', BARE, 'PID|1||MRN2^^^HOSP^MR||ROE^RICHARD||19700101|M'));
  });
  it('are the same visit when patient and PV1-5 preadmit number agree, whatever else changed', () => {
    expect(described('P1', { ...BARE, 5: 'PRE1^^^HOSP' })).toBe(described('P2', { 2: 'I', 3: 'W1^1^1^GH', 5: 'PRE1^^^HOSP' }));
    expect(described('P1', { ...BARE, 5: 'PRE1^^^HOSP' })).not.toBe(described('P1', { ...BARE, 5: 'PRE2^^^HOSP' }));
  });
  it('are scoped to the message without a patient (documented: nothing names the visit)', () => {
    // OUL_R22's PATIENT group is optional (an ADT without its PID is refused: REQUIRED_SEGMENT_MISSING)
    const orphan = (id: string): string => url(convert([MSH('OUL^R22^OUL_R22', id), seg('PV1', { 1: '1', ...BARE })]), 'Encounter');
    expect(orphan('B1')).toBe(orphan('B1'));
    expect(orphan('B1')).not.toBe(orphan('B2'));
  });
  // formerly the pending case pv1-no-visit-number-resend-same-url (review 6: OUL-R22-01/-02,
  // `PV1|1|O|^^^BMGPED||||dszczepaniak`): the resend must PUT every resource to the same URL
  it('[review 6 class G] an OUL_R22 resent under a new MSH-10 PUTs the same Encounter and results', () => {
    const oul = (id: string): Record<string, unknown> =>
      convert([
        `MSH|^~\\&|LAB|GHH|EHR|GHH|20260105101500+0100||OUL^R22^OUL_R22|${id}|P|2.8`,
        'PID|1||R6P2^^^GHH^MR||ROE^JOHN||19750303|M',
        'PV1|1|O|^^^BMGPED||||4711^Szczepaniak^Dan',
        'SPM|1|R6-SP-1&GHH||SKBP^Biopsy, Skin^HL70487',
        'OBR|1|R6-PL-1^GHH|R6-FI-1^LAB|SCAN^Scan slide^L|||20260105090000+0100||||||||||||||||||F',
        'ORC|SC|R6-PL-1^GHH|R6-FI-1^LAB||CM',
        'OBX|1|ST|SLIDE^Slide quality^L||Adequate||||||F',
      ]);
    const first = oul('R6OUL1');
    const again = oul('R6OUL1X9');
    for (const type of ['Encounter', 'Observation', 'ServiceRequest', 'DiagnosticReport', 'Specimen', 'Patient']) expect(urls(again, type), type).toEqual(urls(first, type));
    expect(urls(first, 'Encounter')).toHaveLength(1);
  });
});

describe('results: a correction replaces what it corrects', () => {
  const result = (id: string, status: string, glucose: string, order: string[] = ['OBX|1|NM|2345-7^Glucose^LN||', 'OBX|2|NM|2160-0^Creatinine^LN||0.9|mg/dL^mg/dL^UCUM|||||']): Record<string, unknown> =>
    convert([MSH('ORU^R01^ORU_R01', id), PID, 'ORC|RE|PL1^EHR|FL1^LAB', `OBR|1|PL1^EHR|FL1^LAB|24323-8^Metabolic panel^LN|||20240305070000|||||||||||||||20240305090000|||${status}`,
      ...order.map((o) => (o.includes('2345-7') ? `${o}${glucose}|mg/dL^mg/dL^UCUM|||||${status}` : `${o}${status}`))]);
  const final = result('R1', 'F', '95');
  const corrected = result('R2', 'C', '105');

  // [IG OBX-11 C → corrected; OBR-25 C → corrected] the corrected OBX (same OBR-3, OBX-3, OBX-4) replaces the final one
  it('Observation, DiagnosticReport and ServiceRequest: same URLs, corrected statuses', () => {
    for (const type of ['Observation', 'DiagnosticReport', 'ServiceRequest']) expect(urls(corrected, type)).toEqual(urls(final, type));
    expect(resource(corrected, 'DiagnosticReport').status).toBe('corrected');
    const glucose = entries(corrected).find((e) => e.resource.resourceType === 'Observation' && JSON.stringify(e.resource.code).includes('2345-7'));
    expect(glucose?.resource.status).toBe('corrected');
    expect(glucose?.resource.valueQuantity).toMatchObject({ value: 105 });
  });

  it('OBX order in the message does not change which Observation is which', () => {
    const reordered = result('R3', 'F', '95', ['OBX|1|NM|2160-0^Creatinine^LN||0.9|mg/dL^mg/dL^UCUM|||||', 'OBX|2|NM|2345-7^Glucose^LN||']);
    const byCode = (b: Record<string, unknown>): Record<string, string> =>
      Object.fromEntries(entries(b).filter((e) => e.resource.resourceType === 'Observation').map((e) => [JSON.stringify(e.resource.code), e.request.url]));
    expect(byCode(reordered)).toEqual(byCode(final));
  });

  it('the order placed (ORM) and the order resulted (ORU) are the same ServiceRequest', () => {
    const placed = convert([MSH('ORM^O01^ORM_O01', 'O1'), PID, 'ORC|NW|PL1^EHR', 'OBR|1|PL1^EHR||24323-8^Metabolic panel^LN']);
    expect(url(placed, 'ServiceRequest')).toBe(url(final, 'ServiceRequest'));
  });
});

describe('orders: a cancel and a change address the order they cancel or change', () => {
  // since fix23 (review 22 R22-D1) a CA with its OBR is no PUT (it would erase what only the NW said):
  // the same identity (fullUrl) as the NW's PUT, a conditional create + patch searched by number + OBR-4
  it('ServiceRequest: ORM NW, then ORM CA', () => {
    const order = (id: string, control: string): Record<string, unknown> => convert([MSH('ORM^O01^ORM_O01', id), PID, `ORC|${control}|PLC100^CPOE`, 'OBR|1|PLC100^CPOE||24331-1^Lipid panel^LN']);
    const placed = entries(order('O1', 'NW')).find((e) => e.resource.resourceType === 'ServiceRequest');
    const cancelled = entries(order('O2', 'CA')).filter((e) => e.resource.resourceType === 'ServiceRequest');
    expect(cancelled).toHaveLength(1);
    expect((cancelled[0] as { fullUrl?: string }).fullUrl).toBe((placed as { fullUrl?: string } | undefined)?.fullUrl);
    expect(cancelled[0]?.request).toMatchObject({ method: 'POST', url: 'ServiceRequest', ifNoneExist: expect.stringContaining('identifier=|PLC100&code=http%3A%2F%2Floinc.org|24331-1&subject=Patient/') });
  });

  // [IG ORC[ServiceRequest] ORC-2; OrderControlCode CA/OC → revoked (CA: hig deviation, docs/mapping.md)]
  // R17-I1: every OBR's request is number + OBR-4, so the ORC-only cancel (no OBR-4) has no id of the
  // order's: it patches the status of the order its placer number finds (order-identity-subset.test.ts)
  it.each(['CA', 'OC', 'DC'])('ServiceRequest: ORM NW with ORC+OBR, then an ORC-only %s: the cancel revokes the order its placer number finds', (control) => {
    const options = { namespaceMap: { CPOE: 'urn:oid:1.2.4' } };
    const placed = convert([MSH('ORM^O01^ORM_O01', 'O1'), PID, 'ORC|NW|PLC200^CPOE', 'OBR|1|PLC200^CPOE||24331-1^Lipid panel^LN|||20240305070000'], options);
    const cancel = convert([MSH('ORM^O01^ORM_O01', 'O2'), PID, `ORC|${control}|PLC200^CPOE`], options);
    expect(resource(placed, 'ServiceRequest').identifier).toContainEqual(expect.objectContaining({ system: 'urn:oid:1.2.4', value: 'PLC200' }));
    expect(resource(placed, 'ServiceRequest').status).toBe('active');
    const search = `identifier=urn%3Aoid%3A1.2.4|PLC200${ORDERS_ONLY}`;
    const requests = (cancel.entry as { request: { method: string; url: string; ifNoneExist?: string } }[]).map((e) => e.request).filter((r) => r.url.startsWith('ServiceRequest'));
    expect(requests).toEqual([{ method: 'POST', url: 'ServiceRequest', ifNoneExist: search }, { method: 'PATCH', url: `ServiceRequest?${search}` }]);
    expect(resource(cancel, 'ServiceRequest').status).toBe('revoked');
    // the same order resulted by the ORU (placer + filler, one test) is the placed one
    const resulted = convert([MSH('ORU^R01^ORU_R01', 'R1'), PID, 'OBR|1|PLC200^CPOE|F9^LAB|24331-1^Lipid panel^LN|||20240305070000||||||||||||||||||F'], options);
    expect(url(resulted, 'ServiceRequest')).toBe(url(placed, 'ServiceRequest'));
  });

  it('tests sharing one placer number in a message stay separate requests, and other orders stay other requests', () => {
    const panel = convert([MSH('ORM^O01^ORM_O01', 'O3'), PID, 'ORC|NW|PLC300^CPOE', 'OBR|1|PLC300^CPOE||24331-1^Lipid panel^LN', 'OBR|2|PLC300^CPOE||2345-7^Glucose^LN']);
    expect(new Set(urls(panel, 'ServiceRequest')).size).toBe(2);
    const other = convert([MSH('ORM^O01^ORM_O01', 'O4'), PID, 'ORC|NW|PLC301^CPOE', 'OBR|1|PLC301^CPOE||24331-1^Lipid panel^LN']);
    expect(urls(panel, 'ServiceRequest')).not.toContain(url(other, 'ServiceRequest'));
  });

  it('MedicationRequest: RDE NW, then RDE XO (change)', () => {
    const rde = (id: string, control: string, dose: string): Record<string, unknown> =>
      convert([MSH('RDE^O11^RDE_O11', id), PID, `ORC|${control}|RX500^CPOE`, 'RXO|00071015523^Lisinopril^NDC|10||mg', `RXE|^^^20240305|00071015523^Lisinopril^NDC|${dose}||mg`]);
    expect(url(rde('X2', 'XO', '20'), 'MedicationRequest')).toBe(url(rde('X1', 'NW', '10'), 'MedicationRequest'));
  });

  it('Specimen: ordered in OML, resulted in OUL, by SPM-2', () => {
    const oml = convert([MSH('OML^O21^OML_O21', 'S1'), PID, 'ORC|NW|PL7^EHR', 'OBR|1|PL7^EHR||2345-7^Glucose^LN', 'SPM|1|SP7&EHR||119297000^Blood^SCT']);
    const oul = convert([MSH('OUL^R22^OUL_R22', 'S2'), PID, 'SPM|1|SP7&EHR||119297000^Blood^SCT', 'OBR|1|PL7^EHR|FL7^LAB|2345-7^Glucose^LN', 'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL|||||F']);
    expect(url(oul, 'Specimen')).toBe(url(oml, 'Specimen'));
  });

  it('MedicationDispense: a resend under a new control id', () => {
    const rds = (id: string): Record<string, unknown> =>
      convert([MSH('RDS^O13^RDS_O13', id), PID, 'ORC|RE|RX600^CPOE', 'RXE|^^^20240305|00071015523^Lisinopril^NDC|10||mg', 'RXD|1|00071015523^Lisinopril^NDC|20240305100000|30|TAB']);
    expect(url(rds('D2'), 'MedicationDispense')).toBe(url(rds('D1'), 'MedicationDispense'));
  });
});

describe('other resource types, resent under a new control id', () => {
  it('Immunization: by ORC-3, and without order numbers by patient + vaccine + RXA-3', () => {
    const vxu = (id: string, orc: string): Record<string, unknown> =>
      convert([MSH('VXU^V04^VXU_V04', id), PID, ...(orc === '' ? [] : [orc]), 'RXA|0|1|20240305094500||08^Hep B^CVX|0.5|mL^mL^UCUM||00^New record^NIP001||||||||||CP']);
    expect(url(vxu('V2', 'ORC|RE||DOSE1^EHR'), 'Immunization')).toBe(url(vxu('V1', 'ORC|RE||DOSE1^EHR'), 'Immunization'));
    expect(url(vxu('V4', ''), 'Immunization')).toBe(url(vxu('V3', ''), 'Immunization'));
  });

  it("Immunization: a dose number is the patient's (two patients' ORC-3 9999^CDC refusals, or any shared number, are two doses)", () => {
    // CDC IIS IG: ORC-3 9999 = the sender keeps no id (NIST test messages send it on every refusal)
    const other = PID.replace('MRN1^^^HOSP^MR~EMPI9^^^EMPI^PI~111223333^^^SSA^SS', 'MRN2^^^HOSP^MR').replace('DOE^JANE', 'ROE^ANN');
    const refusal = (id: string, pid: string, cvx: string): Record<string, unknown> =>
      convert([MSH('VXU^V04^VXU_V04', id), pid, 'ORC|RE||9999^CDC', seg('RXA', { 1: '0', 2: '1', 3: '20240305', 5: cvx, 6: '999', 18: '00^Parental decision^NIP002', 20: 'RE' })]);
    expect(url(refusal('R2', other, '03^MMR^CVX'), 'Immunization')).not.toBe(url(refusal('R1', PID, '03^MMR^CVX'), 'Immunization'));
    // 9999 names no dose: one patient's MMR and varicella refusals stay two, each stable on resend
    expect(url(refusal('R3', PID, '21^Varicella^CVX'), 'Immunization')).not.toBe(url(refusal('R1', PID, '03^MMR^CVX'), 'Immunization'));
    expect(url(refusal('R4', PID, '21^Varicella^CVX'), 'Immunization')).toBe(url(refusal('R3', PID, '21^Varicella^CVX'), 'Immunization'));
    const dose = (id: string, pid: string): Record<string, unknown> => convert([MSH('VXU^V04^VXU_V04', id), pid, 'ORC|RE||DOSE1^EHR', 'RXA|0|1|20240305094500||08^Hep B^CVX|0.5|mL^mL^UCUM||00^New record^NIP001||||||||||CP']);
    expect(url(dose('D2', other), 'Immunization')).not.toBe(url(dose('D1', PID), 'Immunization'));
  });

  it('DocumentReference (TXA-12), ChargeItem (FT1), Appointment (SCH-2), Condition (PRB), Goal (GOL)', () => {
    const mdm = (id: string): Record<string, unknown> => convert([MSH('MDM^T02^MDM_T02', id), 'EVN|T02', PID, seg('TXA', { 1: '1', 2: 'DS^Discharge summary', 3: 'TX', 12: 'DOC77^EHR', 17: 'AU' }), 'OBX|1|TX|11490-0^Discharge summary^LN||Stable']);
    expect(url(mdm('T2'), 'DocumentReference')).toBe(url(mdm('T1'), 'DocumentReference'));
    const dft = (id: string): Record<string, unknown> => convert([MSH('DFT^P03^DFT_P03', id), 'EVN|P03', PID, PV1, 'FT1|1|||20240305||CG|71045^Chest X-ray^CPT|||1']);
    expect(url(dft('F2'), 'ChargeItem')).toBe(url(dft('F1'), 'ChargeItem'));
    const siu = (id: string, event: string): Record<string, unknown> =>
      convert([MSH(`SIU^${event}^SIU_S12`, id), 'SCH|APT1^SCHED|APT1F^SCHED|||||ROUTINE|CHECKUP|30|min|^^30^20240410100000-0400||||||||||||||Booked', PID, 'RGS|1', 'AIS|1||99213^Office visit^C4|20240410100000-0400|||30|min']);
    expect(url(siu('A2', 'S14'), 'Appointment')).toBe(url(siu('A1', 'S12'), 'Appointment'));
    const ppr = (id: string): Record<string, unknown> => convert([MSH('PPR^PC1^PPR_PC1', id), PID, 'PRB|AD|20240305|38341003^Hypertension^SCT', 'GOL|AD|20240305|BP-GOAL^Blood pressure below 140/90^L']);
    expect(url(ppr('P2'), 'Condition')).toBe(url(ppr('P1'), 'Condition'));
    expect(url(ppr('P2'), 'Goal')).toBe(url(ppr('P1'), 'Goal'));
  });

  it('a deleted person is the Patient that was admitted (same DELETE URL as the PUT)', () => {
    const admit = convert([MSH('ADT^A01^ADT_A01', 'Z1'), 'EVN|A01', PID, PV1]);
    const deleted = convert([MSH('ADT^A29^ADT_A21', 'Z2'), 'EVN|A29', PID, 'PV1|1|N']);
    expect(deletes(deleted).map((d) => d.request.url)).toEqual([url(admit, 'Patient')]);
  });
});

describe('conditional updates address the resource by the search that identifies it', () => {
  // R17-I1: a test is its number + OBR-4 whether or not other tests share the number [IG ORU_R01 4.2.2]
  it('Patient by its identity identifier; a test by its placer number with its code, alone or beside tests sharing the number', () => {
    const options = { conditionalUpdate: true, namespaceMap: { HOSP: 'urn:oid:1.2.3', EHR: 'urn:oid:1.2.4' } };
    const oru = convert([MSH('ORU^R01^ORU_R01', 'C1'), PID.replace('MRN1^^^HOSP^MR~EMPI9^^^EMPI^PI', 'EMPI9^^^EMPI^PI~MRN1^^^HOSP^MR'), 'OBR|1|PL1^EHR||24323-8^Metabolic panel^LN|||20240305070000||||||||||||||||||F', 'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL|||||F'], options);
    expect(url(oru, 'Patient')).toBe('Patient?identifier=urn%3Aoid%3A1.2.3|MRN1');
    // a result's request is a conditional create searched so (R23-D1: an ORU does not place the order)
    const searches = (bundle: Record<string, unknown>): string[] =>
      (bundle.entry as { resource: { resourceType: string }; request: { method: string; url: string; ifNoneExist?: string } }[])
        .filter((e) => e.resource.resourceType === 'ServiceRequest')
        .map((e) => (e.request.method === 'POST' ? `${e.request.url}?${String(e.request.ifNoneExist)}` : e.request.url));
    expect(searches(oru)).toEqual([`ServiceRequest?identifier=urn%3Aoid%3A1.2.4|PL1&code=http%3A%2F%2Floinc.org|24323-8${ORDERS_ONLY}`]);
    const shared = convert([MSH('ORU^R01^ORU_R01', 'C2'), PID, 'OBR|1|PL1^EHR||24323-8^Metabolic panel^LN||||||||||||||||||||F', 'OBR|2|PL1^EHR||2345-7^Glucose^LN||||||||||||||||||||F'], options);
    expect(searches(shared)).toEqual([
      `ServiceRequest?identifier=urn%3Aoid%3A1.2.4|PL1&code=http%3A%2F%2Floinc.org|24323-8${ORDERS_ONLY}`,
      `ServiceRequest?identifier=urn%3Aoid%3A1.2.4|PL1&code=http%3A%2F%2Floinc.org|2345-7${ORDERS_ONLY}`,
    ]);
    // nothing but the facts identifies the OBX: it keeps its deterministic id
    expect(url(oru, 'Observation')).toMatch(/^Observation\/[0-9a-f-]{36}$/);
  });
});

describe('resources of the mapping review losses (issue 14), resent under a new control id and time', () => {
  /** URLs of the Provenance entries whose target is a `type`, in Bundle order. */
  const provenanceOf = (bundle: Record<string, unknown>, type: string): string[] =>
    entries(bundle)
      .filter((e) => e.resource.resourceType === 'Provenance' && (e.resource.target as { reference: string }[]).length === 1)
      .filter((e) => {
        const target = (e.resource.target as { reference: string }[])[0]?.reference;
        return entries(bundle).some((t) => t.resource.resourceType === type && t.fullUrl === target);
      })
      .map((e) => e.request.url);

  const adt = (id: string, ts: string): Record<string, unknown> =>
    convert([MSH('ADT^A08^ADT_A01', id, ts), 'EVN|A08', seg('PID', { 1: '1', 3: 'MRN1^^^HOSP^MR', 5: 'DOE^JANE', 7: '19800215', 21: 'MRN0^^^HOSP^MR', 33: '20240301120000', 34: 'REGDESK' }), PV1,
      seg('IN1', { 1: '1', 2: 'PLAN1^Gold', 3: 'PAY1^^^HOSP', 4: 'Payer Inc', 11: 'Acme Corp', 16: 'DOE^JOHN', 17: 'SPO^Spouse^HL70063', 36: 'POL123' })]);
  const first = adt('L1', '20240305081500-0500');
  const resent = adt('L2', '20240306091500-0500');

  it('the mother (PID-21) and the insured spouse (IN1-16) are the same RelatedPersons; the patient update (PID-33) the same Provenance', () => {
    expect(urls(first, 'RelatedPerson')).toHaveLength(2);
    expect(urls(resent, 'RelatedPerson').sort()).toEqual(urls(first, 'RelatedPerson').sort());
    expect(provenanceOf(first, 'Patient')).toHaveLength(1);
    expect(provenanceOf(resent, 'Patient')).toEqual(provenanceOf(first, 'Patient'));
  });

  it('an NK1 naming the mother by her PID-21 id fills the same RelatedPerson', () => {
    const withNk1 = convert([MSH('ADT^A08^ADT_A01', 'L3'), 'EVN|A08', seg('PID', { 1: '1', 3: 'MRN1^^^HOSP^MR', 5: 'DOE^JANE', 21: 'MRN0^^^HOSP^MR' }), seg('NK1', { 1: '1', 2: 'DOE^MARY', 3: 'MTH^Mother^HL70063', 33: 'MRN0^^^HOSP^MR' }), PV1]);
    expect(urls(withNk1, 'RelatedPerson')).toHaveLength(1);
    expect(urls(first, 'RelatedPerson')).toContain(url(withNk1, 'RelatedPerson'));
  });

  it("the performing lab's director (OBX-25) is one PractitionerRole; the order's enterer (ORC-10, ORC-9 valued) the same Provenance", () => {
    const oru = (id: string, ts: string): Record<string, unknown> =>
      convert([MSH('ORU^R01^ORU_R01', id, ts), PID, seg('ORC', { 1: 'RE', 2: 'PL1^EHR', 3: 'FL1^LAB', 9: '20240305070000', 10: '77^CLERK^CARL' }), 'OBR|1|PL1^EHR|FL1^LAB|24323-8^Metabolic panel^LN|||20240305070000',
        seg('OBX', { 1: '1', 2: 'NM', 3: '2345-7^Glucose^LN', 5: '95', 11: 'F', 23: 'Central Lab^^^^^^^^^05D0000001', 25: '12^CURIE^MARIE' }),
        seg('OBX', { 1: '2', 2: 'NM', 3: '2160-0^Creatinine^LN', 5: '0.9', 11: 'F', 23: 'Central Lab^^^^^^^^^05D0000001', 25: '12^CURIE^MARIE' })]);
    const a = oru('Q1', '20240305081500-0500');
    const b = oru('Q2', '20240306091500-0500');
    expect(url(b, 'PractitionerRole')).toBe(url(a, 'PractitionerRole'));
    expect(provenanceOf(a, 'ServiceRequest')).toHaveLength(1);
    expect(provenanceOf(b, 'ServiceRequest')).toEqual(provenanceOf(a, 'ServiceRequest'));
  });
});

describe('resources of the branch losses2 (PRT/ROL roles, PRT devices, GT1 guarantor), resent under a new control id and time', () => {
  it("a PRT's PractitionerRole and Device, and a ROL's PractitionerRole, are the same resources in a resend", () => {
    const oru = (id: string, ts: string): Record<string, unknown> =>
      convert([MSH('ORU^R01^ORU_R01', id, ts), PID, 'ORC|RE|PL2^EHR|FL2^LAB', 'OBR|1|PL2^EHR|FL2^LAB|2345-7^Glucose^LN|||20240305070000',
        seg('PRT', { 1: '1', 4: 'PRI^Principal Result Interpreter^HL70912', 5: '55^READ^RITA', 8: 'North Lab^^^^^^^^^NL1' }),
        seg('OBX', { 1: '1', 2: 'NM', 3: '2345-7^Glucose^LN', 5: '95', 11: 'F' }),
        seg('PRT', { 1: '2', 4: 'EQUIP^Equipment^HL70912', 10: 'DEV-1^LABDEV' })]);
    const a = oru('P1', '20240305081500-0500');
    const b = oru('P2', '20240306091500-0500');
    expect(url(b, 'PractitionerRole')).toBe(url(a, 'PractitionerRole'));
    expect(url(b, 'Device')).toBe(url(a, 'Device'));
    const adt = (id: string, ts: string): Record<string, unknown> =>
      convert([MSH('ADT^A08^ADT_A01', id, ts), 'EVN|A08', PID, PV1, seg('ROL', { 1: 'R1', 2: 'AD', 3: 'AT^Attending^HL70443', 4: '1234^ATTEND^ALICE', 14: 'Good Health^^^^^^^^^GH1' })]);
    expect(url(adt('R2', '20240306091500-0500'), 'PractitionerRole')).toBe(url(adt('R1', '20240305081500-0500'), 'PractitionerRole'));
  });

  it("the guarantor on the patient's Account is the same RelatedPerson in a resend; the Account is the PID-18 one", () => {
    const adt = (id: string, ts: string): Record<string, unknown> =>
      convert([MSH('ADT^A08^ADT_A01', id, ts), 'EVN|A08', seg('PID', { 1: '1', 3: 'MRN1^^^HOSP^MR', 5: 'DOE^JANE', 18: 'ACC1^^^HOSP^AN' }), PV1,
        seg('GT1', { 1: '1', 2: 'G1^^^HOSP', 3: 'DOE^JOHN', 11: 'SPO^Spouse^HL70063', 13: '20240101' })]);
    const a = adt('G1', '20240305081500-0500');
    const b = adt('G2', '20240306091500-0500');
    expect(url(b, 'Account')).toBe(url(a, 'Account'));
    expect(url(b, 'RelatedPerson')).toBe(url(a, 'RelatedPerson'));
    const party = (resource(b, 'Account').guarantor as { party: { reference: string } }[])[0]?.party.reference;
    expect(party).toBe(entries(b).find((e) => e.resource.resourceType === 'RelatedPerson')?.fullUrl);
  });
});

describe('[review 11 class R11-B] a patient number without an assigning authority is its sender\'s', () => {
  // [IG PID[Patient] PID-3 → identifier; CX[Identifier] CX.4 → assigner/system] the IG gives no id:
  // hig's rule (docs/mapping.md "Resource identity", identity.ts patientKey) — an identifier with an
  // authority first, whatever its type; a bare number is unique only within its sender (MSH-4, else MSH-3)
  const adt = (msh4: string, id: string, pid3: string, name = 'DOE^JANE', msh3 = 'HIS'): Record<string, unknown> =>
    convert([`MSH|^~\\&|${msh3}|${msh4}|EHR|RECV|20240305081500-0500||ADT^A04^ADT_A01|${id}|P|2.5.1`, 'EVN|A04', seg('PID', { 1: '1', 3: pid3, 5: name, 7: '19800215', 8: 'F' }), PV1]);
  /** The Patient the visit's subject points at: the one Patient entry's fullUrl, followed by Encounter.subject. */
  const subjectOf = (bundle: Record<string, unknown>): string => {
    const patient = entries(bundle).find((e) => e.resource.resourceType === 'Patient');
    expect((resource(bundle, 'Encounter').subject as { reference: string }).reference).toBe(patient?.fullUrl);
    return url(bundle, 'Patient');
  };

  it('review 11 messages (ADT-A45-01 / ADT04-23 PIDs): two senders, two people, two Patient URLs; the visit follows its Patient', () => {
    // the pending case pid-bare-number-identity-per-sender, inline
    const adam = convert([
      'MSH|^~\\&|ADT1|GHHSFacility^2.16.840.1.122848.1.30^ISO|GHHInc.|GHHRFacility^2.16.840.1.1122848.1.32^ISO|202101151620+0215||ADT^A04^ADT_A01|R11-PID-1|P|2.8',
      'EVN|A04|202101151620+0215', 'PID|1||PATID1234^5^M11^ADT1^GOOD HEALTH HOSPITAL~123456789^^^^^USSSA^||EVERYMAN^ADAM^A^III||19610615|M',
      'PV1|1|O|OPD^0001^01^GOOD HEALTH HOSPITAL||||||||||||||||5001^^^AccMgr^VN']);
    const mario = convert([
      'MSH|^~\\&|NES|NINTENDO|TESTSYSTEM|TESTFACILITY|20010101000000+0700||ADT^A04|R11-PID-2|P|2.3',
      'EVN|A04|20010101000000+0700', 'PID|1||123456789^^^^MR||BROS^MARIO||19850101000000+0700|M', 'PV1|1|O|ABCD^EFGH^||||||||||||||||0123456789']);
    expect(subjectOf(adam)).not.toBe(subjectOf(mario));
    // ADAM is his ADT1 record (PATID1234, CX.4 ADT1, CX.5 a local text), not the bare untyped 123456789
    const adt1Only = convert([
      'MSH|^~\\&|OTHER|ELSEWHERE|EHR|RECV|202101151620+0215||ADT^A08^ADT_A01|R11-PID-3|P|2.8',
      'EVN|A08', 'PID|1||PATID1234^5^M11^ADT1^GOOD HEALTH HOSPITAL||EVERYMAN^ADAM^A^III||19610615|M']);
    expect(url(adam, 'Patient')).toBe(url(adt1Only, 'Patient'));
  });

  it('an identifier with an assigning authority outranks a bare one of a better type (MR), in any order', () => {
    const a = adt('GOODHEALTH', 'B1', '777^^^^MR~PATID1234^^^ADT1');
    const b = adt('GOODHEALTH', 'B2', 'PATID1234^^^ADT1~777^^^^MR');
    const authorityOnly = adt('OTHERPLACE', 'B3', 'PATID1234^^^ADT1');
    expect(url(a, 'Patient')).toBe(url(b, 'Patient'));
    expect(url(a, 'Patient')).toBe(url(authorityOnly, 'Patient'));
    // between two identifiers with authorities the type rank still decides (MR before PI)
    expect(url(adt('X', 'B4', 'E9^^^EMPI^PI~M1^^^HOSP^MR'), 'Patient')).toBe(url(adt('Y', 'B5', 'M1^^^HOSP^MR'), 'Patient'));
  });

  it('the same bare number: one Patient within a sender (resend, update, identifier order), two Patients of two senders', () => {
    const first = adt('GOODHEALTH', 'S1', '123456789^^^^MR');
    expect(url(adt('GOODHEALTH', 'S2', '123456789^^^^MR', 'DOE^JANE^Q'), 'Patient')).toBe(url(first, 'Patient'));
    expect(url(adt('GOODHEALTH', 'S3', 'X1^^^^PI~123456789^^^^MR'), 'Patient')).toBe(url(adt('GOODHEALTH', 'S4', '123456789^^^^MR~X1^^^^PI'), 'Patient'));
    // the facility decides, not the application: the lab and ADT of one hospital share its numbers
    expect(url(adt('GOODHEALTH', 'S5', '123456789^^^^MR', 'DOE^JANE', 'LAB'), 'Patient')).toBe(url(first, 'Patient'));
    expect(url(adt('OTHERPLACE', 'S6', '123456789^^^^MR'), 'Patient')).not.toBe(url(first, 'Patient'));
    // without MSH-4 the sending application scopes it
    expect(url(adt('', 'S7', '123456789^^^^MR', 'DOE^JANE', 'APP1'), 'Patient')).not.toBe(url(adt('', 'S8', '123456789^^^^MR', 'DOE^JANE', 'APP2'), 'Patient'));
    // a number with an authority is the same Patient whoever sends it
    expect(url(adt('OTHERPLACE', 'S9', '123456789^^^HOSP^MR'), 'Patient')).toBe(url(adt('GOODHEALTH', 'S10', '123456789^^^HOSP^MR'), 'Patient'));
  });

  it('a merge (A40) finds the prior bare-numbered record its sender made, and links the survivor to it', () => {
    const prior = adt('GOODHEALTH', 'M1', 'OLD7^^^^MR');
    const merge = convert(['MSH|^~\\&|HIS|GOODHEALTH|EHR|RECV|20240305081500-0500||ADT^A40^ADT_A39|M2|P|2.5.1', 'EVN|A40', 'PID|1||NEW8^^^^MR||DOE^JANE', 'MRG|OLD7^^^^MR']);
    const patients = entries(merge).filter((e) => e.resource.resourceType === 'Patient');
    const old = patients.find((e) => e.resource.active === false);
    expect(old?.request.url).toBe(url(prior, 'Patient'));
    expect(patients).toHaveLength(2);
  });

  it('conditional update: a channel namespaceMap makes the authority a system (searched by it); a bare number keeps its id', () => {
    const options = { conditionalUpdate: true, namespaceMap: { ADT1: 'urn:oid:1.2.3' } };
    const mapped = convert([MSH('ADT^A04^ADT_A01', 'N1'), 'EVN|A04', seg('PID', { 1: '1', 3: '123456789^^^^MR~PATID1234^^^ADT1', 5: 'DOE^JANE' })], options);
    expect(url(mapped, 'Patient')).toBe('Patient?identifier=urn%3Aoid%3A1.2.3|PATID1234');
    const bare = convert([MSH('ADT^A04^ADT_A01', 'N2'), 'EVN|A04', seg('PID', { 1: '1', 3: '123456789^^^^MR', 5: 'DOE^JANE' })], options);
    expect(url(bare, 'Patient')).toMatch(/^Patient\/[0-9a-f-]{36}$/);
  });
});

describe('[review 16 class R16-I1] local spellings of table 0203 types rank as the type they name', () => {
  const patientUrl = (pid: string) => url(convert([MSH('ADT^A08^ADT_A01', 'L1'), 'EVN|A08', pid]), 'Patient');
  it('[hig identity] a local `MRN` ranks as MR: the same record number with or without another local type beside it is one Patient', () => {
    const alone = patientUrl('PID|1||3344556^^^BH^MRN||WASHINGTON^DENISE');
    expect(patientUrl('PID|1||3344556^^^BH^MRN~200055512^^^BH^CMRN||WASHINGTON^DENISE')).toBe(alone);
    expect(patientUrl('PID|1||200055512^^^BH^CMRN~3344556^^^BH^mrn||WASHINGTON^DENISE')).toBe(alone);
  });
  it('[hig identity] a local `FIN NBR` ranks as AN: a visit\'s financial number never identifies the person', () => {
    const other = patientUrl('PID|1||X77^^^BH^XX||WASHINGTON^DENISE');
    expect(patientUrl('PID|1||10^^^BH^FIN NBR~X77^^^BH^XX||WASHINGTON^DENISE')).toBe(other);
  });
  it('[hig identity] the real MR still beats a local `MRN` of the same authority', () => {
    const mr = patientUrl('PID|1||555^^^BH^MR||WASHINGTON^DENISE');
    expect(patientUrl('PID|1||1^^^BH^MRN~555^^^BH^MR||WASHINGTON^DENISE')).toBe(mr);
  });
});
