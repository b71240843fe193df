/**
 * One channel = one JSON file in channels/. This schema is the single definition: it validates
 * files at start, types the code, and generates channels/channel.schema.json for editors.
 */
import { z } from 'zod';
import { resultDestinationSchema } from '../destinations/registry.js';
import { alertRulesSchema } from '../alerts/index.js';
import { cipherListProblem, UNKNOWN_CIPHERS } from '../security/tls.js';
import { RESERVED_CHANNEL_IDS } from '../redis/keys.js';
import { destinationsSchema, type RoutedDestination } from '../routing/config.js';
import { filterRuleSchema } from '../routing/filter.js';
import { DEFAULT_EXTENSION_BASE, EXTENSION_BASE_PATTERN, isExtensionBase } from '../transform/datatypes/unnamed-extension.js';

const port = z.number().int().min(0).max(65535).describe('TCP port; 0 picks a free one');

export const tlsSchema = z
  .object({
    certFile: z.string().min(1).describe('PEM certificate file'),
    keyFile: z.string().min(1).describe('PEM private key file'),
    caFile: z.string().min(1).optional().describe('PEM CA bundle used to verify client certificates'),
    requestCert: z.boolean().default(false).describe('ask clients for a certificate (mTLS)'),
    allowedClientCNs: z.array(z.string().min(1)).optional().describe('client certificate common names allowed in'),
    ciphers: z
      .string()
      .min(1)
      .refine((v) => cipherListProblem(v) === undefined, UNKNOWN_CIPHERS)
      .optional()
      .describe('OpenSSL cipher list; default: TLS 1.3 suites and ECDHE with AES-GCM or ChaCha20-Poly1305 (forward-secret AEAD only)'),
  })
  .strict();

export const mllpSourceSchema = z
  .object({
    type: z.literal('mllp').describe('an MLLP listener (TCP, or TLS with tls)'),
    host: z.string().min(1).default('0.0.0.0').describe('address to listen on'),
    port: port.describe('TCP port'),
    ackMode: z
      .enum(['original', 'enhanced'])
      .default('original')
      .describe('original: AA/AE/AR; enhanced: accept ACKs CA/CE/CR honouring MSH-15'),
    tls: tlsSchema.nullable().default(null).describe('TLS for the listener; null: plain TCP'),
    maxMessageBytes: z.number().int().min(64).max(1024 * 1024 * 1024).default(10 * 1024 * 1024).describe('largest message accepted, in bytes; a larger frame is refused (AR/CR) and the connection closed'),
    idleTimeoutMs: z.number().int().min(1000).default(300_000).describe('close a connection silent for this long'),
    frameTimeoutMs: z.number().int().min(100).default(60_000).describe('a started frame must end within this long (slow-loris guard)'),
    maxConnections: z.number().int().min(1).default(1000).describe('simultaneous connections; further ones are closed at once'),
    maxConnectionsPerAddress: z
      .number()
      .int()
      .min(1)
      .default(20)
      .describe('open connections one remote address may hold; past it new ones are refused, so one client cannot fill maxConnections'),
    maxMessagesPerSecond: z.number().int().min(1).optional().describe('per connection; past it the connection is slowed, not refused'),
    maxInFlight: z
      .number()
      .int()
      .min(1)
      .max(4096)
      .default(64)
      .describe(
        'messages of this listener being taken in at once, shared between busy connections: with n busy, each may have max(1, maxInFlight / n) in flight; past its share a connection is slowed (its socket read paused), never refused, so a few fast senders cannot starve the others',
      ),
  })
  .strict();

const afterProcessingSchema = z
  .union([z.literal('delete'), z.object({ moveTo: z.string().min(1).describe('directory the file is moved to once every message is enqueued') }).strict()])
  .default('delete')
  .describe('what happens to a file once every message in it is enqueued');

/** A file name pattern: `*` and `?` within one name, `{a,b}` alternatives, `[abc]` classes. */
const patternSchema = z.string().min(1).default('*.hl7').describe('file name glob (*, ?, [abc], {a,b}); matched against the name only');

const incompleteTimeoutSchema = z
  .number()
  .int()
  .min(1000)
  .default(3_600_000)
  .describe(
    'a file that is not complete (it ends inside a segment, or an FHS/BHS is not closed by FTS/BTS) is left for its writer; once it stayed incomplete and unchanged this long it goes to errorDir (FILE_INCOMPLETE)',
  );

const encodingSchema = z
  .enum(['utf-8', 'latin1', 'utf-16le', 'utf-16be'])
  .optional()
  .describe('file encoding; UTF-16 files are converted to UTF-8 before splitting, others pass byte for byte (MSH-18 decides)');

export const fileSourceSchema = z
  .object({
    type: z.literal('file').describe('files dropped in a local directory'),
    dir: z.string().min(1).describe('drop directory watched for new files'),
    pattern: patternSchema,
    pollMs: z.number().int().min(100).default(5000).describe('period of the sweep that catches anything the watcher missed'),
    settleMs: z
      .number()
      .int()
      .min(50)
      .default(2000)
      .describe('a file is taken only after its size and modification time stayed unchanged this long (writers still writing)'),
    claimStaleMs: z
      .number()
      .int()
      .min(1000)
      .default(60_000)
      .describe('a claimed file whose owner stopped refreshing its claim this long ago is put back in the drop directory'),
    maxFileBytes: z.number().int().min(64).default(100 * 1024 * 1024).describe('larger files go to errorDir unread'),
    afterProcessing: afterProcessingSchema,
    errorDir: z.string().min(1).describe('files with a message that cannot be taken go here, with <name>.error.json beside them'),
    ackDir: z.string().min(1).optional().describe('when set, one batch ACK file <name>.ack per processed file is written here'),
    encoding: encodingSchema,
    incompleteTimeoutMs: incompleteTimeoutSchema,
  })
  .strict();

export const sftpSourceSchema = z
  .object({
    type: z.literal('sftp').describe('files polled from an SFTP server'),
    host: z.string().min(1).describe('SFTP server host name or address'),
    port: port.default(22),
    username: z.string().min(1).describe('user name to log in as'),
    privateKeyPath: z.string().min(1).optional().describe('OpenSSH private key file used to log in'),
    passphraseEnv: z.string().min(1).optional().describe('environment variable holding the private key passphrase'),
    passwordEnv: z.string().min(1).optional().describe('environment variable holding the password (when no key is used)'),
    hostKeySha256: z
      .string()
      .min(1)
      .describe('pinned SHA-256 fingerprint of the server host key, as ssh-keygen -lf prints it ("SHA256:…") or hex'),
    remoteDir: z.string().min(1).describe('remote directory polled for files'),
    pattern: patternSchema,
    pollMs: z.number().int().min(1000).default(30_000).describe('period of the remote directory listing'),
    settleMs: z
      .number()
      .int()
      .min(0)
      .default(1000)
      .describe('a remote file is taken only after its size and modification time stayed unchanged this long (as the file source; observed by hig, the server clock does not matter)'),
    maxFileBytes: z.number().int().min(64).default(100 * 1024 * 1024).describe('larger files are moved to errorDir without downloading'),
    afterProcessing: afterProcessingSchema.describe('remote: delete the file or move it to this remote directory'),
    errorDir: z.string().min(1).describe('remote directory for files that cannot be taken, with <name>.error.json beside them'),
    ackDir: z.string().min(1).optional().describe('when set, one batch ACK file <name>.ack per processed file is written to this remote directory'),
    encoding: encodingSchema,
    incompleteTimeoutMs: incompleteTimeoutSchema,
    connectTimeoutMs: z.number().int().min(100).default(20_000).describe('give up a connection attempt after this long'),
    maxBackoffMs: z.number().int().min(1000).default(300_000).describe('longest wait between reconnect attempts (doubling from pollMs)'),
    lockTtlMs: z
      .number()
      .int()
      .min(1000)
      .default(60_000)
      .describe('lifetime of the Redis poll lock; renewed while a poll runs so only one process polls this channel'),
  })
  .strict()
  .refine((s) => s.privateKeyPath !== undefined || s.passwordEnv !== undefined, {
    message: 'set privateKeyPath or passwordEnv',
    path: ['privateKeyPath'],
  });

export const httpSourceSchema = z
  .object({
    type: z.literal('http').describe('POST /channels/<id>/messages on the HTTP server'),
    clients: z
      .array(z.number().int().min(0))
      .optional()
      .describe('client ids whose API keys may post to this channel; default: the channel clientId only'),
    maxBodyBytes: z.number().int().min(64).max(100 * 1024 * 1024).default(1024 * 1024).describe('larger bodies are refused with 413'),
    receiveMessage: z
      .boolean()
      .default(true)
      .describe("serve the original gateway's POST /api/trpc/integration.receiveMessage for this channel's clients"),
    syncTimeoutMs: z.number().int().min(100).default(30_000).describe('useQueue:false: longest a synchronous transform/validate/deliver may take'),
  })
  .strict();

export const sourceSchema = z.discriminatedUnion('type', [mllpSourceSchema, fileSourceSchema, sftpSourceSchema, httpSourceSchema]);

export const priorityRuleSchema = z
  .object({
    field: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{2}-\d+(\.\d+)?$/, 'expected a field path like OBR-5 or ORC-7.6')
      .optional()
      .describe('HL7 field read at intake (first occurrence)'),
    values: z.array(z.string().min(1)).optional().describe('the rule matches when the field equals one of these'),
    events: z.array(z.string().min(1)).optional().describe('or when the message type is one of these (ADT^A01, ORU^R01)'),
    priority: z.number().int().min(1).max(1_000_000).describe('BullMQ priority: 1 runs first'),
  })
  .strict()
  .refine((r) => (r.field !== undefined && r.values !== undefined) || r.events !== undefined, { message: 'a rule needs field + values, or events' });

export const prioritySchema = z
  .object({
    default: z.number().int().min(1).max(1_000_000).default(10).describe('priority of messages no rule matches (1 = highest)'),
    rules: z.array(priorityRuleSchema).default([]).describe('first matching rule gives the priority; none matches: default'),
  })
  .strict();

export const queueSchema = z
  .object({
    concurrency: z.number().int().min(1).max(1000).default(5).describe('jobs of this channel one worker process runs at once'),
    attempts: z.number().int().min(1).max(100).default(3).describe('tries per job before it is dead-lettered (transient failures only)'),
    backoffMs: z.number().int().min(0).default(2000).describe('first retry delay; doubles each attempt'),
    maxBackoffMs: z.number().int().min(0).default(300_000).describe('longest wait between retries'),
    timeoutMs: z.number().int().min(100).default(300_000).describe('job timeout; exceeded → transient failure'),
    // At most 30 s: circuit-board.ts takes a breaker's record older than 2.5 × that as a gone process's.
    // At least 1 s, the first probe's wait: below it an open circuit would probe many times a second
    // for the whole outage, the load the breaker exists to spare a destination that is down (review 8).
    maxProbeIntervalMs: z
      .number()
      .int()
      .min(1000)
      .max(30_000)
      .default(30_000)
      .describe("longest wait between probes of a destination's open circuit (1 s, 2 s, 4 s … doubling up to this)"),
    ordering: z
      .enum(['none', 'channel', 'patient'])
      .default('none')
      .describe('none: parallel; channel: one at a time in arrival order; patient: in order per PID-3 identifier, patients in parallel'),
    onPermanentFailure: z
      .enum(['skip', 'hold'])
      .default('skip')
      .describe('ordered channels: after a message is dead-lettered, deliver the partition\'s next ones (skip) or wait for its replay (hold)'),
    priority: prioritySchema.default({ default: 10, rules: [] }).describe('per-message BullMQ priority from message type and event'),
    dedupeWindowMs: z
      .number()
      .int()
      .min(0)
      .default(24 * 3600 * 1000)
      .describe('a message with the sender, control id (MSH-10) and content of one received within this window is a resend: ACKed again, not processed again'),
    duplicates: z
      .enum(['process', 'reject'])
      .default('process')
      .describe(
        'a message with the sender and control id of an earlier one but different content: process it as a new message (raising a duplicate_conflict alert), or reject it with AE and ERR 205 (also alerted)',
      ),
    keepCompletedMs: z.number().int().min(0).default(3600 * 1000).describe('completed jobs stay in Redis this long (history lives in the message store)'),
    keepFailedMs: z.number().int().min(0).default(7 * 24 * 3600 * 1000).describe('failed (dead-lettered) jobs stay in Redis this long for replay'),
  })
  .strict();

export const acceptSchema = z
  .object({
    messageTypes: z.array(z.string().regex(/^[A-Z0-9*]{1,3}(\^[A-Z0-9*]{1,3})?$/, 'expected TYPE^EVENT, e.g. ADT^A01 or ADT^*')).default(['*']).describe('accepted TYPE^EVENT patterns (* wildcard); others are refused with AR'),
    versions: z.array(z.string().regex(/^2\.\d(\.\d)?$/)).default(['2.1', '2.2', '2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.7.1', '2.8', '2.8.1', '2.8.2']).describe('accepted HL7 versions (MSH-12); others are refused with AR'),
  })
  .strict();

/** How HL7 v2 becomes FHIR on this channel (docs/mapping.md, "Resource identity"). */
export const conversionSchema = z
  .object({
    namespaceMap: z
      .record(z.string().min(1), z.string().regex(/^(urn:|https?:\/\/)\S+$/, 'expected a URI (urn:oid:…, urn:uuid:…, http(s)://…)'))
      .default({})
      .describe('assigning authority (CX-4.1/HD namespace id or universal id) → FHIR identifier system URI; changing it changes resource ids'),
    patientAuthorities: z
      .array(z.string().min(1))
      .refine((list) => new Set(list).size === list.length, 'conversion.patientAuthorities: an authority is listed twice')
      .default([])
      .describe(
        "assigning authorities whose numbers identify a Patient, most preferred first: CX.4's namespace id (HD.1, else HD.2) or the identifier's system URI; an identifier of one of them is the Patient's identity before the identifier type rank (never an account, visit, member, passport, licence or SSN number); [] (default): type rank, then authority as text. Changing it changes Patient ids (docs/mapping.md \"Resource identity\")",
      ),
    conditionalUpdate: z
      .boolean()
      .default(false)
      .describe('PUT Type?identifier=system|value (the search that identifies the resource) instead of PUT Type/id'),
    omittedFields: z
      .enum(['remove', 'keep'])
      .default('remove')
      .describe('what an update does with elements the message did not send: remove (full PUT) or keep (HL7 v2 2.5.3: Patient, Encounter, Account found by a search are a conditional create plus a JSON Patch of what was sent; "" deletes)'),
    extensionBase: z
      .string()
      .regex(EXTENSION_BASE_PATTERN, 'conversion.extensionBase: expected an http(s) URL ending in / (e.g. https://fhir.example.org/StructureDefinition/)')
      .refine(isExtensionBase, 'conversion.extensionBase: expected an http(s) URL ending in /, with a host and no user, query or fragment (e.g. https://fhir.example.org/StructureDefinition/)')
      .default(DEFAULT_EXTENSION_BASE)
      .describe("prefix of hig's own extensions for IG rows that name an unnamed extension (extension??-…): <extensionBase>v2-<name>, e.g. v2-assigningFacility (docs/mapping.md, docs/fhir/)"),
    licenceStates: z
      .enum(['us', 'none'])
      .default('us')
      .describe("us: a driver's licence issuer (PID-20 DLN.2) that is a US state's postal code names that state's licence OID (urn:oid:2.16.840.1.113883.4.3.<FIPS>) when MSH-17 is empty or USA; none: never (for senders that write a country there: DE is Germany, not Delaware)"),
    reportCategory: z
      .enum(['message', 'laboratory'])
      .default('message')
      .describe("the category of a result report (ORU/OUL) whose OBR-24 is empty: message: US Core's LAB only when the message shows a laboratory result (a specimen: SPM or OBR-9/10/14/15/39; an OBR-4 CPT laboratory code; an OUL message), else no category and a report line naming OBR-24; laboratory: LAB (a channel fed by a laboratory system)"),
    allergyList: z
      .enum(['snapshot', 'additive'])
      .default('snapshot')
      .describe("how an ADT message's AL1 segments are read (v2.5.1 2.10.4.1, review 43 R43-W1): snapshot: the patient's whole allergy list, so an allergy this sender's earlier AL1 list named and the new list no longer names loses this list's ownership at a FHIR destination, deleted when no other sender's list names it and no IAM wrote it since (an ADT without AL1 changes nothing; the delete-all AL1, every field \"\", empties the list); additive: for a feed that sends only new or changed allergies, each AL1 is written and none is deleted (docs/mapping.md \"Allergy lists\")"),
    contactList: z
      .enum(['snapshot', 'additive'])
      .default('snapshot')
      .describe("how an ADT message's NK1 segments are read (v2.5.1 2.10.4.1; NK1 has no action code): snapshot: the patient's whole contact list, so a RelatedPerson this sender's earlier NK1 list named and the new list no longer names loses this list's ownership at a FHIR destination, made active false when no other sender's list names it and no other writer (the PID-21 mother, an additive channel) wrote it since (an ADT without NK1 changes nothing; the delete-all NK1, every field \"\", empties the list); additive: for a feed that sends only new or changed contacts, nothing is ended (docs/mapping.md \"Snapshot lists\")"),
    coverageList: z
      .enum(['snapshot', 'additive'])
      .default('snapshot')
      .describe("how an ADT message's IN1 segments are read (v2.5.1 2.10.4.1; IN1 has no action code before IN1-55): snapshot: the patient's whole insurance list, so a Coverage this sender's earlier IN1 list named and the new list no longer names loses this list's ownership at a FHIR destination, made cancelled when no other sender's list names it and no other writer (a BAR, an additive channel) wrote it since (an ADT without IN1 changes nothing; the delete-all IN1, every field \"\", empties the list; an IN1 with IN1-55 valued puts the list in action-code mode, nothing ended); additive: for a feed that sends only new or changed plans, nothing is ended (docs/mapping.md \"Snapshot lists\")"),
    unnamedExtensions: z
      .enum(['emit', 'report'])
      .default('emit')
      .describe("emit: values whose IG row names an unnamed extension (CX.6, PID-27, PID-31, PV2-21, PV2-40, NTE-4, ORC-16 beside ORC-5, ORC-25, RXR-3, SPM-9, TQ1-10, TQ.7, XCN.14, XON.2, XON.8, EI.3/EI.4 without a system, SFT-1/4/5/6; and CX.3/XCN.12, whose IG extension is a NamingSystem one) go into hig's v2-<name> extensions; report: they stay out of the Bundle and the report names them (no extension outside the IG)"),
  })
  .strict();

/** The options a channel's conversion runs with (worker, dry runs, `hig route`): one place, so none drifts. */
export function conversionOptions(channel: { timezone: string; senderTimezones?: Readonly<Record<string, string>>; conversion: z.output<typeof conversionSchema> }) {
  const c = channel.conversion;
  return {
    timezone: channel.timezone,
    senderTimezones: channel.senderTimezones ?? {},
    namespaceMap: c.namespaceMap,
    patientAuthorities: c.patientAuthorities,
    conditionalUpdate: c.conditionalUpdate,
    omittedFields: c.omittedFields,
    extensionBase: c.extensionBase,
    unnamedExtensions: c.unnamedExtensions,
    licenceStates: c.licenceStates,
    reportCategory: c.reportCategory,
    allergyList: c.allergyList,
    contactList: c.contactList,
    coverageList: c.coverageList,
  };
}

/**
 * A destination's own queue block: the channel's queue fields that make sense per destination,
 * none defaulted here (a field left out is the channel's value; see queueOf in routing/queues).
 */
const q = queueSchema.shape;
export const destinationQueueSchema = z
  .object({
    concurrency: q.concurrency.unwrap().optional().describe("parallel deliveries (default: the channel's)"),
    attempts: q.attempts.unwrap().optional().describe("tries before the message is dead-lettered for this destination (default: the channel's)"),
    backoffMs: q.backoffMs.unwrap().optional().describe("first retry delay; doubles each attempt (default: the channel's)"),
    maxBackoffMs: q.maxBackoffMs.unwrap().optional().describe("longest retry delay (default: the channel's)"),
    timeoutMs: q.timeoutMs.unwrap().optional().describe("longest one delivery may take; exceeded → transient failure (default: the channel's)"),
    maxProbeIntervalMs: q.maxProbeIntervalMs.unwrap().optional().describe("longest wait between probes of this destination's open circuit (default: the channel's)"),
    ordering: q.ordering.unwrap().optional().describe("none: parallel; channel: in arrival order; patient: in order per PID-3 identifier (default: the channel's)"),
    onPermanentFailure: q.onPermanentFailure.unwrap().optional().describe("ordered: after a dead letter, go on (skip) or wait for its replay (hold) (default: the channel's)"),
    keepCompletedMs: q.keepCompletedMs.unwrap().optional().describe("how long delivered jobs stay in Redis (default: the channel's)"),
    keepFailedMs: q.keepFailedMs.unwrap().optional().describe("how long dead-lettered jobs stay in Redis (default: the channel's)"),
    firstAttempt: z
      .enum(['inline', 'queue'])
      .optional()
      .describe(
        "inline (default): the first try is made in the channel job, beside the other destinations', while this destination's circuit is closed and it asks for no order; only a failed try becomes a job in its queue. queue: every delivery is a job in its queue (a slow destination never holds the channel job)",
      ),
  })
  .strict()
  .describe("This destination's own queue (retries, backoff, ordering, DLQ); fields left out are the channel's. With it, even a single destination gets its own queue");

export type DestinationQueue = z.output<typeof destinationQueueSchema>;

/** A routed destination as the channel holds it (the queue block typed). */
export type ChannelDestination = RoutedDestination & { queue?: DestinationQueue | undefined };
/** The message store's retention for this channel (issue 16): content, then metadata and trail. */
export const storeRetentionSchema = z
  .object({
    keepDays: z.number().int().min(1).max(36_500).default(30).describe('days the sealed content (raw v2, FHIR, ACK, responses) is kept'),
    keepMetadataDays: z.number().int().min(1).max(36_500).default(365).describe('days the metadata and trail are kept (at least keepDays)'),
  })
  .strict()
  .refine((r) => r.keepMetadataDays >= r.keepDays, { message: 'keepMetadataDays must be at least keepDays', path: ['keepMetadataDays'] });

export function channelSchemaWith<D extends z.ZodType>(destination: D) {
  return z
    .object({
      $schema: z.string().optional().describe('JSON Schema reference for editors; ignored by hig'),
      // The id names the channel's BullMQ queue (`<prefix>:<id>:…`). It cannot start with `_`, which
      // opens hig's own namespace, nor be a name earlier releases used for hig's own keys (redis/keys.ts).
      id: z
        .string()
        .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected lowercase letters, digits, - and _ (max 64)')
        .refine((id) => !RESERVED_CHANNEL_IDS.includes(id), {
          error: (issue) => `"${String(issue.input)}" is reserved for hig's own Redis keys (reserved: ${RESERVED_CHANNEL_IDS.join(', ')}); choose another id`,
        })
        .describe(`lowercase letters, digits, - and _; names the channel's queue; not one of ${RESERVED_CHANNEL_IDS.join(', ')}`),
      description: z.string().default('').describe('free text for operators'),
      enabled: z.boolean().default(true).describe('false: the channel starts nothing and takes no messages'),
      clientId: z.number().int().min(0).default(0).describe("healthcare organization the channel's messages belong to (API keys are bound to it)"),
      source: sourceSchema.describe('how messages come in'),
      accept: acceptSchema.default({ messageTypes: ['*'], versions: acceptSchema.shape.versions.parse(undefined) }).describe('which message types and versions the channel takes'),
      ackOn: z.enum(['enqueue', 'processed']).default('enqueue').describe('enqueue: ACK once Redis holds the message; processed: ACK after transformation (AA or AE)'),
      mapping: z.string().min(1).default('hl7v2-fhir-r4').describe('mapping that turns the message into FHIR'),
      timezone: z.string().default('UTC').describe('IANA zone (or ±hh:mm) for HL7 times without an offset when MSH-7 carries none; MSH-7\'s offset wins when it has one'),
      senderTimezones: z
        .record(z.string().min(1), z.string())
        .default({})
        .describe("per-sender zones (review 42 R42-W1): a sending facility's MSH-4 HD.1, else a sending application's MSH-3 HD.1 (exact, case-sensitive; MSH-4 first) → IANA zone (or ±hh:mm) that replaces timezone for that sender's messages, e.g. {\"ROCKYREF\": \"America/Denver\"} for a lab in another zone on this channel; MSH-7's offset still places the hour a zone repeats"),
      conversion: conversionSchema.prefault({}).describe('conversion options (namespace map, conditional update)'),
      queue: queueSchema.default(queueSchema.parse({})).describe("queue, retry, ordering and retention of this channel's jobs"),
      destination,
      filter: filterRuleSchema
        .optional()
        .describe('Channel filter, before anything else (no conversion, no destination): a message it rejects is recorded as filtered with the deciding rule'),
      destinations: destinationsSchema(destinationQueueSchema).optional(),
      // prefault: zod 4's .default({}) would skip the inner defaults
      alerts: alertRulesSchema.prefault({}),
      store: storeRetentionSchema.prefault({}).describe('message store retention for this channel: content keepDays, metadata and trail keepMetadataDays'),
    })
    .strict();
}

/** Id of the destination a legacy single `destination` block becomes. */
export const LEGACY_DESTINATION_ID = 'default';

/**
 * The fields of a channel file, before `destination` and `destinations` are made one list. The
 * destination schemas are owned by src/destinations (registry.ts); the legacy single `destination`
 * takes the FHIR result (none or fhir), `destinations` every registered type.
 */
export const channelFieldsSchema = channelSchemaWith(resultDestinationSchema.optional().describe('Legacy single destination (none or fhir), read as destinations: [{"id": "default", …}]; use destinations for anything else'));

export const channelSchema = channelFieldsSchema
  .superRefine((c, ctx) => {
    if (c.destination !== undefined && c.destinations !== undefined) ctx.addIssue({ code: 'custom', path: ['destinations'], message: 'set destinations or destination, not both' });
  })
  .transform(({ destination, destinations, ...rest }) => {
    // Without either, results stay with the job (the `none` destination), as before.
    const list = destinations ?? [{ id: LEGACY_DESTINATION_ID, ...(destination ?? { type: 'none' as const }) } as RoutedDestination];
    return { ...rest, destinations: list as ChannelDestination[] };
  });

export type Channel = Readonly<z.output<typeof channelSchema>>;

/** True when the channel's destinations each get a queue of their own (else its one destination is delivered inline). */
export function hasDestinationQueues(channel: Pick<Channel, 'destinations'>): boolean {
  return channel.destinations.length > 1 || channel.destinations.some((d) => d.queue !== undefined);
}
export type MllpSource = z.infer<typeof mllpSourceSchema>;
export type FileSource = z.infer<typeof fileSourceSchema>;
export type SftpSource = z.infer<typeof sftpSourceSchema>;
export type HttpSource = z.infer<typeof httpSourceSchema>;
