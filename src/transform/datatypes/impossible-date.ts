/**
 * [hig impossible-date rule, docs/mapping.md "Time-zone rule" → "A date that is no date"; review 57 R57-R1 (N6)] Which
 * date fields a value that is no date (month 13, 31 June, day 00) refuses the message in, and which it is left out of.
 *
 * A date a resource's identity reads, or one the v2 segment requires (the IG segment maps' v2 cardinality ≥ 1), refuses
 * the message as INVALID_DATE, located, never the value: a wrong or missing date there files the record under another
 * key or leaves it without what defines it. So does a date of year 0000 in any field: issue 14 names it ("reject
 * impossible dates (year 0000) with a located error instead of passing them through"), and a `0000…` date is a
 * sender's placeholder, no date at all. The optional dates below are facts about a resource no key reads: one
 * impossible there cost the whole message (review 57 #06: an IAM-11 day 00 refused the A60 and its allergy), where a
 * date with a control character in any field is left out and reported (characters.ts). Here too: left out, one located
 * report line. Day `00` (`YYYYMM00`, month and day `YYYY0000`) with no time of day is read at the precision it states
 * (`2029-06`, `2029`), reported: the sender's "day unknown" (a v2 DTM states a coarser date by truncation, `202906`),
 * and the month and year it gives are kept, nothing guessed. A listed field holds no identity: adding one means
 * checking that no key (identity.ts, entities.ts, the mapper's cx.add key) reads it.
 */

/** `SEG-n` (or `SEG-n.c`): optional (IG v2 cardinality 0) dates of a fact, read by no identity key. */
const LEFT_OUT_WHEN_IMPOSSIBLE: ReadonlySet<string> = new Set([
  // [IG IAM[AllergyIntolerance] #11 onsetDateTime, #13 recordedDate]; the key is the allergen (clinical.ts allergyKey)
  'IAM-11', 'IAM-13',
  // [IG DG1[Condition] #5 onsetDateTime, #19 recordedDate]; the key is patient + visit + DG1-3 (clinical.ts)
  'DG1-5', 'DG1-19',
  // [IG PRB[Condition] #7 recordedDate, #16 onsetDateTime]; the key is the problem's number or code (admin.ts)
  'PRB-7', 'PRB-16',
  // [IG PV2[Encounter] #8, #9] the expected admit and discharge (plannedStartDate / plannedEndDate extensions)
  'PV2-8', 'PV2-9',
  // [IG NK1[RelatedPerson] #16] a contact's birth date (its key is the patient + NK1 set / name, nk1.ts)
  'NK1-16',
  // [IG NTE #6] a note's entered time (Annotation.time)
  'NTE-6',
  // [IG OBX[Observation] #19] the analysis time (the key reads OBX-14, not OBX-19)
  'OBX-19',
  // [IG SPM[Specimen] #18] the received time (the key is SPM-2, else the order and draw: SPM-17 / OBR-7)
  'SPM-18',
  // [IG RXA[Immunization] #16; hig RXA-16 / RXD-19 → the product's batch] a lot's expiry
  'RXA-16', 'RXD-19',
  // [IG PRT[Device] #17, #18] a device's manufacture and expiry dates
  'PRT-17', 'PRT-18',
]);

/** Whether an impossible date in `field` (`IAM-11`) of `segment` is left out and reported, not refused. */
export function leftOutWhenImpossible(segment: string, field: string): boolean {
  return LEFT_OUT_WHEN_IMPOSSIBLE.has(`${segment}-${field}`);
}

/** A date of year 0000: refused in every field (issue 14). */
export function yearZero(raw: string): boolean {
  return /^\s*0000/.test(raw);
}

/**
 * `YYYYMM00` → `YYYYMM`, `YYYY0000` → `YYYY` (day, or month and day, 00: unknown; no time of day after it); undefined
 * for any other value. The caller reads the result as any date (a month 13 stays no date).
 */
export function statedPrecision(raw: string): string | undefined {
  const m = /^\s*(\d{4})(\d{2})00\s*$/.exec(raw);
  if (m === null) return undefined;
  const [, year = '', month = ''] = m;
  return month === '00' ? year : `${year}${month}`;
}
