/** XPN / XCN name parts / FN → HumanName (IG: XPN[HumanName]). */
import type { Repetition } from '../../hl7/message.js';
import { lookupCode } from '../vocabulary/index.js';
import type { Json } from '../types.js';
import type { DatatypeContext } from './context.js';
import { list, val } from './primitive.js';
import { toPeriod } from './time.js';

/** Component layout of a person name inside a composite; XPN starts at 1, XCN at 2 ([IG XCN[Practitioner] XCN.19/XCN.20 → name.period; XCN.17 IF XCN.19/20 NOT VALUED]). */
interface NameLayout {
  family: number;
  given: number;
  middle: number;
  suffix: number;
  prefix: number;
  degree: number;
  type: number;
  periodStart: number;
  periodEnd: number;
  /** the older DR validity range (XPN.10), used when the start/end components are empty */
  validityRange?: number;
  /** [IG XPN[HumanName] XPN.14 Professional Suffix → [1].suffix[3]] (after XPN.4 and XPN.6) */
  professional?: number;
  /** [IG XPN[HumanName] XPN.15 Called By → [2].given, [2].use nickname] */
  calledBy?: number;
  /** [IG XPN[HumanName] XPN.11, XCN[Practitioner] XCN.18 Name Assembly Order → extension humanname-assembly-order] */
  assembly: number;
  /** [IG XPN[HumanName] #8, XCN[Practitioner] #15 Name Representation Code: no target; hig rule → iso21090-EN-representation] */
  representation: number;
}

const XPN: NameLayout = { family: 1, given: 2, middle: 3, suffix: 4, prefix: 5, degree: 6, type: 7, periodStart: 12, periodEnd: 13, validityRange: 10, professional: 14, calledBy: 15, assembly: 11, representation: 8 };
const XCN: NameLayout = { family: 2, given: 3, middle: 4, suffix: 5, prefix: 6, degree: 7, type: 10, periodStart: 19, periodEnd: 20, validityRange: 17, assembly: 18, representation: 15 };

function humanName(rep: Repetition | undefined, l: NameLayout, ctx: DatatypeContext): Json | undefined {
  const family = val(rep, l.family, 1);
  const given = list(val(rep, l.given), ...(val(rep, l.middle) ?? '').split(' ').map((x) => (x === '' ? undefined : x)));
  const prefix = list(val(rep, l.prefix));
  // [IG XPN[HumanName] XPN.4 → suffix[1], XPN.6 → suffix[2], XPN.14 → suffix[3]]: the professional
  // suffix (`PhD`) was read with the name and dropped without a report line (review 6)
  const suffix = list(val(rep, l.suffix), val(rep, l.degree), l.professional === undefined ? undefined : val(rep, l.professional));
  const parts = familyParts(rep, l.family);
  // FN.2–5 without FN.1 and a given name still name someone: kept, not dropped (code review 15)
  if (family === undefined && given === undefined && parts === undefined) return undefined;
  const n: Json = {};
  const type = val(rep, l.type);
  const use = lookupCode('NameType', type);
  if (use !== undefined) n.use = use;
  else if (type !== undefined) nameTypeLeftOut(rep, l, ctx);
  if (family !== undefined) n.family = family;
  if (parts !== undefined) n._family = { extension: parts };
  if (given !== undefined) n.given = given;
  if (prefix !== undefined) n.prefix = prefix;
  if (suffix !== undefined) n.suffix = suffix;
  representation(n, rep, l, ctx);
  assemblyOrder(n, val(rep, l.assembly), l, ctx);
  const explicit = val(rep, l.periodStart) !== undefined || val(rep, l.periodEnd) !== undefined;
  // [IG XPN[HumanName] XPN.10 IF XPN.12 NOT VALUED AND XPN.13 NOT VALUED → period (DR[Period])]:
  // the v2.3–2.4 validity range, DR.1 start & DR.2 end as subcomponents of XPN.10
  const range = !explicit && l.validityRange !== undefined;
  const start = range ? val(rep, l.validityRange ?? 0, 1) : val(rep, l.periodStart);
  const end = range ? val(rep, l.validityRange ?? 0, 2) : val(rep, l.periodEnd);
  const period = toPeriod(start, end, ctx.timezone, (w) => ctx.invalidDate?.(`name period ${w}`), ctx.timeDoubt);
  if (period !== undefined) n.period = period;
  return n;
}

/**
 * [IG XPN[HumanName] XPN.7 → use via NameType; XCN[Practitioner] XCN.10 likewise] A name type the IG's
 * NameType map gives no name-use (table 0200 B birth, U unknown, NB newborn, P partner, A assigned …, or
 * no table 0200 code at all): the name is kept without a use, and the type is reported (at the field,
 * never its value). FHIR R4 HumanName.use is a required code binding and no extension holds a v2 name
 * type, so a birth name was indistinguishable from any other without a line (reviews 44 R44-N4, 45 R45-N6).
 */
function nameTypeLeftOut(rep: Repetition | undefined, l: NameLayout, ctx: DatatypeContext): void {
  const report = rep === undefined ? ctx.leftOutValue : (ctx.reportFor?.(rep) ?? ctx.leftOutValue);
  report?.(`${l.type === 7 ? 'XPN.7' : 'XCN.10'} (name type): a code the IG's NameType map gives no name-use (HumanName.use is a required binding): the name is kept without its type`);
}

const ASSEMBLY_ORDER = 'http://hl7.org/fhir/StructureDefinition/humanname-assembly-order';

/**
 * [IG XPN[HumanName] XPN.11 → extension humanname-assembly-order, valueCode via NameAssemblyOrder;
 * XCN[Practitioner] (and XCN[Patient], XCN[RelatedPerson], XCN[PractitionerRole]) XCN.18 likewise]:
 * the order the name's parts are written in (table 0444: G given first, F family first), which a
 * reader of a family-first name needs to print it. A code the map does not hold is reported (the
 * extension's binding is to the name-assembly-order value set), never its value. Until issue 14's
 * vocab16, XPN.11/XCN.18 were dropped without a report line (the name field counted as read).
 */
function assemblyOrder(n: Json, code: string | undefined, l: NameLayout, ctx: DatatypeContext): void {
  if (code === undefined) return;
  const mapped = lookupCode('NameAssemblyOrder', code);
  if (mapped === undefined) ctx.leftOutValue?.(`${l.assembly === 11 ? 'XPN.11' : 'XCN.18'} (name assembly order): a value that is no code of HL7 table 0444 (NameAssemblyOrder map)`);
  else n.extension = [...((n.extension as Json[] | undefined) ?? []), { url: ASSEMBLY_ORDER, valueCode: mapped }];
}

const REPRESENTATION = 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation';
/** HL7 table 0465 (name/address representation) → FHIR EntityNameRepresentation (ISO 21090). */
const REPRESENTATIONS: Readonly<Record<string, string>> = { A: 'ABC', I: 'IDE', P: 'SYL' };

/**
 * [IG XPN[HumanName] #8, XCN[Practitioner] #15: no target; hig rule (review 58 R58-L1), as JP Core profiles
 * Patient.name] The name representation code (table 0465: I ideographic, P phonetic, A alphabetic) → FHIR's core
 * extension iso21090-EN-representation (IDE / SYL / ABC): a Japanese patient's legal kanji name and its katakana
 * reading, both `official`, are told apart. Until fix35d it was dropped without a report line. A code outside the
 * table is reported at the field, never its value.
 */
function representation(n: Json, rep: Repetition | undefined, l: NameLayout, ctx: DatatypeContext): void {
  const code = val(rep, l.representation);
  if (code === undefined) return;
  const mapped = REPRESENTATIONS[code.toUpperCase()];
  const report = rep === undefined ? ctx.leftOutValue : (ctx.reportFor?.(rep) ?? ctx.leftOutValue);
  if (mapped === undefined) report?.(`${l.representation === 8 ? 'XPN.8' : 'XCN.15'} (name representation): a value that is no code of HL7 table 0465 (A, I, P): the name is kept without it`);
  else n.extension = [...((n.extension as Json[] | undefined) ?? []), { url: REPRESENTATION, valueCode: mapped }];
}

/** FHIR's HumanName family-part extensions, by FN component [IG FN[HumanName] FN.2–FN.5]. */
const FAMILY_PARTS: readonly [number, string][] = [
  [2, 'http://hl7.org/fhir/StructureDefinition/humanname-own-prefix'],
  [3, 'http://hl7.org/fhir/StructureDefinition/humanname-own-name'],
  [4, 'http://hl7.org/fhir/StructureDefinition/humanname-partner-prefix'],
  [5, 'http://hl7.org/fhir/StructureDefinition/humanname-partner-name'],
];

/**
 * FN.2–FN.5 (own surname prefix, own surname, partner's prefix, partner's surname) → extensions on
 * `family` [IG FN[HumanName] FN.2 → family.extension humanname-own-prefix, FN.3 → humanname-own-name,
 * FN.4 → humanname-partner-prefix, FN.5 → humanname-partner-name]. Until review 14 only FN.1 was
 * read, and `EVERYMAN&&&&Aniston` lost its partner's name without a report line.
 */
function familyParts(rep: Repetition | undefined, component: number): Json[] | undefined {
  const parts = FAMILY_PARTS.flatMap(([sub, url]) => {
    const v = val(rep, component, sub);
    return v === undefined ? [] : [{ url, valueString: v }];
  });
  return parts.length > 0 ? parts : undefined;
}

/**
 * One XPN for an element that holds one name (a contact's name): XPN.15 (called by) has no place
 * there and is reported [IG XPN[HumanName] XPN.15: only "if the resource attribute using the
 * HumanName datatype allows for multiple names"]. Elements of 0..* names use xpnNames.
 */
export function xpnName(rep: Repetition | undefined, ctx: DatatypeContext): Json | undefined {
  if (rep !== undefined && val(rep, XPN.calledBy ?? 0) !== undefined) {
    (ctx.reportFor?.(rep) ?? ctx.leftOutValue)?.('XPN.15 (called by): a name element that holds one name');
  }
  return humanName(rep, XPN, ctx);
}

/** An XPN's name and its called-by name (XPN.15), apart: identity keys read the first only. */
export interface XpnParts {
  name?: Json;
  calledBy?: Json;
}

/**
 * An XPN for an element of 0..* names, in its parts: the name, and XPN.15 (called by) as a name of
 * its own with use nickname [IG XPN[HumanName] XPN.15 → [2].given, [2].use "nickname"]. Until
 * review 14 XPN.15 was dropped without a report line (`^PF^Addsm` in the EVERYMAN samples).
 */
export function xpnParts(rep: Repetition | undefined, ctx: DatatypeContext): XpnParts {
  const parts: XpnParts = {};
  const name = humanName(rep, XPN, ctx);
  if (name !== undefined) parts.name = name;
  const calledBy = val(rep, XPN.calledBy ?? 0);
  if (calledBy !== undefined) parts.calledBy = { use: 'nickname', given: [calledBy] };
  return parts;
}

/** Both names of an XPN (xpnParts), for an element of 0..* names. */
export function xpnNames(rep: Repetition | undefined, ctx: DatatypeContext): Json[] {
  const { name, calledBy } = xpnParts(rep, ctx);
  return [...(name === undefined ? [] : [name]), ...(calledBy === undefined ? [] : [calledBy])];
}

/**
 * Every name of an XPN field's repetitions, each once: the same called-by name sent on two
 * repetitions is one nickname, not two (code review 15, CR15-8).
 */
export function xpnNameList(reps: readonly Repetition[], ctx: DatatypeContext): Json[] {
  const seen = new Set<string>();
  return reps.flatMap((r) => xpnNames(r, ctx)).filter((n) => {
    const key = JSON.stringify(n);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A name as an identity fact: without FN.2–FN.5's extensions (`_family`) and the assembly-order
 * and representation extensions (XPN.11/XCN.18, XPN.8/XCN.15), which arrived with
 * review 14's fix, so a Practitioner known by name only keeps the URL it had (code review 15,
 * CR15-2). Key callers use the name proper, never a called-by name.
 */
export function nameIdentity(name: Json | undefined): Json | undefined {
  if (name === undefined || (name._family === undefined && name.extension === undefined)) return name;
  // nor the assembly order (XPN.11/XCN.18, vocab16): how a name is written is no part of whose it is
  const { _family: _parts, extension: _order, ...rest } = name;
  return rest;
}

export function xcnName(rep: Repetition | undefined, ctx: DatatypeContext): Json | undefined {
  return humanName(rep, XCN, ctx);
}

/** A one-line display of a name, for Reference.display. */
export function nameText(name: Json | undefined): string | undefined {
  if (name === undefined) return undefined;
  const given = Array.isArray(name.given) ? (name.given as string[]).join(' ') : '';
  const family = typeof name.family === 'string' ? name.family : '';
  const text = (familyFirst(name) ? [family, given] : [given, family]).filter((x) => x !== '').join(' ');
  return text === '' ? undefined : text;
}

/**
 * [IG XCN[Practitioner] #18, XPN[HumanName] XPN.11 via NameAssemblyOrder; review 72 R72-N2] A name whose sender
 * stated family first (table 0444 F, kept as humanname-assembly-order) is displayed family first (윤 서진), as its
 * own reader writes it; G or no statement keeps given first.
 */
function familyFirst(name: Json): boolean {
  return ((name.extension as Json[] | undefined) ?? []).some((e) => e.url === ASSEMBLY_ORDER && e.valueCode === 'F');
}
