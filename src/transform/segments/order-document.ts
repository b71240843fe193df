/**
 * ORDER_DOCUMENT(OBX [{PRT}] TXA) outside the structures that name it. v2.8+ OUL_R24 (and OUL_R22/
 * R23) ORDER holds `ORC [{PRT}] [ORDER_DOCUMENT(OBX [{PRT}] TXA)]` after the OBR; hig's OUL
 * definitions cannot take that group (the greedy matcher would swallow an `OBR ORC OBX` result
 * into it), so the OBX and TXA arrive as segments of the ORDER. Read by position instead: the one
 * OBX directly before a TXA (past its PRTs) is that document's content [IG ORU_R01 4.2.1.3
 * ORDER_DOCUMENT, the same group], not a result: no codeless, message-scoped Observation
 * (OUL-R24-01 listed one in DiagnosticReport.result), and the document's id is the TXA's.
 */
import type { Message } from '../../hl7/message.js';

function previousNonPrt(msg: Message, index: number): number | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const name = msg.segments[i]?.name;
    if (name !== 'PRT') return i;
  }
  return undefined;
}

function nextNonPrt(msg: Message, index: number): number | undefined {
  for (let i = index + 1; i < msg.segments.length; i++) {
    const name = msg.segments[i]?.name;
    if (name !== 'PRT') return i;
  }
  return undefined;
}

/** True when the OBX at `index` is followed, past its PRTs, by a TXA: it is that TXA's document. */
export function isDocumentObx(msg: Message, index: number): boolean {
  const next = nextNonPrt(msg, index);
  return next !== undefined && msg.segments[next]?.name === 'TXA';
}

/** The index of the OBX that is the document of the TXA at `index` (the OBX before it, past PRTs). */
export function documentObxOf(msg: Message, index: number): number | undefined {
  const before = previousNonPrt(msg, index);
  return before !== undefined && msg.segments[before]?.name === 'OBX' ? before : undefined;
}
