/** NK1 → RelatedPerson, and Patient.contact for contact roles (IG: NK1[RelatedPerson], NK1[Patient]). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { xadAddress } from '../datatypes/address.js';
import { codeableConcept } from '../datatypes/coding.js';
import { cxIdentifier } from '../datatypes/identifier.js';
import { xpnName } from '../datatypes/name.js';
import { xtnContactPoint } from '../datatypes/telecom.js';
import { conceptKey, nameFact, relatedPersonKey } from '../identity.js';
import type { Json, Resource } from '../types.js';
import { administrativeGender } from './coded.js';
import type { Scope } from './scope.js';

export function mapNk1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const patient = scope.patient;
  const names = seg.reps(2).map((r) => xpnName(r, cx));
  const telecom = [5, 6, 40, 41].flatMap((n) => seg.reps(n).map((r) => xtnContactPoint(r, cx.at(seg, n))));
  const addresses = seg.reps(4).map((r) => xadAddress(r, cx));
  const relationship = codeableConcept(seg.rep(3), 'Relationship');
  const role = codeableConcept(seg.rep(7), 'ContactRole');
  const rp: Json = { resourceType: 'RelatedPerson' };
  const identifiers = [...seg.reps(12), ...seg.reps(33)].flatMap((r) => cxIdentifier(r, cx) ?? []);
  if (identifiers.length > 0) rp.identifier = identifiers;
  if (patient !== undefined) rp.patient = cx.ref(patient);
  push(rp, 'relationship', relationship, role);
  push(rp, 'name', ...names);
  push(rp, 'telecom', ...telecom);
  push(rp, 'address', ...addresses);
  // [IG NK1[RelatedPerson] #15 → gender via AdministrativeSex]: a table 0001 code only (coded.ts)
  set(rp, 'gender', administrativeGender(seg, 15, cx));
  set(rp, 'birthDate', seg.date(16));
  set(rp, 'period', seg.period([8], [9]));
  push(rp, 'communication', ...seg.reps(20).map((r) => {
    const language = codeableConcept(r, 'PrimaryLanguage');
    return language === undefined ? undefined : { language };
  }));
  // RelatedPerson.patient is required: without a patient the NK1 stays a Patient.contact only
  if (patient !== undefined && (rp.name !== undefined || rp.identifier !== undefined || rp.telecom !== undefined)) {
    // [hig identity] the patient's relative NK1-12/NK1-33, else of this relationship and name;
    // a relative known by an identifier is one person however often named: the mother PID-21
    // already made (pid.ts) is filled in, not repeated as `#2`
    const id = identifiers[0] as Json | undefined;
    cx.add(rp as Resource, relatedPersonKey('related-person', patient, id, conceptKey(relationship), nameFact(names.find((n) => n !== undefined))), id === undefined ? 'distinct' : 'merge');
  }
  if (patient !== undefined) {
    const contact: Json = {};
    push(contact, 'relationship', relationship, role);
    set(contact, 'name', names.find((n) => n !== undefined));
    push(contact, 'telecom', ...telecom);
    set(contact, 'address', addresses.find((a) => a !== undefined));
    set(contact, 'gender', rp.gender);
    set(contact, 'period', rp.period);
    // pat-1: a contact needs a name, telecom, address or organization
    if (contact.name !== undefined || contact.telecom !== undefined || contact.address !== undefined) push(patient, 'contact', contact);
  }
}
