/**
 * Field datatypes of the segments hig maps that the IG segment maps (the input of
 * build-field-types.ts → data/field-types.json) do not list. Hand-written from the HL7 v2.5.1
 * standard's segment definitions (chapters 2C, 4A, 6, 11, 12, 15; unchanged through v2.8 for these
 * fields), normalised as the generator does (CE → CWE, TS → DTM). field-types.json wins where both
 * name a field. Without an entry a field's datatype is unknown and characters.ts leaves a
 * repetition holding a control character out whole (review10 #3).
 *
 * `ID` marks an ST field that is an identifier, code or number rather than text (a character there
 * leaves the value out, as characters.ts IDENTIFYING_TEXT does for the generated fields).
 */
const RF1 = { 1: 'CWE', 2: 'CWE', 3: 'CWE', 4: 'CWE', 5: 'CWE', 6: 'EI', 7: 'DTM', 8: 'DTM', 9: 'DTM', 10: 'CWE', 11: 'EI' };
// PRD and CTD share their shape (v2.5.1 ch. 11)
const PRD = { 1: 'CWE', 2: 'XPN', 3: 'XAD', 4: 'PL', 5: 'XTN', 6: 'CWE', 7: 'PLN', 8: 'DTM', 9: 'DTM' };
const GT1 = {
  1: 'SI', 2: 'CX', 3: 'XPN', 4: 'XPN', 5: 'XAD', 6: 'XTN', 7: 'XTN', 8: 'DTM', 9: 'IS', 10: 'IS', 11: 'CWE',
  12: 'ID', // guarantor SSN (ST)
  13: 'DT', 14: 'DT', 15: 'NM', 16: 'XPN', 17: 'XAD', 18: 'XTN', 19: 'CX', 20: 'IS', 21: 'XON', 22: 'ID',
};
const IN2 = { 1: 'CX', 2: 'ID' /* insured's SSN (ST) */, 3: 'XCN' };
const FT1 = {
  1: 'SI', 2: 'ID' /* transaction id (ST) */, 3: 'ID' /* batch id (ST) */, 4: 'DR', 5: 'DTM', 6: 'IS', 7: 'CWE', 8: 'ST', 9: 'ST',
  10: 'NM', 11: 'CP', 12: 'CP', 13: 'CWE', 14: 'CWE', 15: 'CP', 16: 'PL', 17: 'IS', 18: 'IS', 19: 'CWE', 20: 'XCN',
  21: 'XCN', 22: 'CP', 23: 'EI', 24: 'XCN', 25: 'CWE', 26: 'CWE',
};
const PRB = {
  1: 'ID', 2: 'DTM', 3: 'CWE', 4: 'EI', 5: 'EI', 6: 'NM', 7: 'DTM', 8: 'DTM', 9: 'DTM', 10: 'CWE', 11: 'CWE', 12: 'CWE',
  13: 'CWE', 14: 'CWE', 15: 'DTM', 16: 'DTM', 17: 'ST', 18: 'CWE', 19: 'CWE', 20: 'NM', 21: 'CWE', 22: 'CWE', 23: 'ST',
  24: 'ST', 25: 'CWE',
};
const GOL = {
  1: 'ID', 2: 'DTM', 3: 'CWE', 4: 'EI', 5: 'EI', 6: 'NM', 7: 'DTM', 8: 'DTM', 9: 'CWE', 10: 'CWE', 11: 'CWE', 12: 'DTM',
  13: 'DTM', 14: 'DTM', 16: 'CWE', 17: 'ST', 18: 'CWE', 19: 'DTM', 20: 'CWE',
};
const RXD = {
  1: 'NM', 2: 'CWE', 3: 'DTM', 4: 'NM', 5: 'CWE', 6: 'CWE', 7: 'ID' /* prescription number (ST) */, 8: 'NM', 9: 'ST',
  10: 'XCN', 11: 'ID', 12: 'CQ', 14: 'ID', 15: 'CWE', 16: 'NM', 17: 'CWE', 18: 'ID' /* lot number (ST) */, 19: 'DTM',
  20: 'CWE', 21: 'CWE', 22: 'NM', 23: 'CWE', 24: 'ID', 25: 'CWE', 26: 'CWE', 27: 'CWE', 28: 'NM', 29: 'CWE', 30: 'CWE',
  31: 'XAD', 32: 'ID', 33: 'CWE',
};
const RXE = {
  2: 'CWE', 3: 'NM', 4: 'NM', 5: 'CWE', 6: 'CWE', 7: 'CWE', 9: 'ID', 10: 'NM', 11: 'CWE', 12: 'NM', 13: 'XCN', 14: 'XCN',
  15: 'ID' /* prescription number (ST) */, 16: 'NM', 17: 'NM', 18: 'DTM', 20: 'ID', 21: 'CWE',
  22: 'ID' /* give per time unit (ST, a code) */, 23: 'ID' /* give rate amount (ST, a number) */, 24: 'CWE', 25: 'NM',
  26: 'CWE', 27: 'CWE', 28: 'NM', 29: 'CWE', 30: 'ID', 31: 'CWE', 32: 'DTM', 33: 'NM', 34: 'CWE', 35: 'CWE', 36: 'ID',
  37: 'CWE', 38: 'CWE', 39: 'NM', 40: 'CWE', 41: 'XAD', 42: 'XAD', 43: 'XAD', 44: 'ID',
};
const ARV = { 1: 'SI', 2: 'CNE', 3: 'CWE', 4: 'CWE', 5: 'ST', 6: 'DR' };
const IAR = { 1: 'CWE', 2: 'CWE', 3: 'CWE', 4: 'ST' };

const SEGMENTS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  RF1, PRD, CTD: PRD, GT1, IN2, FT1, PRB, GOL, RXD, RXE, ARV, IAR,
};

/** `RF1-6` → `EI`, for the fields of SEGMENTS. */
export const FIELD_TYPES_SUPPLEMENT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SEGMENTS).flatMap(([seg, fields]) => Object.entries(fields).map(([n, t]) => [`${seg}-${n}`, t])),
);
