/**
 * Review 58 R58-W1 / R58-R2: MSH-18 repeats [v2.5.1 2.15.9.18, 2.15.9.20, table 0211]: the first repetition is the
 * default set (ASCII when empty), the further ones the alternate sets ISO 2022 escapes invoke. JAHIS senders write
 * `~ISO IR87` (or `ISO IR87` alone) and ISO-2022-JP bytes: JIS X 0208 between `ESC $ B` and `ESC ( B`. hig read the
 * first repetition only and parsed the 7-bit bytes as ASCII: kanji became escape residue and a JIS pair holding a
 * delimiter byte (美 `H~`, 血糖 `7lE|`, 至急 `;j5^`, ケンイチロウ `…%&`) split the fields. [hig rule, hl7/charset.ts
 * ISO2022_JP_LABEL] such bytes are decoded as ISO-2022-JP, whole, before parsing; a set hig cannot decode is refused
 * with the repetition or the segment named. Messages written here by hand; the JIS bytes are Python's
 * `str.encode('iso2022_jp')` of the text in the expected values.
 *
 *   npx vitest run test/transform/iso-2022-jp.test.ts
 */
import { describe, expect, it } from 'vitest';
import { decodeSegments } from '../../src/hl7/charset.js';
import { convertHl7v2 } from '../../src/transform/index.js';

type Json = Record<string, unknown>;
const ESC = '\x1b';
const jis = (pairs: string) => `${ESC}$B${pairs}${ESC}(B`;
/** 桜井 美咲 / 大橋 ケンイチロウ; 血糖 (`7lE|`), 至急 (`;j5^`), 日曜日 (`F|MKF|`). */
const SAKURAI = `${jis(':y0f')}^${jis('H~:i')}^^^^^L^I~${jis('%5%/%i%$')}^${jis('%_%5%-')}^^^^^L^P`;
const message = (msh18: string, pid5 = SAKURAI, extra: string[] = []) =>
  Buffer.from(
    [
      `MSH|^~\\&|KSHIS|KSGH|HIG|KSGH|20330304084112||ADT^A04^ADT_A01|C1|P|2.5||||||${msh18}||ISO 2022-1994`,
      'EVN|A04|20330304084100',
      `PID|1||0005800117^^^^PI||${pid5}||19720819|F|||^^${jis('2,;3;T')}^${jis('2,;38)')}`,
      'PV1|1|O',
      ...extra,
    ].join('\r'),
    'latin1',
  );
const convert = (bytes: Buffer) => convertHl7v2(bytes, { timezone: 'Asia/Tokyo' });
const patient = (bytes: Buffer) => (convert(bytes).bundle.entry as Array<{ resource?: Json }>).map((e) => e.resource as Json).find((r) => r?.resourceType === 'Patient') as Json;
const names = (p: Json) => ((p.name as Json[]) ?? []).map((x) => `${String(x.family)} ${((x.given as string[]) ?? []).join(' ')}`);
const lines = (bytes: Buffer) => ((convert(bytes).report.issue as Array<{ details?: { text?: string } }> | undefined) ?? []).map((i) => i.details?.text ?? '');

describe('R58-W1 [v2.5.1 2.15.9.18; IG PID[Patient] #5, XPN[HumanName] #1, #2] MSH-18 `~ISO IR87`: the bytes are ISO-2022-JP, decoded before parsing', () => {
  const a04 = message('~ISO IR87');
  it('two names, 桜井 美咲 (美 = `H~`: no repetition) and サクライ ミサキ; the address in kanji', () => {
    const p = patient(a04);
    expect(names(p)).toEqual(['桜井 美咲', 'サクライ ミサキ']);
    expect((p.address as Json[])[0]).toMatchObject({ city: '岡山市', state: '岡山県' });
  });
  it('no escape residue and no "control characters removed" line', () => {
    expect(JSON.stringify(convert(a04).bundle)).not.toMatch(/\$B|\(B|\x1b/);
    expect(lines(a04).some((t) => t.includes('control characters'))).toBe(false);
  });
  it('a JIS pair holding `|`, `^` or `&` splits nothing: 大橋 ケンイチロウ (ウ = `%&`), NTE 血糖 至急 日曜日', () => {
    const ohashi = `${jis('Bg66')}^${jis('%1%s%$%A%m%&')}^^^^^L^I`;
    const bytes = message('~ISO IR87', ohashi, [`NTE|1||${jis('7lE|')} ${jis(';j5^')} ${jis('F|MKF|')}`]);
    expect(names(patient(bytes))).toEqual(['大橋 ケンイチロウ']);
    expect(decodeSegments(bytes, new Set(['NTE']))).toBe('NTE|1||血糖 至急 日曜日');
  });
  it('the store\'s search terms read the same text (decodeSegments)', () => {
    expect(decodeSegments(a04, new Set(['PID']))).toContain('||桜井^美咲^^^^^L^I~サクライ^ミサキ^^^^^L^P||');
  });
  it('a kanji MSH-4 whose JIS pair holds `|` (血糖 `7lE|`) does not shift MSH-18: still read as ISO-2022-JP', () => {
    const bytes = Buffer.from(a04.toString('latin1').replace('|KSGH|HIG|', `|${jis('7lE|')}|HIG|`), 'latin1');
    expect(names(patient(bytes))).toEqual(['桜井 美咲', 'サクライ ミサキ']);
  });
  it('`ISO IR6~ISO IR87` (ASCII named) and `~ISO IR87~ISO IR13` (half-width katakana, `ESC ( I`) read alike', () => {
    expect(names(patient(message('ISO IR6~ISO IR87')))).toEqual(['桜井 美咲', 'サクライ ミサキ']);
    const kana = `${jis(':y0f')}^${ESC}(I123${ESC}(B^^^^^L^I`;
    expect(names(patient(message('~ISO IR87~ISO IR13', kana)))).toEqual(['桜井 ｱｲｳ']);
  });
});

describe('R58-R2 [v2.5.1 table 0211 ISO IR87] MSH-18 `ISO IR87` as the first repetition', () => {
  it('converts, read as ISO-2022-JP: 桜井 美咲', () => {
    expect(names(patient(message('ISO IR87')))).toEqual(['桜井 美咲', 'サクライ ミサキ']);
  });
});

describe('[hig rule R58-W1] an alternate set hig cannot decode is refused, located, never read as residue', () => {
  it('`~ISO IR159` (JIS X 0212): PARSE_FAILED naming MSH-18 repetition 2', () => {
    expect(() => convert(message('~ISO IR159'))).toThrow(/MSH-18 repetition 2: a character set hig does not read/);
  });
  it('`~ISO IR87~GB 18030-2000`: repetition 3 named, not the value', () => {
    expect(() => convert(message('~ISO IR87~GB 18030-2000'))).toThrow(/MSH-18 repetition 3(?!.*GB)/);
  });
  it('`UNICODE UTF-8~ISO IR87` (a default set no ISO-2022-JP decoder reads): repetition 1 named', () => {
    expect(() => convert(message('UNICODE UTF-8~ISO IR87'))).toThrow(/MSH-18 repetition 1:/);
  });
  it('`~ISO IR87` with an escape to JIS X 0212 (`ESC $ ( D`) in PID: PARSE_FAILED naming segment 3', () => {
    expect(() => convert(message('~ISO IR87', `${ESC}$(D0!${ESC}(B^${jis('H~:i')}`))).toThrow(/segment 3: bytes that are no ISO-2022-JP/);
  });
  it('`~ISO IR87` with a byte above 0x7F (Shift_JIS sent under the ISO-2022-JP label) in PID: segment 3 named', () => {
    expect(() => convert(message('~ISO IR87', '\x8d\xf7\x88\xe4^\x94\xfc\x8d\xe7'))).toThrow(/segment 3: bytes that are no ISO-2022-JP/);
  });
  it('control: a trailing empty repetition (`UNICODE UTF-8~`) is no alternate set: UTF-8 bytes read as UTF-8', () => {
    const utf8 = Buffer.from(['MSH|^~\\&|KSLIS|KSGH|HIG|KSGH|20330304084112||ADT^A04^ADT_A01|C2|P|2.5||||||UNICODE UTF-8~', 'EVN|A04|20330304084100', 'PID|1||0005800117^^^^PI||桜井^美咲||19720819|F', 'PV1|1|O'].join('\r'), 'utf8');
    expect(names(patient(utf8))).toEqual(['桜井 美咲']);
  });
  it('a repetition that repeats the default set (`8859/1~8859/1`) invokes no alternate set: Latin-1 bytes read as ISO 8859-1', () => {
    // [v2.5.1 2.15.9.18: further repetitions name *alternate* sets; one equal to the default alternates to nothing]
    const latin1 = Buffer.from(['MSH|^~\\&|QCLAB|CHUQ|HIG|CHUQ|20330304084112||ADT^A04^ADT_A01|C3|P|2.5||||||8859/1~8859/1', 'EVN|A04|20330304084100', 'PID|1||0005800118^^^^PI||BÉLANGER^HÉLÈNE||19720819|F', 'PV1|1|O'].join('\r'), 'latin1');
    expect(names(patient(latin1))).toEqual(['BÉLANGER HÉLÈNE']);
  });
});
