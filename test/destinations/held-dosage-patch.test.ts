/**
 * A changed pharmacy order's JSON Patch made again over the dosage the server holds (review 27 R27-A1;
 * transform/patch.ts heldDosagePatch, applied by destinations/order-events.ts). The converter's patch
 * `add /dosageInstruction` replaced the held list with the message's lines [RFC 6902 4.1]: a DC that
 * re-sends a bare dosage took away what it did not send (RXR-3's device, RXE-7's text, RXE-23/24's rate).
 * [v2.5.1 2.5.3: a field not sent is unchanged] each line the message sends keeps what the held line it
 * re-sends said and the message omits; what it sends replaces the held value (R4 choice elements:
 * one type at a time). Expected values come from FHIR's Dosage/Timing definitions, not from hig's output.
 *
 *   npx vitest run test/destinations/held-dosage-patch.test.ts
 */
import { describe, expect, it } from 'vitest';
import { expandOrderEvents } from '../../src/destinations/order-events.js';
import { jsonPatchBinary, jsonPatchOps } from '../../src/transform/json-patch-entry.js';
import { CLEARED_DOSAGE_EXTENSION, heldDosagePatch, ORDER_EVENT_EXTENSION } from '../../src/transform/patch.js';

type Json = Record<string, unknown>;

const Q12H = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0335', code: 'Q12H' }] };
const Q8H = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0335', code: 'Q8H' }] };
const DEVICE = { url: 'https://hig.example/fhir/StructureDefinition/v2-device', valueReference: { reference: 'Device/pump', display: 'IV Pump' } };
const mg = (value: number) => ({ value, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' });
const rate = { value: 250, unit: 'mL/h', system: 'http://unitsofmeasure.org', code: 'mL/h' };

/** The XO's line the server holds: Q12H from the 15th, 1000 mg at 250 mL/h, on the pump, with its sig. */
const HELD_LINE: Json = {
  text: 'Infuse over 60 minutes',
  timing: { code: Q12H, repeat: { frequency: 1, period: 12, periodUnit: 'h', boundsPeriod: { start: '2026-07-15T21:00:00-05:00' } } },
  doseAndRate: [{ doseQuantity: mg(1000), rateQuantity: rate }],
  route: { text: 'IV' },
  extension: [DEVICE],
};
const held = (...lines: Json[]): Json => ({ resourceType: 'MedicationRequest', id: 'rx1', status: 'active', dosageInstruction: lines, meta: { versionId: '3' } });
const patchOf = (lines: Json[] | undefined): Json =>
  jsonPatchBinary([{ op: 'add', path: '/status', value: 'stopped' }, ...(lines === undefined ? [] : [{ op: 'add', path: '/dosageInstruction', value: lines }])]);
const linesOf = (patch: Json | undefined): Json[] => {
  const ops = (patch === undefined ? [] : (jsonPatchOps(patch) ?? [])) as Json[];
  return (ops.find((o) => o.path === '/dosageInstruction')?.value as Json[] | undefined) ?? [];
};

describe('heldDosagePatch [v2.5.1 2.5.3; R4 Dosage, Timing; IG RXR[MedicationRequest] #3, TQ1[MedicationRequest] #8]', () => {
  it('the DC\'s bare line over the held one: device, text, rate kept; its end added; its other ops untouched', () => {
    const dc = { timing: { code: Q12H, repeat: { frequency: 1, period: 12, periodUnit: 'h', boundsPeriod: { start: '2026-07-15T21:00:00-05:00', end: '2026-07-17T07:58:00-05:00' } } }, doseAndRate: [{ doseQuantity: mg(1000) }], route: { text: 'IV' } };
    const out = heldDosagePatch(patchOf([dc]), held(HELD_LINE));
    const [line] = linesOf(out);
    expect(line?.extension).toEqual([DEVICE]);
    expect(line?.text).toBe('Infuse over 60 minutes');
    expect(line?.doseAndRate).toEqual([{ doseQuantity: mg(1000), rateQuantity: rate }]);
    expect((line?.timing as Json).repeat).toEqual({ frequency: 1, period: 12, periodUnit: 'h', boundsPeriod: { start: '2026-07-15T21:00:00-05:00', end: '2026-07-17T07:58:00-05:00' } });
    expect((jsonPatchOps(out ?? {}) as Json[])[0]).toEqual({ op: 'add', path: '/status', value: 'stopped' });
  });

  it('dose[x] is one element: a doseRange sent replaces a held doseQuantity (R4 Dosage.doseAndRate.dose[x]); the held rate stays', () => {
    const range = { doseRange: { low: mg(500), high: mg(750) } };
    const [line] = linesOf(heldDosagePatch(patchOf([{ doseAndRate: [range] }]), held(HELD_LINE)));
    expect(line?.doseAndRate).toEqual([{ ...range, rateQuantity: rate }]);
  });

  it('asNeeded[x] is one element: asNeededCodeableConcept sent removes a held asNeededBoolean', () => {
    const prn = { asNeededCodeableConcept: { text: 'pain' } };
    const [line] = linesOf(heldDosagePatch(patchOf([prn]), held({ ...HELD_LINE, asNeededBoolean: true })));
    expect(line?.asNeededBoolean).toBeUndefined();
    expect(line?.asNeededCodeableConcept).toEqual({ text: 'pain' });
  });

  it('another device sent replaces the held one (the extension of that url), another url of the held line stays', () => {
    const other = { url: 'https://hig.example/fhir/StructureDefinition/v2-conjunction', valueCoding: { code: 'S' } };
    const syringe = { url: DEVICE.url, valueReference: { reference: 'Device/syringe', display: 'Syringe pump' } };
    const [line] = linesOf(heldDosagePatch(patchOf([{ extension: [syringe] }]), held({ ...HELD_LINE, extension: [DEVICE, other] })));
    expect(line?.extension).toEqual([other, syringe]);
  });

  it('a new schedule (another timing code): the message\'s timing whole, nothing of the held repeat beside it', () => {
    const timing = { code: Q8H, repeat: { frequency: 1, period: 8, periodUnit: 'h' } };
    const [line] = linesOf(heldDosagePatch(patchOf([{ timing }]), held(HELD_LINE)));
    expect(line?.timing).toEqual(timing);
    expect(line?.extension).toEqual([DEVICE]);
  });

  it('explicit times (timeOfDay) sent replace a held `when` and its offset (R4 tim-9, tim-10: they exclude each other)', () => {
    const heldTiming = { code: Q12H, repeat: { when: ['MORN'], offset: 30, boundsPeriod: { start: '2026-07-15T08:00:00-05:00' } } };
    const [line] = linesOf(heldDosagePatch(patchOf([{ timing: { code: Q12H, repeat: { timeOfDay: ['08:00:00', '20:00:00'] } } }]), held({ ...HELD_LINE, timing: heldTiming })));
    expect((line?.timing as Json).repeat).toEqual({ timeOfDay: ['08:00:00', '20:00:00'], boundsPeriod: { start: '2026-07-15T08:00:00-05:00' } });
  });

  it('lines by sequence: each sent line over the held line of its number; a held line none re-sends goes', () => {
    const second = { ...HELD_LINE, sequence: 2, text: 'second' };
    const third = { ...HELD_LINE, sequence: 3, text: 'third' };
    const lines = linesOf(heldDosagePatch(patchOf([{ sequence: 2, doseAndRate: [{ doseQuantity: mg(500) }] }, { sequence: 1 }]), held({ ...HELD_LINE, sequence: 1, text: 'first' }, second, third)));
    expect(lines.map((l) => [l.sequence, l.text])).toEqual([
      [2, 'second'],
      [1, 'first'],
    ]);
    expect(lines[0]?.doseAndRate).toEqual([{ doseQuantity: mg(500), rateQuantity: rate }]);
  });

  it('a sent line that re-sends none of several held lines (no sequence, another code) stands as sent', () => {
    const timing = { code: Q8H };
    const lines = linesOf(heldDosagePatch(patchOf([{ timing }]), held({ ...HELD_LINE, sequence: 1 }, { ...HELD_LINE, sequence: 2 })));
    expect(lines).toEqual([{ timing }]);
  });

  it('nothing to make again: no dosage in the patch, none held, or no JSON Patch', () => {
    expect(heldDosagePatch(patchOf(undefined), held(HELD_LINE))).toBeUndefined();
    expect(heldDosagePatch(patchOf([{ text: 'x' }]), { resourceType: 'MedicationRequest', id: 'rx1' })).toBeUndefined();
    expect(heldDosagePatch({ resourceType: 'Parameters', parameter: [] }, held(HELD_LINE))).toBeUndefined();
  });
});

describe('expandOrderEvents [R4 http.html#patch, #trules; hig R27-A1] the one order found, holding a dosage the changed order\'s patch writes, is patched by id at the version read', () => {
  const marker = [{ url: ORDER_EVENT_EXTENSION, valueBoolean: true }];
  const search = 'identifier=urn:oid:1.2.3|RX1';
  const entries = (lines: Json[]): Json[] => [
    { extension: marker, fullUrl: 'urn:uuid:rx', resource: { resourceType: 'MedicationRequest', status: 'stopped' }, request: { method: 'POST', url: 'MedicationRequest', ifNoneExist: search } },
    { extension: marker, resource: patchOf(lines), request: { method: 'PATCH', url: `MedicationRequest?${search}` } },
    { fullUrl: 'urn:uuid:prov', resource: { resourceType: 'Provenance', target: [{ reference: 'urn:uuid:rx' }] }, request: { method: 'PUT', url: 'Provenance/p1' } },
  ];

  it('PATCH MedicationRequest/<id> with ifMatch, its dosage merged; the create dropped, the Provenance names the order', async () => {
    const out = await expandOrderEvents(entries([{ doseAndRate: [{ doseQuantity: mg(1000) }] }]), async () => [held(HELD_LINE)]);
    expect(out.entries.map((e) => (e.request as Json).url)).toEqual(['MedicationRequest/rx1', 'Provenance/p1']);
    expect((out.entries[0]?.request as Json).ifMatch).toBe('W/"3"');
    expect(out.versioned).toEqual(new Set([0]));
    const [line] = linesOf(out.entries[0]?.resource as Json);
    expect(line?.extension).toEqual([DEVICE]);
    expect(line?.doseAndRate).toEqual([{ doseQuantity: mg(1000), rateQuantity: rate }]);
    expect(((out.entries[1]?.resource as Json).target as Json[])[0]?.reference).toBe('MedicationRequest/rx1');
  });

  it('control: an order that holds no dosage gets the conditional entries as they are (marker removed)', async () => {
    const given = entries([{ text: 'x' }]);
    const out = await expandOrderEvents(given, async () => [{ resourceType: 'MedicationRequest', id: 'rx1', status: 'active' }]);
    expect(out.entries.map((e) => (e.request as Json).url)).toEqual(['MedicationRequest', `MedicationRequest?${search}`, 'Provenance/p1']);
    expect(out.entries[1]?.resource).toEqual(given[1]?.resource);
  });

  it('control: a stopped order gets no JSON Patch at all (ENDED, CR23-3)', async () => {
    const out = await expandOrderEvents(entries([{ text: 'x' }]), async () => [{ ...held(HELD_LINE), status: 'stopped' }]);
    expect(out.entries.map((e) => (e.request as Json).url)).toEqual(['Provenance/p1']);
  });
});

describe('heldDosagePatch with `""` fields [v2.5.1 2.5.3: `""` deletes, absent leaves; code review 26 CR26-1] only the elements sent as `""` leave the held line', () => {
  const TEXT = 'dosageInstruction.text';
  const RATE = 'dosageInstruction.doseAndRate.rate';
  const DEVICE_CLEARED = `dosageInstruction.extension:${DEVICE.url}`;
  const bare = { doseAndRate: [{ doseQuantity: mg(1000) }], route: { text: 'IV' } };

  it('each `""` element removed from the merged line, the omitted ones kept (RXE-7 text; RXE-23 rate; RXR-3 device)', () => {
    expect(linesOf(heldDosagePatch(patchOf([bare]), held(HELD_LINE), [TEXT]))[0]).toEqual({ ...HELD_LINE, text: undefined, ...bare, doseAndRate: [{ doseQuantity: mg(1000), rateQuantity: rate }] });
    const [noRate] = linesOf(heldDosagePatch(patchOf([bare]), held(HELD_LINE), [RATE]));
    expect(noRate?.doseAndRate).toEqual([{ doseQuantity: mg(1000) }]);
    expect([noRate?.text, noRate?.extension]).toEqual([HELD_LINE.text, [DEVICE]]);
    const [noDevice] = linesOf(heldDosagePatch(patchOf([bare]), held(HELD_LINE), [DEVICE_CLEARED]));
    expect(noDevice?.extension).toBeUndefined();
    expect([noDevice?.text, noDevice?.doseAndRate]).toEqual([HELD_LINE.text, [{ doseQuantity: mg(1000), rateQuantity: rate }]]);
  });

  it('what the message\'s line itself carries stays: a TQ1-11 text where RXE-7 is `""`, a device of another RXR, another extension url of the held line', () => {
    const other = { url: 'https://hig.example/fhir/StructureDefinition/v2-conjunction', valueCoding: { code: 'S' } };
    const [withText] = linesOf(heldDosagePatch(patchOf([{ ...bare, text: 'Give with food' }]), held({ ...HELD_LINE, extension: [DEVICE, other] }), [TEXT, DEVICE_CLEARED]));
    expect(withText?.text).toBe('Give with food');
    expect(withText?.extension).toEqual([other]);
    const syringe = { url: DEVICE.url, valueReference: { reference: 'Device/syringe' } };
    expect(linesOf(heldDosagePatch(patchOf([{ ...bare, extension: [syringe] }]), held(HELD_LINE), [DEVICE_CLEARED]))[0]?.extension).toEqual([syringe]);
  });

  it('a held doseAndRate item of a rate alone goes whole, no empty item or list left (R4 ele-1)', () => {
    const [line] = linesOf(heldDosagePatch(patchOf([{ route: { text: 'IV' } }]), held({ ...HELD_LINE, doseAndRate: [{ rateQuantity: rate }] }), [RATE]));
    expect(line).not.toHaveProperty('doseAndRate');
  });

  it('a patch without dosage lines: the held lines stay, each without the `""` elements; none held of them: nothing to make again', () => {
    const second = { ...HELD_LINE, sequence: 2 };
    const lines = linesOf(heldDosagePatch(patchOf(undefined), held({ ...HELD_LINE, sequence: 1 }, second), [TEXT]));
    expect(lines.map((l) => [l.sequence, l.text, l.extension])).toEqual([
      [1, undefined, [DEVICE]],
      [2, undefined, [DEVICE]],
    ]);
    expect(heldDosagePatch(patchOf(undefined), held({ ...HELD_LINE, text: undefined }), [TEXT])).toBeUndefined();
  });

  it('the FHIR destination reads the entry\'s marks and sends none of them; without marks the held values stay (R27-A1)', async () => {
    const search = 'identifier=urn:oid:1.2.3|RX1';
    const marks = [
      { url: ORDER_EVENT_EXTENSION, valueBoolean: true },
      { url: CLEARED_DOSAGE_EXTENSION, valueString: TEXT },
    ];
    const entry = (extension: Json[]): Json => ({ extension, resource: patchOf([bare]), request: { method: 'PATCH', url: `MedicationRequest?${search}` } });
    const out = await expandOrderEvents([entry(marks)], async () => [held(HELD_LINE)]);
    expect(out.entries[0]).not.toHaveProperty('extension');
    expect(linesOf(out.entries[0]?.resource as Json)[0]?.text).toBeUndefined();
    const kept = await expandOrderEvents([entry(marks.slice(0, 1))], async () => [held(HELD_LINE)]);
    expect(linesOf(kept.entries[0]?.resource as Json)[0]?.text).toBe(HELD_LINE.text);
  });
});
