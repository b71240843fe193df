/**
 * The ADT messages the mother suites build (test/destinations/nk1-mother-delivery.test.ts, test/codereview32/mother,
 * test/codereview33/identifiers): patient QV5550101 (TESTMOTHER, TOBY) at QVMC, PID-21 and NK1s as each test gives
 * them. Synthetic names and numbers.
 */
export const msh = (type: string, control: string) => `MSH|^~\\&|QVREG|QVMC|HIG|QVMC|202612061410-0600||${type}|${control}|P|2.5.1`;
export const pid = (pid21: string) => `PID|1||QV5550101^^^QVMC^MR||TESTMOTHER^TOBY||20260101|M|||4 ALDER WAY^^QUILLVALE^IL^60999^USA^H||||||||||${pid21}`;
/** NK1 saying MTH (table 0063), NK1-33 as given. */
export const nk1 = (name: string, nk133: string) => `NK1|1|${name}|MTH^Mother^HL70063${'|'.repeat(30)}${nk133}`;
export const adt = (event: string, control: string, pid21: string, nk1s: readonly string[]) =>
  [msh(`ADT^${event}^ADT_A01`, control), `EVN|${event}|202612061400-0600`, pid(pid21), ...nk1s, 'PV1|1|I|W2^210^A'].join('\r');
export const ELSA = (nk133: string) => nk1('TESTMOTHER^ELSA', nk133);
