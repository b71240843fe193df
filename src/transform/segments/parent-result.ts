/**
 * [hig, review 54 R54-N2; v2.5.1 OBR-26 Parent Result (PRL: PRL.1 the parent result's OBX-3, PRL.2 its OBX-4
 * sub-id); FHIR R4 Observation.derivedFrom Reference(Observation)] The result a child OBR's results derive from: a
 * microbiology LIS sends one antibiogram per isolate, each OBR naming in OBR-26 the culture's organism OBX (630-4
 * sub-id 1: E. coli) it tests. The IG's OBR-26 rows have no target ("will be mapped in a next edition with micro";
 * "to be resolved as part of parent-child guidance"), so until R54-N2 the field was reported and "Ampicillin R" was
 * told from the other isolate's "Ampicillin S" only by the observation-v2-subid convention. One owner: obx.ts asks
 * for each result of an OBR with OBR-26.
 */
import type { Conversion, SegmentReader } from '../context.js';
import { val } from '../datatypes/primitive.js';
import type { Resource } from '../types.js';

/** The OBR whose group an OBX is in: the nearest OBR before it in the message. */
function obrBefore(index: number, cx: Conversion): SegmentReader | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const seg = cx.msg.segments[i];
    if (seg?.name === 'OBR') return cx.reader(seg, i);
  }
  return undefined;
}

/**
 * The Observation of this message that the OBR of `obx` names in OBR-26: the last OBX before that OBR whose OBX-3
 * code is PRL.1's (CWE.1, and CWE.3 when both name a coding system; or the alternate CWE.4/CWE.6) and whose OBX-4
 * is PRL.2 (both empty matches). Undefined when OBR-26 is empty or names no result of the message: then OBR-26 stays
 * unread, so reported (the parent may be in an earlier message, which hig does not search).
 */
export function parentResultObservation(obx: SegmentReader, cx: Conversion): Resource | undefined {
  const obr = obrBefore(obx.index, cx);
  if (obr === undefined) return undefined;
  const prl = obr.rep(26);
  const code = val(prl, 1, 1);
  if (code === undefined) {
    obr.used.delete(26);
    return undefined;
  }
  const system = val(prl, 1, 3)?.toUpperCase();
  const subId = val(prl, 2) ?? '';
  for (let i = obr.index - 1; i >= 0; i--) {
    const seg = cx.msg.segments[i];
    if (seg?.name !== 'OBX') continue;
    const parent = cx.reader(seg, i);
    const id = parent.rep(3);
    const names = [[1, 3], [4, 6]].some(([c, s]) => {
      const other = val(id, c ?? 1, 1);
      const otherSystem = val(id, s ?? 3, 1)?.toUpperCase();
      return other === code && (system === undefined || otherSystem === undefined || otherSystem === system);
    });
    if (!names || (parent.str(4) ?? '') !== subId) continue;
    const made = cx.madeAt(i).find((r) => r.resourceType === 'Observation');
    if (made !== undefined) return made;
  }
  obr.used.delete(26);
  return undefined;
}
