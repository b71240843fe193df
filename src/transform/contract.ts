/** What a conversion takes and gives: shared by the v2 and JSON converters and the public entry (index.ts). */
export interface ConvertOptions {
  /** IANA zone for TS/DTM without offset; default 'UTC'. */
  timezone?: string;
  /** assigning authority (CX-4.1 or HD namespace) -> FHIR system URI */
  namespaceMap?: Record<string, string>;
  /** emit conditional updates `Patient?identifier=system|value` instead of `PUT Type/id` */
  conditionalUpdate?: boolean;
}

export interface ConvertResult {
  /** FHIR R4 transaction Bundle (plain JSON) */
  bundle: Record<string, unknown>;
  /** OperationOutcome (severity information) listing unmapped segments/fields; locations only, no values */
  report: Record<string, unknown>;
  messageType: string;
  structure: string;
  version: string;
}
