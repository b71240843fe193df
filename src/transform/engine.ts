/**
 * The one generic engine: walk the structure's group tree, call each segment's mapper with the
 * scope of its group, and remember what was not mapped.
 */
import type { Conversion, SegmentReader } from './context.js';
import { flushOrc } from './segments/order.js';
import { MAPPERS } from './segments/index.js';
import { type Scope, childScope } from './segments/scope.js';
import type { GroupNode, SegmentNode } from './structures/match.js';

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
/** Structural segments with nothing to map (continuation, batch) stay quiet in the report. */
const SILENT = new Set(['DSC']);

export function walk(root: GroupNode, scope: Scope, cx: Conversion): WalkResult {
  const result: WalkResult = { unmapped: [], unexpected: [], mapped: [] };
  const visit = (node: GroupNode, s: Scope): void => {
    for (const child of node.children) {
      if (child.kind === 'group') {
        const inner = childScope(s);
        visit(child, inner);
        flushOrc(inner, cx);
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
      mapper(reader, s, cx);
      if (reader.used.size === 0) result.unmapped.push(child);
      else result.mapped.push(reader);
    }
  };
  visit(root, scope);
  flushOrc(scope, cx);
  return result;
}
