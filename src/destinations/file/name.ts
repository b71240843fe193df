/**
 * File names from a template such as `{channel}-{controlId}-{receivedAt}.hl7`. The template is
 * checked at config load (known placeholders, safe literal characters, something unique per
 * message); each value is sanitised so no sender-controlled text can add a path separator, a
 * `..` or a leading dot: only [A-Za-z0-9._-] survive, everything else becomes `_`.
 */

export const PLACEHOLDERS = ['channel', 'destination', 'messageId', 'controlId', 'receivedAt', 'date'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type NameValues = Record<Placeholder, string>;

/** Longest name we produce (most file systems allow 255 bytes; the suffix needs room). */
export const MAX_NAME_LENGTH = 200;
const MAX_VALUE_LENGTH = 64;
const TOKEN = /\{([A-Za-z]+)\}/g;
const SAFE_LITERAL = /^[A-Za-z0-9._-]*$/;

/** Problems with a template, or [] when it is usable. */
export function checkTemplate(template: string): string[] {
  const problems: string[] = [];
  const names = [...template.matchAll(TOKEN)].map((m) => m[1]!);
  for (const name of names) if (!(PLACEHOLDERS as readonly string[]).includes(name)) problems.push(`unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
  const literal = template.replace(TOKEN, '');
  if (!SAFE_LITERAL.test(literal)) problems.push('literal text may only use letters, digits, ".", "_" and "-" (no path separators)');
  if (!names.includes('messageId') && !names.includes('controlId')) problems.push('needs {messageId} or {controlId}, or every message would get the same name');
  if (template.startsWith('.')) problems.push('must not start with "." (hidden files, and the temp files are dot files)');
  return problems;
}

/** One value made safe for a file name: no separators, no leading dots, bounded length. */
export function sanitise(value: string): string {
  const safe = value.replace(/[^A-Za-z0-9._-]/g, '_').replace(/\.{2,}/g, '_').replace(/^\.+/, '_');
  return safe.slice(0, MAX_VALUE_LENGTH);
}

/** `2024-01-01T12:00:00.123Z` → `20240101T120000123Z`: sortable and free of `:`. */
export function compactTime(iso: string): string {
  return iso.replace(/[-:.]/g, '');
}

export function renderName(template: string, values: NameValues): string {
  const name = template.replace(TOKEN, (_, key: string) => sanitise(values[key as Placeholder] ?? ''));
  // A name made only of dots or empty values would be unusable; the checks above make it unlikely.
  const bounded = name.slice(0, MAX_NAME_LENGTH);
  return bounded === '' || /^\.*$/.test(bounded) ? `_${bounded}` : bounded;
}

/** `name.hl7` → `name-1.hl7`: the suffix goes before the extension. */
export function withSuffix(name: string, n: number): string {
  if (n === 0) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`;
}
