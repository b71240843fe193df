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
