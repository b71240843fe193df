/**
 * Procedure.status from the PR1's message context (fix18c, review 18 R18-W1). [IG PR1[Procedure] #0 →
 * status: "The value mapping depends on the message context where the PR1 is used and to be
 * determined by the implementer. If not clear, use unknown."] FHIR event-status: `completed` "the
 * event has now concluded", `preparation` "the core event has not started yet". hig's context rule
 * (clinical.ts procedureStatus, events.ts `procedures`; docs/mapping.md PR1 row): a PR1-5 after MSH-7
 * is not done (`preparation`); an A05/A14 pre-admission's other PR1 is `unknown`; a PR1-5 at or
 * before MSH-7 in another ADT event, a BAR or a DFT is `completed`; anything else `unknown`.
 * Expected values are read from the message times by hand, not from hig's output.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

// MSH-7 2026-12-06 10:15 -08:00 (review 18 #05's Meditech pre-admission)
const MSH = (type: string): string => `MSH|^~\\&|MEDITECH|MVH|HIG|RMHIE|20261206101522-0800||${type}|PS-1|P|2.3`;
const PID = 'PID|1|MV00044712|MV00044712^^^MVH^MR||DUBOIS^CLAIRE^M||19630519|F';
const PV1 = 'PV1|1|I|SURG^^^MVH|EL|||HALL.JEN^HALL^JENNIFER^^^^MD|||ORT||||||||PRE|MV2612070044';
/** PR1 with PR1-5 `when` (total knee arthroplasty, CPT). */
const PR1 = (when: string): string => `PR1|1|C4|27447^Total knee arthroplasty^C4||${when}|P`;
const FUTURE = '202612090730'; // three days after MSH-7
const PAST = '202612020900'; // four days before MSH-7

function status(type: string, when: string, ...more: string[]): unknown {
  const event = type.split('^')[1] ?? '';
  const { bundle } = convertChecked(MSH(type), `EVN|${event}|202612061015`, PID, PV1, ...more, PR1(when));
  const procedures = resources(bundle, 'Procedure');
  expect(procedures).toHaveLength(1);
  return procedures[0]?.status;
}

describe('[IG PR1[Procedure] #0] Procedure.status by the message context', () => {
  it('[IG PR1[Procedure] #0; hig: PR1-5 after MSH-7] an A05 pre-admission\'s planned procedure is preparation, not completed', () => {
    expect(status('ADT^A05^ADT_A05', FUTURE)).toBe('preparation');
  });

  it('[IG PR1[Procedure] #0; hig: PR1-5 after MSH-7] an A14 pending admit\'s planned procedure is preparation', () => {
    expect(status('ADT^A14^ADT_A05', FUTURE)).toBe('preparation');
  });

  it('[IG PR1[Procedure] #0 "if not clear, use unknown"] an A05 PR1 timed before the message is unknown (history or a late plan)', () => {
    expect(status('ADT^A05^ADT_A05', PAST)).toBe('unknown');
  });

  it('[IG PR1[Procedure] #0; hig: PR1-5 at or before MSH-7 in a visit event] an A03 discharge\'s past procedure is completed', () => {
    expect(status('ADT^A03^ADT_A03', PAST)).toBe('completed');
  });

  it('[IG PR1[Procedure] #0; hig] a PR1-5 equal to MSH-7 (to the second) in an A08 is completed', () => {
    expect(status('ADT^A08^ADT_A01', '20261206101522')).toBe('completed');
  });

  it('[IG PR1[Procedure] #0; hig: PR1-5 after MSH-7] an A01 admission\'s procedure later that day is preparation', () => {
    expect(status('ADT^A01^ADT_A01', '202612061400')).toBe('preparation');
  });

  it('[IG PR1[Procedure] #0; hig] a PR1-5 with another offset is compared as an instant: 12:00 -05:00 is 09:00 -08:00, before MSH-7', () => {
    expect(status('ADT^A03^ADT_A03', '202612061200-0500')).toBe('completed');
    // 14:00 -05:00 is 11:00 -08:00: after MSH-7 10:15 -08:00
    expect(status('ADT^A03^ADT_A03', '202612061400-0500')).toBe('preparation');
  });

  it('[IG PR1[Procedure] #0 "if not clear, use unknown"] a date-only PR1-5 on MSH-7\'s own day is unknown; an earlier day completed, a later one preparation', () => {
    expect(status('ADT^A03^ADT_A03', '20261206')).toBe('unknown');
    expect(status('ADT^A03^ADT_A03', '20261205')).toBe('completed');
    expect(status('ADT^A03^ADT_A03', '20261207')).toBe('preparation');
  });

  it('[IG PR1[Procedure] #0 "if not clear, use unknown"] a PR1 without PR1-5 is unknown', () => {
    expect(status('ADT^A03^ADT_A03', '')).toBe('unknown');
  });

  it('[IG PR1[Procedure] #0; hig: a charge is for a procedure done] a DFT P03\'s past procedure is completed', () => {
    const { bundle } = convertChecked(
      MSH('DFT^P03^DFT_P03'),
      'EVN|P03|202612061015',
      PID,
      PV1,
      'FT1|1|T1||20261202|||27447^Total knee arthroplasty^C4|||1',
      PR1(PAST),
    );
    expect(resources(bundle, 'Procedure')[0]?.status).toBe('completed');
  });

  it('[IG PR1[Procedure] #0 "if not clear, use unknown"] a referral\'s (REF I12) PR1 may be a procedure asked for: unknown', () => {
    const { bundle } = convertChecked(
      MSH('REF^I12^REF_I12'),
      'RF1|A|R||||REF-7^EHR',
      PID,
      PR1(PAST),
    );
    expect(resources(bundle, 'Procedure')[0]?.status).toBe('unknown');
  });
});
