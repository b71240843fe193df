/**
 * HL7 v2 paths: `SEG[occurrence]-FIELD[repetition].COMPONENT.SUBCOMPONENT`.
 *
 *   path        = segment [ "[" index "]" ] [ "-" field [ "[" index "]" ] [ "." component [ "." subcomponent ] ] ]
 *   segment     = upper letter, then two upper letters or digits   (MSH, PID, ZPI, …)
 *   index       = digits (0-based) | "*" (every one present)
 *   field, component, subcomponent = digits (1-based, as the standard numbers them)
 *
 * Occurrence and repetition are 0-based and default to 0 (`PID-3` is `PID[0]-3[0]`), as in
 * src/hl7/message.ts; field, component and subcomponent are 1-based. `PID-3[*].4.1` reads CX-4.1 of
 * every repetition. Bytes and text only: this module knows no message, just the grammar.
 */

export type Index = number | '*';

export interface Hl7Path {
  /** The path as written (for error messages: locations are not PHI). */
  readonly text: string;
  readonly segment: string;
  /** 0-based; undefined = not written (reads as 0). */
  readonly occurrence: Index | undefined;
  /** 1-based; undefined = the whole segment. */
  readonly field: number | undefined;
  /** 0-based; undefined = not written (reads as 0). */
  readonly repetition: Index | undefined;
  readonly component: number | undefined;
  readonly subcomponent: number | undefined;
}

/** Bounds that keep a configured path from asking for megabytes of padding. */
export const PATH_LIMITS = { index: 999, field: 999, component: 99, subcomponent: 99 } as const;

/** How deep a path reaches: the level its value lives at. */
export type PathLevel = 'segment' | 'field' | 'component' | 'subcomponent';

const GRAMMAR = /^([A-Z][A-Z0-9]{2})(?:\[(\d{1,4}|\*)\])?(?:-(\d{1,4})(?:\[(\d{1,4}|\*)\])?(?:\.(\d{1,3})(?:\.(\d{1,3}))?)?)?$/;

export type PathResult = { ok: true; path: Hl7Path } | { ok: false; reason: string };

function index(text: string | undefined): Index | undefined {
  if (text === undefined) return undefined;
  return text === '*' ? '*' : Number(text);
}

/** Parses a path; the reason names what is wrong with the path (never message content). */
export function parseHl7Path(text: string): PathResult {
  const m = GRAMMAR.exec(text);
  if (m === null) return { ok: false, reason: `"${text.slice(0, 40)}" is not an HL7 path (expected SEG[n]-F[n].C.S, e.g. PID-3[*].4.1)` };
  const path: Hl7Path = {
    text,
    segment: m[1]!,
    occurrence: index(m[2]),
    field: m[3] === undefined ? undefined : Number(m[3]),
    repetition: index(m[4]),
    component: m[5] === undefined ? undefined : Number(m[5]),
    subcomponent: m[6] === undefined ? undefined : Number(m[6]),
  };
  const numbers: Array<[number | undefined, number, number, string]> = [
    [typeof path.occurrence === 'number' ? path.occurrence : undefined, 0, PATH_LIMITS.index, 'occurrence'],
    [path.field, 1, PATH_LIMITS.field, 'field'],
    [typeof path.repetition === 'number' ? path.repetition : undefined, 0, PATH_LIMITS.index, 'repetition'],
    [path.component, 1, PATH_LIMITS.component, 'component'],
    [path.subcomponent, 1, PATH_LIMITS.subcomponent, 'subcomponent'],
  ];
  for (const [value, min, max, what] of numbers) {
    if (value !== undefined && (value < min || value > max)) return { ok: false, reason: `${text}: ${what} must be ${min}..${max}` };
  }
  return { ok: true, path };
}

/** Parses or throws a plain Error: for paths written in code, where a bad one is a programming error. */
export function hl7Path(text: string): Hl7Path {
  const result = parseHl7Path(text);
  if (!result.ok) throw new Error(result.reason);
  return result.path;
}

export function levelOf(path: Hl7Path): PathLevel {
  if (path.field === undefined) return 'segment';
  if (path.component === undefined) return 'field';
  return path.subcomponent === undefined ? 'component' : 'subcomponent';
}

/** True when the path names one element only (no `[*]`). */
export function isSingle(path: Hl7Path): boolean {
  return path.occurrence !== '*' && path.repetition !== '*';
}

/** MSH-1 and MSH-2 hold the delimiters themselves: they are read, never edited. */
export function isDelimiterField(path: Pick<Hl7Path, 'segment' | 'field'>): boolean {
  return (path.segment === 'MSH' || path.segment === 'FHS' || path.segment === 'BHS') && path.field !== undefined && path.field <= 2;
}
