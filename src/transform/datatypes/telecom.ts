/** XTN → ContactPoint (IG: XTN[ContactPoint]). */
import type { Repetition } from '../../hl7/message.js';
import { lookup, lookupCode } from '../vocabulary/index.js';
import type { Json } from '../types.js';
import type { DatatypeContext } from './context.js';
import { integer, val } from './primitive.js';
import { toPeriod } from './time.js';

const SYSTEM_CS = 'http://hl7.org/fhir/contact-point-system';
const USE_CS = 'http://hl7.org/fhir/contact-point-use';
const EXT = 'http://hl7.org/fhir/StructureDefinition/';

/**
 * [IG XTN[ContactPoint] #7, the value rows] the number from its parts when XTN.1 and XTN.12 give
 * none: `XTN.6+" "+XTN.7`, `"+"+XTN.5+" "+XTN.6+" "+XTN.7`, each with `+" X"+XTN.8` when XTN.8 is
 * valued (hig wrote the area in parentheses). A local number without an area (no IG value row) is
 * the value as it is, as before.
 */
function composedNumber(rep: Repetition | undefined): string | undefined {
  const local = val(rep, 7);
  if (local === undefined) return undefined;
  const country = val(rep, 5);
  const area = val(rep, 6);
  const ext = val(rep, 8);
  return [country === undefined ? '' : `+${country} `, area === undefined ? '' : `${area} `, local, ext === undefined ? '' : ` X${ext}`].join('');
}

/**
 * [IG XTN[ContactPoint] #5, #6, #7, #8] the number's parts as ContactPoint extensions:
 * XTN.5 → contactpoint-country, XTN.6 → contactpoint-area, XTN.7 → contactpoint-local (IF XTN.3
 * NOT IN Internet, X.400), XTN.8 → contactpoint-extension. The rows have no condition on the
 * value: the parts are kept beside a value from XTN.1/XTN.12 (they vanished there without a
 * report line) and beside an e-mail address.
 */
function partExtensions(rep: Repetition | undefined, isEmail: boolean): Json[] {
  const parts: [number, string][] = [
    [5, 'contactpoint-country'],
    [6, 'contactpoint-area'],
    [7, 'contactpoint-local'],
    [8, 'contactpoint-extension'],
  ];
  return parts.flatMap(([c, name]) => {
    const v = val(rep, c);
    if (v === undefined || (c === 7 && isEmail)) return [];
    return [{ url: `${EXT}${name}`, valueString: v }];
  });
}

/**
 * Components of an XTN the IG rows give no target (or whose row's condition does not hold), read
 * here so they are reported, never dropped: XTN.2 codes without a FHIR use, XTN.1 of an Internet/X.400 address (its row: IF XTN.3
 * NOT IN Internet, X.400), XTN.1 beside XTN.12 (IF XTN.12 NOT VALUED: the unformatted number wins),
 * XTN.4 of a phone (IF XTN.3 IN Internet, X.400), XTN.7 of an address, XTN.9 (the row names an
 * unnamed `extension?-text`), XTN.10/11/15/16/17 (no row).
 */
function unmapped(rep: Repetition | undefined, isEmail: boolean, value: string | undefined): string[] {
  const out: string[] = [];
  const number = val(rep, 1);
  if (number !== undefined && number !== value) out.push(isEmail ? 'XTN.1 (a number in an Internet/X.400 XTN: the IG maps XTN.1 only for other equipment types)' : 'XTN.1 (beside XTN.12, the unformatted number the IG prefers)');
  if (!isEmail && val(rep, 4) !== undefined && val(rep, 4) !== value) out.push('XTN.4 (an address in an XTN whose equipment type is no Internet or X.400)');
  if (isEmail && val(rep, 7) !== undefined) out.push('XTN.7 (a local number in an Internet/X.400 XTN)');
  // [IG XTN #2 via TelecommunicationUseCode] ORN, VHN, ASN, EMR, BPN have no FHIR use in the map;
  // NET (network address) on an e-mail says what system email already says
  const use = val(rep, 2);
  if (use !== undefined && lookupCode('TelecommunicationUseCode', use) === undefined && !(isEmail && use === 'NET')) out.push('XTN.2 (a use code the IG\'s TelecommunicationUseCode map gives no FHIR use)');
  if (val(rep, 9) !== undefined) out.push('XTN.9 (any text: the IG row names no extension)');
  for (const c of [10, 11, 15, 16, 17]) if (val(rep, c) !== undefined) out.push(`XTN.${c} (no IG row)`);
  return out;
}

export function xtnContactPoint(rep: Repetition | undefined, ctx: DatatypeContext): Json | undefined {
  const equipment = val(rep, 3);
  const isEmail = equipment === 'Internet' || equipment === 'X.400' || (val(rep, 4) !== undefined && val(rep, 1) === undefined && val(rep, 7) === undefined);
  const value = isEmail ? val(rep, 4) : (val(rep, 12) ?? val(rep, 1) ?? composedNumber(rep));
  if (value === undefined) {
    // [IG XTN[ContactPoint] XTN.4 IF XTN.3 = Internet/X.400 → value] an e-mail slot holding a
    // number (`89898989^WPN^Internet`): neither an address nor, by its type, a phone: reported
    if (isEmail && (val(rep, 1) ?? composedNumber(rep)) !== undefined) ctx.leftOutValue?.(`XTN with equipment type ${equipment ?? ''} and no XTN.4 address (the IG maps XTN.1 only for other equipment types)`);
    return undefined;
  }
  const cp: Json = {};
  const extension = partExtensions(rep, isEmail);
  if (extension.length > 0) cp.extension = extension;
  // The IG maps some equipment types (CP) to a contact-point *use*; keep only true systems here.
  const mapped = lookup('TelecommunicationEquipmentType', equipment);
  const system = isEmail ? 'email' : mapped?.system === SYSTEM_CS ? mapped.code : equipment === undefined || mapped?.system === USE_CS ? 'phone' : 'other';
  cp.system = system;
  cp.value = value;
  // [IG XTN[ContactPoint] #2 via TelecommunicationUseCode, #3 via TelecommunicationEquipmentType]
  // both target use (0..1): XTN.3 CP's `mobile` wins over XTN.2's use (PRN → home, WPN → work). A
  // cell phone is what a receiver needs to know to text the patient, the residence/work sense of
  // XTN.2 is the lesser fact; it is reported when it differs, never dropped silently (review 16
  // R16-L1: `^PRN^CP` was `home`, the CP lost without a line)
  const equipmentUse = mapped?.system === USE_CS ? mapped.code : undefined;
  const sentUse = lookupCode('TelecommunicationUseCode', val(rep, 2));
  const use = equipmentUse ?? sentUse;
  if (use !== undefined) cp.use = use;
  if (equipmentUse !== undefined && sentUse !== undefined && sentUse !== equipmentUse) {
    ctx.leftOutValue?.(`XTN.2 (its use ${sentUse} beside XTN.3 ${equipment ?? ''}, whose use ${equipmentUse} ContactPoint.use (0..1) keeps)`);
  }
  const rank = integer(val(rep, 18));
  if (rank !== undefined && rank > 0) cp.rank = rank;
  const period = toPeriod(val(rep, 13), val(rep, 14), ctx.timezone, (w) => ctx.invalidDate?.(`XTN period ${w}`), ctx.timeDoubt);
  if (period !== undefined) cp.period = period;
  for (const what of unmapped(rep, isEmail, value)) ctx.leftOutValue?.(what);
  return cp;
}
