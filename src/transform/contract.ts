/** What a conversion takes and gives: shared by the v2 and JSON converters and the public entry (index.ts). */
export interface ConvertOptions {
  /** IANA zone for TS/DTM without offset; default 'UTC'. */
  timezone?: string;
  /** assigning authority (CX-4.1 or HD namespace) -> FHIR system URI */
  namespaceMap?: Record<string, string>;
  /** emit conditional updates `Patient?identifier=system|value` instead of `PUT Type/id` */
  conditionalUpdate?: boolean;
  /**
   * What an update does with elements the message did not send [v2.5.1 2.5.3]: `remove` (a full
   * `PUT` replaces the resource) or `keep` (record resources found by a search are a conditional
   * create plus a JSON Patch of what was sent, `""` removing; patch.ts). @defaultValue 'remove'
   */
  omittedFields?: 'remove' | 'keep';
  /**
   * Prefix of hig's own extensions for IG rows that name an unnamed extension (`extension??-…`):
   * `<extensionBase>v2-<name>`, an http(s) URL ending in `/`.
   * @defaultValue 'https://hig.example/fhir/StructureDefinition/'
   */
  extensionBase?: string;
  /**
   * `emit` those extensions, or `report` the values instead (one report line per field, no
   * extension outside the IG). @defaultValue 'emit'
   */
  unnamedExtensions?: 'emit' | 'report';
  /**
   * How a driver's licence issuer (PID-20 DLN.2) that is a two-letter code is read: `us` as a US
   * state's postal code, naming that state's licence OID, when the message is from the US (MSH-17
   * empty or USA); `none` never (a site whose senders write countries there: `DE` is Germany, not
   * Delaware). @defaultValue 'us'
   */
  licenceStates?: 'us' | 'none';
  /**
   * The category of a result report (ORU/OUL) whose OBR-24 is empty: `message` states US Core's
   * LAB only when the message shows a laboratory result (a specimen: SPM or OBR-9/10/14/15/39; an
   * OBR-4 CPT laboratory code; an OUL message), else none and a report line; `laboratory` states LAB
   * (a channel fed by a laboratory system). @defaultValue 'message'
   */
  reportCategory?: 'message' | 'laboratory';
  /**
   * Assigning authorities whose numbers identify a Patient, most preferred first (a system URI, or
   * CX.4's namespace id): an identifier of one of them keys the Patient before the identifier type
   * rank, never an account, visit, member, passport, licence or SSN number (docs/mapping.md
   * "Resource identity", Patient). @defaultValue [] (the type rank, then authority as text)
   */
  patientAuthorities?: readonly string[];
  /**
   * Per-sender zones (review 42 R42-W1): a sending facility's MSH-4 HD.1, else a sending application's MSH-3 HD.1
   * (exact, case-sensitive; MSH-4 first) → an IANA zone (or ±hh:mm) that replaces `timezone` for that sender's
   * messages, so its bare times follow its own daylight-saving rule (docs/mapping.md "Time-zone rule").
   * @defaultValue {} (every sender in `timezone`)
   */
  senderTimezones?: Readonly<Record<string, string>>;
  /**
   * How an ADT message's AL1 segments are read (review 43 R43-W1): `snapshot`, v2's mode for repeating segments
   * without an action code (v2.5.1 2.10.4.1), the patient's whole list: an allergy hig wrote from this sender's
   * earlier list that the new one no longer names is deleted at the FHIR destination (a marked entry it resolves)
   * once no other sender's list names it and unless an IAM wrote it since (owner entries, transform/list-owner.ts);
   * `additive`, for a feed that sends only new or changed allergies: each AL1 is PUT and nothing is deleted
   * (docs/mapping.md "Snapshot lists"). @defaultValue 'snapshot'
   */
  allergyList?: 'snapshot' | 'additive';
  /**
   * How an ADT message's NK1 segments are read (fix32b; v2.5.1 2.10.4.1, NK1 has no action code): `snapshot`, the
   * patient's whole contact list: a RelatedPerson hig wrote from this sender's earlier NK1 list that the new one no
   * longer names is made `active` false at the FHIR destination; `additive`: nothing is ended (docs/mapping.md
   * "Snapshot lists"). @defaultValue 'snapshot'
   */
  contactList?: 'snapshot' | 'additive';
  /**
   * How an ADT message's IN1 segments are read (fix32b; v2.5.1 2.10.4.1, IN1 has no action code before IN1-55):
   * `snapshot`, the patient's whole insurance list: a Coverage hig wrote from this sender's earlier IN1 list that
   * the new one no longer names is made `cancelled` at the FHIR destination; `additive`: nothing is ended
   * (docs/mapping.md "Snapshot lists"). @defaultValue 'snapshot'
   */
  coverageList?: 'snapshot' | 'additive';
}

export interface ConvertResult {
  /** FHIR R4 transaction Bundle (plain JSON) */
  bundle: Record<string, unknown>;
  /** OperationOutcome (severity information) listing unmapped segments/fields; locations only, no values */
  report: Record<string, unknown>;
  messageType: string;
  structure: string;
  version: string;
  /**
   * MSH-7's offset (`+09:30`) when it is not zero and the channel's zone is UTC (review 35 R35-N1): the report says
   * so; the pipeline logs it once per channel (steps.ts). Absent otherwise.
   */
  utcChannelOffset?: string;
  /**
   * Beside utcChannelOffset: the zone that read the message (UTC under some name) and the setting that gave it,
   * `timezone` (the channel's) or `senderTimezones.<key>` (code review 29 CR29-3), for the log to name both.
   */
  utcChannelZone?: { zone: string; setting: string };
}
