/** XPN / XCN name parts / FN → HumanName (IG: XPN[HumanName]). */
import type { Repetition } from '../../hl7/message.js';
import { lookupCode } from '../vocabulary/index.js';
import type { Json } from '../types.js';
import type { DatatypeContext } from './context.js';
import { list, val } from './primitive.js';
import { toPeriod } from './time.js';

/** Component layout of a person name inside a composite; XPN starts at 1, XCN at 2 ([IG XCN[Practitioner] XCN.19/XCN.20 → name.period; XCN.17 IF XCN.19/20 NOT VALUED]). */
interface NameLayout {
  family: number;
  given: number;
  middle: number;
  suffix: number;
  prefix: number;
  degree: number;
  type: number;
  periodStart: number;
  periodEnd: number;
  /** the older DR validity range (XPN.10), used when the start/end components are empty */
  validityRange?: number;
  /** [IG XPN[HumanName] XPN.14 Professional Suffix → [1].suffix[3]] (after XPN.4 and XPN.6) */
  professional?: number;
}

const XPN: NameLayout = { family: 1, given: 2, middle: 3, suffix: 4, prefix: 5, degree: 6, type: 7, periodStart: 12, periodEnd: 13, validityRange: 10, professional: 14 };
const XCN: NameLayout = { family: 2, given: 3, middle: 4, suffix: 5, prefix: 6, degree: 7, type: 10, periodStart: 19, periodEnd: 20, validityRange: 17 };

function humanName(rep: Repetition | undefined, l: NameLayout, ctx: DatatypeContext): Json | undefined {
  const family = val(rep, l.family, 1);
  const given = list(val(rep, l.given), ...(val(rep, l.middle) ?? '').split(' ').map((x) => (x === '' ? undefined : x)));
  const prefix = list(val(rep, l.prefix));
  // [IG XPN[HumanName] XPN.4 → suffix[1], XPN.6 → suffix[2], XPN.14 → suffix[3]]: the professional
  // suffix (`PhD`) was read with the name and dropped without a report line (review 6)
  const suffix = list(val(rep, l.suffix), val(rep, l.degree), l.professional === undefined ? undefined : val(rep, l.professional));
  if (family === undefined && given === undefined) return undefined;
  const n: Json = {};
  const use = lookupCode('NameType', val(rep, l.type));
  if (use !== undefined) n.use = use;
  if (family !== undefined) n.family = family;
  if (given !== undefined) n.given = given;
  if (prefix !== undefined) n.prefix = prefix;
  if (suffix !== undefined) n.suffix = suffix;
  const explicit = val(rep, l.periodStart) !== undefined || val(rep, l.periodEnd) !== undefined;
  // [IG XPN[HumanName] XPN.10 IF XPN.12 NOT VALUED AND XPN.13 NOT VALUED → period (DR[Period])]:
  // the v2.3–2.4 validity range, DR.1 start & DR.2 end as subcomponents of XPN.10
  const range = !explicit && l.validityRange !== undefined;
  const start = range ? val(rep, l.validityRange ?? 0, 1) : val(rep, l.periodStart);
  const end = range ? val(rep, l.validityRange ?? 0, 2) : val(rep, l.periodEnd);
  const period = toPeriod(start, end, ctx.timezone, (w) => ctx.invalidDate?.(`name period ${w}`));
  if (period !== undefined) n.period = period;
  return n;
}

export function xpnName(rep: Repetition | undefined, ctx: DatatypeContext): Json | undefined {
  return humanName(rep, XPN, ctx);
}

export function xcnName(rep: Repetition | undefined, ctx: DatatypeContext): Json | undefined {
  return humanName(rep, XCN, ctx);
}

/** A one-line display of a name, for Reference.display. */
export function nameText(name: Json | undefined): string | undefined {
  if (name === undefined) return undefined;
  const given = Array.isArray(name.given) ? (name.given as string[]).join(' ') : '';
  const text = [given, typeof name.family === 'string' ? name.family : ''].filter((x) => x !== '').join(' ');
  return text === '' ? undefined : text;
}
