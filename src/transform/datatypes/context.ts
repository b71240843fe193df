/** What datatype mappers need from the conversion: the channel's zone and namespace map. */
import type { Repetition } from '../../hl7/message.js';
import type { TimeDoubt, Zone } from './time.js';
import type { ExtensionSettings } from './unnamed-extension.js';

export interface DatatypeContext {
  timezone: Zone;
  namespaceMap: Readonly<Record<string, string>>;
  /**
   * Turns an assigning authority (an HD, as a one-component-per-subcomponent repetition) into a
   * Reference to its Organization (IG: CX.4 → assigner(Organization)). Absent in pure
   * datatype tests, where the assigner is kept as a display.
   */
  assigner?: (hd: Repetition) => Record<string, unknown> | undefined;
  /**
   * A date inside a datatype (`CX period start`, a validity period) is no date: it is left out
   * and the conversion reports it with the segment's location. Absent in pure datatype tests.
   */
  invalidDate?: (what: string) => void;
  /**
   * A part of a datatype that is valued but has no place in the FHIR type (a number in an e-mail
   * slot): left out, and the conversion reports it with the segment's location, never the value.
   */
  leftOutValue?: (what: string) => void;
  /**
   * The report for the field `rep` was read from (`PID-3 (segment 3): …`), when the conversion
   * knows it; else leftOutValue. Absent in pure datatype tests.
   */
  reportFor?: (rep: Repetition) => (what: string) => void;
  /**
   * The channel's hig-defined extensions for IG rows that name none (`extension??-…`,
   * unnamed-extension.ts): their URL base and whether they are emitted or reported. Absent: the
   * defaults (emitted under DEFAULT_EXTENSION_BASE).
   */
  extensions?: ExtensionSettings;
  /**
   * A time without offset inside a datatype (a period, an OBX-5 DTM) that its zone holds twice or
   * skips (time.ts offsetFor): reported at the field, never the value. Absent in pure datatype tests.
   */
  timeDoubt?: TimeDoubt;
}
