/**
 * Which values of a sender's MSH hig may repeat in what it writes (ACK fields and texts, failure
 * reasons, logs, alerts, webhook bodies). A value is echoed only when it has the form the standard
 * gives it, or is in the table of known values; anything else is named by its field ("the
 * character set in MSH-18"), never repeated. A hostile or careless sender then cannot put text of
 * its choosing — or a patient's name — into a reason, an alert or an operator's log.
 *
 * Not covered here: MSH-3..6 are swapped into the ACK's MSH (HL7 requires it; the ACK goes back to
 * the sender that wrote them) and MSH-10 is the ACK's MSA-2 and the message's identity in logs.
 */

/** HL7 v2 versions (table 0104) hig knows; an MSH-12 outside this list is not repeated. */
export const HL7_VERSIONS: readonly string[] = ['2.1', '2.2', '2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.7.1', '2.8', '2.8.1', '2.8.2', '2.9'];

/** Processing ids of table 0103 (production, training, debugging). */
const PROCESSING_IDS: readonly string[] = ['P', 'T', 'D'];

/** Message type (table 0076) and trigger event (table 0003) codes, Z-codes included: three letters or digits. */
const CODE = /^[A-Z0-9]{3}$/;
/** Message structure (table 0354), e.g. ADT_A01. */
const STRUCTURE = /^[A-Z0-9]{3}_[A-Z0-9]{3}$/;

export function echoCode(value: string | undefined): string | undefined {
  return value !== undefined && CODE.test(value) ? value : undefined;
}

export function echoStructure(value: string | undefined): string | undefined {
  return value !== undefined && STRUCTURE.test(value) ? value : undefined;
}

export function echoVersion(value: string | undefined): string | undefined {
  return value !== undefined && HL7_VERSIONS.includes(value) ? value : undefined;
}

export function echoProcessingId(value: string | undefined): string | undefined {
  return value !== undefined && PROCESSING_IDS.includes(value) ? value : undefined;
}

/** "ADT^A01" when both parts are codes ("ADT" when there is no event); undefined otherwise. */
export function echoMessageType(code: string | undefined, event: string | undefined): string | undefined {
  const type = echoCode(code);
  if (type === undefined) return undefined;
  if (event === undefined || event === '') return type;
  const ev = echoCode(event);
  return ev === undefined ? undefined : `${type}^${ev}`;
}
