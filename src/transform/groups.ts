/**
 * The message's real segment-group tree as segment mappers see it ("the ORC of my order group",
 * "the OBR of my observation group", "the RXA of my dose group").
 *
 * The structure matcher (structures/match.ts) groups the segments by the standard's abstract
 * syntax; this module wraps each group in a GroupFrame and answers the two questions mappers ask:
 *  - which ORC does an order-detail segment (OBR, RXO, RXE, RXA, RXD, RXG) belong to, and is an
 *    ORC claimed by any detail at all (a lone ORC is an order of its own);
 *  - which resource did the mapper of a segment of an enclosing group make (the dose's
 *    Immunization for an OBX of that dose, the order's MedicationRequest for an RXE after its RXO).
 *
 * [IG ORM_O01 4.2.1.1] OBR content goes "into the ServiceRequest created from the ORC segment in
 * the same segment group"; likewise RXO/RXE/RXA with their ORC in RDE_O11, RDS_O13, VXU_V04 and
 * every other structure whose ORDER-like group nests the detail under the ORC.
 */
import type { SegmentNode, GroupNode } from './structures/match.js';
import type { Resource } from './types.js';

/** Segments that say what an order is for; each is paired with the ORC of its order group. */
export const ORDER_DETAILS: ReadonlySet<string> = new Set(['OBR', 'RXO', 'RXE', 'RXA', 'RXD', 'RXG']);

/** What a frame needs from the conversion: the resources each segment's mapper made. */
export interface MadeLookup {
  madeAt(index: number): readonly Resource[];
}

/** One segment group of the message (the root frame is the whole message, named after its structure). */
export class GroupFrame {
  readonly name: string;
  readonly children: GroupFrame[] = [];
  constructor(
    readonly node: GroupNode,
    readonly parent: GroupFrame | undefined,
    private readonly lookup: MadeLookup,
  ) {
    this.name = node.name;
  }

  /** `ORU_R01/PATIENT_RESULT/ORDER_OBSERVATION`: where this group sits, for messages and tests. */
  get path(): string {
    return this.parent === undefined ? this.name : `${this.parent.path}/${this.name}`;
  }

  /** The segments directly in this group (not in nested groups) named `segment`, in message order. */
  nodes(segment: string): SegmentNode[] {
    const out: SegmentNode[] = [];
    for (const c of this.node.children) if (c.kind === 'segment' && c.segment.name === segment) out.push(c);
    return out;
  }

  /** True when this group directly holds a `segment` segment. */
  holds(segment: string): boolean {
    return this.node.children.some((c) => c.kind === 'segment' && c.segment.name === segment);
  }

  /** This frame or the nearest enclosing one that directly holds a `segment` segment. */
  closest(segment: string): GroupFrame | undefined {
    for (let f: GroupFrame | undefined = this; f !== undefined; f = f.parent) if (f.holds(segment)) return f;
    return undefined;
  }

  /** The nearest enclosing frame (this one included) named `name`, e.g. 'ORDER'. */
  enclosing(name: string): GroupFrame | undefined {
    for (let f: GroupFrame | undefined = this; f !== undefined; f = f.parent) if (f.name === name) return f;
    return undefined;
  }

  /**
   * Resources (of `type`, when given) that the mappers of this group's own `segment` segments
   * made so far, in message order. Empty until those segments are mapped: a group's segments are
   * mapped in message order, so a segment sees what precedes it.
   */
  made(segment: string, type?: string): Resource[] {
    const out: Resource[] = [];
    for (const n of this.nodes(segment)) {
      for (const r of this.lookup.madeAt(n.index)) if ((type === undefined || r.resourceType === type) && !out.includes(r)) out.push(r);
    }
    return out;
  }

  /** Index of the first segment of this group (nested groups included), for "nearest before" choices. */
  firstIndex(): number {
    for (const c of this.node.children) {
      if (c.kind === 'segment') return c.index;
      const inner = this.children.find((f) => f.node === c)?.firstIndex();
      if (inner !== undefined && inner >= 0) return inner;
    }
    return -1;
  }
}

/**
 * The frames of one message, with the order pairing worked out once: for each order-detail
 * segment, the ORC it belongs to.
 */
export class GroupTree {
  readonly root: GroupFrame;
  private readonly frameBySegment = new Map<number, GroupFrame>();
  private readonly frameByNode = new Map<GroupNode, GroupFrame>();
  private readonly orcByDetail = new Map<number, SegmentNode | undefined>();
  private readonly detailsByOrc = new Map<number, SegmentNode[]>();

  constructor(root: GroupNode, made: MadeLookup) {
    const build = (node: GroupNode, parent: GroupFrame | undefined): GroupFrame => {
      const frame = new GroupFrame(node, parent, made);
      this.frameByNode.set(node, frame);
      for (const c of node.children) {
        if (c.kind === 'segment') this.frameBySegment.set(c.index, frame);
        else frame.children.push(build(c, frame));
      }
      return frame;
    };
    this.root = build(root, undefined);
    for (const [index, frame] of this.frameBySegment) {
      const node = frame.node.children.find((c): c is SegmentNode => c.kind === 'segment' && c.index === index);
      if (node === undefined || !ORDER_DETAILS.has(node.segment.name)) continue;
      const orc = findOrc(frame, index);
      this.orcByDetail.set(index, orc);
      if (orc !== undefined) {
        const list = this.detailsByOrc.get(orc.index) ?? [];
        list.push(node);
        this.detailsByOrc.set(orc.index, list);
      }
    }
  }

  /** The frame of the group a segment (by 0-based message index) sits in. */
  frameOf(index: number): GroupFrame | undefined {
    return this.frameBySegment.get(index);
  }

  frameOfNode(node: GroupNode): GroupFrame | undefined {
    return this.frameByNode.get(node);
  }

  /** The ORC an order-detail segment belongs to; undefined when its order has none. */
  orcOf(detailIndex: number): SegmentNode | undefined {
    return this.orcByDetail.get(detailIndex);
  }

  /** The order-detail segments that belong to an ORC, in message order (empty: a lone ORC). */
  detailsOf(orcIndex: number): readonly SegmentNode[] {
    return this.detailsByOrc.get(orcIndex) ?? [];
  }

  /** Details sharing the ORC of `detailIndex` (itself included); just itself when it has no ORC. */
  orderOf(detailIndex: number): readonly number[] {
    const orc = this.orcOf(detailIndex);
    return orc === undefined ? [detailIndex] : this.detailsOf(orc.index).map((n) => n.index);
  }
}

/**
 * The ORCs of a group: its own, and that of a COMMON_ORDER child group holding no detail (v2.9
 * ORU_R01 ORDER_OBSERVATION(COMMON_ORDER(ORC …) OBR …) [IG ORU_R01 4.2.1, 4.2.2]: the ORC and the
 * OBR beside its group are one order).
 */
function orcsOf(f: GroupFrame): SegmentNode[] {
  const own = f.nodes('ORC');
  const common = f.children.find((c) => c.name === 'COMMON_ORDER' && ![...ORDER_DETAILS].some((d) => c.holds(d)));
  if (common === undefined) return own;
  return [...own, ...common.nodes('ORC')].sort((a, b) => a.index - b.index);
}

/**
 * The ORC of the detail at `index` in `frame`: the nearest ORC before it in its own group, else in
 * the nearest enclosing group that holds one (ORM_O01 ORDER holds the ORC, ORDER_DETAIL the OBR;
 * OUL_R22 puts the ORC after its OBR in the same group). Climbing stops at a group that holds
 * another order's detail segment and no ORC (OML_O21's PRIOR_RESULT OBR must not take the
 * current order's ORC).
 */
function findOrc(frame: GroupFrame, index: number): SegmentNode | undefined {
  let at = index;
  for (let f: GroupFrame | undefined = frame; f !== undefined; f = f.parent) {
    const orcs = orcsOf(f);
    if (orcs.length > 0) {
      let before: SegmentNode | undefined;
      for (const o of orcs) if (o.index < at) before = o;
      return before ?? orcs[0];
    }
    if (f !== frame && [...ORDER_DETAILS].some((d) => f.holds(d))) return undefined;
    at = f.firstIndex();
  }
  return undefined;
}
