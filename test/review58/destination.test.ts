/**
 * Review 58 (issue 14): the whole sample (docs/review58/messages/, 01 → 24 in order) of a Japanese general hospital's
 * feeds in the style of the JAHIS v2.5 guides — the HIS KSHIS (ADT, OML^O21, RDE^O11; MSH-18 `~ISO IR87`, MSH-20
 * `ISO 2022-1994`, ISO-2022-JP bytes, bare times), the LIS KSLIS (ORL, ORU; `UNICODE UTF-8`, MSH-7 +0900), the
 * injection system KSINJ (RDE^O11 NW/XO/DC; UTF-8, +0900), an outsourced lab SCLC (ORU; MSH-18 empty, UTF-8 bytes)
 * and the accounts system KSREG (ADT^A08; MSH-18 `ISO IR87` first) — converted on ONE Asia/Tokyo channel (JST +09:00,
 * no daylight saving) and delivered as FHIR transactions to the in-repo test FHIR server, the bytes as sent. What the
 * server holds after each message, read against the messages and the IG rows named; expected values are the
 * messages', written by hand (the Japanese text as the sender wrote it before encoding).
 *
 *   npx vitest run test/review58/destination.test.ts
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deliverSample, snapshotReaders } from '../support/review-delivery.js';

type Json = Record<string, unknown>;

const dir = new URL('../../docs/review58/messages/', import.meta.url);
const after = new Map<string, Json[]>();
let failures: string[] = [];
let refused: string[] = [];
beforeAll(async () => {
  const sample = await deliverSample(dir, undefined, { convert: { timezone: 'Asia/Tokyo' }, bytes: true, afterEach: (f, held) => after.set(f.slice(0, 2), held) });
  ({ failures, refused } = sample);
  await sample.close();
}, 180_000);

const { text, ref, ofType, withId, one, refOf } = snapshotReaders(after);
const code = (r: Json | undefined) => ((r?.code as Json).coding as Json[])[0]?.code;
const patient = (n: string, id: string) => one(n, 'Patient', id);
/** Each name of the patient as "family given" (the Japanese order), in the order held. */
const names = (n: string, id: string) => ((patient(n, id).name as Json[]) ?? []).map((x) => `${String(x.family)} ${((x.given as string[]) ?? []).join(' ')}`);
const order = (n: string, number: string) => one(n, 'ServiceRequest', number);
const report = (n: string, number: string) => one(n, 'DiagnosticReport', number);
const results = (n: string, number: string) => {
  const held = new Map(ofType(n, 'Observation').map((o) => [ref(o), o]));
  return (report(n, number).result as Json[]).map((r) => held.get(refOf(r)) as Json);
};
const ordersOf = (n: string, pid: string) => ofType(n, 'ServiceRequest').filter((s) => refOf(s.subject) === ref(patient(n, pid)));
const medsOf = (n: string, pid: string) => ofType(n, 'MedicationRequest').filter((s) => refOf(s.subject) === ref(patient(n, pid)));
const med = (n: string, number: string) => one(n, 'MedicationRequest', number);
const dose = (m: Json) => ((m.dosageInstruction as Json[])[0] as Json);
const visit = (n: string, number: string) => one(n, 'Encounter', number);

const SAKURAI = '0005800117';
const OHASHI = '0005800125';
const NGUYEN = '0005800133';

describe('review 58 at the destination (channel zone Asia/Tokyo, March 2033, JST +09:00)', () => {
  it('every transaction accepted; none refused (#05 and #17 were INVALID_DATE, R58-R1, and #23 MSH-18 ISO IR87 unsupported, R58-R2, until fix35d): three patients', () => {
    expect(failures).toEqual([]);
    expect(refused).toEqual([]);
    expect(ofType('24', 'Patient')).toHaveLength(3);
    expect(text(patient('24', SAKURAI).identifier)).toContain('"code":"PI"');
  });

  // ---- the UTF-8 senders: read right (controls) ----
  it('#04 (LIS, UTF-8, +0900): the names as sent, kanji then katakana; HbA1c 7.8 % H (4.6-6.2) at 09:15 +09:00, issued 10:45; the orders completed with their filler numbers [IG PID[Patient] #5; OBX[Observation] #5–#8, #14; OBR[DiagnosticReport] #22]', () => {
    expect(names('04', SAKURAI)).toEqual(['桜井 美咲', 'サクライ ミサキ']);
    const a1c = results('04', 'L58-30101')[0] as Json;
    expect([(a1c.valueQuantity as Json).value, (a1c.valueQuantity as Json).unit, a1c.effectiveDateTime]).toEqual([7.8, '%', '2033-03-04T09:15:00+09:00']);
    expect(text(a1c.interpretation)).toContain('"code":"H"');
    expect(text(a1c.code)).toContain('"code":"4548-4"');
    expect(text(a1c.code)).toContain('"code":"3D046000002227101"');
    expect(report('04', 'L58-30101').issued).toBe('2033-03-04T10:45:00+09:00');
    expect(order('04', 'KS58L0101').status).toBe('completed');
    expect(order('04', 'KS58L0104').status).toBe('active');
    expect(results('04', 'L58-30103').map(code)).toEqual(['3F050000002327101', '3F015000002327101', '3F070000002327101', '3F077000002327101']);
  });

  it('#09 (LIS, 00:58 +0900): the stat results on 5 March local: hs-TnT 0.412 ng/mL HH (UCUM), the phoned-report NTE in Japanese; CBC effective 00:21 +09:00 [IG OBX[Observation] #8 via AbnormalFlags; NTE[Observation]]', () => {
    const tnt = results('09', 'L58-30203')[0] as Json;
    expect([(tnt.valueQuantity as Json).value, (tnt.valueQuantity as Json).system, tnt.effectiveDateTime]).toEqual([0.412, 'http://unitsofmeasure.org', '2033-03-05T00:21:00+09:00']);
    expect(text(tnt.interpretation)).toContain('"code":"HH"');
    expect(text(tnt.note)).toContain('山田医師へ電話報告済');
    expect(results('09', 'L58-30201')).toHaveLength(3);
    expect(order('09', 'KS58L0203').status).toBe('completed');
    expect(names('09', OHASHI)).toEqual(['大橋 健一郎', 'オオハシ ケンイチロウ']);
  });

  it('#10 → #11 → #16 (KSINJ): one heparin order: NW active 1 mL/h from 01:45 +09:00, IV by syringe pump; XO 1.5 mL/h; DC stopped, end the date-only 2033-03-08, the reason kept [IG TQ1[MedicationRequest] #7, #8; RXR[MedicationRequest] #1; hig RXE rate]', () => {
    const nw = med('10', 'KS58I0201');
    expect([nw.status, nw.authoredOn, (dose(nw).timing as Json).repeat]).toEqual(['active', '2033-03-05T01:38:00+09:00', { boundsPeriod: { start: '2033-03-05T01:45:00+09:00' } }]);
    expect(((dose(nw).doseAndRate as Json[])[0] as Json).rateQuantity).toMatchObject({ value: 1, code: 'mL/h' });
    expect(text(dose(nw).route)).toContain('"code":"IV"');
    expect(text(nw.contained)).toContain('"code":"640406046"');
    expect(text(nw.contained)).toContain('"code":"3334400A4024"');
    const xo = med('11', 'KS58I0201');
    expect(ref(xo)).toBe(ref(nw));
    expect([xo.status, ((dose(xo).doseAndRate as Json[])[0] as Json).rateQuantity]).toEqual(['active', expect.objectContaining({ value: 1.5 })]);
    const dc = med('16', 'KS58I0201');
    expect(dc.status).toBe('stopped');
    expect(((dose(dc).timing as Json).repeat as Json).boundsPeriod).toEqual({ start: '2033-03-05T01:45:00+09:00', end: '2033-03-08' });
    expect(text(dc.extension)).toContain('経口抗凝固薬へ切替');
    // R58-N3 (fixed, fix36b) [hig cancel rule; RXC (hig RXC rule), RXE-7, RXR-3/4]: the DC's RXE (RXE-6 注射剤, no RXC,
    // no RXE-7, RXR-1 alone) restates none of the infusion's details: the saline base and heparin additive the NW and XO
    // gave, the APTT target, the method and the syringe pump stay
    const product = (dc.contained as Json[]).find((c) => `#${String(c.id)}` === (dc.medicationReference as Json).reference) as Json;
    expect((product.ingredient as Json[]).map((i) => [((i.itemCodeableConcept as Json).coding as Json[])[0]?.code, ((i.strength as Json).numerator as Json).value])).toEqual([['640407001', 10], ['640406046', 10000]]);
    expect(dose(dc).text).toBe('ＡＰＴＴ 60-80秒を目標に調節');
    expect(text(dose(dc).method)).toContain('"code":"IVC"');
    expect(text(dose(dc).extension)).toContain('シリンジポンプ');
    expect(withId('16', 'MedicationRequest', 'KS58I0201')).toHaveLength(1);
  });

  it('#14 (LIS): APTT 72.4 s H and PT-INR 1.12 on 6 March 06:30 +09:00; the two orders completed [IG OBX[Observation] #5–#7]', () => {
    const [inr, aptt] = results('14', 'L58-30205') as [Json, Json];
    expect([(inr.valueQuantity as Json).value, (aptt.valueQuantity as Json).value, (aptt.valueQuantity as Json).code, aptt.effectiveDateTime]).toEqual([1.12, 72.4, 's', '2033-03-06T06:30:00+09:00']);
    expect(order('14', 'KS58L0204').status).toBe('completed');
    expect(order('14', 'KS58L0205').status).toBe('completed');
    expect(results('14', 'L58-30204')).toHaveLength(5);
  });

  it('#15 (outsourced lab, MSH-18 empty, UTF-8 bytes, bare times): anti-GAD 12.5 U/mL H read as UTF-8, issued 7 March 14:25 +09:00, the performer the outsourced lab, the TX verdict and NTE in Japanese; the GAD order completed [v2.5 2.15.9.18; IG OBX[Observation] #23]', () => {
    const [gad, verdict] = results('15', 'L58-30104') as [Json, Json];
    expect([(gad.valueQuantity as Json).value, gad.effectiveDateTime]).toEqual([12.5, '2033-03-06T11:00:00+09:00']);
    expect(text(gad.performer)).toContain('株式会社瀬戸内臨床検査センター');
    expect(verdict.valueString).toBe('判定：陽性。緩徐進行1型糖尿病（SPIDDM）の可能性があります。');
    expect(report('15', 'L58-30104').issued).toBe('2033-03-07T14:25:00+09:00');
    expect(order('15', 'KS58L0104').status).toBe('completed');
  });

  it('#07 → #18: Ohashi\'s stay: admitted 5 March 00:04 +09:00 (UTC: the 4th), in-progress, then finished at 10 March 10:30 +09:00 [IG PV1[Encounter] #44, #45; Event[EncounterStatus] A01, A03]', () => {
    const stay = visit('07', 'V5800125-01');
    expect([stay.status, (stay.period as Json).start, (stay.class as Json).code]).toEqual(['in-progress', '2033-03-05T00:04:00+09:00', 'IMP']);
    expect(visit('12', 'V5800125-01').status).toBe('in-progress');
    const end = visit('18', 'V5800125-01');
    expect([end.status, end.period]).toEqual(['finished', { start: '2033-03-05T00:04:00+09:00', end: '2033-03-10T10:30:00+09:00' }]);
  });

  it('#08: the three stat orders placed 00:15 on 5 March +09:00, active [IG ORC[ServiceRequest] #9]', () => {
    expect(ordersOf('08', OHASHI)).toHaveLength(3);
    for (const n of ['KS58L0201', 'KS58L0202', 'KS58L0203']) expect([order('08', n).status, order('08', n).authoredOn]).toEqual(['active', '2033-03-05T00:15:00+09:00']);
  });

  it('#21 (LIS): Nguyen\'s results: influenza A and B 陰性, urine protein （±） A, the TX comment in Japanese; her alphabetic name and the katakana reading as the LIS sent them', () => {
    expect(results('21', 'L58-30301').map((o) => o.valueString)).toEqual(['陰性', '陰性']);
    const ua = results('21', 'L58-30302');
    expect(ua.map((o) => o.valueString ?? (o.valueQuantity as Json).value)).toEqual(['（±）', '（−）', 1.025, '早朝尿ではありません。再検をご検討ください。']);
    expect(names('21', NGUYEN)).toEqual(['NGUYEN THI LAN', 'グエン ティ・ラン']);
  });

  // ---- R58-W1: the HIS's ISO-2022-JP messages (MSH-18 `~ISO IR87`, MSH-20 `ISO 2022-1994`) read as ASCII/UTF-8 ----
  // The escape sequences are removed as control characters and the JIS X 0208 byte pairs kept as ASCII letters
  // (`桜井` → `$B:y0f(B`); pairs whose bytes are delimiters split the fields (美 = `H~` a repetition, ウ = `%&` a
  // subcomponent, 日 = `F|` a field, 糖 = `N\` an escape). Each HIS message PUTs the Patient whole: the names flip
  // between the LIS's right ones and the HIS's residue, and the HIS has the last word [PID[Patient] #5, #11; v2.5
  // 2.15.9.18 / 2.15.9.20 (MSH-18 repetitions are the alternate character sets, MSH-20 the ISO 2022 scheme)].
  it('R58-W1 after #01 (A04): Sakurai is named 桜井 美咲 and サクライ ミサキ, two names, her address in Okayama in kanji', () => {
    expect(names('01', SAKURAI)).toEqual(['桜井 美咲', 'サクライ ミサキ']);
    expect((patient('01', SAKURAI).address as Json[])[0]).toMatchObject({ city: '岡山市北区', state: '岡山県' });
  });
  it('R58-W1 after #02 (OML): the glucose order keeps its JLAC10 code and the lab\'s code system, its tube is plasma, the fasting note reads 空腹時採血（朝食抜き）; the stat/routine priority is kept', () => {
    const glu = order('02', 'KS58L0102');
    expect(text(glu.code)).toContain('"code":"3D010000001926101"');
    expect(text(glu.code)).toContain('"display":"血糖"');
    expect(text(glu.note)).toContain('空腹時採血（朝食抜き）');
    const tube = ofType('02', 'Specimen').find((s) => text(s.identifier).includes('"value":"KS58S0102"')) as Json;
    expect(code({ code: tube.type })).toBe('PLAS');
  });
  it('R58-W1 after #04: Sakurai\'s glucose order is one ServiceRequest (KS58L0102), completed by its result, and she has four orders [IG ORC[ServiceRequest] #2; OML_O21 / ORU_R01: one order per ORC+OBR]', () => {
    expect(withId('04', 'ServiceRequest', 'KS58L0102')).toHaveLength(1);
    expect(order('04', 'KS58L0102').status).toBe('completed');
    expect(ordersOf('24', SAKURAI)).toHaveLength(4);
  });
  it('R58-W1 after #08 (OML at 00:15): the three orders are stat (TQ1-9 S^至急)', () => {
    for (const n of ['KS58L0201', 'KS58L0202', 'KS58L0203']) expect(order('08', n).priority).toBe('stat');
  });
  it('R58-W1 after #12 (A08): the wife is 大橋 和子 / オオハシ カズコ, the stay at 5E (５階東病棟), type E', () => {
    const wife = ofType('12', 'RelatedPerson').filter((r) => refOf(r.patient) === ref(patient('12', OHASHI)));
    expect(wife.map((w) => ((w.name as Json[]) ?? []).map((x) => `${String(x.family)} ${((x.given as string[]) ?? []).join(' ')}`))).toEqual([['大橋 和子', 'オオハシ カズコ']]);
    expect(text(visit('12', 'V5800125-01').type)).toContain('"code":"E"');
  });
  it('R58-W1 after #24, the end of the feed: each patient is held under the names the HIS sent (the last word), never escape residue', () => {
    expect(names('24', SAKURAI)).toEqual(['桜井 美咲', 'サクライ ミサト']);
    expect(names('24', OHASHI)).toEqual(['大橋 健一郎', 'オオハシ ケンイチロウ']);
    expect(names('24', NGUYEN)).toEqual(['NGUYEN THI LAN', 'グエン ティ・ラン']);
    const home = (patient('24', SAKURAI).address as Json[])[0] as Json;
    expect([String((home.line as string[])[0]).slice(0, 3), home.city]).toEqual(['津島東', '岡山市北区']);
  });

  // ---- R58-R1 / R58-R2: refused ----
  it('R58-R1 after #05 and #17: Sakurai\'s two outpatient prescriptions and Ohashi\'s two discharge prescriptions are held, from the date-only starts 2033-03-04 / 2033-03-10 [IG TQ1[MedicationRequest] #7]', () => {
    expect(medsOf('05', SAKURAI)).toHaveLength(2);
    expect(medsOf('17', OHASHI).filter((m) => text(m.identifier).includes('KS58R02'))).toHaveLength(2);
    expect(((dose(med('17', 'KS58R0201')).timing as Json).repeat as Json).boundsPeriod).toEqual({ start: '2033-03-10', end: '2033-04-06' });
  });
  it('R58-R2 after #23: Nguyen\'s new mobile 070 11283345 is held', () => {
    expect(text(patient('23', NGUYEN).telecom)).toContain('11283345');
  });
});
