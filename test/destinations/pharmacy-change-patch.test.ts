/**
 * A pharmacy order changed (ORC-1 XO) or discontinued (ORC-1 DC) with its RXE re-sent keeps what only
 * its NW said (review 23 R23-D1's pharmacy half, R23-D1p; reviews 25 #18, 26 #15), delivered to the
 * test FHIR server (test/support/fhir-server.ts). Until rx23 the RDE's MedicationRequest was a full
 * `PUT MedicationRequest/<id>` at the NW's URL, and the IG gives ORC-9 to authoredOn only when ORC-1 is
 * NW [IG ORC[ServiceRequest] #9, the pattern hig applies to MedicationRequest]: the server's order lost
 * when it was written. The rule [v2.5.1 2.5.3: a field not sent is unchanged; docs/mapping.md
 * "Resource identity", MedicationRequest]: the NW writes the order whole; any other ORC-1 is a
 * conditional create + a JSON Patch in which each top-level element the message carries replaces the
 * order's whole (the new dose replaces the old one) and nothing it omits is removed. Expected values
 * come from the messages, not from the converter's output.
 *
 *   npx vitest run test/destinations/pharmacy-change-patch.test.ts
 */
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';
import { compileFhirEdits, type FhirStep } from '../../src/routing/fhir-edit.js';
import { useFhirDestinations } from '../support/fhir-destination-fixture.js';
import { never } from './helpers.js';
import type { BundlePusher } from './push.js';

type Json = Record<string, unknown>;

const fhir = useFhirDestinations();
const destination = (): BundlePusher => fhir.destination();

const stored = (value: string): Json[] => fhir.stored('MedicationRequest', value);

const OID = '1.2.840.114350.1.13.99';
const head = (id: string) => [`MSH|^~\\&|CPOE|GH|PHARM|GH|20261206080000-0600||RDE^O11^RDE_O11|${id}|P|2.5.1`, 'PID|1||MRN23^^^GH^MR||DOE^JANE||19800215|F'];

/**
 * An RDE for vancomycin: ORC-1 `control`, ORC-9 `time` (authoredOn on NW only), ORC-12 the orderer,
 * ORC-16 `reason`; TQ1 Q12H; RXE-3 `mg` mg.
 */
function rde(control: string, number: string, mg: number, time: string, orderer = '1234^ORDER^OLIVE', reason = ''): string {
  return [
    ...head(`${number}-${control}-${mg}`),
    `ORC|${control}|${number}^CPOE^${OID}^ISO|||||||${time}|||${orderer}||||${reason}`,
    'TQ1|1||Q12H^Every 12 hours^HL70335|||||20261206090000-0600',
    `RXE||11124^Vancomycin^RXNORM|${mg}||mg^milligram^UCUM|IVPB^IV piggyback^HL70292`,
    'RXR|IV^Intravenous^HL70162',
  ].join('\r');
}

const doses = (mr: Json | undefined) =>
  ((mr?.dosageInstruction as Json[] | undefined) ?? []).flatMap((d) => ((d.doseAndRate as Json[] | undefined) ?? []).map((r) => (r.doseQuantity as Json | undefined)?.value));

describe('R23-D1p [v2.5.1 2.5.3; IG ORC[ServiceRequest] #9 IF NW, applied to MedicationRequest.authoredOn; RXO[MedicationRequest] #2] an XO replaces the dose and keeps the NW\'s authoredOn', () => {
  it('NW 1,250 mg Q12H then XO 1,500 mg Q12H: one order, 1,500 mg only, authoredOn of the NW', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', 'RX23A', 1250, '20261206080000-0600')).bundle, never);
    const xo = convertHl7v2(rde('XO', 'RX23A', 1500, '20261206140000-0600')).bundle;
    const requests = (xo.entry as { request?: { method?: string; url?: string } }[]).filter((e) => e.request?.url?.startsWith('MedicationRequest'));
    expect(requests.map((e) => e.request?.method)).toEqual(['POST', 'PATCH']);
    await dest.deliver(xo, never);
    const held = stored('RX23A');
    expect(held).toHaveLength(1);
    expect(doses(held[0])).toEqual([1500]);
    expect(held[0]?.authoredOn).toBe('2026-12-06T08:00:00-06:00');
    expect(held[0]?.status).toBe('active');
  });

  it('a resend of the XO changes nothing', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', 'RX23B', 1250, '20261206080000-0600')).bundle, never);
    const xo = rde('XO', 'RX23B', 1500, '20261206140000-0600');
    await dest.deliver(convertHl7v2(xo).bundle, never);
    const { meta: _once, ...once } = stored('RX23B')[0] ?? {};
    await dest.deliver(convertHl7v2(xo).bundle, never);
    const held = stored('RX23B');
    expect(held).toHaveLength(1);
    const { meta: _twice, ...twice } = held[0] ?? {};
    expect(twice).toEqual(once);
  });

  it('an XO for an order the server lacks creates it, with the XO\'s dose and no authoredOn (ORC-9 of an XO is not the order\'s)', async () => {
    await destination().deliver(convertHl7v2(rde('XO', 'RX23C', 1500, '20261206140000-0600')).bundle, never);
    const held = stored('RX23C');
    expect(held).toHaveLength(1);
    expect(doses(held[0])).toEqual([1500]);
    expect(held[0]?.authoredOn).toBeUndefined();
  });
});

describe('R23-D1p [IG OrderControlCode DC → stopped (medicationrequest-status); ORC[ServiceRequest] #9 IF NW, #16] a DC with its RXE stops the order and keeps when it was written', () => {
  it('NW then DC with ORC-16: stopped, authoredOn of the NW, the DC\'s reason', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', 'RX23D', 1250, '20261206080000-0600')).bundle, never);
    await dest.deliver(convertHl7v2(rde('DC', 'RX23D', 1250, '20261206150000-0600', '1234^ORDER^OLIVE', 'ADR^Adverse reaction^HL70119')).bundle, never);
    const held = stored('RX23D');
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('stopped');
    expect(held[0]?.authoredOn).toBe('2026-12-06T08:00:00-06:00');
    expect(JSON.stringify(held[0]?.extension)).toContain('Adverse reaction');
    expect(doses(held[0])).toEqual([1250]);
  });
});

describe('R23-D1p [RXO[MedicationRequest] #1 medication; hig: RXC compound → contained Medication + medicationReference] the medication is replaced as one', () => {
  const compound = (control: string, number: string) =>
    rde(control, number, 1000, '20261206080000-0600').replace('11124^Vancomycin^RXNORM|1000||mg^milligram^UCUM', 'KCL20^KCl 20 mEq in NS 1000 mL^LOCAL|1000||mL^milliliter^UCUM') +
    '\rRXC|B|313002^Sodium Chloride 0.9% Injectable Solution^RXNORM|1000|mL^milliliter^UCUM\rRXC|A|1001368^Potassium Chloride 2 MEQ/ML Injectable Solution^RXNORM|20|meq^milliequivalent^UCUM';
  // without RXE-6 (dosage form) a single product is medicationCodeableConcept; with it, or with RXC, a contained Medication
  const plain = (control: string, number: string, mg: number, time: string) => rde(control, number, mg, time).replace('|IVPB^IV piggyback^HL70292', '');
  it('NW of a compound, then an XO naming a plain product: the held order names that product only (no medicationReference, no contained Medication left)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(compound('NW', 'RX23F')).bundle, never);
    expect(stored('RX23F')[0]?.medicationReference).toBeDefined();
    await dest.deliver(convertHl7v2(plain('XO', 'RX23F', 1500, '20261206140000-0600')).bundle, never);
    const held = stored('RX23F');
    expect(held).toHaveLength(1);
    expect(JSON.stringify(held[0]?.medicationCodeableConcept)).toContain('"code":"11124"');
    expect(held[0]?.medicationReference).toBeUndefined();
    expect(held[0]?.contained).toBeUndefined();
    expect(held[0]?.authoredOn).toBe('2026-12-06T08:00:00-06:00');
  });
  it('NW of a plain product, then an XO of a compound: medicationReference and its contained Medication, no medicationCodeableConcept', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(plain('NW', 'RX23G', 1250, '20261206080000-0600')).bundle, never);
    expect(stored('RX23G')[0]?.medicationCodeableConcept).toBeDefined();
    await dest.deliver(convertHl7v2(compound('XO', 'RX23G')).bundle, never);
    const held = stored('RX23G');
    expect(held).toHaveLength(1);
    expect(held[0]?.medicationCodeableConcept).toBeUndefined();
    const ref = String((held[0]?.medicationReference as Json | undefined)?.reference);
    expect(((held[0]?.contained as Json[] | undefined) ?? []).map((c) => `#${String(c.id)}`)).toContain(ref);
    expect(JSON.stringify(held[0]?.contained)).toContain('"code":"KCL20"');
    expect(held[0]?.authoredOn).toBe('2026-12-06T08:00:00-06:00');
  });
});

describe('[hig: docs/routing.md FHIR post-processing; code review 19 CR19-3] a destination\'s edits reach a pharmacy change\'s JSON Patch', () => {
  it('remove MedicationRequest.requester: the XO\'s orderer is not written, the order keeps the NW\'s; the new dose still is', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(rde('NW', 'RX23E', 1250, '20261206080000-0600')).bundle, never);
    const xo = convertHl7v2(rde('XO', 'RX23E', 1500, '20261206140000-0600', '5678^LAB^LARA')).bundle;
    await dest.deliver(compileFhirEdits([{ remove: 'MedicationRequest.requester' } as FhirStep])(xo), never);
    const held = stored('RX23E');
    expect(held).toHaveLength(1);
    expect(JSON.stringify(held[0]?.requester ?? {})).not.toContain('LARA');
    expect(held[0]?.requester).toBeDefined();
    expect(doses(held[0])).toEqual([1500]);
  });
});

/**
 * An infusion RDE: ORC-1 `control`; TQ1s as given (each `code^start^end`, numbered); RXE-3 `mg` mg; RXE-7
 * `sig` and RXE-23/24 `rate` mL/h when given; RXR-1 IV and RXR-3 `device` when given.
 */
function infusion(control: string, number: string, mg: number, tq1s: readonly string[], extra: { sig?: string; rate?: number; device?: boolean } = {}): string {
  const status = control === 'DC' ? 'DC' : 'SC';
  return [
    ...head(`${number}-${control}-${mg}-${tq1s.length}`),
    `ORC|${control}|${number}^CPOE^${OID}^ISO||${status}||||20261206080000-0600|||1234^ORDER^OLIVE`,
    ...tq1s.map((t, i) => {
      const [code = '', start = '', end = ''] = t.split('^');
      return `TQ1|${i + 1}||${code === '' ? '' : `${code}^^HL70335`}||||${start}|${end}`;
    }),
    `RXE||11124^Vancomycin^RXNORM|${mg}||mg^milligram^UCUM||${extra.sig === undefined ? '' : `^${extra.sig}`}|||1|ea^each^UCUM||||||||||||${extra.rate === undefined ? '' : `${extra.rate}|mL/h^milliliter per hour^UCUM`}`,
    `RXR|IV^Intravenous^HL70162${extra.device === true ? '||IVP^IV Pump^HL70164' : ''}`,
  ].join('\r');
}

const PUMPED = { sig: 'Infuse over 60 minutes', rate: 250, device: true };
const dosages = (mr: Json | undefined) => (mr?.dosageInstruction as Json[] | undefined) ?? [];
const rates = (d: Json | undefined) => ((d?.doseAndRate as Json[] | undefined) ?? []).map((r) => (r.rateQuantity as Json | undefined)?.value);
const devices = (d: Json | undefined) => ((d?.extension as Json[] | undefined) ?? []).filter((e) => String(e.url).endsWith('v2-device')).map((e) => (e.valueReference as Json | undefined)?.display);
const bounds = (d: Json | undefined) => ((d?.timing as Json | undefined)?.repeat as Json | undefined)?.boundsPeriod as Json | undefined;

describe('R27-A1 [v2.5.1 2.5.3; IG RXR[MedicationRequest] #3, TQ1[MedicationRequest] #7/#8, RXO[MedicationRequest] #2; FHIR R4 http.html#patch] a DC re-sending a bare dosage keeps the held line and adds what it says', () => {
  it('NW with pump, sig and rate, then a DC echoing TQ1 with its end, the dose and route only: stopped, pump/sig/rate/dose kept, the end added', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(infusion('NW', 'RX27A', 1000, ['Q12H^20261206090000-0600'], PUMPED)).bundle, never);
    await dest.deliver(convertHl7v2(infusion('DC', 'RX27A', 1000, ['Q12H^20261206090000-0600^20261208075800-0600'])).bundle, never);
    const held = stored('RX27A');
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('stopped');
    const [line] = dosages(held[0]);
    expect(dosages(held[0])).toHaveLength(1);
    expect(devices(line)).toEqual(['IV Pump']);
    expect(line?.text).toBe('Infuse over 60 minutes');
    expect(rates(line)).toEqual([250]);
    expect(doses(held[0])).toEqual([1000]);
    expect(bounds(line)).toEqual({ start: '2026-12-06T09:00:00-06:00', end: '2026-12-08T07:58:00-06:00' });
    expect(JSON.stringify((line?.timing as Json | undefined)?.code)).toContain('"code":"Q12H"');
  });

  it('a DC that changes the dose (1,000 → 750 mg): the new dose wins, the rate, pump and sig stay', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(infusion('NW', 'RX27B', 1000, ['Q12H^20261206090000-0600'], PUMPED)).bundle, never);
    await dest.deliver(convertHl7v2(infusion('DC', 'RX27B', 750, ['Q12H^20261206090000-0600^20261208075800-0600'])).bundle, never);
    const held = stored('RX27B');
    expect(held).toHaveLength(1);
    expect(doses(held[0])).toEqual([750]);
    const [line] = dosages(held[0]);
    expect(rates(line)).toEqual([250]);
    expect(devices(line)).toEqual(['IV Pump']);
    expect(line?.text).toBe('Infuse over 60 minutes');
  });

  it('a DC whose TQ1 sends only its end (no TQ1-3, no TQ1-7): the held schedule and start stay', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(infusion('NW', 'RX27C', 1000, ['Q12H^20261206090000-0600'], PUMPED)).bundle, never);
    await dest.deliver(convertHl7v2(infusion('DC', 'RX27C', 1000, ['^^20261208075800-0600'])).bundle, never);
    const [line] = dosages(stored('RX27C')[0]);
    expect(bounds(line)).toEqual({ start: '2026-12-06T09:00:00-06:00', end: '2026-12-08T07:58:00-06:00' });
    expect(JSON.stringify((line?.timing as Json | undefined)?.code)).toContain('"code":"Q12H"');
    expect(devices(line)).toEqual(['IV Pump']);
  });

  it('two dosage lines (TQ1 1 Q12H, TQ1 2 QHS): the DC re-sends both with their ends; each line keeps the pump, sig and rate and gains its own end', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(infusion('NW', 'RX27D', 1000, ['Q12H^20261206090000-0600', 'QHS^20261206210000-0600'], PUMPED)).bundle, never);
    const placed = dosages(stored('RX27D')[0]);
    expect(placed.map((d) => d.sequence)).toEqual([1, 2]);
    await dest.deliver(convertHl7v2(infusion('DC', 'RX27D', 1000, ['Q12H^20261206090000-0600^20261208075800-0600', 'QHS^20261206210000-0600^20261207210000-0600'])).bundle, never);
    const held = stored('RX27D');
    expect(held[0]?.status).toBe('stopped');
    const lines = dosages(held[0]);
    expect(lines.map((d) => d.sequence)).toEqual([1, 2]);
    expect(lines.map((d) => bounds(d)?.end)).toEqual(['2026-12-08T07:58:00-06:00', '2026-12-07T21:00:00-06:00']);
    expect(lines.map((d) => bounds(d)?.start)).toEqual(['2026-12-06T09:00:00-06:00', '2026-12-06T21:00:00-06:00']);
    for (const d of lines) {
      expect(devices(d)).toEqual(['IV Pump']);
      expect(rates(d)).toEqual([250]);
      expect(d.text).toBe('Infuse over 60 minutes');
    }
  });

  it('an XO that sends one line where the order had two: the order has that one line, with what the held line of its schedule said', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(infusion('NW', 'RX27E', 1000, ['Q12H^20261206090000-0600', 'QHS^20261206210000-0600'], PUMPED)).bundle, never);
    await dest.deliver(convertHl7v2(infusion('XO', 'RX27E', 1250, ['QHS^20261207210000-0600'])).bundle, never);
    const lines = dosages(stored('RX27E')[0]);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.sequence).toBeUndefined();
    expect(JSON.stringify((lines[0]?.timing as Json | undefined)?.code)).toContain('"code":"QHS"');
    expect(bounds(lines[0])?.start).toBe('2026-12-07T21:00:00-06:00');
    expect(doses(stored('RX27E')[0])).toEqual([1250]);
    expect(devices(lines[0])).toEqual(['IV Pump']);
  });
});

/**
 * An IV admixture RDE (review 32 #08/#12/#13's shape): RXE NS 1000 mL at `rate` mL/h (RXE-23/24), RXR IV with
 * the pump (RXR-3), RXC B NS 1000 mL and, when `kcl` is given, RXC A KCl `kcl` mEq.
 */
function admixture(control: string, number: string, kcl: number | undefined, rate: number | undefined, end = ''): string {
  const status = control === 'DC' ? 'DC' : 'SC';
  return [
    ...head(`${number}-${control}-${kcl ?? 0}-${rate ?? 0}`),
    `ORC|${control}|${number}^CPOE^${OID}^ISO|||${status}||||20261206${control === 'NW' ? '08' : '14'}0000-0600|||1234^ORDER^OLIVE`,
    `RXE||313002^Sodium Chloride 0.9% Injectable Solution^RXNORM|1000||mL^milliliter^UCUM|||||1|{bag}^bag^UCUM||||||||||||${rate === undefined ? '' : `${rate}|mL/h^milliliter per hour^UCUM`}`,
    `TQ1|1||||||20261206090000-0600${end === '' ? '' : `|${end}`}`,
    'RXR|IV^Intravenous^HL70162||IVP^IV Pump^HL70164',
    'RXC|B|313002^Sodium Chloride 0.9% Injectable Solution^RXNORM|1000|mL^milliliter^UCUM',
    ...(kcl === undefined ? [] : [`RXC|A|7515^Potassium Chloride^RXNORM|${kcl}|meq^milliequivalent^UCUM`]),
  ].join('\r');
}

/** The held order's contained Medication's ingredients as `code amount unit active`. */
const ingredients = (mr: Json | undefined) => {
  const ref = (mr?.medicationReference as Json | undefined)?.reference;
  const medication = ((mr?.contained as Json[] | undefined) ?? []).find((c) => `#${String(c.id)}` === ref);
  return ((medication?.ingredient as Json[] | undefined) ?? []).map((i) => {
    const code = ((i.itemCodeableConcept as Json).coding as Json[])[0]?.code;
    const numerator = (i.strength as Json | undefined)?.numerator as Json | undefined;
    return `${String(code)} ${String(numerator?.value)} ${String(numerator?.code)}${i.isActive === true ? ' active' : ''}`;
  });
};

describe('R32-N3 [hig RXC → contained Medication.ingredient; v2.5.1 2.5.3; FHIR R4 http.html#patch] a changed IV order\'s components at the server', () => {
  it('NW NS 1000 mL + KCl 20 mEq, then an XO with KCl 40 mEq and a new rate: the held Medication is the XO\'s (contained replaced whole: no KCl 20 left), one order', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(admixture('NW', 'RX32A', 20, 75)).bundle, never);
    expect(ingredients(stored('RX32A')[0])).toEqual(['313002 1000 mL', '7515 20 meq active']);
    await dest.deliver(convertHl7v2(admixture('XO', 'RX32A', 40, 50)).bundle, never);
    const held = stored('RX32A');
    expect(held).toHaveLength(1);
    expect(held[0]?.contained as Json[]).toHaveLength(1);
    expect(ingredients(held[0])).toEqual(['313002 1000 mL', '7515 40 meq active']);
    expect(rates(dosages(held[0])[0])).toEqual([50]);
    expect(held[0]?.authoredOn).toBe('2026-12-06T08:00:00-06:00');
  });

  it('then a DC re-sending the components and a bare dosage (no rate): stopped, the components kept, the held rate and pump kept (heldDosagePatch beside a contained Medication)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(admixture('NW', 'RX32B', 20, 75)).bundle, never);
    await dest.deliver(convertHl7v2(admixture('DC', 'RX32B', 20, undefined, '20261207060000-0600')).bundle, never);
    const held = stored('RX32B');
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('stopped');
    expect(ingredients(held[0])).toEqual(['313002 1000 mL', '7515 20 meq active']);
    const [line] = dosages(held[0]);
    expect(rates(line)).toEqual([75]);
    expect(devices(line)).toEqual(['IV Pump']);
    expect(bounds(line)?.end).toBe('2026-12-07T06:00:00-06:00');
  });

  it('an XO whose RXE names the additive no more (RXC B only): the held Medication has the base only (the message\'s components are the order\'s)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(admixture('NW', 'RX32C', 20, 75)).bundle, never);
    await dest.deliver(convertHl7v2(admixture('XO', 'RX32C', undefined, 75)).bundle, never);
    expect(ingredients(stored('RX32C')[0])).toEqual(['313002 1000 mL']);
  });
});

/** The admixture message without any RXC: an RXE that re-sends the give code alone. */
const withoutComponents = (message: string) => message.split('\r').filter((s) => !s.startsWith('RXC|')).join('\r');

describe('CR27-5 [hig RXC rule (mapping.md RXC row); v2.5.1 2.5.3 not sent is unchanged; FHIR R4 MedicationRequest.medication[x]] a changed order without RXCs keeps the held product of its give code', () => {
  it('NW NS + KCl 20 mEq at 75 mL/h, then a DC re-sending the RXE alone: stopped, NS base and KCl additive kept', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(admixture('NW', 'RX28A', 20, 75)).bundle, never);
    await dest.deliver(convertHl7v2(withoutComponents(admixture('DC', 'RX28A', undefined, undefined, '20261207060000-0600'))).bundle, never);
    const held = stored('RX28A');
    expect(held).toHaveLength(1);
    expect(held[0]?.status).toBe('stopped');
    expect(held[0]?.medicationCodeableConcept).toBeUndefined();
    expect(ingredients(held[0])).toEqual(['313002 1000 mL', '7515 20 meq active']);
    expect(rates(dosages(held[0])[0])).toEqual([75]);
  });

  it('control: an XO without RXCs naming another give code (D5W) replaces the product: the NS components described the old one', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(admixture('NW', 'RX28B', 20, 75)).bundle, never);
    const d5w = withoutComponents(admixture('XO', 'RX28B', undefined, 100)).replace('RXE||313002^Sodium Chloride 0.9% Injectable Solution^RXNORM', 'RXE||310361^Dextrose 5% Injectable Solution^RXNORM');
    await dest.deliver(convertHl7v2(d5w).bundle, never);
    const held = stored('RX28B');
    expect(held[0]?.contained).toBeUndefined();
    expect(((held[0]?.medicationCodeableConcept as Json).coding as Json[])[0]?.code).toBe('310361');
  });
});

/** The admixture message with RXE-6 give dosage form: its product is a contained Medication whatever RXCs follow. */
const withForm = (message: string) => message.replace('|mL^milliliter^UCUM|||||1|', '|mL^milliliter^UCUM|IVSOLN^IV solution^99FORM||||1|');
/** The held order's contained Medication's form code. */
const form = (mr: Json | undefined) => {
  const ref = (mr?.medicationReference as Json | undefined)?.reference;
  const medication = ((mr?.contained as Json[] | undefined) ?? []).find((c) => `#${String(c.id)}` === ref);
  return (((medication?.form as Json | undefined)?.coding as Json[] | undefined) ?? [])[0]?.code;
};
/** An event whose ORC-5 is its own status (HD on hold, RL in process), not the helper's SC. */
const withOrderStatus = (message: string, status: string) => message.replace(/^(ORC\|[A-Z]{2}\|[^|]*\|\|\|)SC\|/m, `$1${status}|`);

describe('R58-N3 [hig cancel rule, issue 14; IG ORC[ServiceRequest] #1, #5 → status; RXC[Medication] (hig RXC rule); v2.5.1 2.5.3] a state event of a pharmacy order keeps the product it does not restate', () => {
  it('NW NS + KCl 20 mEq (RXE-6 IV solution) then a DC re-sending its RXE with RXE-6 and no RXC: stopped, the form, NS base and KCl additive kept', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(withForm(admixture('NW', 'RX36A', 20, 75))).bundle, never);
    await dest.deliver(convertHl7v2(withoutComponents(withForm(admixture('DC', 'RX36A', undefined, undefined, '20261207060000-0600')))).bundle, never);
    const held = stored('RX36A');
    expect(held).toHaveLength(1);
    expect([held[0]?.status, form(held[0]), held[0]?.medicationCodeableConcept]).toEqual(['stopped', 'IVSOLN', undefined]);
    expect(ingredients(held[0])).toEqual(['313002 1000 mL', '7515 20 meq active']);
    // [IG TQ1[MedicationRequest] #8] the DC's end; the NW's start and rate kept (R27-A1)
    expect([bounds(dosages(held[0])[0]), rates(dosages(held[0])[0])]).toEqual([{ start: '2026-12-06T09:00:00-06:00', end: '2026-12-07T06:00:00-06:00' }, [75]]);
  });

  it('HD (ORC-5 HD → on-hold) then RL (ORC-5 IP → active), each re-sending the RXE with RXE-6 alone: the additive held through both', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(withForm(admixture('NW', 'RX36B', 20, 75))).bundle, never);
    await dest.deliver(convertHl7v2(withOrderStatus(withoutComponents(withForm(admixture('HD', 'RX36B', undefined, 75))), 'HD')).bundle, never);
    expect([stored('RX36B')[0]?.status, ingredients(stored('RX36B')[0])]).toEqual(['on-hold', ['313002 1000 mL', '7515 20 meq active']]);
    await dest.deliver(convertHl7v2(withOrderStatus(withoutComponents(withForm(admixture('RL', 'RX36B', undefined, 75))), 'IP')).bundle, never);
    expect([stored('RX36B')[0]?.status, ingredients(stored('RX36B')[0]), form(stored('RX36B')[0])]).toEqual(['active', ['313002 1000 mL', '7515 20 meq active'], 'IVSOLN']);
  });

  it('an XO re-sending RXE-6 without RXC keeps the additive too (the CR27-5 rule: the message\'s components are the order\'s only when it sends some)', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(withForm(admixture('NW', 'RX36C', 20, 75))).bundle, never);
    await dest.deliver(convertHl7v2(withoutComponents(withForm(admixture('XO', 'RX36C', undefined, 100)))).bundle, never);
    expect([ingredients(stored('RX36C')[0]), rates(dosages(stored('RX36C')[0])[0])]).toEqual([['313002 1000 mL', '7515 20 meq active'], [100]]);
  });

  it('control: a DC whose RXE names another give code (D5W, RXE-6) replaces the product: the NS components described the old one', async () => {
    const dest = destination();
    await dest.deliver(convertHl7v2(withForm(admixture('NW', 'RX36D', 20, 75))).bundle, never);
    const d5w = withoutComponents(withForm(admixture('DC', 'RX36D', undefined, undefined))).replace('RXE||313002^Sodium Chloride 0.9% Injectable Solution^RXNORM', 'RXE||310361^Dextrose 5% Injectable Solution^RXNORM');
    await dest.deliver(convertHl7v2(d5w).bundle, never);
    expect([stored('RX36D')[0]?.status, ingredients(stored('RX36D')[0]), form(stored('RX36D')[0])]).toEqual(['stopped', [], 'IVSOLN']);
  });
});
