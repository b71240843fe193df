/** The bench's typical messages and feeds, shared by run.ts and dump.ts. */
export const TYPICAL_ADT = [
  'MSH|^~\\&|HIS|GOODHEALTH|EHR|RECV|20240305081500+0100||ADT^A01^ADT_A01|MSG0001|P|2.5.1',
  'EVN|A01|20240305081500',
  'PID|1||MRN123^^^HOSP^MR~999999999^^^SSA^SS||DOE^JANE^Q||19800215|F|||1 Main St^^Springfield^IL^62701^USA^H||^PRN^PH^^1^217^5551234|^WPN^PH^^1^217^5559876|en^English^ISO639|M^Married^HL70002',
  'NK1|1|DOE^JOHN|SPO^Spouse^HL70063|1 Main St^^Springfield^IL^62701^USA|^PRN^PH^^1^217^5551234',
  'PV1|1|I|W1^101^A^GOODHEALTH||||1234^ATTEND^ALICE^^^^^^NPI&2.16.840.1.113883.4.6&ISO|||MED||||1|||||V100^^^HOSP^VN|||||||||||||||||||||||||20240305080000',
  'AL1|1|DA|70618^Penicillin^RXNORM|SV|Hives',
  'DG1|1||I10^Essential hypertension^I10|||A',
].join('\r');
export const TYPICAL_ORU = [
  'MSH|^~\\&|LAB|LABFAC|EHR|HOSP|20240306101500-0500||ORU^R01^ORU_R01|LAB42|P|2.5.1',
  'PID|1||MRN123^^^HOSP^MR||DOE^JANE||19800215|F',
  'PV1|1|O',
  'ORC|RE|PL1^EHR|FL1^LAB|||||||||1234^ORDER^OSCAR',
  'OBR|1|PL1^EHR|FL1^LAB|24323-8^Comprehensive metabolic panel^LN|||20240306090000-0500|||||||||||||||20240306100000-0500|||F',
  'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL^mg/dL^UCUM|70-99|N|||F',
  'OBX|2|NM|2160-0^Creatinine^LN||0.9|mg/dL^mg/dL^UCUM|0.6-1.2|N|||F',
  'OBX|3|NM|2951-2^Sodium^LN||140|mmol/L^mmol/L^UCUM|136-145|N|||F',
  'OBX|4|NM|2823-3^Potassium^LN||4.1|mmol/L^mmol/L^UCUM|3.5-5.1|N|||F',
  'OBX|5|NM|2075-0^Chloride^LN||101|mmol/L^mmol/L^UCUM|98-107|N|||F',
  'OBX|6|ST|8251-1^Comment^LN||Fasting specimen||||||F',
].join('\r');

/** `n` variants of a message with a different patient (MRN, name, birth date) and control id. */
export function feed(message: string, n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) =>
    Buffer.from(
      message
        .replace(/MRN123/g, `MRN${100000 + i}`)
        .replace(/DOE\^JANE/g, `DOE${i}^JANE`)
        .replace(/19800215/g, `19${String(50 + (i % 50)).padStart(2, '0')}0215`)
        .replace(/\|(MSG0001|LAB42)\|/, `|$1-${i}|`),
    ),
  );
}

