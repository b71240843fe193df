/**
 * Values review 2 found read and then dropped without a report line (docs/mapping-review-2.md,
 * "Losses that recur" 1): a value hig does not put in the Bundle must be in the report. The cases
 * in cases/ check the Bundle; this file checks the report side of the same rules.
 */
import { describe, expect, it } from 'vitest';
import { type ConvertOptions, convertHl7v2 } from '../../src/transform/index.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, resources } from './helpers.js';

/** The report's lines saying a field is valued but not mapped. */
function unmapped(message: string): string[] {
  const { report } = convertHl7v2(message);
  const issues = (report.issue as { details?: { text?: string } }[] | undefined) ?? [];
  return issues.map((i) => i.details?.text ?? '').filter((t) => t.includes('is valued but not mapped'));
}

const siu = (tq1: boolean): string =>
  [
    'MSH|^~\\&|SCHED|CLINIC|EHR|HOSP|20240401090000-0400||SIU^S12^SIU_S12|NS1|P|2.6',
    'SCH|APT5^SCHED|APT5F^SCHED|||||||60|min|^^60^20240410090000-0400^20240410100000-0400||||||||||||||Booked',
    ...(tq1 ? ['TQ1|1||||||20240410100000-0400|20240410103000-0400'] : []),
    'PID|1||MRN5^^^HOSP^MR||ROE^ANN||19700303|F',
    'RGS|1',
    'AIL|1||ROOM1^^^CLINIC|||20240410140000-0400|||45|min',
  ].join('\r');

describe('a value not put in the Bundle is reported', () => {
  it('[IG RXR[MedicationRequest] RXR-1; hig: RXE overrides RXO] the RXO\'s route that the RXE\'s route replaces is reported; an agreeing one is not', () => {
    const rde = (rxoRoute: string) =>
      [
        'MSH|^~\\&|CPOE|HOSP|PHARM|RECV|20240305100000-0500||RDE^O11^RDE_O11|NS-RXR|P|2.8',
        'PID|1||MRN331^^^HOSP^MR||ORDER^OLGA||19750505|F',
        'ORC|NW|RX701^CPOE',
        'RXO|00591555305^Doxycycline 100 MG^NDC|1||TAB^tablet^HL70292',
        `RXR|${rxoRoute}^HL70162`,
        'RXE||00591555305^Doxycycline 100 MG oral tablet^NDC|1||TAB^tablet^HL70292',
        'RXR|PO^Oral^HL70162',
      ].join('\r');
    const texts = (m: string) => ((convertHl7v2(m).report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
    const route = (m: string) => (resources(convertHl7v2(m).bundle, 'MedicationRequest')[0]?.dosageInstruction as { route?: { coding?: { code?: string }[] } }[])[0]?.route?.coding?.map((c) => c.code);
    expect(route(rde('IV^Intravenous'))).toContain('PO');
    expect(texts(rde('IV^Intravenous')).filter((t) => t.includes("the ordered route of the RXO's RXR"))).toHaveLength(1);
    expect(texts(rde('PO^Oral')).filter((t) => t.includes("the ordered route of the RXO's RXR"))).toEqual([]);
  });

  it('[IG SCH[Appointment] SCH-11] SCH-11 gives the times when there is no TQ1, and is reported when TQ1 wins', () => {
    const alone = convertHl7v2(siu(false));
    const appointment = resources(alone.bundle, 'Appointment')[0];
    expect(appointment?.start).toBe('2024-04-10T09:00:00-04:00');
    expect(unmapped(siu(false)).filter((t) => t.startsWith('SCH-11'))).toEqual([]);
    expect(unmapped(siu(true))).toContain('SCH-11 (segment 2) is valued but not mapped');
  });

  // review 17: kept as criticality alternate-codes since (review16-fixes.test.ts); reported until then
  it('[IG AL1[AllergyIntolerance] AL1-4 → reaction.severity, criticality.extension[1]] a moderate severity without a reaction to sit on is kept, not reported', () => {
    const msg = [
      'MSH|^~\\&|HIS|HOSP|EHR|RECV|20240705081500-0500||ADT^A01^ADT_A01|NS2|P|2.5.1',
      'EVN|A01|20240705081500-0500',
      'PID|1||MRN9^^^HOSP^MR||ROE^RITA||19800215|F',
      'AL1|1|DA|70618^Penicillin^RXNORM|MO',
      'AL1|2|DA|7980^Penicillin G^RXNORM|SV',
    ].join('\r');
    const lines = unmapped(msg);
    expect(lines).not.toContain('AL1-4 (segment 4) is valued but not mapped');
    // not silent: the MO is in the Bundle, as the criticality alternate code [IG AL1 #4 criticality-original]
    const moderate = resources(convertHl7v2(msg).bundle, 'AllergyIntolerance').find((r) => JSON.stringify(r.code).includes('70618'));
    expect(JSON.stringify(moderate?._criticality)).toContain('"code":"MO"');
    // SV has a criticality (high): mapped, not reported
    expect(lines).not.toContain('AL1-4 (segment 5) is valued but not mapped');
  });

  it('[IG TXA[DocumentReference] TXA-6 → date; MDM_T02 TXA-8 → Provenance] neither TXA-6 nor TXA-8 is reported once mapped; TXA-4 has no target', () => {
    const msg = [
      'MSH|^~\\&|TRANS|HOSP|EHR|HOSP|20240601120000-0500||MDM^T02^MDM_T02|NS3|P|2.5.1',
      'EVN|T02|20240601120000-0500',
      'PID|1||MRN20^^^HOSP^MR||LEE^ANNA||19650505|F',
      'TXA|1|DS^Discharge summary^HL70270|TX|20240601100000-0500||20240601080000-0500||20240601113000-0500|1234567893^WELBY^MARCUS|||DOC778^HOSP|||||AU||AV',
      'OBX|1|TX|18842-5^Discharge summary^LN||Patient discharged in good condition.||||||F',
    ].join('\r');
    const txa = unmapped(msg).filter((t) => t.startsWith('TXA-'));
    expect(txa.some((t) => t.startsWith('TXA-6 '))).toBe(false);
    expect(txa.some((t) => t.startsWith('TXA-8 '))).toBe(false);
  });
  it('[hig IAR-3, IAM-9 → AllergyIntolerance.type] an IAR-3 sensitivity that contradicts the type IAM-9 set is reported, not dropped', () => {
    // table 0436: IAM-9 AL (allergy) sets type `allergy`; IAR-3 IN (intolerance) says otherwise: one type, the other reported
    const msg = [
      'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240701090000-0500||ADT^A60^ADT_A60|NS4|P|2.8',
      'EVN|A60|20240701090000-0500',
      'PID|1||MRN61^^^HOSP^MR||DOE^JOHN||19700101|M',
      'IAM|1|DA^Drug allergy^HL70127|7980^Penicillin G^RXNORM|||A^Add/Insert^HL70206|IAM61-1^HOSP||AL^Allergy^HL70436',
      'IAR|271807003^Skin rash^SCT|MI^Mild^HL70128|IN^Intolerance^HL70436',
      'IAR|39579001^Anaphylaxis^SCT|SV^Severe^HL70128|AL^Allergy^HL70436',
    ].join('\r');
    const allergy = resources(convertHl7v2(msg).bundle, 'AllergyIntolerance')[0];
    expect(allergy?.type).toBe('allergy');
    const lines = unmapped(msg);
    expect(lines).toContain('IAR-3 (segment 5) is valued but not mapped');
    // IAR-3 AL agrees with the type set: mapped, not reported
    expect(lines).not.toContain('IAR-3 (segment 6) is valued but not mapped');
    expect(lines).not.toContain('IAM-9 (segment 4) is valued but not mapped');
  });
  it('[IG DG1[Condition] DG1-4 → code.text; PR1[Procedure] PR1-4 → code.text] a description the code\'s own text (CWE.9) keeps out is reported', () => {
    const msg = [
      'MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240701090000-0500||ADT^A04^ADT_A01|NS5|P|2.5.1',
      'EVN|A04|20240701090000-0500',
      'PID|1||MRN62^^^HOSP^MR||DOE^JOHN||19700101|M',
      'DG1|1||K35.80^Acute appendicitis^I10^^^^^^Appendicitis, acute, unspecified|ACUTE APPENDICITIS NOS',
      'DG1|2||K35.80^Acute appendicitis^I10^^^^^^Appendicitis|Appendicitis',
      'PR1|1||44950^Appendectomy^C4^^^^^^Open appendectomy|APPENDECTOMY|20240701',
    ].join('\r');
    const [condition] = resources(convertHl7v2(msg).bundle, 'Condition');
    // CWE.9 original text → code.text [IG CWE[CodeableConcept]]: DG1-4 has no second place to go
    expect((condition?.code as { text?: string } | undefined)?.text).toBe('Appendicitis, acute, unspecified');
    const lines = unmapped(msg);
    expect(lines).toContain('DG1-4 (segment 4) is valued but not mapped');
    expect(lines).toContain('PR1-4 (segment 6) is valued but not mapped');
    // the same text twice is one fact, mapped
    expect(lines).not.toContain('DG1-4 (segment 5) is valued but not mapped');
  });
});

/** Every report line (unmapped fields, and values read and left out, with their reason). */
function reported(message: string, options: ConvertOptions = {}): string[] {
  const { report } = convertHl7v2(message, options);
  const issues = (report.issue as { details?: { text?: string } }[] | undefined) ?? [];
  return issues.map((i) => i.details?.text ?? '');
}

const adt = (...segments: string[]): string =>
  ['MSH|^~\\&|HIS|HOSP|EHR|RECV|20240705081500-0500||ADT^A04^ADT_A01|NS10|P|2.5.1', 'EVN|A04|20240705081500-0500', ...segments].join('\r');

describe('review 2 silent drops (issue 14): each value is in the Bundle or in the report', () => {
  it('[IG PID[Patient] PID-8 → gender via AdministrativeSex] a code outside table 0001 is reported, no gender guessed', () => {
    const msg = adt('PID|1||MRN10^^^HOSP^MR||ROE^RUTH||19800215|M-');
    expect(resources(convertHl7v2(msg).bundle, 'Patient')[0]?.gender).toBeUndefined();
    expect(reported(msg)).toContain('PID-8 (segment 3): a code outside table 0001 (administrative sex); not converted');
  });

  it('[US Core Race; IG PID[Patient] #10 local extension] a bare PID-10 code of no race code set is reported (kept without a system in v2-race since R62-L1); a CDC code is mapped', () => {
    const msg = adt('PID|1||MRN11^^^HOSP^MR||ROE^RUTH||19800215|F||4~2106-3^White^CDCREC');
    const lines = reported(msg);
    expect(lines).toContain('PID-10 repetition 1 (segment 3): a coded value without a coding system that is no code of HL7 table 0005 keeps no system; not converted');
    expect(lines.some((t) => t.startsWith('PID-10 repetition 2'))).toBe(false);
  });

  it('[IG XTN[ContactPoint] XTN.4 IF XTN.3 Internet] a number in an e-mail slot (PID-40) is reported', () => {
    const msg = adt('PID|1||MRN12^^^HOSP^MR||ROE^RUTH||19800215|F' + '|'.repeat(32) + '89898989^WPN^Internet');
    // located at the field (review 6: the line named only the segment, PID-13 or PID-40)
    expect(reported(msg)).toContain('PID-40 (segment 3): XTN with equipment type Internet and no XTN.4 address (the IG maps XTN.1 only for other equipment types); not converted');
  });

  it('[IG XTN[ContactPoint] #7 IF XTN.3 NOT IN (Internet, X.400); #1 IF XTN.12 NOT VALUED] parts without a row are reported at their field (NK1-5, NK1-40), not at the segment', () => {
    const msg = adt('PID|1||MRN14^^^HOSP^MR||ROE^RUTH||19800215|F', 'NK1|1|ROE^RAY|SPO^Spouse^HL70063||^^Internet^ray@example.org^^^5551234' + '|'.repeat(35) + '5550000^PRN^PH^^^^^^^^^5559999');
    const lines = reported(msg);
    expect(lines).toContain('NK1-5 (segment 4): XTN.7 (a local number in an Internet/X.400 XTN); not converted');
    expect(lines).toContain('NK1-40 (segment 4): XTN.1 (beside XTN.12, the unformatted number the IG prefers); not converted');
  });

  it('[IG XPN[HumanName] XPN.10 IF XPN.12/13 NOT VALUED → period] the v2.3 name validity range is the name period', () => {
    const msg = adt('PID|1||MRN13^^^HOSP^MR||Everywoman^Eve~Original^Eve^^^^^M^^^19700601&20000908|||F');
    const names = (resources(convertHl7v2(msg).bundle, 'Patient')[0]?.name ?? []) as { family?: string; period?: unknown }[];
    expect(names.find((n) => n.family === 'Original')?.period).toEqual({ start: '1970-06-01', end: '2000-09-08' });
  });

  it('[US Core Coverage class:group needs a value] IN1-9 group name without IN1-8 is reported', () => {
    const msg = adt('PID|1||MRN14^^^HOSP^MR||ROE^RUTH||19800215|F', 'PV1|1|O', 'IN1|1|PLAN1|PAYER1^^^HOSP|Payer Inc|||||132987');
    expect(reported(msg)).toContain('IN1-9 (segment 5): a group name without the group number (IN1-8) Coverage.class needs; not converted');
  });

  it('[v2 table 0280 → request-priority] RF1-2 A (ASAP) is the referral priority', () => {
    const msg = [
      'MSH|^~\\&|HIS|HOSP|EHR|RECV|20240705081500-0500||REF^I12^REF_I12|NS15|P|2.5.1',
      'RF1|A|A^ASAP^HL70280|SPE^Specialty^HL70281||O|REF15^HIS',
      'PID|1||MRN15^^^HOSP^MR||ROE^RUTH||19800215|F',
    ].join('\r');
    const referral = resources(convertHl7v2(msg).bundle, 'ServiceRequest')[0];
    expect(referral?.priority).toBe('asap');
    expect(reported(msg).some((t) => t.startsWith('RF1-2'))).toBe(false);
  });

  const mdm = (obr6: string): string =>
    [
      'MSH|^~\\&|TRANS|HOSP|EHR|HOSP|20240601120000-0500||MDM^T02^MDM_T02|NS16|P|2.5.1',
      'EVN|T02|20240601120000-0500',
      'PID|1||MRN16^^^HOSP^MR||LEE^ANNA||19650505|F',
      'ORC|NW|PL16^EHR',
      'TQ1|1||||||20240601080000-0500|20240601090000-0500|R^Routine^HL70485',
      `OBR|1|PL16^EHR||11488-4^Consult note^LN||${obr6}|20240601081500-0500`,
      'TXA|1|CN^Consult note^HL70270|TX|||20240601100000-0500|||||||DOC16^HOSP|||||AU||AV',
      'OBX|1|TX|11488-4^Consult note^LN||Seen today.||||||F',
    ].join('\r');

  it('[IG TQ1[ServiceRequest] TQ1-7/8 → occurrence, TQ1-9 → priority] the ORC TIMING group TQ1 before the OBR is placed on the order', () => {
    const sr = resources(convertHl7v2(mdm('')).bundle, 'ServiceRequest')[0];
    expect(sr?.occurrencePeriod).toEqual({ start: '2024-06-01T08:00:00-05:00', end: '2024-06-01T09:00:00-05:00' });
    expect(sr?.priority).toBe('routine');
  });

  it('[IG OBR[ServiceRequest] OBR-7: no row for a request] OBR-7 in an MDM is reported; [IG TQ1[ServiceRequest] #7/#8, OBR[ServiceRequest] #6] TQ1-7/8 beside OBR-6 share one occurrenceTiming', () => {
    expect(reported(mdm(''))).toContain('OBR-7 (segment 6) is valued but not mapped');
    // was: TQ1-7/8 reported beside OBR-6; now OBR-6 is the Timing's event and TQ1-7/8 its boundsPeriod
    const sr = resources(convertHl7v2(mdm('20240601070000-0500')).bundle, 'ServiceRequest')[0];
    expect(sr?.occurrenceTiming).toEqual({ event: ['2024-06-01T07:00:00-05:00'], repeat: { boundsPeriod: { start: '2024-06-01T08:00:00-05:00', end: '2024-06-01T09:00:00-05:00' } } });
    expect(reported(mdm('20240601070000-0500')).filter((t) => t.startsWith('TQ1-7'))).toEqual([]);
  });

  it('[IG TQ[MedicationRequest] ORC-7 0..*] each ORC-7 repetition of a pharmacy order is one dosage instruction', () => {
    const msg = [
      'MSH|^~\\&|CPOE|HOSP|RX|HOSP|20240601120000-0500||ORM^O01^ORM_O01|NS17|P|2.3.1',
      'PID|1||MRN17^^^HOSP^MR||LEE^ANNA||19650505|F',
      'ORC|NW|RX17^CPOE|||||50&mg^BID^^20240601^20240610~100&mg^QD^^20240611^20240620',
      'RXO|00047040230^Ampicillin 250 mg caps^NDC|2||caps^capsule',
    ].join('\r');
    const mr = resources(convertHl7v2(msg).bundle, 'MedicationRequest')[0];
    const dosage = (mr?.dosageInstruction ?? []) as { sequence?: number; timing?: { repeat?: { boundsPeriod?: unknown } } }[];
    expect(dosage.map((d) => [d.sequence, d.timing?.repeat?.boundsPeriod])).toEqual([
      [1, { start: '2024-06-01', end: '2024-06-10' }],
      [2, { start: '2024-06-11', end: '2024-06-20' }],
    ]);
  });

  it('[IG OBR[ServiceRequest] OBR-28 deferred; IG ORU_R01 4.2.4 PRT rows] result copies-to (OBR-28, PRT RCT) are reported, never Encounter participants', () => {
    const msg = readFileSync(path.join(repoRoot, 'test/transform/cases/oru-prt-result-copies-to/input.hl7'), 'utf8');
    const lines = reported(msg);
    expect(lines).toContain('PRT-4 (segment 6): participation RCT of an order or result has no IG row; not converted');
    const orm = readFileSync(path.join(repoRoot, 'test/transform/cases/orm-order-detail/input.hl7'), 'utf8');
    expect(reported(orm)).toContain('OBR-28 (segment 4): result copies-to, deferred by the IG (no FHIR R4 element); not converted');
  });
});

describe("review 9: with unnamedExtensions 'report', components whose IG row names an unnamed extension are reported, one line per field", () => {
  // [IG CX[Identifier] CX.6 → extension??-assigningFacility] [IG XCN[Practitioner] XCN.14 →
  // identifier.extension??-assigningFacility] [IG XON[Organization] XON.2 → extension??-nameType,
  // XON.8 → identifier.extension??-location]: no extension URL, so the value cannot go into the
  // Bundle; it was read past silently (CX.6 in 19 of review 9's 25 messages). Since issue 14 hig
  // emits its own v2-<name> extensions (unnamed-extensions.test.ts); a channel that wants none
  // (conversion.unnamedExtensions 'report') keeps these lines
  const REPORT: ConvertOptions = { unnamedExtensions: 'report' };
  const why = (component: string, name: string): string => `${component}: the IG row names an unnamed extension (extension??-${name}); not converted`;

  it('[IG CX[Identifier] CX.6] PID-3 (two repetitions: one line), PID-18 and PV1-19 assigning facilities are each reported at their field', () => {
    const msg = adt(
      'PID|1||MRN30^^^HOSP^MR^NORTHWING~SSN30^^^USSSA^SS^NORTHWING||ROE^RUTH||19800215|F||||||||||ACCT30^^^HOSP^AN^SOUTHWING',
      'PV1|1|O|||||||||||||||||V30^^^HOSP^VN^EASTWING',
    );
    const lines = reported(msg, REPORT);
    const cx6 = lines.filter((t) => t.includes('CX.6'));
    expect(cx6).toEqual(expect.arrayContaining([
      `PID-3 (segment 3): ${why('CX.6 (assigning facility)', 'assigningFacility')}`,
      `PID-18 (segment 3): ${why('CX.6 (assigning facility)', 'assigningFacility')}`,
      `PV1-19 (segment 4): ${why('CX.6 (assigning facility)', 'assigningFacility')}`,
    ]));
    expect(cx6).toHaveLength(3);
    // without CX.6 no line
    expect(reported(adt('PID|1||MRN31^^^HOSP^MR||ROE^RUTH||19800215|F'), REPORT).filter((t) => t.includes('CX.6'))).toEqual([]);
  });

  it('[IG XCN[Practitioner] XCN.14] an attending doctor\'s assigning facility (PV1-7) is reported', () => {
    const msg = adt('PID|1||MRN32^^^HOSP^MR||ROE^RUTH||19800215|F', 'PV1|1|O|||||1234567893^ATTEND^ALICE^^^^^^NPI^L^^^NPI^MAINCAMPUS');
    expect(reported(msg, REPORT)).toContain(`PV1-7 (segment 4): ${why('XCN.14 (assigning facility)', 'assigningFacility')}`);
  });

  it('[IG OBR[DiagnosticReport] OBR-32 NDL.1 CNN[Practitioner] CNN.9–11] a results interpreter\'s authority OID (CNN.10/11) names the identifier\'s system, not dropped', () => {
    const msg = [
      'MSH|^~\\&|LAB|HOSP|EHR|RECV|20240705081500-0500||ORU^R01^ORU_R01|NS34|P|2.5.1',
      'PID|1||MRN34^^^HOSP^MR||ROE^RUTH||19800215|F',
      'OBR|1|PL34^EHR|FL34^LAB|2345-7^Glucose^LN|||20240705070000-0500|||||||||||||||||F||||||||4321&SMITH&JOHN&&&&&&&2.16.840.1.113883.19.5&ISO',
      'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|||||F',
    ].join('\r');
    const interpreter = resources(convertHl7v2(msg).bundle, 'Practitioner')[0];
    expect(interpreter?.identifier).toEqual([{ system: 'urn:oid:2.16.840.1.113883.19.5', value: '4321' }]);
  });

  it('[IG XON[Organization] XON.2, XON.8] a performing organization\'s name type and assigning facility (OBX-23) are reported', () => {
    const msg = [
      'MSH|^~\\&|LAB|HOSP|EHR|RECV|20240705081500-0500||ORU^R01^ORU_R01|NS33|P|2.5.1',
      'PID|1||MRN33^^^HOSP^MR||ROE^RUTH||19800215|F',
      'OBR|1|PL33^EHR|FL33^LAB|2345-7^Glucose^LN|||20240705070000-0500',
      'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^^UCUM|||||F|||20240705070000-0500|||||||||Good Lab^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^LABCAMPUS^^01D1234567',
    ].join('\r');
    const lines = reported(msg, REPORT);
    expect(lines).toContain(`OBX-23 (segment 4): ${why('XON.2 (organization name type)', 'nameType')}`);
    expect(lines).toContain(`OBX-23 (segment 4): ${why('XON.8 (assigning facility)', 'location')}`);
  });
});

describe('review 9: report lines that say why a segment is not converted, not "has no FHIR mapping"', () => {
  it('[IG TQ1[MedicationRequest]; hig: TIMING_ENCODED before TIMING] the orderer\'s TQ1 beside the pharmacy\'s encoded one is reported as superseded (RDS_O13, RAS_O17)', () => {
    for (const name of ['rds-o13-encoded-timing-wins', 'ras-o17-encoded-timing-wins']) {
      const lines = reported(readFileSync(path.join(repoRoot, 'test/transform/cases', name, 'input.hl7'), 'utf8'));
      // segment 4 is the ORC's TIMING TQ1; segment 8 the RXE's TIMING_ENCODED TQ1, which is mapped
      expect(lines).toContain("segment TQ1 (segment 4): the orderer's timing (the order's TIMING TQ1), superseded by the pharmacy's encoded timing (TIMING_ENCODED); not converted");
      expect(lines.filter((t) => t.includes('has no FHIR mapping'))).toEqual([]);
      expect(lines.filter((t) => t.startsWith('segment TQ1 (segment 8)'))).toEqual([]);
    }
  });

  it('[IG MRG[Account] for merges, ADT_A06 and (loss14c) A45\'s MRG-3; v2.5.1 3.3.45] an A45 MRG\'s prior patient and visit are reported with their reasons, not "no FHIR mapping"', () => {
    const msg = [
      'MSH|^~\\&|HIS|HOSP|EHR|RECV|20240705081500-0500||ADT^A45^ADT_A45|NS40|P|2.5.1',
      'EVN|A45|20240705081500-0500',
      'PID|1||MRN40^^^HOSP^MR||ROE^RUTH||19800215|F',
      'MRG|MRN41^^^HOSP^MR||||V40^^^HOSP^VN',
      'PV1|1|I|||||||||||||||||V40^^^HOSP^VN',
    ].join('\r');
    const lines = reported(msg);
    expect(lines).toContain("MRG-1 (segment 4): the visit's prior patient, another record than the PID's (no MRG[Account] row; hig links no patients in a visit move); not converted");
    expect(lines).toContain('MRG-5 (segment 4) is valued but not mapped');
    expect(lines.filter((t) => t.includes('has no FHIR mapping'))).toEqual([]);
  });

  it('[IG IN1[Coverage] beneficiary = the PID Patient] an IN1 in a message without a PID says there is no patient to cover', () => {
    const msg = [
      'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||ORM^O01^ORM_O01|NS41|P|2.5.1',
      'IN1|1|PLAN1|PAYER1^^^HOSP|Payer Inc',
      'ORC|NW|PL41^CPOE',
      'OBR|1|PL41^CPOE||24331-1^Lipid panel^LN',
    ].join('\r');
    const lines = reported(msg);
    expect(lines).toContain('segment IN1 (segment 2): no patient to cover: the message has no PID for Coverage.beneficiary; not converted');
    expect(lines.filter((t) => t.includes('has no FHIR mapping'))).toEqual([]);
  });
});
