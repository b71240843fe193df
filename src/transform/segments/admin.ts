/**
 * Administrative and care segments: IN1 → Coverage, MRG → Patient.link, FT1 → ChargeItem,
 * PRB → Condition (problem list), GOL → Goal, RF1 → referral ServiceRequest, PRD → Practitioner,
 * IAM → AllergyIntolerance, ROL/PRT → Practitioner (or PractitionerRole) participants and PRT
 * devices, GT1 → the guarantor (RelatedPerson, Account.guarantor).
 */
import { deletedContribution, deletes } from './action-code.js';
import { sensitivityType } from './allergy-reaction.js';
import type { Repetition } from '../../hl7/message.js';
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { xadAddress } from '../datatypes/address.js';
import { codeableConcept, ownTableCode, tableCoding, tableConcept, withCptModifiers } from '../datatypes/coding.js';
import { cweIdentifier, cxIdentifier, eiIdentifier, ssnIdentifier, typeSystem } from '../datatypes/identifier.js';
import { nameIdentity, xpnName, xpnNameList, xpnParts } from '../datatypes/name.js';
import { decimal, val } from '../datatypes/primitive.js';
import { toDate } from '../datatypes/time.js';
import { xtnContactPoint } from '../datatypes/telecom.js';
import { location, organization, organizationKey, practitioner } from '../entities.js';
import { lookupCode } from '../vocabulary/index.js';
import { identifierNamespace } from '../identifier-namespace.js';
import { conceptKey, motherKey, nameFact, numberKey, patientFactsKey, patientIdentity, patientKey, patientNumberSearch, referralKey, sameKeyDomain, visitNumberSearch, relatedPersonKey, resourceFact } from '../identity.js';
import { allergenKind, allergyCategory, allergyCriticality, allergyKey, allergySeverity } from './clinical.js';
import { administrativeGender } from './coded.js';
import type { GroupFrame } from '../groups.js';
import type { IdentityKey, Json, Reference, Resource } from '../types.js';
import { type Scope, madeBy } from './scope.js';
import { partyPerson } from './party-person.js';
import { removedVisitRole } from './removed-role.js';
import { subscriberRelationship } from './subscriber-relationship.js';
import { listSegmentForm, listedMember, statedEmpty, statedList } from '../snapshot-lists.js';

export function mapIn1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  // [IG IN1[Coverage] beneficiary = the PID Patient (1..1)] without a PID there is nobody to
  // cover: said so, not "has no FHIR mapping" (review 9 #24, an ADT^A01 of MSH + IN1)
  if (scope.patient === undefined) {
    cx.leftOutSegment(seg, 'no patient to cover: the message has no PID for Coverage.beneficiary');
    return;
  }
  // [v2.5.1 2.10.4.1 snapshot mode; fix32b] an ADT's IN1s are the patient's whole insurance list (snapshot-lists.ts):
  // the delete-all IN1 (every field after the set ID `""` or empty, IN1-2 `""`) states it empty and makes nothing
  const form = listSegmentForm(seg, 'coverage');
  if (form === 'delete-all') {
    for (let n = 2; n < seg.segment.fields.length; n++) seg.used.add(n);
    statedEmpty(cx, 'coverage', scope.patient, seg);
    return;
  }
  if (form === 'member') statedList(cx, 'coverage', scope.patient, seg);
  const c: Json = { resourceType: 'Coverage', status: 'active' };
  const policy = seg.str(36);
  const identifiers: Json[] = [];
  if (policy !== undefined) identifiers.push({ type: tableConcept('0203', 'MB'), value: policy });
  // [IG IN1[Coverage] #2 CWE[Identifier]] the health plan id is an identifier of the coverage too
  // (CWE.1 value, CWE.3 as a system URI when it names one); it stays the US Core class:plan below
  const planId = cweIdentifier(seg.rep(2));
  if (planId !== undefined) identifiers.push(planId);
  if (identifiers.length > 0) c.identifier = identifiers;
  set(c, 'type', codeableConcept(seg.rep(15)));
  set(c, 'subscriberId', policy);
  c.beneficiary = cx.ref(scope.patient);
  // [IG IN1[Coverage] #17; deviation, R59-N1] the patient's relationship to the subscriber (FHIR R4 Coverage.relationship):
  // IN1-17 read inverted; the IG's Relationship coding is the insured's, on the subscriber RelatedPerson
  const insuredRelationship = codeableConcept(seg.rep(17), 'Relationship');
  set(c, 'relationship', subscriberRelationship(seg.str(17)));
  set(c, 'period', seg.period([12], [13]));
  const payorName = seg.str(4);
  const payorIds = seg.reps(3).flatMap((r) => cxIdentifier(r, cx) ?? []);
  if (payorName !== undefined || payorIds.length > 0) {
    const org: Json = { resourceType: 'Organization' };
    if (payorIds.length > 0) org.identifier = payorIds;
    set(org, 'name', payorName);
    push(org, 'address', ...seg.reps(5).map((r) => xadAddress(r, cx)));
    push(org, 'telecom', ...seg.reps(7).map((r) => xtnContactPoint(r, cx.at(seg, 7))));
    push(org, 'contact', ...payerContacts(seg, cx));
    // [hig identity] as every Organization (entities.ts organizationKey): an IN1-3 number with no
    // authority is number + name; keyed by the number alone, ADT01-23's SELF PAY insurer `1` was the
    // sending facility `1` (MSH-4), so the coverage named the hospital as its payer
    const payor = cx.add(org as Resource, organizationKey(payorIds[0] as Json | undefined, payorName));
    c.payor = [cx.ref(payor, payorName)];
  } else c.payor = [unknownPayor()];
  const plan = seg.rep(2);
  if (val(plan, 1) !== undefined) c.class = [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] }, value: val(plan, 1), name: val(plan, 2) }];
  // [IG IN1[Coverage] #8, #9: rows empty; US Core Coverage class:group] the employer group number and name
  const group = seg.str(8);
  const groupName = seg.str(9);
  if (group !== undefined) push(c, 'class', { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'group' }] }, value: group, ...(groupName === undefined ? {} : { name: groupName }) });
  // Coverage.class.value is required: a group name without its number has nowhere to go
  else if (groupName !== undefined) cx.leftOut(seg, '9', 'a group name without the group number (IN1-8) Coverage.class needs');
  // [IG IN1[Coverage] #10, #11] the insured's group employer → policyHolder(Organization), its
  // IN1-10 ids as the Organization's identifiers, except a subscriber number (CX.5 SN), which the
  // IG puts in the subscriberId extension
  const employerIds = seg.reps(10);
  const subscriberNumbers = employerIds.filter((r) => val(r, 5)?.toUpperCase() === 'SN').map((r) => cxIdentifier(r, cx)).filter((id): id is Json => id !== undefined);
  const employerIdentifiers = employerIds.filter((r) => val(r, 5)?.toUpperCase() !== 'SN').map((r) => cxIdentifier(r, cx)).filter((id): id is Json => id !== undefined);
  set(c, 'policyHolder', organization(cx, seg.rep(11), employerIdentifiers));
  set(c, 'subscriber', insured(seg, scope.patient, scope.motherIdentifiers, insuredRelationship, cx));
  // an IN1-17 read as `other` or not at all, with no subscriber RelatedPerson (no IN1-16 name) to hold its code, is said
  const reading = ((c.relationship as Json | undefined)?.coding as Json[] | undefined)?.[0]?.code;
  if ((reading === undefined || reading === 'other') && insuredRelationship !== undefined && c.subscriber === undefined) cx.leftOut(seg, '17', 'a relationship SubscriberRelationshipCodes has no code of its own for, and no insured person (IN1-16) to hold it');
  // [IG IN1[Coverage] #49] the insured's id → the R5 subscriberId (an Identifier) as a cross-version
  // extension (the IG writes `extension-subscriberId`; the cross-version form names the element path)
  const insuredId = cxIdentifier(seg.rep(49), cx);
  for (const id of [...subscriberNumbers, ...(insuredId === undefined ? [] : [insuredId])]) push(c, 'extension', { url: 'http://hl7.org/fhir/5.0/StructureDefinition/extension-Coverage.subscriberId', valueIdentifier: id });
  push(c, 'costToBeneficiary', deductible(seg.rep(37)));
  const order = decimal(seg.str(22));
  if (order !== undefined && Number.isInteger(order) && order > 0) c.order = order;
  const coverage = cx.add(c as Resource, coverageKey(seg, c, scope.patient, cx), 'distinct');
  // [v2.5.1 2.10.4.1; fix32b] a member of the patient's insurance list (snapshot-lists.ts)
  listedMember(cx, 'coverage', scope.patient, coverage);
}

/**
 * [hig identity; review 59 R59-W2] A coverage = the patient + the payer (IN1-3/IN1-4, the payor Organization) +
 * whose policy it is (IN1-17, the insured's relationship to the patient, table 0063 code as sent), two of one key
 * in one message `#2`… in message order. Neither IN1-36 (policy number) nor IN1-2 (plan): a registration adds
 * the one and changes the other on the coverage it registered [IG ADT_A01 INSURANCE IN1 → Coverage[1]: one IN1,
 * one Coverage; an A08 updates it]. Until fix35e the key was + IN1-36, else + IN1-2: a COIDA claim number issued
 * after the admission (IN1-36 in the A08) was a second Coverage, the A01's left `active` beside it; keyed by the
 * plan, a plan option changed under the same membership number would have been one too. IN1-17 keeps the
 * patient's own policy and the spouse's at one payer apart whatever their order. An IN1 naming no payer is
 * identified only by what it sends: its IN1-36, else IN1-2, as before.
 */
function coverageKey(seg: SegmentReader, c: Json, patient: Resource, cx: Conversion): IdentityKey {
  const payer = (c.payor as Json[] | undefined)?.[0]?.reference;
  if (typeof payer === 'string' && payer !== cx.ref(patient).reference) return patientFactsKey('coverage', patient, payer, 'subscriber', seg.str(17)?.toUpperCase() ?? '');
  return patientFactsKey('coverage', patient, '', seg.str(36) ?? val(seg.rep(2), 1) ?? '');
}

/**
 * [IG IN1[Coverage] #3, #4: the payor is the insurance company; no row maps the Patient] An IN1
 * without IN1-3/IN1-4 does not say who pays, and R4 Coverage.payor is 1..*: a reference carrying
 * only data-absent-reason `unknown` says that, where the Patient (hig's earlier choice) said
 * self-pay, a claim the message does not make (review 3, ADT04-23). IN1-5/6/7 (the insurer's
 * address, contact, phone) are then not read, so the report lists them: they describe an insurer
 * the message does not name.
 */
export function unknownPayor(): Json {
  return { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] };
}

/**
 * IN1-6 (insurance company contact person, XPN) → the payer Organization's contact with purpose
 * PAYOR (contactentity-type). The IG's IN1[Coverage] #6 row is empty; FHIR R4 Organization.contact
 * is the element for "contact for the organization for a certain purpose" (hig rule).
 */
function payerContacts(seg: SegmentReader, cx: Conversion): Json[] {
  return seg.reps(6).flatMap((r) => {
    const name = xpnName(r, cx);
    return name === undefined ? [] : [{ purpose: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/contactentity-type', code: 'PAYOR' }] }, name }];
  });
}

/**
 * IN1-37 (policy deductible, CP: MO amount and currency) → Coverage.costToBeneficiary of type
 * `deductible` (coverage-copay-type) valueMoney. The IG's IN1[Coverage] #37 row is empty; FHIR R4
 * costToBeneficiary is the patient's cost share and coverage-copay-type has the code (hig rule).
 */
function deductible(rep: Repetition | undefined): Json | undefined {
  const amount = decimal(val(rep, 1, 1));
  if (amount === undefined) return undefined;
  const currency = val(rep, 1, 2);
  return {
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-copay-type', code: 'deductible' }] },
    valueMoney: currency !== undefined && /^[A-Z]{3}$/.test(currency) ? { value: amount, currency } : { value: amount },
  };
}

/**
 * [IG IN1[Coverage] #16, #17] the insured: the Patient when IN1-17 says self (SEL), else a
 * RelatedPerson of the patient named IN1-16 with the IN1-17 relationship and (IG rows empty,
 * NK1[RelatedPerson]'s elements) IN1-18 birth date, IN1-19 address, IN1-43 sex, IN1-49 id. Keyed
 * like an NK1 relative (patient + id, else patient + relationship + name), so the spouse an NK1
 * names is the same RelatedPerson.
 */
function insured(seg: SegmentReader, patient: Resource, pid21: readonly Json[] | undefined, relationship: Json | undefined, cx: Conversion): Json | undefined {
  if (seg.str(17)?.toUpperCase() === 'SEL') {
    // the insured is the patient: IN1-16/18/19/43 repeat the PID
    for (const n of [16, 18, 19, 43, 49]) seg.reps(n);
    return cx.ref(patient) as unknown as Json;
  }
  const names = seg.reps(16).map((r) => xpnParts(r, cx));
  // [IG XPN[HumanName] XPN.15: RelatedPerson.name is 0..*] the first named insured, with its called-by name
  const first = names.find((n) => n.name !== undefined);
  const name = first?.name;
  if (name === undefined) return undefined;
  const rp: Json = { resourceType: 'RelatedPerson', patient: cx.ref(patient), name: [name, ...(first?.calledBy === undefined ? [] : [first.calledBy])] };
  const id = cxIdentifier(seg.rep(49), cx);
  if (id !== undefined) rp.identifier = [id];
  if (relationship !== undefined) rp.relationship = [relationship];
  // IN1-18 is the insured's, not the patient's: a value that is no date (the IG's own ORM/OML
  // samples have IN1 shifted by a field) is left out and stays in the report, not a refusal of
  // the whole order, as it would be for a date of the patient's record
  const born = toDate(seg.segment.fields[18] === undefined ? undefined : val(seg.rep(18), 1));
  if (born !== undefined) rp.birthDate = born;
  else seg.used.delete(18);
  push(rp, 'address', ...seg.reps(19).map((r) => xadAddress(r, cx)));
  // IN1-43 (CWE, table 0001) as NK1-15 → gender: a table 0001 code only (coded.ts)
  set(rp, 'gender', administrativeGender(seg, 43, cx));
  const made = cx.add(rp as Resource, relatedPersonKey('related-person', patient, id, conceptKey(relationship), nameFact(name)));
  const person = partyPerson('insured', made, patient, id === undefined ? [] : [id], name, seg.str(17), cx);
  if (person === made && (pid21 ?? []).length === 0) markInsuredMother(seg, patient, id, made, cx);
  return cx.ref(person) as unknown as Json;
}

/**
 * [hig mother rule; code review 32 CR32-3] The insured an IN1 names as the patient's mother (IN1-17 MTH) by an IN1-49
 * of a namespace, in a message without PID-21: keyed by that identifier as any relative, the RelatedPerson an NK1 MTH
 * of the same identifier made and the FHIR destination moved to the mother's id; the next message with the IN1
 * alone (an insurance update) wrote her again at her own id, a second record, and moved Coverage.subscriber to it.
 * So she is marked as the NK1 candidate is (context.ts motherCandidates), naming only (motherNamedOnly): the FHIR
 * destination makes her the mother where the mother it holds holds one of her identifiers
 * (destinations/held-mother.ts). An NK1 of the message that made the same person marks her as its own (nk1.ts).
 */
function markInsuredMother(seg: SegmentReader, patient: Resource, id: Json | undefined, made: Resource, cx: Conversion): void {
  if (seg.str(17)?.toUpperCase() !== 'MTH' || identifierNamespace(id) === undefined) return;
  const key = `RelatedPerson/${made.id ?? ''}`;
  if (cx.motherCandidates.has(key)) return;
  const motherId = cx.idOf('RelatedPerson', motherKey(patient));
  if (motherId === undefined || motherId === made.id) return;
  cx.motherCandidates.set(key, motherId);
  cx.motherNamedOnly.add(key);
}

/**
 * MRG, by what the event merges (events.ts):
 *  - a patient merge (A18, A34, A36, A39, A40, A47): [FHIR merge pattern, IG MRG] the prior record
 *    (MRG-1, else MRG-4), identified by the same rule as any patient, becomes a Patient
 *    `active: false` with link replaced-by → the survivor (the PID of the same PATIENT group),
 *    the same person as the PID states her (retiredPerson; R57-N1), its PUT marked so the FHIR destination
 *    refuses to retire another person's Patient (R67-W1), and the survivor links replaces → it; nothing
 *    when both are the same record; an A47 whose MRG-1 is of another domain than the record key retires
 *    nothing (correctsIdentifier; R67-W1);
 *  - an account merge (A35, A36, A41): [IG MRG[Account]] the prior account (MRG-3), status unknown;
 *  - a class change (A06/A07): [IG ADT_A06 MRG → Account[2], MRG[Account]] the prior account
 *    (MRG-3) the same way, subject the PID patient; MRG-5 (prior visit, no row) names the stay the
 *    class change ended when it is not the PV1's visit (priorVisit);
 *  - a visit move (A45): [IG MRG[Account] #3] the visit's prior account (MRG-3) the same way,
 *    its holder only when the message says it (visitMoveAccount); no patient link;
 *  - anything else: no patient link, and the report says the MRG is not converted in this
 *    event, not that it has no FHIR mapping (review 9).
 */
export function mapMrg(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const survivor = scope.patient;
  const merge = scope.meaning.merge;
  if (survivor === undefined) return;
  const accounts = merge === 'account' || merge === 'patient-and-account' || scope.meaning.priorAccount === true;
  const movesVisit = scope.meaning.movesVisit === true;
  // [hig merge rule] the person a merge or move leaves the records with is the Patient the server
  // holds under the survivor's search, whichever identifiers this message names it by (bundle.ts)
  if (merge !== undefined || movesVisit) cx.survivors.add(`Patient/${survivor.id ?? ''}`);
  if (scope.meaning.endsPriorVisit === true) priorVisit(seg, survivor, cx);
  if (accounts) priorAccount(seg, survivor, cx);
  else if (merge === 'patient') patientMergeAccount(seg, survivor, cx);
  else if (movesVisit) visitMoveAccount(seg, survivor, cx);
  if (merge !== 'patient' && merge !== 'patient-and-account') {
    if (!accounts && !movesVisit) cx.leftOutSegment(seg, 'not converted in this event (hig: only patient and account merges, A06/A07 prior accounts, A45 prior account)');
    return;
  }
  const list = seg.reps(1).flatMap((r) => cxIdentifier(r, cx) ?? []) as Json[];
  const alternate = seg.reps(4).flatMap((r) => cxIdentifier(r, cx) ?? []) as Json[];
  // the prior record by the rule of any patient (identity.ts patientKey: a bare number is its sender's)
  const identity = patientKey(list.some((id) => typeof id.value === 'string') ? list : alternate, cx.sender, cx.patientAuthorities);
  if (identity === undefined || cx.idOf('Patient', identity) === survivor.id) return;
  if (scope.meaning.changesIdentifier === true && correctsIdentifier(seg, survivor, list, cx)) return;
  const old: Json = { resourceType: 'Patient', ...retiredPerson(survivor), identifier: [...list, ...alternate], active: false };
  const prior = xpnNameList(seg.reps(7), cx);
  if (prior.length > 0) old.name = prior;
  const oldPatient = cx.add(old as Resource, identity);
  // [review 67 R67-W1] the FHIR destination refuses to retire a held Patient that is another person
  // (destinations/retired-person.ts): the record MRG names may be keyed by a number another person holds
  cx.retired.set(`Patient/${oldPatient.id ?? ''}`, `MRG-${list.some((id) => typeof id.value === 'string') ? 1 : 4} (segment ${seg.index + 1})`);
  // [R62-L2; IG PID[Patient] #3] MRG names the record, it does not restate its numbers: a PUT whole erased the
  // identifiers the server held on it (a passport an earlier PID-3 gave). The FHIR destination keeps each held
  // identifier the PUT does not name (destinations/held-elements.ts, the R52-W3 marker: one GET per merge)
  cx.keepHeld(oldPatient, 'identifier');
  oldPatient.link = [{ other: cx.ref(survivor), type: 'replaced-by' }];
  push(survivor, 'link', { other: cx.ref(oldPatient), type: 'replaces' });
}

/**
 * [v2.5.1 3.3.47 A47 "a single PID-3 value has been found to be incorrect and has been changed"; IG PID[Patient] #3;
 * hig identity rule; review 67 R67-W1] An identifier change whose MRG-1 is no number of the record's key domain (the
 * authority and type of the identifier its id is derived from: identity.ts sameKeyDomain) corrects an identifier of
 * ONE person's record: nothing is retired and nothing linked. Until fix37d every A47 retired a Patient keyed on MRG-1,
 * and the mistyped PHN a hospital corrected was another patient's key (the community lab's record of him): his Patient
 * was PUT with her name, inactive, `replaced-by` her. The PID's Patient carries the corrected list (its full PUT
 * names the wrong number nowhere); its survivor patch (a channel with a search) deletes the wrong number where the
 * server holds it (Conversion.withdrawn). An MRG-1 of the key's domain (an MRN change) is a merge: the record the old
 * number keys is this person's (the caller retires it). True when the event was such a correction.
 */
function correctsIdentifier(seg: SegmentReader, survivor: Resource, list: readonly Json[], cx: Conversion): boolean {
  const key = keyIdentifier(survivor, cx);
  const wrong = patientIdentity(list, cx.patientAuthorities);
  if (key === undefined || wrong === undefined || sameKeyDomain(key, wrong)) return false;
  cx.withdrawn.set(`Patient/${survivor.id ?? ''}`, list.filter((id) => typeof id.value === 'string'));
  if (seg.rep(4) !== undefined) cx.leftOut(seg, '4', 'a prior alternate id in an identifier correction (A47 changes the PID-3 identifier MRG-1 names; no record is retired)');
  if (seg.rep(7) !== undefined) cx.leftOut(seg, '7', 'a prior name in an identifier correction (no record is retired to carry it)');
  for (const n of [4, 7]) seg.used.add(n);
  return true;
}

/** The identifier of `patient` its id is derived from (identity.ts patientKey of it alone gives that id), if any. */
function keyIdentifier(patient: Resource, cx: Conversion): Json | undefined {
  const own = ((patient.identifier as Json[] | undefined) ?? []).filter((id) => typeof id.value === 'string');
  return own.find((id) => cx.idOf('Patient', patientKey([id], cx.sender, cx.patientAuthorities)) === patient.id);
}

/** What a Patient says of the person: all but its identity (id, identifier), its links and whether it is in use. */
const NOT_THE_PERSON = new Set(['resourceType', 'id', 'identifier', 'link', 'active']);

/**
 * [hig merge rule, where the IG is silent (no MRG[Patient] map); v2.5.1 3.3.34, 3.3.40, 3.3.47: MRG's record and PID's
 * are one person; US Core Patient: name, gender 1..; review 57 R57-N1] The record a patient merge retires is the
 * person the PID states (a copy: name, sex, birth date, address, telecom, PD1's facts, labels…), not a record of
 * identifiers alone: PUT whole (the default channel), that erased the name, sex and birth date the server held under
 * the retired number, which its visits and allergies still name, and a receiver opening them saw a nameless patient.
 * MRG-7, the prior patient name, replaces the PID's name when sent (the name that record was known by). Not a patch of
 * `active` and `link` only: the retired number's record may be one the server never held (a create must carry the
 * person), a bare number has no search to patch by, and the FHIR destination's link steps read and carry a PUT
 * (destinations/held-links.ts); a `keep` channel patches the record as before, now with the person's elements.
 */
function retiredPerson(survivor: Resource): Json {
  return structuredClone(Object.fromEntries(Object.entries(survivor).filter(([k]) => !NOT_THE_PERSON.has(k))));
}

/**
 * MRG-3 of a patient merge (A34, A39, A40, A47): the IG places MRG on an Account only in ADT_A06
 * (MRG → Account[2], MRG[Account]); hig follows it there and in the account merges (A35, A36,
 * A41). In a patient merge, an MRG-3 that is the survivor's own PID-18 account (ADT-A47-01:
 * `PACCT101` both times) is already in the Bundle: that Account, subject the survivor, nothing to
 * add. Another number would be a prior account whose status and holder after the merge the
 * message does not say (no row): reported with that reason (issue 14 loss14; it was "valued but
 * not mapped").
 */
function patientMergeAccount(seg: SegmentReader, survivor: Resource, cx: Conversion): void {
  const account = cxIdentifier(seg.rep(3), cx.at(seg, 3));
  if (account === undefined) return;
  if (account.type === undefined) account.type = tableConcept('0203', 'AN');
  const id = cx.idOf('Account', account);
  const same = id === undefined ? undefined : cx.resources.get(`Account/${id}`);
  const mine = cx.ref(survivor).reference;
  if (((same?.subject as Json[] | undefined) ?? []).some((s) => s.reference === mine)) return;
  cx.leftOut(seg, '3', "a prior account number in a patient merge that is not the survivor's PID-18 account (IG: MRG[Account] only in ADT_A06 and account merges; status and holder unknown)");
}

/**
 * [IG MRG[Account]] MRG-3 → the prior Account: identifier (type AN when none), status unknown,
 * subject the holder when known (the survivor; ADT_A06 assigns Patient[1]).
 */
function priorAccount(seg: SegmentReader, holder: Resource | undefined, cx: Conversion): void {
  const account = cxIdentifier(seg.rep(3), cx);
  if (account === undefined) return;
  if (account.type === undefined) account.type = tableConcept('0203', 'AN');
  const prior: Json = { resourceType: 'Account', identifier: [account], status: 'unknown' };
  if (holder !== undefined) prior.subject = [cx.ref(holder)];
  cx.add(prior as Resource, account);
}

/**
 * [IG MRG[Account] #3; v2.5.1 3.3.45 A45] A45 moves the visit MRG-5/6 from the "incorrect source"
 * account MRG-3, of the source patient MRG-1, to the PID's: MRG-3 is a prior Account as in
 * ADT_A06. Its holder is the PID patient only when MRG-1 names that same record (identity.ts
 * patientKey); an empty MRG-1 (ADT-A45-01) says no holder, so the Account has no subject rather
 * than a guessed one. An MRG-1 naming another patient has no MRG[Account] row and hig makes no
 * link between two patients in a visit move: reported with that reason. MRG-4/5/6/7 have no row
 * either and stay in the report as valued (review 11 #16 counted the whole MRG lost).
 */
function visitMoveAccount(seg: SegmentReader, patient: Resource, cx: Conversion): void {
  // read for its identity only: no assigner Organization is made for a patient the Bundle lacks
  const { timezone, namespaceMap } = cx.at(seg, 1);
  const quiet = { timezone, namespaceMap };
  const prior = seg.reps(1).flatMap((r) => cxIdentifier(r, quiet) ?? []) as Json[];
  const identity = prior.length === 0 ? undefined : patientKey(prior, cx.sender, cx.patientAuthorities);
  const same = identity !== undefined && cx.idOf('Patient', identity) === patient.id;
  if (prior.length > 0 && !same) cx.leftOut(seg, '1', "the visit's prior patient, another record than the PID's (no MRG[Account] row; hig links no patients in a visit move)");
  priorAccount(seg, same ? patient : undefined, cx);
}

/**
 * [hig class-change rule, where the IG is silent: MRG[Account] #5/#6 have no target; IG ADT_A06 PV1 comment "per
 * A06 and A07 trigger event definitions PV1-19 - Visit Number may also be changed during this event"; v2.5.1 3.3.6/
 * 3.3.7 say the same and use MRG "only for MRG-3"; MRG-5 is by its own definition the Prior Visit Number] MRG-5 (else MRG-6, the prior alternate
 * visit id, as PV1-50 stands in for PV1-19) names the visit before the change. Read with its identity only (no
 * assigner Organization): the PV1 that follows says whether it is the same visit (the class changed in place) or a
 * new one, which ends it (hl7v2.ts endedPriorVisits; review 40 R40-N2). MRG-6 beside MRG-5 is another name of the
 * same visit: a PV1 naming the stay by it (PV1-50, PV1-19 empty) is that stay (pv1.ts classChangedVisit, code review
 * 31 CR31-4); it stays in the report as valued.
 */
function priorVisit(seg: SegmentReader, patient: Resource, cx: Conversion): void {
  const read = (field: number): Json | undefined => {
    const { timezone, namespaceMap } = cx.at(seg, field);
    const number = cxIdentifier(seg.rep(field), { timezone, namespaceMap });
    return typeof number?.value === 'string' ? number : undefined;
  };
  const visit = read(5);
  // [IG PV1[Encounter] #19 → identifier type VN] the prior visit is keyed as its own PV1-19 was
  if (visit !== undefined && visit.type === undefined) visit.type = tableConcept('0203', 'VN');
  // [CR31-4] MRG-6, the prior visit's PV1-50: read so a PV1 that names the stay by it is that stay (pv1.ts)
  const reported = !seg.used.has(6);
  const alternate = seg.rep(6) === undefined ? undefined : read(6);
  // beside MRG-5 it has no target of its own: still reported as valued
  if (visit !== undefined && reported) seg.used.delete(6);
  const number = visit ?? alternate;
  if (number === undefined) return;
  cx.priorVisits.push({ number, visit, alternate, patient });
}

/**
 * [hig class-change rule; review 40 R40-N2] After the walk, each prior visit an A06/A07 names (priorVisit): keyed as
 * its own PV1-19 was (identity.ts encounterKey: the number), it is the message's visit when the PV1 carries that
 * number (the class changed in place: nothing more to say); else it is a stay that ended when the new one began, and
 * the receiver must not go on holding it open (the LTC bed beside the day-care visit, R40-N2): its search (the number
 * with its system, else among the patient's visits: identity.ts patientNumberSearch, as a named visit's) and hig's id
 * go to the Bundle as a `finished` patch (patch.ts endedVisitEntry), its end the new visit's start (PV1-44) when sent.
 */
export function endPriorVisits(cx: Conversion): void {
  for (const { number, patient } of cx.priorVisits) {
    const higId = cx.idOf('Encounter', number);
    if (higId === undefined || cx.resources.has(`Encounter/${higId}`)) continue;
    const search = visitNumberSearch(number, patient);
    if (search === undefined) continue;
    const mine = cx.ref(patient).reference;
    const visit = [...cx.resources.values()].find((r) => r.resourceType === 'Encounter' && (r.subject as Json | undefined)?.reference === mine);
    const start = (visit?.period as Json | undefined)?.start;
    cx.endedVisits.set(search, typeof start === 'string' ? { higId, end: start } : { higId });
  }
}

/** v2-0912 OP, made fresh for each performer: a module-level object would be shared by every Bundle (CR18-3). */
function orderingProvider(): Json {
  return { coding: [{ ...tableCoding('0912', 'OP'), display: 'Ordering Provider' }] };
}

/**
 * FT1-25 procedure code with FT1-26 modifiers (CPT) [hig FT1, no IG map: read as IG PR1[Procedure] #16
 * reads PR1-16, `code:modifier` in CPT's modifier syntax, so the one procedure is coded alike by its PR1
 * and by the charge; review 41 R41-L1]. FT1-26 without FT1-25, or beside a code that is no CPT code, is
 * reported.
 */
function chargedProcedure(seg: SegmentReader, cx: Conversion): Json | undefined {
  const procedure = codeableConcept(seg.rep(25));
  if (procedure === undefined) return undefined;
  const modifiers = seg.reps(26);
  if (modifiers.length === 0) return procedure;
  const { concept, applied } = withCptModifiers(procedure, modifiers);
  if (!applied) cx.leftOut(seg, '26', 'a procedure code modifier beside an FT1-25 that is no CPT code (CPT\'s modifier syntax joins it to a CPT code only)');
  return concept;
}

/** The id of the Procedure a ChargeItem contains as its service (FT1-25 beside FT1-7). */
const SERVICE_ID = 'procedure';

/**
 * [hig FT1, no IG map; review 59 R59-W3] FT1-25 beside a valued FT1-7 is the rendered service the charge is for
 * (v2.5.1 FT1-25 "the procedure, if any, associated with this charge"): ChargeItem.service (FHIR R4 "Which
 * rendered service is being charged?", Reference(… | Procedure | …)) → a contained Procedure (id `procedure`)
 * coded FT1-25, of the patient and the visit; a charge is for a procedure done (hig's DFT rule for PR1, IG
 * PR1[Procedure] #0), so `completed`, performed at the charge's date (FT1-4, else FT1-5), and without a date
 * `unknown` (#0 "if not clear, use unknown"). Contained, not a Procedure of its own: a billing line names the
 * procedure, it is no record of it (a PR1 is), and it has no identity of its own to be PUT by. Until review 59
 * (review 34 R34-N3) FT1-25 was a further coding of ChargeItem.code, after FT1-7's: the codings of one
 * CodeableConcept are one concept, so theatre time (`0301^Theatre fee per minute^NHRPL`, quantity 74) read as 74
 * laparoscopic cholecystectomies, and OR time (`OR100^OR time^L`) as the knee arthroscopy's CPT.
 */
function chargedService(ci: Json, procedure: Json): void {
  const p: Json = { resourceType: 'Procedure', id: SERVICE_ID, status: 'unknown', code: procedure, subject: ci.subject };
  set(p, 'encounter', ci.context);
  const performed = ci.occurrencePeriod ?? ci.occurrenceDateTime;
  if (performed !== undefined) {
    p.status = 'completed';
    if (ci.occurrencePeriod !== undefined) p.performedPeriod = performed;
    else p.performedDateTime = performed;
  }
  ci.contained = [p];
  ci.service = [{ reference: `#${SERVICE_ID}` }];
}

export function mapFt1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.patient === undefined) return;
  const ci: Json = { resourceType: 'ChargeItem', status: 'billable' };
  const id = seg.str(2);
  if (id !== undefined) ci.identifier = [{ value: id }];
  // [hig FT1, no IG map: the IG has no FT1 segment map, and its ORM_O01/OML_O21/ORU_R01 rows for FT1 give no
  // target] FT1-7 transaction code (the charge) → ChargeItem.code; FT1-7 empty: FT1-25 (the charge named by its
  // procedure); FT1-25 beside FT1-7 → ChargeItem.service (chargedService, after the occurrence below)
  const transaction = codeableConcept(seg.rep(7));
  const procedure = chargedProcedure(seg, cx);
  const charged = transaction ?? procedure;
  ci.code = charged ?? { text: 'unknown' };
  ci.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) ci.context = cx.ref(scope.encounter);
  // [hig FT1, no IG map; FHIR R4 ChargeItem.account "Account to place this charge"] the patient's PID-18
  // account: a DFT's charges and the account its PID names are one Bundle, and without the reference a
  // billing reader had to guess which of the patient's accounts a charge belongs to
  if (scope.account !== undefined) ci.account = [cx.ref(scope.account)];
  // one span (the pair rule; an end before the start reported, review 41 R41-W1)
  const { start, end } = seg.span([4, 1], [4, 2], 'ChargeItem.occurrence');
  if (start !== undefined && end !== undefined) ci.occurrencePeriod = { start, end };
  else set(ci, 'occurrenceDateTime', start ?? seg.dateTime(5));
  if (transaction !== undefined && procedure !== undefined) chargedService(ci, procedure);
  const qty = decimal(seg.str(10));
  if (qty !== undefined) ci.quantity = { value: qty };
  const price = decimal(val(seg.rep(11), 1, 1));
  const currency = val(seg.rep(11), 1, 2);
  if (price !== undefined) ci.priceOverride = currency !== undefined && /^[A-Z]{3}$/.test(currency) ? { value: price, currency } : { value: price };
  // [hig FT1, no IG map] FT1-20 performed by → performer; FT1-21 ordered by → a performer whose
  // function says so (v2-0912 OP "Ordering Provider"): ChargeItem has no requester, and a bare
  // performer would say the orderer performed the charged service (review 16, DFT #20)
  push(ci, 'performer', ...seg.reps(20).map((r) => {
    const actor = practitioner(cx, r);
    return actor === undefined ? undefined : { actor };
  }), ...seg.reps(21).map((r) => {
    const actor = practitioner(cx, r);
    return actor === undefined ? undefined : { function: orderingProvider(), actor };
  }));
  push(ci, 'reason', ...seg.reps(19).map((r) => codeableConcept(r)));
  // [hig identity] FT1-2 transaction id within the patient's record (identity.ts patientNumberKey), else the patient's charge of this code on this date in this visit
  // the code of the key is FT1-7's alone (else FT1-25's)
  const key = ci.identifier === undefined ? patientFactsKey('charge', scope.patient, resourceFact(scope.encounter) ?? '', conceptKey(charged ?? (ci.code as Json)), String(ci.occurrenceDateTime ?? JSON.stringify(ci.occurrencePeriod ?? ''))) : numberKey('charge', scope.patient, (ci.identifier as Json[])[0]);
  scope.noteTarget = cx.add(ci as Resource, key, 'distinct');
}

/**
 * [hig: PRB-14 Problem Life Cycle Status → Condition.clinicalStatus (condition-clinical); the IG has
 * no PRB map] PRB-14 is a CWE of a user-defined table: its code or its text (`I^Inactive`, `INACTIVE`,
 * `RESOLVED^Resolved`) names the status; undefined when neither does. Until review 21 (R21-W2) only
 * the code was matched, so `I^Inactive` put an inactive problem on the list as active, and an
 * inactive one was stated resolved.
 */
function lifeCycleStatus(rep: Repetition | undefined): string | undefined {
  for (const word of [val(rep, 1), val(rep, 2)]) {
    const w = (word ?? '').trim().toUpperCase();
    if (w === '') continue;
    // INACTIVE contains ACTIVE: the inactive forms first
    if (w === 'I' || w.startsWith('INACT')) return 'inactive';
    if (w.startsWith('RESOLV')) return 'resolved';
    if (w.startsWith('REMISS')) return 'remission';
    if (w.startsWith('RECURR')) return 'recurrence';
    if (w.startsWith('RELAPS')) return 'relapse';
    if (w === 'A' || w === 'ACTIVE') return 'active';
  }
  return undefined;
}

export function mapPrb(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.patient === undefined) return;
  const c: Json = { resourceType: 'Condition' };
  const identifier = eiIdentifier(seg.rep(4), cx);
  if (identifier !== undefined) c.identifier = [identifier];
  // con-3: a problem-list item needs a clinical status; PRB-14 (life cycle) refines it when known
  // [table 0287 DE; action-code.ts] a deleted problem is entered in error
  const deleted = deletes(seg);
  const stated = lifeCycleStatus(seg.rep(14));
  const resolved = seg.dateTime(9);
  // [v2.5.1 PRB-9 Actual Problem Resolution Date/Time; FHIR con-4] a problem with a resolution date
  // is resolved unless PRB-14 says otherwise: read as active, a resolved chest pain (PC1 sample
  // with PRB-9 and no PRB-14) went onto the problem list as a current problem
  const clinical = stated ?? (resolved !== undefined && seg.rep(14) === undefined ? 'resolved' : 'active');
  if (stated === undefined && seg.rep(14) !== undefined) {
    cx.leftOut(seg, '14', 'a life cycle status hig cannot read as a clinical status (neither its code nor its text says active, inactive, resolved, remission, recurrence or relapse): the problem is stated active');
  }
  // con-5: an entered-in-error condition carries no clinical status
  if (!deleted) c.clinicalStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: clinical }] };
  else c.verificationStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] };
  c.category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }];
  set(c, 'code', codeableConcept(seg.rep(3)));
  c.subject = cx.ref(scope.patient);
  set(c, 'recordedDate', seg.dateTime(7));
  set(c, 'onsetDateTime', seg.dateTime(16));
  // [FHIR con-4] an abated condition is inactive, resolved or in remission (an entered-in-error one has
  // no clinical status at all); a resolution date beside any other status is said, not dropped
  // silently (code review 23, CR23-5: PRB-14 A^Active with a PRB-9 lost the date without a line)
  if (resolved !== undefined && !deleted && ['resolved', 'inactive', 'remission'].includes(clinical)) c.abatementDateTime = resolved;
  else if (resolved !== undefined) cx.leftOut(seg, '9', `a resolution date beside a problem stated ${deleted ? 'entered in error' : clinical}: FHIR places an abatement only beside an inactive, resolved or remission clinical status (con-4)`);
  // [hig identity] PRB-4 problem instance id within the patient's record (identity.ts patientNumberKey), else the patient's problem of this code
  const problem = cx.add(c as Resource, numberKey('problem', scope.patient, identifier) ?? patientFactsKey('problem', scope.patient, conceptKey(c.code as Json | undefined)), 'distinct');
  scope.problem = problem;
  scope.noteTarget = problem;
}

export function mapGol(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.patient === undefined) return;
  const g: Json = { resourceType: 'Goal', lifecycleStatus: deletes(seg) ? 'entered-in-error' : 'active' };
  const identifier = eiIdentifier(seg.rep(4), cx);
  if (identifier !== undefined) g.identifier = [identifier];
  g.description = codeableConcept(seg.rep(3)) ?? { text: 'goal' };
  g.subject = cx.ref(scope.patient);
  const start = seg.dateTime(7);
  if (start !== undefined) g.startDate = start.slice(0, 10);
  if (scope.problem !== undefined) g.addresses = [cx.ref(scope.problem)];
  // [hig identity] GOL-4 goal instance id within the patient's record (identity.ts patientNumberKey), else the patient's goal of this code
  const goal = cx.add(g as Resource, numberKey('goal', scope.patient, identifier) ?? patientFactsKey('goal', scope.patient, conceptKey(g.description as Json)), 'distinct');
  scope.noteTarget = goal;
}

/**
 * [v2 table 0280 referral priority S STAT, A ASAP, R routine → request-priority; hig rule, the IG
 * has no RF1 map] the same letters as table 0485, read through [IG ExtendedPriorityCodes]. Only S
 * was read before: `A^ASAP` vanished without a report line (ADT-A31-01). Other codes are reported.
 */
function referralPriority(sr: Json, seg: SegmentReader, cx: Conversion): void {
  if (seg.str(2) === undefined && seg.str(2, 4) === undefined) return;
  // RF1-2 is a CWE: only a table 0280 code is read (coding.ts ownTableCode)
  const code = ownTableCode(seg.rep(2), '0280')?.code.toUpperCase();
  const priority = code !== undefined && ['S', 'A', 'R'].includes(code) ? lookupCode('ExtendedPriorityCodes', code) : undefined;
  if (priority !== undefined) sr.priority = priority;
  else cx.leftOut(seg, '2', code === undefined ? 'a referral priority of another coding system than table 0280 (CWE.3/CWE.6)' : 'a referral priority outside table 0280 S/A/R');
}

/**
 * RF1-1 referral status, table 0283 [hig rule: the IG has no RF1 map], read by the table's
 * definitions against R4 request-status: A accepted and P pending are requests still to act on
 * (`active`); R rejected and E expired end the request before it was carried out (`revoked`:
 * "terminated prior to the known full completion"). E was `completed` until review 5: an expired
 * referral told the receiver the referral had been done. Another code is reported and left `active`.
 */
const REFERRAL_STATUS: Readonly<Record<string, string>> = { A: 'active', P: 'active', R: 'revoked', E: 'revoked' };

function referralStatus(seg: SegmentReader, cx: Conversion): string {
  // RF1-1 is a CWE: only a table 0283 code is read (coding.ts ownTableCode); another system's
  // code is reported like a code outside the table, and the required status stays `active`
  const code = ownTableCode(seg.rep(1), '0283')?.code.toUpperCase();
  const status = code === undefined ? undefined : REFERRAL_STATUS[code];
  // any valued component: `^Expired` (text, no code) was dropped without a line
  if (seg.rep(1) !== undefined && status === undefined) cx.leftOut(seg, '1', code === undefined ? 'a referral status that is no table 0283 code (another coding system in CWE.3/CWE.6, or text without a code)' : 'a referral status outside table 0283 A/P/R/E');
  return status ?? 'active';
}

export function mapRf1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const sr: Json = { resourceType: 'ServiceRequest' };
  const identifier = eiIdentifier(seg.rep(6), cx);
  if (identifier !== undefined) sr.identifier = [identifier];
  sr.status = referralStatus(seg, cx);
  // [v2 table 0003 I14] a cancel-referral event beats RF1-1 (events.ts)
  if (scope.meaning.referralStatus !== undefined) sr.status = scope.meaning.referralStatus;
  sr.intent = 'order';
  sr.category = [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }] }];
  referralPriority(sr, seg, cx);
  set(sr, 'code', codeableConcept(seg.rep(3)));
  push(sr, 'reasonCode', ...seg.reps(10).map((r) => codeableConcept(r)));
  set(sr, 'authoredOn', seg.dateTime(7) ?? seg.dateTime(9));
  if (scope.patient !== undefined) sr.subject = cx.ref(scope.patient);
  const referral = cx.add(sr as Resource, identifier, 'distinct');
  if (identifier === undefined) unnumbered.add(referral);
  scope.serviceRequest = referral;
  scope.noteTarget = referral;
}

/** Referrals made without RF1-6: their identity is settled once the patient is known (finishReferral). */
const unnumbered = new WeakSet<Resource>();

/**
 * After the whole message: a referral without RF1-6 (RF1 precedes the PID) is the patient's
 * referral of this type (RF1-3) and reason (RF1-10) authored at RF1-7 (else RF1-9) [hig identity,
 * issue 14 #3]: a resend under a new MSH-10 PUTs the same ServiceRequest. Without a patient or
 * that date nothing names it, and it stays scoped to the message.
 */
export function finishReferral(referral: Resource, patient: Resource | undefined, cx: Conversion): void {
  if (!unnumbered.has(referral)) return;
  const reasons = Array.isArray(referral.reasonCode) ? (referral.reasonCode as Json[]) : [];
  const authored = typeof referral.authoredOn === 'string' ? referral.authoredOn : undefined;
  const key = referralKey(patient, authored, referral.code as Json | undefined, reasons[0]);
  if (key !== undefined) cx.rekey(referral, key);
}

/**
 * PRD-7 (PI: ID number ^ type of ID number ^ other qualifying info) → a Practitioner identifier [no IG PRD map;
 * hig]. A type that names a national identifier (`NPI`, table 0203; identifier.ts typeSystem) gives its system and
 * type, as XCN.13 does beside no XCN.9 [IG XCN[Practitioner] #13], so a referring doctor named by NPI in a REF is the
 * Practitioner the ORC-12 / PV1-8 of other messages name (review 42 R42-N3: the type was read past without a line,
 * and the doctor became a second Practitioner). Any other type keeps the number as before (no system), reported.
 */
function prdIdentifier(rep: Repetition, seg: SegmentReader, cx: Conversion): Json | undefined {
  const value = val(rep, 1);
  if (value === undefined) return undefined;
  const type = val(rep, 2);
  const system = typeSystem(type, undefined);
  if (system !== undefined && type !== undefined) return { type: tableConcept('0203', type.toUpperCase()), system, value };
  if (type !== undefined) cx.leftOut(seg, '7.2', 'a provider identifier type that names no identifier system hig knows (NPI): the number is kept without a system');
  return { value };
}

export function mapPrd(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const p: Json = { resourceType: 'Practitioner' };
  const ids = seg.reps(7).flatMap((r) => prdIdentifier(r, seg, cx) ?? []);
  if (ids.length > 0) p.identifier = ids;
  push(p, 'name', ...xpnNameList(seg.reps(2), cx));
  push(p, 'address', ...seg.reps(3).map((r) => xadAddress(r, cx)));
  push(p, 'telecom', ...seg.reps(5).map((r) => xtnContactPoint(r, cx.at(seg, 5))));
  if (p.name === undefined && p.identifier === undefined) return;
  // [hig identity] by name: the names proper, as before review 14 (no called-by name, no FN.2–5)
  const proper = seg.reps(2).flatMap((r) => nameIdentity(xpnParts(r, cx).name) ?? []);
  const who = cx.add(p as Resource, (ids[0] as Json | undefined) ?? JSON.stringify(proper.length > 0 ? proper : (p.name ?? {})));
  const role = seg.str(1);
  const sr = scope.serviceRequest;
  if (sr === undefined) return;
  if (role === 'RP' || role === 'PP') set(sr, 'requester', cx.ref(who));
  else push(sr, 'performer', cx.ref(who));
}

export function mapIam(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.patient === undefined) return;
  const a: Json = { resourceType: 'AllergyIntolerance' };
  const identifier = eiIdentifier(seg.rep(7), cx);
  if (identifier !== undefined) a.identifier = [identifier];
  // [IG IAM[AllergyIntolerance] #0 clinicalStatus "active"]; IAM-6 D deletes the allergy (below)
  a.clinicalStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] };
  allergyCategory(a, seg, cx);
  allergyCriticality(a, seg);
  a.code = codeableConcept(seg.rep(3)) ?? { text: 'unknown' };
  clinicianCodings(a.code as Json, seg);
  a.patient = cx.ref(scope.patient);
  set(a, 'onsetDateTime', seg.dateTime(11));
  // [IG IAM[AllergyIntolerance] IAM-13 → recordedDate]
  set(a, 'recordedDate', seg.dateTime(13));
  iamVerification(a, seg, cx);
  sensitivityType(a, seg, 9);
  allergenKind(a, seg);
  const reactions = seg.reps(5).flatMap((r) => iamReaction(r) ?? []);
  if (reactions.length > 0) a.reaction = [{ manifestation: reactions }];
  allergySeverity(a, seg, cx);
  set(a, 'recorder', iamReporter(seg, scope.patient, cx));
  // [hig identity] patient + the coded allergen, the key an AL1 of that allergen has, so an A60's IAM
  // update meets the AL1 allergy an A01/A08 sent (review 27 R27-D2: with IAM-7 keyed they never met and
  // the patient held a stale moderate penicillin allergy beside the severe one); IAM-7 stays an
  // identifier. Without a coded allergen (IAM-3 text only) IAM-7 within the patient's record
  // (identity.ts patientNumberKey), else the allergen's text
  const coded = ((a.code as Json).coding as Json[] | undefined)?.[0]?.code !== undefined;
  const key = coded ? allergyKey(scope.patient, a.code as Json) : (numberKey('allergy', scope.patient, identifier) ?? allergyKey(scope.patient, a.code as Json));
  const allergy = cx.add(a as Resource, key, 'distinct');
  scope.noteTarget = allergy;
  // [IG SegmentActionCode D → DELETE; v2.5.1 2.10.4.2 action code mode] IAM-6 (table 0206/0323) D: the sender
  // deletes this allergy, so a DELETE entry at its id (the id the add gave it: same patient and allergen),
  // as A29/A23 delete through the same map (events.ts). The IG's IAM-6 row names no FHIR element; until
  // review 32 R32-N1 D made it clinicalStatus `inactive` (a resolved allergy, which the sender did not say).
  // Mapped in full first, so its fields count as read; IAR/NTE after it land on the deleted resource only.
  if (deletes(seg)) cx.remove(allergy);
}

/**
 * [IG IAM[AllergyIntolerance] #5 → reaction.manifestation.text] IAM-5 "Allergy Reaction Code" is an ST in
 * every version: v2.3–2.5.1 3.4.7.5 and the v2+ (2.9) attribute table (ST, 0..*, length 15; a coded reaction
 * came with IAR-1, CWE, in v2.7: allergy-reaction.ts). The row's "CWE[CodeableConcept]" datatype map does
 * not fit its own ST source, so a plain value is the manifestation's text, as AL1-5's is (review 32
 * R32-L1: "Hives & pruritus" was a Coding.code without system). A repetition sent CWE-shaped (a component
 * after the first: `RASH^Rash^L`) is read as that CWE, as before, not flattened into text: the sender coded it.
 */
function iamReaction(rep: Repetition): Json | undefined {
  const coded = rep.slice(1).some((component) => component.some((sub) => sub.trim() !== ''));
  if (coded) return codeableConcept(rep);
  const text = (rep[0] ?? []).join('&').trim();
  return text === '' ? undefined : { text };
}

/**
 * IAM-17 "allergy clinical status" (table 0438: U unconfirmed, P pending, S suspect, C confirmed
 * or verified, I confirmed but inactive, D doubt raised, E erroneous). [IG IAM[AllergyIntolerance]
 * IAM-17 → clinicalStatus] **deviation**: the 0438 codes say how sure the allergy is, and
 * clinicalStatus's binding is required (allergyintolerance-clinical): `C` there is invalid R4. So
 * [hig IAM-17] → verificationStatus (C, I confirmed; U, P, S, D unconfirmed; E entered-in-error,
 * which by ait-2 takes clinicalStatus away) with the v2 coding kept beside it; clinicalStatus stays
 * the IG's assigned `active` (IAM-6 D inactive), except for the one code that says it: I → `inactive`
 * (review 28, R28-W1: a confirmed-but-inactive allergy was sent as active).
 */
/**
 * [IG IAM[AllergyIntolerance] IAM-27 → code[1]] the clinician's code of the allergen is "added as
 * additional .coding entries" of the IAM-3 CodeableConcept (after IAM-3's own, so the allergy's
 * identity, IAM-3's first coding, does not move).
 */
function clinicianCodings(code: Json, seg: SegmentReader): void {
  const extra = (codeableConcept(seg.rep(27))?.coding as Json[] | undefined) ?? [];
  const codings = (code.coding as Json[] | undefined) ?? [];
  const add = extra.filter((c) => !codings.some((x) => x.system === c.system && x.code === c.code));
  if (add.length > 0) code.coding = [...codings, ...add];
}

const ALLERGY_VERIFICATION: Readonly<Record<string, string>> = { C: 'confirmed', I: 'confirmed', U: 'unconfirmed', P: 'unconfirmed', S: 'unconfirmed', D: 'unconfirmed', E: 'entered-in-error' };

function iamVerification(a: Json, seg: SegmentReader, cx: Conversion): void {
  // IAM-17 is a CWE: only a table 0438 code is read (coding.ts ownTableCode); another system's is
  // left to the unmapped report
  const code = ownTableCode(seg.rep(17), '0438')?.code.toUpperCase();
  const status = code === undefined ? undefined : ALLERGY_VERIFICATION[code];
  if (status === undefined) {
    seg.used.delete(17);
    return;
  }
  const original = codeableConcept(seg.rep(17), undefined, '0438', cx.reportAt(seg, 17));
  const originalCodings = (original?.coding as Json[] | undefined) ?? [];
  a.verificationStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: status }, ...originalCodings] };
  if (status === 'entered-in-error') delete a.clinicalStatus;
  if (code === 'I') a.clinicalStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'inactive' }] };
}

/**
 * IAM-14 reported by is an XPN (a name, no id): [IG IAM[AllergyIntolerance] IAM-14 IF IAM-15
 * EQUALS "SEL"] the patient; [IF IAM-15 VALUED AND NOT "SEL"] a RelatedPerson with that name and
 * [IAM-15 → RelatedPerson.relationship] the relationship, keyed like an NK1 relative; [IF IAM-15
 * NOT VALUED] a Practitioner with that name only. Read as an XCN, its family name became an id.
 */
function iamReporter(seg: SegmentReader, patient: Resource, cx: Conversion): Json | undefined {
  const { name, calledBy } = xpnParts(seg.rep(14), cx);
  const relationship = codeableConcept(seg.rep(15), 'Relationship');
  if (name === undefined) return undefined;
  if (seg.str(15)?.toUpperCase() === 'SEL') return cx.ref(patient) as unknown as Json;
  // [IG XPN[HumanName] XPN.15: Practitioner.name and RelatedPerson.name are 0..*] the called-by
  // name beside the name; identity by the name proper (nameIdentity)
  const names = [name, ...(calledBy === undefined ? [] : [calledBy])];
  if (relationship === undefined) return cx.ref(cx.add({ resourceType: 'Practitioner', name: names }, JSON.stringify(nameIdentity(name)))) as unknown as Json;
  const rp: Json = { resourceType: 'RelatedPerson', patient: cx.ref(patient), relationship: [relationship], name: names };
  return cx.ref(cx.add(rp as Resource, relatedPersonKey('related-person', patient, undefined, conceptKey(relationship), nameFact(name)))) as unknown as Json;
}

/**
 * Where a ROL/PRT of the patient's or the visit's group goes, decided before any resource is made
 * (a Practitioner or PractitionerRole nothing references says nothing): [IG ROL[Patient-
 * GeneralPractitioner], PRT[Patient-GeneralPractitioner-*]] PP of the patient before any visit →
 * 'patient'; [IG ADT_A01 19 PV1.ROL → ROL[Encounter-PractitionerRole], OML_O21 5.8.3
 * PATIENT_VISIT.PRT → PRT[PractitionerRole]] with the visit → 'visit'. Another role of the patient
 * alone has IG targets hig does not make (ROL/PRT[CareTeam], PRT[RelatedPerson]): reported.
 */
function rolePlace(seg: SegmentReader, scope: Scope, cx: Conversion, roleCode: string | undefined): 'patient' | 'visit' | undefined {
  if (roleCode === 'PP' && scope.patient !== undefined && scope.encounter === undefined) return 'patient';
  if (scope.encounter !== undefined) return 'visit';
  cx.leftOutSegment(seg, `a role ${roleCode ?? '(none)'} of the patient, not of a visit: its IG targets (CareTeam, RelatedPerson) are not made`);
  return undefined;
}

/** ROL (XCN in ROL-4) / PRT (XCN in PRT-5): the person, as GP of the patient or participant of the visit (rolePlace). */
function roleParticipant(scope: Scope, place: 'patient' | 'visit', who: Json | undefined, role: Json | undefined, cx: Conversion, period?: Json): void {
  if (who === undefined) return;
  if (place === 'patient' && scope.patient !== undefined) {
    generalPractitioner(scope.patient, who, cx);
    return;
  }
  if (scope.encounter !== undefined) {
    const p: Json = { individual: who };
    if (role !== undefined) p.type = [role];
    if (period !== undefined) p.period = period;
    push(scope.encounter, 'participant', p);
  }
}

/** The Practitioner reference a GP entry names: its own, or its PractitionerRole's (made in this conversion). */
function personOf(gp: Json, cx: Conversion): unknown {
  return (cx.made('PractitionerRole', gp)?.practitioner as Json | undefined)?.reference ?? gp.reference;
}

/**
 * One person named by PD1-4 and a PP ROL/PRT is one generalPractitioner (code reviews 16 and 18,
 * CR16-7, CR18-1): the same reference is not listed again, and a PractitionerRole of a Practitioner
 * listed alone takes that entry (the role says more: ROL-5/6, ROL-12…; listed beside it, one GP read
 * as two); a Practitioner whose role is listed already adds nothing.
 */
function generalPractitioner(patient: Resource, who: Json, cx: Conversion): void {
  const named = (patient.generalPractitioner as Json[] | undefined) ?? [];
  const person = personOf(who, cx);
  const at = named.findIndex((g) => g.reference === who.reference || g.reference === person || personOf(g, cx) === who.reference);
  if (at < 0) push(patient, 'generalPractitioner', who);
  else if (named[at]?.reference === person && person !== who.reference) named[at] = who;
}

/**
 * ROL: [IG ROL[Encounter-PractitionerRole]] after the PV1 an Encounter participant: type ROL-3
 * (ProviderRole map), period ROL-5/6, individual the ROL-4 person, as a PractitionerRole when
 * ROL-9 provider type, ROL-12 telecom, ROL-13 location or ROL-14 organization say more (ROL-11 →
 * the Practitioner's address); [IG ROL[Patient-GeneralPractitioner]] PP with the patient →
 * generalPractitioner, a PractitionerRole (period ROL-5/6, #5/#6) when the ROL says more than who.
 * ROL-9/10 are read as their v2.7 successors PRT-6/7 are (rolUnitType; a deviation: no ROL map but
 * ROL[CareTeam] has a row for them, and hig makes no CareTeam from a ROL).
 */
export function mapRol(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  // [IG SegmentActionCode D → DELETE; table 0287 DE; review 61 R61-W1's class] a removed role makes no participant
  // and no generalPractitioner: the Patient and the visit are written whole, so leaving it out is the delete; an
  // attending change's visit is merged by type, so there the removal is marked (removed-role.ts, CR37-3)
  if (deletedContribution(seg)) {
    removedVisitRole(seg, scope, cx);
    return;
  }
  if (otherGroupRole(seg, scope, cx)) return;
  const place = rolePlace(seg, scope, cx, seg.str(3));
  if (place === undefined) return;
  const person = practitioner(cx, seg.rep(4));
  const type = codeableConcept(seg.rep(3), 'ProviderRole', '0443', cx.reportAt(seg, 3));
  if (person === undefined) {
    // no PractitionerRole to carry them (ROL-4 names nobody)
    if (seg.reps(9).length > 0) cx.leftOut(seg, '9', 'provider type of a role that names no person (ROL-4)');
    if (seg.reps(10).length > 0) cx.leftOut(seg, '10', 'organization unit type of a role that names no person (ROL-4)');
    return;
  }
  const org = organization(cx, seg.rep(14));
  rolUnitType(seg, org, cx);
  const who = practitionerRole(cx, person, {
    code: type,
    // [IG PRT[PractitionerRole] #6 Person Provider Type → specialty, CWE[CodeableConcept]] ROL-9
    // (0..*) read as its successor PRT-6 [hig deviation: ROL[Encounter-PractitionerRole] and
    // ROL[Patient-GeneralPractitioner] give #9 no target; docs/mapping.md "Known gaps"]
    specialty: seg.reps(9).map((r) => codeableConcept(r)),
    organization: org,
    location: location(cx, seg.rep(13)),
    // [IG ROL[Patient-GeneralPractitioner] #5, #6 → generalPractitioner(PractitionerRole.period)];
    // a visit's ROL-5/6 is the participant's period [IG ROL[Encounter-PractitionerRole] #5, #6]
    period: place === 'patient' ? seg.period([5], [6]) : undefined,
    telecom: seg.reps(12).map((r) => xtnContactPoint(r, cx.at(seg, 12))),
    address: seg.reps(11).map((r) => xadAddress(r, cx)),
  });
  roleParticipant(scope, place, who as unknown as Json, type, cx, seg.period([5], [6]));
}

/**
 * [IG PRT[PractitionerRole] #7 Organization Unit Type → organization(Organization.type),
 * CWE[CodeableConcept] via ParticipantOrganizationUnitType (source HL70406, no FHIR targets: the
 * sender's coding)] ROL-10 read as its successor PRT-7 [hig deviation: the ROL maps give #10 no
 * target]: the type of the ROL-14 Organization (Organization.type 0..*: another unit type of the
 * same Organization in this message is added beside it). Without ROL-14 there is no Organization
 * to type: one known only by a unit type ("Physician Clinic") has no identity (it would be every
 * sender's clinic, or a new one per message), so ROL-10 stays in the report.
 */
function rolUnitType(seg: SegmentReader, org: Reference | undefined, cx: Conversion): void {
  if (seg.reps(10).length === 0) return;
  const made = cx.made('Organization', org);
  if (made === undefined) {
    cx.leftOut(seg, '10', 'organization unit type without an organization (ROL-14): an Organization known by its unit type alone has no identity');
    return;
  }
  const type = codeableConcept(seg.rep(10), 'ParticipantOrganizationUnitType', '0406', cx.reportAt(seg, 10));
  if (type === undefined) return;
  const types = (made.type as Json[] | undefined) ?? [];
  if (!types.some((t) => JSON.stringify(t) === JSON.stringify(type))) made.type = [...types, type];
}

export function mapPrt(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  // [IG PRT[*] #2 IF PRT-2 IS "D": inactivate the relationship; SegmentActionCode D → DELETE; review 61 R61-W1's class]
  // a removed participation names nobody anywhere (prtPersons skips it too)
  if (deletedContribution(seg)) return;
  if (orderParticipant(seg, scope, cx)) return;
  if (otherGroupRole(seg, scope, cx)) return;
  const place = rolePlace(seg, scope, cx, seg.str(4));
  if (place === undefined) return;
  // an organization without a person (PRT-8, no PRT-5): the patient's GP may be an Organization;
  // a visit participant may not (R4 Encounter.participant.individual: Practitioner |
  // PractitionerRole | RelatedPerson), so there [IG PRT[PractitionerRole] PRT-8 → organization]
  // the organization's PractitionerRole is (review 11 class R11-A: OML-O21-03's PATIENT_VISIT PRT AD)
  const who = (prtActor(seg, cx) ?? (place === 'visit' ? organizationRole(seg, cx) : organization(cx, seg.rep(8)))) as Json | undefined;
  roleParticipant(scope, place, who, codeableConcept(seg.rep(4), undefined, '0912', cx.reportAt(seg, 4)), cx);
}

/**
 * [IG PRT[PractitionerRole]] a PRT naming an organization (PRT-8) and no person: the
 * PractitionerRole without practitioner, code PRT-4 (#4), specialty PRT-6, organization PRT-8 (#8),
 * location PRT-9 (#9), period PRT-11/12, telecom PRT-15 (#15).
 */
function organizationRole(prt: SegmentReader, cx: Conversion): Reference | undefined {
  const org = organization(cx, prt.rep(8));
  if (org === undefined) return undefined;
  const role: Json = { resourceType: 'PractitionerRole' };
  const code = codeableConcept(prt.rep(4), 'Participation', '0912', cx.reportAt(prt, 4));
  push(role, 'code', code);
  const specialty = codeableConcept(prt.rep(6));
  push(role, 'specialty', specialty);
  role.organization = org;
  push(role, 'location', location(cx, prt.rep(9)));
  set(role, 'period', prt.period([11], [12]));
  push(role, 'telecom', ...prt.reps(15).map((r) => xtnContactPoint(r, cx.at(prt, 15))));
  // [hig identity] as practitionerRole: one role at one organization with one specialty is one role
  const first = (((code?.coding as Json[] | undefined)?.[0]?.code) ?? '') as string;
  return cx.ref(cx.add(role as Resource, JSON.stringify(['practitioner-role', first, '', org.reference, conceptKey(specialty) ?? ''])));
}

/**
 * [IG ADT_A01 27.2/27.3 PROCEDURE.ROL/PRT, 29.4/29.5 INSURANCE.ROL/PRT: no target; 19 PV1.ROL →
 * Encounter, 13/14 PID.ROL/PRT PP → Patient.generalPractitioner] A ROL/PRT is the visit's or the
 * patient's only in the group of the PV1 or the PID (the message root in ADT/DFT, BAR's VISIT,
 * an order message's PATIENT/VISIT). One of another group (a procedure's, an insurance's, a
 * financial transaction's, a problem's or goal's; orders and results are placed by
 * orderParticipant first) took no part in the visit as far as the message says: review 11 class
 * R11-A made a procedure's primary care provider and a charge's admitting organization
 * Encounter.participants. Reported with its group, no resource made. True when handled here.
 */
function otherGroupRole(seg: SegmentReader, scope: Scope, cx: Conversion): boolean {
  const group = scope.group;
  if (group.holds('PV1') || group.holds('PID')) return false;
  const head = group.node.children.find((c) => c.kind === 'segment');
  const after = head === undefined || head.segment.name === seg.name ? '' : ` (after ${head.segment.name})`;
  cx.leftOutSegment(seg, `a role in the ${group.name} group${after}: no IG row maps it there, and it is no participant of the visit`);
  return true;
}

/**
 * A PRT of an order or of a result (true when mapped here):
 * [IG OML_O21 6.4.7.2, ORU_R01 OBSERVATION.PRT IF PRT-5 VALUED] a person in an OBX's group
 * performed that observation → Observation.performer; [IG OML_O21 6.4.4, ORU_R01
 * ORDER_OBSERVATION.PRT IF PRT-4 = OP] the ordering provider → ServiceRequest.requester (ORC-12
 * and OBR-16 win when valued). Other roles of an order (RCT result copies to, …) have no element
 * on the request in R4 and keep the general rule (roleParticipant).
 */
function orderParticipant(seg: SegmentReader, scope: Scope, cx: Conversion): boolean {
  const role = seg.str(4)?.toUpperCase();
  // read where the IG puts them, by the segment that makes the target (prtPersons): a dose's
  // ordering/administering provider by its RXA, an order's specimen collector by its SPM
  if (scope.group.holds('RXA') && (role === 'OP' || role === 'AP')) return true;
  if (scope.group.holds('OBR') && role === 'SC') return true;
  if (reportParticipant(seg, role, scope, cx)) return true;
  // [IG OML_O21 6.2, ORU_R01 4.2.1.2 ORDER/COMMON_ORDER.PRT IF PRT-4 = OP → ServiceRequest.requester]
  // the ORC's group: the order's mapper (order.ts orderRequester) reads it once the order exists
  if (role === 'OP' && scope.group.holds('ORC') && !scope.group.holds('OBR')) return true;
  const inResult = scope.group.holds('OBX');
  const inOrder = scope.group.holds('OBR');
  if (!inResult && !inOrder) return unplacedOrderRole(seg, role, scope, cx);
  const observation = inResult ? madeBy(scope, 'OBX', 'Observation') : undefined;
  const request = inOrder ? scope.serviceRequest : undefined;
  if (observation === undefined && request === undefined) return unplacedOrderRole(seg, role, scope, cx);
  // [IG OML_O21 6.4.7.2, ORU_R01 4.2.4.3.2 OBSERVATION.PRT IF PRT-10 VALUED] the device → Observation.device
  const device = observation === undefined ? undefined : prtDevice(seg, cx);
  if (observation !== undefined) set(observation, 'device', device);
  if (observation === undefined && seg.str(4)?.toUpperCase() !== 'OP') return unplacedOrderRole(seg, role, scope, cx);
  const person = prtActor(seg, cx);
  if (person === undefined) return device !== undefined;
  if (observation !== undefined) push(observation, 'performer', person);
  else if (request !== undefined) set(request, 'requester', person);
  return true;
}

/** Segments that open an order (its result, specimen and observation groups nest under them). */
const ORDER_SEGMENTS = ['ORC', 'OBR', 'RXO', 'RXE', 'RXA', 'RXD', 'RXG'];

/**
 * True when the PRT sits in an order's group or a group nested in one (OBSERVATION, SPECIMEN…);
 * not for a patient-level group that happens to hold an OBX (ORU-R01-01's PATIENT group).
 */
function inOrderGroup(scope: Scope): boolean {
  for (let f: GroupFrame | undefined = scope.group; f !== undefined; f = f.parent) if (ORDER_SEGMENTS.some((s) => f.holds(s))) return true;
  return false;
}

/**
 * A PRT of an order or result group in a role no IG row places (RCT result copies to, AT, …):
 * [IG OML_O21 6.2/6.4.4, ORU_R01 4.2.1.2/4.2.4] map only OP, SC, PRI, ARI/TN/TR there, and
 * [IG OBR[ServiceRequest] OBR-28 Result Copies To] is deferred (no FHIR R4 element). Falling to
 * the visit's rule made a copy recipient an Encounter.participant, a person who took part in the
 * visit: reported instead (one line naming the role), not converted. True when handled here.
 */
function unplacedOrderRole(seg: SegmentReader, role: string | undefined, scope: Scope, cx: Conversion): boolean {
  if (!inOrderGroup(scope)) return false;
  const fields = seg.segment.fields;
  for (let n = 1; n < fields.length; n++) seg.used.add(n);
  cx.leftOut(seg, '4', `participation ${role ?? '(no role)'} of an order or result has no IG row`);
  return true;
}

/**
 * [IG PRT[Device]] PRT-10 (device, EI) → Device.identifier, PRT-17 manufactureDate, PRT-18
 * expirationDate, PRT-19 lotNumber, PRT-20 serialNumber, PRT-21 distinctIdentifier, PRT-22 type
 * (CNE). PRT-16 (UDI) stays in the report: the IG's EI[Device-udiCarrier] is not built.
 */
function prtDevice(prt: SegmentReader, cx: Conversion): Reference | undefined {
  const identifier = eiIdentifier(prt.rep(10), cx);
  if (identifier === undefined) return undefined;
  const d: Json = { resourceType: 'Device', identifier: [identifier] };
  set(d, 'manufactureDate', prt.dateTime(17));
  set(d, 'expirationDate', prt.dateTime(18));
  set(d, 'lotNumber', prt.str(19));
  set(d, 'serialNumber', prt.str(20));
  set(d, 'distinctIdentifier', prt.str(21));
  set(d, 'type', codeableConcept(prt.rep(22)));
  // [hig identity] a device is its PRT-10 identifier, as OBX-18's
  return cx.ref(cx.add(d as Resource, identifier));
}

/**
 * [IG PRT[PractitionerRole]] the person of a PRT: PRT-5 → the Practitioner (XCN[Practitioner]),
 * PRT-14 → its address (#14 practitioner(Practitioner.address)). When the PRT says more than who,
 * a PractitionerRole carries it and is the reference: code PRT-4 (#4), specialty PRT-6 (#6),
 * organization PRT-8 (#8), location PRT-9 (#9), period PRT-11/12 (#11, #12), telecom PRT-15 (#15).
 * A bare PRT stays a Practitioner reference (no role resource that would say nothing more).
 * PRT-7 (organization unit type) and PRT-23/24 stay in the report.
 */
function prtActor(prt: SegmentReader, cx: Conversion): Reference | undefined {
  const who = practitioner(cx, prt.rep(5));
  if (who === undefined) return undefined;
  return practitionerRole(cx, who, {
    code: codeableConcept(prt.rep(4), 'Participation', '0912', cx.reportAt(prt, 4)),
    specialty: [codeableConcept(prt.rep(6))],
    organization: organization(cx, prt.rep(8)),
    location: location(cx, prt.rep(9)),
    period: prt.period([11], [12]),
    telecom: prt.reps(15).map((r) => xtnContactPoint(r, cx.at(prt, 15))),
    address: prt.reps(14).map((r) => xadAddress(r, cx)),
  });
}

/** What a PRT or ROL says of a person's role besides who (the PractitionerRole's elements). */
export interface RoleDetail {
  code: Json | undefined;
  /** PRT-6 (0..1), ROL-9 (0..*) */
  specialty?: (Json | undefined)[];
  organization: Reference | undefined;
  location: Reference | undefined;
  period?: Json | undefined;
  telecom: (Json | undefined)[];
  /** the person's own address (Practitioner.address) */
  address: (Json | undefined)[];
}

/**
 * `who` in a role: the address goes on the Practitioner; with any other detail a PractitionerRole
 * carries it and is the reference, else the Practitioner itself (no role that says nothing more).
 */
export function practitionerRole(cx: Conversion, who: Reference, d: RoleDetail): Reference {
  const person = cx.made('Practitioner', who);
  if (person !== undefined && person.address === undefined) push(person, 'address', ...d.address);
  const role: Json = { resourceType: 'PractitionerRole', practitioner: who };
  push(role, 'code', d.code);
  push(role, 'specialty', ...(d.specialty ?? []));
  set(role, 'organization', d.organization);
  push(role, 'location', d.location);
  set(role, 'period', d.period);
  push(role, 'telecom', ...d.telecom);
  if (role.specialty === undefined && role.organization === undefined && role.location === undefined && role.period === undefined && role.telecom === undefined) return who;
  // [hig identity] one person in one role at one organization with one specialty is one role; a
  // ROL's several ROL-9 provider types are all of its key (one keeps the key a PRT-6 gives)
  const code = (((d.code?.coding as Json[] | undefined)?.[0]?.code) ?? '') as string;
  const specialties = (d.specialty ?? []).filter((s): s is Json => s !== undefined).map((s) => conceptKey(s) ?? '');
  // sorted: the order of ROL-9 repetitions says nothing (code review 16, CR16-3)
  const specialtyKey = specialties.length > 1 ? JSON.stringify([...specialties].sort()) : (specialties[0] ?? '');
  const made = cx.add(role as Resource, JSON.stringify(['practitioner-role', code, who.reference, d.organization?.reference ?? '', specialtyKey]));
  return cx.ref(made);
}

/**
 * [IG ORU_R01 4.2.4 ORDER_OBSERVATION.PRT] in a result message, PRT-4 PRI (principal result
 * interpreter) → DiagnosticReport.resultsInterpreter; ARI/TN/TR (assistant interpreter,
 * technician, transcriptionist) → DiagnosticReport.performer. True when mapped here.
 */
function reportParticipant(seg: SegmentReader, role: string | undefined, scope: Scope, cx: Conversion): boolean {
  if (!scope.results || !scope.group.holds('OBR') || scope.group.holds('OBX')) return false;
  const element = role === 'PRI' ? 'resultsInterpreter' : role === 'ARI' || role === 'TN' || role === 'TR' ? 'performer' : undefined;
  const report = madeBy(scope, 'OBR', 'DiagnosticReport');
  if (element === undefined || report === undefined) return false;
  const person = prtActor(seg, cx);
  if (person === undefined) return false;
  push(report, element, person);
  return true;
}

/**
 * The persons (PRT-5) of the PRT segments of `group` whose role (PRT-4.1) is one of `roles`, for
 * the mapper of the segment that makes the resource the IG puts them on (RXA: [IG VXU_V04 12.2
 * ORDER.PRT OP/AP → Immunization.performer]; SPM: [IG ORU_R01 4.2.4, OML_O21 6.4.4 PRT SC →
 * Specimen.collection.collector]). The PRT's own mapper leaves these roles to them.
 */
export function prtPersons(group: GroupFrame | undefined, roles: readonly string[], cx: Conversion): { role: string; who: Reference }[] {
  const out: { role: string; who: Reference }[] = [];
  for (const node of group?.nodes('PRT') ?? []) {
    const prt = cx.reader(node.segment, node.index);
    if (deletes(prt)) continue;
    const role = prt.str(4)?.toUpperCase();
    if (role === undefined || !roles.includes(role)) continue;
    const who = prtActor(prt, cx);
    if (who !== undefined) out.push({ role, who });
  }
  return out;
}

/**
 * GT1 → the guarantor, and [hig rule: FHIR R4 Account.guarantor] the party on the patient's
 * account (PID-18) with GT1-13/14 as its period and GT1-22 (billing hold) as onHold. The IG has no
 * GT1 map and US Core no guarantor profile; FHIR's Account.guarantor is the element for "the
 * parties responsible for balancing the account". The party: the Patient when GT1-11 says self
 * (SEL); else an organization guarantor (guarantorIsOrganization) is the GT1-21 Organization; else a
 * RelatedPerson (v3 RoleCode GUAR + the GT1-11 relationship, following the IG's NK1[RelatedPerson]
 * map field for field); else, with no person named, the GT1-21 organization. GT1-10 (guarantor
 * type) but `O` and the employer fields (GT1-16…20, 29–32) have no FHIR element and stay in the
 * report.
 */
export function mapGt1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.patient === undefined) return;
  const party =
    seg.str(11)?.toUpperCase() === 'SEL'
      ? selfGuarantor(seg, scope.patient, cx)
      : guarantorIsOrganization(seg)
        ? guarantorOrganization(seg, cx)
        : (guarantorPerson(seg, scope.patient, cx) ?? organization(cx, seg.rep(21)));
  const account = madeBy(scope, 'PID', 'Account');
  if (party === undefined || account === undefined) return;
  const g: Json = { party };
  const hold = seg.str(22)?.toUpperCase();
  if (hold === 'Y' || hold === 'N') g.onHold = hold === 'Y';
  set(g, 'period', seg.period([13], [14]));
  push(account, 'guarantor', g);
}

/**
 * [hig GT1 rule; review 59 R59-W1] The guarantor is an organization when GT1-10 (guarantor type, user-defined
 * table 0068) says `O`, or when GT1-3 names no person and GT1-21 (guarantor organization name) is sent. Until
 * then such a GT1 (an injury on duty's employer: GT1-2 its number, GT1-10 O, GT1-21 the company) became a
 * RelatedPerson of the patient with no name, GT1-2 as a person's identifier, and that was Account.guarantor.
 * GT1-10 counts as read only when it decides this (else it stays a report line, as before).
 */
function guarantorIsOrganization(seg: SegmentReader): boolean {
  const had = seg.used.has(10);
  if (seg.str(10)?.toUpperCase() === 'O') return true;
  if (!had) seg.used.delete(10);
  const named = seg.used.has(3);
  const person = seg.reps(3).length > 0;
  if (!named) seg.used.delete(3);
  return !person && seg.rep(21) !== undefined;
}

/**
 * [hig GT1 rule: FHIR R4 Account.guarantor.party Reference(Organization); IG XON[Organization] for GT1-21] An
 * organization guarantor: the GT1-21 Organization, keyed as every XON (entities.ts organizationKey), so the
 * employer an IN1-11 names with the same XON is the same resource; GT1-2 (guarantor number) among its
 * identifiers, as IN1-10 is for the IN1-11 employer. GT1-21 not sent (GT1-10 O with GT1-2 alone): the
 * Organization GT1-2 identifies. The person fields (GT1-3, 5–9, 11, 12) stay in the report: the GT1 of an
 * organization sends them for no person, and the shared Organization is no patient's record of it (nk1org18).
 */
function guarantorOrganization(seg: SegmentReader, cx: Conversion): Reference | undefined {
  const numbers = seg.reps(2).map((r) => cxIdentifier(r, cx)).filter((i): i is Json => i !== undefined);
  // GT1-11 (read by the SEL test) is the organization's relationship to the patient (an employer): no element holds it
  if (seg.rep(11) !== undefined) cx.leftOut(seg, '11', "an organization guarantor's relationship to the patient: neither Organization nor Account.guarantor has an element for it");
  return organization(cx, seg.rep(21), numbers);
}

/** GT1-11 SEL: the patient is the guarantor; GT1-3/5–9/12 repeat the PID. */
function selfGuarantor(seg: SegmentReader, patient: Resource, cx: Conversion): Reference {
  for (const n of [2, 3, 5, 6, 7, 8, 9, 12]) seg.reps(n);
  return cx.ref(patient);
}

function guarantorPerson(seg: SegmentReader, patient: Resource, cx: Conversion): Reference | undefined {
  const rp: Json = { resourceType: 'RelatedPerson' };
  const identifiers = seg.reps(2).map((r) => cxIdentifier(r, cx)).filter((i): i is Json => i !== undefined);
  const ssn = seg.str(12);
  if (ssn !== undefined) identifiers.push(ssnIdentifier(ssn));
  if (identifiers.length > 0) rp.identifier = identifiers;
  rp.patient = cx.ref(patient);
  rp.relationship = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'GUAR', display: 'guarantor' }] }];
  push(rp, 'relationship', codeableConcept(seg.rep(11), 'Relationship'));
  push(rp, 'name', ...xpnNameList(seg.reps(3), cx));
  push(rp, 'address', ...seg.reps(5).map((r) => xadAddress(r, cx)));
  push(rp, 'telecom', ...[6, 7].flatMap((n) => seg.reps(n).map((r) => xtnContactPoint(r, cx.at(seg, n)))));
  set(rp, 'birthDate', seg.date(8));
  // [hig: the IG has no GT1 map] GT1-9 (CWE, table 0001) as NK1-15 → gender: a table 0001 code only (coded.ts)
  set(rp, 'gender', administrativeGender(seg, 9, cx));
  if (rp.name === undefined && rp.identifier === undefined) return undefined;
  // [hig identity] the patient's guarantor GT1-2 (else SSN), else the patient's guarantor of this name
  const name = (rp.name as Json[] | undefined)?.[0];
  const made = cx.add(rp as Resource, relatedPersonKey('guarantor', patient, identifiers[0], nameFact(name)), 'distinct');
  // [hig identity, review 34 R34-N2] the insured an IN1 of this message names as this person is this RelatedPerson
  return cx.ref(partyPerson('guarantor', made, patient, identifiers, name, seg.str(11), cx));
}
