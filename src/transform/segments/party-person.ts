/**
 * One person named by several segments of a message: the GT1 guarantor, the IN1-16/17 insured and the NK1 relative
 * are one RelatedPerson when they name one person (docs/mapping.md "Resource identity", RelatedPerson).
 */
import { type Conversion, StateKey } from '../context.js';
import { identifierFact, nameFact, resourceFact } from '../identity.js';
import type { Json, Resource } from '../types.js';

/** A GT1 guarantor's, an IN1 insured's or an NK1 relative's RelatedPerson of this message, with what says who the person is. */
interface PartyPerson {
  person: Resource;
  patient: string | undefined;
  /** identifierFact of each identifier (GT1-2, GT1-12; IN1-49; NK1-12/33). */
  identifiers: string[];
  name: string | undefined;
  /** The relationship to the patient as sent (GT1-11, IN1-17, NK1-3: table 0063), upper case. */
  relationship: string | undefined;
}

export type PartyRole = 'guarantor' | 'insured' | 'relative';

const PARTY_PERSONS = new StateKey<Record<PartyRole, PartyPerson[]>>('the GT1 guarantors, IN1 insured and NK1 relatives of this message', () => ({ guarantor: [], insured: [], relative: [] }));

/** One person: of one patient, an identifier in common, else the same name and the same relationship. */
function samePerson(a: PartyPerson, b: PartyPerson): boolean {
  if (a.patient !== b.patient) return false;
  if (a.identifiers.some((i) => b.identifiers.includes(i))) return true;
  return a.name !== undefined && a.name === b.name && a.relationship !== undefined && a.relationship === b.relationship;
}

/**
 * An NK1 relative and an insured are one person as above, but not when each has identifiers and none in common: an
 * NK1-33 of its own beside another IN1-49 says two people of one name (a father and son both ALI), as the mother rule
 * keeps two identifiers apart (nk1.ts motherReading).
 */
function sameRelative(relative: PartyPerson, insured: PartyPerson): boolean {
  if (!samePerson(relative, insured)) return false;
  return relative.identifiers.length === 0 || insured.identifiers.length === 0 || relative.identifiers.some((i) => insured.identifiers.includes(i));
}

/**
 * [hig identity, review 34 R34-N2; review 61 R61-N2; the IG has no GT1 map and maps NK1 and IN1 apart] The GT1
 * guarantor and the IN1-16/17 insured that name one person (an identifier in common, GT1-2/12 and IN1-49; else the
 * same name, GT1-3 and IN1-16, and the same relationship, GT1-11 and IN1-17) are one RelatedPerson within the
 * message: the guarantor's (its key, GT1-2, whichever segment comes first: an ORM sends IN1 before GT1, an ADT or DFT
 * after), the insured's elements added where the guarantor's lack them, the Coverage's subscriber and the Account's
 * guarantor naming it. So are an NK1 relative (not the mother: nk1.ts keys her apart) and the insured, at the
 * relative's key (the contact list's member, NK1-12/33 else relationship + name, which the next ADT's NK1 names
 * again): review 61 #14's father, the NK1 emergency contact and the IN1 policy holder, was two RelatedPersons, the
 * Coverage's subscriber the one without his phone. An insured both a guarantor and a relative name joins the
 * guarantor (GT1 and NK1 stay apart: the guarantor is keyed `guarantor`, never a contact list's). Before, the spouse a
 * registration named twice was two RelatedPersons of the patient (review 34 #17). Across messages the keys stay as
 * documented: a message with IN1 alone keys the insured by IN1-49, else relationship + name.
 * Returns the person the segment names.
 */
export function partyPerson(role: PartyRole, made: Resource, patient: Resource, identifiers: readonly Json[], name: Json | undefined, relationship: string | undefined, cx: Conversion): Resource {
  const me: PartyPerson = {
    person: made,
    patient: resourceFact(patient),
    identifiers: identifiers.filter((i) => typeof i.value === 'string').map(identifierFact),
    name: nameFact(name),
    relationship: relationship?.toUpperCase(),
  };
  const persons = cx.state(PARTY_PERSONS);
  if (role === 'insured') {
    const into = persons.guarantor.find((g) => samePerson(g, me)) ?? persons.relative.find((r) => sameRelative(r, me));
    if (into === undefined) {
      persons.insured.push(me);
      return made;
    }
    cx.fold(made, into.person);
    return into.person;
  }
  const joins = (insured: PartyPerson) => (role === 'guarantor' ? samePerson(insured, me) : sameRelative(me, insured));
  for (const insured of persons.insured) if (joins(insured)) cx.fold(insured.person, made);
  persons.insured = persons.insured.filter((i) => !joins(i));
  persons[role].push(me);
  return made;
}
