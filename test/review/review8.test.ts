/**
 * Review 8: failing tests for defects found in fix7 (src/transform) and the citime merge
 * (queue.maxProbeIntervalMs). Each test states what the v2 message says and what the Bundle or
 * report must then hold; none uses the converter's own output as its expected value.
 */
import { describe, expect, it } from 'vitest';
import { queueSchema } from '../../src/config/channel.js';
import { probeInterval, defaults } from '../../src/destinations/circuit-breaker.js';
import { convertChecked, resources, seg } from '../transform/helpers.js';

type Json = Record<string, unknown>;

const ORU = 'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240305081500-0500||ORU^R01^ORU_R01|R8A|P|2.5.1';
const PID = 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F';
const OBR = seg('OBR', { 1: '1', 2: 'PL1^CPOE', 3: 'FL1^LAB', 4: '2345-7^Glucose^LN', 25: 'F' });
const OBX = seg('OBX', { 1: '1', 2: 'NM', 3: '2345-7^Glucose^LN', 5: '95', 6: 'mg/dL^mg/dL^UCUM', 11: 'F' });
describe('one owner for HL7 table systems (hl7-tables.ts: "a table not listed here has no known codes, so nothing is ever stamped with its system")', () => {
  // fix7's scan (test/transform/hl7-table-codes.test.ts) looks only at tableConcept/tableCoding
  // calls and at v2-0203 literals; obx.ts still writes {system: v2-0085, code: 'X'} by hand, a
  // table the list does not hold.
  it('no file under src/transform/segments writes a v2-NNNN system literal', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(import.meta.dirname, '../../src/transform/segments');
    const writers = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /system: 'http:\/\/terminology\.hl7\.org\/CodeSystem\/v2-\d{4}'/.test(readFileSync(join(dir, f), 'utf8')));
    expect(writers).toEqual([]);
  });
});
