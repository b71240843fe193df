/**
 * The group-tree scope API (src/transform/groups.ts): which ORC each order-detail segment belongs
 * to, for every structure whose order groups nest the detail under the ORC, and what a segment
 * of an enclosing group made. [IG ORM_O01 4.2.1.1] "Incorporate OBR content into the
 * ServiceRequest created from the ORC segment in the same segment group".
 */
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/hl7/message.js';
import { GroupTree } from '../../src/transform/groups.js';
import { structureDef } from '../../src/transform/structures/index.js';
import { matchStructure } from '../../src/transform/structures/match.js';
import type { Resource } from '../../src/transform/types.js';

/** Segments named `ORC#a`, `OBR#a`: the suffix is a label; the expected pairing is label → label. */
function pairing(structure: string, segments: string[]): Record<string, string | null> {
  const msg = parseMessage(['MSH|^~\\&|A', ...segments.map((s) => `${s.split('#')[0] ?? ''}|1`)].join('\r'));
  const def = structureDef(structure);
  if (def === undefined) throw new Error(structure);
  const tree = new GroupTree(matchStructure(def, msg.segments), { madeAt: () => [] });
  const label = (index: number): string => segments[index - 1] ?? '?';
  const out: Record<string, string | null> = {};
  segments.forEach((s, i) => {
    if (!/^(OBR|RXO|RXE|RXA|RXD)#/.test(s)) return;
    const orc = tree.orcOf(i + 1);
    out[s] = orc === undefined ? null : label(orc.index);
  });
  return out;
}

describe('ORC ↔ order detail pairing', () => {
  it.each([
    // [IG ORM_O01 4.2.1.1] ORDER(ORC … ORDER_DETAIL(OBR …))
    ['ORM_O01: each ORC with the OBR of its ORDER_DETAIL', 'ORM_O01', ['PID', 'ORC#1', 'OBR#1', 'NTE', 'ORC#2', 'OBR#2', 'OBX'], { 'OBR#1': 'ORC#1', 'OBR#2': 'ORC#2' }],
    // [IG ORM_O01 4.2.1.7] ORDER_DETAIL's choice: a pharmacy detail (RXO) beside a lab order (OBR)
    ['ORM_O01: the RXO of the ORDER_DETAIL choice takes its ORDER\'s ORC', 'ORM_O01', ['PID', 'ORC#1', 'RXO#1', 'NTE', 'DG1', 'ORC#2', 'OBR#2'], { 'RXO#1': 'ORC#1', 'OBR#2': 'ORC#2' }],
    // two OBRs after one ORC (v2.3 senders): both belong to that ORC, each stays its own test
    ['ORM_O01: one ORC, two OBRs', 'ORM_O01', ['PID', 'ORC#1', 'OBR#a', 'OBR#b'], { 'OBR#a': 'ORC#1', 'OBR#b': 'ORC#1' }],
    // [IG OML_O21] ORDER(ORC [TIMING] OBSERVATION_REQUEST(OBR … PRIOR_RESULT(… ORDER_PRIOR([ORC] OBR))))
    ['OML_O21: the next ORC is the next order, not a prior result', 'OML_O21', ['PID', 'ORC#1', 'TQ1', 'OBR#1', 'SPM', 'OBX', 'ORC#2', 'TQ1', 'OBR#2'], { 'OBR#1': 'ORC#1', 'OBR#2': 'ORC#2' }],
    // [IG ORU_R01 4.2.1.1 / 4.2.2] ORDER_OBSERVATION([ORC] OBR …)
    ['ORU_R01: ORC optional per ORDER_OBSERVATION', 'ORU_R01', ['PID', 'ORC#1', 'OBR#1', 'OBX', 'OBR#2', 'OBX', 'ORC#3', 'OBR#3'], { 'OBR#1': 'ORC#1', 'OBR#2': null, 'OBR#3': 'ORC#3' }],
    // OUL_R22 ORDER(OBR [ORC] …): the ORC follows its OBR
    ['OUL_R22: ORC after its OBR', 'OUL_R22', ['PID', 'SPM', 'OBR#1', 'ORC#1', 'OBX', 'OBR#2', 'ORC#2'], { 'OBR#1': 'ORC#1', 'OBR#2': 'ORC#2' }],
    // [IG RDE_O11] ORDER(ORC ORDER_DETAIL(RXO …) RXE …): RXO and RXE are one order
    ['RDE_O11: RXO and RXE of one ORC', 'RDE_O11', ['PID', 'ORC#1', 'RXO#1', 'RXR', 'RXE#1', 'RXR', 'ORC#2', 'RXE#2'], { 'RXO#1': 'ORC#1', 'RXE#1': 'ORC#1', 'RXE#2': 'ORC#2' }],
    ['RDS_O13: RXO, RXE and RXD of one ORC', 'RDS_O13', ['PID', 'ORC#1', 'RXO#1', 'RXE#1', 'RXD#1'], { 'RXO#1': 'ORC#1', 'RXE#1': 'ORC#1', 'RXD#1': 'ORC#1' }],
    // [IG VXU_V04 12.1] ORDER([ORC] … RXA …)
    ['VXU_V04: each dose with its ORC; a dose without ORC has none', 'VXU_V04', ['PID', 'ORC#1', 'RXA#1', 'RXR', 'OBX', 'ORC#2', 'RXA#2', 'OBX', 'RXA#3'], { 'RXA#1': 'ORC#1', 'RXA#2': 'ORC#2', 'RXA#3': null }],
    ['MDM_T02: COMMON_ORDER(ORC … OBR)', 'MDM_T02', ['EVN', 'PID', 'PV1', 'ORC#1', 'OBR#1', 'TXA', 'OBX'], { 'OBR#1': 'ORC#1' }],
    ['DFT_P03: COMMON_ORDER([ORC] ORDER(OBR))', 'DFT_P03', ['EVN', 'PID', 'ORC#1', 'OBR#1', 'OBX', 'FT1'], { 'OBR#1': 'ORC#1' }],
    ['PPR_PC1: ORDER(ORC ORDER_DETAIL(OBR))', 'PPR_PC1', ['PID', 'PRB', 'ORC#1', 'OBR#1', 'OBX'], { 'OBR#1': 'ORC#1' }],
    ['OMP_O09: ORDER(ORC … RXO …)', 'OMP_O09', ['PID', 'ORC#1', 'TQ1', 'RXO#1', 'RXR', 'ORC#2', 'RXO#2'], { 'RXO#1': 'ORC#1', 'RXO#2': 'ORC#2' }],
  ])('%s', (_name, structure, segments, expected) => {
    expect(pairing(structure, segments)).toEqual(expected);
  });

  it('a lone ORC is claimed by no detail', () => {
    const msg = parseMessage(['MSH|^~\\&|A', 'PID|1', 'ORC|1', 'ORC|1', 'OBR|1'].join('\r'));
    const def = structureDef('ORM_O01');
    if (def === undefined) throw new Error('ORM_O01');
    const tree = new GroupTree(matchStructure(def, msg.segments), { madeAt: () => [] });
    expect(tree.detailsOf(2).map((n) => n.index)).toEqual([]);
    expect(tree.detailsOf(3).map((n) => n.index)).toEqual([4]);
  });
});

describe('frames', () => {
  it('answer "the RXA of my dose group" with what that RXA made', () => {
    const msg = parseMessage(['MSH|^~\\&|A', 'PID|1', 'ORC|1', 'RXA|1', 'OBX|1', 'ORC|2', 'RXA|2', 'OBX|2'].join('\r'));
    const def = structureDef('VXU_V04');
    if (def === undefined) throw new Error('VXU_V04');
    const made = new Map<number, Resource[]>([
      [3, [{ resourceType: 'Practitioner', id: 'p' }, { resourceType: 'Immunization', id: 'dose1' }]],
      [6, [{ resourceType: 'Immunization', id: 'dose2' }]],
    ]);
    const tree = new GroupTree(matchStructure(def, msg.segments), { madeAt: (i) => made.get(i) ?? [] });
    const firstObx = tree.frameOf(4);
    const secondObx = tree.frameOf(7);
    expect(firstObx?.path).toBe('VXU_V04/ORDER/OBSERVATION');
    expect(firstObx?.closest('RXA')?.made('RXA', 'Immunization').map((r) => r.id)).toEqual(['dose1']);
    expect(secondObx?.closest('RXA')?.made('RXA', 'Immunization').map((r) => r.id)).toEqual(['dose2']);
    expect(firstObx?.enclosing('ORDER')?.nodes('RXA').map((n) => n.index)).toEqual([3]);
    expect(firstObx?.made('RXA')).toEqual([]);
  });
});
