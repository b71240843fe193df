/** XAD → Address (IG: XAD[Address]). */
import type { Repetition } from '../../hl7/message.js';
import { lookupCode } from '../vocabulary/index.js';
import type { Json } from '../types.js';
import type { DatatypeContext } from './context.js';
import { list, val } from './primitive.js';
import { toPeriod } from './time.js';
import { tableCoding } from './coding.js';
import { DEFAULT_EXTENSION_SETTINGS, unnamedExtension } from './unnamed-extension.js';

const AD_USE = 'http://hl7.org/fhir/StructureDefinition/iso21090-AD-use';

/**
 * XAD.7 address type: [IG XAD[Address] #7 IF XAD.7 IN ("M", "SH") → type, IF IN ("BA", "BI", "C", "B",
 * "H", "O") → use, via the AddressType maps]; [IF XAD.7 EQUALS "HV" → extension[1] iso21090-AD-use,
 * valueCode] the vacation home, its own named row (code review 18, CR18-2: it went to v2-addressType
 * without a system); [extension[2] (unnamed) valueCodeableConcept, system v2-0190] a code neither map
 * holds (`L` legal, `P` permanent) goes in hig's v2-addressType; under `unnamedExtensions: 'report'`
 * it is reported (reviews 16 and 17, R17-L1: it vanished without a line). A code the maps hold is
 * use/type only (the extension would repeat it).
 */
function addressType(a: Json, rep: Repetition | undefined, ctx: DatatypeContext): void {
  const type = val(rep, 7);
  if (type === undefined) return;
  if (type === 'HV') {
    a.extension = [{ url: AD_USE, valueCode: type }];
    return;
  }
  const use = lookupCode('AddressType[Use]', type);
  const kind = lookupCode('AddressType[Type]', type);
  if (use !== undefined) a.use = use;
  if (kind !== undefined) a.type = kind;
  if (use !== undefined || kind !== undefined) return;
  const report = rep === undefined ? ctx.leftOutValue : (ctx.reportFor?.(rep) ?? ctx.leftOutValue);
  const ext = unnamedExtension(ctx.extensions ?? DEFAULT_EXTENSION_SETTINGS, 'addressType', 'valueCodeableConcept', () => ({ coding: [tableCoding('0190', type)] }), report, 'XAD.7');
  if (ext !== undefined) a.extension = [ext];
}

export function xadAddress(rep: Repetition | undefined, ctx: DatatypeContext): Json | undefined {
  // [IG XAD[Address] XAD.1 → line[1-3] via SAD[Address]: SAD.1, SAD.2 street name, SAD.3 dwelling
  // number, each a line; XAD.2 → line[4]] reading SAD.1 only made `1000&Hospital Lane` "1000"
  const line = list(val(rep, 1, 1), val(rep, 1, 2), val(rep, 1, 3), val(rep, 2), val(rep, 19));
  const a: Json = {};
  addressType(a, rep, ctx);
  if (line !== undefined) a.line = line;
  const city = val(rep, 3);
  const district = val(rep, 9);
  const state = val(rep, 4);
  const postalCode = val(rep, 5);
  const country = val(rep, 6);
  if (city !== undefined) a.city = city;
  if (district !== undefined) a.district = district;
  if (state !== undefined) a.state = state;
  if (postalCode !== undefined) a.postalCode = postalCode;
  if (country !== undefined) a.country = country;
  // [IG XAD[Address] XAD.10 → extension iso21090-ADXP-censusTract (CWE[string])] the FHIR
  // extension's value is a string (the row's "valueCode" names its own type column's string); until
  // review 15 (R15-L1) XAD.10 vanished without a line
  const tract = val(rep, 10) ?? val(rep, 10, 2);
  if (tract !== undefined) a.extension = [...((a.extension as Json[] | undefined) ?? []), { url: 'http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-censusTract', valueString: tract }];
  const period = toPeriod(val(rep, 13) ?? val(rep, 12, 1), val(rep, 14) ?? val(rep, 12, 2), ctx.timezone, (w) => ctx.invalidDate?.(`XAD period ${w}`), ctx.timeDoubt);
  if (period !== undefined) a.period = period;
  if (line === undefined && city === undefined && state === undefined && postalCode === undefined && country === undefined && district === undefined && tract === undefined) return undefined;
  return a;
}
