/**
 * How each resource is recognised across messages: the identity rules behind every resource id
 * (docs/mapping.md "Resource identity" lists each one). An id is a function of the facts that
 * identify the resource clinically, never of the message that carried it [DESIGN invariant 8]:
 * a resend, a correction (OBX-11 C, OBR-25 C) or an update (A08 after A01) PUTs to the same URL.
 *
 * The rules here pick the facts; context.ts turns them into ids (ids.ts) and conditional-update
 * searches. A business identifier identifies when there is one; otherwise the facts that make a
 * thing that thing in clinical terms (an allergy = patient + allergen); only where even those are
 * missing is the id scoped to the message, and docs/mapping.md says so per type.
 */
import { authorityKey } from './datatypes/identifier.js';
import type { FactsKey, IdentityKey, Json, Resource } from './types.js';

const IDENTIFIER_TYPES = 'http://terminology.hl7.org/CodeSystem/v2-0203';

/** `system|code` of a CodeableConcept's first coding (else `|text`): a code as an identity fact. */
export function conceptKey(cc: Json | undefined): string | undefined {
  if (cc === undefined) return undefined;
  const coding = Array.isArray(cc.coding) ? (cc.coding[0] as Json | undefined) : undefined;
  if (typeof coding?.code === 'string') return `${typeof coding.system === 'string' ? coding.system : ''}|${coding.code}`;
  return typeof cc.text === 'string' ? `|${cc.text.trim().toUpperCase()}` : undefined;
}

/** A code system URI hig made for a name table 0396 does not know (vocabulary/coding-systems.ts resolve). */
const LOCAL_SYSTEM = 'urn:hl7v2:codesystem:';

/**
 * A code as an identity fact across senders (`system|code`): a code of a published code system
 * (LOINC, SNOMED CT, an OID or URI the sender names) means the same whoever sends it; a local code
 * (no system, a system name table 0396 does not know such as `L` or `99XYZ`, or one of the
 * field's user-defined HL7 tables, `userTables`, whose values each site defines) means what its
 * sender means, so the sender (MSH-4, `sender`) is part of it: `sender:<MSH-4>|system|code`, the
 * rule a PL without its facility follows (entities.ts location). Two hospitals' `SNF` discharge
 * destinations are two places; one hospital's is one place in every message.
 */
export function codeFact(coding: Json | undefined, sender: string | undefined, userTables: readonly string[] = []): string | undefined {
  const code = typeof coding?.code === 'string' ? coding.code : undefined;
  if (code === undefined) return undefined;
  const system = typeof coding?.system === 'string' ? coding.system : undefined;
  const local = system === undefined || system.startsWith(LOCAL_SYSTEM) || userTables.some((t) => system === `http://terminology.hl7.org/CodeSystem/v2-${t}`);
  return local ? senderFact(sender, system ?? '', code) : `${system}|${code}`;
}

/**
 * [hig identity] A value that names something only within its sender (a local code, a place
 * without its facility, a patient number without an assigning authority): the sender is part of
 * the fact, `sender:<sender>|part|part…`. The one rule behind codeFact, a discharge destination's
 * name (pv1.ts) and a bare patient number (patientKey).
 */
export function senderFact(sender: string | undefined, ...parts: readonly string[]): string {
  return [`sender:${sender ?? ''}`, ...parts].join('|');
}

/** A person's name as an identity fact: `FAMILY|GIVEN GIVEN`, upper case (a relative known only by name). */
export function nameFact(name: Json | undefined): string | undefined {
  if (name === undefined) return undefined;
  const given = Array.isArray(name.given) ? name.given.join(' ') : '';
  const family = typeof name.family === 'string' ? name.family : '';
  const text = `${family}|${given}`.trim().toUpperCase();
  return text === '|' ? undefined : text;
}

/** `authority|value` of an identifier: the identifier as an identity fact. */
export function identifierFact(identifier: Json): string {
  return `${authorityKey(identifier)}|${String(identifier.value)}`;
}

function identifierType(identifier: Json): string | undefined {
  const codings = (identifier.type as Json | undefined)?.coding;
  if (!Array.isArray(codings)) return undefined;
  const hit = (codings as Json[]).find((c) => c.system === IDENTIFIER_TYPES || c.system === undefined);
  return typeof hit?.code === 'string' ? hit.code : undefined;
}

/**
 * Which identifier type identifies a person best (HL7 table 0203): the medical record number
 * first, then the sender's other patient numbers, then national/jurisdictional ones, then
 * untyped, then everything else; account/visit numbers, documents and the SSN last (they are
 * identifiers of the person, but the least stable or least specific as a record's identity).
 */
const PATIENT_TYPE_RANK: Readonly<Record<string, number>> = {
  MR: 0,
  PI: 1,
  PT: 2,
  PN: 3,
  MRT: 4,
  NI: 5,
  NH: 5,
  JHN: 5,
  HC: 5,
  NNxxx: 5,
};
const UNTYPED_RANK = 6;
const OTHER_RANK = 7;
const LAST_RESORT: Readonly<Record<string, number>> = { MB: 8, AN: 9, VN: 9, PPN: 10, DL: 11, SS: 12 };

/**
 * Local spellings of table 0203 types that real feeds send in CX.5 (no system: a local code), ranked
 * as the type they name (hig rule, review 16 class R16-I1): Cerner's `MRN` is the medical record
 * number, and ranked as "other" it tied with the same feed's `CMRN`, so an A08 carrying both keyed
 * the Patient on whichever value sorted first while the orders, carrying the MRN only, keyed it on
 * the MRN: one patient, two URLs. `FIN NBR`/`FIN` (the financial, i.e. account, number of a visit)
 * rank as AN so that they never identify the person. Compared without case and spaces. A local
 * `MRN` ranks just after table 0203's own MR (a message naming both keys on the MR).
 */
const LOCAL_TYPE_RANK: Readonly<Record<string, number>> = { MRN: 0.5, FIN: 9, FINNBR: 9 };

function patientRank(identifier: Json): number {
  const type = identifierType(identifier);
  if (type === undefined) return UNTYPED_RANK;
  return PATIENT_TYPE_RANK[type] ?? (/^NN[A-Z]{3}$/.test(type) ? 5 : undefined) ?? LAST_RESORT[type] ?? LOCAL_TYPE_RANK[type.replace(/\s+/g, '').toUpperCase()] ?? OTHER_RANK;
}

/**
 * An identifier's authority as patient identity counts it: a driver's licence (type DL) counts as
 * bare whatever its issuer. DLN.2 gained a system or assigner with issue 14's licence rule
 * (licence-issuer.ts); before it a licence was always bare, and adding the issuing state to the
 * same person's licence must not move the Patient's URL past an SSN or the sender's bare record
 * number (code review 15, CR15-1).
 */
function identityAuthority(id: Json): string {
  return identifierType(id) === 'DL' ? '' : authorityKey(id);
}

/**
 * [hig patient identity, issue 14 item 4, review 39 R39-N3] Where an identifier stands in the channel's
 * `conversion.patientAuthorities` (the assigning authorities whose numbers identify a patient record, most
 * preferred first): its position, matched by system URI or by CX.4's namespace (the assigner's name, HD.1
 * else HD.2); `preferred.length` when it stands nowhere, and for every identifier that never identifies a
 * person however preferred its authority (MB, AN/VN, PPN, DL, SS: LAST_RESORT), so a preferred clinic's
 * account number never outranks the hospital's MRN. An empty list ranks every identifier 0: the default
 * order is unchanged. IHE PIX/PDQ practice: a patient identifier is meaningful per identifier domain, its
 * assigning authority (CX.4), and a consumer picks the domain it keys on (ITI-9 PIX Query QPD-4 "What
 * Domains Returned", ITI-83 PIXm targetSystem), not a type code; the IG maps every PID-3 repetition to
 * Patient.identifier and picks none [IG PID[Patient] #3].
 */
function preferredRank(id: Json, preferred: readonly string[]): number {
  if (preferred.length === 0) return 0;
  if (patientRank(id) > OTHER_RANK || identityAuthority(id) === '') return preferred.length;
  const namespace = (id.assigner as Json | undefined)?.display;
  const at = preferred.findIndex((a) => a === id.system || a === namespace);
  return at < 0 ? preferred.length : at;
}

/**
 * The identifier that identifies a patient record, chosen by rule and not by position, so the
 * same identifier set in any order addresses the same Patient: one with an assigning authority
 * (a system, or CX.4's namespace) before one without, whatever its type (review 11 class R11-B:
 * `PATID1234^^^ADT1^<local text>` is the sender's numbered record, a bare untyped `123456789`
 * says nobody's number); then the channel's preferred authorities (`preferred`, preferredRank: before
 * the type, so one child's `PP…^^^PMPEDS^MR~PM…^^^PMCH^MR` keys on the hospital's PMCH number however
 * the clinic spells its own authority, review 39 R39-N3); then lowest type rank (MR first); then by
 * authority, then by value (both compared as text, so the choice is the same in every message).
 */
export function patientIdentity(identifiers: readonly Json[], preferred: readonly string[] = []): Json | undefined {
  let best: Json | undefined;
  let bestKey: [number, number, number, string, string] | undefined;
  for (const id of identifiers) {
    if (typeof id.value !== 'string') continue;
    const authority = identityAuthority(id);
    const key: [number, number, number, string, string] = [authority === '' ? 1 : 0, preferredRank(id, preferred), patientRank(id), authority, id.value];
    if (bestKey === undefined || compare(key, bestKey) < 0) {
      best = id;
      bestKey = key;
    }
  }
  return best;
}

/**
 * A Patient's identity key (docs/mapping.md "Resource identity"): the identifier patientIdentity
 * chooses. One with an assigning authority is the patient's everywhere; a bare number (no system,
 * no CX.4) is unique only within its sender (senderFact), so two senders' patient `123456789` are
 * two Patients (review 11 class R11-B: EVERYMAN ADAM of ADT1/GHHSFacility and BROS MARIO of
 * NES/NINTENDO were PUT at one URL). `sender`: Conversion.sender (MSH-4, else MSH-3); `preferred`: the
 * channel's patientAuthorities (Conversion.patientAuthorities).
 */
export function patientKey(identifiers: readonly Json[], sender: string | undefined, preferred: readonly string[] = []): IdentityKey {
  const identity = patientIdentity(identifiers, preferred);
  if (identity === undefined || identityAuthority(identity) !== '') return identity;
  return facts('patient:bare', [senderFact(sender, String(identity.value))]);
}

/**
 * [hig patient identity; v2.5.1 3.3.47; review 67 R67-W1] Whether two patient identifiers are numbers of one record-key
 * domain: one identity authority (identityAuthority: the system, else CX.4; a side with neither takes the other's) and
 * one identifier type, a side sent without CX.5 taking the other's (as identifier-namespace.ts, code review 33 CR33-2).
 * A record keyed on an MR of TPRH is renumbered by another TPRH MR; a PHN (AB, JHN) beside it is another domain.
 */
export function sameKeyDomain(a: Json, b: Json): boolean {
  // a side with no authority at all (a bare MRG-1, a common sender habit) takes the other's, as a side without CX.5
  // takes the other's type: read as "another domain" it made an MRN change a silent correction (code review of fix37d)
  const [aa, ab] = [identityAuthority(a), identityAuthority(b)];
  if (aa !== '' && ab !== '' && aa !== ab) return false;
  const ta = identifierType(a);
  const tb = identifierType(b);
  return ta === undefined || tb === undefined || ta === tb;
}

function compare(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number | string;
    const y = b[i] as number | string;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** The id of a resource as an identity fact (`Patient/<id>`): its own identity, already chosen by rule. */
export function resourceFact(resource: Resource | undefined): string | undefined {
  return resource === undefined ? undefined : `${resource.resourceType}/${resource.id ?? ''}`;
}

/** Facts → key; undefined (message-scoped) when any required fact is missing. */
function facts(kind: string, parts: readonly (string | undefined)[], query?: string): FactsKey | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  const key: FactsKey = { facts: [kind, ...parts] };
  if (query !== undefined) key.query = query;
  return key;
}

function codeQuery(identifier: Json, code: Json | undefined): string | undefined {
  const coding = Array.isArray(code?.coding) ? (code.coding[0] as Json | undefined) : undefined;
  if (typeof identifier.system !== 'string' || typeof coding?.system !== 'string' || typeof coding.code !== 'string') return undefined;
  return `identifier=${encodeURIComponent(identifier.system)}|${encodeURIComponent(String(identifier.value))}&code=${encodeURIComponent(coding.system)}|${encodeURIComponent(coding.code)}`;
}

/**
 * An order (ServiceRequest from ORC+OBR, DiagnosticReport from OBR): its order number with the
 * test code ([IG ORU_R01 4.2.2] each OBR is its own request/report; senders share one placer or
 * filler number across the OBRs of a panel, so the number alone is not the test's identity).
 * Without any order number: patient + test code + OBR-7/OBR-6 time. Without a time either, what
 * the OBR is sent as part of (`within`, an identified resource: the test a prior result is sent
 * with [IG OML_O21 PRIOR_RESULT.ORDER_PRIOR], the request a report is the report of) + the test
 * code, its position among such OBRs of one message making repeats `#2`… (context.ts 'distinct');
 * else message-scoped. A lone ORC (no OBR) is identified by its number alone (an order event is
 * not: orderEventKey).
 */
export function orderKey(kind: 'request' | 'report', number: Json | undefined, code: Json | undefined, patient: Resource | undefined, time: string | undefined, within?: Resource): IdentityKey {
  if (number !== undefined && typeof number.value === 'string') {
    if (code === undefined) return number;
    return facts(`${kind}:number`, [identifierFact(number), conceptKey(code)], codeQuery(number, code)) ?? number;
  }
  return facts(`${kind}:facts`, [resourceFact(patient), conceptKey(code), time]) ?? facts(`${kind}:within`, [resourceFact(within), conceptKey(code) ?? '']);
}

/**
 * [hig identity, review 17 R17-I1] An order event: a lone ORC (no OBR/RXO… in its group) whose
 * ORC-1 acts on an order placed before (CA/OC/DC cancel, HD hold, SC status…). It names the order
 * by its number only, while an OBR's ServiceRequest is its number + OBR-4 (orderKey): no id of the
 * event's own would be the order's. So it is no PUT: the conditional create + patch searched by the
 * number (bundle.ts, patch.ts orderEventEntries). A number with a system is searched as it is. One
 * without (the usual `ORD555^EPIC` of a channel without a namespaceMap) could be another sender's
 * order, so it is searched among the orders of the event's patient only (`subject`), when the message
 * identifies the patient beyond itself (`patient`), as a value without a system (`identifier=|value`:
 * never another authority's number of that patient); without either the key is undefined
 * (message-scoped) and the event is left out (hl7v2.ts finish).
 */
export function orderEventKey(number: Json | undefined, patient: Resource | undefined): FactsKey | undefined {
  if (number === undefined || typeof number.value !== 'string') return undefined;
  if (typeof number.system === 'string') {
    return facts('request:event', [identifierFact(number)], `identifier=${encodeURIComponent(number.system)}|${encodeURIComponent(number.value)}`);
  }
  const subject = resourceFact(patient);
  const query = patientNumberSearch(number, patient);
  if (subject === undefined || query === undefined) return undefined;
  // `|value`: that value with NO system [FHIR R4 search.html#token], as the event's identifier is; a
  // bare `identifier=value` matched it under any system, another authority's number of the patient
  // (code review 19, CR19-1)
  return facts('request:event-of-patient', [identifierFact(number), subject], query);
}

/**
 * [hig identity] The search of a number hig scopes to the patient's record (patientNumberKey: a
 * document's TXA-12), always among the identified patient's resources, with its system or without:
 * `identifier=<system>|<value>&subject=Patient/<id>` (`|<value>` without a system). A document
 * notification searched by TXA-12 alone patched another patient's document of that number (code
 * review 25 CR25-2). Undefined without a value or an identified patient.
 */
export function patientNumberSearch(number: Json | undefined, patient: Resource | undefined): string | undefined {
  const subject = resourceFact(patient);
  if (number === undefined || typeof number.value !== 'string' || subject === undefined) return undefined;
  const system = typeof number.system === 'string' ? encodeURIComponent(number.system) : '';
  return `identifier=${system}|${encodeURIComponent(number.value)}&${SUBJECT}${subject}`;
}

/**
 * [hig class-change rule; review 40 R40-N2, code review 31 CR31-4] The search of a visit an A06/A07's MRG names: its
 * number with its system (a number unique per authority), else among the patient's visits (patientNumberSearch).
 */
export function visitNumberSearch(number: Json, patient: Resource | undefined): string | undefined {
  if (typeof number.system !== 'string') return patientNumberSearch(number, patient);
  return `identifier=${encodeURIComponent(number.system)}|${encodeURIComponent(String(number.value))}`;
}

/**
 * [hig identity, review 22 R22-D1] The search of an order event sent with its OBR (order.ts
 * testEventRequest): the order's number as orderEventKey searches it (with a system as it is, else
 * among the identified patient's orders), and the test's OBR-4 code [IG ORU_R01 4.2.2, OML_O21
 * 6.4.1: one ServiceRequest per OBR, so a requisition's other tests under the number are not
 * matched]: `code=<system>|<code>` of its first coding, `|<code>` without a system (FHIR R4
 * search.html#token). Undefined when orderEventKey is (the event keeps its full PUT).
 */
export function orderEventTestSearch(number: Json | undefined, code: Json | undefined, patient: Resource | undefined): string | undefined {
  const query = orderEventKey(number, patient)?.query;
  if (query === undefined) return undefined;
  const coding = searchedCoding(code);
  if (coding === undefined) return query;
  const token = `${coding.system === undefined ? '' : encodeURIComponent(coding.system)}|${encodeURIComponent(coding.code)}`;
  // the code beside the identifier, before a patient's subject (chainedEventSubject rewrites that one)
  const [identifier, ...rest] = query.split('&');
  return [identifier, `code=${token}`, ...rest].join('&');
}

/**
 * [hig identity, review 36 R36-W2] The mark of the scheduler's ServiceRequest of a booking (an SIU AIS of
 * an appointment whose SCH-26/27 name the order: scheduling.ts aisRequest), in `meta.tag` [FHIR R4
 * resource.html#Meta: tags "identify and relate resources to process and workflow"]. That request carries
 * the order's placer number and the AIS-3 service, often the order's OBR-4 code, and is kept apart from the
 * order on purpose (docs/mapping.md "Resource identity", ServiceRequest of an AIS; code review 16 CR16-1).
 * A fixed system, whatever a channel's extension base: the scheduler's channel marks what every order
 * channel's search leaves out.
 */
export const SCHEDULER_REQUEST_TAG: Readonly<{ system: string; code: string; display: string }> = {
  system: 'https://hig.example/fhir/CodeSystem/request-origin',
  code: 'scheduler-booking',
  display: "the scheduler's request for a booking of an order (SIU AIS), not the order",
};

/**
 * [hig identity, review 36 R36-W2] A search that finds an order (a ServiceRequest an order, result or
 * event message names by number, number + OBR-4: an order event's conditional create and PATCH, an
 * order's conditional update) never finds the scheduler's request of its booking: `_tag:not=` its mark
 * [FHIR R4 search.html#all `_tag` (token), #token `:not` "includes resources that have no value for the
 * parameter"], so the orders held without any tag are found as before. Before, an OMG/ORM cancel (ORC-1
 * CA) searched by PLAC + OBR-4 found the booking's request too, and the FHIR destination patched both
 * (order-events.ts BY_MATCH): the booked slot took the order's time, requester and reasons. Other types'
 * searches as they are.
 */
export function ordersOnlySearch(type: string, query: string): string {
  if (type !== 'ServiceRequest') return query;
  return `${query}&_tag:not=${encodeURIComponent(SCHEDULER_REQUEST_TAG.system)}|${encodeURIComponent(SCHEDULER_REQUEST_TAG.code)}`;
}

/** The coding of a test's OBR-4 its order-event search names (orderEventTestSearch): the first, when it has a code. */
export function searchedCoding(code: Json | undefined): { system?: string; code: string } | undefined {
  const coding = Array.isArray(code?.coding) ? (code.coding[0] as Json | undefined) : undefined;
  if (typeof coding?.code !== 'string') return undefined;
  return typeof coding.system === 'string' ? { system: coding.system, code: coding.code } : { code: coding.code };
}

/** The literal subject parameter of a patient-scoped order-event search (orderEventKey). */
const SUBJECT = 'subject=';

/**
 * An order-event search (orderEventKey) whose patient the Bundle sends by a search of its own
 * (conditionalUpdate, or kept under omittedFields keep): the server's id for that Patient is the
 * server's, so `subject=Patient/<hig id>` becomes the chained `subject:Patient.<its search>` [FHIR R4
 * search.html#chaining] when `patientSearch` gives a one-parameter search for it. Here, beside the
 * search it rewrites, so one module owns the format (code review 19, CR19-7: bundle.ts re-parsed it).
 */
export function chainedEventSubject(search: string, patientSearch: (typeId: string) => string | undefined): string {
  return search
    .split('&')
    .map((param) => {
      if (!param.startsWith(`${SUBJECT}Patient/`)) return param;
      const query = patientSearch(param.slice(SUBJECT.length));
      return query === undefined || query.includes('&') ? param : `subject:Patient.${query}`;
    })
    .join('&');
}

/**
 * [hig identity, review 16 R16-I2] A child order (OBR-29/OBR-26 name a parent) that carries its
 * parent's placer number: the placer number, its own filler number, its test code (OBR-4) and the
 * parent result it hangs on (OBR-26 code and sub-id), all from the child's own OBR, so it has one URL
 * whether it is sent alone or beside its parent, and never the parent's (the number alone). No
 * conditional-update search: `identifier=<placer>` finds the parent.
 */
export function childRequestKey(placer: Json, filler: Json | undefined, code: Json | undefined, parentResult: string | undefined): IdentityKey {
  return facts('request:child', [identifierFact(placer), filler !== undefined && typeof filler.value === 'string' ? identifierFact(filler) : '', conceptKey(code) ?? '', parentResult ?? '']);
}

/**
 * [hig identity, R16-I2] A child report (OBR-29/OBR-26 name a parent) carrying its parent's number,
 * with an OBR-26 parent result: the number + OBR-4 + that result (code, sub-id), so sibling reports
 * of one culture (one per isolate) keep apart, alone or together. No conditional-update search.
 */
export function childReportKey(number: Json, code: Json | undefined, parentResult: string): IdentityKey {
  return facts('report:child', [identifierFact(number), conceptKey(code) ?? '', parentResult]);
}

/**
 * A clinical fact the sender numbers itself (OBX-21, SPM-2, DG1-20, PR1-19, PRB-4, GOL-4, IAM-7,
 * TXA-12, FT1-2): the number within the patient's record, as doseKey does for dose numbers. Senders reuse
 * such numbers across patients (review 3: one OBX-21 `EI21^OII` on two patients' results, one
 * DG1-20 `DG1002` on two patients' diagnoses), and the EI's namespace proves no uniqueness: keyed
 * by the number alone, the second patient's PUT replaced the first patient's result. Order, visit
 * and account numbers are not scoped (an A45 moves a visit by its number; ORC-2 is unique per
 * placer by definition). A patient merge moves a resource by its subject reference, never by its
 * URL. Without a patient (an OBX or SPM of a message with no PID) the number alone is the key.
 * No conditional-update search: `identifier=` alone would find the other patient's resource.
 */
export function patientNumberKey(kind: PatientNumberKind, patient: Resource | undefined, number: Json): IdentityKey {
  return { facts: patientNumberFacts(kind, resourceFact(patient) ?? '', number) };
}

/**
 * [hig identity; review 52 R52-W2] The kinds of number patientNumberKey (and doseKey, `dose`) keys each resource type
 * by within a patient's record. The FHIR destination recomputes such an id under the records merged into the patient
 * (destinations/merged-numbers.ts): a key of a kind not listed here is not followed there.
 */
export const PATIENT_NUMBER_KINDS = {
  Immunization: ['dose'],
  Observation: ['obx'],
  Condition: ['diagnosis', 'problem'],
  Procedure: ['procedure'],
  Specimen: ['specimen'],
  DocumentReference: ['document'],
  Goal: ['goal'],
  AllergyIntolerance: ['allergy'],
  ChargeItem: ['charge'],
} as const satisfies Record<string, readonly string[]>;

export type PatientNumberKind = (typeof PATIENT_NUMBER_KINDS)[keyof typeof PATIENT_NUMBER_KINDS][number];

/**
 * The facts of a number within a patient's record (`patient`: `Patient/<hig's id>`), the one shape patientNumberKey,
 * doseKey and the FHIR destination's merged-record lookup name it by: `["<kind>:number", patient, "<authority>|<value>"]`.
 */
export function patientNumberFacts(kind: PatientNumberKind, patient: string, number: Json, second?: Json): string[] {
  return [`${kind}:number`, patient, identifierFact(number), ...(second === undefined ? [] : [identifierFact(second)])];
}

/**
 * [IG SPM[Specimen] #2 → identifier[1] placer (EIP.1), identifier[2] filler (EIP.2); v2.5.1 EIP: both components, when
 * valued, name the same specimen; hig identity, review 56 R56-W1] A Specimen's SPM-2 within the patient's record: both
 * numbers when both are sent (filler, placer: the pair is the specimen's name), else the one sent. Keyed by the filler
 * number alone, a sender's namespace in EIP.2 (`S56-0115-01^NVLIS`: every tube's "filler number" `NVLIS`) gave each
 * message's first tube the id of every other message's, so a urine tube's PUT replaced the serum tube at the server;
 * keyed by the placer number alone, the containers a lab numbers under one placer number shared one key (code review
 * 25 CR25-7). The FHIR destination follows the pair under a merged record (merged-numbers.ts).
 */
export function specimenNumberKey(patient: Resource | undefined, filler: Json | undefined, placer: Json | undefined): IdentityKey {
  const valued = (n: Json | undefined): n is Json => n !== undefined && typeof n.value === 'string';
  if (valued(filler) && valued(placer)) return { facts: patientNumberFacts('specimen', resourceFact(patient) ?? '', filler, placer) };
  return numberKey('specimen', patient, filler ?? placer);
}

/** An identifier the mapper made, as a patient-scoped key (patientNumberKey), else undefined. */
export function numberKey(kind: PatientNumberKind, patient: Resource | undefined, number: Json | undefined): IdentityKey {
  return number !== undefined && typeof number.value === 'string' ? patientNumberKey(kind, patient, number) : undefined;
}

/**
 * An OBX: [IG OBX-21] its observation instance identifier within the patient's record
 * (patientNumberKey) when sent, else what it is a result of (the report, the order, the dose, the
 * specimen) + OBX-3 + OBX-4 sub-id; an observation about the patient or visit alone (ADT, VXU
 * person observations) adds OBX-14, since the same code recurs.
 */
export function observationKey(instance: Json | undefined, patient: Resource | undefined, anchor: Resource | undefined, code: Json | undefined, subId: string | undefined, time: string | undefined): IdentityKey {
  if (instance !== undefined && typeof instance.value === 'string') return patientNumberKey('obx', patient, instance);
  const standalone = anchor?.resourceType === 'Patient' || anchor?.resourceType === 'Encounter';
  return facts('obx', [resourceFact(anchor), conceptKey(code), subId ?? '', standalone ? (time ?? '') : '']);
}

/**
 * A visit: [IG PV1[Encounter] PV1-19] the visit number, else PV1-50 (alternate visit id), else
 * the patient + PV1-44 admit time (the same admission of the same patient), else the patient +
 * PV1-5 preadmit number, else the patient + what the PV1 says the visit is (`described`: PV1-2
 * class and PV1-10 hospital service as sent, the ids of the PV1-3 Location and PV1-7 Practitioner; see
 * docs/mapping.md "Resource identity" for why these and what it costs). Review 6 class G: such a
 * visit was scoped to MSH-10, so a resend under a new MSH-10 PUT a second Encounter (issue 14 #3).
 * Without a patient nothing names the visit: message-scoped.
 */
export function encounterKey(visit: Json | undefined, alternate: Json | undefined, patient: Resource | undefined, admitted: string | undefined, preadmit?: Json, described?: readonly string[]): IdentityKey {
  if (visit !== undefined) return visit;
  if (alternate !== undefined) return alternate;
  if (admitted !== undefined) return facts('visit', [resourceFact(patient), admitted]);
  if (preadmit !== undefined && typeof preadmit.value === 'string') return facts('visit:preadmit', [resourceFact(patient), identifierFact(preadmit)]);
  return described === undefined ? undefined : facts('visit:described', [resourceFact(patient), ...described]);
}

/**
 * An appointment without SCH-1/SCH-2 (review 6 sweep: SIU_12 was scoped to MSH-10, a resend PUT a
 * second Appointment): the patient + its start (TQ1-7, SCH-11 or the first AIS/AIx start: the
 * times scheduling.ts settles; else the requested period's start) + what is booked (AIS-3 service,
 * else SCH-8 type, else SCH-7 reason). Known only at the end of the message (SCH precedes the PID):
 * Conversion.rekey gives the id then. Without a patient or a time nothing names it: message-scoped.
 */
export function appointmentKey(patient: Resource | undefined, start: string | undefined, service: Json | undefined): FactsKey | undefined {
  return facts('appointment', [resourceFact(patient), start, conceptKey(service) ?? '']);
}

/**
 * The ServiceRequest an ordered appointment's AIS makes [IG SIU_S12 5.2.1 AIS[ServiceRequest]]: the
 * scheduler's view of the order, keyed by its Appointment (`appointment`: that resource's identity
 * fact) + the AIS-3 service, in a kind of its own. Never the URL of the order an ORM/OML placed
 * under the same number: the AIS request carries no requester or reason and follows the
 * appointment's status, so a full PUT of it there would erase the order's requester, and an
 * appointment cancel would revoke the order (review of ais16); nor one request for two bookings
 * of one order (code review 16, CR16-1). Both carry the placer number as an identifier. No
 * conditional-update search: `identifier=` would find the ORM's order.
 */
export function scheduledRequestKey(appointment: string, service: Json | undefined): FactsKey | undefined {
  return facts('scheduled-request', [appointment, conceptKey(service) ?? '']);
}

/**
 * [hig identity] A Specimen without a number of its own (an SPM without SPM-2, or the Specimen of an
 * OBR without SPM): `anchor`'s specimen (the report, else the order, else the patient) of this type
 * collected at this time (SPM-17, OBR-7). One owner for spm.ts and obr-specimen.ts, so that the two
 * readings of one specimen keep one URL (code review 18: the key was written in both).
 */
export function specimenFactsKey(anchor: Resource | undefined, type: Json | undefined, collected: string | undefined): FactsKey | undefined {
  return facts('specimen', [resourceFact(anchor), conceptKey(type) ?? '', collected ?? '']);
}

/**
 * A dose given against an order (RAS/RDS MedicationAdministration): the order number + RXA-3, the
 * time it was given. An order's doses share its number (a Q12H order is given twice a day), so the
 * number alone PUT each dose over the last (review 17, R17-W1). No conditional-update search:
 * `identifier=` would find the other doses.
 */
export function administrationKey(number: Json, given: string | undefined): FactsKey | undefined {
  return facts('administration:number', [identifierFact(number), given ?? '']);
}

/**
 * A give of a pharmacy order (RGV_O15 RXG → a MedicationRequest of intent instance-order): the order's
 * number (placer, else filler, as the order's own key) + RXG-1, the give sub-ID counter that v2.5.1
 * 4A.14.6.1 says identifies each give of the order (`subId`). Never MSH-10: a resend of the give PUTs the same
 * URL. No conditional-update search: the give carries no identifier of its own (the order's number would
 * make the order's `identifier=` search find its gives too). Without a number: message-scoped.
 *
 * [code review 31 CR31-6] RXG-1 empty (a non-conformant sender: it is required): the order's number + what tells
 * one give of the order from another in any message, its start (`start`: the TIMING_GIVE TQ1-7, else RXG-3's TQ.4,
 * as mapped) and its give code RXG-4 (`give`). Until fix33d it was the give's position among the order's RXGs in
 * THIS message, so the next RGV's one give of the order (position 1 again) PUT over the first. Without a start
 * either: message-scoped (undefined), never a key another give could share.
 */
export function giveKey(number: Json | undefined, subId: string | undefined, start?: string, give?: Json): FactsKey | undefined {
  if (number === undefined) return undefined;
  if (subId !== undefined) return facts('give:number', [identifierFact(number), subId]);
  return start === undefined ? undefined : facts('give:start', [identifierFact(number), start, conceptKey(give) ?? '']);
}

/**
 * A referral without RF1-6: the patient + RF1-7 (else RF1-9) + RF1-3 type + the first RF1-10 reason
 * (admin.ts finishReferral, at the end of the message: RF1 precedes the PID). Without a patient or
 * a date nothing names it: message-scoped.
 */
export function referralKey(patient: Resource | undefined, authored: string | undefined, type: Json | undefined, reason: Json | undefined): FactsKey | undefined {
  return facts('referral', [resourceFact(patient), authored, conceptKey(type) ?? '', conceptKey(reason) ?? '']);
}

/** CDC IIS IG: ORC-3 `9999` says the sender keeps no id for the dose (refusals, historical, no vaccine). */
const NO_DOSE_NUMBER = new Set(['9999']);

/**
 * True for a dose's ORC-2/ORC-3 that is the CDC IIS IG's "no number" placeholder `9999`: no identity
 * (doseKey) and no identifier (immunization.ts), one rule for both.
 */
export function isNoDoseNumber(n: Json | undefined): boolean {
  return n !== undefined && typeof n.value === 'string' && NO_DOSE_NUMBER.has(n.value.trim());
}

/**
 * A dose (Immunization): the sender's dose number (ORC-3, else ORC-2) within the patient's record,
 * else the patient + vaccine (RXA-5) + RXA-3. The number is scoped to the patient because senders
 * reuse numbers: the CDC IIS IG's `9999^CDC` is on every refusal of every patient, and the IG's own
 * VXU sample repeats one ORC-2/ORC-3 on three doses; a number alone would PUT one patient's dose
 * over another patient's. `9999` names no dose at all.
 */
export function doseKey(numbers: readonly (Json | undefined)[], patient: Resource | undefined, vaccine: Json | undefined, when: string | undefined): IdentityKey {
  const number = numbers.find((n) => n !== undefined && typeof n.value === 'string' && !isNoDoseNumber(n));
  const subject = resourceFact(patient);
  if (number !== undefined) return subject === undefined ? undefined : { facts: patientNumberFacts('dose', subject, number) };
  return facts('dose', [subject, conceptKey(vaccine), when]);
}

/**
 * A RelatedPerson is a person in relation to one patient (RelatedPerson.patient is 1..1): the mother
 * of twins (NK1-33) or the guarantor of siblings (GT1-2, GT1-12 SSN) is one RelatedPerson per child.
 * Keyed by the person's identifier alone, the second child's message PUT the first child's
 * RelatedPerson over to itself; so an identifier identifies within the patient's record, and
 * without one the relationship/role and name do (`kind`, `facts`).
 */
export function relatedPersonKey(kind: string, patient: Resource | undefined, identifier: Json | undefined, ...parts: (string | undefined)[]): IdentityKey {
  if (identifier !== undefined && typeof identifier.value === 'string') return facts(`${kind}:id`, [resourceFact(patient), identifierFact(identifier)]);
  return facts(kind, [resourceFact(patient), ...parts]);
}

/**
 * [hig identity; IG PID[Patient] #21 → CX[RelatedPerson-Mother], NK1[RelatedPerson] #3 MTH] The patient's
 * mother, as PID-21 or the patient's only NK1 saying MTH names her: the patient + "mother", neither her
 * identifier nor her name. Each feed sends what it has (a registry's VXU PID-21 and the NK1, a hospital's
 * ADT the NK1 alone), and a key made of either would leave one mother per feed (code review 27 CR27-6).
 */
export function motherKey(patient: Resource | undefined): FactsKey | undefined {
  return facts('related-person:mother', [resourceFact(patient)]);
}

/**
 * [hig mother rule; review 44 R44-N6] The search of the mother PID-21 alone names (pid.ts mother, patch.ts
 * namedMotherEntries): hig's id, `_id=<id>`. Her id is the patient's mother key (motherKey), the one URL every
 * feed writes her at, whichever of PID-21 and her NK1 it sends; her PID-21 identifier would miss the mother a
 * hospital ADT's NK1 alone made (no identifier), and a receiver's conditional create would make a second one,
 * which, once a VXU PUT PID-21 at hig's id, made every later search of the identifier find two (412).
 */
export function motherSearch(mother: Resource): string {
  return `_id=${encodeURIComponent(mother.id ?? '')}`;
}

/** Patient-scoped clinical facts (allergy = patient + allergen; diagnosis = patient + visit + code …). */
export function patientFactsKey(kind: string, patient: Resource | undefined, ...parts: (string | undefined)[]): IdentityKey {
  return facts(kind, [resourceFact(patient), ...parts]);
}

/**
 * [hig identity, nk1org18] The organization an NK1-13 names *with its contact persons* (NK1-30–32,
 * [IG NK1[Patient] #30–32] → Organization.contact) is the patient's view of that organization: the
 * shared Organization (`organization`, keyed by its XON: entities.ts organizationKey) + the patient.
 * Keyed by the XON alone, every patient's message PUT its own contact list over the last one, and
 * showed patient A's contact person on the Organization patient B's message wrote. No conditional-
 * update search: `identifier=` would find the shared Organization (or another patient's view).
 */
export function contactOrganizationKey(patient: Resource | undefined, organization: Resource | undefined): FactsKey | undefined {
  return facts('organization:contacts-of-patient', [resourceFact(patient), resourceFact(organization)]);
}
