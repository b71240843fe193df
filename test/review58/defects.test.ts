/**
 * Review 58 (issue 14, branch review58 on main ce07e7bf): defects found in a fresh synthetic sample of 24 JAHIS-style
 * messages of a Japanese general hospital (HIS KSHIS in ISO-2022-JP with MSH-18 `~ISO IR87` / MSH-20 `ISO 2022-1994`,
 * LIS KSLIS and injection system KSINJ in UTF-8, an outsourced lab with MSH-18 empty, the accounts system KSREG with
 * MSH-18 `ISO IR87` first) on an Asia/Tokyo channel (docs/review58/messages/, docs/mapping-review-58.md). Each defect
 * is `it.fails` so CI stays green (the lead flips it to `it` when fixed); each has a control that passes today.
 * Expected values come from the message (the Japanese text as written before encoding) and the IG rows named, not
 * from hig's output. test/review58/destination.test.ts delivers the whole sample over HTTP.
 *
 *   npx vitest run test/review58/defects.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; request?: { method?: string; url?: string } };

const dir = new URL('../../docs/review58/messages/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.hl7')).sort();
const file = (n: string) => files.find((f) => f.startsWith(`${n}-`)) ?? '';
const bytes = (n: string) => readFileSync(new URL(file(n), dir));
const convert = (raw: Buffer) => convertHl7v2(raw, { timezone: 'Asia/Tokyo' });
const converted = (n: string) => convert(bytes(n));
const text = (x: unknown) => JSON.stringify(x ?? null);
const ofType = (b: { bundle: Json }, type: string) => ((b.bundle.entry as Entry[]) ?? []).map((e) => e.resource as Json).filter((r) => r?.resourceType === type);
const names = (p: Json | undefined) => ((p?.name as Json[]) ?? []).map((x) => `${String(x.family)} ${((x.given as string[]) ?? []).join(' ')}`);
/**
 * The message as the same sender would write it in UTF-8: its bytes decoded as ISO-2022-JP (the WHATWG decoder Node
 * ships) and MSH-18 / MSH-20 set to `UNICODE UTF-8` / empty. Only the controls use it: what hig reads once the bytes
 * are characters.
 */
const asUtf8 = (n: string) => {
  const segs = new TextDecoder('iso-2022-jp').decode(bytes(n)).split('\r');
  const msh = (segs[0] as string).split('|');
  msh[17] = 'UNICODE UTF-8';
  msh[19] = '';
  segs[0] = msh.join('|');
  return Buffer.from(segs.join('\r'), 'utf8');
};

describe('review 58: the JAHIS ISO-2022-JP messages (R58-W1)', () => {
  // #01 MSH-18 `~ISO IR87`, MSH-20 `ISO 2022-1994` (v2.5 2.15.9.18: the first repetition is the default set, ASCII
  // when empty; the further repetitions the alternate sets that ISO 2022 escapes invoke; 2.15.9.20 the scheme);
  // PID-5 `桜井^美咲^^^^^L^I~サクライ^ミサキ^^^^^L^P` in ISO-2022-JP bytes [IG PID[Patient] #5 → name; XPN[HumanName]].
  it('R58-W1 control: the same A04 written in UTF-8 gives two names, 桜井 美咲 and サクライ ミサキ, and the kanji address', () => {
    const p = ofType(convert(asUtf8('01')), 'Patient')[0];
    expect(names(p)).toEqual(['桜井 美咲', 'サクライ ミサキ']);
    expect(text(p?.address)).toContain('"city":"岡山市北区"');
  });
  it('R58-W1 [IG PID[Patient] #5] #01 as sent (ISO-2022-JP): the Patient is named 桜井 美咲 and サクライ ミサキ', () => {
    expect(names(ofType(converted('01'), 'Patient')[0])).toEqual(['桜井 美咲', 'サクライ ミサキ']);
  });
  it('R58-W1 [IG OBR[ServiceRequest] #4; SPM[Specimen] #4] #02 as sent: the glucose order keeps its JLAC10 coding and the lab\'s system; its tube is plasma (PLAS)', () => {
    const b = converted('02');
    const glu = ofType(b, 'ServiceRequest').find((s) => text(s.identifier).includes('"value":"KS58L0102"'));
    expect(text(glu?.code)).toContain('"code":"3D010000001926101"');
    const tube = ofType(b, 'Specimen').find((s) => text(s.identifier).includes('"value":"KS58S0102"'));
    expect(text(tube?.type)).toContain('"code":"PLAS"');
  });
  it('R58-W1 [IG TQ1[ServiceRequest] #9] #08 as sent: the three orders are stat (TQ1-9 `S^至急`)', () => {
    expect(ofType(converted('08'), 'ServiceRequest').map((s) => s.priority)).toEqual(['stat', 'stat', 'stat']);
  });
});

describe('review 58: the prescriptions refused (R58-R1) and MSH-18 `ISO IR87` (R58-R2)', () => {
  // #05 TQ1-7 `20330304` (a date) is refused "TQ1-7 is not a valid date/time": TQ1-3's JIS residue holds `|`
  // (日 = 0x46 0x7C) and shifts the fields. IG TQ1[MedicationRequest] #7 → boundsPeriod.start (date-only as sent).
  it('R58-R1 control: the same RDE written in UTF-8: two MedicationRequests, 1 tablet by mouth, from 2033-03-04 to 2033-03-31 (date-only), HOT9 and YJ codes', () => {
    const meds = ofType(convert(asUtf8('05')), 'MedicationRequest');
    expect(meds).toHaveLength(2);
    const d = ((meds[0]?.dosageInstruction as Json[])[0] as Json);
    expect(((d.timing as Json).repeat as Json).boundsPeriod).toEqual({ start: '2033-03-04', end: '2033-03-31' });
    expect(text(meds[0]?.contained)).toContain('"code":"111868301"');
    expect(text(meds[0]?.contained)).toContain('"code":"3962002F1026"');
  });
  it('R58-R1 #05 as sent converts (no INVALID_DATE) and holds the two prescriptions', () => {
    expect(ofType(converted('05'), 'MedicationRequest')).toHaveLength(2);
  });
  it('R58-R1 #17 as sent converts and holds the two discharge prescriptions from 2033-03-10', () => {
    expect(ofType(converted('17'), 'MedicationRequest')).toHaveLength(2);
  });
  it('R58-R2 control (since fix35d): #23 with an alternate set hig cannot decode (`ISO IR87~ISO IR159`, JIS X 0212) is refused, the repetition named, not the value', () => {
    const raw = bytes('23').toString('latin1').replace('|ISO IR87\r', '|ISO IR87~ISO IR159\r');
    expect(() => convert(Buffer.from(raw, 'latin1'))).toThrow(/MSH-18 repetition 2: a character set hig does not read/);
  });
  it('R58-R2 [v2.5 table 0211 ISO IR87] #23 (MSH-18 `ISO IR87`) converts: Nguyen\'s new mobile 070 11283345', () => {
    expect(text(ofType(converted('23'), 'Patient')[0]?.telecom)).toContain('11283345');
  });
});

describe('review 58: the name representation XPN.8 (R58-L1, (b): no IG target)', () => {
  // #04 (UTF-8) PID-5 `桜井^美咲^^^^^L^I~サクライ^ミサキ^^^^^L^P`: XPN.8 I (ideographic) / P (phonetic). Both names are
  // `official`; nothing tells the kana reading from the legal kanji name (FHIR's iso21090-EN-representation
  // extension: IDE / SYL / ABC, which JP Core uses on Patient.name). No report line says XPN.8 was dropped.
  it('R58-L1 control: #04 holds both names, kanji first', () => {
    expect(names(ofType(converted('04'), 'Patient')[0])).toEqual(['桜井 美咲', 'サクライ ミサキ']);
  });
  it('R58-L1 [IG XPN[HumanName] #8, no target; hig rule since fix35d] #04: the kanji name and the katakana reading are told apart (representation IDE / SYL)', () => {
    const p = ofType(converted('04'), 'Patient')[0] as Json;
    const rep = (p.name as Json[]).map((x) => text(x.extension).match(/"valueCode":"(IDE|SYL|ABC)"/)?.[1]);
    expect(rep).toEqual(['IDE', 'SYL']);
  });
});
