/**
 * The one owner of "is X a code of HL7 table NNNN?": the code values of every HL7 table whose
 * system (http://terminology.hl7.org/CodeSystem/v2-NNNN) hig puts on a code the sender sent
 * without one (a bare CWE.1, CX.5, HD.3). A coding under `v2-NNNN` claims the code is one of that
 * code system's concepts, and a terminology check rejects it when it is not (TXA-2 `DIS` under
 * v2-0270, review 6's judgement call 1): a value outside the list keeps no system.
 *
 * Sources (facts, written here by hand): the HL7 Terminology (THO) code systems v2-NNNN, which are
 * case-sensitive, and the v2 code columns of the IG concept maps
 * (hl7-v2-to-fhir-ig/mappings/codesystems). A user-defined table whose THO code system holds no
 * concepts (0018 patient type) has an empty list: any value is the sender's own code.
 */
import { lookup } from './index.js';

/** `A01 A02 … A55` : a run of numbered trigger events, as table 0003 numbers them. */
function series(letter: string, from: number, to: number): string {
  return Array.from({ length: to - from + 1 }, (_, i) => `${letter}${String(from + i).padStart(2, '0')}`).join(' ');
}

/** Codes as one blank-separated string per table (the codes themselves hold no blanks). */
const CODES: Readonly<Record<string, string>> = {
  // THO v2-0003 Event Type; IG EventType (its v2 code column, without the placeholder `Varies`)
  '0003': [
    series('A', 1, 55), 'A60 A61 A62', series('B', 1, 8), series('C', 1, 12), 'CNQ',
    'E01 E02 E03 E04 E10 E12 E13 E15 E20 E21 E22 E24 E30 E31', series('I', 1, 22), 'J01 J02',
    'K11 K13 K15 K21 K22 K23 K24 K25 K31 K32 K33 K34', series('M', 1, 18), 'N01 N02', series('O', 1, 59),
    series('P', 1, 12), 'PC1 PC2 PC3 PC4 PC5 PC6 PC7 PC8 PC9 PCA PCB PCC PCD PCE PCF PCG PCH PCJ PCK PCL',
    'Q01 Q02 Q03 Q05 Q06 Q11 Q13 Q15 Q16 Q17', series('Q', 21, 34), 'R01 R02 R04', series('R', 21, 26),
    'R30 R31 R32 R33 R40 R41 R42 R43 ROR', series('S', 1, 52), series('T', 1, 12), series('U', 1, 14),
    'V01 V02 V03 V04 W01 W02',
  ].join(' '),
  // THO v2-0007 Admission Type; IG AdmissionType
  '0007': 'A C E L N R U',
  // THO v2-0009 Ambulatory Status; IG AmbulatoryStatus
  '0009': 'A0 A1 A2 A3 A4 A5 A6 A7 A8 A9 B1 B2 B3 B4 B5 B6',
  // user-defined, no concepts in THO: PV1-18 values are the sender's
  '0018': '',
  // v2-0023 Admit Source (FHIR R4's code system, same URL): 1-9, deprecated after v2.6 (v2.7 has
  // no suggested values) but still concepts of the code system
  '0023': '1 2 3 4 5 6 7 8 9',
  // THO v2-0069 Hospital Service; IG HospitalService
  '0069': 'CAR MED PUL SUR URO',
  // THO v2-0074 Diagnostic Service Section ID; IG DiagnosticServiceSectionID
  '0074':
    'AU BG BLB CG CH CP CT CTH CUS EC EN GE HM ICU IMM LAB MB MCB MYC NMR NMS NRS OSL OT OTH OUS PF PHR PHY PT RAD RC RT RUS RX SP SR TX VR VUS XRC',
  // THO v2-0085 Observation Result Status Codes Interpretation (OBX-11; hig keeps X in
  // alternate-codes): C D F I N O P R S U W X, and A B V, which the IG
  // ObservationResultStatusCodesInterpretation map's v2 column lists under HL70085
  '0085': 'A B C D F I N O P R S U V W X',
  // THO v2-0092 Re-Admission Indicator; IG ReadmissionIndicator
  '0092': 'R',
  // table 0112 Discharge Disposition: the UB-04 two-digit patient status codes 01-42
  '0112': Array.from({ length: 42 }, (_, i) => String(i + 1).padStart(2, '0')).join(' '),
  // THO v2-0162 Route of Administration; IG RouteOfAdministration
  '0162':
    'AP B DT EP ET GTT GU IA IB IC ICV ID IH IHA IM IMR IN IO IP IS IT IU IV MM MTH NG NP NS NT OP OT OTH PF PO PR RM SC SD SL TD TL TP TRA UR VG VM WND',
  // THO v2-0163 Body Site; IG BodySite (source HL70163)
  '0163':
    'BE BN BU CT LA LAC LACF LD LE LEJ LF LG LH LIJ LLAQ LLFA LMFA LN LPC LSC LT LUA LUAQ LUFA LVG LVL NB OD OS OU PA PERIN RA RAC RACF RD RE REJ RF RG RH RIJ RLAQ RLFA RMFA RN RPC RSC RT RUA RUAQ RUFA RVG RVL',
  // THO v2-0165 Administration Method; IG AdministrationMethod
  '0165': 'CH DI DU IF IR IS IVP IVPB NB PF PT SH SO WA WI',
  // THO v2-0119 Order Control Codes (ORC-1); IG OrderControlCode[ServiceRequest.status] (its v2 code
  // column): the businessEvent value of a non-NW order (order.ts businessEvent)
  '0119':
    'AF CA CH CN CP CR DC DE DF DR FU HD HR LI MC NA NW OC OD OE OF OH OK OP OR PA PR PY RE RF RL RO RP RQ RR RU SC SN SR SS UA UC UD UF UH UM UN UR UX XO XR XX',
  // THO v2-0203 Identifier Type; IG IdentifierType; and FGN, FILL, PGN, PLAC, which the IG's own
  // rows assign under v2-0203 (IG ORC[ServiceRequest] #2 PLAC, #3 FILL, #4 PGN, #38 FGN;
  // EIP[Identifier-PlacerAssignedIdentifier] EIP.1 PGN, EIP[Identifier-FillerAssignedIdentifier]
  // EIP.2 FGN) and hig stamps too
  '0203':
    'ACSN AM AMA AN ANC AND ANON ANT APRN ASID BA BC BCT BR BRN BSNR CC CONM CY CZ DDS DEA DFN DI DL DN DO DP DPM DR DS EI EN ESN FGN FI FILL GI GL GN HC IND JHN LACSN LANR LI LN LR MA MB MC MCD MCN MCR MCT MD MI MR MRT MS NBSNR NCT NE NH NI NII NIIP NNxxx NP NPI OD PA PC PCN PE PEN PGN PI PLAC PN PNT PPIN PPN PRC PRN PT QA RI RN RPH RR RRI RRP SID SL SN SP SR SS TAX TN TPR U UPIN USID VN VP VS WC WCN WP XX',
  // THO v2-0215 Publicity Code; IG PublicityCode
  '0215': 'F N O U',
  // THO v2-0230 Procedure Functional Type (PR1-6): anesthesia, diagnostic, invasive, therapeutic
  '0230': 'A D I P',
  // THO v2-0270 Document Type
  '0270': 'AR CD CN DI DS ED HP OP PC PH PN PR SP TS',
  // THO v2-0272 Document Confidentiality Status; IG DocumentConfidentialityStatus
  '0272': 'R U V',
  // THO v2-0273 Document Availability Status (TXA-19; hig keeps CA, OB, UN in alternate-codes)
  '0273': 'AV CA OB UN',
  // THO v2-0190 Address Type; IG AddressType[Use]/[Type] (their v2 code column)
  '0190': 'B BA BDL BI BR C F H L M N O P RH S SH TM V',
  // THO v2-0301 Universal ID Type; IG UniversalIDType
  '0301': 'CAP CLIA CLIP DNS EUI64 GUID HCD HL7 ISO L L,M,N M N NPI Random URI UUID x400 x500',
  // THO v2-0315 Living Will Code; IG LivingWillCode
  '0315': 'F I N U Y',
  // THO v2-0406 Participant Organization Unit Type; IG ParticipantOrganizationUnitType (its v2
  // code column: the same seven)
  '0406': '1 2 3 4 5 H O',
  // THO v2-0430 Mode of Arrival Code; IG ModeOfArrivalCode
  '0430': 'A C F H O P U',
  // THO v2-0438 Allergy Clinical Status
  '0438': 'C D E I P S U',
  // THO v2-0441 Immunization Registry Status
  '0441': 'A I L M O P U',
  // THO v2-0443 Provider Role; IG ProviderRole
  '0443': 'AD AI AP AT CLP CP DP EP FHCP IP MDIR OP PH PI PP RO RP RT TN TR VP VPS VTS',
  // THO v2-0472 TQ Conjunction ID: asynchronous, actuation time, synchronous (TQ1-12)
  '0472': 'A C S',
  // THO v2-0482 Order Type; IG OrderType
  '0482': 'I O',
  // THO v2-0717 Access Restriction Value: the v2 codes and the policy codes loaded into it
  '0717':
    'ALL DEM DRG HIV LOC NO OI OO PID-7 PID-17 PSY SMD STD PersDEID JurisCUI JurisDEID JurisIP JurisLDS JurisNSI JurisPI JurisSP-CUI JurisUUI OrgCUI OrgDEID OrgIP OrgLDS OrgNSI OrgPI OrgSP-CUI',
  // HL7 table 0719 Access Restriction Reason Code (v2.8.2)
  '0719': 'DIA EMP ORG PAT PHY REG VIP',
  // THO v2-0916 Relevant Clinical Information (OBR-13 since v2.7.1): fasting status; FNA deprecated
  // after v2.7.1 but still a concept of the code system
  '0916': 'F FNA NF NG',
  // THO v2-0936 Observation Type (OBX-29): question, result, supporting clinical information
  // (AOE and ASC are codes of table 0937, not of this one)
  '0936': 'QST RSLT SCI',
  // THO v2-0912 Participation; IG Participation
  '0912':
    'AAP AC AD AHP AI AP APO ARI AT AUT CLPO CP DIE DP EARI ED EO EP EPRI EQUIP FHCP FL MDIR OF OP OPO OS PB PH PI PO POMD PP PPH PRI RCT RHP RIE RO RP RPO RT SB SC TL TN TR VP VPS VTS WAY WAYR',
};

const sets = new Map(Object.entries(CODES).map(([table, codes]) => [table, new Set(codes.split(' ').filter((c) => c !== ''))]));

/**
 * THO v2-0335 Repeat Pattern: its concepts BID TID QID QAM QSHIFT QOD QHS QPM C PRN Once, and the
 * codes built by the table's construction rules (the concepts THO marks "not a real code, but
 * guidelines how to construct the codes"): Q<integer>S/M/H/D/W/L, Q<integer>J<day#> (day 1-7),
 * xID with x 5 or more, PRN<a repeat pattern>, and the meal timings <A|P|I>C<M|D|V> (AC, PCV, CM).
 * `QD` or `2ID` follow no rule: not codes of the table.
 */
const REPEAT_PATTERNS = new Set(['BID', 'TID', 'QID', 'QAM', 'QSHIFT', 'QOD', 'QHS', 'QPM', 'C', 'PRN', 'Once']);
function isRepeatPattern(code: string): boolean {
  if (REPEAT_PATTERNS.has(code)) return true;
  if (code.startsWith('PRN')) return isRepeatPattern(code.slice(3));
  return /^Q\d+[SMHDWL]$/.test(code) || /^Q\d*J[1-7]+$/.test(code) || /^([5-9]|[1-9]\d+)ID$/.test(code) || /^[API]?C[MDV]?$/.test(code);
}

/**
 * Whether `code` is a code of HL7 table `table` ('0270'), compared exactly as THO's case-sensitive
 * code systems are: `DI` is, `DIS` and `di` are not. A table not listed here has no known codes,
 * so nothing is ever stamped with its system.
 */
export function isTableCode(table: string, code: string): boolean {
  if (table === '0335') return isRepeatPattern(code);
  // [table 0203 NNxxx "National Person Identifier where the xxx is the ISO table 3166 3-character country code";
  // review 62 R62-N1] NNSGP, NNNLD…: NN + a country of the IG's CountryCode map (table 0399, ISO 3166 alpha-3), the
  // rule identity.ts ranks as national
  if (table === '0203' && /^NN[A-Z]{3}$/.test(code)) return lookup('CountryCode', code.slice(2)) !== undefined;
  return sets.get(table)?.has(code) ?? false;
}

/** The tables listed (for tests: each must have an in-list case). */
export function listedTables(): string[] {
  return [...sets.keys(), '0335'];
}
