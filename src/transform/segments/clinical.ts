/** AL1, DG1, PR1 → AllergyIntolerance, Condition, Procedure (IG: AL1[AllergyIntolerance], DG1[Condition], PR1[Procedure]). */
import { type Conversion, SegmentReader, StateKey, push, set } from '../context.js';
import { codeableConcept, foreignCodeWhy, tableMapCode, withCptModifiers } from '../datatypes/coding.js';
import { addMinutesInZone } from '../datatypes/arith.js';
import { eiIdentifier, parentReference } from '../datatypes/identifier.js';
import { decimal } from '../datatypes/primitive.js';
import { location, practitioner } from '../entities.js';
import { CODING_SYSTEMS } from '../vocabulary/coding-systems.js';
import { conceptKey, identifierFact, numberKey, patientFactsKey, resourceFact } from '../identity.js';
import type { IdentityKey, Json, Resource } from '../types.js';
import { mappedFieldCode } from './coded.js';
import { type Scope, orderRequest } from './scope.js';
import { type MessageTiming, againstMessageTime } from './message-time.js';
import { listSegmentForm, listedMember, statedEmpty, statedList } from '../snapshot-lists.js';
import { type NoKnownAllergy, SNOMED_CT, contradicts, noKnownAllergy, statementCode } from './no-known-allergy.js';
import { segmentAction } from './action-code.js';

/** An allergy = the patient + the allergen (AL1-3, IAM-3); shared by AL1 and IAM so both forms meet. */
export function allergyKey(patient: Resource | undefined, allergen: Json | undefined): IdentityKey {
  return patientFactsKey('allergy', patient, conceptKey(allergen));
}

/**
 * [IG AL1[AllergyIntolerance] AL1-4, IAM[AllergyIntolerance] IAM-4 → reaction.severity via
 * AllergySeverity[AllergyIntolerance.reaction.severity]] SV severe, MO moderate, MI mild, beside the
 * criticality the same code gives (SV high, MI low). A severity sits on a reaction, which needs a
 * manifestation: without one (MO) or for U, which no map gives a value, the sender's code is kept
 * as criticality alternate-codes (severityAsOriginal); a code outside table 0128 stays in the report.
 */
export function allergySeverity(a: Json, seg: SegmentReader, cx: Conversion): void {
  const { code: severity, foreign } = tableMapCode(seg.rep(4), 'AllergySeverity[AllergyIntolerance.reaction.severity]');
  // another system's severity (`SV^Severe^L`) is no table 0128 code: neither criticality nor
  // severity, reported once here (allergyCriticality leaves it out too)
  if (foreign) return cx.leftOut(seg, '4', foreignCodeWhy('AllergySeverity[AllergyIntolerance.reaction.severity]'));
  const reaction = (a.reaction as Json[] | undefined)?.[0];
  if (severity !== undefined && reaction !== undefined) reaction.severity = severity;
  else if (a.criticality === undefined) severityAsOriginal(a, seg);
}

/**
 * [IG AL1[AllergyIntolerance] #4, IAM[AllergyIntolerance] #4, IF severity used as criticality →
 * criticality.extension[1] alternate-codes via AllergySeverity[AllergyIntolerance.criticality-original]]
 * a table 0128 code that neither criticality (its map has no row for MO or U) nor reaction.severity
 * (no row for U; MO needs a reaction) takes: the sender's code alone on `_criticality` (an R4
 * primitive may carry extensions without a value). U is not `unable-to-assess`: the IG's
 * criticality map leaves U empty. Until review 17 (review 16 #03's `U`) reported; a code outside
 * the table still is.
 */
function severityAsOriginal(a: Json, seg: SegmentReader): void {
  const original = originalCode(seg, 4, 'AllergySeverity[AllergyIntolerance.criticality-original]');
  if (original !== undefined) a._criticality = original;
  else seg.used.delete(4);
}

/**
 * DG1-3/PR1-3 code with its description: [IG DG1[Condition] DG1-3 → code[1], DG1-4 → code[1].text;
 * PR1[Procedure] PR1-3 → code[1], PR1-4 → code.text]. The text is DG1-4/PR1-4 when the code carries
 * none of its own (CWE.9), so `1550` comes with "MAL NEO LIVER, PRIMARY" a clinician can read.
 * [hig DG1-2/PR1-2] a code without CWE.3 takes its system from the coding method field (the v2.3–2.4
 * way of naming it, e.g. `I9`) when that names a known system (table 0396): a bare `1550` says
 * nothing, `1550` in ICD-9-CM is a diagnosis. Any other method value (`CE`, a local name) is left
 * to the unmapped report.
 */
function codeWithDescription(seg: SegmentReader, codeField: number, methodField: number, textField: number): Json | undefined {
  const rep = seg.rep(codeField);
  const cc = codeableConcept(rep);
  const description = seg.str(textField);
  if (cc === undefined) return description === undefined ? undefined : { text: description };
  const first = (cc.coding as Json[] | undefined)?.[0];
  if (first !== undefined && first.system === undefined) {
    // reading the field marks it used: unmark it unless it named the system
    const wasUsed = seg.used.has(methodField);
    const method = seg.str(methodField);
    const methodSystem = method === undefined ? undefined : CODING_SYSTEMS[method.trim().toUpperCase()];
    if (methodSystem !== undefined) (cc.coding as Json[])[0] = { system: methodSystem, ...first };
    else if (!wasUsed) seg.used.delete(methodField);
  }
  if (cc.text === undefined && description !== undefined) cc.text = description;
  // the code's own text (CWE.9) won: a different description has nowhere else to go, so it is reported
  else if (description !== undefined && cc.text !== description) seg.used.delete(textField);
  return cc;
}

/**
 * [IG AL1[AllergyIntolerance] #2 → category via AllergenType[AllergyIntoleranceCategory]] AL1-2 /
 * IAM-2 allergen type (CWE, table 0127): a table 0127 code only (coding.ts tableMapCode). category
 * is optional: another system's code (`DA^Drug^L`) is left out and reported, never read as 0127's.
 */
export function allergyCategory(a: Json, seg: SegmentReader, cx: Conversion): void {
  const category = mappedFieldCode(seg, 2, 'AllergenType[AllergyIntoleranceCategory]', cx);
  if (category === undefined) {
    // MA, MC: a table 0127 code the category map gives nothing: the sender's code alone on a
    // value-less `_category` (R4 json.html: a primitive may carry extensions without a value), as
    // `_criticality` holds a severity no criticality takes (review 28 R28-L2: until then reported)
    const alone = originalCode(seg, 2, 'AllergenType[AllergyIntoleranceOriginalCategory]');
    if (alone !== undefined) a._category = [alone];
    return;
  }
  a.category = [category];
  // [IG AL1[AllergyIntolerance] #2, IAM[AllergyIntolerance] #2 → category.extension[1]
  // alternate-codes, valueCodeableConcept via CWE[CodeableConcept] and
  // AllergenType[AllergyIntoleranceOriginalCategory]] the sender's allergen type (DA, v2-0127) beside
  // the category it gave (`medication`): PA, LA and EA are all `environment`. Until review 16 (R16-L3)
  // the map was loaded and read by no segment
  const original = originalCode(seg, 2, 'AllergenType[AllergyIntoleranceOriginalCategory]');
  if (original !== undefined) a._category = [original];
}

/**
 * The `_element` of a primitive holding the sender's original code as the alternate-codes extension
 * (IG rows `<element>.extension[1]` alternate-codes via an "original" concept map), or undefined
 * when field `n` has no code of the map's table (another system's code is reported by the caller's
 * mappedFieldCode / allergySeverity; nothing is added here then).
 */
function originalCode(seg: SegmentReader, n: number, map: string): Json | undefined {
  const rep = seg.rep(n);
  if (tableMapCode(rep, map).code === undefined) return undefined;
  const cc = codeableConcept(rep, map);
  return cc === undefined ? undefined : { extension: [{ url: ALTERNATE_CODES, valueCodeableConcept: cc }] };
}

const ALTERNATE_CODES = 'http://hl7.org/fhir/StructureDefinition/alternate-codes';

/**
 * [IG AL1[AllergyIntolerance] #2, IAM[AllergyIntolerance] #2 → type via AllergyType] the allergen
 * type says allergy (DA, FA, MA, EA, AA, PA, LA; MC has no target), a table 0127 code only. Never
 * over a type already set: an IAM's IAM-9 (allergy or intolerance) says more than its allergen
 * type, so mapIam calls this after sensitivityType. Until review 15 (R15-L4) no AL1 got a type.
 */
export function allergenKind(a: Json, seg: SegmentReader): void {
  const { code } = tableMapCode(seg.rep(2), 'AllergyType');
  if (code !== undefined && a.type === undefined) a.type = code;
}

/**
 * [IG AL1[AllergyIntolerance] #4, IAM[AllergyIntolerance] #4 → criticality via
 * AllergySeverity[AllergyIntolerance.criticality]]: a table 0128 code only; another system's code
 * is reported by allergySeverity.
 */
export function allergyCriticality(a: Json, seg: SegmentReader): void {
  const criticality = tableMapCode(seg.rep(4), 'AllergySeverity[AllergyIntolerance.criticality]').code;
  if (criticality === undefined) return;
  a.criticality = criticality;
  // [IG AL1[AllergyIntolerance] #4, IAM[AllergyIntolerance] #4, IF severity used as criticality →
  // criticality.extension[1] alternate-codes via AllergySeverity[AllergyIntolerance.criticality-original]]
  // the sender's SV/MI (v2-0128) beside high/low; MO and U give no criticality (allergySeverity
  // maps MO to reaction.severity, else keeps MO and U as alternate-codes alone). Review 16 R16-L3
  const original = originalCode(seg, 4, 'AllergySeverity[AllergyIntolerance.criticality-original]');
  if (original !== undefined) a._criticality = original;
}

const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';

/**
 * Whether another AL1 of the patient's list names an allergy the statement denies (no-known-allergy.ts contradicts):
 * the patient's other AL1s, read through readers of their own (silent: their mapper reports them), each naming an
 * allergen that is no statement, by its AL1-2 category (AllergenType[AllergyIntoleranceCategory]).
 */
function deniedInList(seg: SegmentReader, scope: Scope, statement: NoKnownAllergy): boolean {
  return scope.group.nodes('AL1').some((n) => {
    if (n.index === seg.index) return false;
    const other = new SegmentReader(seg.msg, n.segment, n.index);
    if (listSegmentForm(other, 'allergy') !== 'member' || noKnownAllergy(codeableConcept(other.rep(3))) !== undefined) return false;
    return contradicts(statement, tableMapCode(other.rep(2), 'AllergenType[AllergyIntoleranceCategory]').code);
  });
}

/**
 * [hig: no-known-allergy statement; US Core AllergyIntolerance; FHIR R4 AllergyIntolerance.code "a general or
 * categorical negated statement (e.g., "No known allergy", "No known drug allergies")"; review 48 R48-N1] The AL1 whose
 * allergen says the patient has no known (drug, food, environmental) allergy (no-known-allergy.ts): code = the SNOMED
 * CT situation with the sender's coding and text kept, clinicalStatus active, verificationStatus confirmed (the FHIR
 * nkda example's reading), category and type from AL1-2 as any AL1 [IG AL1[AllergyIntolerance] #2], onset AL1-6;
 * no criticality or reaction: no allergy to be severe or to react to, so AL1-4 and AL1-5 are reported. Its id is the
 * patient + that SNOMED CT code, whichever spelling the sender used, and it is a member of the patient's AL1 list as
 * any allergy: an ADT whose list is NKDA deletes the allergies that sender's list named before, and one naming an
 * allergy again deletes the NKDA ("Allergy lists"). Beside an allergy its statement denies in the same list (NKDA
 * and penicillin) nothing is made of it and the report says so: the allergy is the sender's fact a receiver must
 * not lose, and one list cannot say both.
 */
function mapNoKnownAllergy(seg: SegmentReader, patient: Resource, scope: Scope, cx: Conversion, statement: NoKnownAllergy, allergen: Json): void {
  statedList(cx, 'allergy', patient, seg);
  if (deniedInList(seg, scope, statement)) {
    for (let n = 2; n < seg.segment.fields.length; n++) seg.used.add(n);
    cx.leftOut(seg, '3', `a no-known-allergy statement (SNOMED CT ${statement.code}) beside an allergy of the kind it denies in the same AL1 list: the allergy is kept, no statement written [hig: no-known-allergy statement; US Core AllergyIntolerance]`);
    return;
  }
  const a: Json = { resourceType: 'AllergyIntolerance' };
  a.clinicalStatus = { coding: [{ system: ALLERGY_CLINICAL, code: 'active' }] };
  a.verificationStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] };
  allergyCategory(a, seg, cx);
  allergenKind(a, seg);
  a.code = statementCode(statement, allergen);
  a.patient = cx.ref(patient);
  set(a, 'onsetDateTime', seg.dateTime(6));
  if (seg.rep(4) !== undefined) cx.leftOut(seg, '4', 'a severity of a no-known-allergy statement: no allergy to be severe (no criticality)');
  if (seg.rep(5) !== undefined) cx.leftOut(seg, '5', 'a reaction of a no-known-allergy statement: no allergy to react to (no reaction)');
  cx.remark(seg, '3', `read as a no-known-allergy statement: code SNOMED CT ${statement.code} ${statement.display} (the sender's coding and text kept), verificationStatus confirmed, no criticality or reaction [hig: no-known-allergy statement; US Core AllergyIntolerance]`);
  const made = cx.add(a as Resource, allergyKey(patient, { coding: [{ system: SNOMED_CT, code: statement.code }] }));
  scope.noteTarget = made;
  listedMember(cx, 'allergy', patient, made);
}

export function mapAl1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.patient === undefined) return;
  // [v2.5.1 2.10.4.1] the delete-all AL1: every field after the set ID `""` or empty, AL1-3 (the allergen) `""`
  const form = listSegmentForm(seg, 'allergy');
  if (form !== 'member') {
    // [R43-W1] no allergy of unknown allergen made of a segment that names none (until then `code.text` unknown, active)
    seg.used.add(3);
    for (let n = 2; n < seg.segment.fields.length; n++) seg.used.add(n);
    if (form === 'delete-all') statedEmpty(cx, 'allergy', scope.patient, seg);
    else cx.remark(seg, '3', 'an AL1 with no field sent names no allergy and states no allergy list: nothing made of it (v2.5.1 2.10.4.1: the delete-all form is `""` in its fields)');
    return;
  }
  const allergen = codeableConcept(seg.rep(3));
  // [hig: no-known-allergy statement; US Core AllergyIntolerance] `NKDA`, "No known drug allergies": no allergy (R48-N1)
  const statement = noKnownAllergy(allergen);
  if (statement !== undefined && allergen !== undefined) return mapNoKnownAllergy(seg, scope.patient, scope, cx, statement, allergen);
  const a: Json = { resourceType: 'AllergyIntolerance' };
  // ait-1: clinicalStatus is required unless entered-in-error; an AL1 lists a current allergy
  a.clinicalStatus = { coding: [{ system: ALLERGY_CLINICAL, code: 'active' }] };
  allergyCategory(a, seg, cx);
  allergenKind(a, seg);
  allergyCriticality(a, seg);
  a.code = allergen ?? { text: 'unknown' };
  a.patient = cx.ref(scope.patient);
  set(a, 'onsetDateTime', seg.dateTime(6));
  const reactions = seg.reps(5).map((r) => r.map((c) => c.join('&')).join(' ').trim()).filter((x) => x !== '');
  if (reactions.length > 0) a.reaction = [{ manifestation: reactions.map((text) => ({ text })) }];
  allergySeverity(a, seg, cx);
  // [hig identity] an allergy is the patient's allergy to this allergen: a resend addresses the same
  // one, and so does a second AL1 of the same allergen in one message (a BAR repeats the patient's
  // AL1s in every visit group): kept apart as `#2` it was a duplicate allergy no later message
  // updates. An AL1 without an allergen names nothing to merge by and stays its own.
  const allergy = cx.add(a as Resource, allergyKey(scope.patient, allergen), allergen === undefined ? 'distinct' : 'merge');
  scope.noteTarget = allergy;
  // [v2.5.1 2.10.4.1; R43-W1] a member of the patient's AL1 list (snapshot-lists.ts: an ADT's list is the whole list)
  statedList(cx, 'allergy', scope.patient, seg);
  listedMember(cx, 'allergy', scope.patient, allergy);
}

/**
 * [IG DG1[Condition] #21 → verificationStatus (condition-ver-status) "entered-in-error"; "Other
 * values (A and U) don't map to anything"] DG1-21 D (delete) marks the diagnosis entered in error;
 * any other action code is reported, never read and dropped.
 */
function diagnosisAction(c: Json, seg: SegmentReader, cx: Conversion): void {
  const action = segmentAction(seg);
  if (action === undefined) return;
  if (action === 'delete') c.verificationStatus = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }] };
  else cx.leftOut(seg, '21', 'an action code other than D (delete), which the IG maps to nothing');
}

/**
 * A parent (DG1-22, PR1-25) as a logical reference (identifier.ts parentReference), its identifier
 * read as the parent's own number is (DG1-20, PR1-19: eiIdentifier), so it is the very identifier
 * the parent carries, with its system or, for a bare number, without one. An EI without EI.1 names
 * no identifier: reported.
 */
function parentByNumber(seg: SegmentReader, n: number, cx: Conversion, type: string, what: string): Json | undefined {
  const rep = seg.rep(n);
  if (rep === undefined) return undefined;
  return parentReference(type, eiIdentifier(rep, cx), true, what, (why) => cx.leftOut(seg, String(n), why));
}

/**
 * [IG DG1[Condition] #22 → extension condition-dueTo, valueReference(Condition) EI[Condition]] the
 * parent diagnosis, a logical reference by its number (as SPM-3's parent: the parent need not be in
 * this message, and DG1-20 is the number a Condition carries as identifier), a bare `DG1001` too
 * (parents16). An EI without EI.1 names no identifier: reported.
 */
function parentDiagnosis(c: Json, seg: SegmentReader, cx: Conversion): void {
  const valueReference = parentByNumber(seg, 22, cx, 'Condition', 'diagnosis');
  if (valueReference === undefined) return;
  push(c, 'extension', { url: 'http://hl7.org/fhir/StructureDefinition/condition-dueTo', valueReference });
}

/** The Conditions made so far in this message, by the first id of their identity key (diagnosisOfMessage). */
const DIAGNOSES = new StateKey<Map<string, { condition: Resource; says: string; seg: SegmentReader }[]>>('conditions by DG1 identity', () => new Map());

/**
 * [IG ORM_O01 4.2.4 / OML_O21 6.4.6 DG1 → Condition; DG1[Condition] #3; hig identity: patient + DG1-20,
 * else patient + visit + DG1-3] A DG1 whose key an earlier DG1 of the message took and that says the
 * same (every element equal) is that Condition: the diagnosis an order message gives as the reason of
 * two tests is one Condition both name (review 34 R34-W2: it was two, `#2` beside the first, and the
 * visit listed it twice). Two DG1s of one key that say otherwise (another onset, asserter, type) stay
 * two Conditions, as before, and a line says so (fields named, no value).
 */
function diagnosisOfMessage(c: Resource, key: IdentityKey, seg: SegmentReader, cx: Conversion): Resource {
  const keyId = cx.idOf('Condition', key);
  if (keyId === undefined) return cx.add(c, key, 'distinct');
  const byKey = cx.state(DIAGNOSES);
  const earlier = byKey.get(keyId) ?? [];
  const says = JSON.stringify(c);
  const same = earlier.find((e) => e.says === says);
  if (same !== undefined) return cx.reuse(same.condition);
  const first = earlier[0];
  if (first !== undefined) cx.remark(seg, '3', `the diagnosis of the DG1 at segment ${first.seg.index + 1}, which says otherwise of it: a Condition of its own beside that one (two diagnoses of one code in this visit, or of one DG1-20 number, in this message)`);
  const condition = cx.add(c, key, 'distinct');
  byKey.set(keyId, [...earlier, { condition, says, seg }]);
  return condition;
}

export function mapDg1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.patient === undefined) return;
  const c: Json = { resourceType: 'Condition' };
  const identifier = eiIdentifier(seg.rep(20), cx);
  if (identifier !== undefined) c.identifier = [identifier];
  c.category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'encounter-diagnosis' }] }];
  set(c, 'code', codeWithDescription(seg, 3, 2, 4));
  c.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) c.encounter = cx.ref(scope.encounter);
  set(c, 'onsetDateTime', seg.dateTime(5));
  set(c, 'recordedDate', seg.dateTime(19));
  set(c, 'asserter', practitioner(cx, seg.rep(16)));
  diagnosisAction(c, seg, cx);
  parentDiagnosis(c, seg, cx);
  // [hig identity] DG1-20 within the patient's record (identity.ts patientNumberKey), else the patient's diagnosis of this code in this visit
  const key = numberKey('diagnosis', scope.patient, identifier) ?? patientFactsKey('diagnosis', scope.patient, resourceFact(scope.encounter) ?? '', conceptKey(c.code as Json | undefined));
  const condition = diagnosisOfMessage(c as Resource, key, seg, cx);
  scope.noteTarget = condition;
  // [IG ORM_O01 4.2.4, OML_O21 6.4.6 DG1 → ServiceRequest[1].reasonReference] a diagnosis of an order's
  // detail group is why that order was placed (MedicationRequest.reasonReference for an RXO's)
  const request = orderRequest(scope);
  const named = cx.ref(condition);
  if (request !== undefined && !((request.reasonReference as Json[] | undefined) ?? []).some((r) => r.reference === named.reference)) push(request, 'reasonReference', named);
  if (scope.encounter !== undefined) {
    const diag: Json = { condition: cx.ref(condition) };
    // [IG DG1[Encounter] #6 → diagnosis.use (CWE[CodeableConcept]) via DiagnosisType]: only a table
    // 0052 code goes through the map (coding.ts tableMapCode); another system's code (`A^Admitting^L`)
    // is the sender's: diagnosis.use is a CodeableConcept, so it keeps that coding as sent
    const { code: use, foreign } = tableMapCode(seg.rep(6), 'DiagnosisType');
    if (use !== undefined) diag.use = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/diagnosis-role', code: use }] };
    else if (foreign) set(diag, 'use', codeableConcept(seg.rep(6)));
    // [IG DG1[Encounter] #6 via DiagnosisType] W (working), F (final) and codes outside the map have
    // no diagnosis-role: reported, never dropped silently (DFT-P03-01's F)
    else if (seg.str(6) !== undefined) cx.leftOut(seg, '6', 'a diagnosis type the DiagnosisType map gives no diagnosis role for (table 0052)');
    const rank = Number(seg.str(15));
    if (Number.isInteger(rank) && rank > 0) diag.rank = rank;
    // one diagnosis given again (the reason of a second test) is one entry of the visit's list
    const listed = JSON.stringify(diag);
    if (!((scope.encounter.diagnosis as Json[] | undefined) ?? []).some((d) => JSON.stringify(d) === listed)) push(scope.encounter, 'diagnosis', diag);
  }
}

/**
 * [IG PR1[Procedure] #5 IF PR1-7 VALUED AND PR1-5.5 VALUED → performedPeriod.start, else
 * performedDateTime; #7 → performedPeriod.end = start + PR1-7 minutes] "PR1-5.5" read as the row's
 * comment says: PR1-5 "at least to the granularity of minutes". A coarser PR1-5, or minutes that
 * are no number, leave PR1-5 the performed time and PR1-7 reported (the other #7 row: no target).
 */
function performed(p: Json, seg: SegmentReader, cx: Conversion): void {
  const start = seg.dateTime(5);
  const minutes = seg.str(7) === undefined ? undefined : decimal(seg.str(7));
  const why = noEnd(start, /^\d{12}/.test(seg.str(5) ?? ''), minutes);
  const end = why === undefined && start !== undefined && minutes !== undefined ? addMinutesInZone(start, minutes, cx.timezone) : undefined;
  if (start !== undefined && end !== undefined) p.performedPeriod = { start, end };
  else {
    set(p, 'performedDateTime', start);
    // the line names the real cause (review 8: every cause blamed PR1-5, sending the operator there)
    if (seg.str(7) !== undefined) cx.leftOut(seg, '7', why ?? 'procedure minutes whose end falls outside the years 0001-9999');
  }
}

/** Why PR1-5 + PR1-7 gives no end, when it is known before adding (else undefined). */
function noEnd(start: string | undefined, toMinutes: boolean, minutes: number | undefined): string | undefined {
  if (minutes === undefined) return 'procedure minutes that are no number';
  if (minutes < 0) return 'negative procedure minutes';
  if (start === undefined || !toMinutes) return 'procedure minutes without a start (PR1-5) to the minute to add them to';
  return undefined;
}

/**
 * [IG PR1[Procedure] #23 → location(Location) PL[Location], 0..1: "We will address >=2 cardinality
 * if somebody raises the need"] the first treating unit; further repetitions are reported.
 */
function procedurePlaceAndParent(p: Json, seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const units = seg.reps(23);
  set(p, 'location', location(cx, units[0]));
  if (units.length > 1) cx.leftOut(seg, '23 repetition 2+', 'further treating units (Procedure.location holds one)');
  set(p, 'partOf', procedureParent(seg, scope, cx));
}

/**
 * [IG PR1[Procedure] #25 → partOf(Procedure.identifier) EI: "the reference to another Procedure
 * resource where Procedure.identifier matches the value of PR1-25"] When a PR1 of this patient in
 * this message carries that identifier as its PR1-19, that Procedure is in the Bundle: partOf
 * references it (before or after this PR1; its id is the one its PR1-19 gives it, identity.ts
 * numberKey), with the number beside it. Otherwise a logical reference by the number, with or
 * without a system (parentByNumber; until parents16 a bare `PR1001` was reported, review 7).
 */
function procedureParent(seg: SegmentReader, scope: Scope, cx: Conversion): Json[] | undefined {
  const parent = parentByNumber(seg, 25, cx, 'Procedure', 'procedure');
  if (parent === undefined) return undefined;
  const inMessage = siblingProcedure(seg, scope, cx, parent.identifier as Json);
  // the literal reference first (a Reference with both: they name the same resource)
  return [inMessage === undefined ? parent : { reference: inMessage, ...parent }];
}

/**
 * The `urn:uuid:` of the Procedure another PR1 of the patient's part of the message (up to the
 * next PID) makes with `identifier` as its PR1-19, made already or made later; undefined if none.
 */
function siblingProcedure(seg: SegmentReader, scope: Scope, cx: Conversion, identifier: Json | undefined): string | undefined {
  const id = cx.idOf('Procedure', numberKey('procedure', scope.patient, identifier));
  if (id === undefined || identifier === undefined) return undefined;
  if (cx.resources.has(`Procedure/${id}`)) return `urn:uuid:${id}`;
  const wanted = identifierFact(identifier);
  const segments = seg.msg.segments;
  for (let i = seg.index + 1; i < segments.length; i++) {
    const other = segments[i]!;
    if (other.name === 'PID') break;
    if (other.name !== 'PR1') continue;
    const own = eiIdentifier(cx.reader(other, i).rep(19), { timezone: cx.timezone, namespaceMap: cx.namespaceMap });
    if (own !== undefined && identifierFact(own) === wanted) return `urn:uuid:${id}`;
  }
  return undefined;
}

/**
 * [IG PR1[Procedure] PR1-8 → performer[1] actor + function SNOMED 88189002 (anesthesiologist),
 * PR1-11 → performer[2] actor + function SNOMED 304292004 (surgeon), PR1-12 → performer[3] actor
 * with no function ("less specific … not providing a default code")]: the role a field names is
 * the performer's function; without it an anesthesiologist and a surgeon were two bare actors.
 */
const PERFORMER_FUNCTIONS: readonly [field: number, code: string | undefined][] = [
  [8, '88189002'],
  [11, '304292004'],
  [12, undefined],
];

function procedurePerformers(seg: SegmentReader, cx: Conversion): Json[] | undefined {
  const out: Json[] = [];
  for (const [field, code] of PERFORMER_FUNCTIONS) {
    for (const r of seg.reps(field)) {
      const actor = practitioner(cx, r);
      if (actor === undefined) continue;
      out.push(code === undefined ? { actor } : { function: { coding: [{ system: 'http://snomed.info/sct', code }] }, actor });
    }
  }
  return out.length > 0 ? out : undefined;
}

/**
 * [IG PR1[Procedure] #0 → status: "depends on the message context where the PR1 is used … If not
 * clear, use unknown"] hig reads the context from the event (events.ts `procedures`) and PR1-5
 * against the message time MSH-7 (procedureTiming):
 * - a PR1-5 after MSH-7 in a visit or charge message → `preparation` [hig: FHIR event-status "the
 *   core event has not started yet"; a procedure timed after the message cannot have concluded, and
 *   the visit or account the message is about is being prepared for it];
 * - a pre-admission (A05, A14) otherwise → `unknown`: the visit is still to come, and a PR1-5 at or
 *   before it (or none) does not say whether this is a past procedure or a late planned one;
 * - a PR1-5 at or before MSH-7 in another ADT event, a BAR or a DFT → `completed` [hig: a visit
 *   under way or over, its account or its charge reports a procedure whose time has passed];
 * - anything else (no PR1-5, a date-only PR1-5 on MSH-7's own day, a REF's PR1, which may be a
 *   procedure asked for) → `unknown`.
 * Until fix18c every PR1 was `completed`: an A05's planned knee replacement read as done (review 18
 * R18-W1).
 */
function procedureStatus(seg: SegmentReader, scope: Scope, cx: Conversion): string {
  const context = scope.meaning.procedures;
  if (context === undefined) return 'unknown';
  const timing = procedureTiming(seg, cx);
  if (timing === 'after') return 'preparation';
  if (context === 'planned') return 'unknown';
  return timing === 'at-or-before' ? 'completed' : 'unknown';
}

/** PR1-5 against MSH-7 (message-time.ts: the same day of a date-only PR1-5 is `unclear`). */
function procedureTiming(seg: SegmentReader, cx: Conversion): MessageTiming {
  return againstMessageTime(seg.dateTime(5), seg, cx);
}

/**
 * PR1-3 (with PR1-2, PR1-4) and its modifiers PR1-16 [IG PR1[Procedure] #3, #4, #16 → code[1].value
 * `PR1-3.1 + ":" + PR1-16.1`, CPT modifier syntax; review 41 R41-L1: `RT` was reported, the side operated on
 * left the coded procedure]. A modifier beside a code that is no CPT code has no such syntax: reported.
 */
function procedureCode(seg: SegmentReader, cx: Conversion): Json | undefined {
  const code = codeWithDescription(seg, 3, 2, 4);
  const modifiers = seg.reps(16);
  if (modifiers.length === 0) return code;
  const { concept, applied } = withCptModifiers(code, modifiers);
  if (!applied) cx.leftOut(seg, '16', 'a procedure code modifier beside a PR1-3 that is no CPT code (the IG row joins it to the code in CPT\'s modifier syntax)');
  return concept;
}

export function mapPr1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  if (scope.patient === undefined) return;
  const p: Json = { resourceType: 'Procedure' };
  const identifier = eiIdentifier(seg.rep(19), cx);
  if (identifier !== undefined) p.identifier = [identifier];
  p.status = procedureStatus(seg, scope, cx);
  set(p, 'code', procedureCode(seg, cx));
  p.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) p.encounter = cx.ref(scope.encounter);
  performed(p, seg, cx);
  // [IG PR1[Procedure] #6 → category, CWE[CodeableConcept]] procedure functional type (table 0230)
  set(p, 'category', codeableConcept(seg.rep(6), undefined, '0230', cx.reportAt(seg, 6)));
  procedurePlaceAndParent(p, seg, scope, cx);
  set(p, 'performer', procedurePerformers(seg, cx));
  push(p, 'reasonCode', codeableConcept(seg.rep(15)));
  // [hig identity] PR1-19 within the patient's record (identity.ts patientNumberKey), else the patient's procedure of this code at PR1-5
  const procedure = cx.add(p as Resource, numberKey('procedure', scope.patient, identifier) ?? patientFactsKey('procedure', scope.patient, conceptKey(p.code as Json | undefined), seg.dateTime(5) ?? ''), 'distinct');
  scope.procedure = procedure;
  scope.noteTarget = procedure;
}
