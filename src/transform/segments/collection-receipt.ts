/**
 * [hig time-zone rule, "the ordering rule" (docs/mapping.md); review 73 R73-W1] The receipt a bare OBR-7 / OBR-8 (the
 * draw) of an order group is not after: the SPM-18 of the specimens of that same group. A specimen is not collected
 * after the lab received it, so this holds OBR-7/8 as OBR-14 does (context.ts NOT_AFTER) and as SPM-18 holds SPM-17.
 * An ELR sent with the draw in OBR-7 and SPM-17 at a skipped 02:15 and the receipt in SPM-18 only read SPM-17 at
 * 06:15Z and OBR-7, held against nothing, at the default 07:15Z: ten minutes after the receipt.
 *
 * The group is the message's real group tree (groups.ts), never "the next SPM": the SPMs nested in the OBR's own
 * group (ORU_R01 ORDER_OBSERVATION.SPECIMEN, OML_O21 OBSERVATION_REQUEST.SPECIMEN, OUL_R24 ORDER.SPECIMEN) and not in
 * a nested group of another OBR (a prior result), else the SPM of the nearest enclosing group that holds one (OUL_R22/
 * R23 SPECIMEN.ORDER: the specimen before its orders); a prior result's OBR has none (its draw is another one).
 *
 * Several specimens: the **latest** receipt, and only when every one of them has one. Each specimen's draw precedes
 * its own receipt; OBR-7 is the group's draw (the first, when the draws span an interval, OBR-8 the last), but
 * senders also put one specimen's draw there, and OBR-8 is the last draw: only the latest receipt is after every
 * draw of the group. The earliest would rule out a true reading when a later specimen was drawn after the first was
 * received (a tolerance test's 2-hour sample), and a specimen without a receipt time may have been drawn after all
 * the others' receipts. A weaker bound only leaves the default; a wrong one moves a true time an hour.
 */
import type { Conversion } from '../context.js';
import type { NotAfter, NotAfterOf } from '../datatypes/time.js';
import type { GroupFrame } from '../groups.js';
import type { SegmentNode } from '../structures/match.js';
import type { Scope } from './scope.js';

/** SPM-18: the specimen's received date/time. */
const RECEIVED = 18;

/** The SPMs of an OBR's group and its nested groups, not into a nested group of another OBR (a prior result's). */
function nestedSpms(frame: GroupFrame): SegmentNode[] {
  return [...frame.nodes('SPM'), ...frame.children.filter((c) => !c.holds('OBR')).flatMap((c) => nestedSpms(c))];
}

/** The SPMs of the order group of the OBR whose group is `frame` (see the module comment). */
function groupSpms(frame: GroupFrame): SegmentNode[] {
  if (frame.enclosing('PRIOR_RESULT') !== undefined) return [];
  const nested = nestedSpms(frame);
  if (nested.length > 0) return nested;
  for (let f = frame.parent; f !== undefined; f = f.parent) if (f.holds('SPM')) return f.nodes('SPM');
  return [];
}

/**
 * The time a bare OBR-7/8 of the OBR mapped in `scope` may not be after: the latest SPM-18 of its group's specimens
 * (each read by SegmentReader.notAfterTime: its one reading, or the latest its own bounds leave); none when the group
 * has no SPM or one without a receipt time. Undefined when there is no SPM at all.
 */
export function specimensReceived(scope: Scope, cx: Conversion): NotAfterOf | undefined {
  const spms = groupSpms(scope.group);
  if (spms.length === 0) return undefined;
  return () => {
    let latest: NotAfter | undefined;
    for (const n of spms) {
      const times = cx.reader(n.segment, n.index).notAfterTime(RECEIVED)();
      if (times.length === 0) return [];
      for (const t of times) if (latest === undefined || t.at > latest.at) latest = t;
    }
    return latest === undefined ? [] : [latest];
  };
}
