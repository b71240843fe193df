/** NK1 → RelatedPerson, and Patient.contact for contact roles (IG: NK1[RelatedPerson], NK1[Patient]). */
import { type Conversion, SegmentReader, push, set } from '../context.js';
import { xadAddress } from '../datatypes/address.js';
import { codeableConcept } from '../datatypes/coding.js';
import { cxIdentifier, ssnIdentifier } from '../datatypes/identifier.js';
import { xpnName, xpnNameList } from '../datatypes/name.js';
import { xtnContactPoint } from '../datatypes/telecom.js';
import { conceptKey, contactOrganizationKey, motherKey, nameFact, relatedPersonKey } from '../identity.js';
import { listSegmentForm, listedMember, statedEmpty, statedList } from '../snapshot-lists.js';
import type { Json, Reference, Resource } from '../types.js';
import { organization } from '../entities.js';
import { administrativeGender } from './coded.js';
import { partyPerson } from './party-person.js';
import { holdsIdentifier, otherValues } from '../identifier-namespace.js';
import type { Scope } from './scope.js';
import type { SegmentNode } from '../structures/match.js';

interface ContactPerson {
  name: Json | undefined;
  telecom: (Json | undefined)[];
  address: (Json | undefined)[];
}

/** NK1-30 name, NK1-31 telecom, NK1-32 address: the contact person, if any. */
function contactPerson(seg: SegmentReader, cx: Conversion): ContactPerson | undefined {
  const names = seg.reps(30).map((r) => xpnName(r, cx));
  const telecom = seg.reps(31).map((r) => xtnContactPoint(r, cx.at(seg, 31)));
  const address = seg.reps(32).map((r) => xadAddress(r, cx));
  const person = { name: names.find((n) => n !== undefined), telecom, address };
  return person.name === undefined && telecom.every((t) => t === undefined) && address.every((a) => a === undefined) ? undefined : person;
}

/**
 * [IG NK1[Patient] #13 → contact.organization(Organization) XON[Organization] (0..1: further
 * repetitions reported)] the organization that is the contact: the shared Organization of that XON
 * (entities.ts organization), the one a GT1 employer or an IN1 naming the same XON references too.
 */
function contactOrganization(seg: SegmentReader, person: ContactPerson | undefined, patient: Resource, cx: Conversion): Reference | undefined {
  const reps = seg.reps(13);
  const shared = organization(cx, reps[0]);
  if (reps.length > 1) cx.leftOut(seg, '13 repetition 2+', 'further organizations (Patient.contact.organization holds one)');
  if (shared === undefined || person === undefined) return shared;
  return patientsOrganization(shared, person, patient, cx);
}

/**
 * [IG NK1[Patient] #30 → contact.organization(Organization.contact.name), #31 → .telecom, #32 →
 * .address] An NK1-13 with a contact person is the patient's view of the organization
 * ([hig identity] identity.ts contactOrganizationKey: the shared one + the patient), so another
 * patient's message never replaces or shows this patient's contact persons (nk1org18; before, the
 * shared Organization's contact list was the last message's). [hig: partOf] it carries the name and
 * points at the shared Organization by `partOf` instead of repeating the XON identifier: a copy
 * per patient under one identifier would make `Organization?identifier=` (the shared one's
 * conditional update, a receiver's lookup of the employer) match several and a server refuse the
 * transaction (412). Organization.contact repeats: each NK1 of the patient naming the organization
 * adds its contact person once (review10 #6: a second one used to vanish silently).
 */
function patientsOrganization(shared: Reference, person: ContactPerson, patient: Resource, cx: Conversion): Reference {
  const sharedOrg = cx.made('Organization', shared);
  const view: Json = { resourceType: 'Organization' };
  set(view, 'name', shared.display ?? sharedOrg?.name);
  view.partOf = { ...shared };
  const org = cx.add(view as Resource, contactOrganizationKey(patient, sharedOrg));
  const contact: Json = {};
  set(contact, 'name', person.name);
  push(contact, 'telecom', ...person.telecom);
  set(contact, 'address', person.address.find((a) => a !== undefined));
  const contacts = Array.isArray(org.contact) ? (org.contact as Json[]) : [];
  if (!contacts.some((c) => JSON.stringify(c) === JSON.stringify(contact))) org.contact = [...contacts, contact];
  return cx.ref(org, typeof org.name === 'string' ? org.name : undefined);
}

const MOTHER = 'MTH';

const codings = (c: Json): string[] => (Array.isArray(c.coding) ? (c.coding as Json[]) : []).map((x) => `${String(x.system)}|${String(x.code)}`);

/** `held` with each of `more` that says something new: a concept whose codings another holds is
 * dropped, one holding all of another's codings (and more) takes its place. */
function addConcepts(held: Json[], more: (Json | undefined)[]): Json[] {
  const out = [...held];
  for (const c of more) {
    if (c === undefined) continue;
    const mine = codings(c);
    if (mine.length === 0) {
      if (!out.some((o) => JSON.stringify(o) === JSON.stringify(c))) out.push(c);
      continue;
    }
    if (out.some((o) => mine.every((m) => codings(o).includes(m)))) continue;
    const narrower = out.findIndex((o) => codings(o).every((m) => mine.includes(m)));
    if (narrower >= 0) out[narrower] = c;
    else out.push(c);
  }
  return out;
}

/**
 * [hig identity; IG PID[Patient] #21 → CX[RelatedPerson-Mother], NK1 → RelatedPerson] Whether the NK1 is the
 * patient's mother, at the key PID-21's RelatedPerson has (identity.ts motherKey): `mother` when it names her by
 * one of PID-21's identifiers, or when it says MTH (table 0063), is the only NK1 of the patient that does and has no
 * NK1-12/33 of its own, or has some beside a PID-21 of other namespaces only (review 64 R64-N1: PID-21 her MRN,
 * NK1-33 her national ID made the newborn two mothers; one newborn has one mother); never when its own NK1-12/33 hold
 * another value of a namespace of PID-21's (two numbers of one namespace, two people: kept apart, reported). One person is one RelatedPerson within a message (review 33 R33-N1: a CDC-IG VXU's mother
 * NK1 beside PID-21 made two) and across feeds (code review 27 CR27-6: the registry's VXU with PID-21 and the
 * hospital's ADT without it made one each). Two NK1s saying MTH stay apart (by identifier, else by name): which is
 * the mother is not said.
 *
 * `candidate`: the only NK1 saying MTH, with identifiers of its own, in a message without PID-21. Whether she is
 * PID-21's mother is said only by the mother the receiver holds (code review 30 CR30-3: keyed as the mother, the
 * NK1 kept apart from PID-21's mother in one message was PUT over her in the next). So it is keyed as any
 * relative (by its identifier) and marked with the mother's id (context.ts motherCandidates): the FHIR destination
 * writes it at the mother's id unless the mother held says otherwise (destinations/held-mother.ts); any other
 * destination receives it at its own id, a second copy of the mother at worst, never one person over another.
 */
function motherReading(seg: SegmentReader, identifiers: Json[], scope: Scope, cx: Conversion): 'mother' | 'candidate' | undefined {
  const pid21 = scope.motherIdentifiers ?? [];
  if (identifiers.some((i) => holdsIdentifier(pid21, i))) return 'mother';
  if (seg.str(3) !== MOTHER) return undefined;
  // the sibling NK1s read through a reader of their own (its report is silent: their mapper reports them)
  if (patientNk1s(scope).filter((n) => new SegmentReader(seg.msg, n.segment, n.index).str(3) === MOTHER).length !== 1) return undefined;
  if (identifiers.length === 0) return 'mother';
  if (pid21.length === 0) return 'candidate';
  // [review 64 R64-N1] beside PID-21: one newborn has one mother; only another value of a namespace of PID-21's
  // says another person (PID-21 her MRN, NK1-33 her national ID: one woman, two namespaces)
  if (otherValues(identifiers, pid21).length === 0) return 'mother';
  cx.reportAt(seg, seg.str(33) !== undefined ? 33 : 12)(`the only NK1 saying MTH names another value of a namespace of PID-21's (the mother's identifier): kept apart from PID-21's mother as another person`);
  return undefined;
}

/**
 * Every NK1 of the patient: the group's own, or, where each NK1 heads a NEXT_OF_KIN group of its own (the
 * ADT grammars, structures/definitions.ts), every NEXT_OF_KIN group's beside it. Counting the group's own
 * alone, an ADT's second NK1 saying MTH was not seen and both mothers were made one (found with CR27-6).
 */
function patientNk1s(scope: Scope): SegmentNode[] {
  const group = scope.group;
  if (group.name !== 'NEXT_OF_KIN' || group.parent === undefined) return group.nodes('NK1');
  return group.parent.node.children.flatMap((c) =>
    c.kind === 'group' && c.name === 'NEXT_OF_KIN' ? c.children.filter((n): n is SegmentNode => n.kind === 'segment' && n.segment.name === 'NK1') : []);
}


/** Adds to the mother PID-21 made the NK1's identifiers she lacks (a merge keeps the first list whole). */
function addIdentifiers(made: Json, more: Json[]): void {
  const held = Array.isArray(made.identifier) ? (made.identifier as Json[]) : [];
  const added = more.filter((i) => !holdsIdentifier(held, i));
  if (added.length > 0) made.identifier = [...held, ...added];
}

export function mapNk1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const patient = scope.patient;
  // [v2.5.1 2.10.4.1 snapshot mode; fix32b] an ADT's NK1s are the patient's whole contact list (snapshot-lists.ts):
  // the delete-all NK1 (every field after the set ID `""` or empty, NK1-2 `""`) states it empty and makes nothing
  if (patient !== undefined) {
    const form = listSegmentForm(seg, 'contact');
    if (form === 'delete-all') {
      for (let n = 2; n < seg.segment.fields.length; n++) seg.used.add(n);
      statedEmpty(cx, 'contact', patient, seg);
      return;
    }
    if (form === 'member') statedList(cx, 'contact', patient, seg);
  }
  const names: (Json | undefined)[] = xpnNameList(seg.reps(2), cx);
  const telecom = [5, 6, 40, 41].flatMap((n) => seg.reps(n).map((r) => xtnContactPoint(r, cx.at(seg, n))));
  const addresses = seg.reps(4).map((r) => xadAddress(r, cx));
  const person = contactPerson(seg, cx);
  const contactOrg = patient === undefined ? undefined : contactOrganization(seg, person, patient, cx);
  // the RelatedPerson's own lists: the contact's, plus the contact person where it is the related person
  const rpNames = [...names];
  const rpTelecom = [...telecom];
  const rpAddresses = [...addresses];
  if (person !== undefined) {
    // [IG NK1[RelatedPerson] #30 → name[2], #31 → telecom[3], #32 → address[2]] the contact person is
    // the related person only when NK1-2 names nobody: beside a named next of kin, two people's names
    // would make one RelatedPerson (the IG's own comment asks how to tell them apart). With an
    // organization (NK1-13) it is also the organization's contact [IG NK1[Patient] #30–32], not
    // Patient.contact's name; before review 62 (R62-N2) it was that alone, and the RelatedPerson of an
    // employer NK1 had no name at all.
    const alone = !names.some((n) => n !== undefined);
    if (alone) {
      rpNames.push(person.name);
      rpTelecom.push(...person.telecom);
      rpAddresses.push(...person.address);
    }
    if (alone && contactOrg === undefined) {
      names.push(person.name);
      telecom.push(...person.telecom);
      addresses.push(...person.address);
    } else if (!alone && contactOrg === undefined) {
      cx.leftOut(seg, '30-32', 'a contact person beside the next of kin NK1-2, without an organization (NK1-13) to be its contact');
    }
  }
  const relationship = codeableConcept(seg.rep(3), 'Relationship');
  const role = codeableConcept(seg.rep(7), 'ContactRole');
  const rp: Json = { resourceType: 'RelatedPerson' };
  const identifiers = [...seg.reps(12), ...seg.reps(33)].flatMap((r) => cxIdentifier(r, cx) ?? []);
  // [IG NK1[RelatedPerson] #37 → identifier[3] us-ssn, type SS]; not the relative's identity (below:
  // NK1-12/33 as before), so a relative sent once without and once with an SSN stays one resource
  const ssn = seg.str(37);
  const all = ssn === undefined ? identifiers : [...identifiers, ssnIdentifier(ssn)];
  if (all.length > 0) rp.identifier = all;
  if (patient !== undefined) rp.patient = cx.ref(patient);
  push(rp, 'relationship', relationship, role);
  push(rp, 'name', ...rpNames);
  push(rp, 'telecom', ...rpTelecom);
  push(rp, 'address', ...rpAddresses);
  // [IG NK1[RelatedPerson] #15 → gender via AdministrativeSex]: a table 0001 code only (coded.ts)
  set(rp, 'gender', administrativeGender(seg, 15, cx));
  set(rp, 'birthDate', seg.date(16));
  set(rp, 'period', seg.period([8], [9]));
  push(rp, 'communication', ...seg.reps(20).map((r) => {
    const language = codeableConcept(r, 'PrimaryLanguage');
    return language === undefined ? undefined : { language };
  }));
  // RelatedPerson.patient is required: without a patient the NK1 stays a Patient.contact only. An NK1 naming
  // an organization (NK1-13) and no person (no NK1-2, NK1-30 or identifier) is the organization's: its phone is
  // the organization's, Patient.contact holds it [IG NK1[Patient] #13] and no person is there to relate
  // (review 62 R62-N2; R59-W1's class, a nameless RelatedPerson for an organization)
  const somebody = rp.name !== undefined || rp.identifier !== undefined || (rp.telecom !== undefined && contactOrg === undefined);
  if (patient !== undefined && somebody) {
    // [hig identity] the patient's relative NK1-12/NK1-33, else of this relationship and name;
    // a relative known by an identifier is one person however often named: the mother PID-21
    // already made (pid.ts) is filled in, not repeated as `#2`
    const id = identifiers[0] as Json | undefined;
    const reading = motherReading(seg, identifiers as Json[], scope, cx);
    const mother = reading === 'mother';
    const key = mother ? motherKey(patient) : relatedPersonKey('related-person', patient, id, conceptKey(relationship), nameFact(rpNames.find((n) => n !== undefined)));
    const made = cx.add(rp as Resource, key, id === undefined && !mother ? 'distinct' : 'merge');
    // [hig mother rule; CR30-3] the mother or another person: the held mother says (motherReading)
    const motherId = reading === 'candidate' ? cx.idOf('RelatedPerson', motherKey(patient)) : undefined;
    if (motherId !== undefined) cx.motherCandidates.set(`RelatedPerson/${made.id ?? ''}`, motherId);
    // the NK1 writes her whole, also where an IN1 of the message named her first (admin.ts markInsuredMother)
    if (motherId !== undefined) cx.motherNamedOnly.delete(`RelatedPerson/${made.id ?? ''}`);
    if (mother && made !== rp) addIdentifiers(made, all as Json[]);
    // [hig mother rule; review 44 R44-N6] the NK1 fills the mother PID-21 named: written whole (a PUT), not created if absent
    if (mother) cx.named.delete(`RelatedPerson/${made.id ?? ''}`);
    // merged into the person PID-21 or an earlier NK1 made: that one's relationship stays first, the
    // NK1's own codes (table 0063 as sent, NK1-7's role) are added, not lost to first-wins
    if (made !== rp) made.relationship = addConcepts(Array.isArray(made.relationship) ? (made.relationship as Json[]) : [], [relationship, role]);
    // [v2.5.1 2.10.4.1; fix32b] a member of the patient's contact list; not the mother, whom PID-21 names too
    // (her identity is the patient's mother, not a place on the list: docs/mapping.md "Snapshot lists")
    if (!mother) listedMember(cx, 'contact', patient, made);
    // [hig identity; review 61 R61-N2] the IN1 insured of this message naming this relative is this RelatedPerson
    // (party-person.ts); not a mother candidate, whose place the held mother decides
    if (reading === undefined) partyPerson('relative', made, patient, identifiers as Json[], rpNames.find((n) => n !== undefined), seg.str(3), cx);
  }
  if (patient !== undefined) {
    const contact: Json = {};
    push(contact, 'relationship', relationship, role);
    set(contact, 'name', names.find((n) => n !== undefined));
    push(contact, 'telecom', ...telecom);
    set(contact, 'address', addresses.find((a) => a !== undefined));
    set(contact, 'gender', rp.gender);
    set(contact, 'period', rp.period);
    set(contact, 'organization', contactOrg);
    // pat-1: a contact needs a name, telecom, address or organization
    if (contact.name !== undefined || contact.telecom !== undefined || contact.address !== undefined || contact.organization !== undefined) push(patient, 'contact', contact);
    // an NK1 that names nobody (`NK1|1||SPO`) makes neither: its relationship is said, not read
    // past (review 15, R15-L2; [IG NK1[RelatedPerson] #3] needs a person to hold it)
    else if (rp.identifier === undefined && relationship !== undefined) cx.leftOut(seg, '3', 'a relationship of nobody the NK1 names (no name, identifier, telecom, address or organization): no RelatedPerson or contact can hold it (FHIR pat-1)');
  }
}
