/**
 * [hig: no-known-allergy statement; US Core AllergyIntolerance] An AL1 whose allergen (AL1-3) is a statement that
 * the patient has no known allergy (`^No known drug allergies`, `NKDA`, `NKA^No Known Allergies^L`) is no allergy.
 * The IG maps AL1-3 to AllergyIntolerance.code and has no row for such a value (review 48 R48-N1): written as the
 * sender's text, it was an `active` allergy whose code.text said "No known drug allergies", and a receiver counting
 * allergies, or a CDS drug-class check, saw one. FHIR R4 AllergyIntolerance.code holds "a general or categorical
 * negated statement (e.g., "No known allergy", "No known drug allergies")", and the SNOMED CT situations for them
 * are the codes the FHIR and IG examples use: 716186003 No known allergy, 409137002 No known drug allergy (FHIR R4
 * example allergyintolerance-nkda: clinicalStatus active, verificationStatus confirmed, no reaction), 429625007 No
 * known food allergy, 428607008 No known environmental allergy (IPS ConceptMap absence-to-snomed-uv-ips 1.1.0:
 * the IPS absent-unknown codes to these SNOMED CT situations; US Core's allergy substance value set includes its
 * "common refutations and null values" for the same use).
 *
 * The statement is read from AL1-3's code (CWE.1/CWE.4, any system; the SNOMED CT code itself when its system is
 * SNOMED CT), display or text, compared without case, spaces or punctuation (`N.K.D.A.` is NKDA) but for a question
 * mark. A coded AL1-3 with any code that is not such a statement (a real allergen code beside an NKA text) is not
 * read as one.
 *
 * [code review 32 CR32-5] A statement in doubt is no statement: `NKDA?` (not asked, not answered) was read as the
 * confirmed 409137002, and as a list member deleted that sender's earlier drug allergies. Such a text is not
 * recognised: it stays the sender's text, an allergy as before the statement was read (a receiver sees the question,
 * nothing is deleted as refuted). Not an `unconfirmed` statement: a list member marked unconfirmed would still
 * replace the list (docs/mapping.md "Allergy lists"), and leaving it out of the list needs a rule of its own. The `?`
 * is the only doubt the normalisation could lose: the match is of the whole text, so `probable NKDA`, `NKDA per
 * patient?` or `NKDA unconfirmed` were never read as the statement.
 */
import type { Json } from '../types.js';

export const SNOMED_CT = 'http://snomed.info/sct';

/** One no-known-allergy statement: its SNOMED CT situation and the allergy category it covers (none: every allergy). */
export interface NoKnownAllergy {
  code: string;
  display: string;
  /** The AllergyIntolerance.category it says there is none of; undefined for "no known allergy" at all. */
  category?: 'medication' | 'food' | 'environment';
}

const ANY: NoKnownAllergy = { code: '716186003', display: 'No known allergy' };
const DRUG: NoKnownAllergy = { code: '409137002', display: 'No known drug allergy', category: 'medication' };
const FOOD: NoKnownAllergy = { code: '429625007', display: 'No known food allergy', category: 'food' };
const ENVIRONMENT: NoKnownAllergy = { code: '428607008', display: 'No known environmental allergy', category: 'environment' };

/** The spellings read (normalised: lower case, letters and digits only). */
const SPELLINGS: ReadonlyMap<string, NoKnownAllergy> = new Map([
  ...['nka', 'noknownallergies', 'noknownallergy'].map((s): [string, NoKnownAllergy] => [s, ANY]),
  ...['nkda', 'noknowndrugallergies', 'noknowndrugallergy', 'nkma', 'noknownmedicationallergies', 'noknownmedicationallergy'].map((s): [string, NoKnownAllergy] => [s, DRUG]),
  ...['nkfa', 'noknownfoodallergies', 'noknownfoodallergy'].map((s): [string, NoKnownAllergy] => [s, FOOD]),
  ...['nkea', 'noknownenvironmentalallergies', 'noknownenvironmentalallergy'].map((s): [string, NoKnownAllergy] => [s, ENVIRONMENT]),
]);

const BY_SNOMED: ReadonlyMap<string, NoKnownAllergy> = new Map([ANY, DRUG, FOOD, ENVIRONMENT].map((s) => [s.code, s]));

/** Lower case, letters and digits, and `?` kept (a question is no statement: the module comment, CR32-5). */
const normalised = (value: unknown): string => (typeof value === 'string' ? value.toLowerCase().replace(/[^a-z0-9?]/g, '') : '');

/** The statement one coding's code names, if any (a SNOMED CT code by its number, any other by its spelling). */
function codeStatement(coding: Json): NoKnownAllergy | undefined {
  if (coding.system === SNOMED_CT && typeof coding.code === 'string') return BY_SNOMED.get(coding.code);
  return SPELLINGS.get(normalised(coding.code));
}

/** The no-known-allergy statement AL1-3's CodeableConcept makes (the module comment), or undefined. */
export function noKnownAllergy(allergen: Json | undefined): NoKnownAllergy | undefined {
  if (allergen === undefined) return undefined;
  const codings = (Array.isArray(allergen.coding) ? (allergen.coding as Json[]) : []).filter((c) => typeof c.code === 'string' && c.code !== '');
  const byCode = codings.map(codeStatement);
  // a code that is no statement is an allergen: the text beside it does not make it none
  if (byCode.some((s) => s === undefined)) return undefined;
  return byCode[0] ?? [...codings.map((c) => c.display), allergen.text].map((v) => SPELLINGS.get(normalised(v))).find((s) => s !== undefined);
}

/**
 * AllergyIntolerance.code of a statement: the SNOMED CT situation first, then the sender's codings (the same SNOMED
 * CT code once) and text, kept as sent.
 */
export function statementCode(statement: NoKnownAllergy, allergen: Json): Json {
  const own = (Array.isArray(allergen.coding) ? (allergen.coding as Json[]) : []).filter((c) => !(c.system === SNOMED_CT && c.code === statement.code));
  const code: Json = { coding: [{ system: SNOMED_CT, code: statement.code, display: statement.display }, ...own] };
  if (allergen.text !== undefined) code.text = allergen.text;
  return code;
}

/**
 * Whether an allergy of `category` (undefined: not said) in the same list contradicts the statement: "no known
 * allergy" is contradicted by any allergy, "no known drug allergy" by a drug allergy or one whose category is not
 * said (it may be a drug); a patient cannot be both NKDA and allergic to penicillin in one sender's list.
 */
export function contradicts(statement: NoKnownAllergy, category: string | undefined): boolean {
  return statement.category === undefined || category === undefined || category === statement.category;
}
