/**
 * Shared resources many segments point at: Practitioner (XCN), Organization (XON/HD) and
 * Location (PL). Same identifier (or same name when there is none) → same resource.
 */
import type { Repetition } from '../hl7/message.js';
import { type Conversion, set } from './context.js';
import { codeFromTable, firstCoding } from './datatypes/coding.js';
import { authorityKey, authoritySystem, checkDigit, hdSystem, typeSystem } from './datatypes/identifier.js';
import { nameIdentity, nameText, xcnName } from './datatypes/name.js';
import { componentHd, reportUnnamedExtension, unnamedExtension } from './datatypes/unnamed-extension.js';
import { list, val } from './datatypes/primitive.js';
import { codingSystemUri } from './vocabulary/coding-systems.js';
import type { Json, Reference, Resource } from './types.js';

/** A Practitioner built from one XCN, before it is added: the resource, its identity key, its name. */
interface PractitionerDraft {
  resource: Json;
  key: string | Json;
  name: Json | undefined;
  identifier: Json | undefined;
}

function practitionerDraft(cx: Conversion, rep: Repetition | undefined): PractitionerDraft | undefined {
  if (rep === undefined) return undefined;
  // what the name leaves out (an XCN.18 that is no table 0444 code) is reported at the field the
  // XCN came from, not only at its segment (cx.reportFor)
  const name = xcnName(rep, { timezone: cx.timezone, namespaceMap: cx.namespaceMap, assigner: cx.assigner, invalidDate: cx.invalidDate, leftOutValue: cx.reportFor(rep), extensions: cx.extensions });
  const idValue = val(rep, 1);
  if (name === undefined && idValue === undefined) return undefined;
  let identifier: Json | undefined;
  if (idValue !== undefined) {
    identifier = {};
    // [IG XCN[Practitioner] XCN.13 → identifier.type.coding.code via IdentifierType] as CX.5:
    // v2-0203 only on a table 0203 code; another value keeps no system and is reported
    const type = codeFromTable(val(rep, 13), '0203', 'IdentifierType', (why) => cx.reportFor(rep)(`XCN.13 (identifier type): ${why}`));
    if (type !== undefined) identifier.type = type;
    // [IG XCN[Practitioner] #9 system, #13 type] NPI's system only beside no XCN.9 or an NPI issuer (R40-W1)
    const system = hdSystem(rep, 9, cx) ?? typeSystem(val(rep, 13), val(rep, 9, 1) ?? val(rep, 9, 2));
    if (system !== undefined) identifier.system = system;
    identifier.value = idValue;
    // an NPI-typed number's XCN.9 universal id without a namespace id (`&372526&L^L^^^NPI`, the IG's own test
    // messages): the type no longer gives it a system (R40-W1), so that authority is kept as the assigner, as CX.4's
    // is, and the number is not made bare; other XCNs keep the namespace-id-only rule (their identity unchanged)
    const typed = typeSystem(val(rep, 13), undefined) !== undefined;
    const ns = val(rep, 9, 1) ?? (typed ? val(rep, 9, 2) : undefined);
    if (system === undefined && ns !== undefined) identifier.assigner = { display: ns };
    // [IG XCN[Practitioner] XCN.11 → identifier.extension identifier-checkDigit] (identifier.ts checkDigit)
    const digits = checkDigit(rep, 11, 12, 'XCN', cx.extensions, cx.reportFor(rep));
    if (digits.length > 0) identifier.extension = digits;
  }
  // [IG XCN[Practitioner] XCN.14 → identifier.extension??-assigningFacility, Reference(Location)
  // via HD[Location]] hig's v2-assigningFacility on the identifier (unnamed-extension.ts)
  identifierExtension(cx, rep, identifier, 14, 'XCN.14 (assigning facility)', 'assigningFacility', 'XCN.1');
  // [hig identity, as for Organization] a bare number (no XCN.9, no type system) is unique only
  // within its sender: number + name, so two senders' doctor "1234" are never one Practitioner
  const key = identifier === undefined ? nameKey(name) : authorityKey(identifier) !== '' ? identifier : JSON.stringify(['local-id', identifier.value, nameIdentity(name) ?? {}]);
  const resource: Json = { resourceType: 'Practitioner', identifier: list(identifier), name: list(name) };
  // [IG XCN[Practitioner] #7 → qualification.code via DegreeLicenseCertificate (IS[CodeableConcept])]
  // the degree (`MD`) is a qualification too, not only a name suffix (review 15, R15-L5); never
  // part of the identity (the key above is taken without it)
  const degree = codeFromTable(val(rep, 7), '0360', 'DegreeLicenseCertificate', (why) => cx.reportFor(rep)(`XCN.7 (degree): ${why}`));
  if (degree !== undefined) resource.qualification = [{ code: degree }];
  return { resource, key, name, identifier };
}

function addPractitioner(cx: Conversion, draft: PractitionerDraft): Reference {
  const added = cx.add(draft.resource as Resource, draft.key);
  const identifiers = (draft.resource.identifier as Json[] | undefined) ?? [];
  if (identifiers.length > 1) withIdentifiers(added, identifiers);
  return cx.ref(added, nameText(draft.name));
}

/** One identifier's system and value: what makes two of one person's identifiers one. */
function identifierKeyOf(identifier: Json): string {
  return JSON.stringify([identifier.system, identifier.value]);
}

/**
 * [hig, code review 25 CR25-3; v2.5.1 PV1-7/-8/-17: several identifiers of one physician] The
 * identifiers of one person's repetitions (onePerson), each once, on the Practitioner `added` under
 * the person's key. When another field of the message added that key first (PV1-7 or PD1-4 naming
 * the NPI alone), Conversion.add keeps its `identifier` (first value wins per element) and the alias
 * (the site's own provider id, what local systems search by) was dropped without a report line.
 * Added after those the Practitioner holds; on a new Practitioner they are its own list (no change).
 */
function withIdentifiers(added: Resource, identifiers: readonly Json[]): void {
  const held = (added.identifier as Json[] | undefined) ?? [];
  if (held === identifiers) return;
  const seen = new Set(held.map(identifierKeyOf));
  const missing = identifiers.filter((i) => !seen.has(identifierKeyOf(i)));
  if (missing.length > 0) added.identifier = [...held, ...missing];
}

/**
 * The id the Practitioner of an XCN has, without adding it to the Bundle: what a removed participation (ROL-2 DE)
 * names at the FHIR destination (transform/dropped-participant.ts), where a resource made for it would be written.
 */
export function practitionerId(cx: Conversion, rep: Repetition | undefined): string | undefined {
  const draft = practitionerDraft(cx, rep);
  return draft === undefined ? undefined : cx.idOf('Practitioner', draft.key);
}

/** XCN → Practitioner reference (IG: XCN[Practitioner]). */
export function practitioner(cx: Conversion, rep: Repetition | undefined): Reference | undefined {
  const draft = practitionerDraft(cx, rep);
  return draft === undefined ? undefined : addPractitioner(cx, draft);
}

const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';

/** An NPI names a US clinician nationally: the identity to prefer among one person's identifiers. */
function isNpi(identifier: Json | undefined): boolean {
  if (identifier === undefined) return false;
  const coding = (identifier.type as { coding?: Json[] } | undefined)?.coding?.[0];
  return identifier.system === NPI_SYSTEM || coding?.code === 'NPI';
}

/**
 * The repetitions of an XCN field that names ONE person under several names and identifiers
 * (v2.5.1 PV1-7, PV1-8, PV1-17: "Multiple names and identifiers for the same physician may be
 * sent. The field sequences are not used to indicate multiple … doctors"). Repetitions with the
 * first one's name, or with no name, are that person: one Practitioner with every identifier,
 * identified by its NPI when one is sent, else by the first repetition (as a lone XCN is). A
 * repetition with another name is another person, as the sender wrote it (review 25, R25-N2).
 */
export function practitionerOfReps(cx: Conversion, reps: readonly Repetition[]): Reference[] {
  const drafts = reps.map((r) => practitionerDraft(cx, r)).filter((d): d is PractitionerDraft => d !== undefined);
  const first = drafts[0];
  if (first === undefined) return [];
  const who = JSON.stringify(nameIdentity(first.name) ?? null);
  const same = drafts.filter((d) => d === first || d.name === undefined || JSON.stringify(nameIdentity(d.name)) === who);
  const others = drafts.filter((d) => !same.includes(d));
  return [addPractitioner(cx, onePerson(same)), ...others.map((d) => addPractitioner(cx, d))];
}

/** One Practitioner of several drafts of one person: identifiers (each once) and qualifications together. */
function onePerson(drafts: PractitionerDraft[]): PractitionerDraft {
  const first = drafts[0] as PractitionerDraft;
  if (drafts.length === 1) return first;
  const identity = drafts.find((d) => isNpi(d.identifier)) ?? first;
  const identifiers: Json[] = [];
  const seen = new Set<string>();
  for (const d of drafts) {
    if (d.identifier === undefined) continue;
    const k = identifierKeyOf(d.identifier);
    if (!seen.has(k)) identifiers.push(d.identifier);
    seen.add(k);
  }
  const qualifications = drafts.flatMap((d) => (d.resource.qualification as Json[] | undefined) ?? []);
  const uniqueQualifications = qualifications.filter((q, i) => qualifications.findIndex((o) => JSON.stringify(o) === JSON.stringify(q)) === i);
  const named = drafts.find((d) => d.name !== undefined) ?? first;
  const resource: Json = { resourceType: 'Practitioner', identifier: identifiers, name: named.resource.name };
  if (uniqueQualifications.length > 0) resource.qualification = uniqueQualifications;
  return { resource, key: identity.key, name: named.name, identifier: identity.identifier };
}

/**
 * [IG XCN[Practitioner] XCN.14, XON[Organization] XON.8: identifier.extension??-…, Reference(Location)
 * via HD[Location]] component `c` of `rep` (an HD) as hig's `v2-${name}` extension on `identifier`,
 * the facility a Location (locationFromHd). Put on the identifier after the resource's identity is
 * taken from it (system and value only), so it never changes an id. Without an identifier there is
 * no place for it: reported; with unnamedExtensions 'report', reported as before issue 14.
 */
function identifierExtension(cx: Conversion, rep: Repetition | undefined, identifier: Json | undefined, c: number, component: string, name: string, idComponents: string): void {
  const hd = componentHd(rep, c);
  if (rep === undefined || hd === undefined) return;
  if (cx.extensions.mode === 'report') {
    reportUnnamedExtension(rep, c, component, name, cx.reportFor(rep));
    return;
  }
  if (identifier === undefined) {
    cx.reportFor(rep)(`${component}: no identifier (${idComponents}) to carry the IG row's identifier extension`);
    return;
  }
  const ext = unnamedExtension(cx.extensions, name, 'valueReference', () => locationFromHd(cx, hd), cx.reportFor(rep), component, 'an assigning facility without a namespace id or universal id (HD.1/HD.2)');
  if (ext !== undefined) identifier.extension = [ext, ...((identifier.extension as Json[] | undefined) ?? [])];
}

/**
 * HD → facility Location, as the IG's HD[Location] (name HD.1, physicalType si; HD.2 an
 * identifier when HD.3 is ISO or UUID) and keyed as PL.4's facility level is (location below:
 * `si:<HD.1, else HD.2>`), so a facility named by XCN.14 and by a PL.4 is one Location. Its
 * identifier[1] is the name, as PL's levels have (hig).
 */
export function locationFromHd(cx: Conversion, hd: Repetition | undefined): Reference | undefined {
  const ns = val(hd, 1);
  const universal = val(hd, 2);
  const name = ns ?? universal;
  if (name === undefined) return undefined;
  const identifiers: Json[] = [{ value: name }];
  const kind = val(hd, 3)?.toUpperCase();
  if (ns !== undefined && universal !== undefined && (kind === 'ISO' || kind === 'UUID')) identifiers.push({ value: universal });
  const loc: Json = { resourceType: 'Location', identifier: identifiers, name, mode: 'instance' };
  loc.physicalType = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'si' }] };
  return cx.ref(cx.add(loc as Resource, JSON.stringify([`si:${name}`])), name);
}

function nameKey(name: Json | undefined): string {
  // without FN.2–5's extensions: the key a name had before review 14 (name.ts nameIdentity)
  return JSON.stringify(nameIdentity(name) ?? {});
}

/**
 * [IG XON[Organization] #10, else #3 → identifier.value] the Organization's identifier with its
 * type (XON.7), system or assigner (XON.6) and check digit (XON.4/XON.5); without XON.10/XON.3 none,
 * and a valued XON.4/5/7 is reported (nothing to carry it). XON.8 is added by the caller.
 */
function xonIdentifier(cx: Conversion, rep: Repetition | undefined): Json | undefined {
  if (rep === undefined) return undefined;
  const idValue = val(rep, 10) ?? val(rep, 3);
  if (idValue !== undefined) {
    const identifier: Json = {};
    // [IG XON[Organization] #7 → identifier.type.coding.code via IdentifierType, system v2-0203] as
    // CX.5: v2-0203 only on a table 0203 code (`XX`, the CLIA number of an ELR OBX-23), another value
    // keeps no system and is reported; never part of the identity (system and value only). Until
    // review 16 (R16-L2) XON.7 was read past without a line
    const type = codeFromTable(val(rep, 7), '0203', 'IdentifierType', (why) => cx.reportFor(rep)(`XON.7 (identifier type code): ${why}`));
    if (type !== undefined) identifier.type = type;
    const system = hdSystem(rep, 6, cx);
    if (system !== undefined) identifier.system = system;
    identifier.value = idValue;
    // [IG XON[Organization] XON.6 → identifier.assigner] an authority with no system (a bare
    // namespace id) still says whose number it is: kept, and part of the identity (authorityKey)
    const ns = val(rep, 6, 1);
    if (system === undefined && ns !== undefined) identifier.assigner = { display: ns };
    // [IG XON[Organization] #4 → identifier[1].extension identifier-checkDigit, #5 →
    // namingsystem-checkDigit] as CX.2/CX.3 (identifier.ts checkDigit: the scheme as hig's
    // v2-checkDigitScheme, or reported); read past without a line until review 16
    const digits = checkDigit(rep, 4, 5, 'XON', cx.extensions, cx.reportFor(rep));
    if (digits.length > 0) identifier.extension = digits;
    return identifier;
  }
  // no XON.10/XON.3: no identifier to carry the type or check digit
  for (const [c, what] of [[4, 'identifier check digit'], [5, 'check digit scheme'], [7, 'identifier type code']] as const) {
    if (val(rep, c) !== undefined) cx.reportFor(rep)(`XON.${c} (${what}) without an identifier (XON.10 or XON.3)`);
  }
  return undefined;
}

/**
 * XON → Organization reference (IG: XON[Organization]). `more` are identifiers another field
 * gives the same organization (IN1-10 for the IN1-11 employer); the first identifier names it.
 */
export function organization(cx: Conversion, rep: Repetition | undefined, more: readonly Json[] = []): Reference | undefined {
  const name = val(rep, 1);
  if (name === undefined && val(rep, 10) === undefined && val(rep, 3) === undefined && more.length === 0) return undefined;
  const identifier = xonIdentifier(cx, rep);
  // [IG XON[Organization] XON.2 → extension??-nameType, Coding via CWE[Coding], OrganizationalNameType]
  // hig's v2-nameType on the Organization (unnamed-extension.ts): a bare code (IS before v2.7) of
  // table 0204 gets its v2-0204 system through the row's code map (review 11 re-read: `L` lost it)
  const nameType = componentHd(rep, 2);
  const nameTypeExt =
    rep === undefined || nameType === undefined
      ? undefined
      : unnamedExtension(cx.extensions, 'nameType', 'valueCoding', () => firstCoding(nameType, 'OrganizationalNameType'), cx.reportFor(rep), 'XON.2 (organization name type)', 'a name type without a code');
  // [IG XON[Organization] XON.8 → identifier.extension??-location, Reference(Location) via
  // HD[Location]] hig's v2-location on the identifier XON.10/XON.3 makes
  identifierExtension(cx, rep, identifier, 8, 'XON.8 (assigning facility)', 'location', 'XON.10 or XON.3');
  const identifiers = identifier === undefined ? [...more] : [identifier, ...more];
  const made: Resource = { resourceType: 'Organization', identifier: identifiers.length > 0 ? identifiers : undefined, name };
  if (nameTypeExt !== undefined) made.extension = [nameTypeExt];
  const org = cx.add(made, organizationKey(identifiers[0], name));
  return cx.ref(org, name);
}

/**
 * The identity of an Organization (docs/mapping.md "Resource identity"): its identifier when the
 * identifier says whose number it is (a system, or an assigner's namespace); a bare number
 * (XON.3/XON.10 without XON.6, a CWE code without CWE.3) is only unique within its sender, so it
 * is the number *and the name*: the IG's own ORU_R01 and ORM_O01 write ORC-21 as an HD
 * (`OrdFac^2.3.4.4^ISO`: XON.3 = "ISO"), and two different organisations, OrdFac and SndApp, were
 * PUT at one URL. Without any identifier, the name.
 */
export function organizationKey(identifier: Json | undefined, name: string | undefined): Json | string | undefined {
  if (identifier === undefined) return name;
  if (authorityKey(identifier) !== '') return identifier;
  return JSON.stringify(['local-id', name ?? '', identifier.value ?? '']);
}

/**
 * CWE → Organization (IG CWE[Organization]): identifier CWE.1 in system CWE.3, name CWE.2 (else
 * CWE.9), e.g. an MVX manufacturer code. Same code → same Organization.
 */
export function organizationFromCwe(cx: Conversion, rep: Repetition | undefined): Reference | undefined {
  const code = val(rep, 1);
  const name = val(rep, 2) ?? val(rep, 9);
  if (code === undefined && name === undefined) return undefined;
  let identifier: Json | undefined;
  if (code !== undefined) {
    identifier = {};
    const system = codingSystemUri(val(rep, 3));
    if (system !== undefined) identifier.system = system;
    identifier.value = code;
  }
  const org = cx.add({ resourceType: 'Organization', identifier: list(identifier), name }, organizationKey(identifier, name));
  return cx.ref(org, name);
}

/**
 * CWE → Device (IG CWE[Device], read as an instance identifier): identifier[1] CWE.1 in system
 * CWE.3, identifier[2] CWE.4 in CWE.6; deviceName CWE.2, CWE.5, CWE.9 (type user-friendly-name,
 * the IG leaves the type to the implementer). Its identity is its first identifier as an
 * organization's is (organizationKey: a bare code is the code and the name).
 */
export function deviceFromCwe(cx: Conversion, rep: Repetition | undefined): Reference | undefined {
  const identifiers: Json[] = [];
  for (const [c, s] of [[1, 3], [4, 6]] as const) {
    const value = val(rep, c);
    if (value === undefined) continue;
    const system = codingSystemUri(val(rep, s));
    identifiers.push(system === undefined ? { value } : { system, value });
  }
  const names = [val(rep, 2), val(rep, 5), val(rep, 9)].filter((n): n is string => n !== undefined);
  if (identifiers.length === 0 && names.length === 0) return undefined;
  const device: Json = { resourceType: 'Device' };
  if (identifiers.length > 0) device.identifier = identifiers;
  if (names.length > 0) device.deviceName = names.map((name) => ({ name, type: 'user-friendly-name' }));
  return cx.ref(cx.add(device as Resource, organizationKey(identifiers[0], names[0])), names[0]);
}

/**
 * HD → Organization (sending/receiving facility, assigning authority), as the IG's
 * HD[Organization]: identifier 1 = the namespace id, identifier 2 = the universal id (typed by
 * UniversalIDType; as a URI for ISO/UUID/URI types).
 */
export function organizationFromHd(cx: Conversion, rep: Repetition | undefined): Reference | undefined {
  const ns = val(rep, 1);
  const universal = val(rep, 2);
  const kind = val(rep, 3);
  if (ns === undefined && universal === undefined) return undefined;
  const identifiers: Json[] = [];
  if (ns !== undefined) identifiers.push({ value: ns });
  if (universal !== undefined) {
    const id: Json = {};
    // [IG HD[Organization] HD.3 → identifier[2].type via UniversalIDType]: v2-0301 only on a table code
    const type = codeFromTable(kind, '0301', 'UniversalIDType', (why) => cx.leftOutValue(`HD.3 (universal id type): ${why}`));
    if (type !== undefined) id.type = type;
    const uri = authoritySystem(undefined, universal, kind, cx);
    if (uri !== undefined) id.system = 'urn:ietf:rfc:3986';
    id.value = uri ?? universal;
    identifiers.push(id);
  }
  const key = identifiers[identifiers.length - 1];
  const org = cx.add({ resourceType: 'Organization', identifier: identifiers, name: ns }, key);
  return cx.ref(org, ns ?? universal);
}

/**
 * PL → a chain of Locations, as the IG's PL[Location]: bed partOf room partOf floor partOf point
 * of care partOf building partOf facility (levels that are not valued are skipped). Each level has
 * its component as identifier and name, a physicalType and mode "instance"; the id is keyed on the
 * whole path, so room 101 of ward W1 and room 101 of ward W2 stay different. Returns the most
 * specific level; PL-9 describes it and PL-10 (comprehensive id) identifies it too.
 */
const PL_LEVELS: readonly [component: number, physicalType: string][] = [
  [4, 'si'], // facility
  [7, 'bu'], // building
  [1, 'wa'], // point of care (ward, clinic…)
  [8, 'lvl'], // floor
  [2, 'ro'], // room
  [3, 'bd'], // bed
];

/**
 * [hig identity] The path a PL's Location is keyed by: the facility of a place is PL.4 (HD.1, else HD.2), else the
 * sending facility MSH-4 (HD.1, else HD.2): the path starts with it either way, so `3N^301^1` from GH and
 * `3N^301^1^GH` are one bed. Only a PL.4 the sender wrote makes the facility Location itself (the IG's PL.4 row); the
 * sending facility is identity, not a Location made up from MSH-4.
 */
function placeStart(cx: Conversion, rep: Repetition | undefined): string[] {
  const facility = val(rep, 4, 1) ?? val(rep, 4, 2);
  const sender = facility === undefined ? cx.sendingFacility : undefined;
  return sender === undefined ? [] : [`si:${sender}`];
}

/**
 * `Location/<id>` of the place a PL names (the id location() gives its most specific level), without making it: a
 * cancel's place that is no location of the visit (pv1.ts), which the FHIR destination leaves out of the held ones.
 */
export function locationId(cx: Conversion, rep: Repetition | undefined): string | undefined {
  const path = placeStart(cx, rep);
  const start = path.length;
  for (const [component, physicalType] of PL_LEVELS) {
    const name = val(rep, component, 1) ?? val(rep, component, 2);
    if (name !== undefined) path.push(`${physicalType}:${name}`);
  }
  const description = val(rep, 9);
  const key = path.length > start ? path : description === undefined ? undefined : [...path, 'description', description];
  const id = key === undefined ? undefined : cx.idOf('Location', JSON.stringify(key));
  return id === undefined ? undefined : `Location/${id}`;
}

export function location(cx: Conversion, rep: Repetition | undefined): Reference | undefined {
  const path = placeStart(cx, rep);
  let parent: Reference | undefined;
  let leaf: Resource | undefined;
  // [IG PL[Location] #11 → identifier[1].assigner (HD[Organization])] PL.11, the assigning
  // authority for the location, on each level's identifier; never part of the identity (the path
  // is). Until review 15 (R15-L3) it vanished without a line
  const authority = val(rep, 11, 1) ?? val(rep, 11, 2);
  const assigner = authority === undefined ? undefined : cx.assigner((rep?.[10] ?? []).map((sub) => [sub]));
  for (const [component, physicalType] of PL_LEVELS) {
    const name = val(rep, component, 1) ?? val(rep, component, 2);
    if (name === undefined) continue;
    path.push(`${physicalType}:${name}`);
    const loc: Json = { resourceType: 'Location', identifier: [assigner === undefined ? { value: name } : { value: name, assigner }], name, mode: 'instance' };
    loc.physicalType = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: physicalType }] };
    if (parent !== undefined) loc.partOf = parent;
    leaf = cx.add(loc as Resource, JSON.stringify(path));
    parent = cx.ref(leaf, name);
  }
  const description = val(rep, 9);
  if (leaf === undefined) {
    if (description === undefined) return undefined;
    leaf = cx.add({ resourceType: 'Location', name: description, mode: 'instance' }, JSON.stringify([...path, 'description', description]));
  } else set(leaf, 'description', description);
  const comprehensive = val(rep, 10);
  if (comprehensive !== undefined && Array.isArray(leaf.identifier) && !leaf.identifier.some((i) => (i as Json).value === comprehensive)) {
    leaf.identifier.push({ value: comprehensive });
  }
  return cx.ref(leaf, typeof leaf.name === 'string' ? leaf.name : undefined);
}
