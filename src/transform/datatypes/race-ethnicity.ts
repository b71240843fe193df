/**
 * PID-10 race and PID-22 ethnic group → the US Core race and ethnicity extensions
 * (http://hl7.org/fhir/us/core/StructureDefinition/us-core-race, -ethnicity; the IG defers the
 * US realm to US Core). Codes are the CDC Race & Ethnicity code set (urn:oid:2.16.840.1.113883.6.238,
 * also what HL70005 carries); the five OMB race categories and the two OMB ethnicity categories
 * are `ombCategory`, other CDC codes `detailed`; `text` (required) is what the sender displayed.
 */
import type { Repetition } from '../../hl7/message.js';
import type { Json } from '../types.js';
import { val } from './primitive.js';

const CDCREC = 'urn:oid:2.16.840.1.113883.6.238';
const NULL_FLAVOR = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';
const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition/';

const OMB_RACE: Readonly<Record<string, string>> = {
  '1002-5': 'American Indian or Alaska Native',
  '2028-9': 'Asian',
  '2054-5': 'Black or African American',
  '2076-8': 'Native Hawaiian or Other Pacific Islander',
  '2106-3': 'White',
};
const OMB_ETHNICITY: Readonly<Record<string, string>> = { '2135-2': 'Hispanic or Latino', '2186-5': 'Not Hispanic or Latino' };
/** Table 0189 (v2.5 ethnic group) → the OMB ethnicity codes; U unknown. */
const TABLE_0189: Readonly<Record<string, string>> = { H: '2135-2', N: '2186-5' };
/** Unknown / declined (tables 0005/0189 U, and the null flavors US Core allows as ombCategory). */
const UNKNOWN: Readonly<Record<string, string>> = { U: 'UNK', UNK: 'UNK', ASKU: 'ASKU', UNKNOWN: 'UNK' };

interface Parts {
  omb: Json[];
  detailed: Json[];
  texts: string[];
  /** repetitions (1-based) whose code is in no code set and that carry no text: nothing to place */
  unplaced: number[];
}

function classify(reps: readonly Repetition[], omb: Readonly<Record<string, string>>, local: Readonly<Record<string, string>>): Parts {
  const parts: Parts = { omb: [], detailed: [], texts: [], unplaced: [] };
  for (const [i, r] of reps.entries()) {
    const raw = val(r, 1);
    const display = val(r, 2);
    const text = display ?? val(r, 9);
    if (raw === undefined) {
      if (text !== undefined) parts.texts.push(text);
      continue;
    }
    const code = local[raw.toUpperCase()] ?? raw;
    const nullFlavor = UNKNOWN[raw.toUpperCase()];
    if (nullFlavor !== undefined && local[raw.toUpperCase()] === undefined) {
      parts.omb.push({ url: 'ombCategory', valueCoding: { system: NULL_FLAVOR, code: nullFlavor } });
      parts.texts.push(text ?? 'Unknown');
    } else if (omb[code] !== undefined) {
      parts.omb.push({ url: 'ombCategory', valueCoding: { system: CDCREC, code, display: omb[code] } });
      parts.texts.push(text ?? (omb[code] as string));
    } else if (/^\d{4}-\d$/.test(code)) {
      const coding: Json = { system: CDCREC, code };
      if (display !== undefined) coding.display = display;
      parts.detailed.push({ url: 'detailed', valueCoding: coding });
      parts.texts.push(text ?? code);
    } else if (text !== undefined) parts.texts.push(text);
    else parts.unplaced.push(i + 1);
  }
  return parts;
}

function extension(name: string, parts: Parts, maxOmb: number): Json | undefined {
  if (parts.texts.length === 0) return undefined;
  return { url: `${US_CORE}${name}`, extension: [...parts.omb.slice(0, maxOmb), ...parts.detailed, { url: 'text', valueString: parts.texts.join(', ') }] };
}

/**
 * `unplaced` hears of each repetition whose code is neither a CDC race/ethnicity code nor a table
 * value and comes without text (`4`, an Australian code): US Core has no slot for a code of
 * another system, so the caller reports it instead of dropping it silently.
 */
type Unplaced = (repetition: number) => void;

/** [US Core Race] PID-10 repetitions; undefined when PID-10 says nothing. */
export function raceExtension(reps: readonly Repetition[], unplaced?: Unplaced): Json | undefined {
  const parts = classify(reps, OMB_RACE, {});
  if (unplaced !== undefined) parts.unplaced.forEach(unplaced);
  return extension('us-core-race', parts, 6);
}

/** [US Core Ethnicity] PID-22 repetitions (table 0189 H/N or CDC codes). */
export function ethnicityExtension(reps: readonly Repetition[], unplaced?: Unplaced): Json | undefined {
  const parts = classify(reps, OMB_ETHNICITY, TABLE_0189);
  if (unplaced !== undefined) parts.unplaced.forEach(unplaced);
  return extension('us-core-ethnicity', parts, 1);
}
