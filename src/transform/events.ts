/**
 * What an ADT trigger event means for the resources of its message: the encounter status it sets
 * (beating PV1-45), what it deletes, and how its MRG merges. One table, so every cancel, delete,
 * merge, swap and update event is answered in one place (docs/mapping.md "Event semantics").
 *
 * Sources: [IG ConceptMap Event[EncounterStatus]] for A01 A02 A03 A04 A05 A08 A11 A13 (read from the
 * IG's CSV, vocabulary.json); [IG ConceptMap SegmentActionCode D → DELETE] for the delete events;
 * the v2.5.1 chapter 3 event definitions where the IG has no map (marked hig below).
 */
import { lookupCode } from './vocabulary/index.js';

/** R5 Encounter elements the IG carries into R4 as cross-version extensions [IG PV2[Encounter] #8, #9]. */
export const PLANNED_START = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Encounter.plannedStartDate';
export const PLANNED_END = 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Encounter.plannedEndDate';

export interface EventMeaning {
  /** The Encounter.status the event itself says (beats PV1-45); undefined: the event says nothing. */
  encounterStatus?: string;
  /** The resource type the event deletes (A29 delete person → Patient, A23 delete visit → Encounter, P02 purge → Account). */
  deletes?: 'Patient' | 'Encounter' | 'Account';
  /**
   * A resource type the event's segments only identify (P02: the PV1 names the visit whose account
   * is purged): nothing of that type is upserted, so the purge creates no visit.
   */
  identifiesOnly?: 'Encounter';
  /** What MRG merges: the patient record (replaces/replaced-by links), or an account only (no patient link). */
  merge?: 'patient' | 'account' | 'patient-and-account';
  /**
   * MRG-3 names the patient's prior account, kept beside the PID-18 one (A06/A07 change the
   * patient class: [IG ADT_A06 MRG → Account[2], MRG[Account]; subject Patient[1]]).
   */
  priorAccount?: boolean;
  /**
   * MRG-5 (MRG-6) names the visit before the class change; a number other than PV1-19's is a stay that
   * ended when the new one began (A06/A07 with a new visit number: admin.ts priorVisit, patch.ts
   * endedVisitEntry; review 40 R40-N2).
   */
  endsPriorVisit?: boolean;
  /**
   * The event links (A24) or unlinks (A37) the records its first two PIDs name: FHIR R4 Patient.link
   * `seealso` both ways, added or removed (patient-links.ts).
   */
  patientLink?: 'link' | 'unlink';
  /**
   * [v2.5.1 3.3.47; review 67 R67-W1] The event changes one identifier of the PID's record (A47 *change patient
   * identifier list*: "a single PID-3 value has been found to be incorrect and has been changed"; MRG-1 is the
   * incorrect value). Only when MRG-1 is a number of the record's key domain (an MRN change: the record the old number
   * keys is this person's) is it a merge; any other MRG-1 (a mistyped PHN) is withdrawn from the record and nothing
   * is retired (admin.ts mapMrg).
   */
  changesIdentifier?: boolean;
  /** The event moves a visit between patients (A45): MRG names the visit's prior patient, no patient merge. */
  movesVisit?: boolean;
  /** A12 cancels a transfer: PV1-3 is where the patient stays; PV1-6 is no place the patient was. */
  cancelsTransfer?: boolean;
  /**
   * A26 cancels a pending transfer: PV1-42 and PV2-1 name the move that will not happen, so they
   * place no location (left unread: the report lists them).
   */
  cancelsPendingTransfer?: boolean;
  /**
   * PV1 fields that, in this cancel, describe the event it cancels, not the visit as it now is: left
   * unread (the report lists them). A13 cancels a discharge: its PV1-36 disposition and PV1-37
   * discharged-to location are the discharge's (as its PV1-45 already is: no period.end); A32 cancels an
   * arrival: PV1-43 is the place the patient did not arrive at; A33 cancels a departure: PV1-42 is the
   * place the patient is no longer going to (review 35 R35-N4/N7; v2.5.1 3.3.13, 3.3.32, 3.3.33); A27 cancels a
   * pending admission: PV1-42 is the bed that admission was to have (review 57 R57-W2; v2.5.1 3.3.27).
   */
  cancelledPv1?: readonly number[];
  /**
   * [hig cancel rule, issue 14; review 57 R57-N7; v2.5.1 2.5.3: a field not sent is unchanged] The event cancels an
   * event of the visit (A11, A12, A13, A25, A26, A27, A32, A33, A38, A52, A53): it owns the visit's status (its
   * `encounterStatus`), the places it names as the cancelled event's (cancelledPv1, cancelsTransfer…) and these paths
   * (`period.end`, `hospitalization.dischargeDisposition`, `extension:<url>`): what the cancelled event alone said,
   * taken back. Every other element of the visit its PUT leaves out is kept as the server holds it (segments/pv1.ts
   * cancelKeeps, destinations/held-elements.ts): a bare PV1 is no statement that the admit reason is gone.
   */
  cancelOwns?: readonly string[];
  /**
   * [hig attending-change rule, where the IG is silent (no ADT_A54 message map, no A54/A55 row in Event[EncounterStatus]);
   * v2.5.1 3.3.54/3.3.55; review 57 R57-R2] The event changes the visit's attending doctor (A54; A55 cancels that
   * change, its PV1-7 the attending restored): the visit's participants are merged by type at the FHIR destination
   * (the held admitter, referrer, consultants stay unless the message names one of that type), not replaced whole.
   * With `cancelOwns: []` (every other element it leaves out kept) and a status not conveyed (`unknown`, as the IG reads
   * an A08: "the transaction does not convey the status of the encounter").
   */
  changesAttending?: boolean;
  /**
   * [v2.5.1 3.3.55 "PV1-7 … should contain the restored attending doctor"; code review 37 CR37-3] The event cancels an
   * attending change (A55): an empty PV1-7 restores none, so the attending the A54 set is removed, not kept (pv1.ts).
   */
  restoresAttending?: boolean;
  /** The event is a pre-admission (A05 pre-admit, A14 pending admit): PV1-3 is the bed to come, `planned`. */
  preAdmits?: boolean;
  /**
   * The event is about the pending admission (A14 pending admit, A27 cancel pending admit), not about the visit its PV1
   * names: its `encounterStatus` and `preAdmits` hold only for a visit not begun (pendingAdmission below; R57-W1).
   */
  pendingAdmission?: boolean;
  /**
   * The message names the visit its PV1 describes but does not write it (every message that is no ADT
   * event: results, orders, pharmacy, documents…): the Encounter is created if the server has none and
   * otherwise left as the ADT feed wrote it (bundle.ts, patch.ts visitEntries).
   */
  namesVisit?: boolean;
  /**
   * The message is the scheduler's (SIU): the visit its PV1 names is booked, and PV1-3 (PV1-11) the place booked,
   * not the place the patient is (segments/pv1.ts bookedPlaceStatus; review 49 R49-W1).
   */
  books?: boolean;
  /**
   * The message names the patient's account (PID-18) but does not write it (every message that is no
   * ADT or BAR event: charges, results, orders…): the Account is created if the server has none and
   * otherwise left as the ADT/BAR feed wrote it, but for the GT1 guarantors the message states
   * (bundle.ts, patch.ts accountEntries; review 34 R34-N2).
   */
  namesAccount?: boolean;
  /** The referral ServiceRequest.status the event itself says (beats RF1-1); undefined: RF1-1 decides. */
  referralStatus?: string;
  /**
   * What the message says of its PR1 procedures (Procedure.status, clinical.ts procedureStatus):
   * `planned` for a visit still to come (A05, A14), `performed` for a visit under way or over and
   * its accounts and charges (the other ADT events, BAR, DFT); undefined where the PR1 may be a
   * procedure asked for (REF). [IG PR1[Procedure] #0: "depends on the message context"]
   */
  procedures?: 'planned' | 'performed';
}

/**
 * [hig cancel rule, issue 14; FHIR R4 encounter-status `cancelled` "the Encounter has ended before it has begun"] What
 * a cancel that makes the visit `cancelled` (A11, A38, an A27 of a visit not begun) owns: its period, which is its own
 * PV1-44 or none (a pre-admission's period.start is PV2-8's expected admit, pv1.ts, a time the visit did not begin at).
 */
const VISIT_CANCELLED: readonly string[] = ['period.start', 'period.end'];

/**
 * hig's supplement for ADT events the IG's Event[EncounterStatus] map does not list (v2.5.1
 * chapter 3): cancels undo the event they cancel; pending events leave the visit as it was.
 */
const SUPPLEMENT: Readonly<Record<string, EventMeaning>> = {
  A06: { encounterStatus: 'in-progress', priorAccount: true, endsPriorVisit: true }, // change an outpatient to an inpatient: the visit goes on
  A07: { encounterStatus: 'in-progress', priorAccount: true, endsPriorVisit: true }, // change an inpatient to an outpatient
  A12: { encounterStatus: 'in-progress', cancelsTransfer: true, cancelOwns: [] }, // cancel transfer: the patient stays, at PV1-3
  A05: { preAdmits: true }, // pre-admit (its status planned comes from the IG's map)
  A14: { encounterStatus: 'planned', preAdmits: true, pendingAdmission: true }, // pending admit (of a visit not begun: pendingAdmission)
  A15: { encounterStatus: 'in-progress' }, // pending transfer
  A16: { encounterStatus: 'in-progress' }, // pending discharge: not discharged yet
  A17: { encounterStatus: 'in-progress' }, // swap patients: both stay, in each other's bed
  // merge patient information (v2.3/2.4, withdrawn later; review 26 R26-R1): the record MRG names merges
  // into PID's, as A34/A40 (its successors: v2.3.1 3.3.18 points to A34-A36 and A39-A42)
  A18: { merge: 'patient' },
  // leave of absence (review 29 R29-R1/R2): the visit is not over [FHIR R4 encounter-status onleave]
  A21: { encounterStatus: 'onleave' }, // patient goes on a leave of absence
  A22: { encounterStatus: 'in-progress' }, // patient returns from a leave of absence
  // their cancels (v2.5.1 3.3.52/3.3.53; review 40 R40-N1): A52 cancel leave of absence, the patient never
  // left, the visit goes on as before the A21; A53 cancel patient returns, the patient is still away
  A52: { encounterStatus: 'in-progress', cancelOwns: [] }, // cancel leave of absence for a patient
  A53: { encounterStatus: 'onleave', cancelOwns: [] }, // cancel patient returns from a leave of absence
  // change attending doctor and its cancel (v2.5.1 3.3.54/3.3.55; review 57 R57-R2): the attending (PV1-7, in the A55
  // the one restored) is what the event says; the status, places, period, reason… are not its statement: the status not
  // conveyed (`unknown`, the FHIR destination keeps the held one), what the PUT leaves out kept as a cancel's is
  A54: { encounterStatus: 'unknown', cancelOwns: [], changesAttending: true },
  A55: { encounterStatus: 'unknown', cancelOwns: [], changesAttending: true, restoresAttending: true },
  A23: { deletes: 'Encounter' }, // delete a patient visit [IG SegmentActionCode D → DELETE]
  // link patient information (v2.5.1 3.3.24): two records of one person, kept distinct, each `seealso`
  // the other; its PV1s are the visits as any ADT's (review 31 R31-R1)
  A24: { patientLink: 'link' },
  // cancel admit (its status cancelled comes from the IG's map: FHIR R4 "ended before it has begun"): the visit's
  // period is what the cancel's own PV1-44 says (none: no span) [IG Event[EncounterStatus] A11, PV1[Encounter] #44,
  // #45]; what the admission said of the visit stays, the record of the visit cancelled
  A11: { cancelOwns: VISIT_CANCELLED },
  // cancel discharge (its status in-progress comes from the IG's map): the discharge's end, disposition and
  // destination taken back [IG PV1[Encounter] #45, #36, #37]
  A13: { cancelledPv1: [36, 37], cancelOwns: ['period.end', 'hospitalization.dischargeDisposition', 'hospitalization.destination'] },
  // cancel pending discharge: the A16's expected discharge [IG PV2[Encounter] #9], disposition and destination [IG
  // PV1[Encounter] #36, #37] taken back (review 35 R35-N7)
  A25: { encounterStatus: 'in-progress', cancelOwns: [`extension:${PLANNED_END}`, 'hospitalization.dischargeDisposition', 'hospitalization.destination'] },
  A26: { encounterStatus: 'in-progress', cancelsPendingTransfer: true, cancelOwns: [] }, // cancel pending transfer: the patient stays at PV1-3
  // cancel pending admit: the admission will not happen (of a visit not begun: pendingAdmission); PV1-42 is the bed
  // of the admission it cancels, no place of the visit, as an A26's and an A33's (review 57 R57-W2)
  A27: { encounterStatus: 'cancelled', pendingAdmission: true, cancelledPv1: [42], cancelOwns: VISIT_CANCELLED },
  A29: { deletes: 'Patient' }, // delete person information [IG SegmentActionCode D → DELETE]
  A32: { cancelledPv1: [43], cancelOwns: [] }, // cancel patient arriving - tracking
  A33: { cancelledPv1: [42], cancelOwns: [] }, // cancel patient departing - tracking
  A34: { merge: 'patient' }, // merge patient information - patient ID only
  A35: { merge: 'account' }, // merge patient information - account number only
  A36: { merge: 'patient-and-account' }, // merge patient ID and account number
  // unlink patient information (v2.5.1 3.3.37): the A24 link removed, nothing else of either record
  // changed; its PV1s only name the visits (no Encounter upserted, as P02's)
  A37: { patientLink: 'unlink', identifiesOnly: 'Encounter' },
  // cancel pre-admit: no period (as A11); the pre-admission's reason, admit source and expected admit stay, the record
  // of the visit cancelled (review 57 R57-N7)
  A38: { encounterStatus: 'cancelled', cancelOwns: VISIT_CANCELLED },
  A39: { merge: 'patient' }, // merge person - patient ID
  A40: { merge: 'patient' }, // merge patient - patient identifier list
  A41: { merge: 'account' }, // merge account - patient account number
  // move account information (v2.5.1 3.3.44): MRG-3's account, of MRG-1's patient, now the PID's; the
  // prior account row (IG MRG[Account]) with the PID patient as holder, no patient link (review 25)
  A44: { merge: 'account' },
  A45: { movesVisit: true }, // move visit information - visit number
  // change patient identifier list: one identifier of the record corrected; a merge only for a changed record key
  A47: { merge: 'patient', changesIdentifier: true },
};

/**
 * [v2 table 0003; no IG REF map] the referral events of REF_I12: I12 create, I13 modify and I15
 * status query leave RF1-1 to say the status; I14 cancels the referral, whatever RF1-1 still says,
 * as the IG's OrderControlCode map makes an order cancel (OC, CR, DC) `revoked` and as A11 beats PV1-45.
 */
const REFERRAL: Readonly<Record<string, EventMeaning>> = {
  I14: { referralStatus: 'revoked' }, // cancel patient referral
};

/**
 * [v2 table 0003; no IG BAR map] the account events of BAR: P01 add and P12 update leave the
 * Account as the PID says (active); P02 *purge patient accounts* removes each PID-18 Account (a
 * DELETE, as A29/A23 delete through [IG SegmentActionCode D → DELETE]) and upserts no visit: the
 * receiver must not create or keep active what the sender purges.
 */
const ACCOUNTS: Readonly<Record<string, EventMeaning>> = {
  P02: { deletes: 'Account', identifiesOnly: 'Encounter' }, // purge patient accounts
};

/**
 * [hig, review 16 "not counted, worth a decision"; deviation from IG PV1[Encounter] #2 IF PV1-45 NOT
 * VALUED → status via PatientClass[EncounterStatus], which the IG's ORU_R01 4.1.8.1, ORM_O01 3.4.1,
 * OML_O21 5.8.1, SIU_S12 4.2, MDM_T02 6 and VXU_V04 8.1 message maps apply through PV1[Encounter]]
 * A message that is no ADT visit event (results, orders, pharmacy, scheduling, documents,
 * immunizations, charges, accounts, referrals) names the visit it is about; it does not report the
 * visit's state, as the IG's own Event[EncounterStatus] says of an A08 update ("unknown"). The
 * patient class there made a clinic visit booked for next week `in-progress` (SIU S12, kept after
 * the S15 cancel) and a result or discharge summary after an A03 PUT `in-progress` over the visit's
 * `finished`. So: `unknown`, unless PV1-45 is valued (`finished`, IG PV1[Encounter] #45), as A08.
 */
const NOT_A_VISIT_EVENT: EventMeaning = { encounterStatus: 'unknown', namesVisit: true };

/**
 * [hig account rule, where the IG is silent (it has no GT1 map, no BAR or DFT message map); v2.5.1
 * 2.5.3: a field not sent is unchanged] The account (PID-18) is written by the messages that carry its
 * facts: the ADT feed's registration (its GT1 guarantors, v2.5.1 3.3) and the account events (BAR).
 * Any other message names it: a charge (DFT), result, order… echoes PID-18 without the guarantor, and
 * a full PUT of its Account erased the ADT's guarantor at the server until the next ADT (review 34
 * R34-N2: #21's DFT after #17's A04). As a visit a message names (NOT_A_VISIT_EVENT).
 */
const NAMES_ACCOUNT: EventMeaning = { ...NOT_A_VISIT_EVENT, namesAccount: true };

/**
 * [hig account rule; code review 27 CR27-4] ADT structures that hold no GT1 (A02, A09–A12, A15, A21–A27,
 * A38, A60…) cannot state the account's guarantors, so their full PUT of the PID-18 Account erased the ones
 * the registration wrote: they name it as any other message does. Not the merge and move structures (their
 * account changes patient: MRG-3, A44), which write it as before.
 */
const WRITES_ACCOUNT_WITHOUT_GT1: ReadonlySet<string> = new Set(['ADT_A18', 'ADT_A30', 'ADT_A39', 'ADT_A43', 'ADT_A45']);

/** Whether an ADT message of `structure` only names its account (NAMES_ACCOUNT) because the structure has no GT1. */
export function adtNamesAccount(structure: string, holdsGt1: boolean): boolean {
  return !holdsGt1 && !WRITES_ACCOUNT_WITHOUT_GT1.has(structure);
}

/** The meaning of `event` (MSH-9.2) for ADT, REF and BAR messages; a non-ADT message's visit status is `unknown` (NOT_A_VISIT_EVENT). */
export function eventMeaning(messageType: string, event: string, namesAccount = false): EventMeaning {
  const meaning = adtMeaning(messageType, event);
  return namesAccount && messageType === 'ADT' ? { ...meaning, namesAccount: true } : meaning;
}

function adtMeaning(messageType: string, event: string): EventMeaning {
  if (messageType === 'REF') return { ...NAMES_ACCOUNT, ...REFERRAL[event] };
  // [hig PR1 context] an account (BAR) or a charge (DFT) is for a procedure done; BAR writes the account
  if (messageType === 'BAR') return { ...NOT_A_VISIT_EVENT, procedures: 'performed', ...ACCOUNTS[event] };
  if (messageType === 'DFT') return { ...NAMES_ACCOUNT, procedures: 'performed' };
  // [hig, R49-W1] an appointment's PV1 is the visit booked: its place is planned, not where the patient is
  if (messageType === 'SIU') return { ...NAMES_ACCOUNT, books: true };
  if (messageType !== 'ADT') return NAMES_ACCOUNT;
  const fromIg = lookupCode('Event[EncounterStatus]', event);
  const supplement = SUPPLEMENT[event] ?? {};
  // [hig PR1 context] a pre-admission's PR1 is the procedure the visit is planned for
  const procedures = supplement.preAdmits === true ? 'planned' : 'performed';
  return fromIg === undefined ? { procedures, ...supplement } : { procedures, ...supplement, encounterStatus: fromIg };
}

/**
 * Encounter.status: the event's status when it says one ([IG Event[EncounterStatus]]: A11
 * cancelled even with a PV1-45 echoed in the cancel, A13 in-progress); else PV1-45 valued →
 * finished [IG PV1[Encounter] PV1-45]; else A08's or a non-ADT message's `unknown` (the IG: an
 * update does not convey the status; NOT_A_VISIT_EVENT); else the patient class [IG
 * PatientClass[EncounterStatus] IF PV1-45 NOT VALUED].
 */
export function encounterStatus(meaning: EventMeaning, discharged: boolean, patientClass: string | undefined): string {
  const fromEvent = meaning.encounterStatus;
  if (fromEvent !== undefined && fromEvent !== 'unknown') return fromEvent;
  if (discharged) return 'finished';
  return fromEvent ?? lookupCode('PatientClass[EncounterStatus]', patientClass) ?? 'unknown';
}

/**
 * [hig pending-admission rule, where the IG is silent (no A14 or A27 row in Event[EncounterStatus], no ADT_A14 or
 * ADT_A27 message map); v2.5.1 3.3.14 "an A14 notifies other systems of a planned admission", 3.3.27 "the A27 is sent
 * when an A14 event is cancelled"; review 57 R57-W1] An A14 or A27 is about the pending admission. A bed board sends it
 * naming the visit the patient is in, the ED visit the admission will follow (PV1-2 E, PV1-3 the bay, PV1-44 the
 * arrival): that visit has begun, and `planned` (A14), then `cancelled` (A27: FHIR R4 "ended before it has begun"),
 * held for good an ED stay that happened as a visit that never did. So, for a visit that has begun, the event's own
 * reading is dropped: an A14's status is the IG's fallback [IG PV1[Encounter] #2: IF PV1-45 NOT VALUED → status via
 * PatientClass[EncounterStatus]; #45 valued → finished] and its PV1-3 where the patient is [IG PV1[Encounter] #3: PV1-2
 * not P → `active`]; an A27's status is not conveyed (`unknown`, as the IG reads an A08: "the transaction does not
 * convey the status of the encounter"; the FHIR destination keeps the one it holds, patch.ts statusNotConveyed): the
 * cancel of an admission says nothing of the visit under way, which an A03 may have ended before it, and the
 * fallback's `in-progress` would reopen. `planned` / `cancelled` (and PV1-3 `planned`) stay for a visit not begun.
 * Begun: PV1-2 is not P [IG PatientClass[EncounterStatus] P → planned], and PV1-44 is at or before MSH-7, or, without
 * a PV1-44 that says (none, or the same day as a date), PV1-2 is a class of table 0004 other than I (the stay to come),
 * P and U: an emergency or outpatient visit is no pre-admission. PV1-44 after MSH-7: the admission is to come.
 */
export function pendingAdmission(meaning: EventMeaning, patientClass: string | undefined, admitted: 'after' | 'at-or-before' | 'unclear'): EventMeaning {
  if (meaning.pendingAdmission !== true || !visitBegun(patientClass?.toUpperCase(), admitted)) return meaning;
  const { encounterStatus: said, preAdmits: _preAdmits, ...rest } = meaning;
  // [hig cancel rule, issue 14] the A27 of a begun visit keeps the period of the visit under way, but takes back the pending
  // admission's expected time [IG PV2[Encounter] #8]: that visit did not start then; a visit not begun keeps it, the
  // record of the admission cancelled (as an A38), and has no period (VISIT_CANCELLED)
  return said === 'cancelled' ? { ...rest, encounterStatus: 'unknown', cancelOwns: [`extension:${PLANNED_START}`] } : rest;
}

function visitBegun(patientClass: string | undefined, admitted: 'after' | 'at-or-before' | 'unclear'): boolean {
  if (patientClass === 'P' || admitted === 'after') return false;
  if (admitted === 'at-or-before') return true;
  return patientClass !== undefined && !['I', 'U'].includes(patientClass);
}
