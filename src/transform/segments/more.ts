/** Mappers beyond ADT/ORU basics: scheduling, pharmacy, documents, finance, care. */
import { mapFt1, mapGol, mapGt1, mapIam, mapIn1, mapMrg, mapPrb, mapPrd, mapPrt, mapRf1, mapRol } from './admin.js';
import { mapTxa } from './documents.js';
import { mapRxa, mapRxd, mapRxe, mapRxo, mapRxr } from './pharmacy.js';
import { mapAig, mapAil, mapAip, mapAis, mapSch, mapTq1 } from './scheduling.js';
import type { SegmentMapper } from './scope.js';

export const EXTRA_MAPPERS: Readonly<Record<string, SegmentMapper>> = {
  SCH: mapSch,
  TQ1: mapTq1,
  AIS: mapAis,
  AIG: (seg, scope) => mapAig(seg, scope),
  AIL: mapAil,
  AIP: mapAip,
  RXA: mapRxa,
  RXR: (seg, scope) => mapRxr(seg, scope),
  RXO: mapRxo,
  RXE: mapRxe,
  RXD: mapRxd,
  TXA: mapTxa,
  IN1: mapIn1,
  GT1: mapGt1,
  MRG: mapMrg,
  FT1: mapFt1,
  PRB: mapPrb,
  GOL: mapGol,
  RF1: mapRf1,
  PRD: mapPrd,
  IAM: mapIam,
  ROL: mapRol,
  PRT: mapPrt,
};
