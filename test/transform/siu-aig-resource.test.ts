/**
 * AIG-3, the general resource (equipment) an appointment books: its identifier is kept on the participant, never
 * dropped without a word (review 36 R36-N6: `USM-03^Ultrasound unit 3^L` became `{display: "Ultrasound unit 3"}`,
 * `USM-03` neither mapped nor reported). [IG AIG[Appointment] #3 AIG-3 → participant.actor(Location.identifier) by
 * CWE[Identifier], a row for a location; hig applies it to any general resource: scheduling.ts mapAig]
 *
 *   npx vitest run test/transform/siu-aig-resource.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review36/messages/', import.meta.url);
const file = readdirSync(dir).find((f) => f.startsWith('05-')) ?? '';
const s12 = readFileSync(new URL(file, dir)).toString('latin1');

const aigParticipant = (message: string) => {
  const { bundle, report } = convertHl7v2(message);
  const appointment = (bundle.entry as { resource: Json }[]).map((e) => e.resource).find((r) => r.resourceType === 'Appointment');
  const participants = (appointment?.participant ?? []) as Json[];
  return { participant: participants.find((p) => JSON.stringify(p.type ?? []).includes('"code":"EQUIP"')), report: JSON.stringify(report) };
};

describe('SIU AIG-3: the booked equipment keeps its identifier (R36-N6)', () => {
  it('[IG AIG[Appointment] #3 CWE[Identifier]; #4 → participant.type] #05\'s `USM-03^Ultrasound unit 3^L`: actor identifier USM-03, display the text; no AIG-3 report line', () => {
    const { participant, report } = aigParticipant(s12);
    // CWE.3 `L`, a name table 0396 does not know: hig's local system for it, as AIS-3's identifier (datatypes/identifier.ts cweIdentifier)
    expect(participant?.actor).toEqual({ identifier: { system: 'urn:hl7v2:codesystem:L', value: 'USM-03' }, display: 'Ultrasound unit 3' });
    expect(report).not.toContain('AIG-3');
  });
  it('[IG AIG[Appointment] #3] an AIG-3 with its identifier alone: the identifier, and the value as display as before', () => {
    const { participant } = aigParticipant(s12.replace('USM-03^Ultrasound unit 3^L', 'USM-03'));
    expect(participant?.actor).toEqual({ identifier: { value: 'USM-03' }, display: 'USM-03' });
  });
  it('control: an AIG-3 with a text only (no CWE.1): the display alone, no identifier invented', () => {
    const { participant } = aigParticipant(s12.replace('USM-03^Ultrasound unit 3^L', '^Ultrasound unit 3'));
    expect(participant?.actor).toEqual({ display: 'Ultrasound unit 3' });
  });
});
