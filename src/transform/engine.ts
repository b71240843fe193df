/**
 * The one generic engine: walk the structure's group tree, call each segment's mapper with the
 * scope of its group, and remember what was not mapped.
 */
import type { Conversion, SegmentReader } from './context.js';
import type { GroupFrame } from './groups.js';
import { MAPPERS } from './segments/index.js';
import { type Scope, childScope } from './segments/scope.js';
import type { SegmentNode } from './structures/match.js';

export interface WalkResult {
  /** Segments no mapper handled (Z segments, segments without a FHIR mapping). */
  unmapped: SegmentNode[];
  /** Segments the structure did not expect where they appeared. */
  unexpected: SegmentNode[];
  /** Readers of segments that were mapped (for the unused-field report). */
  mapped: SegmentReader[];
}

/** Segments read elsewhere (MSH, EVN) or that carry no content of their own. */
const HANDLED_ELSEWHERE = new Set(['MSH', 'EVN']);
/**
 * Segments whose field 1 is a Set ID (a sequence number with no FHIR meaning): it counts as read,
 * so the report lists only fields that carry information.
 */
const SET_ID_FIRST = new Set(['PID', 'NK1', 'PV1', 'AL1', 'IAM', 'DG1', 'PR1', 'OBR', 'OBX', 'NTE', 'SPM', 'IN1', 'GT1', 'TQ1', 'FT1', 'TXA', 'AIS', 'AIG', 'AIL', 'AIP', 'RGS', 'ROL', 'PRT', 'DB1', 'ARV']);
/** Structural segments with nothing to map (continuation, batch) stay quiet in the report. */
const SILENT = new Set(['DSC', 'RGS']);

/** Walks `scope.group` (the message's root frame) and everything in it. */
export function walk(scope: Scope, cx: Conversion): WalkResult {
  const result: WalkResult = { unmapped: [], unexpected: [], mapped: [] };
  // classified after the walk: a segment may be read later by another (an ORC by its OBR)
  const visited: { node: SegmentNode; reader: SegmentReader }[] = [];
  const visit = (frame: GroupFrame, s: Scope): void => {
    for (const child of frame.node.children) {
      if (child.kind === 'group') {
        const inner = childScope(s, scope.tree.frameOfNode(child) ?? frame);
        visit(inner.group, inner);
        // the patient and visit found inside a group are the context of what follows it
        if (inner.patient !== undefined) s.patient = inner.patient;
        if (inner.encounter !== undefined) s.encounter = inner.encounter;
        continue;
      }
      if (!child.expected) result.unexpected.push(child);
      const name = child.segment.name;
      if (HANDLED_ELSEWHERE.has(name) || SILENT.has(name)) continue;
      const mapper = MAPPERS[name];
      if (mapper === undefined) {
        result.unmapped.push(child);
        continue;
      }
      const reader = cx.reader(child.segment, child.index);
      cx.mapping = child.index;
      mapper(reader, s, cx);
      cx.mapping = undefined;
      visited.push({ node: child, reader });
    }
  };
  visit(scope.group, scope);
  for (const { node, reader } of visited) {
    if (reader.used.size === 0) {
      result.unmapped.push(node);
      continue;
    }
    if (SET_ID_FIRST.has(reader.name)) reader.used.add(1);
    result.mapped.push(reader);
  }
  return result;
}
