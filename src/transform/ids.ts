/**
 * Deterministic resource ids: RFC 4122 UUID version 5 (SHA-1, name-based).
 *
 * name = JSON `["id", resourceType, system, value]` for a business identifier (system = the
 * assigning authority resolved to a URI, else `ns:<namespace id>`, else ''), so two resources
 * sharing an identifier value but differing in type or authority get different ids, while a
 * re-delivery of the same message produces the same ids (PUT upserts). JSON keeps the parts
 * unambiguous (no `a|b`+`c` = `a`+`b|c` collisions). Without an identifier the name is the
 * clinical facts that identify the resource (factsId), and only where nothing does, an ordinal
 * scoped to the message: `["ordinal", resourceType, "<sender>|<facility>|<MSH-10>", n]`.
 */
import { createHash } from 'node:crypto';

/** hig's UUID v5 namespace (= uuidV5('https://hig.example/fhir-ids', RFC 4122 URL namespace)); fixed forever. */
export const HIG_ID_NAMESPACE = '3bc45b41-c585-58e2-80d8-1a634035fb06';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** RFC 4122 §4.3 name-based UUID using SHA-1 (version 5). */
const DEFAULT_NAMESPACE_BYTES = uuidBytes(HIG_ID_NAMESPACE);

export function uuidV5(name: string, namespace: string = HIG_ID_NAMESPACE): string {
  const ns = namespace === HIG_ID_NAMESPACE ? DEFAULT_NAMESPACE_BYTES : uuidBytes(namespace);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Practitioners, organizations and locations recur in every message of a feed: remember their ids. */
const recent = new Map<string, string>();
const RECENT_MAX = 20_000;

export function identifierId(resourceType: string, system: string | undefined, value: string): string {
  const name = JSON.stringify(['id', resourceType, system ?? '', value]);
  let id = recent.get(name);
  if (id === undefined) {
    if (recent.size >= RECENT_MAX) recent.clear();
    id = uuidV5(name);
    recent.set(name, id);
  }
  return id;
}

/**
 * Id from the clinical facts that identify a resource without a business identifier of its own
 * (docs/mapping.md "Resource identity"): name = JSON `["facts", resourceType, ...facts]`, e.g. an
 * Observation's `[<its report's id>, "http://loinc.org|2345-7", "1"]` (report + OBX-3 + OBX-4).
 */
export function factsId(resourceType: string, facts: readonly unknown[]): string {
  return uuidV5(JSON.stringify(['facts', resourceType, ...facts]));
}

/**
 * Id scoped to one message: for what nothing identifies beyond the message that carried it (the
 * MessageHeader and Provenance describe the message itself). A re-delivery of the same message
 * (same MSH-3/4/10) gives the same ids; another message gives new ones.
 */
export function ordinalId(resourceType: string, messageScope: string, ordinal: number): string {
  return uuidV5(JSON.stringify(['ordinal', resourceType, messageScope, ordinal]));
}
