/** Dot/bracket paths: reading source JSON and building FHIR JSON. */
const STEP = /([^.[\]]+)|\[(\d+)\]/g;

function steps(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(STEP)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return out;
}

/** Reads a value; undefined when any step is missing. Own properties only. */
export function readPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const s of steps(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, s)) return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

/** Writes a value, creating objects and arrays on the way. */
export function writePath(root: Record<string, unknown>, path: string, value: unknown): void {
  const st = steps(path);
  let cur: Record<string | number, unknown> = root;
  for (let i = 0; i < st.length - 1; i++) {
    const s = st[i] as string | number;
    const next = st[i + 1];
    if (cur[s] === undefined || cur[s] === null || typeof cur[s] !== 'object') cur[s] = typeof next === 'number' ? [] : {};
    cur = cur[s] as Record<string | number, unknown>;
  }
  const last = st[st.length - 1];
  if (last !== undefined) cur[last] = value;
}
