/**
 * Issue 14, fix36a (review 56 R56-N1, review 27 R27-D1's OBR readings): a Specimen without a number of its own (an
 * SPM without SPM-2, the Specimen of an OBR without SPM) is **the order's specimen drawn at that time**: keyed by the
 * order (ServiceRequest: placer number + OBR-4, the same in the order, status and result messages) + the collection
 * start, with the specimen type only where a group names several SPMs. [IG ORU_R01 4.2.2 "The OBR specimen data yields
 * one Specimen resource"; OML_O21 6.4.1 OBR → Specimen; OBR[Specimen] #7, #14, #15; SPM[Specimen] #4, #17; hig
 * identity, docs/mapping.md "Resource identity", Specimen] Until fix36a the key was the report (else the order) + the
 * type + the time: the order's tube and the result's were two resources, and a result without OBR-15 a third.
 * Expected values written by hand from the messages below.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const MSH = (type: string, control: string) => `MSH|^~\\&|LIS|NVH|HIS|NVH|20330114101204+0530||${type}|${control}|P|2.4`;
const PID = 'PID|1||MR5601^^^NVH^MR||RAO^ANAGHA||19800101|F';
const CBC = 'HEM001^Complete Blood Count^NVLAB';
const specimens = (...segments: string[]): Json[] =>
  ((convertHl7v2(segments.join('\r')).bundle.entry as { resource: Json }[]) ?? []).map((e) => e.resource).filter((r) => r.resourceType === 'Specimen');

// the lab's SC: drawn 09:50, received 10:08, venous blood (OBR-7, OBR-14, OBR-15)
const SC = [MSH('ORM^O01', 'C1'), PID, 'ORC|SC|NVO1^NVHIS|L1^NVLIS||IP', `OBR|1|NVO1^NVHIS|L1^NVLIS|${CBC}|||20330114095000|||||||20330114100800|BLDV&Blood venous&HL70070`];
// the result of that order: OBR-7, OBR-14, no OBR-15
const RESULT = (obr7 = '20330114095000') => [
  MSH('ORU^R01', 'C2'), PID, 'ORC|RE|NVO1^NVHIS|L1^NVLIS||CM',
  `OBR|1|NVO1^NVHIS|L1^NVLIS|${CBC}|||${obr7}|||||||20330114100800||||||||20330114115800||HM|F`,
  'OBX|1|NM|718-7^Hemoglobin^LN||12.1|g/dL|||||F',
];

describe('[hig identity; IG ORU_R01 4.2.2, OBR[Specimen]] the order\'s specimen without a number is one resource across messages', () => {
  it('the SC\'s OBR specimen (with OBR-15) and the result\'s (without) are one Specimen', () => {
    const [a] = specimens(...SC);
    const [b] = specimens(...RESULT());
    expect(a?.id).toBeDefined();
    expect(b?.id).toBe(a?.id);
  });

  it('an order\'s SPM without SPM-2 and the result\'s OBR specimen of that draw are one Specimen', () => {
    const order = [MSH('OML^O21', 'C3'), PID, 'ORC|NW|NVO1^NVHIS', `OBR|1|NVO1^NVHIS||${CBC}|||20330114095000`, 'SPM|1|||BLDV^Blood venous^HL70487|||||||||||||20330114095000'];
    expect(specimens(...RESULT())[0]?.id).toBe(specimens(...order)[0]?.id);
  });

  it('another draw of the order (another OBR-7: a recollection) is another Specimen', () => {
    expect(specimens(...RESULT('20330114113000'))[0]?.id).not.toBe(specimens(...RESULT())[0]?.id);
  });

  it('two SPMs without SPM-2 under one order (serum and urine) stay two Specimens, and the urine sent alone later is never the serum\'s', () => {
    const both = [MSH('OML^O21', 'C4'), PID, 'ORC|NW|NVO2^NVHIS', 'OBR|1|NVO2^NVHIS||CRCL^Creatinine clearance^NVLAB|||20330114095000',
      'SPM|1|||SER^Serum^HL70487|||||||||||||20330114095000', 'SPM|2|||UR^Urine^HL70487|||||||||||||20330114095000'];
    const urineAlone = [MSH('OML^O21', 'C5'), PID, 'ORC|SC|NVO2^NVHIS||||IP', 'OBR|1|NVO2^NVHIS||CRCL^Creatinine clearance^NVLAB|||20330114095000',
      'SPM|1|||UR^Urine^HL70487|||||||||||||20330114095000'];
    const [serum, urine] = specimens(...both);
    expect(serum?.id).not.toBe(urine?.id);
    const [later] = specimens(...urineAlone);
    expect(later?.id).not.toBe(serum?.id);
  });
});
