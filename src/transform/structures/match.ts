/**
 * Walks a message's segments through its structure definition and returns the segment-group
 * tree (ORDER_OBSERVATION, SPECIMEN, …). Greedy like HAPI's parser, and lenient: a segment that
 * fits nowhere (a Z segment, a segment of a later version, one out of order) is kept in the
 * group where it appeared, marked `expected: false`, so mapping can still use or report it.
 */
import type { Segment } from '../../hl7/message.js';
import { type ElementDef, type GroupDef, firstSet } from './grammar.js';

export interface SegmentNode {
  kind: 'segment';
  segment: Segment;
  /** 0-based position in the message. */
  index: number;
  expected: boolean;
}

export interface GroupNode {
  kind: 'group';
  name: string;
  children: (SegmentNode | GroupNode)[];
}

function accepts(el: ElementDef, name: string): boolean {
  return el.kind === 'segment' ? el.name === name : firstSet(el).has(name);
}

function acceptsFrom(def: GroupDef, from: number, name: string): boolean {
  for (let j = from; j < def.children.length; j++) {
    const child = def.children[j];
    if (child !== undefined && accepts(child, name)) return true;
  }
  return false;
}

export function matchStructure(def: GroupDef, segments: readonly Segment[]): GroupNode {
  let pos = 0;

  const matchGroup = (g: GroupDef, ancestorTakes: (name: string) => boolean): GroupNode => {
    const node: GroupNode = { kind: 'group', name: g.name, children: [] };
    let ci = 0;
    while (pos < segments.length) {
      const seg = segments[pos];
      if (seg === undefined) break;
      let j = ci;
      while (j < g.children.length && !accepts(g.children[j] as ElementDef, seg.name)) j++;
      const child = g.children[j];
      if (child !== undefined) {
        const next = child.repeat ? j : j + 1;
        if (child.kind === 'segment') {
          node.children.push({ kind: 'segment', segment: seg, index: pos, expected: true });
          pos++;
        } else {
          const before = pos;
          const sub = matchGroup(child, (n) => acceptsFrom(g, next, n) || ancestorTakes(n));
          if (pos === before) {
            // cannot happen for a consistent first set; guard against looping forever
            node.children.push({ kind: 'segment', segment: seg, index: pos, expected: false });
            pos++;
          } else node.children.push(sub);
        }
        ci = next;
        continue;
      }
      if (ancestorTakes(seg.name)) break;
      node.children.push({ kind: 'segment', segment: seg, index: pos, expected: false });
      pos++;
    }
    return node;
  };

  return matchGroup(def, () => false);
}
