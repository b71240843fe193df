/**
 * Review 40 R40-N1: ADT^A52 (cancel leave of absence for a patient, v2.5.1 3.3.52) and ADT^A53 (cancel patient
 * returns from a leave of absence, 3.3.53), structure ADT_A52 (`MSH EVN PID [PD1] PV1 [PV2]`), were refused with
 * UNSUPPORTED_EVENT, so a cancelled leave stayed `onleave` at the server until the next event of the visit.
 * [IG silent: its Event[EncounterStatus] map has no A52/A53 row, as none for A21/A22] hig's event supplement
 * (events.ts), FHIR R4 encounter-status: a cancelled leave means the patient never left (`in-progress`, the status
 * before the A21); a cancelled return means the patient is still away (`onleave`, the status before the A22).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { repoRoot, resources } from './helpers.js';

const sample = (name: string) => readFileSync(path.join(repoRoot, 'samples/events', name));
const encounter = (name: string) => resources(convertHl7v2(sample(name)).bundle, 'Encounter')[0];

describe('R40-N1: cancel leave of absence (A52) and cancel return from leave (A53)', () => {
  it('[v2.5.1 3.3.52; FHIR R4 encounter-status in-progress] an A52 puts the visit the A21 sent on leave back in progress', () => {
    const r = convertHl7v2(sample('ADT_A52.hl7'));
    expect(r.structure).toBe('ADT_A52');
    const visit = resources(r.bundle, 'Encounter')[0];
    expect(visit?.status).toBe('in-progress');
    // the same visit (PV1-19 V29010170) as the A21's
    expect(visit?.id).toBe(encounter('ADT_A21.hl7')?.id);
  });

  it('[v2.5.1 3.3.53; FHIR R4 encounter-status onleave] an A53 puts the visit the A22 brought back on leave again', () => {
    const visit = encounter('ADT_A53.hl7');
    expect(visit?.status).toBe('onleave');
    expect(visit?.id).toBe(encounter('ADT_A22.hl7')?.id);
  });

  it('[v2.5.1 3.3.52] an A52 with PV1-45 echoed is still the visit going on, not finished (the event beats PV1-45)', () => {
    // PV1-44 (admit) is the segment's last field: PV1-45 (discharge) appended after it
    const raw = sample('ADT_A52.hl7').toString('latin1').replace('|20270111090000-0500\r', '|20270111090000-0500|20270114090000-0500\r');
    expect(raw).toContain('|20270114090000-0500\r');
    expect(resources(convertHl7v2(raw).bundle, 'Encounter')[0]?.status).toBe('in-progress');
  });
});

/**
 * Review 50 R50-N1: on leave (A21) the bed read `active` — FHIR R4 EncounterLocationStatus `active` "the patient is
 * currently at this location" — so a bed board showed her in 7C while she was home. [hig, departs from IG
 * PV1[Encounter] #3 "else active", as for a finished visit's `completed`] a visit on leave holds its bed `reserved`
 * ("the location is held empty for this patient"); a return (A22) or a cancelled leave (A52) makes it `active` again,
 * a cancelled return (A53) `reserved` again.
 */
describe('R50-N1: the bed of a visit on leave is reserved, not occupied', () => {
  const bed = (name: string) => ((encounter(name)?.location as Array<{ location?: { display?: string; reference?: string }; status?: string }> | undefined) ?? [])
    .find((l) => l.status !== 'completed');
  it('[FHIR R4 EncounterLocationStatus reserved] A21: the bed 6W 612-1 held for her, `reserved`', () => {
    expect(encounter('ADT_A21.hl7')?.status).toBe('onleave');
    expect(bed('ADT_A21.hl7')?.status).toBe('reserved');
  });
  it('A53 (cancel return): reserved again; A22 (return) and A52 (cancel leave): `active`, the same bed', () => {
    expect(bed('ADT_A53.hl7')?.status).toBe('reserved');
    expect(bed('ADT_A22.hl7')?.status).toBe('active');
    expect(bed('ADT_A52.hl7')?.status).toBe('active');
    expect(bed('ADT_A22.hl7')?.location?.reference).toBe(bed('ADT_A21.hl7')?.location?.reference);
  });
});
