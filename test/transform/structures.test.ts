import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/hl7/message.js';
import { convertHl7v2, validateBundle } from '../../src/transform/index.js';
import { STRUCTURES } from '../../src/transform/structures/definitions.js';
import { parseStructure } from '../../src/transform/structures/grammar.js';
import { type GroupNode, matchStructure } from '../../src/transform/structures/match.js';
import { resolveStructure, structureDef } from '../../src/transform/structures/index.js';
import { convertChecked, corpusRoot, repoRoot, resources } from './helpers.js';

/** Renders a group tree as `GROUP(SEG SEG GROUP(...))` with unexpected segments marked `!`. */
function shape(node: GroupNode): string {
  return `${node.name}(${node.children.map((c) => (c.kind === 'group' ? shape(c) : `${c.segment.name}${c.expected ? '' : '!'}`)).join(' ')})`;
}

function tree(structure: string, segments: string[]): string {
  const msg = parseMessage(['MSH|^~\\&|A', ...segments.map((s) => `${s}|1`)].join('\r'));
  const def = structureDef(structure);
  if (def === undefined) throw new Error(structure);
  return shape(matchStructure(def, msg.segments));
}

describe('structure grammar', () => {
  it.each(Object.keys(STRUCTURES))('%s parses', (name) => {
    const def = parseStructure(name, STRUCTURES[name] ?? '');
    expect(def.children[0]).toMatchObject({ kind: 'segment', name: 'MSH' });
  });
  it('rejects malformed definitions', () => {
    expect(() => parseStructure('X', 'MSH [PID')).toThrow();
    expect(() => parseStructure('X', 'MSH pid')).toThrow();
    expect(() => parseStructure('X', 'MSH <OBR | RXO')).toThrow();
  });
  it('reads a choice < A | B > with its alternatives, optional and repeating like any element', () => {
    expect(parseStructure('X', 'MSH [<OBR | G(RXO [RXR])>]').children[1]).toEqual({
      kind: 'choice',
      optional: true,
      repeat: false,
      options: [
        { kind: 'segment', name: 'OBR', optional: false, repeat: false },
        { kind: 'group', name: 'G', optional: false, repeat: false, children: [{ kind: 'segment', name: 'RXO', optional: false, repeat: false }, { kind: 'segment', name: 'RXR', optional: true, repeat: false }] },
      ],
    });
  });
});

describe('segment groups', () => {
  it.each([
    [
      'ORU with two orders, results, notes and specimen OBX',
      'ORU_R01',
      ['PID', 'PV1', 'ORC', 'OBR', 'NTE', 'OBX', 'NTE', 'OBX', 'SPM', 'OBX', 'ORC', 'OBR', 'OBX'],
      'ORU_R01(MSH PATIENT_RESULT(PATIENT(PID VISIT(PV1)) ORDER_OBSERVATION(COMMON_ORDER(ORC) OBR NTE OBSERVATION(OBX NTE) OBSERVATION(OBX) SPECIMEN(SPM OBX)) ORDER_OBSERVATION(COMMON_ORDER(ORC) OBR OBSERVATION(OBX))))',
    ],
    [
      'ORU with OBR without ORC and a Z segment',
      'ORU_R01',
      ['PID', 'OBR', 'OBX', 'ZDS', 'OBR', 'OBX'],
      'ORU_R01(MSH PATIENT_RESULT(PATIENT(PID) ORDER_OBSERVATION(OBR OBSERVATION(OBX ZDS!)) ORDER_OBSERVATION(OBR OBSERVATION(OBX))))',
    ],
    [
      'ADT A17 swaps two patients',
      'ADT_A17',
      ['EVN', 'PID', 'PV1', 'PID', 'PV1'],
      'ADT_A17(MSH EVN PATIENT(PID PV1) PATIENT(PID PV1))',
    ],
    [
      'ADT procedures and insurance groups',
      'ADT_A01',
      ['EVN', 'PID', 'PV1', 'PR1', 'ROL', 'PR1', 'IN1', 'IN2', 'IN1'],
      'ADT_A01(MSH EVN PID PV1 PROCEDURE(PR1 ROL) PROCEDURE(PR1) INSURANCE(IN1 IN2) INSURANCE(IN1))',
    ],
    [
      'OUL R22: specimen containing orders',
      'OUL_R22',
      ['PID', 'SPM', 'OBX', 'OBR', 'ORC', 'OBX', 'SPM', 'OBR', 'OBX'],
      'OUL_R22(MSH PATIENT(PID) SPECIMEN(SPM SPECIMEN_OBSERVATION(OBX) ORDER(OBR ORC RESULT(OBX))) SPECIMEN(SPM ORDER(OBR RESULT(OBX))))',
    ],
    [
      'ORU v2.9 COMMON_ORDER with an ORDER_DOCUMENT before its OBR [IG ORU_R01 4.2.1]',
      'ORU_R01',
      ['PID', 'ORC', 'PRT', 'OBX', 'TXA', 'OBR', 'OBX'],
      'ORU_R01(MSH PATIENT_RESULT(PATIENT(PID) ORDER_OBSERVATION(COMMON_ORDER(ORC PRT ORDER_DOCUMENT(OBX TXA)) OBR OBSERVATION(OBX))))',
    ],
    [
      'VXU without ORC (v2.3 style)',
      'VXU_V04',
      ['PID', 'RXA', 'RXR', 'OBX', 'RXA'],
      'VXU_V04(MSH PID ORDER(RXA RXR OBSERVATION(OBX)) ORDER(RXA))',
    ],
    // [IG ORM_O01 4.2.1] ORDER_DETAIL begins with the choice <OBR | RQD | RQ1 | RXO | ODS | ODT>
    [
      'ORM pharmacy order: RXO is the ORDER_DETAIL choice, its NTE, DG1 and OBX stay in the detail [IG ORM_O01 4.2.1.7, 4.2.2–4.2.5]',
      'ORM_O01',
      ['PID', 'ORC', 'RXO', 'NTE', 'CTD', 'DG1', 'OBX', 'NTE', 'FT1'],
      'ORM_O01(MSH PATIENT(PID) ORDER(ORC ORDER_DETAIL(RXO NTE CTD DG1 OBSERVATION(OBX NTE)) FT1))',
    ],
    [
      'ORM pharmacy order with RXO\'s RXR and RXC (OMP_O09, v2.3 pharmacy ORM)',
      'ORM_O01',
      ['PID', 'ORC', 'RXO', 'NTE', 'RXR', 'RXC', 'ORC', 'RXO'],
      'ORM_O01(MSH PATIENT(PID) ORDER(ORC ORDER_DETAIL(RXO NTE RXR COMPONENT(RXC))) ORDER(ORC ORDER_DETAIL(RXO)))',
    ],
    [
      'ORM supply order: RQD then RQ1 (OMS_O05 RQD [RQ1]) [IG ORM_O01 4.2.1.3, 4.2.1.5]',
      'ORM_O01',
      ['PID', 'ORC', 'RQD', 'RQ1', 'CTD', 'DG1', 'OBX', 'NTE'],
      'ORM_O01(MSH PATIENT(PID) ORDER(ORC ORDER_DETAIL(RQD RQ1 CTD DG1 OBSERVATION(OBX NTE))))',
    ],
    [
      'ORM diet order: ODS, and ODT, each the choice of its own order [IG ORM_O01 4.2.1.9, 4.2.1.11]',
      'ORM_O01',
      ['PID', 'ORC', 'ODS', 'NTE', 'ORC', 'ODT'],
      'ORM_O01(MSH PATIENT(PID) ORDER(ORC ORDER_DETAIL(ODS NTE)) ORDER(ORC ORDER_DETAIL(ODT)))',
    ],
    [
      'ORM: one choice per detail, a second detail segment is out of place',
      'ORM_O01',
      ['PID', 'ORC', 'OBR', 'RXO'],
      'ORM_O01(MSH PATIENT(PID) ORDER(ORC ORDER_DETAIL(OBR RXO!)))',
    ],
    [
      'PPR problem with a pharmacy order: the second alternative of ORDER_DETAIL\'s choice',
      'PPR_PC1',
      ['PID', 'PRB', 'ORC', 'RXO', 'RXR', 'ORC', 'OBR', 'OBX'],
      'PPR_PC1(MSH PID PROBLEM(PRB ORDER(ORC ORDER_DETAIL(RXO RXR)) ORDER(ORC ORDER_DETAIL(OBR ORDER_OBSERVATION(OBX)))))',
    ],
    [
      'a segment out of place stays where it appeared',
      'ADT_A01',
      ['EVN', 'PID', 'PV1', 'OBX', 'EVN'],
      'ADT_A01(MSH EVN PID PV1 OBSERVATION(OBX EVN!))',
    ],
  ])('%s', (_n, structure, segments, expected) => {
    expect(tree(structure, segments)).toBe(expected);
  });
});

describe('routing', () => {
  it.each([
    ['ADT', 'A04', undefined, 'ADT_A01'],
    ['ADT', 'A04', 'ADT_A04', 'ADT_A01'],
    ['ADT', 'A08', 'ADT_A01', 'ADT_A01'],
    ['ADT', 'A31', undefined, 'ADT_A05'],
    ['ADT', 'A40', undefined, 'ADT_A39'],
    ['ADT', 'A47', undefined, 'ADT_A30'],
    ['SIU', 'S26', undefined, 'SIU_S12'],
    ['MDM', 'T09', undefined, 'MDM_T01'],
    ['RDE', 'O25', undefined, 'RDE_O11'],
    ['PPR', 'PC3', undefined, 'PPR_PC1'],
  ])('%s^%s (MSH-9.3 %s) → %s', (type, event, msh93, expected) => {
    expect(resolveStructure(type, event, msh93)).toBe(expected);
  });
});

describe('group context in mapping', () => {
  const oru = [
    'MSH|^~\\&|LAB|F|EHR|H|20240306101500||ORU^R01^ORU_R01|X1|P|2.5.1',
    'PID|1||P1^^^H^MR||DOE^JANE',
    'ORC|RE|PA^EHR|FA^LAB',
    'OBR|1|PA^EHR|FA^LAB|11111-1^Panel A^LN|||20240306090000',
    'OBX|1|NM|1-1^A1^LN||1|mg',
    'SPM|1|S1&EHR^S1F&LAB||BLD^Blood^HL70487',
    'OBX|1|NM|1-2^Specimen obs^LN||2|mg',
    'ORC|RE|PB^EHR|FB^LAB',
    'OBR|2|PB^EHR|FB^LAB|22222-2^Panel B^LN|||20240306091000',
    'OBX|1|ST|2-1^B1^LN||text',
  ].join('\r');
  const r = convertHl7v2(oru);
  const reports = resources(r.bundle, 'DiagnosticReport');
  const observations = resources(r.bundle, 'Observation');
  const ref = (x: { id?: string } | undefined): string => `urn:uuid:${x?.id ?? ''}`;

  it('is valid', () => expect(validateBundle(r.bundle)).toEqual([]));
  it('puts each OBX in its own order’s report, including the SPECIMEN group’s OBX', () => {
    expect(reports).toHaveLength(2);
    expect(reports[0]?.result).toEqual([{ reference: ref(observations[0]) }, { reference: ref(observations[1]) }]);
    expect(reports[1]?.result).toEqual([{ reference: ref(observations[2]) }]);
  });
  it('links the specimen to the observation of its group only', () => {
    const [specimen] = resources(r.bundle, 'Specimen');
    expect(observations[1]?.specimen).toEqual({ reference: ref(specimen) });
    expect(observations[0]?.specimen).toBeUndefined();
    expect(observations[2]?.specimen).toBeUndefined();
    expect(reports[0]?.specimen).toEqual([{ reference: ref(specimen) }]);
  });
  it('gives OBX the effective time of their OBR', () => {
    expect(observations[2]?.effectiveDateTime).toBe('2024-03-06T09:10:00Z');
  });
});

/** The report's lines of a message (a whole file's text, or its segments), its Bundle checked valid. */
const reportLines = (...message: string[]): string[] => convertChecked(...message).lines;

// [IG ORM_O01 4.2.1] with ORDER_DETAIL written `OBR …` only, the Microsoft pharmacy ORM (ORC RXO NTE
// CTD DG1 OBX NTE) had six "not where structure ORM_O01 expects it" lines and the RXO's note,
// diagnosis and observation were not the order's; RQD/RQ1/ODS/ODT likewise
describe('ORM_O01 order detail choice: every detail segment is placed, one without a map is reported as such', () => {
  const samples = path.join(corpusRoot, 'microsoft-fhir-converter/data/SampleData/Hl7v2');
  it.each(['ORM-O01-04.hl7', 'ORM-O01-05.hl7', 'ORM-O01-06.hl7'])('%s: no segment is out of place', (file) => {
    expect(reportLines(readFileSync(path.join(samples, file), 'utf8')).filter((l) => l.includes('is not where structure'))).toEqual([]);
  });
  it('RQD and RQ1 (no IG segment map) are each one "not converted" line, not an out-of-place one [IG ORM_O01 4.2.1.3, 4.2.1.5]', () => {
    const lines = reportLines(readFileSync(path.join(repoRoot, 'test/transform/cases/orm-supply-rqd-detail/input.hl7'), 'utf8'));
    expect(lines.filter((l) => /^segment (RQD|RQ1) /.test(l))).toEqual(['segment RQD (segment 4) has no FHIR mapping; not converted', 'segment RQ1 (segment 5) has no FHIR mapping; not converted']);
  });
  it('ODS (no segment map; its SupplyRequest row is for a message without PID) is reported, its NTE is the order\'s note [IG ORM_O01 4.2.1.9, 4.2.2]', () => {
    const msg = ['MSH|^~\\&|CPOE|HOSP|DIET|HOSP|20240313120000-0500||ORM^O01^ORM_O01|ORM-D1|P|2.5', 'PID|1||MRN904^^^HOSP^MR||DIAZ^DORA||19800101|F', 'ORC|NW|DIET1^CPOE', 'ODS|D||^Low sodium', 'NTE|1||No added salt'];
    const { bundle, lines } = convertChecked(...msg);
    expect(lines.filter((l) => l.startsWith('segment ODS') || l.startsWith('segment NTE'))).toEqual(['segment ODS (segment 4) has no FHIR mapping; not converted']);
    const [order] = resources(bundle, 'ServiceRequest');
    expect(order?.note).toEqual([{ text: 'No added salt' }]);
  });
});
