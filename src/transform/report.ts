/**
 * The "nothing dropped silently" report: an OperationOutcome (severity information) naming
 * segments and fields the mapping did not use. Locations only, never values.
 */
import { HL7_NULL } from '../hl7/message.js';
import { splitOn } from '../hl7/encoding.js';
import type { SegmentReader } from './context.js';
import type { WalkResult } from './engine.js';
import type { Json } from './types.js';

function issue(text: string, location: string): Json {
  return { severity: 'information', code: 'informational', details: { text }, location: [location] };
}

/** True when a raw field holds more than delimiters, blanks and explicit nulls. */
function valued(raw: string, reader: SegmentReader): boolean {
  const d = reader.msg.delimiters;
  for (const part of raw.split(d.repetition)) {
    for (const comp of part.split(d.component)) {
      for (const s of splitOn(comp, d.subcomponent)) if (s.trim() !== '' && s !== HL7_NULL) return true;
    }
  }
  return false;
}

/** Fields of a mapped segment that hold a value nobody read. */
function unusedFields(reader: SegmentReader): number[] {
  const out: number[] = [];
  const first = reader.name === 'MSH' ? 3 : 1;
  const fields = reader.segment.fields;
  for (let n = first; n < fields.length; n++) {
    if (reader.used.has(n)) continue;
    const raw = fields[n];
    if (raw !== undefined && raw !== '' && valued(raw, reader)) out.push(n);
  }
  return out;
}

export function buildReport(structure: string, walked: WalkResult, extraReaders: readonly SegmentReader[], notes: readonly string[] = [], invalid: readonly string[] = []): Json {
  const issues: Json[] = notes.map((text) => ({ severity: 'information', code: 'incomplete', details: { text } }));
  for (const text of invalid) issues.push({ severity: 'information', code: 'value', details: { text } });
  for (const node of walked.unexpected) {
    issues.push(issue(`segment ${node.segment.name} (segment ${node.index + 1}) is not where structure ${structure} expects it`, `${node.segment.name}[${node.index + 1}]`));
  }
  for (const node of walked.unmapped) {
    issues.push(issue(`segment ${node.segment.name} (segment ${node.index + 1}) has no FHIR mapping; not converted`, `${node.segment.name}[${node.index + 1}]`));
  }
  for (const reader of [...extraReaders, ...walked.mapped]) {
    for (const n of unusedFields(reader)) {
      issues.push(issue(`${reader.name}-${n} (segment ${reader.index + 1}) is valued but not mapped`, `${reader.name}-${n}`));
    }
  }
  if (issues.length === 0) issues.push({ severity: 'information', code: 'informational', details: { text: 'every valued field was mapped' } });
  return { resourceType: 'OperationOutcome', issue: issues };
}
