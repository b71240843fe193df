/**
 * Characters FHIR cannot carry (issue 14): a C0 control character (`\x00`–`\x1f` other than TAB,
 * CR, LF) fails the FHIR string pattern `[\r\n\t\u0020-\uFFFF]+`, and code/id/uri are stricter
 * (no TAB either). One stray byte in one field used to dead-letter the whole message at
 * validation. The field reader (context.ts SegmentReader.reps, the one place a field's values
 * are read for mapping) hands every repetition that holds one to `scrubRepetition`, which decides
 * by the field's v2 datatype (the RULES table below; docs/mapping.md "Bad characters"):
 *
 * - free text (names, addresses, ST/TX/FT, display and original text): the characters are
 *   removed and the rest kept: the text still says what the sender wrote;
 * - anything else (identifiers, codes, ids, dates, numbers, telecoms): the value is left out,
 *   never altered: `12\x013` made `123` could be another patient's MRN or another test's code.
 *   Parts that identify together (CX.1 with its authority CX.4, a code with its system) are
 *   left out together, so what stays never names something else.
 *
 * Each action is one report line per field, located, never the value.
 */
import type { Repetition } from '../hl7/message.js';
import fieldTypes from './vocabulary/data/field-types.json' with { type: 'json' };
import { FIELD_TYPES_SUPPLEMENT } from './vocabulary/field-types-supplement.js';

/** C0 controls FHIR strings cannot hold (TAB, CR and LF excepted; CR/LF end a segment anyway). */
const UNSAFE_IN_TEXT = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;
const UNSAFE_IN_TEXT_ALL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;
/** A code, id or uri cannot hold a TAB either (FHIR code `[^\s]+( [^\s]+)*`, uri `\S*`). */
const UNSAFE_IN_VALUE = /[\x00-\x1f]/;

/**
 * How a datatype's components are treated when one holds such a character. `text`: components of
 * free text (all subcomponents; `'all'` for a text primitive). `keys`: components that identify
 * together: one unsafe part leaves the whole group out. Any other component is left out alone.
 * A datatype not listed is left out component by component (its components are values, e.g. a
 * primitive's one). A field whose datatype is unknown is left out whole (scrubRepetition).
 */
interface Rule {
  readonly text?: readonly number[] | 'all';
  readonly keys?: readonly (readonly number[])[];
  /**
   * `[part, stand-in]`: `part` joins the key group of `stand-in` when `stand-in` is empty, because
   * it then names the identifier's system in its place (CX.5 for CX.4, XCN.13 for XCN.9).
   */
  readonly joins?: readonly (readonly [number, number])[];
}

const CODED: Rule = { text: [2, 5, 9, 11], keys: [[1, 3, 7], [4, 6, 8], [10, 12, 13]] };
const TEXT: Rule = { text: 'all' };

/** [v2.9 datatypes; IG datatype maps: which component becomes text, which an identifier/code]. */
export const RULES: Readonly<Record<string, Rule>> = {
  ST: TEXT,
  TX: TEXT,
  FT: TEXT,
  // [IG CWE[CodeableConcept] #2, #5, #9, #11 → display/text; #1–3, #4–6, #10–12 → coding]
  CWE: CODED,
  CNE: CODED,
  CF: CODED,
  // [IG CX[Identifier] #1 → value, #4 → system/assigner]: the value means nothing without its authority;
  // [#5 → type; identifier.ts typeSystem] with CX.4 empty, CX.5 (SS, NPI …) gives the system instead
  CX: { keys: [[1, 4]], joins: [[5, 4]] },
  // [IG EI[Identifier] #1–4]: entity id and its namespace
  EI: { keys: [[1, 2, 3, 4]] },
  EIP: { keys: [[1], [2]] },
  HD: { keys: [[1, 2, 3]] },
  // [IG XPN[HumanName] #1–5, #14 → family/given/suffix/prefix]
  XPN: { text: [1, 2, 3, 4, 5, 14] },
  // [IG XCN[Practitioner] #1 → identifier.value, #9 → identifier.system; #2–6, #21 → name]
  // [#13 → identifier.type; entities.ts] with XCN.9 empty, XCN.13 NPI gives the NPI system
  XCN: { text: [2, 3, 4, 5, 6, 21], keys: [[1, 9]], joins: [[13, 9]] },
  PPN: { text: [2, 3, 4, 5, 6, 21], keys: [[1, 9]], joins: [[13, 9]] },
  // [IG XON[Organization] #1 → name; #3/#10 with #6 → identifier]
  XON: { text: [1], keys: [[3, 6, 10]] },
  // [IG XAD[Address] #1–5, #8 → line/city/state/postalCode/district, #20–21 text]
  XAD: { text: [1, 2, 3, 4, 5, 8, 20, 21] },
  // [IG XTN[ContactPoint] #1, #4–8, #12 → value]: a number missing a part would reach someone else;
  // #2 use and #3 equipment (→ system) say what the number reaches: without them a fax reads as a phone
  XTN: { text: [9], keys: [[1, 2, 3, 4, 5, 6, 7, 8, 12]] },
  // [IG PL[Location]]: the parts name one place together; #9 is its description
  PL: { text: [9], keys: [[1, 2, 3, 4, 7, 8, 10, 11]] },
  CQ: { keys: [[1, 2]] },
  DR: { keys: [[1, 2]] },
  SN: { keys: [[1, 2, 3, 4]] },
  MO: { keys: [[1, 2]] },
  // a price: amount, type and range are one value
  CP: { keys: [[1, 2, 3, 4, 5, 6]] },
  // [v2.5.1 PLN] a provider's licence number with its type and state
  PLN: { keys: [[1, 2, 3]] },
};

/**
 * ST fields that are identifiers or codes, not text [IG rows that map them to identifier.value,
 * a code or an identity key]: a character there leaves the value out.
 */
const IDENTIFYING_TEXT = new Set([
  'MSH-8', // meta.security code
  'MSH-10', // the message's control id (Bundle.identifier)
  'MSA-2',
  'OBX-4', // part of the Observation's identity [hig identity rule]
  'PID-19', // SSN → identifier.value
  'NK1-37',
  'IN1-8', // group number
  'IN1-36', // policy number
  'IN3-21',
  'RXA-12',
  'RXA-15', // lot number: a recall finds the dose by it
  'RXO-17',
  'RXO-21',
  'PRT-19',
  'PRT-20',
  'SFT-2',
  'SFT-4',
  'TXA-16', // document file name → identifier
]);

const TYPES = fieldTypes as Readonly<Record<string, string | undefined>>;
/** The v2.3-era names of the same shapes. */
const ALIASES: Readonly<Record<string, string>> = { CE: 'CWE', TS: 'DTM', TN: 'XTN' };

/**
 * fieldTypeOf's answers by segment name and field number (null: unknown). The field reader asks for every field it
 * reads that has components, ~1 % of a typical message's conversion when each answer built its `PID-5` key and
 * looked in three tables. Bounded: segment names come from messages (any `Z..`), fields up to FIELDS_CACHED.
 */
const typesBySegment = new Map<string, (string | null)[]>();
const SEGMENTS_CACHED = 512;
const FIELDS_CACHED = 128;

/** The datatype of field `n` of `segment`; OBX-5's is OBX-2 (`valueType`). Undefined when unknown. */
export function fieldType(segment: string, n: number, valueType?: string): string | undefined {
  // OBX-5's type is OBX-2's, not the field's; a number that is no array index (or a large one) is not cached
  if ((segment === 'OBX' && n === 5) || n >>> 0 !== n || n >= FIELDS_CACHED) return fieldTypeOf(segment, n, valueType);
  let row = typesBySegment.get(segment);
  if (row === undefined) {
    if (typesBySegment.size >= SEGMENTS_CACHED) typesBySegment.clear();
    row = [];
    typesBySegment.set(segment, row);
  }
  const known = row[n];
  if (known !== undefined) return known ?? undefined;
  const t = fieldTypeOf(segment, n, valueType);
  row[n] = t ?? null;
  return t;
}

function fieldTypeOf(segment: string, n: number, valueType: string | undefined): string | undefined {
  const key = `${segment}-${n}`;
  if (IDENTIFYING_TEXT.has(key)) return 'ID';
  const t = segment === 'OBX' && n === 5 ? valueType?.trim().toUpperCase() : (TYPES[key] ?? FIELD_TYPES_SUPPLEMENT[key]);
  return t === undefined ? undefined : (ALIASES[t] ?? t);
}

/** A value (code, id, identifier) holds a control character, or a TAB inside it (val() trims the ends). */
function unsafeValue(s: string): boolean {
  return UNSAFE_IN_TEXT.test(s) || (s.indexOf('\t') >= 0 && s.trim().indexOf('\t') >= 0);
}

/** True when any leaf of the repetition may hold a character FHIR cannot carry (see scrubRepetition). */
export function unsafe(rep: Repetition): boolean {
  for (const comp of rep) for (const s of comp) if (UNSAFE_IN_VALUE.test(s) && unsafeValue(s)) return true;
  return false;
}

function componentUnsafe(comp: readonly string[] | undefined, text: boolean): boolean {
  if (comp === undefined) return false;
  for (const s of comp) if (text ? UNSAFE_IN_TEXT.test(s) : unsafeValue(s)) return true;
  return false;
}

/** What scrubRepetition did, per component (`XPN.1`), for the field's report line. */
export interface Scrubbed {
  readonly rep: Repetition;
  /** Components whose characters were removed (free text). */
  readonly cleaned: string[];
  /** Components left out (identifying values, codes, dates, numbers), with their group. */
  readonly omitted: string[];
}

function isText(rule: Rule | undefined, c: number): boolean {
  if (rule?.text === undefined) return false;
  return rule.text === 'all' || rule.text.includes(c);
}

function emptyComponent(comp: readonly string[] | undefined): boolean {
  return comp === undefined || comp.every((s) => s.trim() === '');
}

/** The components left out with component c: its key group, with the parts that stand in for one of its members. */
function keyGroup(rule: Rule | undefined, c: number, rep: Repetition): readonly number[] {
  const active = (rule?.joins ?? []).filter(([, standIn]) => emptyComponent(rep[standIn - 1]));
  const joined = active.find(([part]) => part === c);
  const group = rule?.keys?.find((g) => g.includes(joined?.[1] ?? c));
  if (group === undefined) return [c];
  const parts = active.filter(([, standIn]) => group.includes(standIn)).map(([part]) => part);
  return [...group, ...parts.filter((p) => !group.includes(p))];
}

/**
 * The repetition as the mapping may read it: free-text components without the characters,
 * identifying/coded components (and the parts that identify with them) emptied. `type` is the
 * field's datatype (fieldType). A field whose datatype is unknown is left out whole: which of its
 * components identify together is unknown, so none may stay without the others (review10 #3).
 */
export function scrubRepetition(rep: Repetition, type: string | undefined): Scrubbed {
  const rule = type === undefined ? undefined : RULES[type];
  // `XPN.1`; a field whose datatype is unknown names the component by number
  const label = (c: number): string => (type === undefined ? `component ${c}` : `${type}.${c}`);
  const out = rep.map((comp) => [...comp]);
  const cleaned: string[] = [];
  const omitted: string[] = [];
  const emptied = new Set<number>();
  for (let i = 0; i < rep.length; i++) {
    const c = i + 1;
    const text = isText(rule, c);
    if (!componentUnsafe(rep[i], text)) continue;
    if (text) {
      out[i] = (rep[i] ?? []).map((s) => s.replace(UNSAFE_IN_TEXT_ALL, ''));
      cleaned.push(label(c));
      continue;
    }
    const group = type === undefined ? rep.map((_, j) => j + 1) : keyGroup(rule, c, rep);
    for (const g of group) emptied.add(g);
    omitted.push(group.length > 1 ? `${label(c)} (with ${group.filter((g) => g !== c).map(label).join(', ')})` : label(c));
  }
  for (const c of emptied) if (c - 1 < out.length) out[c - 1] = [''];
  return { rep: out, cleaned, omitted };
}
