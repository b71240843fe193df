/**
 * Whose driver's licence a DLN is (DLN.2, issuing state, province or country → Identifier.system
 * [IG DLN[Identifier] DLN.2 → system via CWE[uri]]).
 *
 * The IG's CWE[uri] takes CWE.1 as the URI itself, and a US feed sends the state's postal code
 * (`MI`), which is no URI: before this module the system was left out and reported (review 13: 16
 * of its 25 messages). A US state's licence numbers have an OID of their own in HL7's OID
 * registry, `2.16.840.1.113883.4.3.<n>` with `<n>` the state's FIPS 5-2 numeric code (Michigan
 * `…4.3.26`); that convention is the one US receivers match on (checked against several public
 * FHIR code bases before it was used here). So a postal code becomes its state's OID.
 *
 * Only when the code can mean nothing else: a two-letter DLN.2 may be an ISO 3166 country (`CA`
 * Canada, `DE` Germany, `IN` India collide with states), so the state reading needs a message from
 * the US (MSH-17 empty or USA) and no coding system other than a state table in CWE.3. Anything
 * else keeps the old rule: reported, no system. A channel's namespace map still wins (a site that
 * names its own URI for `MI` gets it).
 */

/** US postal code → FIPS 5-2 numeric state code (50 states and DC). */
const FIPS: Readonly<Record<string, number>> = {
  AL: 1, AK: 2, AZ: 4, AR: 5, CA: 6, CO: 8, CT: 9, DE: 10, DC: 11, FL: 12, GA: 13, HI: 15, ID: 16,
  IL: 17, IN: 18, IA: 19, KS: 20, KY: 21, LA: 22, ME: 23, MD: 24, MA: 25, MI: 26, MN: 27, MS: 28,
  MO: 29, MT: 30, NE: 31, NV: 32, NH: 33, NJ: 34, NM: 35, NY: 36, NC: 37, ND: 38, OH: 39, OK: 40,
  OR: 41, PA: 42, RI: 44, SC: 45, SD: 46, TN: 47, TX: 48, UT: 49, VT: 50, VA: 51, WA: 53, WV: 54,
  WI: 55, WY: 56,
};

/** Root of the US state driver's licence OIDs (HL7 OID registry). */
const LICENCE_ROOT = '2.16.840.1.113883.4.3';

/**
 * Coding systems in CWE.3 that say "a state": v2 tables 0347 (State/Province) and 0333 (Driver's
 * license issuing authority), and the FIPS / USPS names senders use for them.
 */
const STATE_TABLES = new Set(['', 'HL70347', 'HL70333', '0347', '0333', 'USPS', 'FIPS5_2', 'FIPS5-2']);

/** MSH-17 values that name the United States (ISO 3166 alpha-3, alpha-2, numeric). */
const US = new Set(['', 'USA', 'US', '840']);

/** Whether a message from country `msh17` (MSH-17, CWE.1/ID) may read a postal code as a US state. */
export function readsUsStates(msh17: string | undefined): boolean {
  return US.has((msh17 ?? '').trim().toUpperCase());
}

/**
 * The US state licence system for DLN.2's code `code` under coding system `codeSystem` (CWE.3),
 * or undefined when the code is no US state's postal code or CWE.3 names another code set.
 */
export function usStateLicenceSystem(code: string, codeSystem: string | undefined): string | undefined {
  if (!STATE_TABLES.has((codeSystem ?? '').toUpperCase())) return undefined;
  const fips = FIPS[code.toUpperCase()];
  return fips === undefined ? undefined : `urn:oid:${LICENCE_ROOT}.${fips}`;
}
