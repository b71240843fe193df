/**
 * Synthetic messages for the MAPPING-RULES assertions (rules.test.ts), written from the rule text
 * and the v2 grammar (2.5.1 unless a rule names v2.6+). Every value is invented; none is PHI.
 * One message per situation a rule describes; several rules read the same message.
 */
const msg = (...segments: string[]): string => segments.join('\r');
/** A segment from field number -> value, so a field's position is stated, never counted by eye. */
const seg = (name: string, fields: Record<number, string>): string => {
  const last = Math.max(...Object.keys(fields).map(Number));
  return [name, ...Array.from({ length: last }, (_, i) => fields[i + 1] ?? '')].join('|');
};

const FAC = 'GOODHEALTH&2.16.840.1.113883.19.5&ISO';
const MSH = (time: string, type: string, id: string, version = '2.5.1'): string => `MSH|^~\\&|HIS|GOODHEALTH|EHR|RECV|${time}||${type}|${id}|P|${version}`;
const PID = `PID|1||MRN100^^^${FAC}^MR~123456789^^^SSA^SS||DOE^JANE^Q^^^^L||19800215|F|||1 Main St^^Springfield^IL^62701^USA^H`;
const NPI = '1234567893^ATTEND^ALICE^^^^^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI';
const VISIT = `V100^^^${FAC}^VN`;
/** PV1 with class, attending NPI, visit number, admit (44) and optional discharge (45) */
const PV1 = (cls: string, admit: string, discharge = ''): string => seg('PV1', { 1: '1', 2: cls, 3: '3N^301^1', 7: NPI, 19: VISIT, 44: admit, 45: discharge });

export const messages = {
  a01: msg(
    MSH('20240705081500-0500', 'ADT^A01^ADT_A01', 'A01-1'),
    'EVN|A01|20240705081500',
    PID,
    PV1('I', '20240705080000'),
    'OBX|1|NM|8302-2^Body height^LN||170|cm^cm^UCUM|||||S',
    'AL1|1|DA|70618^Penicillin^RXNORM|SV|Hives',
  ),
  /** a later A08 of the same visit re-sending the allergy */
  a08: msg(MSH('20240706090000-0500', 'ADT^A08^ADT_A01', 'A08-1'), 'EVN|A08|20240706090000', PID, PV1('I', '20240705080000'), 'AL1|1|DA|70618^Penicillin^RXNORM|SV|Hives'),
  /** the same A08 with the PID-3 repetitions in the other order */
  a08Reordered: msg(
    MSH('20240706091500-0500', 'ADT^A08^ADT_A01', 'A08-2'),
    'EVN|A08|20240706091500',
    PID.replace(`MRN100^^^${FAC}^MR~123456789^^^SSA^SS`, `123456789^^^SSA^SS~MRN100^^^${FAC}^MR`),
    PV1('I', '20240705080000'),
  ),
  a03: msg(MSH('20240708100000-0500', 'ADT^A03^ADT_A03', 'A03-1'), 'EVN|A03|20240708100000', PID, PV1('I', '20240705080000', '20240708094500')),
  a04: msg(MSH('20240709100000-0500', 'ADT^A04^ADT_A01', 'A04-1'), 'EVN|A04|20240709100000', PID, PV1('O', '20240709095000').replace('V100^', 'V200^')),
  /** cancel admit echoing a discharge time in PV1-45 */
  a11: msg(MSH('20240705120000-0500', 'ADT^A11^ADT_A09', 'A11-1'), 'EVN|A11|20240705120000', PID, PV1('I', '20240705080000', '20240705110000')),
  /** cancel admit without PV1-45 */
  a11Plain: msg(MSH('20240705120500-0500', 'ADT^A11^ADT_A09', 'A11-2'), 'EVN|A11|20240705120500', PID, PV1('I', '20240705080000')),
  /** cancel discharge echoing the cancelled discharge time */
  a13: msg(MSH('20240708120000-0500', 'ADT^A13^ADT_A01', 'A13-1'), 'EVN|A13|20240708120000', PID, PV1('I', '20240705080000', '20240708094500')),
  a29: msg(MSH('20240710100000-0500', 'ADT^A29^ADT_A21', 'A29-1'), 'EVN|A29|20240710100000', PID, PV1('I', '20240705080000')),
  /** person update, PV1-2 N and no visit data */
  a31: msg(MSH('20240711100000-0500', 'ADT^A31^ADT_A05', 'A31-1'), 'EVN|A31|20240711100000', PID, 'PV1|1|N'),
  /** two PID/MRG pairs: MRN100 survives MRN900, MRN200 survives MRN901 */
  a40: msg(
    MSH('20240712100000-0500', 'ADT^A40^ADT_A39', 'A40-1'),
    'EVN|A40|20240712100000',
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    `MRG|MRN900^^^${FAC}^MR`,
    `PID|2||MRN200^^^${FAC}^MR||ROE^RICHARD||19700101|M`,
    `MRG|MRN901^^^${FAC}^MR`,
  ),

  oru: msg(
    MSH('20240306101500-0500', 'ORU^R01^ORU_R01', 'ORU-1'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|RE|PLC1^EHR|FIL1^LAB||CM',
    seg('OBR', { 1: '1', 2: 'PLC1^EHR', 3: 'FIL1^LAB', 4: '24323-8^Comprehensive metabolic panel^LN', 7: '20240306090000', 22: '20240306100000', 25: 'F' }),
    'NTE|1||Specimen slightly hemolyzed',
    'OBX|1|NM|2345-7^Glucose^LN|1|182|mg/dL^mg/dL^UCUM|70-99|H|||F|||20240306091500',
    'NTE|1||Fasting not confirmed',
    'OBX|2|SN|2160-0^Creatinine^LN|1|>^1.5|mg/dL^mg/dL^UCUM|||||F',
    'OBX|3|SN|5130-0^Titer^LN|1|^1^:^128||||||F',
    'OBX|4|SN|2093-3^Cholesterol^LN|1|^40^-^60|mg/dL^mg/dL^UCUM|||||F',
    'OBX|5|SN|20454-5^Protein^LN|1|^2^+||||||F',
    'OBX|6|SN|1234-5^Graded^LN|1|>^1^.^3|mg/dL^mg/dL^UCUM|||||F',
    'OBX|7|CWE|600-7^Organism^LN|1|112283007^Escherichia coli^SCT||||||F',
    'OBX|8|ST|5778-6^Color^LN|1|Yellow||||||F',
    'OBX|9|ST|5767-9^Appearance^LN|1|Cloudy~Turbid||||||F',
    'OBX|10|FT|11526-1^Pathology study^LN|1|Line one\\.br\\Line two||||||F',
    'OBX|11|DT|21112-8^Birth date^LN|1|20240301||||||F',
    'OBX|12|DR|8251-1^Service period^LN|1|20240301080000^20240302080000||||||F',
    seg('SPM', { 1: '1', 2: 'SP1&LAB', 4: '119297000^Blood specimen^SCT', 17: '20240306083000' }),
  ),
  /** the same report corrected: one OBX with OBX-11 C, OBR-25 C */
  oruCorrected: msg(
    MSH('20240307101500-0500', 'ORU^R01^ORU_R01', 'ORU-2'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|RE|PLC1^EHR|FIL1^LAB||CM',
    seg('OBR', { 1: '1', 2: 'PLC1^EHR', 3: 'FIL1^LAB', 4: '24323-8^Comprehensive metabolic panel^LN', 7: '20240306090000', 22: '20240307100000', 25: 'C' }),
    'OBX|1|NM|2345-7^Glucose^LN|1|128|mg/dL^mg/dL^UCUM|70-99|H|||C|||20240306091500',
  ),
  /** attachments: the three ED content-type forms of the rules */
  oruEd: msg(
    MSH('20240306101500-0500', 'ORU^R01^ORU_R01', 'ORU-ED'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'OBR|1|PLC9^EHR|FIL9^LAB|18748-4^Diagnostic imaging study^LN|||20240306090000||||||||||||||||||F',
    'OBX|1|ED|18748-4^Diagnostic imaging study^LN|1|LAB^IM^JPEG^Base64^/9j/4AAQSkZJRg==||||||F',
    'OBX|2|ED|18748-4^Diagnostic imaging study^LN|2|LAB^AP^PDF^Base64^JVBERi0xLjQK||||||F',
    'OBX|3|ED|18748-4^Diagnostic imaging study^LN|3|LAB^application^pdf^Base64^JVBERi0xLjUK||||||F',
  ),
  /** two tests sharing one placer number; OBX under each */
  oruShared: msg(
    MSH('20240306101500-0500', 'ORU^R01^ORU_R01', 'ORU-SH'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'OBR|1|PLC7^EHR||20507-0^Reagin Ab^LN|||20240306090000||||||||||||||||||F',
    'OBX|1|CWE|20507-0^Reagin Ab^LN|1|260385009^Negative^SCT||||||F',
    'OBR|2|PLC7^EHR||7917-8^HIV 1 Ab^LN|||20240306090000||||||||||||||||||F',
    'OBX|1|CWE|7917-8^HIV 1 Ab^LN|1|260385009^Negative^SCT||||||F',
  ),
  /** ask-at-order-entry answer (QST), specimen info (SCI) and a result (RSLT) */
  oruQst: msg(
    MSH('20240306101500-0500', 'ORU^R01^ORU_R01', 'ORU-Q', '2.8'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|RE|PLC8^EHR|FIL8^LAB',
    'OBR|1|PLC8^EHR|FIL8^LAB|94500-6^SARS-CoV-2 RNA^LN|||20240306090000||||||||||||||||||F',
    seg('OBX', { 1: '1', 2: 'CWE', 3: '95419-8^Has symptoms^LN', 4: '1', 5: 'Y^Yes^HL70136', 11: 'F', 29: 'QST' }),
    seg('OBX', { 1: '2', 2: 'NM', 3: '8310-5^Body temperature^LN', 4: '1', 5: '37.5', 6: 'Cel^Cel^UCUM', 11: 'F', 29: 'SCI' }),
    seg('OBX', { 1: '3', 2: 'CWE', 3: '94500-6^SARS-CoV-2 RNA^LN', 4: '1', 5: '260373001^Detected^SCT', 11: 'F', 29: 'RSLT' }),
  ),
  /** one OBX per result status code of OBX-11 */
  oruStatuses: msg(
    MSH('20240306101500-0500', 'ORU^R01^ORU_R01', 'ORU-ST'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'OBR|1|PLC6^EHR|FIL6^LAB|24331-1^Lipid panel^LN|||20240306090000||||||||||||||||||P',
    'OBX|1|NM|2093-3^Cholesterol^LN|1|180|mg/dL^mg/dL^UCUM|||||F',
    'OBX|2|NM|2571-8^Triglyceride^LN|1|150|mg/dL^mg/dL^UCUM|||||P',
    'OBX|3|NM|2085-9^HDL^LN|1|50|mg/dL^mg/dL^UCUM|||||C',
    'OBX|4|NM|13457-7^LDL^LN|1|100|mg/dL^mg/dL^UCUM|||||D',
    seg('OBX', { 1: '5', 2: 'NM', 3: '9830-1^Chol/HDL^LN', 4: '1', 11: 'X' }),
    'OBX|6|NM|2089-1^LDL direct^LN|1|99|mg/dL^mg/dL^UCUM|||||W',
    'OBX|7|NM|43396-1^Non-HDL^LN|1|130|mg/dL^mg/dL^UCUM|||||R',
    'OBX|8|NM|13458-5^VLDL^LN|1|30|mg/dL^mg/dL^UCUM|||||I',
  ),
  /** one OBR per report status of OBR-25 */
  oruReportStatuses: msg(
    MSH('20240306101500-0500', 'ORU^R01^ORU_R01', 'ORU-RS'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'OBR|1|PLC11^EHR|FIL11^LAB|2345-7^Glucose^LN|||20240306090000||||||||||||||||||P',
    'OBR|2|PLC12^EHR|FIL12^LAB|2160-0^Creatinine^LN|||20240306090000||||||||||||||||||X',
    'OBR|3|PLC13^EHR|FIL13^LAB|2951-2^Sodium^LN|||20240306090000||||||||||||||||||C',
  ),
  /** times without an offset: MSH-7 has -0500 */
  oruTimes: msg(
    MSH('20240306101500-0500', 'ORU^R01^ORU_R01', 'ORU-T'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    seg('OBR', { 1: '1', 2: 'PLC5^EHR', 3: 'FIL5^LAB', 4: '2345-7^Glucose^LN', 7: '20240306090000', 22: '20240306100000', 25: 'F' }),
    'OBX|1|NM|2345-7^Glucose^LN|1|99|mg/dL^mg/dL^UCUM|||||F|||20240306091500',
    'OBX|2|NM|2345-7^Glucose^LN|2|98|mg/dL^mg/dL^UCUM|||||F|||20240305',
  ),
  /** neither the values nor MSH-7 carry an offset: the channel zone applies (America/Chicago, CDT in July) */
  oruNoZone: msg(
    MSH('20240715101500', 'ORU^R01^ORU_R01', 'ORU-Z'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'OBR|1|PLC4^EHR|FIL4^LAB|2345-7^Glucose^LN|||20240715083000||||||||||||||||||F',
    'OBX|1|NM|2345-7^Glucose^LN|1|99|mg/dL^mg/dL^UCUM|||||F|||20240715083000',
  ),

  orm: msg(
    MSH('20240305100000-0500', 'ORM^O01^ORM_O01', 'ORM-1'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    seg('ORC', { 1: 'NW', 2: 'PLC20^CPOE', 3: 'FIL20^LAB', 9: '20240305095500', 12: '1234567893^ORDERER^OLIVER^^^^^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI' }),
    'OBR|1|PLC20^CPOE|FIL20^LAB|24323-8^Comprehensive metabolic panel^LN',
  ),
  /** ORC-1 OC with ORC-5 CA */
  ormOc: msg(
    MSH('20240305110000-0500', 'ORM^O01^ORM_O01', 'ORM-2'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|OC|PLC20^CPOE|FIL20^LAB||CA',
    'OBR|1|PLC20^CPOE|FIL20^LAB|24323-8^Comprehensive metabolic panel^LN',
  ),
  /** ORC-1 CA with ORC-5 CA */
  ormCa: msg(
    MSH('20240305110000-0500', 'ORM^O01^ORM_O01', 'ORM-3'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|CA|PLC21^CPOE|FIL21^LAB||CA',
    'OBR|1|PLC21^CPOE|FIL21^LAB|2345-7^Glucose^LN',
  ),
  /** ORC-1 DC, ORC-5 empty */
  ormDc: msg(
    MSH('20240305110000-0500', 'ORM^O01^ORM_O01', 'ORM-4'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|DC|PLC22^CPOE|FIL22^LAB',
    'OBR|1|PLC22^CPOE|FIL22^LAB|2160-0^Creatinine^LN',
  ),
  /** one order per ORC-5 status */
  ormStatuses: msg(
    MSH('20240305110000-0500', 'ORM^O01^ORM_O01', 'ORM-5'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|SC|PLC31^CPOE|FIL31^LAB||CM',
    'OBR|1|PLC31^CPOE|FIL31^LAB|2345-7^Glucose^LN',
    'ORC|SC|PLC32^CPOE|FIL32^LAB||HD',
    'OBR|2|PLC32^CPOE|FIL32^LAB|2160-0^Creatinine^LN',
    'ORC|SC|PLC33^CPOE|FIL33^LAB||IP',
    'OBR|3|PLC33^CPOE|FIL33^LAB|2951-2^Sodium^LN',
    'ORC|SC|PLC34^CPOE|FIL34^LAB||ER',
    'OBR|4|PLC34^CPOE|FIL34^LAB|2823-3^Potassium^LN',
  ),
  oml: msg(
    MSH('20240305100000-0500', 'OML^O21^OML_O21', 'OML-1'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|NW|PLC40^CPOE',
    'OBR|1|PLC40^CPOE||20507-0^Reagin Ab [Presence] in Serum by RPR^LN',
    'SPM|1|SP40&CPOE||119297000^Blood specimen^SCT',
    'ORC|NW|PLC41^CPOE',
    'OBR|2|PLC41^CPOE||7917-8^HIV 1 Ab [Presence] in Serum^LN',
    'SPM|1|SP41&CPOE||119297000^Blood specimen^SCT',
  ),

  rde: msg(
    MSH('20240301080000-0500', 'RDE^O11^RDE_O11', 'RDE-1'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    seg('ORC', { 1: 'NW', 2: 'PLC50^CPOE', 9: '20240301075500' }),
    seg('TQ1', { 1: '1', 3: 'TID', 7: '20240301090000', 8: '20240310090000' }),
    'RXO|00904629161^Acetaminophen 500 mg tab^NDC|500||mg^milligram^UCUM',
    seg('RXE', { 2: '00904629161^Acetaminophen 500 mg tab^NDC', 3: '500', 5: 'mg^milligram^UCUM', 10: '30', 11: 'TAB^tablet^HL70292', 12: '2' }),
    'RXR|PO^Oral^HL70162',
  ),
  /** a rate order: RXE-5 43^mg/hr with no coding system */
  rdeRate: msg(
    MSH('20240301080000-0500', 'RDE^O11^RDE_O11', 'RDE-2'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|NW|PLC51^CPOE',
    'TQ1|1||TID',
    seg('RXE', { 2: '00409490234^Heparin 25000 unit bag^NDC', 3: '5', 5: '43^mg/hr', 10: '1', 11: 'BAG^bag^HL70292', 12: '0' }),
    'RXR|IV^Intravenous^HL70162',
  ),
  ras: msg(
    MSH('20240301120000-0500', 'RAS^O17^RAS_O17', 'RAS-1'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|RE|PLC50^CPOE|FIL50^PHARM',
    seg('RXA', { 1: '0', 2: '1', 3: '20240301090000-0500', 5: '00904629161^Acetaminophen 500 mg tab^NDC', 6: '500', 7: 'mg^milligram^UCUM', 10: '9001^NURSE^NORA', 20: 'CP' }),
    'RXR|PO^Oral^HL70162',
  ),

  /** two doses, each with its OBSERVATION group: eligibility, VIS date; dose 2 historical and unknown amount */
  vxu: msg(
    MSH('20240401100000-0500', 'VXU^V04^VXU_V04', 'VXU-1'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|RE||IZ-1^IIS',
    seg('RXA', { 1: '0', 2: '1', 3: '20240401093000', 4: '20240401093000', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '0.5', 7: 'mL^mL^UCUM', 9: '00^New immunization record^NIP001', 10: '9001^NURSE^NORA', 17: 'MSD^Merck^MVX', 20: 'CP', 21: 'A' }),
    'RXR|IM^Intramuscular^HL70162',
    'OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V02^VFC eligible - Medicaid^HL70064||||||F|||20240401',
    'OBX|2|TS|29769-7^Date vaccine information statement presented^LN|2|20240401||||||F',
    'ORC|RE||IZ-2^IIS',
    seg('RXA', { 1: '0', 2: '1', 3: '20230115', 5: '03^MMR^CVX', 6: '999', 9: '01^Historical information - source unspecified^NIP001', 20: 'CP', 21: 'A' }),
    'OBX|1|CE|64994-7^Vaccine funding program eligibility category^LN|1|V01^Not VFC eligible^HL70064||||||F|||20230115',
  ),
  /** a dose reported in error */
  vxuDeleted: msg(
    MSH('20240402100000-0500', 'VXU^V04^VXU_V04', 'VXU-2'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|RE||IZ-1^IIS',
    seg('RXA', { 1: '0', 2: '1', 3: '20240401093000', 5: '08^Hep B, adolescent or pediatric^CVX', 6: '0.5', 7: 'mL^mL^UCUM', 9: '00^New immunization record^NIP001', 20: 'CP', 21: 'D' }),
  ),
  /** a refused dose */
  vxuRefused: msg(
    MSH('20240403100000-0500', 'VXU^V04^VXU_V04', 'VXU-3'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'ORC|RE||IZ-3^IIS',
    seg('RXA', { 1: '0', 2: '1', 3: '20240403', 5: '88^Influenza, unspecified formulation^CVX', 6: '999', 18: '00^Parental decision^NIP002', 20: 'RE', 21: 'A' }),
  ),

  mdm: msg(
    MSH('20240301120000-0500', 'MDM^T02^MDM_T02', 'MDM-1'),
    'EVN|T02|20240301120000',
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'PV1|1|I|W2^201^A||||||||||||||||V300^^^HOSP^VN',
    seg('TXA', { 1: '1', 2: 'DS^Discharge summary^HL70270', 3: 'TX', 4: '20240301110000', 9: '777^AUTHOR^ANN', 12: 'DOC300^EHR', 17: 'AU', 19: 'AV' }),
    'OBX|1|TX|18842-5^Discharge summary^LN|1|Patient discharged home.||||||F',
    'OBX|2|ED|18842-5^Discharge summary^LN|2|EHR^AP^PDF^Base64^JVBERi0xLjQK||||||F',
  ),
  /** replacement: own number DOC201, parent DOC200, placer order ORD55 */
  mdmT10: msg(
    MSH('20240302120000-0500', 'MDM^T10^MDM_T02', 'MDM-2'),
    'EVN|T10|20240302120000',
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'PV1|1|I|W2^201^A||||||||||||||||V300^^^HOSP^VN',
    seg('TXA', { 1: '1', 2: 'DS^Discharge summary^HL70270', 3: 'TX', 4: '20240302110000', 9: '777^AUTHOR^ANN', 12: 'DOC201^EHR', 13: 'DOC200^EHR', 14: 'ORD55^CPOE', 17: 'AU', 19: 'AV' }),
    'OBX|1|TX|18842-5^Discharge summary^LN|1|Corrected summary.||||||F',
  ),

  /** v2.6: TQ1 gives start and end; SCH-11 (deprecated) disagrees */
  siu: msg(
    MSH('20240401090000-0400', 'SIU^S12^SIU_S12', 'SIU-1', '2.6'),
    seg('SCH', { 1: 'APT1^SCHED', 2: 'APT1F^SCHED', 7: '^Follow-up', 8: 'FOLLOWUP^Follow-up^HL70277', 9: '30', 10: 'min', 11: '^^30^20240410080000-0400^20240410083000-0400', 25: 'Booked^Booked^HL70278' }),
    seg('TQ1', { 1: '1', 7: '20240410100000-0400', 8: '20240410103000-0400' }),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'RGS|1',
    seg('AIS', { 1: '1', 3: '99213^Office visit^C4', 4: '20240410100000-0400', 7: '30', 8: 'min' }),
  ),
  /** v2.5.1 with SCH-11 only */
  siuSch11: msg(
    MSH('20240401090000-0400', 'SIU^S12^SIU_S12', 'SIU-2'),
    seg('SCH', { 1: 'APT2^SCHED', 2: 'APT2F^SCHED', 7: '^Follow-up', 8: 'FOLLOWUP^Follow-up^HL70277', 9: '30', 10: 'min', 11: '^^30^20240411080000-0400^20240411083000-0400', 25: 'Booked^Booked^HL70278' }),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
  ),

  /** PID-5/PID-11 bytes in ISO-8859-1 (the string is latin1-encoded by the test) */
  latin1: msg(
    'MSH|^~\\&|HIS|GOODHEALTH|EHR|RECV|20240705081500-0500||ADT^A08^ADT_A01|L1-1|P|2.5.1|||||DEU|8859/1',
    'EVN|A08|20240705081500',
    `PID|1||MRN100^^^${FAC}^MR||Müller^Jörg||19800215|M|||Straße 5^^Köln^^50667^DEU`,
  ),
  escapes: msg(
    MSH('20240306101500-0500', 'ORU^R01^ORU_R01', 'ESC-1'),
    `PID|1||MRN100^^^${FAC}^MR||DOE^JANE||19800215|F`,
    'OBR|1|PLC3^EHR|FIL3^LAB|11526-1^Pathology study^LN|||20240306090000||||||||||||||||||F',
    'OBX|1|ST|11526-1^Pathology study^LN|1|A \\T\\ B \\F\\ C \\S\\ D \\R\\ E \\E\\ F||||||F',
  ),
} as const;

export type MessageName = keyof typeof messages;
