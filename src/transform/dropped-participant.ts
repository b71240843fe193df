/**
 * [hig attending-change rule; IG SegmentActionCode D → DELETE, table 0287 DE; v2.5.1 3.3.55; code review 37 CR37-3] A
 * visit whose participants the FHIR destination merges by type (`participant@type`: an A54/A55, held-elements.ts)
 * keeps the held participants the message does not name, so leaving a removed one out of the PUT no longer removes it.
 * What the message removes is carried beside the by-type marker, as a held-element marker of its own
 * (`participant@drop:<individual>,<type>,<type>…`, each part URI-encoded): the held participants that are that
 * individual (by id; empty: anyone) in a role of one of those types (`system|code`; none: a role of no coded type)
 * are not kept. One owner of the format for the conversion that writes it and the destination that reads it.
 */

/** A removal: the individual's resource id (undefined: any individual) and the type codes (`system|code`) of the role. */
export interface DroppedParticipant {
  individual?: string;
  types: readonly string[];
}

const PREFIX = '@drop:';

/** The held-element marker path of a removal from list `name`. */
export function droppedMark(name: string, drop: DroppedParticipant): string {
  return `${name}${PREFIX}${[drop.individual ?? '', ...drop.types].map(encodeURIComponent).join(',')}`;
}

/** The list a removal marker path names and what it removes; undefined for any other path. */
export function readDroppedMark(path: string): { name: string; drop: DroppedParticipant } | undefined {
  const at = path.indexOf(PREFIX);
  // a list's name before the prefix (an `extension:<url>` path may hold `@drop:` in its url)
  if (at <= 0 || !/^[a-z][A-Za-z0-9]*$/.test(path.slice(0, at))) return undefined;
  try {
    const [individual = '', ...types] = path.slice(at + PREFIX.length).split(',').map(decodeURIComponent);
    return { name: path.slice(0, at), drop: { ...(individual === '' ? {} : { individual }), types: types.filter((t) => t !== '') } };
  } catch {
    return undefined; // a malformed escape: no removal read
  }
}
