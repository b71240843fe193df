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

/** True when the OBSERVATION_REQUEST's OBR carries a result (OBR-22 or OBR-25 valued). */
function resulted(group: GroupNode): boolean {
  const obr = group.children.find((c): c is SegmentNode => c.kind === 'segment' && c.segment.name === 'OBR');
  return obr !== undefined && (valued(obr.segment.fields[25]) || valued(obr.segment.fields[22]));
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
