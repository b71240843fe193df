/**
 * The product a medication resource names, when one code is not enough: a contained Medication
 * (id `medication`) that its medication[x] references. One owner for the order's form, strength and
 * components (pharmacy.ts) and for the lot of a product given or dispensed (administration.ts RXA-15/16,
 * pharmacy.ts RXD-18/19).
 */
import { set } from '../context.js';
import type { Json, Resource } from '../types.js';

const MEDICATION_ID = 'medication';

/** The contained Medication of a MedicationRequest, -Dispense or -Administration, if it has one. */
export function containedMedication(resource: Resource | Json): Json | undefined {
  return (resource.contained as Json[] | undefined)?.find((r) => r.id === MEDICATION_ID);
}

/**
 * The contained Medication of a resource (made on first use: code = the medicationCodeableConcept it
 * replaces, medication[x] the reference `#medication`).
 */
export function productOf(resource: Resource | Json): Json {
  const held = containedMedication(resource);
  if (held !== undefined) return held;
  const medication: Json = { resourceType: 'Medication', id: MEDICATION_ID, code: (resource.medicationCodeableConcept as Json | undefined) ?? { text: 'unknown' } };
  resource.contained = [medication];
  resource.medicationReference = { reference: `#${MEDICATION_ID}` };
  delete resource.medicationCodeableConcept;
  return medication;
}

/**
 * [hig; as IG RXA[Immunization] #15 → lotNumber, #16 → expirationDate give an immunization's; FHIR R4
 * Medication.batch] the lot and expiry of the product given or dispensed: a lot is what a recall traces
 * (review 39 R39-N2, review 55 R55-N3). With either, the product becomes the contained Medication
 * (its code the one medication[x] had) with its batch; without, medication[x] stays the code alone.
 */
export function setBatch(resource: Resource | Json, lotNumber: string | undefined, expirationDate: string | undefined): void {
  const batch: Json = {};
  set(batch, 'lotNumber', lotNumber);
  set(batch, 'expirationDate', expirationDate);
  if (Object.keys(batch).length > 0) productOf(resource).batch = batch;
}
