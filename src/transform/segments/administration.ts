/**
 * RXA outside immunization messages (RAS_O17, RDS…) → MedicationAdministration
 * (IG ORC[MedicationAdministration] for the order part; the IG has no RXA[MedicationAdministration]
 * sheet yet, so RXA follows RXA[Immunization]'s rows where the elements correspond).
 */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { codeableConcept, tableConcept } from '../datatypes/coding.js';
import { val } from '../datatypes/primitive.js';
import { amountQuantity } from '../datatypes/quantity.js';
import { practitioner } from '../entities.js';
import { lookupCode } from '../vocabulary/index.js';
import type { Json, Resource } from '../types.js';
import { administrationKey, conceptKey, giveKey, patientFactsKey } from '../identity.js';
import { orderIdentifiers, orderNumbers } from './order.js';
import { type Scope, madeByOrder, orcOf } from './scope.js';
import { labelOrderConfidentiality } from './security-label.js';
import { setBatch } from './product.js';

/** RXA-21 D → entered-in-error; RXA-20 via CompletionStatus, PA (partially administered) → stopped. */
function administrationStatus(seg: SegmentReader): string {
  if ((seg.str(21) ?? '').toUpperCase() === 'D') return 'entered-in-error';
  const completion = (seg.str(20) ?? '').toUpperCase();
  if (completion === 'PA') return 'stopped';
  return lookupCode('CompletionStatus', completion) ?? 'completed';
}

/**
 * [FHIR R4 request-status; review 65 R65-N3] What an administration leaves of the give it performed: `completed` (all
 * the instance-order implied has occurred: CP), `stopped` (halted before all of it occurred: PA, an infusion stopped
 * at 150 of 250 mL), `cancelled` (no administration occurred: NA, RE, not-done). An administration entered in error
 * (RXA-21 D) leaves it as it was.
 */
const GIVE_STATUS: Readonly<Record<string, string>> = { completed: 'completed', stopped: 'stopped', 'not-done': 'cancelled' };

/**
 * [v2.5.1 4A.14.7.1 RXA-1 Give Sub-ID Counter: "use if this administration ties to a give (RXG) segment; identical
 * to RXG-1"; hig identity, identity.ts giveKey] The give (pharmacy.ts mapRxg: the order's first number + RXG-1; the
 * ORC's first, `number`, as the order's) an RXA-1
 * names ends with its administration (GIVE_STATUS): until fix37b it stayed `active` after its dose was given and its
 * order discontinued (review 65 R65-N3). Sent as a patch of the give's status the FHIR destination makes only where
 * it holds that give open (patch.ts endedGiveEntry, destinations/held-gives.ts).
 */
function endedGive(seg: SegmentReader, number: Json | undefined, status: string, cx: Conversion): void {
  const subId = seg.str(1)?.trim();
  const ended = GIVE_STATUS[status];
  if (subId === undefined || subId === '' || number === undefined || ended === undefined) return;
  const id = cx.idOf('MedicationRequest', giveKey(number, subId));
  if (id !== undefined && !cx.resources.has(`MedicationRequest/${id}`)) cx.endedGives.set(id, ended);
}

/**
 * Who gave the dose and who ordered it. [IG RXA[Immunization] #10, the rows this file follows]
 * RXA-10 administering provider → performer with function AP; [IG ORC[MedicationAdministration]
 * #12 → performer.actor(XCN[Practitioner]), performer.function OP (v2-0443)] each ORC-12 ordering
 * provider (performer is 0..*). Until review 17 ORC-12 of a RAS was reported, not mapped, and
 * RXA-10's performer had no function (a reader could not tell the nurse from the orderer).
 */
function performers(rxa: SegmentReader, orc: SegmentReader | undefined, cx: Conversion): Json[] {
  const out: Json[] = [];
  for (const [reps, role] of [[rxa.reps(10), 'AP'], [orc?.reps(12) ?? [], 'OP']] as const) {
    for (const r of reps) {
      const actor = practitioner(cx, r);
      if (actor !== undefined) out.push({ function: tableConcept('0443', role), actor });
    }
  }
  return out;
}

/** v2 "per (time unit)" letters (RXE-22, RXA-12) → UCUM: seconds, minutes, hours, days, weeks, months. */
const TIME_UNITS: Readonly<Record<string, { code: string; unit: string }>> = {
  S: { code: 's', unit: 'second' },
  M: { code: 'min', unit: 'minute' },
  H: { code: 'h', unit: 'hour' },
  D: { code: 'd', unit: 'day' },
  W: { code: 'wk', unit: 'week' },
  L: { code: 'mo', unit: 'month' },
};

/**
 * [hig, v2.5.1 4.14.7.12 RXA-12 Administered Per (Time Unit), format as RXE-22: `H1` per hour, `M30` per
 * 30 minutes; FHIR R4 MedicationAdministration.dosage.rate[x]; the IG has no RXA[MedicationAdministration]
 * map and RXA[Immunization] #12 no target] RXA-12 makes RXA-6/7 an amount per time: an e-MAR's infusion
 * `167^mL` with `H1` runs at 167 mL/h, it is not 167 mL given (review 38 R38-W1: written as dosage.dose, a
 * third of a 500 mL bag of paclitaxel stated given). The denominator in UCUM; a value of another form is
 * reported and RXA-6/7 stays the dose.
 */
function perTimeUnit(seg: SegmentReader, cx: Conversion): Json | undefined {
  const raw = seg.str(12);
  if (raw === undefined) return undefined;
  const m = /^([SMHDWL])(\d+)$/.exec(raw.trim().toUpperCase());
  const unit = m === null ? undefined : TIME_UNITS[m[1] ?? ''];
  if (m === null || unit === undefined || Number(m[2]) === 0) {
    cx.leftOut(seg, '12', 'an administered-per time unit that is none of S, M, H, D, W, L with a count: RXA-6/7 kept as the dose');
    return undefined;
  }
  return { value: Number(m[2]), system: 'http://unitsofmeasure.org', code: unit.code, unit: unit.unit };
}

export function mapRxaAdministration(seg: SegmentReader, scope: Scope, cx: Conversion): Resource {
  const orc = orcOf(seg, scope, cx);
  const ma: Json = { resourceType: 'MedicationAdministration' };
  // [IG ORC[MedicationAdministration] #2 #3] placer/filler numbers
  const identifiers = orderIdentifiers(orc, undefined, cx);
  if (identifiers.length > 0) ma.identifier = identifiers;
  ma.status = administrationStatus(seg);
  // [IG ORC[MedicationAdministration] ORC-28 → meta.security via ConfidentialityCode]
  labelOrderConfidentiality(ma, orc, cx);
  if (ma.status === 'not-done') set(ma, 'statusReason', [codeableConcept(seg.rep(18))].filter((x) => x !== undefined));
  // RXA-5 administered code (NDC → http://hl7.org/fhir/sid/ndc)
  const given = codeableConcept(seg.rep(5)) ?? { text: 'unknown' };
  ma.medicationCodeableConcept = given;
  // [hig, as IG RXA[Immunization] #15/#16] RXA-15 lot, RXA-16 expiry → the product's batch (R39-N2)
  setBatch(ma, seg.str(15), seg.dateTime(16));
  if (scope.patient !== undefined) ma.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined) ma.context = cx.ref(scope.encounter);
  // RXA-3 start, RXA-4 end of administration, read as one span (the pair rule of a repeated hour; an end
  // before the start left out and reported, never silently: review 41 R41-W1)
  const { start, end } = seg.span([3], [4], 'MedicationAdministration.effective');
  if (start !== undefined && end !== undefined && end !== start) ma.effectivePeriod = { start, end };
  else if (start !== undefined) ma.effectiveDateTime = start;
  else if (end !== undefined) ma.effectivePeriod = { end };
  else ma.effectivePeriod = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] };
  push(ma, 'performer', ...performers(seg, orc, cx));
  const request = madeByOrder(seg, scope, cx, 'MedicationRequest');
  if (request !== undefined) ma.request = cx.ref(request);
  endedGive(seg, identifiers[0], String(ma.status), cx);
  push(ma, 'reasonCode', ...seg.reps(19).map((r) => codeableConcept(r)));
  // RXA-6/RXA-7 (CWE[Quantity]) → dosage.dose; 999 is "amount unknown"; with RXA-12 a rate (administeredRate)
  const dose = seg.str(6) === '999' ? undefined : amountQuantity(seg.str(6), seg.rep(7));
  const per = dose === undefined ? undefined : perTimeUnit(seg, cx);
  if (dose !== undefined) ma.dosage = per === undefined ? { dose } : { rateRatio: { numerator: dose, denominator: per } };
  // RXA-9 administration notes
  push(ma, 'note', ...seg.reps(9).map((r) => {
    const text = val(r, 2) ?? val(r, 9) ?? val(r, 1);
    return text === undefined ? undefined : { text };
  }));
  // [hig identity] ORC-3, else ORC-2, with RXA-3 (identity.ts administrationKey), else the patient's administration of this drug at RXA-3
  const { placer, filler } = orderNumbers(orc, undefined, cx);
  const number = filler ?? placer;
  const key = number !== undefined ? administrationKey(number, start) : patientFactsKey('administration', scope.patient, conceptKey(given), start);
  const administration = cx.add(ma as Resource, key, 'distinct');
  scope.noteTarget = administration;
  scope.medicationRequest = administration;
  return administration;
}
