/** XTN → ContactPoint (IG: XTN[ContactPoint]). */
import type { Repetition } from '../../hl7/message.js';
import { lookup, lookupCode } from '../vocabulary/index.js';
import type { Json } from '../types.js';
import type { DatatypeContext } from './context.js';
import { integer, val } from './primitive.js';
import { toPeriod } from './time.js';

const SYSTEM_CS = 'http://hl7.org/fhir/contact-point-system';
const USE_CS = 'http://hl7.org/fhir/contact-point-use';

/** Builds the number from its parts (XTN-5 country, 6 area, 7 local, 8 extension). */
function composedNumber(rep: Repetition | undefined): string | undefined {
  const local = val(rep, 7);
  if (local === undefined) return undefined;
  const country = val(rep, 5);
  const area = val(rep, 6);
  const ext = val(rep, 8);
  return [country === undefined ? '' : `+${country} `, area === undefined ? '' : `(${area}) `, local, ext === undefined ? '' : ` X${ext}`].join('');
}

export function xtnContactPoint(rep: Repetition | undefined, ctx: DatatypeContext): Json | undefined {
  const equipment = val(rep, 3);
  const isEmail = equipment === 'Internet' || equipment === 'X.400' || (val(rep, 4) !== undefined && val(rep, 1) === undefined && val(rep, 7) === undefined);
  const value = isEmail ? val(rep, 4) : (val(rep, 12) ?? val(rep, 1) ?? composedNumber(rep));
  if (value === undefined) {
    // [IG XTN[ContactPoint] XTN.4 IF XTN.3 = Internet/X.400 → value] an e-mail slot holding a
    // number (`89898989^WPN^Internet`): neither an address nor, by its type, a phone: reported
    if (isEmail && (val(rep, 1) ?? composedNumber(rep)) !== undefined) ctx.leftOutValue?.(`XTN with equipment type ${equipment ?? ''} and no XTN.4 address`);
    return undefined;
  }
  const cp: Json = {};
  // The IG maps some equipment types (CP) to a contact-point *use*; keep only true systems here.
  const mapped = lookup('TelecommunicationEquipmentType', equipment);
  const system = isEmail ? 'email' : mapped?.system === SYSTEM_CS ? mapped.code : equipment === undefined || mapped?.system === USE_CS ? 'phone' : 'other';
  cp.system = system;
  cp.value = value;
  const use = lookupCode('TelecommunicationUseCode', val(rep, 2)) ?? (mapped?.system === USE_CS ? mapped.code : undefined);
  if (use !== undefined) cp.use = use;
  const rank = integer(val(rep, 18));
  if (rank !== undefined && rank > 0) cp.rank = rank;
  const period = toPeriod(val(rep, 13), val(rep, 14), ctx.timezone, (w) => ctx.invalidDate?.(`XTN period ${w}`));
  if (period !== undefined) cp.period = period;
  return cp;
}
