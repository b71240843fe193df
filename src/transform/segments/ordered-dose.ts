/**
 * [IG RXO[MedicationRequest] #2–#4 → dosageInstruction.doseAndRate[1].doseRange, .type = "ordered"; FHIR R4
 * Dosage.doseAndRate 0..*, type "the kind of dose or rate specified, for example, ordered or calculated"
 * (dose-rate-type)] The prescriber's ordered dose beside the pharmacy's encoded one (review 65 R65-L1): an
 * RDE's RXO 600 mg/m2 and its RXE 1092 mg (the same dose computed on a body surface area of 1.82 m2) are two
 * facts of one order, not one restated. Until fix37b the RXE's replaced the RXO's (hig rule "RXE overrides
 * RXO", pharmacy.ts requestedReplaced) and the RXO's was reported: the mg/m2 a dose-intensity check, a dose
 * reduction or the next cycle's recalculation reads was gone from coded data.
 *
 * When the RXO amount differs from the RXE's, every instruction that carries the RXE amount (the order's
 * dose, medication-timing.ts placeOrderDose / shareOrderDosage) gets it typed `calculated` (with the
 * RXE-23/24 rate, the pharmacy's) and the RXO amount after it, typed `ordered` (doseQuantity, or doseRange
 * when RXO-2 and RXO-3 differ: pharmacy.ts dose, as for an RXO alone). An RXO amount equal to the RXE's is
 * one fact, one untyped item, as before. An order none of whose instructions carries the RXE amount (each
 * TQ1 with its own differing quantity) has no line to put it beside: the RXO amount is reported, as before.
 */
import type { Json } from '../types.js';
import { doseFact } from './medication-timing.js';

const DOSE_RATE_TYPE = 'http://terminology.hl7.org/CodeSystem/dose-rate-type';
const typed = (code: 'ordered' | 'calculated', display: string): Json => ({ coding: [{ system: DOSE_RATE_TYPE, code, display }] });

interface OrderedDose {
  /** The RXO-2/3/4 amount (doseQuantity or doseRange). */
  ordered: Json;
  /** The RXE-3/4/5 amount it differs from. */
  encoded: Json;
  /** Reports the RXO amount where no instruction carries the RXE amount to put it beside. */
  report: () => void;
}

/** The ordered dose per MedicationRequest (of one conversion), kept by pharmacy.ts mapRxe. */
const orderedDoses = new WeakMap<Json, OrderedDose>();

/** Keeps `ordered` (RXO-2/3/4), which differs from the RXE's `encoded` amount, for placeOrderedDose. */
export function keepOrderedDose(mr: Json, ordered: Json, encoded: Json, report: () => void): void {
  orderedDoses.set(mr, { ordered, encoded, report });
}

/** Once the order's dosage is shared (hl7v2.ts finish, after shareOrderDosage): the module comment's rule. */
export function placeOrderedDose(mr: Json): void {
  const kept = orderedDoses.get(mr);
  if (kept === undefined) return;
  orderedDoses.delete(mr);
  const encoded = doseFact(kept.encoded);
  let placed = false;
  for (const dosage of (mr.dosageInstruction as Json[] | undefined) ?? []) {
    const rates = (dosage.doseAndRate as Json[] | undefined) ?? [];
    const [first] = rates;
    if (first === undefined || doseFact(first) !== encoded) continue;
    dosage.doseAndRate = [{ type: typed('calculated', 'Calculated'), ...first }, { type: typed('ordered', 'Ordered'), ...structuredClone(kept.ordered) }, ...rates.slice(1)];
    placed = true;
  }
  if (!placed) kept.report();
}
