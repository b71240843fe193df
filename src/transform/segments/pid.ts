/** PID (+ PD1) → Patient (IG: PID[Patient], PD1[Patient]). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { xadAddress } from '../datatypes/address.js';
import { codeableConcept, tableConcept } from '../datatypes/coding.js';
import { cxIdentifier, dlnIdentifier, ssnIdentifier } from '../datatypes/identifier.js';
import { readsUsStates } from '../datatypes/licence-issuer.js';
import { xpnNameList } from '../datatypes/name.js';
import { integer, val } from '../datatypes/primitive.js';
import { INDIGENOUS_STATUS, NZ_ETHNICITY, US_CORE, ethnicityExtension, indigenousStatusExtension, localCodes, nzEthnicityExtensions, raceExtension } from '../datatypes/race-ethnicity.js';
import { xtnContactPoint } from '../datatypes/telecom.js';
import { toDateTime } from '../datatypes/time.js';
import { unnamedExtensionUrl } from '../datatypes/unnamed-extension.js';
import { HL7_NULL } from '../../hl7/message.js';
import { organization, organizationFromHd, practitioner } from '../entities.js';
import { motherKey, motherSearch, patientFactsKey, patientKey, patientNumberSearch } from '../identity.js';
import type { Json, Resource } from '../types.js';
import { mapLivingWill } from './living-will.js';
import { administrativeGender } from './coded.js';
import { labelConfidentiality } from './security-label.js';
import type { Scope } from './scope.js';

const EXT = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * [IG PID[Patient] #10, #22: "use the local extension"; hig unnamed-extension rule; R62-L1] PID-10 / PID-22
 * repetitions coded in a code set no national extension names (race-ethnicity.ts localCodes) → hig's `v2-race` /
 * `v2-ethnicGroup`, valueCodeableConcept, one per repetition, under the channel's extensionBase; with
 * `unnamedExtensions: report` one line per repetition instead (never the value).
 */
function localCodeExtensions(seg: SegmentReader, field: 10 | 22, name: 'race' | 'ethnicGroup', cx: Conversion): Json[] {
  const codes = localCodes(seg.reps(field), name, (i, what) => cx.leftOut(seg, `${field} repetition ${i}`, what));
  if (cx.extensions.mode === 'report') {
    for (const c of codes) cx.leftOut(seg, `${field} repetition ${c.repetition}`, `a code of another code set than US Core's: the IG row asks for a local extension (hig's v2-${name}, not emitted on this channel)`);
    return [];
  }
  return codes.map((c) => ({ url: unnamedExtensionUrl(name, cx.extensions.base), valueCodeableConcept: c.concept }));
}

/**
 * [IG PID[Patient] #6 → extension patient-mothersMaidenName via XPN[string]: XPN.1 → the string; XPN.2–XPN.15 no
 * target; review 60 R60-N1] The mother's maiden family name (PID-6.1, its first repetition: the extension is one
 * string). What the row leaves out is reported, never dropped silently (docs/mapping.md "Report"): each other valued
 * component (the mother's given name XPN.2, the Brazilian registration's; XPN.3 …), and each further repetition. XPN.7
 * `M` (maiden name) is what the extension says: no line.
 */
function mothersMaidenName(seg: SegmentReader, cx: Conversion): string | undefined {
  const [first, ...more] = seg.reps(6);
  // FN.2–FN.5 (surname prefix, own surname…): the string is FN.1, the surname as sent
  for (let s = 2; s <= (first?.[0]?.length ?? 0); s++) if (val(first, 1, s) !== undefined) cx.leftOut(seg, `6.1.${s}`, "a part of the mother's maiden family name other than its surname (FN.1)");
  for (let c = 2; c <= (first?.length ?? 0); c++) {
    const part = val(first, c);
    if (part === undefined || (c === 7 && part.toUpperCase() === 'M')) continue;
    cx.leftOut(seg, `6.${c}`, "a part of the mother's maiden name other than the family name (XPN.1): the IG's XPN[string] maps XPN.1 only");
  }
  more.forEach((rep, i) => {
    if (rep.some((_, c) => rep[c]?.some((_, sc) => val(rep, c + 1, sc + 1) !== undefined) === true)) cx.leftOut(seg, `6 repetition ${i + 2}`, "a further mother's maiden name: patient-mothersMaidenName holds one");
  });
  return val(first, 1);
}

function telecoms(seg: SegmentReader, n: number, defaultUse: string | undefined, cx: Conversion): Json[] {
  return seg.reps(n).flatMap((r) => {
    const cp = xtnContactPoint(r, cx.at(seg, n));
    if (cp === undefined) return [];
    if (cp.use === undefined && cp.system !== 'email' && defaultUse !== undefined) cp.use = defaultUse;
    return [cp];
  });
}

/**
 * [IG PID[Patient] #13, #14, #40] PID-13/PID-14 (home/business, retained for backward
 * compatibility since v2.7) and PID-40 (their v2.7+ replacement; its XTN-2 says the use). A
 * sender that fills both for the transition repeats the same number: it is listed once.
 */
function patientTelecom(seg: SegmentReader, cx: Conversion): Json[] {
  const out = [...telecoms(seg, 13, 'home', cx), ...telecoms(seg, 14, 'work', cx)];
  for (const cp of telecoms(seg, 40, undefined, cx)) {
    if (!out.some((o) => o.system === cp.system && o.value === cp.value)) out.push(cp);
  }
  return out;
}

/** v3-RoleCode MTH, made fresh for each RelatedPerson: a module-level object would be shared by every Bundle (CR18-12). */
function motherRelationship(): Json {
  return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH', display: 'mother' }] };
}

/**
 * [IG PID[Patient] #21 → CX[RelatedPerson-Mother]] the mother's identifiers make a RelatedPerson
 * of the patient with relationship MTH (the IG's default when nothing more is known), at the
 * patient's mother key (identity.ts motherKey), so the patient's only NK1 saying MTH, in this message
 * or in another feed's message without PID-21, fills the same RelatedPerson. Returns the identifiers.
 * Made from PID-21 alone (no NK1 of the message fills her), she is a resource the message names but does
 * not write (context.ts `named`, patch.ts namedMotherEntries): an ORU, OML, RDE or an A03 without NK1 PUT
 * her as identifier + MTH over the name, telecom and address an ADT's or VXU's NK1 gave her (review 44
 * R44-N6).
 */
function mother(seg: SegmentReader, patient: Resource, cx: Conversion): Json[] {
  const identifiers = seg.reps(21).map((r) => cxIdentifier(r, cx)).filter((i): i is Json => i !== undefined);
  if (identifiers.length === 0) return identifiers;
  const rp: Json = { resourceType: 'RelatedPerson', identifier: identifiers, patient: cx.ref(patient), relationship: [motherRelationship()] };
  const key = motherKey(patient);
  const made = cx.add(rp as Resource, key);
  // [hig mother rule; review 44 R44-N6] named, not written: created if absent at hig's id, unless an NK1 of
  // the message fills her (nk1.ts clears the mark): PID-21 says her identifier, not her name or phone
  if (key !== undefined) cx.named.set(`RelatedPerson/${made.id ?? ''}`, motherSearch(made));
  return identifiers;
}

/**
 * PID-24/25 → multipleBirth[x] [IG PID[Patient] #25 → multipleBirthInteger; #24 →
 * multipleBirthBoolean IF PID-25 NOT VALUED]: a birth order wins, as the IG's condition says. A
 * PID-24 `N` beside one (the EVERYMAN samples' `|N|2|`) contradicts it; the IG's order stands and
 * one line says PID-24 was not converted, so the analyst sees the sender's contradiction. Until
 * review 14 PID-25 vanished there without a line, as did a PID-25 that is no number (reported now,
 * and PID-24 then read as if PID-25 were empty).
 */
function multipleBirth(seg: SegmentReader, p: Json, cx: Conversion): void {
  const raw = seg.str(25);
  const order = integer(raw);
  const flag = cx.indicator(seg, 24);
  if (raw !== undefined && order === undefined) cx.leftOut(seg, '25', 'a birth order that is no whole number');
  if (order === undefined) {
    if (flag !== undefined) p.multipleBirthBoolean = flag;
    return;
  }
  p.multipleBirthInteger = order;
  if (flag === false) cx.leftOut(seg, '24', 'N (no multiple birth) beside a birth order (PID-25), which the IG maps instead (PID-24 only IF PID-25 NOT VALUED)');
}

/**
 * [IG PID[Provenance-Patient] #33, #34] the last update of the patient's demographics: a
 * Provenance of the Patient, occurredDateTime PID-33, activity UPDATE, agent the updating
 * facility (PID-34, type performer). Provenance.agent is required: without PID-34 the sending
 * facility (MSH-4) is the author, as in the message's own Provenance; with neither, PID-33 stays
 * in the report. Recorded (the IG's "time of transformation") is MSH-7, so a resend is the same.
 */
function lastUpdate(seg: SegmentReader, patient: Resource, scope: Scope, cx: Conversion): void {
  // a deleted person's record (A29) gets no update of it
  if (seg.segment.fields[33] === undefined || seg.segment.fields[33] === '' || scope.meaning.deletes === 'Patient') return;
  const occurred = seg.dateTime(33);
  if (occurred === undefined) return;
  const facility = organizationFromHd(cx, seg.rep(34));
  const sender = scope.header?.sender as Json | undefined;
  const agent = facility !== undefined ? { type: participant('performer'), who: facility } : sender !== undefined ? { type: participant('author'), who: sender } : undefined;
  const msh = cx.msg.segments[0];
  // Provenance.recorded is required (1..1): a date-only MSH-7 is padded (context.ts requiredInstant)
  const recorded = msh === undefined ? undefined : cx.reader(msh, 0).requiredInstant(7);
  if (agent === undefined || recorded === undefined) {
    seg.used.delete(33);
    return;
  }
  const provenance: Json = {
    resourceType: 'Provenance',
    target: [cx.ref(patient)],
    occurredDateTime: occurred,
    recorded,
    activity: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'UPDATE' }] },
    agent: [agent],
  };
  // [hig identity] the patient's update at PID-33: a resend PUTs the same Provenance
  cx.add(provenance as Resource, patientFactsKey('patient-update', patient, occurred));
}

function participant(code: string): Json {
  return { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code }] };
}

export function mapPid(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const cxList = (n: number): Json[] =>
    seg.reps(n).flatMap((r): Json[] => {
      const id = cxIdentifier(r, cx);
      return id === undefined ? [] : [id];
    });
  const list = cxList(3);
  const external = cxList(2);
  const alternate = cxList(4);
  const identifiers = [...list, ...external, ...alternate];
  const ssn = seg.str(19);
  if (ssn !== undefined) {
    identifiers.push(ssnIdentifier(ssn));
  }
  // [IG PID[Patient] #20 → identifier via DLN[Identifier]]
  const dln = dlnIdentifier(seg.rep(20), cx.at(seg, 20), cx.licenceStates === 'us' && readsUsStates(cx.country));
  if (dln !== undefined) identifiers.push(dln);
  const p: Json = { resourceType: 'Patient' };
  if (identifiers.length > 0) p.identifier = identifiers;
  push(p, 'name', ...xpnNameList(seg.reps(5), cx.at(seg, 5)));
  // [IG PID[Patient] #9 → name[2] via XPN[HumanName]] the alias as sent: no use but XPN.7's. An
  // alias is another name the patient has been known by (often a former legal name), not an
  // informal nickname; use is a modifier element (review 15, R15-W1: every EVERYMAN alias was one)
  push(p, 'name', ...xpnNameList(seg.reps(9), cx.at(seg, 9)));
  const telecom = patientTelecom(seg, cx);
  if (telecom.length > 0) p.telecom = telecom;
  // [IG PID[Patient] PID-8 → gender via AdministrativeSex]: a table 0001 code only (coded.ts)
  set(p, 'gender', administrativeGender(seg, 8, cx));
  const birth = seg.str(7);
  const birthDate = seg.date(7);
  if (birthDate !== undefined) {
    p.birthDate = birthDate;
    const withTime = toDateTime(birth, cx.timezone, seg.timeDoubt('7'));
    if (withTime !== undefined && withTime.includes('T')) {
      p._birthDate = { extension: [{ url: `${EXT}patient-birthTime`, valueDateTime: withTime }] };
    }
  }
  const deathTime = seg.dateTime(29);
  const deathFlag = cx.indicator(seg, 30);
  if (deathTime !== undefined) p.deceasedDateTime = deathTime;
  else if (deathFlag !== undefined) p.deceasedBoolean = deathFlag;
  push(p, 'address', ...seg.reps(11).map((r) => xadAddress(r, cx)));
  countyCode(seg, p);
  set(p, 'maritalStatus', codeableConcept(seg.rep(16), 'MaritalStatus'));
  multipleBirth(seg, p, cx);
  push(p, 'communication', ...seg.reps(15).map((r) => {
    const language = codeableConcept(r, 'PrimaryLanguage');
    return language === undefined ? undefined : { language, preferred: true };
  }));
  const ext: Json[] = [];
  // [US Core Patient] PID-10 race, PID-22 ethnic group: the US code set's repetitions (race-ethnicity.ts codeSetOf)
  const race = raceExtension(seg.reps(10));
  if (race !== undefined) ext.push(race);
  // [IG PID[Patient] #10 "AUS = indigenous extension"; AU Base indigenous-status] R47-L1
  const indigenous = indigenousStatusExtension(seg.reps(10), (l) => cx.leftOut(seg, `10 repetition ${l.repetition}`, l.why));
  if (indigenous !== undefined) ext.push(indigenous);
  // [IG PID[Patient] #10 local extension; NZ Base nz-ethnicity] R53-L1
  ext.push(...nzEthnicityExtensions([...seg.reps(10), ...seg.reps(22)]));
  const ethnicity = ethnicityExtension(seg.reps(22));
  if (ethnicity !== undefined) ext.push(ethnicity);
  // [IG PID[Patient] #10, #22 local extension; R62-L1] a code of any other code set: hig's v2-race / v2-ethnicGroup
  ext.push(...localCodeExtensions(seg, 10, 'race', cx), ...localCodeExtensions(seg, 22, 'ethnicGroup', cx));
  const maiden = mothersMaidenName(seg, cx);
  if (maiden !== undefined) ext.push({ url: `${EXT}patient-mothersMaidenName`, valueString: maiden });
  const religion = codeableConcept(seg.rep(17), 'Religion');
  if (religion !== undefined) ext.push({ url: `${EXT}patient-religion`, valueCodeableConcept: religion });
  const birthPlace = seg.str(23);
  if (birthPlace !== undefined) ext.push({ url: `${EXT}patient-birthPlace`, valueAddress: { text: birthPlace } });
  for (const r of seg.reps(26)) {
    const c = codeableConcept(r);
    if (c !== undefined) ext.push({ url: `${EXT}patient-citizenship`, extension: [{ url: 'code', valueCodeableConcept: c }] });
  }
  for (const r of seg.reps(28)) {
    const c = codeableConcept(r);
    if (c !== undefined) ext.push({ url: `${EXT}patient-nationality`, extension: [{ url: 'code', valueCodeableConcept: c }] });
  }
  // [IG PID[Patient] #39] tribal citizenship → patient-citizenship (code), one per repetition
  for (const r of seg.reps(39)) {
    const c = codeableConcept(r);
    if (c !== undefined) ext.push({ url: `${EXT}patient-citizenship`, extension: [{ url: 'code', valueCodeableConcept: c }] });
  }
  const animal = animalExtension(seg, cx);
  if (animal !== undefined) ext.push(animal);
  // [IG PID[Patient] #27 → extension??-veteranMilitaryStatus, CodeableConcept via CWE[CodeableConcept]]
  // hig's v2-veteranMilitaryStatus (unnamed-extension.ts); with unnamedExtensions 'report' the
  // field stays unread, so the report names it as before
  if (cx.extensions.mode === 'emit') {
    const veteran = codeableConcept(seg.rep(27));
    if (veteran !== undefined) ext.push({ url: unnamedExtensionUrl('veteranMilitaryStatus', cx.extensions.base), valueCodeableConcept: veteran });
    // [IG PID[Patient] #31 → extension??-identityUnknown, boolean via ID[Boolean] (Yes/NoIndicator)]
    // hig's v2-identityUnknown; a value other than Y/N is reported (cx.indicator)
    const unknown = cx.indicator(seg, 31);
    if (unknown !== undefined) ext.push({ url: unnamedExtensionUrl('identityUnknown', cx.extensions.base), valueBoolean: unknown });
  }
  if (ext.length > 0) p.extension = ext;
  // [hig patient identity] chosen by rule from PID-3 (PID-2, PID-4, PID-19 when PID-3 is empty), not
  // by position; a bare number (no assigning authority) is its sender's [IG PID[Patient] PID-3] (identity.ts patientKey)
  const from = [list, external, alternate, identifiers].find((ids) => ids.some((id) => typeof id.value === 'string')) ?? [];
  const identity = patientKey(from, cx.sender, cx.patientAuthorities);
  const patient = cx.add(p as Resource, identity);
  scope.patient = patient;
  cx.firstPatient ??= patient;
  const sentNull = ([n]: [string, unknown]) => seg.segment.fields[Number(n)] === HL7_NULL;
  cx.clear(patient, Object.entries(PID_ELEMENTS).filter(sentNull).flatMap(([, elements]) => elements));
  cx.clear(patient, Object.entries(pidExtensionUrls(cx.extensions.base)).filter(sentNull).flatMap(([, urls]) => urls.map((u) => `extension:${u}`)));
  // PID-18 patient account number → Account (IG: PID[Account])
  const account = cxIdentifier(seg.rep(18), cx);
  scope.account = undefined;
  if (account !== undefined) {
    if (account.type === undefined) account.type = tableConcept('0203', 'AN');
    const made = cx.add({ resourceType: 'Account', identifier: [account], status: 'active', subject: [cx.ref(patient)] }, account);
    // a second PID (BAR_P02, A17) naming the same account number: the account is that patient's
    // too (FHIR Account.subject 0..*), not the first patient's alone [IG PID[Account] PID-18]
    const subjects = Array.isArray(made.subject) ? (made.subject as Json[]) : [];
    const me = cx.ref(patient).reference;
    if (!subjects.some((s) => s.reference === me)) made.subject = [...subjects, cx.ref(patient)];
    if (scope.meaning.namesAccount === true) namedAccount(made, account, patient, cx);
    scope.account = made;
  }
  scope.motherIdentifiers = mother(seg, patient, cx);
  lastUpdate(seg, patient, scope, cx);
  scope.noteTarget = undefined;
}

/**
 * [hig account rule, events.ts NAMES_ACCOUNT; review 34 R34-N2] The search of the account a message that
 * is no ADT or BAR event names (patch.ts accountEntries): its number with its system, as a kept or
 * conditionally updated Account is searched (context.ts conditional); a number without a system among
 * the patient's accounts only (identity.ts patientNumberSearch, as a named visit's: another sender's
 * account of that number is not this one). [IG PID[Account] #18]
 */
function namedAccount(account: Resource, number: Json, patient: Resource, cx: Conversion): void {
  const typeId = `Account/${account.id ?? ''}`;
  const search = typeof number.system === 'string' ? cx.conditional.get(typeId) : patientNumberSearch(number, patient);
  if (search !== undefined) cx.named.set(typeId, search);
}

/**
 * The Patient elements each PID field fills (above): a field sent as `""` deletes them
 * [v2.5.1 2.5.3] when updates keep omitted fields (patch.ts). Fields that share an element
 * (PID-5/PID-9 names, PID-13/PID-14 telecoms) only clear it when the other sends nothing either
 * (patch.ts removes only elements the resource does not have). Extensions (race, ethnicity…): pidExtensionUrls.
 */
export const PID_ELEMENTS: Readonly<Record<number, readonly string[]>> = {
  5: ['name'],
  7: ['birthDate'],
  8: ['gender'],
  11: ['address'],
  13: ['telecom'],
  14: ['telecom'],
  15: ['communication'],
  16: ['maritalStatus'],
  24: ['multipleBirthBoolean', 'multipleBirthInteger'],
  25: ['multipleBirthInteger'],
  29: ['deceasedDateTime', 'deceasedBoolean'],
  30: ['deceasedBoolean', 'deceasedDateTime'],
  40: ['telecom'],
};

/**
 * [v2.5.1 2.5.3; code review 39 CR39-3] The Patient extension urls each PID field fills (above): a field sent as `""`
 * clears them, as `extension:<url>` in the conversion's `cleared`, and the patient-authority rule keeps no held
 * extension of that url (transform/patient-authority.ts). A url two fields fill (nz-ethnicity: PID-10 and PID-22;
 * citizenship: PID-26 and PID-39) is cleared by either, as PID-13's `""` clears telecom: the other field's value, sent,
 * is the PUT's own. A `keep` channel's patch does not clear them (one `extension` array, no path to an item: patch.ts
 * keepOmittedPatch; docs/mapping.md, known gaps).
 */
function pidExtensionUrls(base: string | undefined): Readonly<Record<number, readonly string[]>> {
  const citizenship = [`${EXT}patient-citizenship`];
  return {
    6: [`${EXT}patient-mothersMaidenName`],
    10: [`${US_CORE}us-core-race`, INDIGENOUS_STATUS, NZ_ETHNICITY, unnamedExtensionUrl('race', base)],
    17: [`${EXT}patient-religion`],
    22: [`${US_CORE}us-core-ethnicity`, NZ_ETHNICITY, unnamedExtensionUrl('ethnicGroup', base)],
    23: [`${EXT}patient-birthPlace`],
    26: citizenship,
    27: [unnamedExtensionUrl('veteranMilitaryStatus', base)],
    28: [`${EXT}patient-nationality`],
    31: [unnamedExtensionUrl('identityUnknown', base)],
    39: citizenship,
  };
}

/**
 * hig's own extensions, for PD1 fields the IG's PD1[Patient] map leaves empty (no core or US Core
 * element says them either) but a receiver needs: a URN, not a made-up web address.
 */
const HIG_EXT = 'urn:hig:fhir:StructureDefinition:';

/** A complex extension of the parts that are valued, or nothing. */
function complexExtension(url: string, parts: readonly [string, string, unknown][]): Json | undefined {
  const extension = parts.filter(([, , v]) => v !== undefined).map(([name, type, v]) => ({ url: name, [type]: v }));
  return extension.length === 0 ? undefined : { url, extension };
}

/**
 * PD1-12 protection indicator (table 0136) with PD1-13 its effective date. The IG row is empty;
 * Y ("protect this person's data from users without adequate authority") is the FHIR security
 * label of a restricted record, meta.security v3-Confidentiality R, which a receiving server
 * enforces. N adds no label (as PV2-22 N, 381d044): "not protected" is every record's default, and
 * a `normal` label beside an ARV's `restricted` one on the same Patient contradicted it (code
 * review 2). The indicator (N too) and its date are kept as sent in an extension.
 */
function protection(seg: SegmentReader, patient: Resource, cx: Conversion): Json | undefined {
  const indicator = cx.indicator(seg, 12);
  if (indicator === true) labelConfidentiality(patient, true);
  return complexExtension(`${HIG_EXT}patient-protection-indicator`, [['indicator', 'valueBoolean', indicator], ['effectiveDate', 'valueDate', seg.date(13)]]);
}

/**
 * [IG PID[Patient] #12] county code → address.district, by the row's conditions: the one PID-11
 * address without a county (XAD.9) gets it; no PID-11 address: an address of its own; several
 * PID-11 addresses, or one with another county: a second address with the district only (PID-12
 * does not repeat, so it belongs to no one repetition). The same county as XAD.9 adds nothing.
 */
function countyCode(seg: SegmentReader, p: Json): void {
  const county = seg.str(12);
  if (county === undefined) return;
  const addresses = (p.address ?? []) as Json[];
  const only = seg.reps(11).length === 1 ? addresses[0] : undefined;
  if (only !== undefined && only.district === undefined) only.district = county;
  else if (only === undefined || only.district !== county) push(p, 'address', { district: county });
}

/**
 * [IG PID[Patient] #35, #36] species and breed → extension patient-animal. Its `species` part is
 * required (1..1 in the extension's definition): a breed without a species has nowhere to go and
 * is reported.
 */
function animalExtension(seg: SegmentReader, cx: Conversion): Json | undefined {
  const species = codeableConcept(seg.rep(35));
  const breed = codeableConcept(seg.rep(36));
  if (species === undefined) {
    if (breed !== undefined) cx.leftOut(seg, '36', 'a breed without a species (PID-35), which the patient-animal extension requires');
    return undefined;
  }
  return { url: `${EXT}patient-animal`, extension: [{ url: 'species', valueCodeableConcept: species }, ...(breed === undefined ? [] : [{ url: 'breed', valueCodeableConcept: breed }])] };
}

/**
 * [IG PD1[Patient] #14, XON[string]] place of worship → extension patient-congregation, the
 * organization's name (XON.1). The extension holds one value: further repetitions are reported.
 */
function congregation(seg: SegmentReader, cx: Conversion): Json | undefined {
  const [first, ...more] = seg.reps(14);
  const name = val(first, 1);
  if (more.length > 0) cx.leftOut(seg, '14', 'a second place of worship (patient-congregation holds one)');
  if (name === undefined) {
    if (first !== undefined) cx.leftOut(seg, '14', 'a place of worship without a name (XON.1)');
    return undefined;
  }
  return { url: `${EXT}patient-congregation`, valueString: name };
}

export function mapPd1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const patient = scope.patient;
  if (patient === undefined) return;
  const gps = [...seg.reps(4).map((r) => practitioner(cx, r)), ...seg.reps(3).map((r) => organization(cx, r))];
  push(patient, 'generalPractitioner', ...gps);
  push(
    patient,
    'extension',
    // PD1-11 publicity code (table 0215: reminder/recall, family only…) with PD1-18 its effective date [IG PD1[Patient] #11, #18: no row]
    complexExtension(`${HIG_EXT}patient-publicity-code`, [['code', 'valueCodeableConcept', codeableConcept(seg.rep(11), undefined, '0215', cx.reportAt(seg, 11))], ['effectiveDate', 'valueDate', seg.date(18)]]),
    // PD1-12/PD1-13 [IG PD1[Patient] #12, #13: no row]
    protection(seg, patient, cx),
    congregation(seg, cx),
    // PD1-16 immunization registry status (table 0441: active, inactive, moved, deceased…) with PD1-17 its effective date [IG PD1[Patient] #16, #17: no row]
    complexExtension(`${HIG_EXT}patient-immunization-registry-status`, [['status', 'valueCodeableConcept', codeableConcept(seg.rep(16), undefined, '0441', cx.reportAt(seg, 16))], ['effectiveDate', 'valueDate', seg.date(17)]]),
  );
  // [IG PD1[Patient] PD1-6 → extension patient-disability, valueCodeableConcept via CWE[CodeableConcept]]
  for (const r of seg.reps(6)) {
    const disability = codeableConcept(r);
    if (disability !== undefined) push(patient, 'extension', { url: 'http://hl7.org/fhir/StructureDefinition/patient-disability', valueCodeableConcept: disability });
  }
  mapLivingWill(seg, patient, cx);
}

/**
 * ARV (access restrictions). The IG's message maps list ARV with no target and say why: FHIR has
 * no field-level security labels; an ARV with the PID/PD1 applies to the patient, one with the
 * PV1/PV2 to the encounter [IG ADT_A01 #12, #18 comments]. hig rule, as for PD1-12: a restriction
 * (ARV-3 any value of table 0717 but NO "none") labels that whole resource v3-Confidentiality R,
 * which a server enforces, and "none" N; ARV-2 D (the restriction is deleted) adds no label, so a
 * full PUT clears it. ARV-3 value, ARV-4 reason (table 0719), ARV-5 instructions and ARV-6 date
 * range are kept as sent in an extension (URN: no published definition says them).
 */
export function mapArv(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const target = arvTarget(seg, scope);
  if (target === undefined) return;
  const restriction = codeableConcept(seg.rep(3), undefined, '0717', cx.reportAt(seg, 3));
  if (seg.str(2)?.toUpperCase() !== 'D' && restriction !== undefined) {
    labelConfidentiality(target, seg.str(3)?.toUpperCase() !== 'NO');
  }
  push(
    target,
    'extension',
    complexExtension(`${HIG_EXT}access-restriction`, [
      ['action', 'valueCode', seg.str(2)],
      ['value', 'valueCodeableConcept', restriction],
      ['reason', 'valueCodeableConcept', codeableConcept(seg.rep(4), undefined, '0719', cx.reportAt(seg, 4))],
      ['instructions', 'valueString', seg.str(5)],
      ['period', 'valuePeriod', seg.period([6, 1], [6, 2])],
    ]),
  );
}

/** The ARV's subject: the visit when it follows a PV1 of its group, else the patient. */
function arvTarget(seg: SegmentReader, scope: Scope): Resource | undefined {
  const afterVisit = scope.group.nodes('PV1').some((n) => n.index < seg.index);
  return afterVisit && scope.encounter !== undefined ? scope.encounter : scope.patient;
}
