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
import { decimal, sub, val } from './primitive.js';
import { COMPARATORS, cweQuantity } from './quantity.js';
import { DATATYPE_COMPONENTS } from '../vocabulary/datatype-components.js';
import { xtnContactPoint } from './telecom.js';
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
      // [v2.5.1 2.A.14 CX] CX.1 as valueString (ST); its authority and type have no place in a string: reported
      return typeof id?.value === 'string' ? identifying(first, 'CX', 1, id.value, ctx) : undefined;
    }
    case 'HD':
    case 'EI':
    case 'EIP':
    case 'DLN':
    case 'CQ':
    case 'MO':
    case 'XTN':
    case 'TN':
      return notText(type, first, units, ctx) ?? stringValue(reps, true);
    case 'NA': {
      // numeric array → SampledData (IG: NA[SampledData]): one dimension, period unknown (0)
      const data = first.map((c) => (c[0] ?? '').trim()).map((x) => (decimal(x) === undefined ? 'E' : x));
      if (data.every((x) => x === 'E')) return undefined;
      return { element: 'valueSampledData', value: { origin: { value: 0 }, period: 0, dimensions: 1, data: data.join(' ') } };
    }
    default:
      // XPN, XAD, XCN, XON, PL and other composites of names and places: their components are text, joined; not the
      // components past the datatype (reported by the field reader as not mapped: R64-N2)
      return stringValue(reps.map((r) => r.slice(0, DATATYPE_COMPONENTS[type ?? '']?.n ?? r.length)), true);
  }
}

/**
 * [hig OBX-5 rule for composites whose components are no text; docs/mapping.md "OBX-5 value types"] The IG has no
 * OBX-5 row for HD, EI (its row says "requires more work"), EIP, DLN, CQ, MO or XTN; joined by a space their parts
 * made no value a receiver can use (review 66 R66-N1: a DICOM Study Instance UID `<UID>^^ISO` → "<UID> ISO"). Each
 * keeps its one value; the parts valueString cannot carry are reported, never glued on.
 */
function notText(type: string, rep: Repetition, units: Repetition | undefined, ctx: DatatypeContext): ObservationValue | undefined {
  switch (type) {
    case 'HD': {
      // [v2.5.1 2.A.36 HD] HD.1 namespace id, else HD.2 universal id (its HD.3 type says what kind of id HD.2 is)
      const c = val(rep, 1) !== undefined ? 1 : 2;
      return identifying(rep, 'HD', c, val(rep, c), ctx);
    }
    case 'EI':
      // [v2.5.1 2.A.28 EI; IG OBX[Observation] #5 EI: no target yet] EI.1 the entity id; EI.2–4 its namespace
      return identifying(rep, 'EI', 1, val(rep, 1), ctx);
    case 'EIP': {
      // [v2.5.1 2.A.27 EIP] the placer's EI.1 (EIP.1.1), else the filler's (EIP.2.1)
      const c = val(rep, 1) !== undefined ? 1 : 2;
      return identifying(rep, 'EIP', c, val(rep, c), ctx, true);
    }
    case 'DLN':
      // [v2.5.1 2.A.23 DLN] DLN.1 the licence number; DLN.2 issuer, DLN.3 expiry
      return identifying(rep, 'DLN', 1, val(rep, 1), ctx);
    case 'CQ': {
      // [IG CQ[Quantity] CQ.1 → value, CQ.2 → unit/code] the units of CQ.2 (subcomponents), else OBX-6
      const n = decimal(val(rep, 1));
      return n === undefined ? undefined : { element: 'valueQuantity', value: cweQuantity(n, val(rep, 2) !== undefined ? sub(rep, 2) : units) };
    }
    case 'MO': {
      // [v2.5.1 2.A.45 MO] MO.1 quantity, MO.2 the ISO 4217 denomination, as OBX-5 CP (one amount of money)
      const n = decimal(val(rep, 1));
      return n === undefined ? undefined : { element: 'valueQuantity', value: { value: n, unit: val(rep, 2) ?? 'money' } };
    }
    default: {
      // XTN / TN [IG XTN[ContactPoint] value rule]: the number or address a receiver dials or mails, as ContactPoint.value
      const cp = xtnContactPoint(rep, ctx);
      return typeof cp?.value === 'string' ? identifying(rep, 'XTN', 0, cp.value, ctx) : undefined;
    }
  }
}

/**
 * `value` (component `kept` of `rep`; 0 for an XTN's number, made of several) as valueString; the other valued parts
 * are reported by position (`HD.3`, `EIP.2.2`), never their values. `deep`: each component is an EI of its own.
 */
function identifying(rep: Repetition, type: string, kept: number, value: string | undefined, ctx: DatatypeContext, deep = false): ObservationValue | undefined {
  if (value === undefined) return undefined;
  const left = new Set<string>();
  rep.forEach((comp, i) => {
    const c = i + 1;
    // an XTN's other parts make up the number; its use (XTN.2) and equipment (XTN.3) are what a string loses
    if (kept === 0 && c !== 2 && c !== 3) return;
    comp.forEach((s, j) => {
      if (s.trim() !== '' && !(c === kept && j === 0)) left.add(deep ? `${type}.${c}.${j + 1}` : `${type}.${c}`);
    });
  });
  if (left.size > 0) {
    const what = kept === 0 ? 'the number' : deep ? `${type}.${kept}.1` : `${type}.${kept}`;
    (ctx.reportFor?.(rep) ?? ctx.leftOutValue)?.(`${[...left].join(', ')} valued beside ${what}, which alone is the valueString (OBX-2 ${type}: a string holds one value)`);
  }
  return { element: 'valueString', value };
}

function stringValue(reps: readonly Repetition[], composite = false): ObservationValue | undefined {
  const s = composite ? reps.map((r) => r.map((c) => c.join(' ').trim()).filter((x) => x !== '').join(' ')).filter((x) => x !== '').join('\n') : text(reps);
  return s === undefined || s === '' ? undefined : { element: 'valueString', value: s };
}
