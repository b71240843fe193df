/**
 * The one reader of a v2 order priority (segments/priority.ts; fix18c, review 18 R18-L1) on both
 * requests. [IG TQ1[MedicationRequest] #9, TQ1[ServiceRequest] #9 → priority via ExtendedPriorityCodes;
 * TQ[MedicationRequest] TQ.6 likewise]: the map gives S stat, A asap, R routine; P, C, T, TS/TM/TH/TD/
 * TW/TL<n> and PRN have no FHIR code. TQ1-9 is CWE 0..*, priority 0..1. PRN (table 0485 "As needed") on a
 * MedicationRequest → dosageInstruction.asNeededBoolean [hig, as a PRN repeat pattern is read]; every
 * other code without a FHIR code, and a second priority, is a report line naming the field and
 * repetition, never the value. Expected values are the map's rows, read by hand.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

/** Review 18 #17's vancomycin RDE^O11 (Epic Willow), TQ1-9 = `priority`; the TQ1 is segment 4. */
function rde(priority: string): { request: Json | undefined; lines: string[] } {
  const { bundle, lines } = convertChecked(
    'MSH|^~\\&|EPICRX|PMC|HIG|RMHIE|20261207091500-0700||RDE^O11^RDE_O11|PRIO-1|P|2.5.1',
    'PID|1||E4410087^^^PMC^MR||TORRES^GABRIEL^LUIS||19590223|M',
    'ORC|NW|PMC-RX4401^EPIC|PMC-RX4401^EPICRX||IP||||20261207091000',
    `TQ1|1||Q6H^Every 6 hours^HL70335||||20261207100000||${priority}`,
    'RXE||1807513^vancomycin 1250 MG in 250 ML Injection^RXNORM|1250||mg^milligram^UCUM',
    'RXR|IV^Intravenous^HL70162',
  );
  return { request: resources(bundle, 'MedicationRequest')[0], lines };
}

/** A lab order (OML^O21) whose TIMING TQ1-9 = `priority`; the TQ1 is segment 4. */
function lab(priority: string): { request: Json | undefined; lines: string[] } {
  const { bundle, lines } = convertChecked(
    'MSH|^~\\&|CPOE|HOSP|LAB|HOSP|20240601120000-0500||OML^O21^OML_O21|PRIO-2|P|2.5.1',
    'PID|1||MRN600^^^HOSP^MR||DOE^JANE||19800101|F',
    'ORC|NW|PL61^CPOE|||||||20240601113000-0500',
    `TQ1|1||||||||${priority}`,
    'OBR|1|PL61^CPOE||2345-7^Glucose^LN',
  );
  return { request: resources(bundle, 'ServiceRequest')[0], lines };
}

const dosage = (r: Json | undefined): Json | undefined => (r?.dosageInstruction as Json[] | undefined)?.[0];
const UNMAPPED = 'a priority the request-priority codes cannot say (table 0485); not converted';

describe('[IG TQ1[MedicationRequest] #9 via ExtendedPriorityCodes] a pharmacy order\'s TQ1-9', () => {
  it('[IG ExtendedPriorityCodes PRN: no FHIR code; hig PRN → asNeededBoolean] PRN: as needed, no priority, no line', () => {
    const { request, lines } = rde('PRN');
    expect(dosage(request)?.asNeededBoolean).toBe(true);
    expect(request?.priority).toBeUndefined();
    expect(lines.filter((l) => l.startsWith('TQ1-9'))).toEqual([]);
  });

  it.each(['T', 'TM30', 'P', 'C'])('[IG ExtendedPriorityCodes %s: no FHIR code] no priority, one located line', (code) => {
    const { request, lines } = rde(code);
    expect(request?.priority).toBeUndefined();
    expect(dosage(request)?.asNeededBoolean).toBeUndefined();
    expect(lines).toContain(`TQ1-9 (segment 4): ${UNMAPPED}`);
  });

  it('[IG TQ1[MedicationRequest] #9 CWE 0..*] PRN~R: as needed and routine (the second repetition was dropped)', () => {
    const { request, lines } = rde('PRN~R');
    expect(dosage(request)?.asNeededBoolean).toBe(true);
    expect(request?.priority).toBe('routine');
    expect(lines.filter((l) => l.startsWith('TQ1-9'))).toEqual([]);
  });

  it('[IG TQ1[MedicationRequest] #9 → priority 0..1] S~R: stat; the further priority reported by repetition', () => {
    const { request, lines } = rde('S~R');
    expect(request?.priority).toBe('stat');
    expect(lines).toContain('TQ1-9 repetition 2 (segment 4): a further priority (the request holds one); not converted');
  });

  it('[IG ExtendedPriorityCodes] TM30~A: asap from the second repetition, TM30 reported', () => {
    const { request, lines } = rde('TM30~A');
    expect(request?.priority).toBe('asap');
    expect(lines).toContain(`TQ1-9 (segment 4): ${UNMAPPED}`);
  });

  it('[IG TQ[MedicationRequest] TQ.6 via ExtendedPriorityCodes; hig PRN → asNeededBoolean] RXE-1 TQ.6 PRN of a v2.3 RDE^O01', () => {
    const { bundle, lines } = convertChecked(
      'MSH|^~\\&|MEDITECH|MVH|HIG|RMHIE|20261207083012-0800||RDE^O01|PRIO-3|P|2.3',
      'PID|1|MV00051190|MV00051190^^^MVH^MR||MENDEZ^ROSA^I||19840603|F',
      'ORC|NW|MV77001^MVH||||IP',
      'RXE|^Q6H^^20261207^^PRN|1049621^oxycodone 5 MG Oral Tablet^RXNORM|5||MG',
    );
    const request = resources(bundle, 'MedicationRequest')[0];
    expect(dosage(request)?.asNeededBoolean).toBe(true);
    expect(request?.priority).toBeUndefined();
    expect(lines.filter((l) => l.startsWith('RXE-1.6'))).toEqual([]);
  });
});

describe('[IG TQ1[ServiceRequest] #9 via ExtendedPriorityCodes] an order\'s TQ1-9, read by the same reader', () => {
  it('PRN: no priority and no asNeeded on a ServiceRequest, reported (as before)', () => {
    const { request, lines } = lab('PRN');
    expect(request?.priority).toBeUndefined();
    expect(request?.asNeededBoolean).toBeUndefined();
    expect(lines).toContain(`TQ1-9 (segment 4): ${UNMAPPED}`);
  });

  it('[IG TQ1[ServiceRequest] #9 CWE 0..*] T~S: stat from the second repetition (it was dropped), T reported', () => {
    const { request, lines } = lab('T~S');
    expect(request?.priority).toBe('stat');
    expect(lines).toContain(`TQ1-9 (segment 4): ${UNMAPPED}`);
  });
});
