/**
 * [hig rule, review 64 R64-N2; v2.5.1 2.A datatype definitions] The components (and subcomponents of a composite
 * component) a repetition holds past its field's own datatype: `SPS.9` of an SPS, which has 7; `LA2.4.4`, a 4th
 * subcomponent of LA2.4's HD. No mapping reads them (each reads its datatype's components), so they vanished
 * without a line; the field reader (context.ts SegmentReader.reps, which knows each field's datatype) reports them.
 * Readers that keep a field's text as sent, `^` and `&` included (NTE-3, a document's OBX-5), read it by
 * SegmentReader.textAsSent, which this check is not applied to.
 */
import type { Repetition } from '../hl7/message.js';
import { HL7_NULL } from '../hl7/message.js';
import { DATATYPE_COMPONENTS, type DatatypeShape } from './vocabulary/datatype-components.js';

const ALIASES: Readonly<Record<string, string>> = { CE: 'CWE', TS: 'DTM', TN: 'XTN' };

/**
 * Fields read in two shapes: PV1-20 FC as sent (FC.1 a CWE since v2.7, its parts subcomponents) and CWE-shaped
 * (`code^text^system`, as [IG PV1[Coverage] #20 → type, CWE[CodeableConcept]] reads it; review11-losses.test.ts).
 */
const READ_AS: Readonly<Record<string, DatatypeShape>> = { 'PV1-20': { n: 22, parts: { 1: 'CWE' } } };

function valued(s: string | undefined): boolean {
  if (s === undefined) return false;
  const t = s.trim();
  return t !== '' && t !== HL7_NULL;
}

/** How many components field `field` of datatype `type` holds as read (READ_AS, else the datatype's), if known. */
export function componentsOf(field: string, type: string | undefined): number | undefined {
  return (READ_AS[field] ?? (type === undefined ? undefined : DATATYPE_COMPONENTS[type]))?.n;
}

/** The positions valued past `type` (`SPS.9`, `LA2.4.4`); [] when none or the datatype is unknown. */
export function pastDatatype(rep: Repetition, type: string | undefined, field: string): string[] {
  const shape = READ_AS[field] ?? (type === undefined ? undefined : DATATYPE_COMPONENTS[type]);
  if (shape === undefined) return [];
  const out: string[] = [];
  for (let i = 0; i < rep.length; i++) {
    const comp = rep[i] ?? [];
    const c = i + 1;
    if (c > shape.n) {
      if (comp.some(valued)) out.push(`${type}.${c}`);
      continue;
    }
    if (comp.length < 2) continue;
    const part = shape.parts?.[c];
    const partShape = part === undefined ? undefined : DATATYPE_COMPONENTS[ALIASES[part] ?? part];
    const subs = partShape?.n ?? 1;
    for (let s = subs; s < comp.length; s++) if (valued(comp[s])) out.push(`${type}.${c}.${s + 1}`);
  }
  return out;
}
