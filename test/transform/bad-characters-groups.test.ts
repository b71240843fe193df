/**
 * [hig bad-characters rule, docs/mapping.md "Bad characters"] fix10 (review10 #1–#5): parts that
 * stand in for a member of an identifying group join it only while they do, a field whose datatype
 * is unknown is left out whole, and MSH-7 left out keeps its clean offset for the message's times.
 * Expected values come from the rule and the messages, not from the code's output.
 */
import { describe, expect, it } from 'vitest';
import { scrubRepetition } from '../../src/transform/characters.js';
import { convertHl7v2 } from '../../src/transform/index.js';
import { resources } from './helpers.js';

describe('fix10: identifying groups that depend on what is valued', () => {
  // [IG CX[Identifier] #4 → system/assigner, #5 → type] with CX.4 valued, CX.5 names the type only:
  // a control byte there leaves the type out alone, the MRN stays with its authority
  it('CX.5 with CX.4 valued is left out alone; with CX.4 empty it takes CX.1 with it', () => {
    expect(scrubRepetition([['123'], [''], [''], ['H'], ['M\x01R']], 'CX').rep).toEqual([['123'], [''], [''], ['H'], ['']]);
    expect(scrubRepetition([['123'], [''], [''], [''], ['S\x01S']], 'CX').rep).toEqual([[''], [''], [''], [''], ['']]);
  });

  // [IG CX[Identifier] #1 → value] CX.1 bad with CX.4 empty: CX.5 (the system in CX.4's place) goes too
  it('CX.1 with CX.4 empty takes CX.5 with it (no type left naming a missing number)', () => {
    expect(scrubRepetition([['12\x013'], [''], [''], [''], ['SS']], 'CX').rep).toEqual([[''], [''], [''], [''], ['']]);
  });

  // [IG XTN[ContactPoint] #2 use, #3 equipment → system] the number goes with what it reaches
  it('XTN.2 bad leaves the number out, the free text XTN.9 stays', () => {
    const out = scrubRepetition([[''], ['P\x01RN'], ['PH'], [''], [''], ['555'], ['5550100'], [''], ['day']], 'XTN').rep;
    expect(out.slice(0, 8).every((c) => c.every((s) => s === ''))).toBe(true);
    expect(out[8]).toEqual(['day']);
  });

  it('a field whose datatype is unknown is left out whole, never per component', () => {
    const done = scrubRepetition([['R1'], ['HOS\x01P'], ['x']], undefined);
    expect(done.rep).toEqual([[''], [''], ['']]);
    expect(done.omitted).toEqual(['component 2 (with component 1, component 3)']);
  });
});

describe('fix10: MSH-7 left out keeps a clean trailing offset', () => {
  const oru = (msh7: string, timezone?: string) =>
    convertHl7v2(
      [
        `MSH|^~\\&|LAB|B|C|D|${msh7}||ORU^R01^ORU_R01|X7|P|2.5.1`,
        'PID|1||123^^^H^MR||Doe^John||19700101|M',
        'OBR|1|PL1^LAB|FL1^LAB|GLU^Glucose^L|||20240101080000',
        'OBX|1|NM|GLU^Glucose^L||5.5|mmol/L|||||F',
      ].join('\r'),
      timezone === undefined ? {} : { timezone },
    );
  // [hig time-zone rule] offset-less times are in MSH-7's zone: +0100 is readable after the bad byte
  it('the offset after the control byte is the sender\'s zone, whatever the channel\'s', () => {
    const { bundle, report } = oru('2024010112\x010000+0100', 'America/Chicago');
    expect(resources(bundle, 'DiagnosticReport')[0]?.effectiveDateTime).toBe('2024-01-01T08:00:00+01:00');
    const texts = ((report.issue as { details?: { text?: string } }[] | undefined) ?? []).map((i) => i.details?.text ?? '');
    expect(texts.some((t) => t.startsWith('MSH-7 (segment 1)'))).toBe(true);
  });
});

describe('fix10: the superseded orderer TQ1 keeps its text instruction', () => {
  // [IG TQ1[MedicationRequest] TQ1-11 → text (hig: dosageInstruction.text)] the pharmacy's encoded
  // TQ1 is the timing and priority; the orderer's text instruction is neither
  it('RDS_O13: the orderer TQ1-11 reaches dosageInstruction.text beside the pharmacy\'s TQ1', () => {
    const m = [
      'MSH|^~\\&|PHARM|H|EHR|R|20240305120000-0500||RDS^O13^RDS_O13|RDS-T1|P|2.8',
      'PID|1||MRN9^^^H^MR||DOE^DANA||19700101|F',
      'ORC|NW|RX9^CPOE|||||||20240305095500-0500',
      'TQ1|1||TID&three times a day&HL70335||||||||Take with food',
      'RXO|00071015523^Lisinopril 10 MG^NDC|10||mg^milligram^UCUM',
      'RXE||00071015523^Lisinopril 10 MG^NDC|10||mg^milligram^UCUM',
      'TQ1|1||TID&three times a day&HL70335',
      'RXD|1|00071015523^Lisinopril 10 MG^NDC|20240305113000-0500|9|TAB^Tablet^HL70292',
    ].join('\r');
    const [mr] = resources(convertHl7v2(m).bundle, 'MedicationRequest');
    expect((mr?.dosageInstruction as { text?: string }[])[0]?.text).toBe('Take with food');
  });
});
