/**
 * What a segment mapper can see: the resources made earlier in its group and enclosing groups.
 * A child group starts with a copy of its parent's scope; `patient` and `encounter` flow back up
 * (the PATIENT group of an ORU is a sibling of the ORDER_OBSERVATION groups that need it).
 */
import type { Conversion, SegmentReader } from '../context.js';
import type { Resource } from '../types.js';

export interface Scope {
  /** true for result messages (ORU/OUL…): OBR becomes a DiagnosticReport as well as a ServiceRequest. */
  results: boolean;
  /** MSH-9.2, e.g. A01. */
  event: string;
  /** The MessageHeader made from MSH (SFT adds its software). */
  header?: Resource | undefined;
  patient?: Resource | undefined;
  encounter?: Resource | undefined;
  /** An ORC waiting for the segment that says what it orders (OBR, RXO, RXE, RXA …). */
  orc?: SegmentReader;
  serviceRequest?: Resource | undefined;
  report?: Resource | undefined;
  specimen?: Resource | undefined;
  medicationRequest?: Resource | undefined;
  appointment?: Resource | undefined;
  document?: Resource | undefined;
  procedure?: Resource | undefined;
  problem?: Resource | undefined;
  /** Where the next NTE goes. */
  noteTarget?: Resource | undefined;
  /** Default effective time for observations (OBR-7). */
  effective?: string | undefined;
  /** Default issued time for observations (OBR-22). */
  issued?: string | undefined;
}

export type SegmentMapper = (seg: SegmentReader, scope: Scope, cx: Conversion) => void;

export function childScope(parent: Scope): Scope {
  const s: Scope = { ...parent };
  delete s.noteTarget;
  delete s.orc;
  return s;
}
