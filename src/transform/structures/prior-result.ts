/**
 * OML_O21 prior results sent bare (no PID, PV1, AL1 or ORC to open the group).
 *
 * [v2.5.1 4.4.6 OML_O21] ORDER(ORC … [OBSERVATION_REQUEST(OBR … [{OBSERVATION(OBX)}] …
 * [{PRIOR_RESULT(… {ORDER_PRIOR([ORC] OBR … {OBSERVATION_PRIOR(OBX)})})}])]): an `OBR … OBX` after the
 * test's own OBX is, by the standard's grammar, a prior result of that test. hig reads
 * OBSERVATION_REQUEST as repeating (definitions.ts: senders put several tests under one ORC), so the
 * matcher makes that OBR one more test of the current ORC: a new order (ORC-1 NW → active) for a
 * result that is already there. A test to be done has no result yet; an OBR that carries one (a
 * result status OBR-25 or a results time OBR-22) is the prior result the grammar says it is: its
 * OBSERVATION_REQUEST is moved under the preceding test as PRIOR_RESULT(ORDER_PRIOR(…)), where it
 * keeps no ORC of the current order (groups.ts stops climbing there).
 */
import { HL7_NULL } from '../../hl7/message.js';
import type { GroupNode, SegmentNode } from './match.js';

function valued(raw: string | undefined): boolean {
  const v = raw?.trim();
  return v !== undefined && v !== '' && v !== HL7_NULL;
}

/**
 * Table 0123 result statuses that say there is no result yet: O order received, I specimen in lab,
 * S scheduled ("No results available"). An OBR with one of them is a test to do, not a prior result.
 */
const NO_RESULT = new Set(['O', 'I', 'S']);

/**
 * True when the OBSERVATION_REQUEST is a result: its OBR carries a result status (OBR-25, not one
 * of NO_RESULT) or a results time (OBR-22), and it has the OBX that ORDER_PRIOR requires
 * ({OBSERVATION_PRIOR(OBX …)} is not optional in the grammar). A bare OBR is one more test.
 */
function resulted(group: GroupNode): boolean {
  const obr = group.children.find((c): c is SegmentNode => c.kind === 'segment' && c.segment.name === 'OBR');
  if (obr === undefined) return false;
  const hasObx = group.children.some((c) => c.kind === 'group' && c.name === 'OBSERVATION' && c.children.some((s) => s.kind === 'segment' && s.segment.name === 'OBX'));
  const status = obr.segment.fields[25]?.trim().toUpperCase();
  const resultStatus = valued(status) && !NO_RESULT.has(status ?? '');
  return hasObx && (resultStatus || (!valued(status) && valued(obr.segment.fields[22])));
}

/** Rewrites `root` in place (and returns it): every resulted OBSERVATION_REQUEST after a first one becomes a PRIOR_RESULT of the test before it. */
export function foldBarePriorResults(root: GroupNode): GroupNode {
  for (const child of root.children) if (child.kind === 'group') foldBarePriorResults(child);
  let current: GroupNode | undefined;
  const kept: (GroupNode | SegmentNode)[] = [];
  for (const child of root.children) {
    if (child.kind !== 'group' || child.name !== 'OBSERVATION_REQUEST') {
      kept.push(child);
      continue;
    }
    if (current === undefined || !resulted(child)) {
      current = child;
      kept.push(child);
      continue;
    }
    const prior: GroupNode = { kind: 'group', name: 'ORDER_PRIOR', children: child.children };
    const last = current.children[current.children.length - 1];
    if (last?.kind === 'group' && last.name === 'PRIOR_RESULT') last.children.push(prior);
    else current.children.push({ kind: 'group', name: 'PRIOR_RESULT', children: [prior] });
  }
  root.children = kept;
  return root;
}
