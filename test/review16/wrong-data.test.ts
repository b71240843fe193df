/**
 * Review 16 (issue 14, branch review16 on main cb4bfd6): wrong-data classes found in a fresh synthetic
 * sample of 24 feed-style messages (docs/review16/messages/, docs/mapping-review-16.md). Each case is
 * `it.fails` so CI stays green; the lead flips it to `it` when fixed. Expected values come from the
 * message, the IG rows named and the code systems' own rules, not from hig's output.
 *
 *   npx vitest run test/review16/wrong-data.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: { url?: string } };
type Coding = { system?: string; code?: string };

function convert(segments: string[]): Entry[] {
  const { bundle } = convertHl7v2(segments.join('\r'));
  return bundle.entry as Entry[];
}

function adt(sender: string, pid: string, pv1?: string): Entry[] {
  return convert([
    `MSH|^~\\&|${sender}|BAYSTATE|HIG|HIE|20261205102233-0500||ADT^A08^ADT_A01|R16|P|2.4`,
    'EVN|A08|20261205102230',
    pid,
    ...(pv1 === undefined ? [] : [pv1]),
  ]);
}

const BCP47 = 'urn:ietf:bcp:47';

describe('review 16 wrong data', () => {
  // R16-W1. #01 (PID-15 `vie^Vietnamese^ISO639`), #08 (`pol^Polish^ISO639`), #10 (`ibo^Igbo^ISO639`).
  // [IG PID[Patient] #15] PID-15 → communication.language via CWE[CodeableConcept]; the IG names no
  // system for ISO639 (coding-systems.ts maps it to urn:ietf:bcp:47, hig's choice). An ISO 639-2
  // three-letter code is no BCP 47 tag when the language has an ISO 639-1 code (RFC 5646 §2.2.1: only
  // the shortest ISO 639 code is registered; `vie`, `pol`, `ibo` are not subtags, `vi`, `pl`, `ig` are).
  // The Bundle states `vie` in a code system where no such code exists: a receiver looking it up finds
  // no language. Either the ISO 639-1 tag under bcp:47, or the 3-letter code under another system.
  it('R16-W1 [IG PID[Patient] #15] an ISO 639-2 code with an ISO 639-1 equivalent is not stated as a BCP 47 tag', () => {
    const entries = adt('EPIC', 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F|||||||vie^Vietnamese^ISO639');
    const patient = entries.map((e) => e.resource).find((r) => r?.resourceType === 'Patient');
    const codings = ((patient?.communication ?? []) as { language?: { coding?: Coding[] } }[]).flatMap((c) => c.language?.coding ?? []);
    expect(codings.length).toBeGreaterThan(0);
    for (const c of codings.filter((x) => x.system === BCP47)) expect(c.code).toBe('vi');
  });

  // control: an ISO 639-1 code under ISO639 is a BCP 47 tag (test/transform/cases/adt-a01-typical: `en`)
  it('R16-W1 control: PID-15 `en^English^ISO639` is the BCP 47 tag en', () => {
    const entries = adt('EPIC', 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F|||||||en^English^ISO639');
    const patient = entries.map((e) => e.resource).find((r) => r?.resourceType === 'Patient');
    expect(JSON.stringify(patient?.communication)).toContain('"system":"urn:ietf:bcp:47","code":"en"');
  });

  // R16-I1. #03 (Cerner A08: PID-3 `3344556^^^BH^MRN~200055512^^^BH^CMRN`) and #15/#16 (the same
  // sender's ORM: PID-3 `3344556^^^BH^MRN`): one patient, one record number at one authority, two
  // Patient URLs. The identity rule (docs/mapping.md "Resource identity", identity.ts) ranks equal
  // types (neither `MRN` nor `CMRN` is table 0203's MR) "by authority, then value (as text)", so
  // `200055512` < `3344556` keys the A08's Patient on the CMRN and the ORM's on the MRN; the visit
  // PV1-19 `88776655^^^BH^FIN NBR` is one Encounter whose subject flips between the two Patients
  // (sweep: "URL under two patients"), and the orders hang on a Patient the ADT never updates.
  // hig rule, not an IG row [DESIGN invariant 8: a PUT URL names what identifies the resource]: a
  // message that names the same patient by the same identifier must PUT the same Patient.
  it('R16-I1 [hig identity] the same MRN at the same authority is one Patient whether or not a second PID-3 repetition is sent', () => {
    const pv1 = 'PV1|1|O|CLIN^^^BH|||||||||||||||OP|88776655^^^BH^FIN NBR';
    const url = (pid: string) => adt('CERNER', pid, pv1).find((e) => e.resource?.resourceType === 'Patient')?.request?.url;
    const withBoth = url('PID|1||3344556^^^BH^MRN~200055512^^^BH^CMRN||WASHINGTON^DENISE^L||19881214|F');
    const mrnOnly = url('PID|1||3344556^^^BH^MRN||WASHINGTON^DENISE^L||19881214|F');
    expect(withBoth).toBeDefined();
    expect(withBoth).toBe(mrnOnly);
  });

  // R16-I2 (found beside the sample: #12 split as a microbiology LIS sends it, the culture first, its
  // MIC child OBR in a later ORU). The child OBR carries the parent's placer number (OBR-2
  // `PL55667^EPIC`) and its own filler number (OBR-3 `M26-004411-1`), OBR-29 naming the parent. The
  // ServiceRequest identity (docs/mapping.md "Resource identity": "the placer number alone when no
  // other OBR of the message carries it", else number + OBR-4) gives (1) the culture sent alone and the
  // same culture sent with its child two URLs (a prelim → final sequence makes two orders), and (2) the
  // child sent alone the culture's URL: its PUT turns the culture order 87086 into 87186 and moves the
  // culture's Observations' basedOn onto a susceptibility order. hig identity rule [DESIGN invariant 8];
  // the messages name two orders (two filler numbers, two codes), the Bundles one or three.
  const MICRO_MSH = (id: string) => `MSH|^~\\&|SUNQUEST|MERCY LAB|HIG|HIE|20261206071000-0600||ORU^R01|${id}|P|2.5`;
  const MICRO_PID = 'PID|1||MH00443322^^^MERCY^MR||KOWALSKI^ROBERT^A||19520719|M';
  const CULTURE = [
    'ORC|RE|PL55667^EPIC|M26-004411^SUNQUEST||CM',
    'OBR|1|PL55667^EPIC|M26-004411^SUNQUEST|87086^Culture, urine^CPT4|||20261204221500|||||||||||||||20261206070500||MB|F',
    'OBX|1|CE|630-4^Bacteria identified in Urine by Culture^LN|1|112283007^Escherichia coli^SCT||||||F',
  ];
  const MIC = [
    'ORC|RE|PL55667^EPIC|M26-004411-1^SUNQUEST||CM',
    'OBR|2|PL55667^EPIC|M26-004411-1^SUNQUEST|87186^Susceptibility, MIC^CPT4|||20261204221500|||||||||||||||20261206070500||MB|F|630-4&Bacteria identified in Urine by Culture&LN^1^Escherichia coli|||PL55667&EPIC^M26-004411&SUNQUEST',
    'OBX|1|SN|18906-8^Ciprofloxacin [Susceptibility] by Minimum inhibitory concentration (MIC)^LN|1|>=^4|ug/mL||R|||F',
  ];
  const orderUrl = (entries: Entry[], code: string) =>
    entries.find((e) => e.resource?.resourceType === 'ServiceRequest' && JSON.stringify(e.resource.code).includes(`"${code}"`))?.request?.url;

  it('R16-I2 [hig identity] a susceptibility child OBR sent alone does not PUT over its culture order', () => {
    const culture = orderUrl(convert([MICRO_MSH('C1'), MICRO_PID, ...CULTURE]), '87086');
    const mic = orderUrl(convert([MICRO_MSH('C2'), MICRO_PID, ...MIC]), '87186');
    expect(culture).toBeDefined();
    expect(mic).toBeDefined();
    expect(mic).not.toBe(culture);
  });

  it('R16-I2 [hig identity] the culture order has one URL whether its child OBR comes in the same message or not', () => {
    const alone = orderUrl(convert([MICRO_MSH('C1'), MICRO_PID, ...CULTURE]), '87086');
    const withChild = orderUrl(convert([MICRO_MSH('C3'), MICRO_PID, ...CULTURE, ...MIC]), '87086');
    expect(alone).toBeDefined();
    expect(withChild).toBe(alone);
  });
});
