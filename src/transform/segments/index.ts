/** Segment id → mapper. Segments without an entry are reported as unmapped, never dropped silently. */
import { mapAl1, mapDg1, mapPr1 } from './clinical.js';
import { mapSft } from './msh.js';
import { mapNk1 } from './nk1.js';
import { mapNte } from './nte.js';
import { mapObx } from './obx.js';
import { mapObr, mapOrc } from './order.js';
import { mapPd1, mapPid } from './pid.js';
import { mapPv1, mapPv2 } from './pv1.js';
import type { SegmentMapper } from './scope.js';
import { mapSpm } from './spm.js';
import { EXTRA_MAPPERS } from './more.js';

export const MAPPERS: Readonly<Record<string, SegmentMapper>> = {
  SFT: (seg, scope) => mapSft(seg, scope.header),
  PID: mapPid,
  PD1: mapPd1,
  PV1: mapPv1,
  PV2: mapPv2,
  NK1: mapNk1,
  ORC: mapOrc,
  OBR: mapObr,
  OBX: mapObx,
  NTE: (seg, scope, cx) => void mapNte(seg, scope, cx),
  SPM: mapSpm,
  AL1: mapAl1,
  DG1: mapDg1,
  PR1: mapPr1,
  ...EXTRA_MAPPERS,
};
