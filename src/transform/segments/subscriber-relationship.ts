/**
 * IN1-17 → Coverage.relationship read the way FHIR R4 defines it: "the relationship of beneficiary (patient) to the
 * subscriber", bound (extensible) to SubscriberRelationshipCodes. IN1-17 says the other direction (table 0063, the
 * insured's relationship to the patient), so each code is read inverted: FTH (the insured is the patient's father) is
 * `child` (the patient is the subscriber's child).
 */
import type { Json } from '../types.js';

const SYSTEM = 'http://terminology.hl7.org/CodeSystem/subscriber-relationship';

const DISPLAY = { self: 'Self', spouse: 'Spouse', common: 'Common Law Spouse', child: 'Child', parent: 'Parent', other: 'Other' } as const;
type SubscriberRelationship = keyof typeof DISPLAY;

/** Table 0063 codes (the insured's relationship to the patient) → the patient's relationship to the subscriber. */
const INVERSE: Readonly<Record<string, SubscriberRelationship>> = {
  SEL: 'self',
  SPO: 'spouse',
  DOM: 'common',
  // the insured is the patient's child (natural, step, foster): the patient is the subscriber's parent
  CHD: 'parent', NCH: 'parent', SCH: 'parent', FCH: 'parent',
  // the insured is the patient's parent: the patient is the subscriber's child
  PAR: 'child', MTH: 'child', FTH: 'child',
  // a relation the value set has no code for (grandchild / grandparent, sibling, guardian, employer …): other
  GCH: 'other', GRP: 'other', SIB: 'other', BRO: 'other', SIS: 'other', EXF: 'other', DEP: 'other', WRD: 'other', CGV: 'other',
  GRD: 'other', FND: 'other', OAD: 'other', EME: 'other', EMR: 'other', ASC: 'other', EMC: 'other', OWN: 'other', TRA: 'other',
  MGR: 'other', OTH: 'other',
};

/**
 * [IG IN1[Coverage] #17 → relationship via Relationship; **deviation**, review 59 R59-N1] the subscriber-relationship
 * code of an IN1-17 table 0063 code, else undefined (UNK, NON, a code of no table 0063). The IG's map gives the v3
 * RoleCode of the insured's side (FTH), which on Coverage reads "the beneficiary is the subscriber's father"; that
 * coding stays on the subscriber RelatedPerson, whose relationship it is (admin.ts insured).
 */
export function subscriberRelationship(in1_17: string | undefined): Json | undefined {
  const code = in1_17 === undefined ? undefined : INVERSE[in1_17.toUpperCase()];
  return code === undefined ? undefined : { coding: [{ system: SYSTEM, code, display: DISPLAY[code] }] };
}
