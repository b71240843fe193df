/**
 * A number the sender gives a clinical fact (OBX-21, SPM-2, DG1-20, PR1-19, PRB-4, IAM-7, TXA-12,
 * FT1-2)
 * identifies it within the patient's record, not across patients (docs/mapping.md "Resource
 * identity", identity.ts patientNumberKey): review 3 found senders reusing such numbers for two
 * patients (OBX-21 `EI21^OII`, DG1-20 `DG1002`, PR1-19 `PR1006`, SPM-2 `2017-PAT-123456-1&L`), and
 * keyed by the number alone the second patient's PUT replaced the first patient's result.
 * Formerly the pending cases oru-obx21-identity-per-patient and adt-dg1-pr1-identity-per-patient
 * (review 3, docs/mapping-review-3.md); their messages are the ones below.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { entries } from './helpers.js';

/** PUT URLs of the entries of `type`, in Bundle order. */
function urls(message: string, type: string): string[] {
  return entries(convertHl7v2(message, {}).bundle)
    .filter((e) => e.resource.resourceType === type)
    .map((e) => e.request.url);
}

/** The message with MSH-10 replaced: a resend of the same facts. */
function resend(message: string, controlId: string): string {
  return message.replace(/^(MSH(?:\|[^|\r]*){8}\|)[^|\r]*/, `$1${controlId}`);
}

// [IG OBX[Observation] OBX-21 → identifier; IG SPM[Specimen] SPM-2 → identifier; the IG defines no
// ids; Observation.subject / Specimen.subject = the PID Patient] two labs, two patients, one OBX-21 and one SPM-2
const ALPHA_RESULT = [
  'MSH|^~\\&|LAB|FAC|EHR|FAC|20240101120000+0000||ORU^R01^ORU_R01|M1|P|2.5.1',
  'PID|1||111^^^HOSP^MR||ALPHA^ANN||19800101|F',
  'OBR|1|P1^LAB|F1^LAB|2345-7^Glucose^LN|||20240101110000+0000|||||||||||||||20240101120000+0000|||F',
  'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^mg/dL^UCUM|||||F|||20240101110000+0000|||||||EI21^OII',
  'OBX|2|ED|11502-2^Laboratory report^LN||^TEXT^^Base64^SGVsbG8=||||||F|||20240101110000+0000|||||||EI22^OII',
  'SPM|1|SP1&LAB||BLD^Blood^HL70487',
].join('\r');
const BETA_RESULT = [
  'MSH|^~\\&|LAB2|FAC2|EHR|FAC|20240102120000+0000||ORU^R01^ORU_R01|M2|P|2.5.1',
  'PID|1||222^^^HOSP^MR||BETA^BOB||19700101|M',
  'OBR|1|P2^LAB2|F2^LAB2|718-7^Hemoglobin^LN|||20240102110000+0000|||||||||||||||20240102120000+0000|||F',
  'OBX|1|NM|718-7^Hemoglobin^LN||13.5|g/dL^g/dL^UCUM|||||F|||20240102110000+0000|||||||EI21^OII',
  'OBX|2|ED|11502-2^Laboratory report^LN||^TEXT^^Base64^V29ybGQ=||||||F|||20240102110000+0000|||||||EI22^OII',
  'SPM|1|SP1&LAB||BLD^Blood^HL70487',
].join('\r');

// [IG DG1[Condition] DG1-20, PR1[Procedure] PR1-19 → identifier; subject = the PID Patient] two
// hospitals, two patients, one DG1-20 and one PR1-19
const ALPHA_ADT = [
  'MSH|^~\\&|ADT1|HOSPA|EHR|HOSP|20240310080000+0000||ADT^A08^ADT_A01|A1|P|2.5.1',
  'EVN|A08|20240310080000+0000',
  'PID|1||MRNA^^^HOSPA^MR||ALPHA^ANN||19800101|F',
  'PV1|1|I|W1^1^A||||||||||||||||VA1^^^HOSPA^VN',
  'DG1|1||E10.9^Type 1 diabetes mellitus without complications^I10||20240301|F||||||||||||||DG1002',
  'PR1|1||0DJ08ZZ^Inspection of upper intestinal tract^I10P||20240305||||||||||||||PR1006',
].join('\r');
const BETA_ADT = [
  'MSH|^~\\&|ADT2|HOSPB|EHR|HOSP|20240311080000+0000||ADT^A08^ADT_A01|B1|P|2.5.1',
  'EVN|A08|20240311080000+0000',
  'PID|1||MRNB^^^HOSPB^MR||BETA^BOB||19700101|M',
  'PV1|1|I|W2^2^B||||||||||||||||VB1^^^HOSPB^VN',
  'DG1|1||K63.3^Ulcer of intestine^I10||20240302|F||||||||||||||DG1002',
  'PR1|1||0DB68ZX^Excision of stomach, diagnostic^I10P||20240306||||||||||||||PR1006',
].join('\r');

// [IG PPR_PC1 PRB[Condition] PRB-4; IG IAM[AllergyIntolerance] IAM-7; IG TXA[DocumentReference]
// TXA-12 → masterIdentifier; FT1[ChargeItem] FT1-2 → identifier] the other sender-numbered facts hig keys (identity.ts patientNumberKey)
const alphaOther = (pid: string, id: string): string =>
  [
    `MSH|^~\\&|EHR|HOSP|DMS|HOSP|20240301120000-0500||MDM^T01^MDM_T01|${id}|P|2.5.1`,
    'EVN|T01|20240301120000-0500',
    pid,
    'PV1|1|O|CLINIC^1^A',
    'TXA|1|CN|TX|20240301113000-0500||20240301110000-0500||||||DOC300^DMS|||||AU||AV',
  ].join('\r');
const problems = (pid: string, id: string): string =>
  [
    `MSH|^~\\&|EHR|HOSP|PM|HOSP|20240301120000-0500||PPR^PC1^PPR_PC1|${id}|P|2.5.1`,
    pid,
    'PRB|AD|20240301|I10^Essential hypertension^I10|PRB77^EHR',
  ].join('\r');
const allergies = (pid: string, id: string): string =>
  [
    `MSH|^~\\&|EHR|HOSP|PM|HOSP|20240301120000-0500||ADT^A60^ADT_A60|${id}|P|2.5.1`,
    'EVN|A60|20240301120000-0500',
    pid,
    'IAM|1|DA|70618^Penicillin^RXNORM|SV|HIVES|A|IAM9^EHR',
  ].join('\r');
const charges = (pid: string, id: string): string =>
  [
    `MSH|^~\\&|BILL|HOSP|PM|HOSP|20240301120000-0500||DFT^P03^DFT_P03|${id}|P|2.5.1`,
    'EVN|P03|20240301120000-0500',
    pid,
    'FT1|1|TX1001||20240301|20240301|CG|99213^Office visit^CPT4|||1',
  ].join('\r');
const PID_A = 'PID|1||111^^^HOSP^MR||ALPHA^ANN||19800101|F';
const PID_B = 'PID|1||222^^^HOSP^MR||BETA^BOB||19700101|M';

describe('a sender-assigned number identifies a clinical fact within one patient [identity.ts patientNumberKey]', () => {
  const pairs: Array<[string, string, string, string[]]> = [
    ['OBX-21, its ED document, SPM-2', ALPHA_RESULT, BETA_RESULT, ['Observation', 'DocumentReference', 'Specimen']],
    ['DG1-20, PR1-19', ALPHA_ADT, BETA_ADT, ['Condition', 'Procedure']],
    ['TXA-12', alphaOther(PID_A, 'D1'), alphaOther(PID_B, 'D2'), ['DocumentReference']],
    ['PRB-4', problems(PID_A, 'P1'), problems(PID_B, 'P2'), ['Condition']],
    ['IAM-7', allergies(PID_A, 'L1'), allergies(PID_B, 'L2'), ['AllergyIntolerance']],
    ['FT1-2', charges(PID_A, 'C1'), charges(PID_B, 'C2'), ['ChargeItem']],
  ];

  for (const [fields, alpha, beta, types] of pairs) {
    for (const type of types) {
      it(`${fields}: two patients' ${type} resources with one number are two URLs`, () => {
        const a = urls(alpha, type);
        const b = urls(beta, type);
        expect(a.length).toBeGreaterThan(0);
        expect(b).toHaveLength(a.length);
        for (const u of b) expect(a).not.toContain(u);
      });

      it(`${fields}: a resend of one patient's message under a new MSH-10 PUTs the same ${type} URLs`, () => {
        expect(urls(resend(alpha, 'RESENT-1'), type)).toEqual(urls(alpha, type));
      });
    }
  }

  it('resend() changes only MSH-10 (the test helper itself)', () => {
    const line = resend(ALPHA_ADT, 'X9').split('\r')[0];
    expect(line).toBe('MSH|^~\\&|ADT1|HOSPA|EHR|HOSP|20240310080000+0000||ADT^A08^ADT_A01|X9|P|2.5.1');
  });

  it('two OBX-21 numbers of one patient stay two Observations', () => {
    const twice = ALPHA_RESULT.replace('|EI22^OII', '|EI23^OII');
    expect(new Set(urls(twice, 'Observation')).size).toBe(2);
  });
});
