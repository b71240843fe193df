/**
 * IG rows whose target is an extension the IG leaves unnamed (`extension??-…`, no URL): [IG
 * CX[Identifier] CX.6 → extension??-assigningFacility], [IG PID[Patient] #27 →
 * extension??-veteranMilitaryStatus], [IG TQ1[ServiceRequest] #10 →
 * extension??-performance-condition], [IG TQ[ServiceRequest] / TQ[MedicationRequest] TQ.7 →
 * extension??-condition], [IG XCN[Practitioner] XCN.14 → identifier.extension??-assigningFacility],
 * [IG XON[Organization] XON.2 → extension??-nameType, XON.8 → identifier.extension??-location],
 * [IG PID[Patient] #31 → extension??-identityUnknown], [IG ORC[ServiceRequest] #25 →
 * extension??-statusModifier], [IG ORC[ServiceRequest] #16 → extension??-orderControlCodeReason], [IG ORC[ServiceRequest] #31 → basedOn[1].extension??-parent.service],
 * [IG SPM[Specimen] #9 → collection.extension??-bodySiteModifier], [IG RXR[MedicationRequest] #3 →
 * dosageInstruction.extension??-device], [IG TQ1[MedicationRequest] #12 → extension??-conjunction],
 * [IG EI[Identifier-Extension] EI.2–EI.4 → extension??-assigningauthority.<part>] (complex),
 * [IG SFT[MessageHeader] #1, #4, #5, #6 → source.extension??-vendorOrganization/-binaryIdentifier/
 * -description/-installDate].
 *
 * [hig unnamed-extension rule, docs/mapping.md "Extensions the IG leaves unnamed"] hig defines
 * each as its own extension `<base>v2-<name>` (the IG's name), `<base>` the channel's
 * `conversion.extensionBase` (default DEFAULT_EXTENSION_BASE), each with a StructureDefinition
 * in docs/fhir/. With `conversion.unnamedExtensions: 'report'` a site that wants no extension
 * outside the IG gets the report line instead (one line per field, never the value), as before
 * issue 14. Until review 9 these values were read past silently (CX.6 in 19 of 25 messages).
 */
import type { Repetition } from '../../hl7/message.js';
import type { Json } from '../types.js';
import { hasValue, sub } from './primitive.js';

/** Where hig's own extensions live unless the channel says otherwise (`.example` never collides). */
export const DEFAULT_EXTENSION_BASE = 'https://hig.example/fhir/StructureDefinition/';

/** A channel's `conversion.extensionBase`: an http(s) URL ending in `/` (the shape; isExtensionBase decides). */
export const EXTENSION_BASE_PATTERN = /^https?:\/\/[^\s/]+(\/[^\s]*)?\/$/;

/**
 * Whether `v` can prefix an extension URL: the pattern, and a URL that parses (a host, a port in
 * range) with no user, password, query or fragment, and no `|` (a canonical's version separator).
 * The pattern alone took `https://:/` and `https://host:99999/` (review 12).
 */
export function isExtensionBase(v: string): boolean {
  if (!EXTENSION_BASE_PATTERN.test(v) || v.includes('|')) return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && u.username === '' && u.password === '' && u.search === '' && u.hash === '';
  } catch {
    return false;
  }
}

/** How the unnamed-extension rows are treated on a channel. */
export interface ExtensionSettings {
  /** Prefix of every hig-defined extension URL (ends in `/`). */
  base: string;
  /** `emit`: the extension; `report`: the report line and no extension (before issue 14). */
  mode: 'emit' | 'report';
}

export const DEFAULT_EXTENSION_SETTINGS: ExtensionSettings = { base: DEFAULT_EXTENSION_BASE, mode: 'emit' };

/**
 * The extensions hig defines for `extension??-<name>` rows (and `checkDigitScheme`, for an IG row whose named extension FHIR allows on a NamingSystem only; and `explicitTime`, the one IG row FHIR
 * cannot hold beside another: TQ1-4's timeOfDay beside RPT.8's when, FHIR tim-10), one owner for the converter, the
 * StructureDefinitions in docs/fhir/ (test/transform/unnamed-extensions.test.ts checks each file
 * against this list) and docs/mapping.md. `context`: the FHIR element the IG row's target path
 * hangs the extension on; `value`: the value[x] type (`targets` for a Reference).
 */
export interface UnnamedExtensionDef {
  /** The IG's name after `extension??-` (explicitTime: the v2 field's name); the URL is `<base>v2-<name>`. */
  name: string;
  context: readonly string[];
  /** `complex`: no value[x], the sub-extensions `parts` instead (an IG target with `.part` names). */
  value: 'Reference' | 'CodeableConcept' | 'Coding' | 'string' | 'boolean' | 'time' | 'dateTime' | 'complex';
  targets?: readonly string[];
  /** A complex extension's sub-extensions: url (the IG's part name) and value[x] type, each 0..1. */
  parts?: readonly { url: string; value: 'string' | 'code' }[];
  /** The IG rows, as tags. */
  rows: readonly string[];
  /** The row's cardinality is 0..* (one extension per repetition). */
  repeats?: true;
}

export const UNNAMED_EXTENSIONS: readonly UnnamedExtensionDef[] = [
  {
    name: 'assigningFacility',
    context: ['Identifier'],
    value: 'Reference',
    // CX rows: Reference(Organization) via HD[Organization]; XCN rows: Reference(Location) via HD[Location]
    targets: ['Organization', 'Location'],
    rows: ['CX[Identifier] CX.6', 'CX[RelatedPerson-Mother] CX.6', 'XCN[Practitioner] XCN.14'],
  },
  { name: 'veteranMilitaryStatus', context: ['Patient'], value: 'CodeableConcept', rows: ['PID[Patient] #27'] },
  { name: 'performance-condition', context: ['ServiceRequest'], value: 'string', rows: ['TQ1[ServiceRequest] #10'] },
  { name: 'condition', context: ['ServiceRequest', 'MedicationRequest'], value: 'string', rows: ['TQ[ServiceRequest] TQ.7', 'TQ[MedicationRequest] TQ.7'] },
  { name: 'nameType', context: ['Organization'], value: 'Coding', rows: ['XON[Organization] XON.2'] },
  { name: 'location', context: ['Identifier'], value: 'Reference', targets: ['Location'], rows: ['XON[Organization] XON.8'] },
  { name: 'identityUnknown', context: ['Patient'], value: 'boolean', rows: ['PID[Patient] #31'] },
  { name: 'statusModifier', context: ['ServiceRequest'], value: 'CodeableConcept', rows: ['ORC[ServiceRequest] #25'] },
  // beside an ORC-5 only: without one, ORC-16 is the IG's request-statusReason (order.ts)
  { name: 'orderControlCodeReason', context: ['ServiceRequest', 'MedicationRequest'], value: 'CodeableConcept', rows: ['ORC[ServiceRequest] #16'] },
  // the IG writes `parent.service`; a dot in a StructureDefinition name is no identifier, so `-`
  { name: 'parent-service', context: ['ServiceRequest.basedOn'], value: 'CodeableConcept', rows: ['ORC[ServiceRequest] #31'] },
  { name: 'device', context: ['Dosage'], value: 'Reference', targets: ['Device'], rows: ['RXR[MedicationRequest] #3'], repeats: true },
  // TQ1-12: how this TQ1's instruction runs with the next (S after it, A beside it, C actuation time)
  { name: 'conjunction', context: ['Dosage'], value: 'Coding', rows: ['TQ1[MedicationRequest] #12'] },
  { name: 'bodySiteModifier', context: ['Specimen.collection'], value: 'CodeableConcept', rows: ['SPM[Specimen] #9'], repeats: true },
  { name: 'noteType', context: ['Annotation'], value: 'CodeableConcept', rows: ['NTE[Observation] #4', 'NTE[ServiceRequest] #4'] },
  { name: 'publicityCode', context: ['Encounter'], value: 'CodeableConcept', rows: ['PV2[Encounter] #21'] },
  { name: 'admissionLevelOfCare', context: ['Encounter'], value: 'CodeableConcept', rows: ['PV2[Encounter] #40'] },
  { name: 'addressType', context: ['Address'], value: 'CodeableConcept', rows: ['XAD[Address] #7 extension[2]'] },
  // not unnamed rows either: PID-10 / PID-22 "use the local extension"; a code of a code set no national extension names (R62-L1)
  { name: 'race', context: ['Patient'], value: 'CodeableConcept', rows: ['PID[Patient] #10'], repeats: true },
  { name: 'ethnicGroup', context: ['Patient'], value: 'CodeableConcept', rows: ['PID[Patient] #22'], repeats: true },
  { name: 'visitUserCode', context: ['Encounter'], value: 'CodeableConcept', rows: ['PV2[Encounter] #7'], repeats: true },
  // not an unnamed row: TQ1-4's core target timeOfDay, which FHIR tim-10 forbids beside a when (placeTimes)
  { name: 'explicitTime', context: ['Timing.repeat'], value: 'time', rows: ['TQ1[ServiceRequest] #4', 'TQ1[MedicationRequest] #4', 'RI[Timing] RI.2'], repeats: true },
  // not an unnamed row either: the IG names namingsystem-checkDigit, whose context is NamingSystem
  // (identifier.ts checkDigit), so on an Identifier hig writes its own
  { name: 'checkDigitScheme', context: ['Identifier'], value: 'string', rows: ['CX[Identifier] CX.3', 'XCN[Practitioner] XCN.12', 'XON[Organization] XON.5'] },
  { name: 'vendorOrganization', context: ['MessageHeader.source'], value: 'Reference', targets: ['Organization'], rows: ['SFT[MessageHeader] #1'] },
  { name: 'binaryIdentifier', context: ['MessageHeader.source'], value: 'string', rows: ['SFT[MessageHeader] #4'] },
  { name: 'description', context: ['MessageHeader.source'], value: 'string', rows: ['SFT[MessageHeader] #5'] },
  { name: 'installDate', context: ['MessageHeader.source'], value: 'dateTime', rows: ['SFT[MessageHeader] #6'] },
  {
    name: 'assigningauthority',
    context: ['Identifier'],
    value: 'complex',
    // the IG's third part is spelt `univeralIDType`; hig spells the HD component's name
    parts: [
      { url: 'nameSpaceID', value: 'string' },
      { url: 'universalID', value: 'string' },
      { url: 'universalIDType', value: 'code' },
    ],
    rows: ['EI[Identifier-Extension] EI.2', 'EI[Identifier-Extension] EI.3', 'EI[Identifier-Extension] EI.4'],
  },
];

/** The settings a datatype mapper sees (absent in pure datatype tests: the defaults). */
export function extensionSettings(ctx: { extensions?: ExtensionSettings | undefined }): ExtensionSettings {
  return ctx.extensions ?? DEFAULT_EXTENSION_SETTINGS;
}

/** The URL hig gives `extension??-${name}` under `base`. */
export function unnamedExtensionUrl(name: string, base: string = DEFAULT_EXTENSION_BASE): string {
  return `${base}v2-${name}`;
}

/** The report line's reason for a component the IG maps to the unnamed `extension??-${name}`. */
export function unnamedExtensionWhy(component: string, name: string): string {
  return `${component}: the IG row names an unnamed extension (extension??-${name})`;
}

/**
 * The value of a valued field (or component) whose IG row names `extension??-${name}`, as the
 * extension `{ url, [valueKey]: value }` when the channel emits them; undefined when there is
 * nothing to say, when it reports instead (`report` gets the line), or when the value has no form
 * the extension's type can hold (`report` gets `noValueWhy`).
 */
export function unnamedExtension(
  settings: ExtensionSettings,
  name: string,
  valueKey: string,
  value: () => unknown,
  report: ((what: string) => void) | undefined,
  component: string,
  noValueWhy?: string,
): Json | undefined {
  if (settings.mode === 'report') {
    report?.(unnamedExtensionWhy(component, name));
    return undefined;
  }
  const v = value();
  if (v === undefined) {
    report?.(`${component}: ${noValueWhy ?? 'a value the extension cannot hold'}`);
    return undefined;
  }
  return { url: unnamedExtensionUrl(name, settings.base), [valueKey]: v };
}

/** Reports component `c` of `rep` when valued (any subcomponent): its IG row's extension has no name. */
export function reportUnnamedExtension(rep: Repetition | undefined, c: number, component: string, name: string, report: ((what: string) => void) | undefined): void {
  if (report !== undefined && hasValue(sub(rep, c))) report(unnamedExtensionWhy(component, name));
}

/** Component `c` of `rep` as an HD (one subcomponent per component), when valued. */
export function componentHd(rep: Repetition | undefined, c: number): Repetition | undefined {
  const hd = sub(rep, c);
  return hasValue(hd) ? hd : undefined;
}

/** Appends `ext` to `target.extension` (created on first use). */
export function addExtension(target: Json, ext: Json | undefined): void {
  if (ext === undefined) return;
  const list = target.extension;
  if (!Array.isArray(list)) target.extension = [ext];
  // the same fact twice (one TQ1 read for a request twice) is one extension
  else if (!list.some((e) => JSON.stringify(e) === JSON.stringify(ext))) list.push(ext);
}
