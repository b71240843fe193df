/** Segment id → mapper. Segments without an entry are reported as unmapped, never dropped silently. */
import { mapFt1, mapGol, mapGt1, mapIam, mapIn1, mapMrg, mapPrb, mapPrd, mapPrt, mapRf1, mapRol } from './admin.js';
import { mapTxa } from './documents.js';
import { mapResponseOrc, mapRxa, mapRxc, mapRxd, mapRxe, mapRxg, mapRxo, mapRxr } from './pharmacy.js';
import { mapAig, mapAil, mapAip, mapAis, mapSch, mapTq1 } from './scheduling.js';
import { mapIar } from './allergy-reaction.js';
import { mapIn3 } from './in3.js';
import { mapIpc } from './ipc.js';
import { mapAl1, mapDg1, mapPr1 } from './clinical.js';
import { mapSft } from './msh.js';
import { mapNk1 } from './nk1.js';
import { mapNte } from './nte.js';
import { mapObx } from './obx.js';
import { mapObr, mapOrc } from './order.js';
import { mapArv, mapPd1, mapPid } from './pid.js';
import { mapPv1, mapPv2 } from './pv1.js';
import type { SegmentMapper } from './scope.js';
import { mapSpm } from './spm.js';

export const MAPPERS: Readonly<Record<string, SegmentMapper>> = {
  SFT: (seg, scope, cx) => mapSft(seg, scope.header, cx),
  PID: mapPid,
  PD1: mapPd1,
  ARV: (seg, scope, cx) => mapArv(seg, scope, cx),
  PV1: mapPv1,
  PV2: mapPv2,
  NK1: mapNk1,
  // a pharmacy response's lone ORC names a MedicationRequest (pharmacy.ts), any other the order.ts rule
  ORC: (seg, scope, cx) => {
    if (!mapResponseOrc(seg, scope, cx)) mapOrc(seg, scope, cx);
  },
  OBR: mapObr,
  OBX: mapObx,
  NTE: (seg, scope, cx) => void mapNte(seg, scope, cx),
  SPM: mapSpm,
  AL1: mapAl1,
  DG1: mapDg1,
  PR1: mapPr1,
  SCH: mapSch,
  TQ1: mapTq1,
  AIS: (seg, scope, cx) => mapAis(seg, scope, cx),
  AIG: (seg, scope, cx) => mapAig(seg, scope, cx),
  AIL: mapAil,
  AIP: mapAip,
  RXA: mapRxa,
  RXR: (seg, scope, cx) => mapRxr(seg, scope, cx),
  RXO: mapRxo,
  RXE: mapRxe,
  RXD: mapRxd,
  RXC: mapRxc,
  RXG: mapRxg,
  TXA: mapTxa,
  IN1: mapIn1,
  IN3: mapIn3,
  GT1: mapGt1,
  MRG: mapMrg,
  FT1: mapFt1,
  PRB: mapPrb,
  GOL: mapGol,
  RF1: mapRf1,
  PRD: mapPrd,
  IAM: mapIam,
  IAR: mapIar,
  ROL: mapRol,
  PRT: mapPrt,
  IPC: mapIpc,
};
