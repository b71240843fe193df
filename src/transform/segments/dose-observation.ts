/**
 * OBX in a dose's OBSERVATION group (VXU_V04 ORDER/OBSERVATION, RAS ADMINISTRATION/OBSERVATION):
 * [IG VXU_V04 12.6.1] each is an Observation partOf THAT dose (the RXA of its own group, found
 * through the group tree, so two doses never share one), and "some observations about the
 * immunization may map to elements within the Immunization resource": the CDC IIS IG's codes
 * below fill programEligibility, fundingSource, education and reaction of the dose itself.
 */
import { push } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { val } from '../datatypes/primitive.js';
import { toDateTime } from '../datatypes/time.js';
import type { Conversion, SegmentReader } from '../context.js';
import type { Json, Resource } from '../types.js';
import { type Scope, madeBy } from './scope.js';

/** What a dose-level OBX-3 (LOINC, CDC IIS IG) says about its Immunization. */
type DoseFact = 'eligibility' | 'funding' | 'visDocument' | 'visVaccine' | 'visPublished' | 'visPresented' | 'reaction';

const DOSE_FACTS: Readonly<Record<string, DoseFact>> = {
  '64994-7': 'eligibility', // vaccine funding program eligibility category (V01…V07)
  '30963-3': 'funding', // vaccine funding source
  '69764-9': 'visDocument', // document type (VIS bar code)
  '30956-7': 'visVaccine', // vaccine type the VIS is for (older, non-bar-code VIS)
  '29768-9': 'visPublished', // VIS publication date
  '29769-7': 'visPresented', // VIS presentation date
  '31044-1': 'reaction', // reaction
};

/** The event (Immunization, MedicationAdministration) the OBX's group is an observation of. */
export function doseOf(scope: Scope): Resource | undefined {
  return madeBy(scope, 'RXA', 'Immunization') ?? madeBy(scope, 'RXA', 'MedicationAdministration');
}

/**
 * [IG RXA[Immunization] #21 D → status entered-in-error, RXA[MedicationAdministration] #21 the same; IG VXU_V04 12.6.1:
 * the group's OBX are Observations partOf that dose; FHIR R4 observation-status entered-in-error "withdrawn following
 * previous final release"; review 71 R71-N3] An OBX of the group of a dose its message deletes (RXA-21 D) is that
 * dose's Observation again (its id: the dose + OBX-3 + OBX-4, docs/mapping.md "Resource identity") and is withdrawn
 * with it, whatever OBX-11 says: its OBX-11 F was the dose's, and a VFC count by eligibility or funding must not count a
 * dose never given. The v2 status X kept on `_status` goes too (it names a status the Observation no longer has).
 */
export function withdrawnWithDose(o: Json, dose: Resource | undefined): void {
  if (dose?.status !== 'entered-in-error') return;
  o.status = 'entered-in-error';
  delete o._status;
}

/** Education entries per VIS (OBX-4 groups the OBX of one VIS). */
const visits = new WeakMap<Resource, Map<string, Json>>();
/** Entries whose documentType came from the VIS document OBX itself (nothing overrides it). */
const fromDocument = new WeakSet<Json>();

function education(dose: Resource, subId: string): Json {
  let byId = visits.get(dose);
  if (byId === undefined) {
    byId = new Map();
    visits.set(dose, byId);
  }
  let entry = byId.get(subId);
  if (entry === undefined) {
    // imm-1: documentType or reference must be present; a better value replaces this one
    entry = { documentType: 'unspecified' };
    byId.set(subId, entry);
    push(dose, 'education', entry);
  }
  return entry;
}

/** The VIS document code wins; the vaccine type only names a VIS that has no document code. */
function setDocumentType(entry: Json, value: string | undefined, fromDocumentObx: boolean): void {
  if (value === undefined || fromDocument.has(entry)) return;
  entry.documentType = value;
  if (fromDocumentObx) fromDocument.add(entry);
}

/** Adds what a dose-level OBX says to its Immunization (nothing for other OBX codes). */
export function enrichDose(dose: Resource, seg: SegmentReader, observation: Resource, cx: Conversion): void {
  if (dose.resourceType !== 'Immunization') return;
  const fact = DOSE_FACTS[val(seg.rep(3), 1) ?? ''];
  if (fact === undefined) return;
  const value = seg.rep(5);
  const subId = seg.str(4) ?? `#${seg.index}`;
  switch (fact) {
    case 'eligibility':
      push(dose, 'programEligibility', codeableConcept(value));
      return;
    case 'funding':
      if (dose.fundingSource === undefined) dose.fundingSource = codeableConcept(value);
      return;
    case 'visDocument':
      setDocumentType(education(dose, subId), val(value, 1) ?? val(value, 2), true);
      return;
    case 'visVaccine':
      setDocumentType(education(dose, subId), val(value, 2) ?? val(value, 1), false);
      return;
    case 'visPublished':
    case 'visPresented': {
      // OBX-5 read as a date only when it is one (the value itself was already mapped, whatever its type)
      const when = toDateTime(val(value, 1), cx.timezone, seg.timeDoubt('5'));
      if (when !== undefined) education(dose, subId)[fact === 'visPublished' ? 'publicationDate' : 'presentationDate'] = when;
      return;
    }
    case 'reaction': {
      const reaction: Json = { detail: cx.ref(observation) };
      const when = seg.dateTime(14);
      if (when !== undefined) reaction.date = when;
      push(dose, 'reaction', reaction);
      return;
    }
  }
}
