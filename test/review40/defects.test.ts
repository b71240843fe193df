/**
 * Review 40 (issue 14, branch review40 on main 997f51a): defects found in a fresh synthetic sample of 24 messages of a
 * psychiatric hospital and its long-term-care unit in Europe/Berlin across the 2027 autumn DST change
 * (docs/review40/messages/, docs/mapping-review-40.md). Each defect is `it.fails` so CI stays green (the lead flips it
 * to `it` when fixed: R40-W1 flipped by fix29a); each has a control that passes today. Expected values come from the message, the IG rows
 * named, hig's own documented rules (docs/mapping.md) and FHIR's element definitions, not from hig's output.
 * test/review40/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review40/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { fullUrl?: string; resource?: Json };

const dir = new URL('../../docs/review40/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const berlin = { timezone: 'Europe/Berlin' };
const entries = (n: string) => convertHl7v2(readFileSync(new URL(file(n), dir)), berlin).bundle.entry as Entry[];
const patient = (n: string) => entries(n).map((e) => e.resource).find((r) => r?.resourceType === 'Patient') as Json;
const identifier = (p: Json, value: string) => (p.identifier as Json[]).find((i) => i.value === value) as Json;

describe('review 40: a foreign social-insurance number typed SS is declared a US SSN (R40-W1)', () => {
  // #08/#11/#14 (ADT v2.5, STATIONSDOK, MSH-18 8859/1; also #17 RDE, #18 RAS), PID-3 `KG4000103^^^KGP^PI~4711210988^^^SVAT^SS`: the
  // Austrian social-insurance number (Sozialversicherungsnummer, 10 digits) of a Viennese patient, its assigning
  // authority CX.4 `SVAT`, type CX.5 `SS` (v2-0203 "Social Security number": any country's).
  // [IG CX[Identifier] #4]: CX.4 → system only "IF CX.4 IN" the FHIR identifier registry, else assigner(Organization);
  // [IG CX[Identifier] #5]: CX.5 → type.coding.code, no system. hig's own rule (docs/mapping.md, the "held control"
  // row): "CX.1 with CX.4, and with CX.5 when CX.4 is empty (CX.5 then gives the system: SS → SSN)".
  // `datatypes/identifier.ts` cxIdentifier: `hdSystem(rep, 4, ctx) ?? typeSystem(val(rep, 5))` falls back to the type
  // whenever CX.4 names no URI, so the Austrian number gets `http://hl7.org/fhir/sid/us-ssn` (the FHIR identifier
  // registry: "United States Social Security Number") beside its SVAT assigner. Fixed on branch fix29a: the type's
  // system only beside no authority or the system's own (identifier.ts TYPE_SYSTEMS; type-system-authority.test.ts).
  it('R40-W1 [IG CX[Identifier] #4, #5] #14: the Austrian SVNR (CX.4 SVAT) has no us-ssn system', () => {
    const svnr = identifier(patient('14'), '4711210988');
    expect((svnr.assigner as Json).display).toBe('SVAT');
    expect(svnr.system).toBeUndefined();
  });

  it('control: the same number without an authority (CX.4 empty) keeps the us-ssn system hig documents; the KGP PI has none', () => {
    const raw = readFileSync(new URL(file('14'), dir)).toString('latin1').replace('4711210988^^^SVAT^SS', '4711210988^^^^SS');
    const p = (convertHl7v2(Buffer.from(raw, 'latin1'), berlin).bundle.entry as Entry[]).map((e) => e.resource).find((r) => r?.resourceType === 'Patient') as Json;
    expect(identifier(p, '4711210988').system).toBe('http://hl7.org/fhir/sid/us-ssn');
    expect(identifier(patient('14'), 'KG4000103').system).toBeUndefined();
  });
});
