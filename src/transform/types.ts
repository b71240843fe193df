/** Plain-JSON FHIR shapes used inside the transform; output is validated, not typed exhaustively. */
export type Json = Record<string, unknown>;

export interface Resource {
  resourceType: string;
  id?: string;
  [element: string]: unknown;
}

export interface Reference {
  reference: string;
  display?: string;
}

/**
 * How a resource is recognised across messages (docs/mapping.md "Resource identity"):
 *  - a business identifier (CX/EI as a FHIR Identifier): id from its system + value;
 *  - `{ facts }`: the clinical facts that identify it when it has no identifier of its own (an OBX
 *    by its report + OBX-3 + OBX-4, an allergy by patient + allergen), optionally with the
 *    conditional-update query that finds the same resource on a server;
 *  - a string: shared entities keyed by their content (a practitioner known only by name);
 *  - undefined: nothing identifies it beyond this message; the id is scoped to the message
 *    (MSH-3/4/10), so a re-delivery of the same message still PUTs to the same URL.
 */
export type IdentityKey = Json | string | FactsKey | undefined;

export interface FactsKey {
  facts: readonly unknown[];
  /** `identifier=sys|val&code=sys|code`: the search that finds this resource on a FHIR server. */
  query?: string;
}
