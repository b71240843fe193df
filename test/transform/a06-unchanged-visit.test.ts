/**
 * Code review 30 CR30-4 [hig class-change rule; v2.5.1 3.3.6/3.3.7: in an A06/A07 "PV1-19 (visit number) may also be
 * changed"; MRG-5 is the prior visit number; IG PV1[Encounter] #19 → identifier (VN)]. A PV1 of an A06/A07 that
 * sends no visit number (PV1-19 and PV1-50 empty) changes none: its visit is MRG-5's (else MRG-6's), so the Encounter
 * carries that number and no `finished` patch of MRG-5's visit is sent (the patient is in it). Expected values from
 * the messages.
 *
 *   npx vitest run test/transform/a06-unchanged-visit.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const PID = 'PID|1||MR6601^^^GH^MR||ROWE^ALMA^^^^^L||19580214|F';
const msh = (event: string) => `MSH|^~\\&|REG|GH|HIG|GH|20261205101500||ADT^${event}^ADT_A06|C-${event}|P|2.5.1`;
/** An A06/A07 with MRG-5 / MRG-6 and a PV1 whose PV1-19 and PV1-50 are given. */
const message = (event: string, mrg: string, pv1Class: string, pv19 = '', pv50 = '') =>
  [msh(event), `EVN|${event}|20261205101000`, PID, `MRG|MR6601^^^GH^MR${mrg}`, `PV1|1|${pv1Class}|4W^401^1^GH||||||||||||||||${pv19}|||||||||||||||||||||||||20261205101000||||||${pv50}`].join('\r');

const entries = (hl7: string) => (convertHl7v2(hl7).bundle.entry as Json[]);
const encounters = (hl7: string) => entries(hl7).filter((e) => (e.resource as Json | undefined)?.resourceType === 'Encounter');
const values = (e: Json) => ((e.resource as Json).identifier as Json[] | undefined ?? []).map((i) => i.value);
/** The Bundle's patches of Encounters it does not write (the prior visit ended: patch.ts endedVisitEntry). */
const patches = (hl7: string) => entries(hl7).filter((e) => (e.request as Json).method === 'PATCH' && String((e.request as Json).url).startsWith('Encounter'));

describe('CR30-4 an A06/A07 PV1 without a visit number is MRG-5\'s visit', () => {
  it('A06, MRG-5 V100, PV1-19 and PV1-50 empty: one Encounter, identified V100, nothing ended', () => {
    const hl7 = message('A06', '||||V100^^^GH^VN', 'I');
    const [visit, ...more] = encounters(hl7);
    expect(more).toEqual([]);
    expect(values(visit as Json)).toEqual(['V100']);
    expect((((visit as Json).resource as Json).class as Json).code).toBe('IMP');
    expect(patches(hl7)).toEqual([]);
  });

  // [code review 31 CR31-4] MRG-6 alone: the stay is keyed by a PV1-19 the message lacks, so it is found at the server
  // by MRG-6 (patch.ts stayEntries): a conditional create and a patch of the class change by that search, no `finished`
  it('A07, MRG-6 alone (V100 as an alternate visit id), PV1 without numbers: the Encounter carries V100, found by it and patched in place, not ended', () => {
    const hl7 = message('A07', '|||||V100^^^GH^VN', 'O');
    const [visit] = encounters(hl7);
    expect(values(visit as Json)).toEqual(['V100']);
    expect(((visit as Json).request as Json).ifNoneExist).toContain('V100');
    const [patch, ...more] = patches(hl7);
    expect(more).toEqual([]);
    expect(((patch as Json).request as Json).url).toContain('V100');
    const ops = Buffer.from(String(((patch as Json).resource as Json).data), 'base64').toString('utf8');
    expect(ops).not.toContain('finished');
    expect(ops).not.toContain('/identifier');
  });

  it('control (R40-N2): PV1-19 V200 names a new visit: the Encounter is V200 and V100 is ended by a patch', () => {
    const hl7 = message('A06', '||||V100^^^GH^VN', 'I', 'V200^^^GH^VN');
    expect(encounters(hl7).map(values)).toEqual([['V200']]);
    expect(patches(hl7)).toHaveLength(1);
  });

  it('control: PV1-50 alone (an alternate visit id V300) is a number the PV1 names: MRG-5\'s V100 is not taken for it', () => {
    const hl7 = message('A06', '||||V100^^^GH^VN', 'I', '', 'V300^^^GH^VN');
    expect(encounters(hl7).map(values)).toEqual([['V300']]);
  });
});
