/**
 * OBX-5 by OBX-2 value type → Observation.value[x] (IG: OBX[Observation] #5, one row per type).
 * Returns the element name and value, or undefined when the value cannot be represented.
 * ED/RP are documents (see segments/obx.ts), not values.
 */
import type { Repetition } from '../../hl7/message.js';
import type { Json } from '../types.js';
import { codeableConcept } from './coding.js';
import type { DatatypeContext } from './context.js';
import { cxIdentifier } from './identifier.js';
import { decimal, val } from './primitive.js';
import { COMPARATORS, cweQuantity } from './quantity.js';
import { endBeforeStart, toDateTime, toPeriod, toTime } from './time.js';

export interface ObservationValue {
  element: string;
  value: unknown;
}

/** Value types whose repetitions are one text (IG: ST/FT/TX → valueString; repeats concatenated). */
export const TEXT_TYPES: ReadonlySet<string> = new Set(['ST', 'TX', 'FT']);

/** SN as written, for valueString: comparator, numbers, separator and units kept (IG OBX-5 SN string rows). */
function snText(rep: Repetition, units: Repetition | undefined): string | undefined {
  const text = [val(rep, 1), val(rep, 2), val(rep, 3), val(rep, 4)].filter((x) => x !== undefined).join('');
  if (text === '') return undefined;
  const unit = val(units, 2) ?? val(units, 1);
  return unit === undefined ? text : `${text} ${unit}`;
}

const GLUED_COMPARATOR = /^(<=|>=|<>|<|>|=)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))$/;

/**
 * SN.1 comparator and SN.2 number, also when a sender glued them into one component: `<0.10` in
 * SN.1 (IG ORU_R01 OBX 3) or `^<0.10` in SN.2. [IG SN[Quantity] SN.1 → comparator, SN.2 → value]:
 * the comparator and the number are the two facts either way, so split them rather than keep
 * the text as a valueString a receiver cannot compare.
 */
function snComparatorAndNum1(sn1: string | undefined, sn2: string | undefined): { comparator: string | undefined; raw1: string | undefined } {
  if (sn1 !== undefined && sn2 === undefined) {
    const m = GLUED_COMPARATOR.exec(sn1.trim());
    if (m !== null) return { comparator: m[1], raw1: m[2] };
  }
  if (sn1 === undefined && sn2 !== undefined) {
    const m = GLUED_COMPARATOR.exec(sn2.trim());
    if (m !== null) return { comparator: m[1], raw1: m[2] };
  }
  return { comparator: sn1, raw1: sn2 };
}

/**
 * SN (comparator^num1^separator^num2) by separator:
 * none → valueQuantity [IG OBX #5 SN[Quantity]]; ':' '/' → valueRatio [IG OBX #5 SN[Ratio]];
 * '-' → valueRange [IG OBX #5 SN[Range]]; '+' and comparator '<>' → valueString [IG OBX #5];
 * '.' → valueQuantity: num1.num2 read as one decimal (the IG row keeps only SN.2, which would
 * turn `>^1^.^3` into "> 1"; keeping 1.3 loses nothing).
 */
function structuredNumeric(rep: Repetition, units: Repetition | undefined): ObservationValue | undefined {
  const { comparator, raw1 } = snComparatorAndNum1(val(rep, 1), val(rep, 2));
  const sep = val(rep, 3);
  const raw2 = val(rep, 4);
  const n1 = decimal(raw1);
  const n2 = decimal(raw2);
  const asString = (): ObservationValue | undefined => {
    const s = snText(rep, units);
    return s === undefined ? undefined : { element: 'valueString', value: s };
  };
  if (comparator === '<>') return asString();
  const cmp = comparator === undefined || comparator === '=' ? undefined : comparator;
  if (cmp !== undefined && !COMPARATORS.has(cmp)) return asString();
  if (sep === undefined && raw2 === undefined) return n1 === undefined ? asString() : { element: 'valueQuantity', value: cweQuantity(n1, units, cmp) };
  if ((sep === ':' || sep === '/') && n1 !== undefined && n2 !== undefined) {
    return { element: 'valueRatio', value: { numerator: cweQuantity(n1, units, cmp), denominator: cweQuantity(n2, units) } };
  }
  if (sep === '-' && cmp === undefined && (n1 !== undefined || n2 !== undefined)) {
    const range: Json = {};
    if (n1 !== undefined) range.low = cweQuantity(n1, units);
    if (n2 !== undefined) range.high = cweQuantity(n2, units);
    return { element: 'valueRange', value: range };
  }
  if (sep === '.' && raw1 !== undefined && raw2 !== undefined && /^[+-]?\d+$/.test(raw1) && /^\d+$/.test(raw2)) {
    const joined = decimal(`${raw1}.${raw2}`);
    if (joined !== undefined) return { element: 'valueQuantity', value: cweQuantity(joined, units, cmp) };
  }
  return asString();
}

function text(reps: readonly Repetition[], c = 1): string | undefined {
  const parts = reps.map((r) => (r[c - 1] ?? []).join('')).filter((x) => x.trim() !== '');
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** One OBX-5 repetition (or all of them for text types) → value[x]. */
export function observationValue(type: string | undefined, reps: readonly Repetition[], units: Repetition | undefined, ctx: DatatypeContext): ObservationValue | undefined {
  const first = reps[0];
  if (first === undefined) return undefined;
  switch (type) {
    case 'NM': {
      const n = decimal(val(first, 1));
      return n === undefined ? stringValue(reps) : { element: 'valueQuantity', value: cweQuantity(n, units) };
    }
    case 'SN':
      return structuredNumeric(first, units);
    case 'ST':
    case 'TX':
    case 'FT':
    case 'SI':
      return stringValue(reps);
    case 'CWE':
    case 'CE':
    case 'CNE':
    case 'CF':
    case 'CV': {
      const cc = codeableConcept(first);
      return cc === undefined ? undefined : { element: 'valueCodeableConcept', value: cc };
    }
    case 'IS':
    case 'ID': {
      // [IG OBX #5 IS[CodeableConcept]] IS.1 → coding.code
      const code = val(first, 1);
      return code === undefined ? undefined : { element: 'valueCodeableConcept', value: { coding: [{ code }] } };
    }
    case 'DR': {
      // [IG OBX #5 DR[Period]] DR.1 → start, DR.2 → end (a reversed range cannot be a Period: kept as text)
      const period = toPeriod(val(first, 1), val(first, 2), ctx.timezone, undefined, ctx.timeDoubt);
      if (period === undefined) return stringValue(reps, true);
      if (endBeforeStart(period.start, period.end)) return stringValue(reps, true);
      return { element: 'valuePeriod', value: period };
    }
    case 'DT':
    case 'DTM':
    case 'TS': {
      const dt = toDateTime(val(first, 1), ctx.timezone, ctx.timeDoubt);
      return dt === undefined ? stringValue(reps) : { element: 'valueDateTime', value: dt };
    }
    case 'TM': {
      const t = toTime(val(first, 1));
      return t === undefined ? stringValue(reps) : { element: 'valueTime', value: t };
    }
    case 'NR': {
      const low = decimal(val(first, 1));
      const high = decimal(val(first, 2));
      if (low === undefined && high === undefined) return undefined;
      const range: Json = {};
      if (low !== undefined) range.low = cweQuantity(low, units);
      if (high !== undefined) range.high = cweQuantity(high, units);
      return { element: 'valueRange', value: range };
    }
    case 'VR': {
      // [IG OBX #5 VR] OBX-5.1 + "-" + OBX-5.2
      const parts = [val(first, 1), val(first, 2)].filter((x) => x !== undefined);
      return parts.length === 0 ? undefined : { element: 'valueString', value: parts.join('-') };
    }
    case 'CP': {
      const n = decimal(val(first, 1, 1));
      return n === undefined ? undefined : { element: 'valueQuantity', value: { value: n, unit: val(first, 1, 2) ?? 'money' } };
    }
    case 'CX': {
      const id = cxIdentifier(first, ctx);
      return id === undefined ? undefined : { element: 'valueString', value: id.value };
    }
    case 'NA': {
      // numeric array → SampledData (IG: NA[SampledData]): one dimension, period unknown (0)
      const data = first.map((c) => (c[0] ?? '').trim()).map((x) => (decimal(x) === undefined ? 'E' : x));
      if (data.every((x) => x === 'E')) return undefined;
      return { element: 'valueSampledData', value: { origin: { value: 0 }, period: 0, dimensions: 1, data: data.join(' ') } };
    }
    default:
      // XPN, XAD, XCN, XON, TN and other composites: keep the text of the first component(s)
      return stringValue(reps, true);
  }
}

function stringValue(reps: readonly Repetition[], composite = false): ObservationValue | undefined {
  const s = composite ? reps.map((r) => r.map((c) => c.join(' ').trim()).filter((x) => x !== '').join(' ')).filter((x) => x !== '').join('\n') : text(reps);
  return s === undefined || s === '' ? undefined : { element: 'valueString', value: s };
}
