/** Routing: MSH-9 → message structure (MSH-9.3, else the trigger → structure table). */
import { structureForEvent } from '../vocabulary/index.js';
import { EXTRA_EVENT_STRUCTURES, STRUCTURES, SUPPORTED_EVENTS } from './definitions.js';
import { type GroupDef, parseStructure } from './grammar.js';

const parsed = new Map<string, GroupDef>();

/** The parsed definition of a structure we know, or undefined. */
export function structureDef(name: string): GroupDef | undefined {
  let def = parsed.get(name);
  if (def === undefined) {
    const src = STRUCTURES[name];
    if (src === undefined) return undefined;
    def = parseStructure(name, src);
    parsed.set(name, def);
  }
  return def;
}

export function knownStructures(): string[] {
  return Object.keys(STRUCTURES);
}

/**
 * Resolves the structure of `type^event`: MSH-9.3 when it names a structure we define, else
 * the IG's table 0354, else hig's supplement; undefined when none applies.
 */
export function resolveStructure(type: string, event: string, msh93: string | undefined): string | undefined {
  if (msh93 !== undefined && STRUCTURES[msh93] !== undefined) return msh93;
  const fromTable = structureForEvent(type, event);
  if (fromTable !== undefined && STRUCTURES[fromTable] !== undefined) return fromTable;
  const extra = EXTRA_EVENT_STRUCTURES[`${type}^${event}`];
  if (extra !== undefined) return extra;
  return fromTable ?? msh93;
}

export function isSupportedEvent(messageType: string): boolean {
  return SUPPORTED_EVENTS.has(messageType);
}

const holds = new Map<string, boolean>();

/**
 * Whether the message structure `name` has a place for segment `segment` (a `GT1`: the structure can state
 * guarantors). Asked once per message: the answer per structure and segment is kept, no pattern built each time.
 */
export function structureHolds(name: string, segment: string): boolean {
  const key = `${name} ${segment}`;
  let found = holds.get(key);
  if (found === undefined) {
    found = new RegExp(`\\b${segment}\\b`).test(STRUCTURES[name] ?? '');
    holds.set(key, found);
  }
  return found;
}
