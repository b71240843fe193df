/**
 * One conversion's state: the parsed message, the resources made so far (deduplicated by
 * deterministic id) and which fields each segment mapper read, for the unmapped-field report.
 */
import { type Message, type Repetition, type Segment, fieldValues } from '../hl7/message.js';
import type { DatatypeContext } from './datatypes/context.js';
import { hasValue, val } from './datatypes/primitive.js';
import { toDate, toDateTime, toInstant } from './datatypes/time.js';
import { authorityKey } from './datatypes/identifier.js';
import { organizationFromHd } from './entities.js';
import { identifierId, ordinalId } from './ids.js';
import type { Json, Reference, Resource } from './types.js';

/** Field access on one segment that remembers which fields were read. */
export class SegmentReader {
  readonly used = new Set<number>();
  /** Fields (`7`, `17.2`) whose value was read but could not be converted (e.g. an invalid date). */
  readonly invalid = new Set<string>();
  /** Split values per field: mappers often read the same field more than once. */
  private readonly cache = new Map<number, Repetition[]>();
  constructor(
    readonly msg: Message,
    readonly segment: Segment,
    /** 0-based position in the message, for report locations. */
    readonly index: number,
    /** The channel's zone for times without offset. */
    readonly timezone: string = 'UTC',
  ) {}

  get name(): string {
    return this.segment.name;
  }

  /** All repetitions of field n. */
  reps(n: number): Repetition[] {
    this.used.add(n);
    let values = this.cache.get(n);
    if (values === undefined) {
      values = fieldValues(this.msg, this.segment, n).filter(hasValue);
      this.cache.set(n, values);
    }
    return values;
  }

  /** First repetition of field n, when valued. */
  rep(n: number): Repetition | undefined {
    return this.reps(n)[0];
  }

  /** Leaf n.c.s of the first repetition. */
  str(n: number, c = 1, s = 1): string | undefined {
    return val(this.rep(n), c, s);
  }

  private converted<T>(n: number, c: number, convert: (raw: string) => T | undefined): T | undefined {
    const raw = this.str(n, c);
    if (raw === undefined) return undefined;
    const v = convert(raw);
    if (v === undefined) this.invalid.add(c === 1 ? `${n}` : `${n}.${c}`);
    return v;
  }

  /** Field n (component c) as a FHIR dateTime; an unreadable value is remembered for the report. */
  dateTime(n: number, c = 1): string | undefined {
    return this.converted(n, c, (raw) => toDateTime(raw, this.timezone));
  }

  date(n: number, c = 1): string | undefined {
    return this.converted(n, c, toDate);
  }

  instant(n: number, c = 1): string | undefined {
    return this.converted(n, c, (raw) => toInstant(raw, this.timezone));
  }
}

export class Conversion implements DatatypeContext {
  readonly resources = new Map<string, Resource>();
  readonly readers: SegmentReader[] = [];
  private readonly ordinals = new Map<string, number>();

  constructor(
    readonly msg: Message,
    readonly timezone: string,
    readonly namespaceMap: Readonly<Record<string, string>>,
    /** sender + control id: scopes ordinal ids to this message. */
    readonly messageScope: string,
  ) {}

  /** Assigning authorities become Organizations (IG: CX.4 → assigner(Organization)). */
  readonly assigner = (hd: Repetition): Json | undefined => organizationFromHd(this, hd) as Json | undefined;

  reader(segment: Segment, index: number): SegmentReader {
    const r = new SegmentReader(this.msg, segment, index, this.timezone);
    this.readers.push(r);
    return r;
  }

  /**
   * Adds a resource, giving it a deterministic id from its first business identifier (or an
   * ordinal). A resource whose id already exists is merged into the existing one (first value
   * wins per element), so a practitioner named in five fields is one entry.
   */
  add(resource: Resource, key?: Json | string, mode: 'merge' | 'distinct' = 'merge'): Resource {
    const type = resource.resourceType;
    let id: string;
    if (typeof key === 'string') id = identifierId(type, 'name', key);
    else if (key !== undefined && typeof key.value === 'string') {
      const authority = authorityKey(key);
      id = identifierId(type, authority, key.value);
      // events (observations…) that reuse an identifier inside one message stay separate: the
      // n-th repeat gets `value#n`, still deterministic across re-deliveries
      for (let n = 2; mode === 'distinct' && this.resources.has(`${type}/${id}`); n++) id = identifierId(type, authority, `${key.value}#${n}`);
    } else {
      const n = (this.ordinals.get(type) ?? 0) + 1;
      this.ordinals.set(type, n);
      id = ordinalId(type, this.messageScope, n);
    }
    const existing = this.resources.get(`${type}/${id}`);
    if (existing !== undefined) {
      for (const [k, v] of Object.entries(resource)) if (existing[k] === undefined && !choiceTaken(existing, k)) existing[k] = v;
      return existing;
    }
    const withId: Resource = { resourceType: type, id, ...withoutType(resource) };
    this.resources.set(`${type}/${id}`, withId);
    return withId;
  }

  ref(resource: Resource, display?: string): Reference {
    const r: Reference = { reference: `urn:uuid:${resource.id ?? ''}` };
    if (display !== undefined) r.display = display;
    return r;
  }
}

/** Choice elements the mappers write (`deceased[x]` …): a merge must not add a second type. */
const CHOICE_BASES = ['deceased', 'multipleBirth', 'value', 'effective', 'occurrence', 'onset', 'abatement', 'performed', 'medication', 'collected'];

function choiceTaken(target: Json, key: string): boolean {
  const base = CHOICE_BASES.find((b) => key.startsWith(b) && /^[A-Z]/.test(key.slice(b.length)));
  return base !== undefined && Object.keys(target).some((k) => k !== key && k.startsWith(base) && /^[A-Z]/.test(k.slice(base.length)));
}

function withoutType(resource: Resource): Json {
  const { resourceType: _t, id: _i, ...rest } = resource;
  return rest;
}

/** Appends to an array element, creating it on first use. */
export function push(target: Json, element: string, ...items: unknown[]): void {
  const values = items.filter((x) => x !== undefined);
  if (values.length === 0) return;
  const arr = target[element];
  if (Array.isArray(arr)) arr.push(...values);
  else target[element] = values;
}

/** Sets an element only when the value is defined and the element is not set yet. */
export function set(target: Json, element: string, value: unknown): void {
  if (value !== undefined && target[element] === undefined) target[element] = value;
}
