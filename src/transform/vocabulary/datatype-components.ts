/**
 * How many components each v2 datatype has, and which of them are composites of their own (whose parts are then
 * subcomponents): the widest definition from v2.5.1 to v2.9, so a component a later version added is never called
 * past the datatype. Hand-written from the HL7 v2.5.1 / v2.9 datatype definitions (chapter 2A) and the IG's datatype
 * maps (../shared/corpus/hl7-v2-to-fhir-ig/mappings/datatypes: CX.1–12, XPN.1–15, XCN.1–25, XAD.1–23, XTN.1–18 …),
 * with the names field-types.json uses (CE → CWE, TS → DTM, TN → XTN). DTM counts TS's 2 (TS.2 degree of precision,
 * v2.5.1), IS a CWE's 22 (v2.7 made IS fields CWE). NA is left out (an array: hig reads every component). Read by
 * past-datatype.ts (review 64 R64-N2).
 */
export interface DatatypeShape {
  /** Number of components. */
  readonly n: number;
  /** Components that are composites themselves, by position → their datatype. */
  readonly parts?: Readonly<Record<number, string>>;
}

const CODED: DatatypeShape = { n: 22 };
const XCN: DatatypeShape = { n: 25, parts: { 2: 'FN', 8: 'CWE', 9: 'HD', 14: 'HD', 16: 'CWE', 17: 'DR', 19: 'DTM', 20: 'DTM', 22: 'CWE', 23: 'CWE' } };

export const DATATYPE_COMPONENTS: Readonly<Record<string, DatatypeShape>> = {
  CWE: CODED,
  CNE: CODED,
  CF: CODED,
  CX: { n: 12, parts: { 4: 'HD', 6: 'HD', 9: 'CWE', 10: 'CWE' } },
  HD: { n: 3 },
  EI: { n: 4 },
  EIP: { n: 2, parts: { 1: 'EI', 2: 'EI' } },
  FN: { n: 5 },
  SAD: { n: 3 },
  XPN: { n: 15, parts: { 1: 'FN', 9: 'CWE', 10: 'DR', 12: 'DTM', 13: 'DTM' } },
  XAD: { n: 23, parts: { 1: 'SAD', 9: 'CWE', 10: 'CWE', 12: 'DR', 13: 'DTM', 14: 'DTM', 15: 'CWE', 22: 'CWE', 23: 'EI' } },
  XCN,
  // XCN with PPN.15 (date/time action performed) inserted
  PPN: { n: 26, parts: { 2: 'FN', 8: 'CWE', 9: 'HD', 14: 'HD', 15: 'DTM', 17: 'CWE', 18: 'DR', 20: 'DTM', 21: 'DTM', 23: 'CWE', 24: 'CWE' } },
  XON: { n: 10, parts: { 2: 'CWE', 6: 'HD', 8: 'HD' } },
  XTN: { n: 18, parts: { 13: 'DTM', 14: 'DTM', 15: 'CWE', 16: 'CWE', 17: 'EI' } },
  PL: { n: 11, parts: { 1: 'HD', 2: 'HD', 3: 'HD', 4: 'HD', 7: 'HD', 8: 'HD', 10: 'EI', 11: 'HD' } },
  LA2: { n: 16, parts: { 4: 'HD' } },
  // CQ.1 `2&mg&UCUM`: a sender's units as subcomponents of the quantity, which hig reads (medication-timing.test.ts)
  CQ: { n: 2, parts: { 1: 'CWE', 2: 'CWE' } },
  DR: { n: 2, parts: { 1: 'DTM', 2: 'DTM' } },
  DTM: { n: 2 },
  SN: { n: 4 },
  NR: { n: 2 },
  MO: { n: 2 },
  CP: { n: 6, parts: { 1: 'MO', 4: 'CWE', 5: 'CWE' } },
  MOC: { n: 2, parts: { 1: 'MO', 2: 'CWE' } },
  MOP: { n: 3 },
  PLN: { n: 4, parts: { 2: 'CWE' } },
  DLN: { n: 3, parts: { 2: 'CWE' } },
  DLD: { n: 2, parts: { 1: 'CWE', 2: 'DTM' } },
  MSG: { n: 3 },
  PT: { n: 2 },
  VID: { n: 3, parts: { 2: 'CWE', 3: 'CWE' } },
  SPS: { n: 7, parts: { 1: 'CWE', 2: 'CWE', 4: 'CWE', 5: 'CWE', 6: 'CWE', 7: 'CWE' } },
  TQ: { n: 12, parts: { 1: 'CQ', 2: 'RI', 4: 'DTM', 5: 'DTM', 10: 'OSD', 11: 'CWE' } },
  RI: { n: 2 },
  OSD: { n: 11 },
  RPT: { n: 11, parts: { 1: 'CWE', 6: 'CWE', 10: 'CWE' } },
  CNN: { n: 11 },
  NDL: { n: 11, parts: { 1: 'CNN', 2: 'DTM', 3: 'DTM', 7: 'HD' } },
  FC: { n: 2, parts: { 1: 'CWE', 2: 'DTM' } },
  JCC: { n: 3, parts: { 1: 'CWE', 2: 'CWE' } },
  AUI: { n: 3 },
  DTN: { n: 2 },
  ICD: { n: 3, parts: { 1: 'CWE', 3: 'DTM' } },
  PRL: { n: 3, parts: { 1: 'CWE' } },
  ED: { n: 5, parts: { 1: 'HD' } },
  RP: { n: 4, parts: { 2: 'HD' } },
  ST: { n: 1 },
  TX: { n: 1 },
  FT: { n: 1 },
  ID: { n: 1 },
  // IS fields became CWE in v2.7 (GT1-9 `F^Female^HL70001`, read as a CWE: cwe-table-code.test.ts): the widest
  IS: CODED,
  NM: { n: 1 },
  SI: { n: 1 },
  DT: { n: 1 },
  TM: { n: 1 },
};
