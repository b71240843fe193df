/**
 * Walks a message's segments through its structure definition and returns the segment-group
 * tree (ORDER_OBSERVATION, SPECIMEN, …). Greedy like HAPI's parser, and lenient: a segment that
 * fits nowhere (a Z segment, a segment of a later version, one out of order) is kept in the
 * group where it appeared, marked `expected: false`, so mapping can still use or report it.
 */
import type { Segment } from '../../hl7/message.js';
import { type ElementDef, type GroupDef, type SegmentDef, firstSet } from './grammar.js';

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

function acceptsFrom(def: GroupDef, from: number, name: string, how: (el: ElementDef, name: string) => boolean = accepts): boolean {
  for (let j = from; j < def.children.length; j++) {
    const child = def.children[j];
    if (child !== undefined && how(child, name)) return true;
  }
  return false;
}

/** True when `name` is the required first segment of `el` (ORC of OML_O21 ORDER, not of ORDER_PRIOR's [ORC]). */
function leads(el: ElementDef, name: string): boolean {
  if (el.kind === 'segment') return el.name === name;
  if (el.kind === 'choice') return el.options.some((o) => leads(o, name));
  const first = el.children[0];
  return first !== undefined && !first.optional && leads(first, name);
}

/** The element standing in `el`'s place for a segment `name` that `el` accepts: a choice's alternative. */
function chosen(el: ElementDef, name: string): SegmentDef | GroupDef | undefined {
  if (el.kind !== 'choice') return el;
  for (const option of el.options) if (accepts(option, name)) return chosen(option, name);
  return undefined;
}

export function matchStructure(def: GroupDef, segments: readonly Segment[]): GroupNode {
  let pos = 0;

  /**
   * `ancestorTakes(n)`: an enclosing group accepts n after the current one; `ancestorLeads(n)`: n
   * is the required first segment of what an enclosing group accepts next. A segment that only
   * optionally starts a nested group (OML_O21 PRIOR_RESULT's ORDER_PRIOR [ORC]) but is the
   * required leader of the enclosing repeating group (ORDER's ORC) starts the enclosing group's
   * next repetition: the next order, not a prior result of this one.
   */
  const matchGroup = (g: GroupDef, ancestorTakes: (name: string) => boolean, ancestorLeads: (name: string) => boolean): GroupNode => {
    const node: GroupNode = { kind: 'group', name: g.name, children: [] };
    let ci = 0;
    while (pos < segments.length) {
      const seg = segments[pos];
      if (seg === undefined) break;
      let j = ci;
      while (j < g.children.length && !accepts(g.children[j] as ElementDef, seg.name)) j++;
      const slot = g.children[j];
      // a choice stands for the alternative that takes this segment; the slot's [ ] { } still apply
      const child = slot === undefined ? undefined : chosen(slot, seg.name);
      if (slot !== undefined && child !== undefined && !(child.kind === 'group' && !leads(child, seg.name) && ancestorLeads(seg.name))) {
        const next = slot.repeat ? j : j + 1;
        if (child.kind === 'segment') {
          node.children.push({ kind: 'segment', segment: seg, index: pos, expected: true });
          pos++;
        } else {
          const before = pos;
          const sub = matchGroup(
            child,
            (n) => acceptsFrom(g, next, n) || ancestorTakes(n),
            (n) => acceptsFrom(g, next, n, leads) || ancestorLeads(n),
          );
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

  return matchGroup(def, () => false, () => false);
}
