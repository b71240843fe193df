/**
 * Review 51 (issue 14, branch review51 on main f289e526): defects found in a fresh synthetic sample of 24 feed-style
 * messages of a US academic molecular genetics and anatomic pathology laboratory and its hospital (Epic ADT / Beaker
 * OML^O21 / MDM^T02, the lab's ORL^O22 and ORU^R01, HL7 v2.5.1) on an America/Chicago channel
 * (docs/review51/messages/, docs/mapping-review-51.md). Each defect is `it.fails` so CI stays green (the lead flips
 * it to `it` when fixed); each has a control that passes today. Expected values come from the message and the IG
 * rows named, not from hig's output. test/review51/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review51/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json };

const dir = new URL('../../docs/review51/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const converted = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), { timezone: 'America/Chicago' });
const text = (x: unknown) => JSON.stringify(x ?? null);
const specimens = (n: string) => (converted(n).bundle.entry as Entry[]).map((e) => e.resource as Json).filter((r) => r?.resourceType === 'Specimen');

describe('review 51: a second repetition of SPM-2 (R51-L1)', () => {
  // #13 (BSAP ORU^R01 2.5.1) SPM|1|C32-01206-1^BSAP~C32-01206-2^BSAP|… : the thyroid FNA's two slides, the second's
  // number in SPM-2's second repetition. #18 (BSMGL ORU^R01) SPM|1|B32-0405117^EPC~MG32-000871-D1^BSMGL|… : the
  // hospital's tube and the lab's DNA extract. hig reads SPM-2's first repetition (context.ts rep() = reps(n)[0])
  // and drops the second with no identifier and no report line. SPM-2 is 0..1 in v2.5.1 (a non-conformant sender),
  // but a valued repetition hig does not read is reported elsewhere (PV1-20, TQ1-9 and ORC-7 repetitions): the
  // correct outcome is the number held [IG SPM[Specimen] #2 → identifier] or at least named in the report.
  it('R51-L1 control: #13 and #18 the first repetition is the Specimen\'s placer number (PGN)', () => {
    expect(text(specimens('13')[0]?.identifier)).toContain('"value":"C32-01206-1"');
    expect(text(specimens('18')[0]?.identifier)).toContain('"value":"B32-0405117"');
  });
  // After the review (lead): the second repetition is another specimen (a second slide) or a derived one (the DNA
  // extract), so it is not made an identifier of this Specimen (that would give two specimens one identity); SPM-2 is
  // 0..1 in the IG's row, and the repetition is now named in the report. Report lines carry field names, never values
  // (no message content in reports), so the test asks for the line, not the number.
  const spm2Repetition = (n: string) => (converted(n).report.issue as Array<{ details?: { text?: string } }>).map((i) => i.details?.text ?? '').filter((t) => /^SPM-2 \(segment \d+\): repetition 2\+/.test(t));
  it('R51-L1 [IG SPM[Specimen] #2, 0..1] #13 the second slide\'s repetition of SPM-2 is reported, not made this Specimen\'s identifier', () => {
    expect(spm2Repetition('13')).toHaveLength(1);
    expect(text(specimens('13'))).not.toContain('C32-01206-2');
  });
  it('R51-L1 [IG SPM[Specimen] #2, 0..1] #18 the lab\'s extract number in SPM-2\'s second repetition is reported', () => {
    expect(spm2Repetition('18')).toHaveLength(1);
  });
});
