/**
 * The MAPPING-RULES assertions (../shared/MAPPING-RULES.md), one row per rule line, in its order.
 * `rule` is the line's text verbatim (rules.test.ts checks every line has its row); `ig` names the
 * IG map and row (corpus/hl7-v2-to-fhir-ig/mappings) or the convention the rule rests on; `on` the
 * synthetic message(s) of messages.ts it is checked on; `check` the facts, written from the rule
 * and the IG row, never from our output.
 */
import type { Json } from '../case-match.js';
import {
  code,
  coded,
  entriesOf,
  exactly,
  fail,
  find,
  none,
  objectsWith,
  refTo,
  resolve,
  resourcesOf,
  some,
  the,
  typedId,
  valuesOf,
} from './check.js';
import type { MessageName } from './messages.js';

export interface Rule {
  rule: string;
  ig: string;
  on: MessageName[];
  /** ConvertOptions for every message of the row */
  options?: Record<string, unknown>;
  check: (...bundles: Json[]) => string[];
}

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const UCUM = 'http://unitsofmeasure.org';
const SCT = 'http://snomed.info/sct';
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const CHICAGO = { timezone: 'America/Chicago' };

const enc = (b: Json): Json[] => resourcesOf(b, 'Encounter');
const statusIs = (r: Json | undefined, ok: string[]): boolean => r !== undefined && ok.includes(String(r.status));
const urls = (b: Json, type: string, match: Json = {}): string[] => find(b, type, match).map((e) => e.request.url);
const sameTarget = (a: Json, b: Json, type: string, match: Json = {}): string[] => {
  const [x, y] = [urls(a, type, match), urls(b, type, match)];
  return fail(x.length === 1 && y.length === 1 && x[0] === y[0], `${type} ${JSON.stringify(match)}: targets ${JSON.stringify(x)} then ${JSON.stringify(y)}`);
};
const instant = (v: string): Json => ({ $instant: v });
const obs = (c: string): Json => coded(c);
const patientWith = (mrn: string): Json => ({ identifier: [{ value: mrn }] });
/** A linked pair of Patients: survivor `s` replaces merged `m`, stated on either side. */
function mergeLink(b: Json, s: string, m: string): string[] {
  const [sv, mg] = [the(b, 'Patient', patientWith(s)), the(b, 'Patient', patientWith(m))];
  const fwd = sv !== undefined && mg !== undefined && some(b, 'Patient', { ...patientWith(s), link: [{ type: 'replaces', other: refTo(mg) }] }).length === 0;
  const back = sv !== undefined && mg !== undefined && some(b, 'Patient', { ...patientWith(m), link: [{ type: 'replaced-by', other: refTo(sv) }] }).length === 0;
  const byId = (find(b, 'Patient', patientWith(s))[0]?.resource?.link as Json[] | undefined)?.some((l) => l.type === 'replaces' && JSON.stringify(l.other).includes(m)) ?? false;
  return fail(fwd || back || byId, `no link says ${s} replaces ${m}`);
}
function wrongWayLink(b: Json, s: string, m: string): string[] {
  const [sv, mg] = [the(b, 'Patient', patientWith(s)), the(b, 'Patient', patientWith(m))];
  const bad = [
    ...(sv === undefined || mg === undefined ? [] : find(b, 'Patient', { ...patientWith(s), link: [{ type: 'replaced-by', other: refTo(mg) }] })),
    ...(sv === undefined || mg === undefined ? [] : find(b, 'Patient', { ...patientWith(m), link: [{ type: 'replaces', other: refTo(sv) }] })),
  ];
  return fail(bad.length === 0, `a link says ${s} is replaced by ${m}`);
}
/** Every attachment (an object with contentType) in the Bundle. */
const attachments = (b: Json): Json[] => objectsWith(b.entry, 'contentType');
const attachmentOf = (b: Json, data: string): Json | undefined => attachments(b).find((a) => a.data === data);
const dr = (b: Json, c: string): Json | undefined => the(b, 'DiagnosticReport', coded(c))?.resource;
const resultCodes = (b: Json, report: Json | undefined): string[] =>
  ((report?.result as Json[] | undefined) ?? []).map((r) => JSON.stringify((resolve(b, r)?.resource as Json | undefined)?.code ?? 'unresolved'));
const sr = (b: Json, c: string): Json | undefined => the(b, 'ServiceRequest', coded(c))?.resource;
const mr = (b: Json): Json | undefined => the(b, 'MedicationRequest')?.resource;
const dosage = (b: Json): Json => ((mr(b)?.dosageInstruction as Json[] | undefined) ?? [{}])[0] ?? {};
const immunization = (b: Json, cvx: string): Json | undefined => the(b, 'Immunization', { vaccineCode: code(cvx) })?.resource;
const doc = (b: Json): Json | undefined => the(b, 'DocumentReference')?.resource;
const docIds = (d: Json | undefined): unknown[] => [...valuesOf(d?.masterIdentifier, 'value'), ...valuesOf(d?.identifier, 'value')];
const decoded = (a: Json): string => (typeof a.data === 'string' ? Buffer.from(a.data, 'base64').toString('utf8') : '');
const REGISTERED_TOP = new Set(['application', 'audio', 'example', 'font', 'haptics', 'image', 'message', 'model', 'multipart', 'text', 'video']);

export const rules: Rule[] = [
  // ---- ADT
  {
    rule: '[wrong-data] IG ConceptMap Event[EncounterStatus]: A01 -> in-progress',
    ig: '[IG ConceptMap EventType[EncounterStatus] A01]',
    on: ['a01'],
    check: (b) => exactly(b, 'Encounter', 1, { status: 'in-progress' }),
  },
  {
    rule: '[wrong-data] IG PV1[Encounter] PV1-2 via ConceptMap PatientClass[EncounterClass]: I -> v3-ActCode IMP',
    ig: '[IG PV1[Encounter] PV1-2; ConceptMap PatientClass I]',
    on: ['a01'],
    check: (b) => some(b, 'Encounter', { class: { system: ACT, code: 'IMP' } }),
  },
  {
    rule: '[wrong-data] IG PV1[Encounter] PV1-44 -> period.start (same instant)',
    ig: '[IG PV1[Encounter] PV1-44]',
    on: ['a01'],
    check: (b) => some(b, 'Encounter', { period: { start: instant('2024-07-05T13:00:00Z') } }),
  },
  {
    rule: '[wrong-data] IG ADT_A01: Encounter.subject = the PID Patient',
    ig: '[IG ADT_A01 PV1 -> Encounter, subject = PID Patient]',
    on: ['a01'],
    check: (b) => some(b, 'Encounter', { subject: refTo(the(b, 'Patient')) }),
  },
  {
    rule: '[wrong-data] IG PID[Patient]: PID-5 name, PID-7 birthDate (date stays a date), PID-8 via AdministrativeSex',
    ig: '[IG PID[Patient] PID-5, PID-7, PID-8; ConceptMap AdministrativeSex F]',
    on: ['a01'],
    check: (b) => some(b, 'Patient', { name: [{ family: 'DOE', given: ['JANE'] }], birthDate: '1980-02-15', gender: 'female' }),
  },
  {
    rule: '[lost-data] IG CX[Identifier]: CX.5 MR -> type v2-0203 MR; CX.4 ISO OID -> system urn:oid (or assigner carrying the OID)',
    ig: '[IG CX[Identifier] CX.4, CX.5]',
    on: ['a01'],
    check: (b) => {
      const p = the(b, 'Patient')?.resource;
      const id = ((p?.identifier as Json[] | undefined) ?? []).find((i) => i.value === 'MRN100');
      if (id === undefined) return ['no identifier MRN100'];
      const typed = JSON.stringify(id.type ?? {}).includes(`"system":"${V2_0203}","code":"MR"`);
      const oid = id.system === 'urn:oid:2.16.840.1.113883.19.5' || JSON.stringify(id.assigner ?? {}).includes('2.16.840.1.113883.19.5') || JSON.stringify(resolve(b, id.assigner)?.resource ?? {}).includes('2.16.840.1.113883.19.5');
      return [...fail(typed, 'MR type missing'), ...fail(oid, 'OID lost')];
    },
  },
  {
    rule: '[lost-data] IG PV1[Encounter] PV1-19 -> identifier (type VN)',
    ig: '[IG PV1[Encounter] PV1-19]',
    on: ['a01'],
    check: (b) => some(b, 'Encounter', { identifier: [{ type: code('VN', V2_0203), value: 'V100' }] }),
  },
  {
    rule: '[lost-data] IG CX/XCN assigning authority in the FHIR identifier registry -> system; NPI -> http://hl7.org/fhir/sid/us-npi (US Core)',
    ig: '[IG XCN[Practitioner] XCN.9; US Core Practitioner NPI]',
    on: ['a01'],
    check: (b) => some(b, 'Practitioner', { identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }] }),
  },
  {
    rule: '[wrong-data] IG Event[EncounterStatus]: A03 -> finished; PV1[Encounter] PV1-45 valued -> finished',
    ig: '[IG ConceptMap EventType[EncounterStatus] A03; PV1[Encounter] PV1-45]',
    on: ['a03'],
    check: (b) => exactly(b, 'Encounter', 1, { status: 'finished' }),
  },
  {
    rule: '[wrong-data] IG PV1[Encounter] PV1-45 -> period.end',
    ig: '[IG PV1[Encounter] PV1-45]',
    on: ['a03'],
    check: (b) => some(b, 'Encounter', { period: { end: instant('2024-07-08T14:45:00Z') } }),
  },
  {
    rule: '[wrong-data] IG Event[EncounterStatus]: A04 -> planned (v2 A04 = patient arrived: arrived/in-progress also accepted; never finished/cancelled)',
    ig: '[IG ConceptMap EventType[EncounterStatus] A04]',
    on: ['a04'],
    check: (b) => fail(enc(b).length === 1 && statusIs(enc(b)[0], ['planned', 'arrived', 'in-progress']), `A04 status ${JSON.stringify(enc(b).map((e) => e.status))}`),
  },
  {
    rule: '[wrong-data] IG ConceptMap PatientClass[EncounterClass]: O -> v3-ActCode AMB',
    ig: '[IG ConceptMap PatientClass O]',
    on: ['a04'],
    check: (b) => some(b, 'Encounter', { class: { system: ACT, code: 'AMB' } }),
  },
  {
    rule: '[wrong-data] IG Event[EncounterStatus]: A08 -> unknown (in-progress tolerated for an open visit; never planned/finished/cancelled)',
    ig: '[IG ConceptMap EventType[EncounterStatus] A08]',
    on: ['a08'],
    check: (b) => fail(enc(b).length === 1 && statusIs(enc(b)[0], ['unknown', 'in-progress']), `A08 status ${JSON.stringify(enc(b).map((e) => e.status))}`),
  },
  {
    rule: '[lost-data] IG AL1[AllergyIntolerance]: AL1-3 code, AL1-2 DA -> category medication, AL1-4 SV -> criticality high (or reaction.severity severe)',
    ig: '[IG AL1[AllergyIntolerance] AL1-2, AL1-3, AL1-4; ConceptMap AllergyType DA, AllergySeverity SV]',
    on: ['a01'],
    check: (b) => {
      const a = the(b, 'AllergyIntolerance', { code: code('70618'), category: ['medication'] })?.resource;
      const severe = a?.criticality === 'high' || valuesOf(a?.reaction, 'severity').includes('severe');
      return [...fail(a !== undefined, 'no medication allergy 70618'), ...fail(severe, 'SV lost')];
    },
  },
  {
    rule: '[wrong-data] Idempotent upsert: the same AL1 re-sent in a later message must address the same AllergyIntolerance (no duplicate allergy)',
    ig: '[IG AL1[AllergyIntolerance]; docs/mapping.md identity: patient + allergen]',
    on: ['a01', 'a08'],
    check: (a, b) => sameTarget(a, b, 'AllergyIntolerance'),
  },
  {
    rule: '[wrong-data] Idempotent upsert: the visit (PV1-19) re-sent addresses the same Encounter',
    ig: '[IG PV1[Encounter] PV1-19]',
    on: ['a01', 'a08'],
    check: (a, b) => sameTarget(a, b, 'Encounter'),
  },
  {
    rule: '[wrong-data] IG ObservationResultStatusCodesInterpretation leaves S (partial) unmapped; common practice preliminary: never final/corrected/amended',
    ig: '[IG ConceptMap ObservationResultStatusCodesInterpretation S]',
    on: ['a01'],
    check: (b) => [...exactly(b, 'Observation', 1, obs('8302-2')), ...none(b, 'Observation', { ...obs('8302-2'), status: { $oneOf: ['final', 'corrected', 'amended'] } })],
  },
  {
    rule: '[wrong-data] IG Event[EncounterStatus]: A11 -> cancelled (the event beats a PV1-45 echoed in the cancel)',
    ig: '[IG ConceptMap EventType[EncounterStatus] A11]',
    on: ['a11'],
    check: (b) => exactly(b, 'Encounter', 1, { status: 'cancelled' }),
  },
  {
    rule: '[wrong-data] Negative: a cancelled admission must not be reported as a visit that happened (finished/in-progress)',
    ig: '[IG ConceptMap EventType[EncounterStatus] A11]',
    on: ['a11'],
    check: (b) => none(b, 'Encounter', { status: { $oneOf: ['finished', 'in-progress'] } }),
  },
  {
    rule: '[wrong-data] IG Event[EncounterStatus]: A11 -> cancelled',
    ig: '[IG ConceptMap EventType[EncounterStatus] A11]',
    on: ['a11Plain'],
    check: (b) => exactly(b, 'Encounter', 1, { status: 'cancelled' }),
  },
  {
    rule: '[wrong-data] IG Event[EncounterStatus]: A13 -> in-progress',
    ig: '[IG ConceptMap EventType[EncounterStatus] A13]',
    on: ['a13'],
    check: (b) => exactly(b, 'Encounter', 1, { status: 'in-progress' }),
  },
  {
    rule: '[wrong-data] Negative: after a cancelled discharge the visit has no end (period.end absent)',
    ig: '[IG ConceptMap EventType[EncounterStatus] A13]',
    on: ['a13'],
    check: (b) => none(b, 'Encounter', { period: { end: { $not: null } } }),
  },
  {
    rule: '[wrong-data] v2 A29 = delete person information (SegmentActionCode D -> DELETE): the Patient must not be PUT/POSTed with its demographics',
    ig: '[v2.5.1 3.3.29 A29; IG ADT_A21 note]',
    on: ['a29'],
    check: (b) => fail(!entriesOf(b).some((e) => e.resource?.resourceType === 'Patient' && (e.resource.name !== undefined || e.resource.birthDate !== undefined || e.resource.address !== undefined)), 'Patient upserted with demographics'),
  },
  {
    rule: '[wrong-data] Negative: a delete-person event does not plan or open a visit',
    ig: '[v2.5.1 3.3.29 A29]',
    on: ['a29'],
    check: (b) => none(b, 'Encounter', { status: { $oneOf: ['planned', 'arrived', 'in-progress', 'triaged', 'onleave'] } }),
  },
  {
    rule: '[lost-data] The delete reaches the receiver: a DELETE entry for the Patient (or a clean refusal)',
    ig: '[v2.5.1 3.3.29 A29]',
    on: ['a29'],
    check: (b) => fail(entriesOf(b).some((e) => e.request.method === 'DELETE' && e.request.url.startsWith('Patient')), 'no DELETE Patient entry'),
  },
  {
    rule: '[wrong-data] Common practice: PV1-2 N (not applicable) with no visit data describes no visit; an Encounter (in-progress, per-message id) is a phantom open visit',
    ig: '[IG PV1[Encounter] PV1-2 N; common practice]',
    on: ['a31'],
    check: (b) => exactly(b, 'Encounter', 0),
  },
  {
    rule: '[lost-data] IG PID[Patient]: the person update carries the Patient with name and address',
    ig: '[IG PID[Patient] PID-5, PID-11]',
    on: ['a31'],
    check: (b) => some(b, 'Patient', { name: [{ family: 'DOE' }], address: [{ city: 'Springfield', postalCode: '62701' }] }),
  },
  {
    rule: '[wrong-data] FHIR merge pattern (IG MRG): survivor.link replaces -> merged record, or merged.link replaced-by -> survivor, for every PID/MRG pair',
    ig: '[IG MRG[Patient]; FHIR Patient.link]',
    on: ['a40'],
    check: (b) => [...mergeLink(b, 'MRN100', 'MRN900'), ...mergeLink(b, 'MRN200', 'MRN901')],
  },
  {
    rule: '[wrong-data] Negative: no link says the survivor is replaced-by the merged record (or the merged record replaces the survivor)',
    ig: '[IG MRG[Patient]; FHIR Patient.link]',
    on: ['a40'],
    check: (b) => [...wrongWayLink(b, 'MRN100', 'MRN900'), ...wrongWayLink(b, 'MRN200', 'MRN901')],
  },
  {
    rule: '[wrong-data] Negative: the surviving Patient is not marked inactive',
    ig: '[IG MRG[Patient]; FHIR Patient.link]',
    on: ['a40'],
    check: (b) => [...none(b, 'Patient', { ...patientWith('MRN100'), active: false }), ...none(b, 'Patient', { ...patientWith('MRN200'), active: false }), ...exactly(b, 'Patient', 1, patientWith('MRN100'))],
  },
  // ---- identity
  {
    rule: '[wrong-data] Identity must not depend on identifier order: the same identifier set addresses the same Patient (else a duplicate patient)',
    ig: '[IG PID[Patient] PID-3; docs/mapping.md identity rule]',
    on: ['a08', 'a08Reordered'],
    check: (a, b) => sameTarget(a, b, 'Patient'),
  },
  {
    rule: '[cosmetic] FHIR identifier registry / US Core: an SSN (CX.5 SS) carries system http://hl7.org/fhir/sid/us-ssn',
    ig: '[IG CX[Identifier] CX.5 SS; FHIR identifier registry]',
    on: ['a01'],
    check: (b) => some(b, 'Patient', { identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '123456789' }] }),
  },
  {
    rule: '[wrong-data] Idempotent upsert: a corrected OBX (same OBR filler number, OBX-3, OBX-4) must replace the original Observation, not add one (else stale finals remain)',
    ig: '[IG OBX[Observation] OBX-3, OBX-4, OBX-11 C]',
    on: ['oru', 'oruCorrected'],
    check: (a, b) => sameTarget(a, b, 'Observation', obs('2345-7')),
  },
  {
    rule: '[wrong-data] IG OBX-11 C -> corrected; OBR-25 C -> DiagnosticReport corrected',
    ig: '[IG ConceptMap ObservationResultStatusCodesInterpretation C; ResultStatus C]',
    on: ['oruCorrected'],
    check: (b) => [...some(b, 'Observation', { ...obs('2345-7'), status: 'corrected' }), ...some(b, 'DiagnosticReport', { status: 'corrected' })],
  },
  {
    rule: '[wrong-data] Idempotent upsert: the corrected report (same OBR-3) replaces the original DiagnosticReport',
    ig: '[IG OBR[DiagnosticReport] OBR-3]',
    on: ['oru', 'oruCorrected'],
    check: (a, b) => sameTarget(a, b, 'DiagnosticReport'),
  },
  {
    rule: '[wrong-data] Idempotent upsert: re-delivery of the same message (same MSH-10) produces the same PUT targets',
    ig: '[docs/mapping.md identity rule]',
    on: ['oru', 'oru'],
    check: (a, b) => {
      const t = (x: Json): string => JSON.stringify(entriesOf(x).map((e) => `${e.request.method} ${e.request.url}`));
      return fail(t(a) === t(b), 'targets differ between deliveries');
    },
  },
  // ---- timezone
  {
    rule: "[wrong-data] Common practice (IG MSH[Bundle] note: configure per local context): a time without offset is in the sender's zone, given by MSH-7's offset when present",
    ig: '[IG MSH[Bundle] MSH-7 note; OBR[DiagnosticReport] OBR-22]',
    on: ['oruTimes'],
    check: (b) => some(b, 'DiagnosticReport', { issued: instant('2024-03-06T15:00:00Z') }),
  },
  {
    rule: '[wrong-data] IG DTM[dateTime]: a date-only value stays a date (no zone shift)',
    ig: '[IG DTM[dateTime]]',
    on: ['oruTimes'],
    check: (b) => some(b, 'Observation', { effectiveDateTime: '2024-03-05' }),
  },
  {
    rule: '[wrong-data] Time-zone rule: no offset in the value nor in MSH-7 -> the configured zone (CDT, -05:00 in July)',
    ig: '[IG MSH[Bundle] MSH-7 note; OBR[DiagnosticReport] OBR-7]',
    on: ['oruNoZone'],
    options: CHICAGO,
    check: (b) => some(b, 'DiagnosticReport', { effectiveDateTime: instant('2024-07-15T13:30:00Z') }),
  },
  {
    rule: '[wrong-data] IG OBX[Observation] OBX-14 -> effectiveDateTime, in the configured zone',
    ig: '[IG OBX[Observation] OBX-14]',
    on: ['oruNoZone'],
    options: CHICAGO,
    check: (b) => some(b, 'Observation', { effectiveDateTime: instant('2024-07-15T13:30:00Z') }),
  },
  {
    rule: "[wrong-data] IG OBR[DiagnosticReport] OBR-7 -> effective; offset-less value read in MSH-7's offset",
    ig: '[IG OBR[DiagnosticReport] OBR-7]',
    on: ['oruTimes'],
    check: (b) => {
      const r = dr(b, '2345-7');
      const at = r?.effectiveDateTime ?? (r?.effectivePeriod as Json | undefined)?.start;
      return fail(typeof at === 'string' && Date.parse(at) === Date.parse('2024-03-06T14:00:00Z'), `effective ${String(at)}`);
    },
  },
  {
    rule: "[wrong-data] IG OBX[Observation] OBX-14 -> effectiveDateTime; offset-less value read in MSH-7's offset",
    ig: '[IG OBX[Observation] OBX-14]',
    on: ['oruTimes'],
    check: (b) => some(b, 'Observation', { valueQuantity: { value: 99 }, effectiveDateTime: instant('2024-03-06T14:15:00Z') }),
  },
  {
    rule: "[wrong-data] IG RXA[Immunization] RXA-3 -> occurrenceDateTime; offset-less time read in MSH-7's offset, date-only stays a date",
    ig: '[IG RXA[Immunization] RXA-3]',
    on: ['vxu'],
    check: (b) => [
      ...fail(immunization(b, '08')?.occurrenceDateTime !== undefined && Date.parse(String(immunization(b, '08')?.occurrenceDateTime)) === Date.parse('2024-04-01T14:30:00Z'), 'dose 1 time'),
      ...fail(immunization(b, '03')?.occurrenceDateTime === '2023-01-15', 'dose 2 date'),
    ],
  },
  // ---- ORU
  {
    rule: '[lost-data] IG OBX-5 NM -> valueQuantity; OBX-6 CWE[Quantity]: UCUM code/system',
    ig: '[IG OBX[Observation] OBX-5 NM, OBX-6; CWE[Quantity]]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('2345-7'), valueQuantity: { value: 182, system: UCUM, code: 'mg/dL' } }),
  },
  {
    rule: '[cosmetic] IG OBX-7 -> referenceRange (text, or parsed low/high)',
    ig: '[IG OBX[Observation] OBX-7]',
    on: ['oru'],
    check: (b) =>
      some(b, 'Observation', { ...obs('2345-7'), referenceRange: [{ $oneOf: [{ text: '70-99' }, { low: { value: 70 }, high: { value: 99 } }] }] }),
  },
  {
    rule: '[wrong-data] IG OBX-8 via ConceptMap InterpretationCodes: H -> v3-ObservationInterpretation H',
    ig: '[IG OBX[Observation] OBX-8; ConceptMap InterpretationCodes H]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('2345-7'), interpretation: [code('H', 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation')] }),
  },
  {
    rule: '[wrong-data] IG OBX-11 F -> final; OBR-25 F -> DiagnosticReport final',
    ig: '[IG OBX[Observation] OBX-11; OBR[DiagnosticReport] OBR-25]',
    on: ['oru'],
    check: (b) => [...some(b, 'Observation', { ...obs('2345-7'), status: 'final' }), ...some(b, 'DiagnosticReport', { ...coded('24323-8'), status: 'final' })],
  },
  {
    rule: "[wrong-data] IG ORU_R01 4.2.4.3.1: DiagnosticReport(OBR-4).result = the group's Observations",
    ig: '[IG ORU_R01 OBSERVATION OBX -> DiagnosticReport.result]',
    on: ['oru'],
    check: (b) => {
      const want = find(b, 'Observation').map((e) => e.fullUrl).sort();
      const got = ((dr(b, '24323-8')?.result as Json[] | undefined) ?? []).map((r) => r.reference).sort();
      return fail(want.length === 12 && JSON.stringify(want) === JSON.stringify(got), `result ${got.length} of ${want.length} Observations`);
    },
  },
  {
    rule: '[lost-data] IG ORU_R01 4.2.1.1: DiagnosticReport.basedOn -> ServiceRequest with placer number (PLAC)',
    ig: '[IG ORU_R01 ORC/OBR -> ServiceRequest; DiagnosticReport.basedOn]',
    on: ['oru'],
    check: (b) => some(b, 'DiagnosticReport', { basedOn: [refTo(the(b, 'ServiceRequest', { identifier: [typedId('PLAC', 'PLC1')] }))] }),
  },
  {
    rule: '[lost-data] IG ORU_R01 4.2.4.3.3: NTE after OBX -> Observation.note',
    ig: '[IG ORU_R01 NTE -> Observation.note; NTE[Observation]]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('2345-7'), note: [{ text: 'Fasting not confirmed' }] }),
  },
  {
    rule: '[lost-data] NTE after OBR (IG ORU_R01 4.2.3, no target given) must not vanish: on the DiagnosticReport or its ServiceRequest',
    ig: '[IG ORU_R01 ORDER_OBSERVATION NTE; NTE[ServiceRequest]]',
    on: ['oru'],
    check: (b) => fail(JSON.stringify([dr(b, '24323-8'), sr(b, '24323-8')]).includes('Specimen slightly hemolyzed'), 'OBR note lost'),
  },
  {
    rule: '[wrong-data] IG ORC[ServiceRequest] ORC-5 via OrderStatus: CM -> completed',
    ig: '[IG ORC[ServiceRequest] ORC-5; ConceptMap OrderStatus CM]',
    on: ['oru'],
    check: (b) => some(b, 'ServiceRequest', { ...coded('24323-8'), status: 'completed' }),
  },
  {
    rule: '[lost-data] IG OBR[DiagnosticReport] OBR-22 -> issued',
    ig: '[IG OBR[DiagnosticReport] OBR-22]',
    on: ['oru'],
    check: (b) => some(b, 'DiagnosticReport', { issued: instant('2024-03-06T15:00:00Z') }),
  },
  {
    rule: '[wrong-data] IG OBX-14 -> Observation.effectiveDateTime (same instant)',
    ig: '[IG OBX[Observation] OBX-14]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('2345-7'), effectiveDateTime: instant('2024-03-06T14:15:00Z') }),
  },
  {
    rule: '[lost-data] IG OBX-5 SN (no separator) -> valueQuantity via SN[Quantity]: SN.1 comparator, SN.2 value, OBX-6 UCUM',
    ig: '[IG OBX[Observation] OBX-5 SN; SN[Quantity]]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('2160-0'), valueQuantity: { comparator: '>', value: 1.5, system: UCUM, code: 'mg/dL' } }),
  },
  {
    rule: '[lost-data] IG OBX-5 SN with ":" -> valueRatio (SN[Ratio]: numerator 1, denominator 128)',
    ig: '[IG OBX[Observation] OBX-5 SN; SN[Ratio]]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('5130-0'), valueRatio: { numerator: { value: 1 }, denominator: { value: 128 } } }),
  },
  {
    rule: '[lost-data] IG OBX-5 SN with "-" -> valueRange (SN[Range]: low 40, high 60)',
    ig: '[IG OBX[Observation] OBX-5 SN; SN[Range]]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('2093-3'), valueRange: { low: { value: 40 }, high: { value: 60 } } }),
  },
  {
    rule: '[lost-data] IG OBX-5 SN with "+" -> valueString of the SN parts ("2+")',
    ig: '[IG OBX[Observation] OBX-5 SN "+"]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('20454-5'), valueString: '2+' }),
  },
  {
    rule: '[lost-data] IG OBX-5 SN with another separator (".") -> valueQuantity with SN.1 comparator (value 1 per IG, 1.3 tolerated); the number must not be lost',
    ig: '[IG OBX[Observation] OBX-5 SN; SN[Quantity]]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('1234-5'), valueQuantity: { comparator: '>', value: { $oneOf: [1, 1.3] } } }),
  },
  {
    rule: '[lost-data] IG OBX-5 CWE -> valueCodeableConcept via CWE[CodeableConcept]: SCT -> http://snomed.info/sct',
    ig: '[IG OBX[Observation] OBX-5 CWE; CWE[CodeableConcept] CWE.3]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('600-7'), valueCodeableConcept: code('112283007', SCT) }),
  },
  {
    rule: '[lost-data] IG OBX-5 ST -> valueString',
    ig: '[IG OBX[Observation] OBX-5 ST]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('5778-6'), valueString: 'Yellow' }),
  },
  {
    rule: '[lost-data] IG ORU_R01 4.2.4.3.1 note: repeating OBX-5 -> components, several Observations or concatenation; no repetition lost',
    ig: '[IG ORU_R01 OBX-5 repetition note]',
    on: ['oru'],
    check: (b) => {
      const text = JSON.stringify(resourcesOf(b, 'Observation', obs('5767-9')));
      return fail(text.includes('Cloudy') && text.includes('Turbid'), 'a repetition is lost');
    },
  },
  {
    rule: '[cosmetic] v2 escape \\.br\\ in FT -> a line break in valueString',
    ig: '[v2 2.7 formatting escape .br; IG OBX[Observation] OBX-5 FT]',
    on: ['oru'],
    check: (b) => fail(/^Line one\r?\nLine two$/.test(String(resourcesOf(b, 'Observation', obs('11526-1'))[0]?.valueString)), 'no line break'),
  },
  {
    rule: '[lost-data] IG OBX-5 DT -> valueDateTime (date kept as a date)',
    ig: '[IG OBX[Observation] OBX-5 DT]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('21112-8'), valueDateTime: '2024-03-01' }),
  },
  {
    rule: '[lost-data] IG OBX-5 DR -> valuePeriod via DR[Period] (start/end instants)',
    ig: '[IG OBX[Observation] OBX-5 DR; DR[Period]]',
    on: ['oru'],
    check: (b) => some(b, 'Observation', { ...obs('8251-1'), valuePeriod: { start: instant('2024-03-01T13:00:00Z'), end: instant('2024-03-02T13:00:00Z') } }),
  },
  {
    rule: '[wrong-data] IG ED[Attachment] ED.3 -> contentType; ED-2 is table 0191 (IM = image): IM^JPEG -> image/jpeg',
    ig: '[IG ED[Attachment] ED.2, ED.3]',
    on: ['oruEd'],
    check: (b) => fail(attachmentOf(b, '/9j/4AAQSkZJRg==')?.contentType === 'image/jpeg', `JPEG as ${String(attachmentOf(b, '/9j/4AAQSkZJRg==')?.contentType)}`),
  },
  {
    rule: '[wrong-data] IG ED[Attachment]: AP^PDF (0191 AP = application) -> application/pdf',
    ig: '[IG ED[Attachment] ED.2, ED.3]',
    on: ['oruEd'],
    check: (b) => fail(attachmentOf(b, 'JVBERi0xLjQK')?.contentType === 'application/pdf', `PDF as ${String(attachmentOf(b, 'JVBERi0xLjQK')?.contentType)}`),
  },
  {
    rule: '[wrong-data] IG ED[Attachment]: a MIME pair in ED-2/ED-3 (application^pdf) -> application/pdf',
    ig: '[IG ED[Attachment] ED.2, ED.3]',
    on: ['oruEd'],
    check: (b) => fail(attachmentOf(b, 'JVBERi0xLjUK')?.contentType === 'application/pdf', `PDF as ${String(attachmentOf(b, 'JVBERi0xLjUK')?.contentType)}`),
  },
  {
    rule: '[wrong-data] FHIR Attachment.contentType is a MIME type (BCP 13): every contentType in the Bundle has a registered top-level type',
    ig: '[FHIR R4 Attachment.contentType; IG ED[Attachment]]',
    on: ['oruEd', 'mdm'],
    check: (...bs) => {
      const types = bs.flatMap((b) => attachments(b).map((a) => String(a.contentType)));
      const bad = types.filter((t) => !REGISTERED_TOP.has(t.split('/')[0] ?? '') || !/^[a-z]+\/[a-z0-9.+-]+/i.test(t));
      return fail(types.length > 0 && bad.length === 0, `contentTypes ${JSON.stringify(bad)}`);
    },
  },
  {
    rule: '[lost-data] IG ORU_R01 4.2.2: each OBR -> its own DiagnosticReport with its OBR-4 code (a shared placer number must not merge tests)',
    ig: '[IG ORU_R01 OBR -> DiagnosticReport; OBR[DiagnosticReport] OBR-4]',
    on: ['oruShared'],
    check: (b) => [...exactly(b, 'DiagnosticReport', 1, coded('20507-0')), ...exactly(b, 'DiagnosticReport', 1, coded('7917-8'))],
  },
  {
    rule: "[wrong-data] IG ORU_R01 4.2.4.3.1: an OBX is a result of its own OBR's report only",
    ig: '[IG ORU_R01 OBSERVATION -> DiagnosticReport.result]',
    on: ['oruShared'],
    check: (b) => {
      const r1 = resultCodes(b, dr(b, '20507-0'));
      const r2 = resultCodes(b, dr(b, '7917-8'));
      return fail(r1.length === 1 && r1[0]?.includes('20507-0') === true && r2.length === 1 && r2[0]?.includes('7917-8') === true, `results ${JSON.stringify([r1, r2])}`);
    },
  },
  {
    rule: '[lost-data] IG OBR[ServiceRequest]: both ordered tests survive as ServiceRequest codes',
    ig: '[IG OBR[ServiceRequest] OBR-4]',
    on: ['oruShared'],
    check: (b) => [...some(b, 'ServiceRequest', coded('20507-0')), ...some(b, 'ServiceRequest', coded('7917-8'))],
  },
  {
    rule: '[lost-data] IG ORU_R01 4.2.2: every OBR -> a DiagnosticReport carrying its OBR-4 code',
    ig: '[IG ORU_R01 OBR -> DiagnosticReport; OBR[DiagnosticReport] OBR-4]',
    on: ['oruReportStatuses'],
    check: (b) => ['2345-7', '2160-0', '2951-2'].flatMap((c) => exactly(b, 'DiagnosticReport', 1, coded(c))),
  },
  {
    rule: '[lost-data] IG ORU_R01: one DiagnosticReport per OBR',
    ig: '[IG ORU_R01 OBR -> DiagnosticReport]',
    on: ['oruShared'],
    check: (b) => exactly(b, 'DiagnosticReport', 2),
  },
  {
    rule: '[wrong-data] IG ORU_R01 4.2.4.3.1: OBX-29 IN (QST, SCI) -> not DiagnosticReport.result',
    ig: '[IG ORU_R01 OBSERVATION OBX-29 condition]',
    on: ['oruQst'],
    check: (b) => {
      const codes = resultCodes(b, dr(b, '94500-6'));
      return fail(!codes.some((c) => c.includes('95419-8') || c.includes('8310-5')), `result holds ${JSON.stringify(codes)}`);
    },
  },
  {
    rule: '[lost-data] IG ORU_R01 4.2.4.3.1: OBX-29 QST -> ServiceRequest.supportingInfo',
    ig: '[IG ORU_R01 OBSERVATION OBX-29 QST -> ServiceRequest.supportingInfo]',
    on: ['oruQst'],
    check: (b) => {
      const info = (sr(b, '94500-6')?.supportingInfo as Json[] | undefined) ?? [];
      return fail(info.some((r) => JSON.stringify(resolve(b, r)?.resource ?? {}).includes('95419-8')), 'QST answer not in supportingInfo');
    },
  },
  {
    rule: '[wrong-data] IG ORU_R01 4.2.4.3.1: the real result (RSLT) stays in DiagnosticReport.result',
    ig: '[IG ORU_R01 OBSERVATION -> DiagnosticReport.result]',
    on: ['oruQst'],
    check: (b) => fail(resultCodes(b, dr(b, '94500-6')).some((c) => c.includes('94500-6')), 'RSLT not a result'),
  },
  {
    rule: '[wrong-data] IG ConceptMap ObservationResultStatusCodesInterpretation: F final, P preliminary, C corrected, D entered-in-error, X cancelled, W entered-in-error',
    ig: '[IG ConceptMap ObservationResultStatusCodesInterpretation]',
    on: ['oruStatuses'],
    check: (b) =>
      (
        [
          ['2093-3', 'final'],
          ['2571-8', 'preliminary'],
          ['2085-9', 'corrected'],
          ['13457-7', 'entered-in-error'],
          ['9830-1', 'cancelled'],
          ['2089-1', 'entered-in-error'],
        ] as const
      ).flatMap(([c, s]) => exactly(b, 'Observation', 1, { ...obs(c), status: s })),
  },
  {
    rule: '[wrong-data] Negative: R (not verified) and I (pending) are unmapped in the IG and must never read final/corrected/amended',
    ig: '[IG ConceptMap ObservationResultStatusCodesInterpretation R, I]',
    on: ['oruStatuses'],
    check: (b) => ['43396-1', '13458-5'].flatMap((c) => none(b, 'Observation', { ...obs(c), status: { $oneOf: ['final', 'corrected', 'amended'] } })),
  },
  {
    rule: '[cosmetic] IG OBX[Observation] OBX-11 X (comment): dataAbsentReason cannot-be-obtained',
    ig: '[IG OBX[Observation] OBX-11 comment]',
    on: ['oruStatuses'],
    check: (b) => some(b, 'Observation', { ...obs('9830-1'), dataAbsentReason: code('cannot-be-obtained') }),
  },
  {
    rule: '[wrong-data] IG ConceptMap ResultStatus[Non-Queries]: P preliminary, X cancelled, C corrected',
    ig: '[IG ConceptMap ResultStatus P, X, C]',
    on: ['oruReportStatuses'],
    check: (b) =>
      (
        [
          ['2345-7', 'preliminary'],
          ['2160-0', 'cancelled'],
          ['2951-2', 'corrected'],
        ] as const
      ).flatMap(([c, s]) => exactly(b, 'DiagnosticReport', 1, { ...coded(c), status: s })),
  },
  {
    rule: '[lost-data] IG SPM[Specimen] SPM-4 -> type (SNOMED)',
    ig: '[IG SPM[Specimen] SPM-4]',
    on: ['oru'],
    check: (b) => some(b, 'Specimen', { type: code('119297000', SCT) }),
  },
  {
    rule: '[wrong-data] IG SPM[Specimen] SPM-17 -> collection.collectedDateTime (or Period.start)',
    ig: '[IG SPM[Specimen] SPM-17]',
    on: ['oru'],
    check: (b) =>
      some(b, 'Specimen', { collection: { $oneOf: [{ collectedDateTime: instant('2024-03-06T13:30:00Z') }, { collectedPeriod: { start: instant('2024-03-06T13:30:00Z') } }] } }),
  },
  {
    rule: '[lost-data] IG ORU_R01 4.2.7.1: DiagnosticReport.specimen -> the SPM Specimen',
    ig: '[IG ORU_R01 SPECIMEN -> DiagnosticReport.specimen]',
    on: ['oru'],
    check: (b) => some(b, 'DiagnosticReport', { specimen: [refTo(the(b, 'Specimen'))] }),
  },
  // ---- orders
  {
    rule: '[wrong-data] IG ORM_O01: ORC + its OBR -> one ServiceRequest (ORC-2 identifier and OBR-4 code on the same resource)',
    ig: '[IG ORM_O01 ORC+OBR -> ServiceRequest]',
    on: ['orm'],
    check: (b) => [...exactly(b, 'ServiceRequest', 1), ...some(b, 'ServiceRequest', { ...coded('24323-8'), identifier: [typedId('PLAC', 'PLC20')] })],
  },
  {
    rule: '[wrong-data] IG ORC[ServiceRequest] ORC-1 via OrderControlCode[ServiceRequest.status]: NW -> active',
    ig: '[IG ORC[ServiceRequest] ORC-1; ConceptMap OrderControlCode[ServiceRequest.status] NW]',
    on: ['orm'],
    check: (b) => some(b, 'ServiceRequest', { ...coded('24323-8'), status: 'active' }),
  },
  {
    rule: '[wrong-data] IG ORC[ServiceRequest] ORC-12 -> requester (on the ServiceRequest that orders the test)',
    ig: '[IG ORC[ServiceRequest] ORC-12]',
    on: ['orm'],
    check: (b) => some(b, 'ServiceRequest', { ...coded('24323-8'), requester: refTo(the(b, 'Practitioner', { identifier: [{ value: '1234567893' }] })) }),
  },
  {
    rule: '[lost-data] IG ORC[ServiceRequest] ORC-9 (ORC-1 NW) -> authoredOn',
    ig: '[IG ORC[ServiceRequest] ORC-9]',
    on: ['orm'],
    check: (b) => some(b, 'ServiceRequest', { authoredOn: instant('2024-03-05T14:55:00Z') }),
  },
  {
    rule: '[wrong-data] IG ORC[ServiceRequest] ORC-5 via OrderStatus: CA -> revoked (ORC-5 takes precedence; ORC-1 OC -> revoked too)',
    ig: '[IG ORC[ServiceRequest] ORC-5; ConceptMap OrderStatus CA; OrderControlCode OC]',
    on: ['ormOc'],
    check: (b) => some(b, 'ServiceRequest', { ...coded('24323-8'), status: 'revoked' }),
  },
  {
    rule: '[wrong-data] Negative: after a cancel no ServiceRequest still orders the test (active/unknown/draft/on-hold)',
    ig: '[IG ConceptMap OrderControlCode OC, CA]',
    on: ['ormOc', 'ormCa'],
    check: (...bs) => bs.flatMap((b) => none(b, 'ServiceRequest', { status: { $oneOf: ['active', 'unknown', 'draft', 'on-hold'] } })),
  },
  {
    rule: '[wrong-data] IG ORM_O01 + ORC[ServiceRequest] ORC-5 CA -> revoked, on the ServiceRequest that carries OBR-4',
    ig: '[IG ORC[ServiceRequest] ORC-5; ConceptMap OrderStatus CA]',
    on: ['ormCa'],
    check: (b) => some(b, 'ServiceRequest', { ...coded('2345-7'), status: 'revoked' }),
  },
  {
    rule: '[wrong-data] IG ORC[ServiceRequest] ORC-2/ORC-3 -> identifier (PLAC/FILL) of the ServiceRequest that carries OBR-4',
    ig: '[IG ORC[ServiceRequest] ORC-2, ORC-3]',
    on: ['orm'],
    check: (b) => some(b, 'ServiceRequest', { ...coded('24323-8'), identifier: [typedId('PLAC', 'PLC20'), typedId('FILL', 'FIL20')] }),
  },
  {
    rule: '[wrong-data] IG ConceptMap OrderStatus (ORC-5): CM completed, HD on-hold, IP active, ER entered-in-error',
    ig: '[IG ConceptMap OrderStatus CM, HD, IP, ER]',
    on: ['ormStatuses'],
    check: (b) =>
      (
        [
          ['2345-7', 'completed'],
          ['2160-0', 'on-hold'],
          ['2951-2', 'active'],
          ['2823-3', 'entered-in-error'],
        ] as const
      ).flatMap(([c, s]) => exactly(b, 'ServiceRequest', 1, { ...coded(c), status: s })),
  },
  {
    rule: '[wrong-data] IG ORC-1 (ORC-5 empty) via OrderControlCode[ServiceRequest.status]: DC -> revoked',
    ig: '[IG ConceptMap OrderControlCode[ServiceRequest.status] DC]',
    on: ['ormDc'],
    check: (b) => some(b, 'ServiceRequest', { ...coded('2160-0'), status: 'revoked' }),
  },
  {
    rule: '[wrong-data] IG OML_O21: each ORC + OBSERVATION_REQUEST OBR -> one ServiceRequest (its ORC-2 with its OBR-4), status NW -> active',
    ig: '[IG OML_O21 ORC+OBR -> ServiceRequest]',
    on: ['oml'],
    check: (b) => [
      ...exactly(b, 'ServiceRequest', 2),
      ...some(b, 'ServiceRequest', { ...coded('20507-0'), identifier: [typedId('PLAC', 'PLC40')], status: 'active' }),
      ...some(b, 'ServiceRequest', { ...coded('7917-8'), identifier: [typedId('PLAC', 'PLC41')], status: 'active' }),
    ],
  },
  {
    rule: '[lost-data] IG OML_O21 SPECIMEN: the SPM Specimen is linked to its order (ServiceRequest.specimen)',
    ig: '[IG OML_O21 SPECIMEN -> ServiceRequest.specimen]',
    on: ['oml'],
    check: (b) => {
      const s = (sr(b, '20507-0')?.specimen as Json[] | undefined) ?? [];
      return fail(s.some((r) => JSON.stringify(resolve(b, r)?.resource ?? {}).includes('SP40')), 'SP40 not on its order');
    },
  },
  {
    rule: '[lost-data] IG OML_O21 / OBR[ServiceRequest] OBR-4 -> code: every ordered test has a ServiceRequest',
    ig: '[IG OBR[ServiceRequest] OBR-4]',
    on: ['oml'],
    check: (b) => [...some(b, 'ServiceRequest', coded('20507-0')), ...some(b, 'ServiceRequest', coded('7917-8'))],
  },
  // ---- pharmacy
  {
    rule: '[wrong-data] IG RDE_O11 / ORC + RXO + RXE = one order: exactly one MedicationRequest (RXO and RXE must not become two orders)',
    ig: '[IG RDE_O11 ORC+RXO+RXE -> MedicationRequest]',
    on: ['rde'],
    check: (b) => exactly(b, 'MedicationRequest', 1),
  },
  {
    rule: '[wrong-data] IG ORC-2 -> identifier (PLAC); ORC-1 NW -> active',
    ig: '[IG ORC[MedicationRequest] ORC-1, ORC-2]',
    on: ['rde'],
    check: (b) => some(b, 'MedicationRequest', { identifier: [typedId('PLAC', 'PLC50')], status: 'active' }),
  },
  {
    rule: '[wrong-data] IG CWE[Quantity] for RXE-3/RXE-5: value 500, unit = CWE.2 "milligram" (the UCUM code "mg" tolerated)',
    ig: '[IG RXE[MedicationRequest] RXE-3, RXE-5; CWE[Quantity]]',
    on: ['rde'],
    check: (b) => fail(objectsWith(dosage(b), 'value').some((q) => q.value === 500 && (q.unit === 'milligram' || q.unit === 'mg')), 'no 500 milligram dose'),
  },
  {
    rule: '[lost-data] IG CWE[Quantity]: CWE.3 UCUM valued -> Quantity.system http://unitsofmeasure.org, Quantity.code = CWE.1 "mg"',
    ig: '[IG CWE[Quantity] CWE.1, CWE.3]',
    on: ['rde'],
    check: (b) => fail(objectsWith(dosage(b), 'value').some((q) => q.value === 500 && q.system === UCUM && q.code === 'mg'), 'no UCUM mg dose'),
  },
  {
    rule: '[lost-data] IG TQ1[MedicationRequest] TQ1-3 -> dosageInstruction.timing (code TID or repeat 3 per 1 d)',
    ig: '[IG TQ1[MedicationRequest] TQ1-3]',
    on: ['rde'],
    check: (b) => {
      const t = (dosage(b).timing ?? {}) as Json;
      const r = (t.repeat ?? {}) as Json;
      return fail(JSON.stringify(t.code ?? {}).includes('"TID"') || (r.frequency === 3 && r.period === 1 && r.periodUnit === 'd'), 'TID lost');
    },
  },
  {
    rule: '[lost-data] IG TQ1[MedicationRequest] TQ1-7/TQ1-8 -> timing.repeat.boundsPeriod',
    ig: '[IG TQ1[MedicationRequest] TQ1-7, TQ1-8]',
    on: ['rde'],
    check: (b) => some(b, 'MedicationRequest', { dosageInstruction: [{ timing: { repeat: { boundsPeriod: { start: instant('2024-03-01T14:00:00Z'), end: instant('2024-03-10T14:00:00Z') } } } }] }),
  },
  {
    rule: '[lost-data] IG CWE[CodeableConcept]: RXE-2 NDC -> medicationCodeableConcept http://hl7.org/fhir/sid/ndc',
    ig: '[IG RXE[MedicationRequest] RXE-2; CWE[CodeableConcept]]',
    on: ['rde'],
    check: (b) => some(b, 'MedicationRequest', { medicationCodeableConcept: code('00904629161', 'http://hl7.org/fhir/sid/ndc') }),
  },
  {
    rule: '[lost-data] IG RXR[MedicationRequest] RXR-1 via RouteOfAdministration: PO -> v3-RouteOfAdministration PO (v2-0162 PO kept)',
    ig: '[IG RXR[MedicationRequest] RXR-1; ConceptMap RouteOfAdministration PO]',
    on: ['rde'],
    check: (b) =>
      some(b, 'MedicationRequest', {
        dosageInstruction: [{ route: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', code: 'PO' }, { system: 'http://terminology.hl7.org/CodeSystem/v2-0162', code: 'PO' }] } }],
      }),
  },
  {
    rule: '[lost-data] RXE-10/RXE-12 -> dispenseRequest.quantity 30, numberOfRepeatsAllowed 2',
    ig: '[IG RXE[MedicationRequest] RXE-10, RXE-12]',
    on: ['rde'],
    check: (b) => some(b, 'MedicationRequest', { dispenseRequest: { quantity: { value: 30 }, numberOfRepeatsAllowed: 2 } }),
  },
  {
    rule: '[wrong-data] IG CWE[Quantity]: Quantity.unit = CWE.2 when valued (RXE-5 43^mg/hr -> "mg/hr", never the code "43")',
    ig: '[IG CWE[Quantity] CWE.2]',
    on: ['rdeRate'],
    check: (b) => {
      const units = valuesOf(mr(b), 'unit');
      return fail(units.includes('mg/hr') && !units.includes('43'), `units ${JSON.stringify(units)}`);
    },
  },
  {
    rule: '[lost-data] IG TQ1[MedicationRequest] TQ1-3 -> dosageInstruction.timing (TID)',
    ig: '[IG TQ1[MedicationRequest] TQ1-3]',
    on: ['rdeRate'],
    check: (b) => {
      const t = (dosage(b).timing ?? {}) as Json;
      const r = (t.repeat ?? {}) as Json;
      return fail(JSON.stringify(t.code ?? {}).includes('"TID"') || (r.frequency === 3 && r.period === 1 && r.periodUnit === 'd'), 'TID lost');
    },
  },
  {
    rule: '[wrong-data] IG RDE_O11: one order (ORC) -> one MedicationRequest',
    ig: '[IG RDE_O11 ORDER -> MedicationRequest]',
    on: ['rdeRate'],
    check: (b) => exactly(b, 'MedicationRequest', 1),
  },
  {
    rule: '[lost-data] IG ORC[MedicationAdministration]/RXA: an administration -> MedicationAdministration completed, NDC, effective RXA-3',
    ig: '[IG ORC[MedicationAdministration]; RXA -> MedicationAdministration]',
    on: ['ras'],
    check: (b) =>
      some(b, 'MedicationAdministration', {
        status: 'completed',
        medicationCodeableConcept: code('00904629161', 'http://hl7.org/fhir/sid/ndc'),
        effectiveDateTime: instant('2024-03-01T14:00:00Z'),
      }),
  },
  {
    rule: '[lost-data] RXA-6/RXA-7 -> dosage.dose (UCUM mg)',
    ig: '[RXA-6, RXA-7 -> MedicationAdministration.dosage.dose; CWE[Quantity]]',
    on: ['ras'],
    check: (b) => some(b, 'MedicationAdministration', { dosage: { dose: { value: 500, system: UCUM, code: 'mg' } } }),
  },
  // ---- VXU
  {
    rule: '[wrong-data] IG RXA[Immunization] RXA-21 = D -> status entered-in-error (a DELETE of the Immunization also accepted)',
    ig: '[IG RXA[Immunization] RXA-21]',
    on: ['vxuDeleted'],
    check: (b) =>
      fail(
        find(b, 'Immunization', { status: 'entered-in-error' }).length === 1 || entriesOf(b).some((e) => e.request.method === 'DELETE' && e.request.url.startsWith('Immunization')),
        'dose not withdrawn',
      ),
  },
  {
    rule: '[wrong-data] Negative: a deleted dose must not be upserted as completed',
    ig: '[IG RXA[Immunization] RXA-21]',
    on: ['vxuDeleted'],
    check: (b) => none(b, 'Immunization', { status: 'completed' }),
  },
  {
    rule: '[lost-data] IG VXU_V04 12.1/12.4: each ORC/RXA -> an Immunization; CVX -> http://hl7.org/fhir/sid/cvx; RXA-20 CP -> completed',
    ig: '[IG VXU_V04 ORDER -> Immunization; RXA[Immunization] RXA-5, RXA-20]',
    on: ['vxu'],
    check: (b) => [
      ...exactly(b, 'Immunization', 2),
      ...exactly(b, 'Immunization', 1, { vaccineCode: code('08', 'http://hl7.org/fhir/sid/cvx'), status: 'completed' }),
      ...exactly(b, 'Immunization', 1, { vaccineCode: code('03', 'http://hl7.org/fhir/sid/cvx'), status: 'completed' }),
    ],
  },
  {
    rule: '[lost-data] IG VXU_V04 12.6.1: dose-level OBX -> Observation.partOf = its Immunization (or Immunization.programEligibility)',
    ig: '[IG VXU_V04 OBSERVATION -> Observation.partOf / Immunization.programEligibility]',
    on: ['vxu'],
    check: (b) =>
      (
        [
          ['08', 'V02'],
          ['03', 'V01'],
        ] as const
      ).flatMap(([cvx, v]) => {
        const imm = the(b, 'Immunization', { vaccineCode: code(cvx) });
        const onImm = JSON.stringify(imm?.resource?.programEligibility ?? []).includes(v);
        const partOf = find(b, 'Observation', { valueCodeableConcept: code(v), partOf: [refTo(imm)] }).length > 0;
        return fail(imm !== undefined && (onImm || partOf), `${v} not on dose ${cvx}`);
      }),
  },
  {
    rule: '[lost-data] IG VXU_V04 12.6.1: the VIS-presented OBX belongs to its dose (Observation.partOf or Immunization.education.presentationDate)',
    ig: '[IG VXU_V04 OBSERVATION; Immunization.education.presentationDate]',
    on: ['vxu'],
    check: (b) => {
      const imm = the(b, 'Immunization', { vaccineCode: code('08') });
      const onImm = valuesOf(imm?.resource?.education, 'presentationDate').some((d) => String(d).startsWith('2024-04-01'));
      const partOf = find(b, 'Observation', { ...obs('29769-7'), partOf: [refTo(imm)] }).length > 0;
      return fail(imm !== undefined && (onImm || partOf), 'VIS date not on its dose');
    },
  },
  {
    rule: '[wrong-data] Negative: no dose-level OBX is attached to the other dose',
    ig: '[IG VXU_V04 OBSERVATION group]',
    on: ['vxu'],
    check: (b) => {
      const [d1, d2] = [the(b, 'Immunization', { vaccineCode: code('08') }), the(b, 'Immunization', { vaccineCode: code('03') })];
      if (d1 === undefined || d2 === undefined) return ['doses missing'];
      const wrong = [
        JSON.stringify(d1.resource?.programEligibility ?? []).includes('V01'),
        JSON.stringify(d2.resource?.programEligibility ?? []).includes('V02'),
        d2.resource?.education !== undefined,
        find(b, 'Observation', { valueCodeableConcept: code('V02'), partOf: [refTo(d2)] }).length > 0,
        find(b, 'Observation', { valueCodeableConcept: code('V01'), partOf: [refTo(d1)] }).length > 0,
        find(b, 'Observation', { ...obs('29769-7'), partOf: [refTo(d2)] }).length > 0,
      ];
      return fail(!wrong.includes(true), `cross-attached ${JSON.stringify(wrong)}`);
    },
  },
  {
    rule: '[lost-data] IG RXA[Immunization] RXA-6/RXA-7 CWE[Quantity] -> doseQuantity 0.5 mL, system UCUM, code mL',
    ig: '[IG RXA[Immunization] RXA-6, RXA-7]',
    on: ['vxu'],
    check: (b) => some(b, 'Immunization', { vaccineCode: code('08'), doseQuantity: { value: 0.5, system: UCUM, code: 'mL' } }),
  },
  {
    rule: '[lost-data] IG RXA[Immunization] RXA-17 -> manufacturer(Organization) via CWE[Organization]: the MVX code is kept (Organization identifier/code)',
    ig: '[IG RXA[Immunization] RXA-17; CWE[Organization]]',
    on: ['vxu'],
    check: (b) => {
      const m = immunization(b, '08')?.manufacturer;
      return fail(JSON.stringify(m ?? {}).includes('"MSD"') || JSON.stringify(resolve(b, m)?.resource?.identifier ?? []).includes('"MSD"'), 'MVX code lost');
    },
  },
  {
    rule: '[wrong-data] IG RXA[Immunization] RXA-10 -> performer.actor with function v2-0443 AP',
    ig: '[IG RXA[Immunization] RXA-10]',
    on: ['vxu'],
    check: (b) =>
      some(b, 'Immunization', {
        vaccineCode: code('08'),
        performer: [{ function: code('AP', 'http://terminology.hl7.org/CodeSystem/v2-0443'), actor: refTo(the(b, 'Practitioner', { identifier: [{ value: '9001' }] })) }],
      }),
  },
  {
    rule: '[lost-data] Common practice (CDC IIS IG, NIP001): RXA-9 01 historical -> primarySource false / reportOrigin; 00 new record -> primarySource true',
    ig: '[CDC IIS IG RXA-9 NIP001]',
    on: ['vxu'],
    check: (b) => [
      ...fail(immunization(b, '08')?.primarySource === true, 'new record not primarySource'),
      ...fail(immunization(b, '03')?.primarySource === false || immunization(b, '03')?.reportOrigin !== undefined, 'historical not marked'),
    ],
  },
  {
    rule: '[wrong-data] CDC IIS IG: RXA-6 999 = unknown amount -> no doseQuantity 999',
    ig: '[CDC IIS IG RXA-6 999]',
    on: ['vxu', 'vxuRefused'],
    check: (...bs) => bs.flatMap((b) => none(b, 'Immunization', { doseQuantity: { value: 999 } })),
  },
  {
    rule: '[wrong-data] IG RXA-3 -> occurrenceDateTime; a date-only RXA-3 stays that date',
    ig: '[IG RXA[Immunization] RXA-3; DTM[dateTime]]',
    on: ['vxu'],
    check: (b) => some(b, 'Immunization', { vaccineCode: code('03'), occurrenceDateTime: '2023-01-15' }),
  },
  {
    rule: '[wrong-data] IG RXA-20 via CompletionStatus: RE -> not-done; RXA-18 -> statusReason',
    ig: '[IG RXA[Immunization] RXA-18, RXA-20; ConceptMap CompletionStatus RE]',
    on: ['vxuRefused'],
    check: (b) => some(b, 'Immunization', { status: 'not-done', statusReason: code('00') }),
  },
  // ---- MDM
  {
    rule: '[wrong-data] IG MDM_T02 10.1: every OBX -> content of DocumentReference[1] (the TXA document); no second document',
    ig: '[IG MDM_T02 OBX -> DocumentReference[1].content]',
    on: ['mdm'],
    check: (b) => [...exactly(b, 'DocumentReference', 1), ...fail(((doc(b)?.content as Json[] | undefined) ?? []).length >= 2, 'an OBX is not content')],
  },
  {
    rule: '[wrong-data] IG MDM_T02 10.1 + ED[Attachment]: the ED PDF is content of the TXA DocumentReference (application/pdf)',
    ig: '[IG MDM_T02; ED[Attachment]]',
    on: ['mdm'],
    check: (b) => some(b, 'DocumentReference', { masterIdentifier: { value: 'DOC300' }, content: [{ attachment: { contentType: 'application/pdf', data: 'JVBERi0xLjQK' } }] }),
  },
  {
    rule: '[wrong-data] IG TXA[DocumentReference] TXA-12 -> masterIdentifier',
    ig: '[IG TXA[DocumentReference] TXA-12]',
    on: ['mdm'],
    check: (b) => some(b, 'DocumentReference', { masterIdentifier: { value: 'DOC300' } }),
  },
  {
    rule: '[wrong-data] IG TXA-17 AU -> docStatus final; TXA-19 AV -> status current',
    ig: '[IG TXA[DocumentReference] TXA-17, TXA-19; ConceptMap DocumentCompletionStatus, DocumentAvailabilityStatus]',
    on: ['mdm'],
    check: (b) => some(b, 'DocumentReference', { docStatus: 'final', status: 'current' }),
  },
  {
    rule: '[lost-data] IG MDM_T02 10.1: TX OBX -> content attachment (text) of the document',
    ig: '[IG MDM_T02 OBX -> DocumentReference.content; OBX[DocumentReference]]',
    on: ['mdm'],
    check: (b) => fail(attachments({ entry: doc(b)?.content }).some((a) => decoded(a).includes('Patient discharged home.')), 'text content lost'),
  },
  {
    rule: '[lost-data] IG TXA-2 -> type (CWE[CodeableConcept])',
    ig: '[IG TXA[DocumentReference] TXA-2]',
    on: ['mdm'],
    check: (b) => some(b, 'DocumentReference', { type: code('DS') }),
  },
  {
    rule: "[wrong-data] IG TXA[DocumentReference] TXA-12 -> masterIdentifier (the replacement's own number)",
    ig: '[IG TXA[DocumentReference] TXA-12]',
    on: ['mdmT10'],
    check: (b) => some(b, 'DocumentReference', { masterIdentifier: { value: 'DOC201' } }),
  },
  {
    rule: '[wrong-data] Negative: the parent number (TXA-13) does not identify the new document (a search for the parent would return the child)',
    ig: '[IG TXA[DocumentReference] TXA-13]',
    on: ['mdmT10'],
    check: (b) => fail(doc(b) !== undefined && !docIds(doc(b)).includes('DOC200'), `document identified by ${JSON.stringify(docIds(doc(b)))}`),
  },
  {
    rule: '[lost-data] Common practice (MDM T10 = replacement): TXA-13 -> relatesTo {code replaces, target = parent document}',
    ig: '[IG TXA[DocumentReference] TXA-13 -> relatesTo]',
    on: ['mdmT10'],
    check: (b) => {
      const rel = ((doc(b)?.relatesTo as Json[] | undefined) ?? []).filter((r) => r.code === 'replaces');
      return fail(rel.some((r) => JSON.stringify(r.target).includes('DOC200') || JSON.stringify(resolve(b, r.target)?.resource ?? {}).includes('DOC200')), 'no relatesTo replaces DOC200');
    },
  },
  {
    rule: "[wrong-data] Negative: the placer order number (TXA-14) is the order's identifier, not the document's (belongs in basedOn/context.related)",
    ig: '[IG TXA[DocumentReference] TXA-14]',
    on: ['mdmT10'],
    check: (b) => fail(doc(b) !== undefined && !docIds(doc(b)).includes('ORD55'), `document identified by ${JSON.stringify(docIds(doc(b)))}`),
  },
  // ---- SIU
  {
    rule: '[wrong-data] v2.6+: SCH-11 is retained for backward compatibility only; TQ1-7 (and AIS-4) give the start -> Appointment.start',
    ig: '[v2.6 SCH-11 deprecated; IG TQ1 -> Appointment.start]',
    on: ['siu'],
    check: (b) => some(b, 'Appointment', { start: instant('2024-04-10T14:00:00Z') }),
  },
  {
    rule: '[wrong-data] v2.6+: TQ1-8 -> Appointment.end',
    ig: '[v2.6 TQ1-8; IG TQ1 -> Appointment.end]',
    on: ['siu'],
    check: (b) => some(b, 'Appointment', { end: instant('2024-04-10T14:30:00Z') }),
  },
  {
    rule: '[wrong-data] IG SCH[Appointment] SCH-25 via FillerStatusCodes[Appointment]: Booked -> booked',
    ig: '[IG SCH[Appointment] SCH-25; ConceptMap FillerStatusCodes[Appointment] Booked]',
    on: ['siu'],
    check: (b) => some(b, 'Appointment', { status: 'booked' }),
  },
  {
    rule: '[lost-data] IG SIU_S12 4.1 PID[Appointment]: participant.actor = the Patient',
    ig: '[IG SIU_S12 PID -> Appointment.participant.actor]',
    on: ['siu'],
    check: (b) => some(b, 'Appointment', { participant: [{ actor: refTo(the(b, 'Patient')) }] }),
  },
  {
    rule: '[wrong-data] IG SCH[Appointment] SCH-11 via TQ[Appointment]: TQ.4 -> start, TQ.5 -> end',
    ig: '[IG SCH[Appointment] SCH-11; TQ[Appointment] TQ.4, TQ.5]',
    on: ['siuSch11'],
    check: (b) => some(b, 'Appointment', { start: instant('2024-04-11T12:00:00Z'), end: instant('2024-04-11T12:30:00Z') }),
  },
  {
    rule: '[wrong-data] v2.6+: TQ1-7 beats the deprecated SCH-11 for Appointment.start',
    ig: '[v2.6 SCH-11 deprecated]',
    on: ['siu'],
    check: (b) => [...exactly(b, 'Appointment', 1), ...none(b, 'Appointment', { start: instant('2024-04-10T12:00:00Z') })],
  },
  // ---- charset
  {
    rule: '[wrong-data] MSH-18 8859/1: bytes decoded as ISO-8859-1 (Müller, Straße, Köln)',
    ig: '[v2 MSH-18 8859/1; IG PID[Patient] PID-5, PID-11]',
    on: ['latin1'],
    check: (b) => some(b, 'Patient', { name: [{ family: 'Müller', given: ['Jörg'] }], address: [{ line: ['Straße 5'], city: 'Köln' }] }),
  },
  {
    rule: '[wrong-data] v2 escape sequences \\T\\ \\F\\ \\S\\ \\R\\ \\E\\ -> & | ^ ~ \\',
    ig: '[v2 2.7 escape sequences]',
    on: ['escapes'],
    check: (b) => some(b, 'Observation', { valueString: 'A & B | C ^ D ~ E \\ F' }),
  },
];
