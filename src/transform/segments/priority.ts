/**
 * The one reader of a v2 order priority (table 0485: TQ1-9, TQ.6, OBR-5) for both requests
 * (ServiceRequest: order-timing.ts; MedicationRequest: medication-timing.ts). Until fix18c each
 * path read the codes itself: the MedicationRequest's TQ1-9 dropped PRN, P, T, TM30… without a
 * report line while the ServiceRequest's reported them, and both read TQ1-9's first repetition
 * only (`PRN~R` gave no priority and no line; review 18 R18-L1).
 */
import type { Repetition } from '../../hl7/message.js';
import { foreignCodeWhy, ownTableCode } from '../datatypes/coding.js';
import { hasValue } from '../datatypes/primitive.js';
import { lookupCode } from '../vocabulary/index.js';

/** What a priority field says, placed by its caller. */
export interface PriorityReading {
  /** request-priority code (stat, asap, routine) */
  priority?: string;
  /** PRN ("as needed") was sent and the caller takes it as asNeeded (`prnAsNeeded`) */
  asNeeded?: boolean;
}

/** Report texts, one per reason, for every priority field. */
export const PRIORITY_WHY = {
  unmapped: 'a priority the request-priority codes cannot say (table 0485)',
  foreign: foreignCodeWhy('ExtendedPriorityCodes'),
  further: 'a further priority (the request holds one)',
} as const;

/**
 * A priority field's codes → the request priority [IG TQ1[ServiceRequest] #9, TQ1[MedicationRequest]
 * #9, TQ[…] TQ.6, OBR[ServiceRequest] #5 → priority via ExtendedPriorityCodes]. `codes` holds one
 * entry per repetition: the table 0485 code, or null for a repetition valued with another system's
 * code or text only (TQ1-9 is a CWE 0..*, ownTableCode). The first code the map gives a FHIR code
 * (S stat, A asap, R routine) is the priority (priority is 0..1); a later one is reported. PRN
 * ("As needed"; the map gives it no FHIR code) is `asNeeded` when `prnAsNeeded` [hig: table 0485
 * PRN is FHIR Dosage.asNeededBoolean, as a PRN repeat pattern (TQ1-3) is already read]; P, C, T,
 * TS/TM/TH/TD/TW/TL<n> (and PRN without `prnAsNeeded`) have no FHIR code and are reported, as is
 * another system's code. `report(repetition, why)` names the repetition (0-based), never the value.
 */
export function readPriority(codes: readonly (string | null | undefined)[], prnAsNeeded: boolean, report: (repetition: number, why: string) => void): PriorityReading {
  const out: PriorityReading = {};
  codes.forEach((code, i) => {
    if (code === undefined) return;
    if (code === null) return report(i, PRIORITY_WHY.foreign);
    const upper = code.toUpperCase();
    const mapped = lookupCode('ExtendedPriorityCodes', upper);
    if (mapped !== undefined && out.priority === undefined) out.priority = mapped;
    else if (mapped !== undefined) report(i, PRIORITY_WHY.further);
    else if (upper === 'PRN' && prnAsNeeded) out.asNeeded = true;
    else report(i, PRIORITY_WHY.unmapped);
  });
  return out;
}

/** TQ1-9's repetitions as readPriority's codes: the table 0485 code, null for another system's, undefined for an empty one. */
export function tableCodes(reps: readonly Repetition[]): (string | null | undefined)[] {
  return reps.map((r) => ownTableCode(r, '0485')?.code ?? (hasValue(r) ? null : undefined));
}
