/**
 * Review 16's wrong-data class R16-W1 and silent losses R16-L1, L2, L3 (docs/mapping-review-16.md),
 * beyond the review's own cases (test/review16/). Expected values come from the message, the IG rows
 * named and the code systems' own rules (RFC 5646, ISO 639-2/RA's table), not from hig's output.
 */
import { describe, expect, it } from 'vitest';
import { bcp47Language } from '../../src/transform/vocabulary/languages.js';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const MSH = 'MSH|^~\\&|EPIC|UMHHC|HIG|HIE|20261205143012-0500||ADT^A08^ADT_A01|F16B|P|2.5.1';
const EVN = 'EVN|A08|20261205143000';
const PID = 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F';

const one = (bundle: Json, type: string): Json => resources(bundle, type)[0] as Json;

/**
 * R16-W1 [IG PID[Patient] #15, NK1[RelatedPerson] #20 → communication.language via CWE[CodeableConcept]]
 * ISO639 is stated as urn:ietf:bcp:47 (coding-systems.ts); BCP 47 registers the ISO 639-1 code where
 * one exists (RFC 5646 §2.2.1), so the ISO 639-2 code a sender writes becomes it.
 */
describe('R16-W1 ISO 639 codes as BCP 47 tags', () => {
  const languages = (pid15: string, nk1_20 = ''): { patient: Json[]; relative: Json[] } => {
    const { bundle } = convertChecked(
      MSH,
      EVN,
      `PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F|||||||${pid15}`,
      `NK1|1|NGUYEN^VAN^AN|SPO^Spouse^HL70063|||||||||||||||||${nk1_20}`,
    );
    const codings = (r: Json | undefined) => ((r?.communication ?? []) as { language: { coding?: Json[] } }[]).flatMap((c) => c.language.coding ?? []);
    return { patient: codings(one(bundle, 'Patient')), relative: codings(one(bundle, 'RelatedPerson')) };
  };

  it('[IG PID[Patient] #15] ISO 639-2/T `vie` is the tag vi, display kept', () => {
    expect(languages('vie^Vietnamese^ISO639').patient).toEqual([{ system: 'urn:ietf:bcp:47', code: 'vi', display: 'Vietnamese' }]);
  });

  it('[IG PID[Patient] #15] ISO 639-2/B `ger` (T `deu`) is de, `fre` is fr, upper case `SPA` es', () => {
    expect(languages('ger^German^ISO639').patient[0]?.code).toBe('de');
    expect(languages('deu^German^ISO639').patient[0]?.code).toBe('de');
    expect(languages('fre^French^ISO639').patient[0]?.code).toBe('fr');
    expect(languages('SPA^Spanish^ISO639').patient[0]?.code).toBe('es');
  });

  it('control: [IG PID[Patient] #15] a 639-2 code without a 639-1 equivalent (haw, hmn) is kept: it is a BCP 47 tag itself', () => {
    expect(languages('haw^Hawaiian^ISO639').patient[0]?.code).toBe('haw');
    expect(languages('hmn^Hmong^ISO639').patient[0]?.code).toBe('hmn');
  });

  it('[IG NK1[RelatedPerson] #20] the relative\'s `pol` is pl; the alternate coding (CWE.4–6) too', () => {
    expect(languages('', 'pol^Polish^ISO639').relative).toEqual([{ system: 'urn:ietf:bcp:47', code: 'pl', display: 'Polish' }]);
    expect(languages('VIET^Vietnamese^L^vie^Vietnamese^ISO639').patient).toContainEqual({ system: 'urn:ietf:bcp:47', code: 'vi', display: 'Vietnamese' });
  });

  it('control: a code under another system keeps its code (`vie` local is not touched)', () => {
    expect(languages('vie^Vietnamese^L').patient[0]?.code).toBe('vie');
  });

  it('bcp47Language: tags with subtags and 639-1 codes are kept as written', () => {
    expect(bcp47Language('en')).toBe('en');
    expect(bcp47Language('en-US')).toBe('en-US');
    expect(bcp47Language('ibo')).toBe('ig');
    expect(bcp47Language('chi')).toBe('zh');
    expect(bcp47Language('zho')).toBe('zh');
  });
});

/**
 * R16-L1 [IG XTN[ContactPoint] #2 via TelecommunicationUseCode, #3 via TelecommunicationEquipmentType]
 * both target ContactPoint.use (0..1): CP's `mobile` wins, the XTN.2 use it displaces is reported.
 */
describe('R16-L1 XTN.2 use beside XTN.3 CP', () => {
  it('[IG XTN[ContactPoint] #3] PID-13 `^PRN^CP` is a mobile phone; PRN → home is reported, not dropped silently', () => {
    const { bundle, lines } = convertChecked(MSH, EVN, 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F|||||^PRN^CP^^1^734^5559871~^PRN^PH^^1^734^5550000');
    expect(one(bundle, 'Patient').telecom).toMatchObject([
      { system: 'phone', value: '+1 734 5559871', use: 'mobile' },
      { system: 'phone', value: '+1 734 5550000', use: 'home' },
    ]);
    expect(lines.filter((l) => /XTN\.2/.test(l))).toHaveLength(1);
    expect(lines.find((l) => /XTN\.2/.test(l))).toMatch(/home.*CP.*mobile/);
  });

  it('[IG XTN[ContactPoint] #3] NK1-6 `^WPN^CP` (a work cell phone) is mobile, work reported', () => {
    const { bundle, lines } = convertChecked(MSH, EVN, PID, 'NK1|1|NGUYEN^VAN^AN|SPO^Spouse^HL70063|||^WPN^CP^^1^734^5551212');
    expect((one(bundle, 'RelatedPerson').telecom as Json[])[0]?.use).toBe('mobile');
    expect(lines.some((l) => /NK1-6.*XTN\.2.*work/.test(l))).toBe(true);
  });

  it('control: [IG XTN[ContactPoint] #2] PRS (personal) + CP: both mobile, no line', () => {
    const { bundle, lines } = convertChecked(MSH, EVN, 'PID|1||E1234567^^^EPI^MR||NGUYEN^THI^MAI||19670322|F|||||^PRS^CP^^1^734^5559871');
    expect((one(bundle, 'Patient').telecom as Json[])[0]?.use).toBe('mobile');
    expect(lines.some((l) => /XTN\.2/.test(l))).toBe(false);
  });
});

/**
 * R16-L2 [IG XON[Organization] #7 → identifier.type (v2-0203), #4/#5 → check digit extensions]
 */
describe('R16-L2 XON.7 identifier type, XON.4/XON.5 check digit', () => {
  const lab = (obx23: string) => {
    const { bundle, lines } = convertChecked(
      'MSH|^~\\&|BEAKER|UMHHC LAB|HIG|HIE|20261205082015-0500||ORU^R01^ORU_R01|F16B2|P|2.5.1',
      PID,
      'OBR|1|ORD778899^EPIC|L26339-00012^BEAKER|2345-7^Glucose^LN|||20261205060000|||||||||||||||20261205081500||CH|F',
      `OBX|1|NM|2345-7^Glucose^LN||182|mg/dL|70-99|H|||F|||20261205060000|||||||||${obx23}`,
    );
    return { org: (resources(bundle, 'Organization') as Json[]).find((o) => o.name === 'UMLAB'), lines };
  };

  it('[IG XON[Organization] #7] OBX-23 XON.7 `XX` is identifier.type v2-0203 XX on the CLIA number', () => {
    const { org } = lab('UMLAB^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^23D0653412');
    expect(org?.identifier).toEqual([
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'XX', display: 'Organization identifier' }] }, system: 'urn:oid:2.16.840.1.113883.4.7', value: '23D0653412' },
    ]);
  });

  it('control: [IG XON[Organization] #7] the type is not part of the identity: with and without XON.7, one Organization id', () => {
    const typed = lab('UMLAB^^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^23D0653412').org;
    const bare = lab('UMLAB^^^^^CLIA&2.16.840.1.113883.4.7&ISO^^^^23D0653412').org;
    expect(typed?.id).toBeDefined();
    expect(typed?.id).toBe(bare?.id);
  });

  it('[IG XON[Organization] #7] a type that is no table 0203 code keeps no system and is reported', () => {
    const { org, lines } = lab('UMLAB^^^^^CLIA&2.16.840.1.113883.4.7&ISO^CLIANUM^^^23D0653412');
    expect((org?.identifier as Json[])[0]?.type).toEqual({ coding: [{ code: 'CLIANUM' }] });
    expect(lines.some((l) => /XON\.7/.test(l))).toBe(true);
  });

  it('[IG XON[Organization] #4, #5] XON.4 check digit → identifier-checkDigit, XON.5 scheme → hig\'s v2-checkDigitScheme', () => {
    const { org } = lab('UMLAB^^123456^7^M10^CLIA&2.16.840.1.113883.4.7&ISO');
    const id = (org?.identifier as Json[])[0] as Json;
    expect(id.value).toBe('123456');
    const ext = id.extension as { url: string; valueString: string }[];
    expect(ext).toContainEqual({ url: 'http://hl7.org/fhir/StructureDefinition/identifier-checkDigit', valueString: '7' });
    expect(ext.some((e) => e.url.endsWith('checkDigitScheme') && e.valueString === 'M10')).toBe(true);
  });

  it('[IG XON[Organization] #7] XON.7 without XON.10/XON.3 is reported (no identifier to type)', () => {
    const { lines } = lab('UMLAB^^^^^^XX');
    expect(lines.some((l) => /XON\.7/.test(l))).toBe(true);
  });
});

/**
 * R16-L3 [IG AL1[AllergyIntolerance] #2, #4; IAM[AllergyIntolerance] #2, #4]: the sender's allergen type
 * and severity codes as alternate-codes on category / criticality.
 */
describe('R16-L3 AL1/IAM original codes', () => {
  const ALT = 'http://hl7.org/fhir/StructureDefinition/alternate-codes';
  const v2 = (table: string, code: string, display: string) => ({ url: ALT, valueCodeableConcept: { coding: [{ system: `http://terminology.hl7.org/CodeSystem/v2-${table}`, code, display }] } });

  it('[IG AL1[AllergyIntolerance] #2, #4] PA (plant) → environment with PA kept; MI → low with MI kept', () => {
    const { bundle } = convertChecked(MSH, EVN, PID, 'AL1|1|PA^Plant allergy^HL70127|POLLEN^Birch pollen^L|MI^Mild^HL70128|Sneezing');
    const a = one(bundle, 'AllergyIntolerance');
    expect(a.category).toEqual(['environment']);
    expect(a._category).toEqual([{ extension: [v2('0127', 'PA', 'Plant allergy')] }]);
    expect(a.criticality).toBe('low');
    expect(a._criticality).toEqual({ extension: [v2('0128', 'MI', 'Mild')] });
  });

  it('[IG AL1[AllergyIntolerance] #2, #4] a bare `FA` / `SV` (no CWE.3) gets the map\'s v2 system and display', () => {
    const { bundle } = convertChecked(MSH, EVN, PID, 'AL1|1|FA|PEANUT^Peanut^L|SV');
    const a = one(bundle, 'AllergyIntolerance');
    expect(a._category).toEqual([{ extension: [v2('0127', 'FA', 'Food allergy')] }]);
    expect(a._criticality).toEqual({ extension: [v2('0128', 'SV', 'Severe')] });
  });

  // until review 28 (R28-L2) MC was reported; the sender's code now sits on a value-less `_category`
  it('[IG AL1[AllergyIntolerance] #2 category.extension[1] via AllergyIntoleranceOriginalCategory] MC (no category) → `_category` MC, not dropped', () => {
    const { bundle, lines } = convertChecked(MSH, EVN, PID, 'AL1|1|MC^Misc contraindication^HL70127|X1^Latex^L');
    const a = one(bundle, 'AllergyIntolerance');
    expect(a.category).toBeUndefined();
    expect(a._category).toEqual([{ extension: [v2('0127', 'MC', 'Misc contraindication')] }]); // the sender's CWE.2 as display
    expect(lines.some((l) => /^AL1-2 /.test(l))).toBe(false);
  });

  it('control: [IG AL1[AllergyIntolerance] #4] MO gives no criticality: no _criticality (reaction.severity as before)', () => {
    const { bundle } = convertChecked(MSH, EVN, PID, 'AL1|1|DA^Drug allergy^HL70127|7980^Penicillin G^RXNORM|MO^Moderate^HL70128|Hives');
    const a = one(bundle, 'AllergyIntolerance');
    expect(a._criticality).toBeUndefined();
    expect((a.reaction as Json[])[0]?.severity).toBe('moderate');
  });

  // review 16 #03 (AL1-4 `U`), review 17: reported until then; the criticality-original map has U (and
  // MO), the criticality map and reaction.severity map none: the sender's code alone on _criticality
  it('[IG AL1[AllergyIntolerance] #4 criticality.extension[1] via criticality-original] U is kept as alternate-codes without a criticality', () => {
    const { bundle, lines } = convertChecked(MSH, EVN, PID, 'AL1|1|DA^Drug allergy^HL70127|7980^Penicillin G^RXNORM|U^Unknown^HL70128|Hives');
    const a = one(bundle, 'AllergyIntolerance');
    expect(a.criticality).toBeUndefined();
    expect(a._criticality).toEqual({ extension: [v2('0128', 'U', 'Unknown')] });
    expect((a.reaction as Json[])[0]?.severity).toBeUndefined();
    expect(lines.filter((l) => l.startsWith('AL1-4'))).toEqual([]);
  });

  it('[IG AL1[AllergyIntolerance] #4] MO without a reaction (no reaction.severity to hold it) is kept the same way; a code outside table 0128 stays reported', () => {
    const mo = convertChecked(MSH, EVN, PID, 'AL1|1|DA|7980^Penicillin G^RXNORM|MO');
    expect(one(mo.bundle, 'AllergyIntolerance')._criticality).toEqual({ extension: [v2('0128', 'MO', 'Moderate')] });
    expect(mo.lines.filter((l) => l.startsWith('AL1-4'))).toEqual([]);
    const other = convertChecked(MSH, EVN, PID, 'AL1|1|DA|7980^Penicillin G^RXNORM|XX');
    expect(one(other.bundle, 'AllergyIntolerance')._criticality).toBeUndefined();
    expect(other.lines).toContain('AL1-4 (segment 4) is valued but not mapped');
  });

  it('[IG IAM[AllergyIntolerance] #2, #4] IAM-2 DA and IAM-4 SV keep their original codes too', () => {
    const { bundle } = convertChecked(
      'MSH|^~\\&|EPIC|UMHHC|HIG|HIE|20261205143012-0500||ADT^A60^ADT_A60|F16B3|P|2.5.1',
      EVN.replace('A08', 'A60'),
      PID,
      'IAM|1|DA^Drug allergy^HL70127|7980^Penicillin G^RXNORM|SV^Severe^HL70128|Hives|A^Add^HL70323|PEN1',
    );
    const a = one(bundle, 'AllergyIntolerance');
    expect(a._category).toEqual([{ extension: [v2('0127', 'DA', 'Drug allergy')] }]);
    expect(a._criticality).toEqual({ extension: [v2('0128', 'SV', 'Severe')] });
  });
});
