/**
 * Message structures as data. A structure is written in the standard's abstract message syntax,
 * with names for groups: `[ ]` optional, `{ }` repeating, `NAME( … )` a segment group, `< A | B >`
 * a choice (exactly one of the alternatives, as the standard writes ORM_O01's order detail
 * `<OBR | RQD | RQ1 | RXO | ODS | ODT>`).
 *   'MSH [{SFT}] EVN PID [{OBSERVATION(OBX [{NTE}])}]'
 */
export interface SegmentDef {
  kind: 'segment';
  name: string;
  optional: boolean;
  repeat: boolean;
}

export interface GroupDef {
  kind: 'group';
  name: string;
  optional: boolean;
  repeat: boolean;
  children: ElementDef[];
}

/** `< A | B | … >`: one of the alternatives (each a segment or a group) stands in this place. */
export interface ChoiceDef {
  kind: 'choice';
  optional: boolean;
  repeat: boolean;
  options: ElementDef[];
}

export type ElementDef = SegmentDef | GroupDef | ChoiceDef;

const TOKEN = /\s*(\[|\]|\{|\}|\)|<|>|\||[A-Z][A-Z0-9_]*\(|[A-Z][A-Z0-9]{2})/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(src)) !== null) {
    out.push(m[1] ?? '');
    at = TOKEN.lastIndex;
  }
  if (src.slice(at).trim() !== '') throw new Error(`structure grammar: cannot read "${src.slice(at, at + 20)}"`);
  return out;
}

/** Parses a structure definition into a root group named after the structure. */
export function parseStructure(name: string, src: string): GroupDef {
  const tokens = tokenize(src);
  let i = 0;
  const element = (): ElementDef => {
    const t = tokens[i++];
    if (t === '[') {
      const inner = element();
      if (tokens[i++] !== ']') throw new Error(`structure ${name}: expected ]`);
      return { ...inner, optional: true };
    }
    if (t === '{') {
      const inner = element();
      if (tokens[i++] !== '}') throw new Error(`structure ${name}: expected }`);
      return { ...inner, repeat: true };
    }
    if (t === '<') {
      const options: ElementDef[] = [element()];
      while (tokens[i] === '|') {
        i++;
        options.push(element());
      }
      if (tokens[i++] !== '>') throw new Error(`structure ${name}: expected >`);
      return { kind: 'choice', optional: false, repeat: false, options };
    }
    if (t !== undefined && t.endsWith('(')) {
      const children: ElementDef[] = [];
      while (tokens[i] !== ')' && i < tokens.length) children.push(element());
      i++;
      return { kind: 'group', name: t.slice(0, -1), optional: false, repeat: false, children };
    }
    if (t !== undefined && /^[A-Z][A-Z0-9]{2}$/.test(t)) return { kind: 'segment', name: t, optional: false, repeat: false };
    throw new Error(`structure ${name}: unexpected token ${t ?? 'end'}`);
  };
  const children: ElementDef[] = [];
  while (i < tokens.length) children.push(element());
  return { kind: 'group', name, optional: false, repeat: false, children };
}

const firstSets = new WeakMap<ElementDef, ReadonlySet<string>>();

/** Segment names that can start an element (through optional leading children of a group). */
export function firstSet(el: ElementDef): ReadonlySet<string> {
  const cached = firstSets.get(el);
  if (cached !== undefined) return cached;
  const set = new Set<string>();
  if (el.kind === 'segment') set.add(el.name);
  else if (el.kind === 'choice') {
    for (const option of el.options) for (const n of firstSet(option)) set.add(n);
  } else {
    for (const child of el.children) {
      for (const n of firstSet(child)) set.add(n);
      if (!child.optional) break;
    }
  }
  firstSets.set(el, set);
  return set;
}

/**
 * Where `structure` requires a `segment` segment: the required segment just before it in its
 * group (to say where it is missing), or null when it is the group's first; undefined when the
 * structure does not require one (absent, optional, or inside an optional group: ORM_O01's
 * [PATIENT(PID …)], RAS_O17's, SIU_S12's).
 */
export function requiredAt(structure: GroupDef, segment: string): { after: string | null } | undefined {
  let before: string | null = null;
  for (const child of structure.children) {
    // A choice requires none of its alternatives on its own, and names no one segment before what follows.
    if (child.optional || child.kind === 'choice') continue;
    if (child.kind === 'segment') {
      if (child.name === segment) return { after: before };
      before = child.name;
      continue;
    }
    const inner = requiredAt(child, segment);
    if (inner !== undefined) return { after: inner.after ?? before };
    const first = lastRequired(child);
    if (first !== undefined) before = first;
  }
  return undefined;
}

/** The last required segment of a required group (what precedes what follows it). */
function lastRequired(group: GroupDef): string | undefined {
  let last: string | undefined;
  for (const child of group.children) {
    if (child.optional || child.kind === 'choice') continue;
    last = child.kind === 'segment' ? child.name : (lastRequired(child) ?? last);
  }
  return last;
}
