/**
 * RAS (RXA outside a VXU) → MedicationAdministration.performer: [IG ORC[MedicationAdministration]
 * #12 → performer.actor(XCN[Practitioner]) + performer.function OP (v2-0443)] the ordering provider
 * (review 17 #19: reported, not mapped); RXA-10 the administering provider, function AP as
 * [IG RXA[Immunization] #10] (the rows administration.ts follows for RXA).
 * Expected values from the IG rows, not from hig's output.
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

function convert(orc: string, rxa10: string) {
  const { bundle, report } = convertHl7v2([
    'MSH|^~\\&|EPICMAR|UHD|HIG|NTXHIE|20261205091230-0600||RAS^O17^RAS_O17|M1|P|2.5.1',
    'PID|1||70011223^^^UHD^MR||HERNANDEZ^MARIA||19680412|F',
    orc,
    `RXA|0|1|20261205091000|20261205091000|1361568^enoxaparin 80 MG^RXNORM|80|mg^milligram^UCUM|||${rxa10}||||||||||CP|A`,
  ].join('\r'));
  const resources = (bundle.entry as { resource: Json }[]).map((e) => e.resource);
  const ma = resources.find((r) => r.resourceType === 'MedicationAdministration');
  const name = (ref: unknown) => {
    const p = resources.find((r) => `urn:uuid:${String(r.id)}` === (ref as Json).reference || `${String(r.resourceType)}/${String(r.id)}` === (ref as Json).reference);
    return ((p?.name as Json[] | undefined)?.[0]?.family as string | undefined) ?? '?';
  };
  const performers = ((ma?.performer ?? []) as Json[]).map((p) => `${String((((p.function as Json | undefined)?.coding as Json[] | undefined)?.[0]?.code) ?? '-')} ${name(p.actor)}`);
  const systems = ((ma?.performer ?? []) as Json[]).map((p) => (((p.function as Json | undefined)?.coding as Json[] | undefined)?.[0]?.system));
  const lines = ((report.issue ?? []) as { details?: { text?: string } }[]).map((i) => i.details?.text ?? '');
  return { performers, systems, lines };
}

describe('MedicationAdministration performers (RAS)', () => {
  it('[IG ORC[MedicationAdministration] #12] ORC-12 is a performer with function OP; RXA-10 one with AP [IG RXA[Immunization] #10]', () => {
    const out = convert('ORC|RE|9912001^EPC|9912001^EPCRX||IP|||||||1457382910^RAMIREZ^JOSE^A^^^MD', 'RN4411^OWENS^TARA^^^^RN');
    expect(out.performers.sort()).toEqual(['AP OWENS', 'OP RAMIREZ']);
    expect(new Set(out.systems)).toEqual(new Set(['http://terminology.hl7.org/CodeSystem/v2-0443']));
    expect(out.lines.filter((l) => l.startsWith('ORC-12'))).toEqual([]);
  });

  it('[IG ORC[MedicationAdministration] #12] every ORC-12 repetition is an ordering performer (performer 0..*)', () => {
    const out = convert('ORC|RE|9912001^EPC|9912001^EPCRX||IP|||||||1457382910^RAMIREZ^JOSE~1234567890^LI^WEI', '');
    expect(out.performers.sort()).toEqual(['OP LI', 'OP RAMIREZ']);
  });
});
