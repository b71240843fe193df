/** CX / EI / HD → Identifier and system URIs (IG: CX[Identifier], EI[Identifier-*], HD[uri]). */
import type { Repetition } from '../../hl7/message.js';
import type { Json } from '../types.js';
import { codeFromTable, tableConcept } from './coding.js';
import type { DatatypeContext } from './context.js';
import { val } from './primitive.js';
import { toPeriod } from './time.js';
import { usStateLicenceSystem } from './licence-issuer.js';
import { codingSystemUri, oidOrUri } from '../vocabulary/coding-systems.js';
import { type ExtensionSettings, componentHd, extensionSettings, unnamedExtension, unnamedExtensionUrl } from './unnamed-extension.js';

/**
 * Authorities with a system in the FHIR identifier registry (http://hl7.org/fhir/R4/identifier-registry.html),
 * by OID or by the namespace ids senders use for them; US Core asks for these systems.
 */
const NPI = 'http://hl7.org/fhir/sid/us-npi';
const SSN = 'http://hl7.org/fhir/sid/us-ssn';
const REGISTRY: Readonly<Record<string, string>> = {
  '2.16.840.1.113883.4.6': NPI,
  NPI: NPI,
  '2.16.840.1.113883.4.1': SSN,
  SSA: SSN,
  USSSA: SSN,
  SSN: SSN,
};

/**
 * A US Social Security Number given as a bare string (PID-19, NK1-37, GT1-12): type SS (v2-0203),
 * system us-ssn [IG PID[Patient] #19, NK1[RelatedPerson] #37, GT1[RelatedPerson] #12].
 */
export function ssnIdentifier(value: string): Json {
  return { type: tableConcept('0203', 'SS'), system: SSN, value };
}

/**
 * DLN → Identifier [IG DLN[Identifier]]: DLN.1 → value with type DL (v2-0203), DLN.2 (issuing
 * state, CWE[uri]) → system: the channel's namespace map for the code, else the code when it is an
 * OID or a URI, else, in a message from the US (`usStates`, licence-issuer.ts), a state's postal
 * code as that state's licence OID; any other issuer (`US`, a country) → assigner.display, its
 * text (CWE.2) else its code, as CX.4 without a URI. DLN.3 (expiration date) → period.end.
 * Before review 13 only DLN.1 was read, and DLN.2/3 were dropped without a report line
 * (14 of its 25 messages); until issue 14's DLN fix every state code was reported.
 */
export function dlnIdentifier(rep: Repetition | undefined, ctx: DatatypeContext, usStates: boolean): Json | undefined {
  const value = val(rep, 1);
  if (value === undefined) return undefined;
  const id: Json = { type: tableConcept('0203', 'DL') };
  const system = licenceSystem(rep, ctx, usStates);
  if (system !== undefined) id.system = system;
  id.value = value;
  // [hig DLN.2 rule, as CX.4's] an issuer that names no system (`US`, a foreign state) is still
  // who issued the number: Identifier.assigner, "may be just text" (FHIR), so the fact is kept
  const issuer = system === undefined ? val(rep, 2, 2) ?? val(rep, 2) : undefined;
  if (issuer !== undefined) id.assigner = { display: issuer };
  const period = toPeriod(undefined, val(rep, 3), ctx.timezone, (w) => ctx.invalidDate?.(`DLN.3 expiration date ${w}`), ctx.timeDoubt);
  if (period !== undefined) id.period = period;
  return id;
}

/**
 * DLN.2 → the licence's system. An OID or URI only, or a known state: a bare code is no identifier
 * system (codingSystemUri's local `urn:hl7v2:codesystem:` names are for codes, not for whose
 * number this is).
 */
function licenceSystem(rep: Repetition | undefined, ctx: DatatypeContext, usStates: boolean): string | undefined {
  const issuer = val(rep, 2);
  if (issuer === undefined) return undefined;
  // own keys only: a DLN.2 of `constructor` is no mapped namespace (code review 15, CR15-7)
  const mapped = Object.hasOwn(ctx.namespaceMap, issuer) ? ctx.namespaceMap[issuer] : undefined;
  if (mapped !== undefined) return mapped;
  return oidOrUri(issuer) ?? (usStates ? usStateLicenceSystem(issuer, val(rep, 2, 3)) : undefined);
}

/**
 * The identifier types that imply a system (FHIR identifier registry), each with the authorities that
 * issue that system's numbers: the registry's own names (REGISTRY), the agency's other names real US
 * feeds send (CDC immunization guide examples `…^^^USA^SS`, `…^^^^^^^^CMS^^^^NPI`; table 0363 USSSA,
 * USHCFA: CMS's former name) and the country. A type names what kind of number it is, not whose
 * [IG CX[Identifier] #5 → type only; #4 → system "IF CX.4 IN" the registry, else assigner]: an SS
 * typed number of another authority (an Austrian insurer's `^^^SVAT^SS`) is no US SSN (review 40
 * R40-W1). CMS and the country name no system alone (CMS also issues CCNs and Medicare numbers).
 */
const TYPE_SYSTEMS: Readonly<Record<string, { system: string; authorities: ReadonlySet<string> }>> = {
  SS: { system: SSN, authorities: new Set(['SSA', 'USSSA', 'SSN', 'US', 'USA']) },
  NPI: { system: NPI, authorities: new Set(['NPI', 'CMS', 'NPPES', 'HCFA', 'USHCFA', 'US', 'USA']) },
};

/**
 * [IG CX[Identifier] #4, #5; XCN[Practitioner] #9, #13; hig rule, docs/mapping.md] The system an
 * identifier type (CX.5, XCN.13) implies, only when the authority (CX.4 / XCN.9 namespace id, else
 * universal id) is empty or is one that issues that system's numbers (TYPE_SYSTEMS); any other
 * authority keeps the number its own (assigner), with no system. Called after the authority's own
 * system (hdSystem) found none.
 */
export function typeSystem(typeCode: string | undefined, authority: string | undefined): string | undefined {
  const t = typeCode?.toUpperCase();
  const entry = t !== undefined && Object.hasOwn(TYPE_SYSTEMS, t) ? TYPE_SYSTEMS[t] : undefined;
  if (entry === undefined) return undefined;
  return authority === undefined || entry.authorities.has(authority.trim().toUpperCase()) ? entry.system : undefined;
}

/**
 * Resolves an assigning authority / HD to a system URI: the configured namespace map first
 * (by namespace id, then universal id), then the FHIR identifier registry (NPI, SSN), then the
 * universal id by its type (ISO → urn:oid, UUID/GUID → urn:uuid, URI/DNS/URL as given).
 * Undefined when nothing can be a URI.
 */
export function authoritySystem(ns: string | undefined, universal: string | undefined, type: string | undefined, ctx: DatatypeContext): string | undefined {
  // own keys only: an authority named `constructor` is no mapped namespace (code review 15)
  if (ns !== undefined && Object.hasOwn(ctx.namespaceMap, ns)) return ctx.namespaceMap[ns];
  if (universal !== undefined && Object.hasOwn(ctx.namespaceMap, universal)) return ctx.namespaceMap[universal];
  const registered = (universal === undefined ? undefined : REGISTRY[universal]) ?? (ns === undefined ? undefined : REGISTRY[ns.toUpperCase()]);
  if (registered !== undefined) return registered;
  if (universal !== undefined) {
    const t = (type ?? '').toUpperCase();
    if ((t === 'ISO' || t === '') && /^[0-2](\.\d+)+$/.test(universal)) return `urn:oid:${universal}`;
    if ((t === 'UUID' || t === 'GUID') && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(universal)) return `urn:uuid:${universal.toLowerCase()}`;
    if (/^(https?|urn):\S+$/i.test(universal)) return universal;
  }
  if (ns !== undefined && /^[0-2](\.\d+)+$/.test(ns)) return `urn:oid:${ns}`;
  if (ns !== undefined && /^(https?|urn):\S+$/i.test(ns)) return ns;
  return undefined;
}

/** System URI of an HD held in one component's subcomponents (CX-4, EI-2..4 style). */
export function hdSystem(rep: Repetition | undefined, c: number, ctx: DatatypeContext): string | undefined {
  return authoritySystem(val(rep, c, 1), val(rep, c, 2), val(rep, c, 3), ctx);
}

/** The authority key used for deterministic ids: the system URI, else the raw namespace id. */
export function authorityKey(identifier: Json): string {
  if (typeof identifier.system === 'string') return identifier.system;
  const assigner = identifier.assigner as Json | undefined;
  return typeof assigner?.display === 'string' ? `ns:${assigner.display}` : '';
}

/** An HD as a display-only Reference (pure datatype use, without a conversion to make the resource). */
function displayOf(hd: Repetition): Json | undefined {
  const name = val(hd, 1) ?? val(hd, 2);
  return name === undefined ? undefined : { display: name };
}

/** CX → Identifier (value 1, system 4, type 5, period 7/8, assigner 4.1 when no URI; CX.6 → v2-assigningFacility, unnamed-extension.ts). */
export function cxIdentifier(rep: Repetition | undefined, ctx: DatatypeContext): Json | undefined {
  const value = val(rep, 1);
  if (value === undefined) return undefined;
  const id: Json = {};
  // [IG CX[Identifier] CX.5 → type.coding.code via IdentifierType]: v2-0203 only on a table code
  const type = codeFromTable(val(rep, 5), '0203', 'IdentifierType', (why) => ctx.leftOutValue?.(`CX.5 (identifier type): ${why}`));
  if (type !== undefined) id.type = type;
  // [IG CX[Identifier] #4 system, #5 type] the type's system only beside no authority or its own (R40-W1)
  const system = hdSystem(rep, 4, ctx) ?? typeSystem(val(rep, 5), val(rep, 4, 1) ?? val(rep, 4, 2));
  if (system !== undefined) id.system = system;
  id.value = value;
  const period = toPeriod(val(rep, 7), val(rep, 8), ctx.timezone, (w) => ctx.invalidDate?.(`CX period ${w}`), ctx.timeDoubt);
  if (period !== undefined) id.period = period;
  const ns = val(rep, 4, 1) ?? val(rep, 4, 2);
  if (ns !== undefined) {
    const hd = (rep?.[3] ?? []).map((s) => [s]);
    id.assigner = ctx.assigner?.(hd) ?? { display: ns };
  }
  const digits = rep === undefined ? [] : checkDigit(rep, 2, 3, 'CX', extensionSettings(ctx), ctx.reportFor?.(rep) ?? ctx.leftOutValue);
  // [IG CX[Identifier] CX.6 → extension??-assigningFacility, Reference(Organization) via
  // HD[Organization]] hig's v2-assigningFacility (unnamed-extension.ts), the Organization made as
  // CX.4's assigner is; never part of an identity (ids use system and value only)
  const facility = componentHd(rep, 6);
  if (rep !== undefined && facility !== undefined) {
    const hd = facility;
    const ext = unnamedExtension(
      extensionSettings(ctx),
      'assigningFacility',
      'valueReference',
      () => (ctx.assigner === undefined ? displayOf(hd) : ctx.assigner(hd)),
      ctx.reportFor?.(rep) ?? ctx.leftOutValue,
      'CX.6 (assigning facility)',
      'an assigning facility without a namespace id or universal id (HD.1/HD.2)',
    );
    if (ext !== undefined) return { extension: [ext, ...digits], ...id };
  }
  return digits.length === 0 ? id : { extension: digits, ...id };
}

const CHECK_DIGIT = 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit';

/**
 * [IG CX[Identifier] CX.2, XCN[Practitioner] XCN.11 → extension identifier-checkDigit
 * (valueString)] an identifier's check digit, sent beside its value; [IG CX.3, XCN.12 →
 * namingsystem-checkDigit] its scheme (`M11`) as hig's v2-checkDigitScheme on the Identifier
 * (**deviation**: the IG's extension has context NamingSystem in the FHIR extensions registry, so on
 * an Identifier a validating server refuses the resource), or reported under `unnamedExtensions:
 * report`. Until review 14's follow-up both were read past without a line (PID-3
 * `PATID1234^5^M11` in 84 of the corpus's messages).
 */
export function checkDigit(rep: Repetition | undefined, digit: number, scheme: number, type: string, settings: ExtensionSettings, report: ((what: string) => void) | undefined): Json[] {
  const out: Json[] = [];
  const value = val(rep, digit);
  if (value !== undefined) out.push({ url: CHECK_DIGIT, valueString: value });
  const name = val(rep, scheme);
  if (name === undefined) return out;
  if (settings.mode === 'emit') out.push({ url: unnamedExtensionUrl('checkDigitScheme', settings.base), valueString: name });
  else report?.(`${type}.${scheme} (check digit scheme): the IG's namingsystem-checkDigit extension is for a NamingSystem, not an Identifier`);
  return out;
}

/**
 * The one owner of the parent rule (DG1-22, PR1-25, SPM-3, OBR-29: a parent named by its number):
 * the parent as a logical Reference `{ type, identifier }`, `identifier` made by the caller exactly
 * as the parent's own number is made as that resource's identifier (DG1-20, PR1-19: eiIdentifier;
 * SPM-2: PGN/FGN, OBR-2/3: PLAC/FILL), with or without a system. Never a literal `reference` and
 * never a search: R4 does not resolve a logical reference ("may not be resolvable", Reference.identifier),
 * and nothing in hig turns one into a search URL or resolves it (bundle.ts and patch.ts rewrite
 * only `urn:uuid:` literals). Until parents16 a number without a system made no Reference and was
 * reported (review 7: a *resolvable* reference by a bare `DG1001` could land on another patient's
 * diagnosis); a logical one lands nowhere, and the number is a fact of the message the receiver
 * needs. A parent of the same message keeps its literal `urn:uuid:` reference (the callers'
 * business). An EI without EI.1 (`sent` but no identifier) names nothing: `report`ed.
 */
export function parentReference(type: string, identifier: Json | undefined, sent: boolean, what: string, report: (why: string) => void): Json | undefined {
  if (identifier !== undefined) return { type, identifier };
  if (sent) report(`a parent ${what} without an entity identifier (EI.1)`);
  return undefined;
}

/**
 * CWE → Identifier [IG CWE[Identifier]]: CWE.1 value, CWE.3 as a system when it names a URI (IN1-2,
 * AIS-3/11/12).
 */
export function cweIdentifier(rep: Repetition | undefined): Json | undefined {
  const value = val(rep, 1);
  if (value === undefined) return undefined;
  const system = codingSystemUri(val(rep, 3));
  return system === undefined ? { value } : { system, value };
}

/** EI (entity identifier: 1 id, 2 namespace, 3 universal id, 4 type) → Identifier. */
export function eiIdentifier(rep: Repetition | undefined, ctx: DatatypeContext, typeCode?: string): Json | undefined {
  const value = val(rep, 1);
  if (value === undefined) return undefined;
  const id: Json = {};
  if (typeCode !== undefined) id.type = tableConcept('0203', typeCode);
  const system = authoritySystem(val(rep, 2), val(rep, 3), val(rep, 4), ctx);
  if (system !== undefined) id.system = system;
  id.value = value;
  const ns = val(rep, 2) ?? val(rep, 3);
  if (system === undefined && ns !== undefined) id.assigner = { display: ns };
  const authority = system === undefined ? eiAuthorityExtension(rep, ctx) : undefined;
  return authority === undefined ? id : { extension: [authority], ...id };
}

/** [IG EI[Identifier-Extension] EI.2–EI.4] the sub-extensions of extension??-assigningauthority, in the rows' order. */
const EI_AUTHORITY_PARTS: readonly [component: number, url: string, valueKey: string][] = [
  [2, 'nameSpaceID', 'valueString'],
  [3, 'universalID', 'valueString'],
  [4, 'universalIDType', 'valueCode'],
];

/**
 * [IG EI[Identifier-Extension] EI.2 → extension??-assigningauthority.nameSpaceID, EI.3 →
 * .universalID, EI.4 → .univeralIDType (code)] An EI.3/EI.4 that names no system (a universal id
 * of a type hig makes no URI of: DG1-20's `…^1.3.6.1.4.1.44750.1.2.2^CLIP`, OBR-3's `8.7.6.4^ISO`,
 * no OID) → hig's `v2-assigningauthority` on the Identifier, its three parts as sent (EI.2 stays
 * the assigner's display too, as before). Only then: with a system the authority is the system,
 * and EI.2 alone is the assigner. Under unnamedExtensions 'report' the line of review 9 #3, as
 * before (reviews 11/13 counted the reported EI.3/EI.4 as an (a*) loss in 13 of 50 messages).
 */
function eiAuthorityExtension(rep: Repetition | undefined, ctx: DatatypeContext): Json | undefined {
  if (rep === undefined || (val(rep, 3) === undefined && val(rep, 4) === undefined)) return undefined;
  const report = ctx.reportFor?.(rep) ?? ctx.leftOutValue;
  const settings = extensionSettings(ctx);
  if (settings.mode === 'report') {
    // EI.3 alone is the assigner's display; with EI.2 beside it, EI.3/EI.4 kept no trace (review 9 #3 SPM-32)
    if (val(rep, 2) !== undefined && val(rep, 3) !== undefined) report?.('EI.3/EI.4 (universal id and its type): an assigning authority that names no system; only EI.2 kept (as assigner)');
    return undefined;
  }
  const parts = EI_AUTHORITY_PARTS.flatMap(([c, url, key]) => {
    const v = val(rep, c);
    return v === undefined ? [] : [{ url, [key]: v }];
  });
  return unnamedExtension(settings, 'assigningauthority', 'extension', () => parts, report, 'EI.3/EI.4 (universal id and its type)');
}

/** An identifier from a subcomponent-level EI (e.g. SPM-2.1 inside an EIP). */
export function eiFromComponent(rep: Repetition | undefined, c: number, ctx: DatatypeContext, typeCode?: string): Json | undefined {
  const comp = rep?.[c - 1];
  if (comp === undefined) return undefined;
  return eiIdentifier(comp.map((s) => [s]), ctx, typeCode);
}

/** HD → uri (for MessageHeader endpoints and similar). */
export function hdUri(rep: Repetition | undefined, ctx: DatatypeContext): string | undefined {
  return authoritySystem(val(rep, 1), val(rep, 2), val(rep, 3), ctx);
}
