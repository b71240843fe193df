/**
 * OBX-5 by OBX-2 value type → Observation.value[x] (IG: OBX[Observation]).
 * Returns the element name and value, or undefined when the value cannot be represented.
 */
import type { Repetition } from '../../hl7/message.js';
import type { Json } from '../types.js';
import { codeableConcept } from './coding.js';
import type { DatatypeContext } from './context.js';
import { cxIdentifier } from './identifier.js';
import { decimal, val } from './primitive.js';
import { toDateTime, toTime } from './time.js';

export interface ObservationValue {
  element: string;
  value: unknown;
}

/** OBX-6 units → Quantity unit/system/code; UCUM when the sender says so or omits the system. */
export function quantity(value: number, units: Repetition | undefined, comparator?: string): Json {
  const q: Json = { value };
  if (comparator !== undefined) q.comparator = comparator;
  const code = val(units, 1);
  const text = val(units, 2) ?? code;
  const system = (val(units, 3) ?? '').toUpperCase();
  if (text !== undefined) q.unit = text;
  if (code !== undefined && (system === 'UCUM' || system === 'ANS+' || system === '')) {
    if (system === 'UCUM') q.system = 'http://unitsofmeasure.org';
    if (q.system !== undefined) q.code = code;
  }
  return q;
}

const COMPARATORS = new Set(['<', '<=', '>=', '>']);

/** SN (structured numeric): comparator^num1^separator^num2. */
function structuredNumeric(rep: Repetition, units: Repetition | undefined): ObservationValue | undefined {
  const comparator = val(rep, 1);
  const n1 = decimal(val(rep, 2));
  const sep = val(rep, 3);
  const n2 = decimal(val(rep, 4));
  if (n1 === undefined) return undefined;
  if (sep === undefined && n2 === undefined) {
    if (comparator === undefined || comparator === '=') return { element: 'valueQuantity', value: quantity(n1, units) };
    if (COMPARATORS.has(comparator)) return { element: 'valueQuantity', value: quantity(n1, units, comparator) };
    return undefined;
  }
  if (n2 === undefined) return undefined;
  if (sep === '-') return { element: 'valueRange', value: { low: quantity(n1, units), high: quantity(n2, units) } };
  if (sep === ':' || sep === '/') return { element: 'valueRatio', value: { numerator: { value: n1 }, denominator: { value: n2 } } };
  return undefined;
}

function text(reps: readonly Repetition[], c = 1): string | undefined {
  const parts = reps.map((r) => (r[c - 1] ?? []).join('')).filter((x) => x.trim() !== '');
  return parts.length > 0 ? parts.join('\n') : undefined;
}

export function observationValue(type: string | undefined, reps: readonly Repetition[], units: Repetition | undefined, ctx: DatatypeContext): ObservationValue | undefined {
  const first = reps[0];
  if (first === undefined) return undefined;
  switch (type) {
    case 'NM': {
      const n = decimal(val(first, 1));
      return n === undefined ? stringValue(reps) : { element: 'valueQuantity', value: quantity(n, units) };
    }
    case 'SN':
      return structuredNumeric(first, units) ?? stringValue(reps);
    case 'ST':
    case 'TX':
    case 'FT':
    case 'IS':
    case 'ID':
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
    case 'DT':
    case 'DTM':
    case 'TS': {
      const dt = toDateTime(val(first, 1), ctx.timezone);
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
      if (low !== undefined) range.low = quantity(low, units);
      if (high !== undefined) range.high = quantity(high, units);
      return { element: 'valueRange', value: range };
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
