/**
 * One conversion's state: the parsed message, the resources made so far (deduplicated by
 * deterministic id) and which fields each segment mapper read, for the unmapped-field report.
 */
import { PermanentError } from '../errors.js';
import { type Message, type Repetition, type Segment, repetitions, splitRepetition } from '../hl7/message.js';
import type { DatatypeContext } from './datatypes/context.js';
import { fieldType, scrubRepetition, unsafe } from './characters.js';
import { pastDatatype } from './past-datatype.js';
import { hasValue, val, yesNo } from './datatypes/primitive.js';
import { earliestReadingOf, endBeforeStart, latestReadingOf, type NotAfter, type NotAfterOf, notAfterOf, type NotBefore, type NotBeforeOf, notBeforeOf, parseDtm, placedSentZone, readAsPair, SENT_FIELD, type TimeDoubt, type Zone, toDate, toDateTime, toInstant } from './datatypes/time.js';
import { authorityKey } from './datatypes/identifier.js';
import { leftOutWhenImpossible, statedPrecision, yearZero } from './datatypes/impossible-date.js';
import { DEFAULT_EXTENSION_SETTINGS, type ExtensionSettings } from './datatypes/unnamed-extension.js';
import { factsId, identifierId, ordinalId } from './ids.js';
import type { FactsKey, IdentityKey, Json, Reference, Resource } from './types.js';
import type { HeldLocations, OrderEventChange } from './patch.js';

/** A real date the target type cannot hold (an instant needs a day): left out, not refused. */
const COARSE = Symbol('coarse');
/** A quick test of a raw field for C0 controls (characters.ts decides what they mean). */
const UNSAFE = /[\x00-\x1f]/;
/** CWE.1–CWE.13 have IG rows that map them; CWE.14–CWE.22 do not. */
const CWE_IG_COMPONENTS = 13;
/** CWE.1–CWE.22: the datatype's own components (v2.9). */
const CWE_COMPONENTS = 22;

/** NOT_AFTER's name for the message's own MSH-7 (the time the message was sent). */
const SENT = 'MSH-7';
/**
 * NOT_AFTER's MSH-7 for a segment that reports a result only (SegmentReader.reportsResult; code review 38 CR38-1): a
 * result's draw is done by the time its message is sent, an order's OBR-7 may name a timed draw ahead of it. Not read
 * the other way (orderedBefore matches SENT only): MSH-7's placement is not decided by it.
 */
const SENT_IF_RESULT = 'MSH-7 of a result';

/**
 * [hig time-zone rule, "the ordering rule" (docs/mapping.md); review 44 R44-W1, review 47 R47-W1, review 48 R48-W1/W2;
 * datatypes/time.ts orderedReading] The later times a bare time of a field (`7`; `17` for SPM-17.1, `17.2`) may not
 * be after: a later field of the same segment (a specimen is not collected after its result was reported, OBR-22
 * for OBR-7/8/14; analysed, OBX-19 for OBX-14; received, SPM-18 for SPM-17; a dose is not given after it was
 * entered, RXA-22 for RXA-3/4) or `MSH-7`, the message's own time: what a message reports as done (a result
 * reported, analysed, received; a dose given; a transaction made) happened by the time it was sent. Only these:
 * each is a fact of v2's own definitions. A later field valued without a reading of its own (bare in the same hour)
 * bounds by the latest reading its own bounds leave (notAfterTime; review 50 R50-W1), MSH-7 only when they leave
 * none; a later field is a done thing, so it is itself never after MSH-7 (each has SENT here; where its own bounds
 * are none at all, notAfterTime holds it to MSH-7: code review 32 CR32-4, OBR-14 without OBR-22 read in its later
 * pass, after the message). OBR-7/8 are not after OBR-14 (collected before received). An OBX-14, an SPM-17 and an SPM-18 are also held
 * against their OBR's OBR-22 (obx.ts, spm.ts, by `readNotAfter`). Read only for a bare time in an hour its
 * zone skips or repeats. Not here, because a message may name them ahead of itself: OBR-6/7 of an order (a
 * timed draw), TQ1, ORC-7/15, PV1-44/45 (a pre-admission), EVN-3, SCH/AI* times. The same relations read the
 * other way (notBefore, orderedBefore; review 69 R69-W1): a bare time in a repeated hour is not before the fields
 * held here not after it.
 */
const NOT_AFTER: Readonly<Record<string, Readonly<Record<string, readonly (number | typeof SENT | typeof SENT_IF_RESULT)[]>>>> = {
  // OBR-14 ≤ MSH-7 too: a result or OML without OBR-22 (conditional in v2.5.1) left a bare receipt unbounded (CR32-4)
  OBR: { '7': [14, 22, SENT_IF_RESULT], '8': [14, 22, SENT_IF_RESULT], '14': [22, SENT], '22': [SENT] },
  // OBX-14 ≤ MSH-7 too: an observation a message reports was made by the time it was sent; a VXU's dose OBX has no OBR-22
  // to be held against (review 52 R52-W1: a bare 01:15 in the repeated hour read in its later pass, after its message)
  OBX: { '14': [19, SENT], '19': [SENT] },
  SPM: { '17': [18], '17.2': [18], '18': [SENT] },
  RXA: { '3': [22, SENT], '4': [22, SENT], '22': [SENT] },
  // a dispense a message reports was made by the time it was sent (review 55 R55-W1: a bare 01:50 in the repeated
  // hour read in the later pass, 40 minutes after its RDS)
  RXD: { '3': [SENT] },
  ORC: { '9': [SENT] },
  EVN: { '2': [SENT], '6': [SENT] },
};

/**
 * [hig ordering rule, review 69 R69-W1] The fields of segment `name` that NOT_AFTER holds not after `field` (`22` →
 * OBR-7, OBR-8, OBR-14): the same relations read the other way, no others. `MSH-7` (SENT): every field held not after
 * the message, of any segment (see SegmentReader.notBefore).
 */
function orderedBefore(name: string, field: string): string[] {
  return Object.entries(NOT_AFTER[name] ?? {}).filter(([, later]) => later.some((l) => `${l}` === field)).map(([lower]) => lower);
}

/** Field access on one segment that remembers which fields were read. */
export class SegmentReader {
  readonly used = new Set<number>();
  /** Times of other segments a field's bare time may not be after (readNotAfter), by field label. */
  private readonly laterElsewhere = new Map<string, NotAfterOf>();
  /** Split values per field (index = field number): mappers often read the same field more than once. */
  private readonly cache: (Repetition[] | undefined)[] = [];
  constructor(
    readonly msg: Message,
    readonly segment: Segment,
    /** 0-based position in the message, for report locations. */
    readonly index: number,
    /** The zone for times without offset (datatypes/time.ts senderZone). */
    readonly timezone: Zone = 'UTC',
    /** Where a located report line goes (the conversion's report, once per line). */
    private readonly report: (line: string) => void = () => undefined,
    /** Told each time value in an hour its zone repeats or skips that nothing in the message proves (TimeDoubt `guessed`). */
    private readonly guessed: (value: string) => void = () => undefined,
  ) {}

  get name(): string {
    return this.segment.name;
  }

  /** All repetitions of field n. */
  reps(n: number): Repetition[] {
    this.used.add(n);
    const cached = this.cache[n];
    if (cached !== undefined) return cached;
    // fieldValues(…).filter(hasValue) as one loop: no intermediate arrays for every field read
    const values: Repetition[] = [];
    const escape = this.msg.delimiters.escape;
    let past: Set<string> | undefined;
    for (const raw of repetitions(this.msg, this.segment, n)) {
      const escaped = escape !== '' && raw.indexOf(escape) >= 0;
      let rep = escaped ? splitRepetition(this.msg, raw, () => this.reportUndecodable(n)) : splitRepetition(this.msg, raw);
      // the raw text has the control characters, or an escape (`\X01\`) may make one
      if ((UNSAFE.test(raw) || escaped) && unsafe(rep)) rep = this.scrub(n, rep);
      if (rep.length > CWE_IG_COMPONENTS) this.reportBeyondIg(n, rep);
      if (!this.asSent.has(n) && (rep.length > 1 || (rep[0]?.length ?? 0) > 1)) for (const p of pastDatatype(rep, this.typeOf(n), `${this.name}-${n}`)) (past ??= new Set()).add(p);
      if (hasValue(rep)) values.push(rep);
    }
    if (past !== undefined) this.reportPastDatatype(n, past);
    this.cache[n] = values;
    return values;
  }

  /** Fields read as sent by textAsSent: their `^` and `&` are the sender's text, no components past a datatype. */
  private readonly asSent = new Set<number>();

  /**
   * Field n's repetitions as one text each, `^` and `&` kept as sent (NTE-3, a document's OBX-5 lines: a sender's
   * text may hold them unescaped, and each is part of what was written).
   */
  textAsSent(n: number): string[] {
    if (this.cache[n] === undefined) this.asSent.add(n);
    return this.reps(n).map((r) => r.map((c) => c.join('&')).join('^'));
  }

  /**
   * [hig rule, review 64 R64-N2; v2.5.1 2.A] Components or subcomponents valued past the field's own datatype
   * (past-datatype.ts): no mapping reads them, so one line per field names their positions, never the values.
   */
  private reportPastDatatype(n: number, past: ReadonlySet<string>): void {
    this.report(`${this.name}-${n} (segment ${this.index + 1}): ${[...past].join(', ')} valued past the components of its v2 datatype (${this.typeOf(n) ?? ''}); valued but not mapped`);
  }

  /** The datatype of field n (characters.ts fieldType; OBX-5's from OBX-2). */
  private typeOf(n: number): string | undefined {
    const obx2 = this.segment.name === 'OBX' && n === 5 ? (this.segment.fields[2] ?? '').split(this.msg.delimiters.component)[0] : undefined;
    return fieldType(this.segment.name, n, obx2);
  }

  /**
   * [hig bad-characters rule, docs/mapping.md "Bad characters"] A repetition with characters FHIR
   * cannot carry, as the mapping may read it (characters.ts): free text cleaned, identifying and
   * coded values left out, each said once per field, never the value.
   */
  private scrub(n: number, rep: Repetition): Repetition {
    const done = scrubRepetition(rep, this.typeOf(n));
    const at = `${this.name}-${n} (segment ${this.index + 1})`;
    if (done.cleaned.length > 0) this.report(`${at}: control characters FHIR cannot carry removed from free text (${done.cleaned.join(', ')}); the rest of the text kept`);
    if (done.omitted.length > 0) this.report(`${at}: ${done.omitted.join(', ')} held control characters FHIR cannot carry; left out, not altered (an identifier, code, date or number changed by a character could name another record); not converted`);
    return done.rep;
  }

  /**
   * [v2.5.1 2.7.4 `\Xdddd\` hex data in the message's character set; 2.15.9.18 MSH-18 empty: ASCII]
   * An escape whose bytes are no text in that set (`\XB0\` with MSH-18 empty: hig reads an empty
   * MSH-18 as UTF-8, where a lone 0xB0 is none) is U+FFFD in the value (hl7/charset.ts decodeBytes),
   * never a guessed character; one line per field says so, never the value (review 32 R32-L2).
   */
  private reportUndecodable(n: number): void {
    this.report(`${this.name}-${n} (segment ${this.index + 1}): a \\X..\\ hex escape holds bytes that are no character in the message's character set (MSH-18; empty reads as UTF-8, whose ASCII part is v2's default); U+FFFD written in their place`);
  }

  /**
   * [IG CWE[CodeableConcept] #14–#22: no FHIR target] The OIDs and value-set ids of a CWE/CNE
   * (components 14–22) are read with the field and would vanish silently: one line per field.
   */
  private reportBeyondIg(n: number, rep: Repetition): void {
    const type = this.typeOf(n);
    if (type !== 'CWE' && type !== 'CNE' && type !== 'CF') return;
    const valued: string[] = [];
    // past CWE.22 is past the datatype itself (reportPastDatatype)
    for (let c = CWE_IG_COMPONENTS + 1; c <= Math.min(rep.length, CWE_COMPONENTS); c++) if (val(rep, c) !== undefined) valued.push(`${type}.${c}`);
    if (valued.length > 0) this.report(`${this.name}-${n} (segment ${this.index + 1}): ${valued.join(', ')} (coding system and value set OIDs and versions) have no target in the IG's CWE map; not converted`);
  }

  /**
   * The field a repetition this reader split came from, found in the cache at report time: a record
   * per repetition on the hot path (a WeakMap of origins) cost 40 % of conversion throughput in
   * bench/convert, for the rare report that needs it.
   */
  fieldOf(rep: Repetition): number | undefined {
    for (let n = 0; n < this.cache.length; n++) if (this.cache[n]?.includes(rep) || this.asXcn[n]?.includes(rep)) return n;
    return undefined;
  }

  /** Field n's repetitions as ppnAsXcn reads them (kept so a report about one is located at field n). */
  private readonly asXcn: (Repetition[] | undefined)[] = [];

  /**
   * [v2.5.1 2.A.55 PPN; review 61 R61-N1] The repetitions of a PPN field (TXA-22) as the XCN each is: PPN.1–14 are
   * XCN.1–14, PPN.15 is the date/time the action was performed (no XCN component: its reader reads it by
   * `reps(n)`), PPN.16–24 are XCN.15–23. Read whole as an XCN, PPN.15's time was XCN.15, a name representation
   * code of table 0465, and reported as an invalid one.
   */
  ppnAsXcn(n: number): Repetition[] {
    const done = this.asXcn[n];
    if (done !== undefined) return done;
    const reps = this.reps(n).map((r) => [...r.slice(0, 14), ...r.slice(15)]);
    this.asXcn[n] = reps;
    return reps;
  }

  /** First repetition of field n, when valued. */
  rep(n: number): Repetition | undefined {
    return this.reps(n)[0];
  }

  /** Leaf n.c.s of the first repetition. */
  str(n: number, c = 1, s = 1): string | undefined {
    return val(this.rep(n), c, s);
  }

  private converted<T>(n: number, c: number, convert: (raw: string, doubt: TimeDoubt, later: NotAfterOf | undefined, earlier: NotBeforeOf | undefined) => T | typeof COARSE | undefined): T | undefined {
    const raw = this.str(n, c);
    if (raw === undefined) return undefined;
    const field = c === 1 ? `${n}` : `${n}.${c}`;
    const report = this.timeDoubt(field);
    let guessed = false;
    const v = convert(raw, (why, guess) => {
      guessed ||= guess === true;
      report(why);
    }, this.notAfter(field), this.notBefore(field));
    if (v === undefined) return this.impossibleDate(field, raw, (r) => convert(r, report, undefined, undefined));
    if (guessed && typeof v === 'string') this.guessed(v);
    return v === COARSE ? undefined : v;
  }

  /**
   * A value of field `field` that is no date [hig impossible-date rule, datatypes/impossible-date.ts; review 57 R57-R1]:
   * in an optional date no identity reads, day 00 is read at the precision it states and anything else is left out,
   * each with a located line (never the value); a year 0000, or any other field, refuses the message (rejectDate).
   */
  private impossibleDate<T>(field: string, raw: string, convert: (raw: string) => T | typeof COARSE | undefined): T | undefined {
    if (!leftOutWhenImpossible(this.name, field) || yearZero(raw)) this.rejectDate(field);
    const at = `${this.name}-${field} (segment ${this.index + 1})`;
    const coarser = statedPrecision(raw);
    const read = coarser === undefined ? undefined : convert(coarser);
    if (read !== undefined && read !== COARSE) {
      this.report(`${at}: a date with day 00 (the day unknown) read at the precision it states, without the day`);
      return read;
    }
    this.report(`${at}: not a valid date/time, in an optional date no identity reads: left out; not converted`);
    return undefined;
  }

  /**
   * Field n (component c) as a time a bare time of another field may not be after (datatypes/time.ts NotAfter),
   * made when asked: its instant when it has a time of day and one reading, else none. Reading it does not
   * count the field as mapped (the unmapped-field report is the field's own mapper's).
   */
  notAfterTime(n: number, c = 1): NotAfterOf {
    return () => {
      const had = this.used.has(n);
      const raw = this.str(n, c);
      if (!had) this.used.delete(n);
      const label = c === 1 ? `${n}` : `${n}.${c}`;
      const field = `${this.name}-${label} (segment ${this.index + 1})`;
      const t = notAfterOf(raw, this.timezone, field);
      if (t !== undefined) return [t];
      // [review 50 R50-W1] a later field valued with a time of day but no reading of its own (bare in the same hour)
      // is read by the ordering rule against its own bounds: the latest reading they leave (SPM-18 01:50 in a message
      // sent at 01:32Z: 00:50Z only) bounds what precedes it. [review 47 R47-W1, review 48 R48-W2] it is still a done
      // thing the message reports: when its bounds leave no reading, not after MSH-7, so neither is what precedes it
      const latest = latestReadingOf(raw, this.timezone, field, this.doneBounds(label));
      if (latest !== undefined) return [latest];
      const p = parseDtm(raw);
      return p?.day !== undefined && p.hour !== undefined ? this.sentTime() : [];
    };
  }

  /**
   * The message's own MSH-7 as a NotAfter time (the ordering rule's `MSH-7`): the end of the interval its offset and
   * precision state (senderZone's `sentUntil`; CR31-3), else a bare MSH-7's one reading in the zone; none for a date without a time or a bare MSH-7 in an hour
   * its zone skips or repeats.
   */
  private sentTime(): NotAfter[] {
    const field = SENT_FIELD;
    if (typeof this.timezone !== 'string') return [{ at: this.timezone.sentUntil, field }];
    const msh = this.msg.segments[0];
    if (msh === undefined || msh.name !== 'MSH') return [];
    const t = notAfterOf(new SegmentReader(this.msg, msh, 0, this.timezone).str(7), this.timezone, field);
    return t === undefined ? [] : [t];
  }

  /**
   * The bounds of a later field read as a bound (notAfterTime): its own, else MSH-7 (a done thing the message reports
   * is not after the message; CR32-4: a bound without bounds was read in its later pass).
   */
  private doneBounds(label: string): NotAfterOf {
    const own = this.notAfter(label);
    return () => {
      const times = own?.() ?? [];
      return times.length > 0 ? times : this.sentTime();
    };
  }

  /**
   * [hig ordering rule, review 69 R69-W1] The times a bare time of `field` may not be before: the earliest reading of
   * each field NOT_AFTER holds not after it (orderedBefore; for MSH-7 those of every segment of the message);
   * undefined when none. Gap: the other-segment relations of readNotAfter (an OBX-14, SPM-17/18 before their OBR's
   * OBR-22; an OBR-7/8 before its group's SPM-18, collection-receipt.ts) are not read this way: OBR-22 is read before
   * its OBX and SPM segments are.
   */
  notBefore(field: string): NotBeforeOf | undefined {
    if (this.name === 'MSH' && field === '7') return () => this.msg.segments.slice(1).flatMap((seg, i) => orderedBefore(seg.name, SENT).flatMap((lower) => new SegmentReader(this.msg, seg, i + 1, this.timezone).earliestTime(lower)()));
    const lowers = orderedBefore(this.name, field);
    return lowers.length === 0 ? undefined : () => lowers.flatMap((lower) => this.earliestTime(lower)());
  }

  /**
   * Field `label` (`7`, `17.2`) as a time a bare time of another field may not be before: its first instant when it
   * has one reading, else the earliest reading its own NotBefore times leave (earliestReadingOf), else none. Reading
   * it does not count the field as mapped.
   */
  private earliestTime(label: string): NotBeforeOf {
    return () => {
      const [n = 0, c = 1] = label.split('.').map(Number);
      const had = this.used.has(n);
      const raw = this.str(n, c);
      if (!had) this.used.delete(n);
      const field = `${this.name}-${label} (segment ${this.index + 1})`;
      const t: NotBefore | undefined = notBeforeOf(raw, this.timezone, field) ?? earliestReadingOf(raw, this.timezone, field, this.notBefore(label));
      return t === undefined ? [] : [t];
    };
  }

  /** Holds field n's bare time against `later` too (a time of another segment: an OBX-14 against its OBR's OBR-22). */
  readNotAfter(n: number, later: NotAfterOf): void {
    this.laterElsewhere.set(`${n}`, later);
  }

  /** The times a bare time of `field` (`7`, `17.2`) may not be after: NOT_AFTER's and readNotAfter's; undefined when none. */
  private notAfter(field: string): NotAfterOf | undefined {
    const own = NOT_AFTER[this.name]?.[field];
    const elsewhere = this.laterElsewhere.get(field);
    if (own === undefined && elsewhere === undefined) return undefined;
    return () => {
      const times: NotAfter[] = [];
      for (const n of own ?? []) {
        if (n === SENT || (n === SENT_IF_RESULT && this.reportsResult())) times.push(...this.sentTime());
        else if (typeof n === 'number') times.push(...this.notAfterTime(n)());
      }
      if (elsewhere !== undefined) times.push(...elsewhere());
      return times;
    };
  }

  /**
   * [hig ordering rule; code review 38 CR38-1] An OBR of a result message (ORU, OUL) or stating a result status
   * (OBR-25) reports a result, so its draw (OBR-7/8) is a done thing, not after the message (NOT_AFTER leaves OBR-7
   * unbounded by MSH-7 because an order may name a timed draw ahead of itself). Read raw: asking does not count
   * OBR-25 or MSH-9 as mapped.
   */
  private reportsResult(): boolean {
    const status = (this.segment.fields[25] ?? '').trim();
    if (status !== '' && status !== '""') return true;
    const type = (this.msg.segments[0]?.fields[9] ?? '').split(this.msg.delimiters.component)[0]?.trim();
    return type === 'ORU' || type === 'OUL';
  }

  /**
   * [hig time-zone rule] Where a time without offset that its zone holds twice or skips is reported
   * (datatypes/time.ts offsetFor): at `field` (`EVN-2`, `NDL.2` of ORC-12 as `12`), once, never the value.
   */
  timeDoubt(field: string): TimeDoubt {
    return (why) => {
      if (why !== undefined) this.report(`${this.name}-${field} (segment ${this.index + 1}): ${why}`);
    };
  }

  /**
   * A date/time field that holds no real date (year 0000, month 13, `04/24/2007`) refuses the
   * message with its location, never its value: passing it on or dropping it silently would file
   * a wrong or missing date in the patient's record.
   */
  rejectDate(field: string, detail = ''): never {
    throw new PermanentError('INVALID_DATE', `${this.name}-${field}${detail} (segment ${this.index + 1}) is not a valid date/time`);
  }

  /**
   * A Period from fields (or components) `start` and `end`, e.g. IN1-12/IN1-13, refusing what is no
   * date: the pair rule and an end before its start as `span` (reported, left out).
   */
  period(start: [n: number, c?: number], end: [n: number, c?: number]): { start?: string; end?: string } | undefined {
    const p = this.span(start, end);
    return p.start === undefined && p.end === undefined ? undefined : p;
  }

  /**
   * Fields (or components) `start` and `end` read as one span of time [hig time-zone rule, "Hours a zone
   * repeats", the pair rule: datatypes/time.ts readAsPair, review 41 R41-W1]: two bare times in an hour
   * the zone repeats are read together, so a start/end pair the single readings would reverse gets the one
   * reading with start ≤ end, reported at the field moved. The pair may still be reversed (the sender's
   * error): callers that keep it for their own rule (an Appointment's requested period, TQ1's bounds)
   * read this; the rest read `span`. A value that is no date refuses the message, as dateTime.
   */
  pairedTimes(start: [n: number, c?: number], end: [n: number, c?: number]): { start?: string; end?: string } {
    const label = ([n, c = 1]: [number, number?]) => (c === 1 ? `${n}` : `${n}.${c}`);
    const [sf, ef] = [label(start), label(end)];
    const [rawS, rawE] = [this.str(start[0], start[1]), this.str(end[0], end[1])];
    const guessed = { start: false, end: false };
    const doubt = (which: 'start' | 'end', field: string): TimeDoubt => {
      const report = this.timeDoubt(field);
      return (why, guess) => {
        guessed[which] ||= guess === true;
        report(why);
      };
    };
    const p = readAsPair(rawS, rawE, this.timezone, { start: doubt('start', sf), end: doubt('end', ef) }, (which, why) => this.timeDoubt(which === 'start' ? sf : ef)(why), { start: this.notAfter(sf), end: this.notAfter(ef) });
    if (rawS !== undefined && p.start === undefined) this.rejectDate(sf);
    if (rawE !== undefined && p.end === undefined) this.rejectDate(ef);
    if (guessed.start && p.start !== undefined) this.guessed(p.start);
    if (guessed.end && p.end !== undefined) this.guessed(p.end);
    return p;
  }

  /**
   * `pairedTimes`, and an end still before its start left out with a located report line, the start
   * kept [FHIR R4 Period per-1: start ≤ end; review 41 R41-W1 (b): RXA-4 was dropped without a line].
   * `element` names where the span goes, for the line. Never the value.
   */
  span(start: [n: number, c?: number], end: [n: number, c?: number], element = 'the period'): { start?: string; end?: string } {
    const p = this.pairedTimes(start, end);
    if (p.start !== undefined && p.end !== undefined && endBeforeStart(p.start, p.end)) {
      const label = ([n, c = 1]: [number, number?]) => (c === 1 ? `${n}` : `${n}.${c}`);
      this.report(`${this.name}-${label(end)} (segment ${this.index + 1}): an end before its start (${this.name}-${label(start)}), which a FHIR Period cannot hold (per-1: start ≤ end): ${element} keeps the start only; not converted`);
      return { start: p.start };
    }
    return p;
  }

  /** Field n (component c) as a FHIR dateTime; an unreadable value is remembered for the report. */
  dateTime(n: number, c = 1): string | undefined {
    return this.converted(n, c, (raw, doubt, later, earlier) => toDateTime(raw, this.timezone, doubt, later, earlier));
  }

  date(n: number, c = 1): string | undefined {
    return this.converted(n, c, toDate);
  }

  /**
   * Field n (component c) as a FHIR instant, for an element FHIR lets be absent (`element` names it
   * for the report). [FHIR R4 instant: "an instant in time … known at least to the second"; IG
   * TXA[DocumentReference] #6: TXA-6 → date "If time is included"; issue 14: a date-only stays a date]
   * A date without a time of day (`20270128`) is no instant: left out, with a located report line,
   * never padded to a midnight nobody sent (east of Greenwich that midnight is the previous day in UTC,
   * so the scan of 28 Jan showed on 27 Jan: review 36 R36-W1). A real date coarser than a day (`2024`,
   * `202403`) is left out too and the field stays unread for the report; only a value that is no date
   * refuses the message. An element FHIR requires (Provenance.recorded 1..1) reads requiredInstant.
   */
  instant(n: number, c: number, element: string): string | undefined {
    return this.instantOf(n, c, element);
  }

  /**
   * Field n (component c) as a FHIR instant for an element FHIR requires (Provenance.recorded 1..1;
   * Appointment.start/end, which invariant app-3 requires unless the appointment is proposed,
   * cancelled or waitlisted), whose IG row sets no condition on the time: a date without a time of
   * day becomes midnight in the sender's zone, the documented padding (docs/mapping.md "Time-zone
   * rule"), because leaving it out would leave the resource invalid. Coarser than a day: as instant.
   */
  requiredInstant(n: number, c = 1): string | undefined {
    return this.instantOf(n, c, undefined);
  }

  private instantOf(n: number, c: number, strict: string | undefined): string | undefined {
    return this.converted(n, c, (raw, doubt, later, earlier) => {
      const t = parseDtm(raw);
      if (t === undefined) return undefined;
      if (strict !== undefined && t.day !== undefined && t.hour === undefined) {
        this.report(`${this.name}-${c === 1 ? n : `${n}.${c}`} (segment ${this.index + 1}): a date without a time of day cannot be an instant (${strict}, which FHIR R4 requires to the second); not converted`);
        return COARSE;
      }
      const v = toInstant(raw, this.timezone, doubt, later, earlier);
      if (v === undefined) {
        this.used.delete(n);
        return COARSE;
      }
      return v;
    });
  }
}


/**
 * [hig ordering rule, review 69 R69-W1; IG MSH[Bundle] #7] The conversion's zone with a bare MSH-7's pass placed by
 * what the message reports as done (datatypes/time.ts placedSentZone): a message is not sent before a report it
 * carries. Unchanged for an MSH-7 with an offset, or one the message leaves ambiguous.
 */
export function placeSentPass(msg: Message, zone: Zone): Zone {
  const msh = msg.segments[0];
  if (typeof zone !== 'string' || msh?.name !== 'MSH') return zone;
  const reader = new SegmentReader(msg, msh, 0, zone);
  return placedSentZone(reader.str(7), zone, reader.notBefore('7') ?? (() => []));
}
/**
 * A fact a converter module keeps between the segments of one conversion (scheduling.ts's
 * appointment times and requests, spm.ts's pending parents), read through Conversion.state: the
 * key is a module constant that holds nothing, the value lives and dies with its Conversion, so no
 * converter module keeps state between conversions (code review 18, CR18-11).
 */
export class StateKey<T> {
  constructor(
    /** What the value is, for a reader of the code. */
    readonly name: string,
    /** The value a conversion starts with, made on first use. */
    readonly create: () => T,
  ) {}
}

function isFacts(key: IdentityKey): key is FactsKey {
  return typeof key === 'object' && Array.isArray((key as { facts?: unknown }).facts);
}

/**
 * A visit an A06/A07's MRG names (admin.ts priorVisit): `number` MRG-5 (typed VN), else MRG-6; `visit` MRG-5 and
 * `alternate` MRG-6 as sent, each when valued; `patient` the PID's.
 */
export interface PriorVisit {
  number: Json;
  visit?: Json | undefined;
  alternate?: Json | undefined;
  patient: Resource;
}

export class Conversion implements DatatypeContext {
  readonly resources = new Map<string, Resource>();
  readonly readers: SegmentReader[] = [];
  /** Resources to delete (A29 delete person, A23 delete visit): `Type/id` → resource. */
  readonly deleted = new Map<string, Resource>();
  /** Conditional-update query per `Type/id` (from the identifying identifier or facts). */
  readonly conditional = new Map<string, string>();
  /**
   * `Type/id` → the elements an order event changes (a lone ORC cancelling, holding… an order placed
   * before: order.ts orderEventRequest): sent as a conditional create and a patch of those elements,
   * searched by `conditional` (patch.ts orderEventEntries); without a search, left out (hl7v2.ts finish).
   */
  readonly events = new Map<string, OrderEventChange>();
  /**
   * `Type/id` → elements whose v2 field was the explicit null `""` [v2.5.1 2.5.3: delete the
   * value]; with `omittedFields: 'keep'` the update removes them (patch.ts), else a full PUT does.
   * A MedicationRequest's are Dosage elements (`dosageInstruction.text`…: patch.ts CLEARED_DOSAGE_TEXT,
   * pharmacy.ts): a changed order's patch carries them to the FHIR destination's merge (code review 26
   * CR26-1); a NW's full PUT has none of them anyway.
   */
  readonly cleared = new Map<string, string[]>();
  /**
   * `Type/id` of the Patients a merge event names as the survivor (admin.ts mapMrg), and both Patients
   * a link event (A24) links (patient-links.ts): found on the server by their search, not PUT by id
   * (patch.ts mergeSurvivorEntries, review 19 R19-I1), so the links they hold stay.
   */
  readonly survivors = new Set<string>();
  /**
   * `Type/id` of the Patient an identifier correction (A47 with an MRG-1 of no record-key domain: admin.ts mapMrg,
   * review 67 R67-W1) names → the incorrect identifiers (MRG-1): its survivor patch deletes them where the server holds
   * them (patch.ts mergeSurvivorFhirPathPatch); its full PUT names them nowhere.
   */
  readonly withdrawn = new Map<string, Json[]>();
  /**
   * `Type/id` of the record a patient merge retires (admin.ts mapMrg) → where the message names it (`MRG-1 (segment
   * n)`): its PUT is marked so the FHIR destination refuses to retire a held Patient of another person (patch.ts
   * retiredRecordMark, destinations/retired-person.ts; review 67 R67-W1).
   */
  readonly retired = new Map<string, string>();
  /**
   * `Type/id` → the search of a resource the message names but does not write: an Encounter a message
   * that is no ADT event names (events.ts namesVisit, patch.ts visitEntries), an Account one that is no
   * ADT or BAR event names (namesAccount, patch.ts accountEntries), the mother RelatedPerson PID-21 alone
   * names (pid.ts mother; an NK1 filling her clears it: nk1.ts; patch.ts namedMotherEntries): created if
   * absent, written over only by what the message states.
   */
  readonly named = new Map<string, string>();
  /**
   * `Type/id` of the named visits a scheduling message books (pv1.ts namedVisit, events.ts books): their create is
   * marked (patch.ts BOOKED_VISIT_EXTENSION), so the FHIR destination puts their booked places on a booking it holds.
   */
  readonly booked = new Set<string>();
  /**
   * `Type/id` of the visits an ADT event writes whole (pv1.ts) → how the FHIR destination keeps the locations it holds
   * that the PUT does not name (patch.ts markedHeldLocations, destinations/held-locations.ts; review 53 R53-L2).
   */
  readonly heldLocations = new Map<string, HeldLocations>();
  /**
   * `Type/id` of the visits an ADT event writes whole (pv1.ts) → `changed` on an A06 / A07, else `held`: the FHIR
   * destination keeps the class history it holds, and the class an A06 / A07 ends (patch.ts markedHeldClass; R57-N3).
   */
  readonly heldClass = new Map<string, 'held' | 'changed'>();
  /**
   * `Type/id` of the RelatedPerson an NK1 saying MTH with identifiers of its own makes in a message without PID-21 →
   * the patient's mother's id (nk1.ts motherReading `candidate`): written at the mother's id by the FHIR destination
   * unless the mother it holds is another person (patch.ts motherCandidateMark, destinations/held-mother.ts; CR30-3).
   */
  readonly motherCandidates = new Map<string, string>();
  /**
   * Of motherCandidates, the RelatedPerson an IN1 alone names (IN1-17 MTH, IN1-49, no NK1 of hers in the message;
   * admin.ts insured; code review 32 CR32-3): she names the mother and does not write her (patch.ts MOTHER_NAMED_EXTENSION).
   */
  readonly motherNamedOnly = new Set<string>();
  /**
   * `Type/id` of the Patients an unlink event (A37) names → the links to remove from each (patient-links.ts):
   * found on the server by their search and patched with those deletes alone (patch.ts unlinkEntries).
   */
  readonly unlinks = new Map<string, Json[]>();
  /**
   * The search of each document a replacement (MDM T09/T10) names by TXA-13 → hig's id of it (patient +
   * TXA-13): its status becomes `superseded` where the server holds it (documents.ts replacedParents,
   * patch.ts supersededParentEntry).
   */
  readonly supersededParents = new Map<string, string>();
  /**
   * The time values read by the rule's default in an hour their zone repeats or skips (datatypes/time.ts TimeDoubt
   * `guessed`: the first pass, placed by no MSH-7; or MSH-7's pass that nothing in the message proves, CR31-5): a PUT that writes one is marked so the FHIR destination keeps the
   * other pass of the same clock time when the server holds it (patch.ts guessedTimeMarks; review 41 R41-N1).
   */
  readonly guessedTimes = new Set<string>();
  /**
   * `Type/id` of a resource the message writes whole → its elements the message does not convey (an immunization
   * update's `recorded`: R52-W3): the PUT is marked so the FHIR destination keeps the values the server holds
   * (patch.ts heldElementsMark, destinations/held-elements.ts).
   */
  readonly heldElements = new Map<string, string[]>();

  /** The element `name` of `resource` is not conveyed by the message: the server's value stays (heldElements). */
  keepHeld(resource: Resource, name: string): void {
    const key = `${resource.resourceType}/${resource.id ?? ''}`;
    const names = this.heldElements.get(key) ?? [];
    if (!names.includes(name)) this.heldElements.set(key, [...names, name]);
  }
  /**
   * The visits an A06/A07's MRG-5 (else MRG-6) names (admin.ts priorVisit), settled once the PV1 is read
   * (hl7v2.ts endedPriorVisits): `number` the prior visit number, `patient` the PID's.
   */
  readonly priorVisits: PriorVisit[] = [];
  /**
   * `Type/id` of the visit an A06/A07 names by MRG-6 alone (pv1.ts classChangedVisit; code review 31 CR31-4) → the
   * search of that number: the stay the server holds under it is patched with the class change (patch.ts
   * stayEntries), not a second Encounter keyed by the alternate id beside it.
   */
  readonly stays = new Map<string, string>();
  /**
   * The search of each prior visit a class change ended (MRG-5 other than the PV1's visit) → hig's id of it
   * and the new visit's start (its end): `finished` where the server holds it open (patch.ts endedVisitEntry).
   */
  readonly endedVisits = new Map<string, { higId: string; end?: string }>();
  /**
   * hig's id of each give (RGV's RXG, an instance-order) an administration's RXA-1 names → the status its
   * administration leaves it (segments/administration.ts endedGive; review 65 R65-N3): set where the server holds it
   * open (patch.ts endedGiveEntry, destinations/held-gives.ts).
   */
  readonly endedGives = new Map<string, string>();

  private readonly states = new Map<StateKey<unknown>, unknown>();

  /** This conversion's value for `key` (see StateKey), made on first use. */
  state<T>(key: StateKey<T>): T {
    if (!this.states.has(key)) this.states.set(key, key.create());
    return this.states.get(key) as T;
  }

  /** Records that `elements` of `resource` were sent as `""` (see `cleared`). */
  clear(resource: Resource, elements: readonly string[]): void {
    if (elements.length === 0) return;
    const key = `${resource.resourceType}/${resource.id ?? ''}`;
    this.cleared.set(key, [...new Set([...(this.cleared.get(key) ?? []), ...elements])]);
  }
  private readonly ordinals = new Map<string, number>();
  /** Highest `#n` given so far per identity key (by its first `Type/id`) in 'distinct' mode: the next search starts past it. */
  private readonly lastRepeat = new Map<string, number>();
  private readonly readerByIndex = new Map<number, SegmentReader>();
  private readonly madeByIndex = new Map<number, Resource[]>();
  /** Segment (0-based message index) whose mapper is running: what `add` makes is recorded for it. */
  mapping: number | undefined;
  /**
   * The Patient the message's first PID made: the IG message maps' Patient[1] (SIU_S12
   * Appointment.participant.actor, ServiceRequest[1..n].subject), whatever PIDs follow. pid.ts
   * sets it once; until code review 18 (CR18-14) it was guessed from `resources`' order.
   */
  firstPatient: Resource | undefined;

  constructor(
    readonly msg: Message,
    /**
     * The zone for times without an offset: MSH-7's offset (`+01:00`) when MSH-7 has one, else
     * the channel's IANA zone (see datatypes/time.ts senderZone).
     */
    readonly timezone: Zone,
    readonly namespaceMap: Readonly<Record<string, string>>,
    /** sender + control id: scopes ordinal ids to this message. */
    readonly messageScope: string,
    /**
     * HD → Organization reference (entities.ts), passed in by the caller so this module does not
     * import the entity builders that themselves build on a Conversion.
     */
    private readonly organizationOf: (cx: Conversion, hd: Repetition) => Reference | undefined,
    /** The channel's hig-defined extensions for `extension??-…` rows (unnamed-extension.ts). */
    readonly extensions: ExtensionSettings = DEFAULT_EXTENSION_SETTINGS,
    /** The channel's `conversion.licenceStates` (licence-issuer.ts): whether DLN.2 may name a US state. */
    readonly licenceStates: 'us' | 'none' = 'us',
    /**
     * The channel's `conversion.reportCategory` (order.ts reportKind): `laboratory` states a result
     * report without OBR-24 a lab report; `message` only when the message shows it is one.
     */
    readonly reportCategory: 'message' | 'laboratory' = 'message',
    /**
     * The channel's `conversion.patientAuthorities` (identity.ts patientIdentity): assigning authorities whose
     * numbers identify a Patient before the type rank, most preferred first; empty: the default rule.
     */
    readonly patientAuthorities: readonly string[] = [],
  ) {}

  /**
   * Report lines for values left out (a validity period inside a name or identifier that is no
   * date): located by segment, never the value. A date/time *field* that is no date refuses the
   * message instead (SegmentReader.rejectDate); these are metadata of a datatype, not facts.
   */
  readonly invalidValues: string[] = [];

  readonly invalidDate = (what: string): void => {
    const reader = this.mapping === undefined ? undefined : this.readerByIndex.get(this.mapping);
    const where = reader === undefined ? 'a segment' : `${reader.name} (segment ${reader.index + 1})`;
    this.invalidValues.push(`${where}: ${what} is not a valid date/time; left out`);
  };

  /**
   * A valued field (or repetition, or component) the mapping reads and deliberately does not put
   * in the Bundle (no IG row, or no FHIR element): one report line saying so, located, never the
   * value. Reading a field marks it used, so without this line the value would vanish silently.
   */
  leftOut(reader: SegmentReader, field: string, why: string): void {
    this.invalidValues.push(`${reader.name}-${field} (segment ${reader.index + 1}): ${why}; not converted`);
  }

  /**
   * A located report line that is no loss: what the Bundle does with a field that a reader might
   * expect otherwise (two resources where one number suggests one). Never the value.
   */
  remark(reader: SegmentReader, field: string, what: string): void {
    this.once(`${reader.name}-${field} (segment ${reader.index + 1}): ${what}`);
  }

  /**
   * A whole segment the mapping reads and deliberately does not convert, with the reason (the
   * orderer's TQ1 a pharmacy's encoding supersedes, an IN1 with no patient to cover): every field
   * counts as read, and one line says why instead of "has no FHIR mapping", which says less than
   * the truth when the IG maps the segment (review 9).
   */
  leftOutSegment(reader: SegmentReader, why: string): void {
    const fields = reader.segment.fields;
    for (let n = 1; n < fields.length; n++) reader.used.add(n);
    this.invalidValues.push(`segment ${reader.name} (segment ${reader.index + 1}): ${why}; not converted`);
  }

  /**
   * Field n as a table 0136 Yes/No indicator: Y → true, N → false. Any other value (`NO`, `1`, `U`)
   * is reported and read as nothing, never guessed: until review 5 such a PID-30 vanished silently.
   */
  indicator(reader: SegmentReader, n: number): boolean | undefined {
    const raw = reader.str(n);
    const value = yesNo(raw);
    if (raw !== undefined && value === undefined) this.leftOut(reader, String(n), 'a Yes/No indicator other than Y or N (table 0136)');
    return value;
  }

  /**
   * The datatype context for field `n` of `reader`: what a datatype mapper leaves out is reported
   * at that field (`PID-40 (segment 3): …`), not only at its segment, so a reader can tell PID-13
   * from PID-40.
   */
  at(reader: SegmentReader, n: number): DatatypeContext {
    return {
      timezone: this.timezone,
      namespaceMap: this.namespaceMap,
      assigner: this.assigner,
      invalidDate: this.invalidDate,
      leftOutValue: this.reportAt(reader, n),
      extensions: this.extensions,
      timeDoubt: reader.timeDoubt(String(n)),
    };
  }

  /**
   * The report for field `n` of `reader` (`TXA-2 (segment 5): …; not converted`, once per field):
   * what codeableConcept / codeFromTable require beside a table, so a value that keeps no system
   * is never left unsaid (review 7).
   */
  reportAt(reader: SegmentReader, n: number): (what: string) => void {
    return (what) => this.once(`${reader.name}-${n} (segment ${reader.index + 1}): ${what}; not converted`);
  }

  /** The report for the field `rep` was read from (reportAt), else the segment being mapped. */
  reportFor(rep: Repetition): (what: string) => void {
    // looked up when a line is written, not on every call: callers pass it for each XCN/XON/CX
    // they read, and scanning every reader's fields each time made an ORU with thousands of OBX
    // quadratic (review10 #8)
    return (what) => {
      for (const reader of this.readerByIndex.values()) {
        const field = reader.fieldOf(rep);
        if (field !== undefined) return this.reportAt(reader, field)(what);
      }
      return this.leftOutValue(what);
    };
  }

  readonly leftOutValue = (what: string): void => {
    const reader = this.mapping === undefined ? undefined : this.readerByIndex.get(this.mapping);
    const where = reader === undefined ? 'a segment' : `${reader.name} (segment ${reader.index + 1})`;
    this.once(`${where}: ${what}; left out`);
  };

  /** DatatypeContext.timeDoubt without a field: at the segment being mapped (leftOutValue's place). */
  readonly timeDoubt = (why: string | undefined): void => {
    if (why === undefined) return;
    const reader = this.mapping === undefined ? undefined : this.readerByIndex.get(this.mapping);
    this.once(`${reader === undefined ? 'a segment' : `${reader.name} (segment ${reader.index + 1})`}: ${why}`);
  };

  /**
   * A datatype's report line once per field: each repetition of a field (PID-3's identifiers,
   * PV1-15's arrangements) reports the same thing, which one line says as well as five.
   */
  private once(line: string): void {
    if (!this.invalidValues.includes(line)) this.invalidValues.push(line);
  }

  /**
   * The sending facility (MSH-4: HD.1, else HD.2). A location sent without its facility (PL.4) is a
   * place of this facility: its identity includes it (entities.ts location), so two facilities'
   * `3N^301^1` are two beds, not one URL.
   */
  get sendingFacility(): string | undefined {
    const msh = this.msg.segments[0];
    if (msh?.name !== 'MSH') return undefined;
    // through the field reader: a facility with a stray control character names no place
    const hd = this.reader(msh, 0).rep(4);
    return val(hd, 1) ?? val(hd, 2);
  }

  /**
   * Who sent the message, as the scope of a number that is unique only within its sender (a
   * patient number without an assigning authority, identity.ts patientKey): the sending facility
   * (MSH-4), else, for a message without one, the sending application (MSH-3; HD.1, else HD.2).
   */
  get sender(): string | undefined {
    const msh = this.msg.segments[0];
    if (msh?.name !== 'MSH') return undefined;
    const app = this.reader(msh, 0).rep(3);
    return this.sendingFacility ?? val(app, 1) ?? val(app, 2);
  }

  /** The message's country (MSH-17, the code): where a state's postal code means a US state (licence-issuer.ts). */
  get country(): string | undefined {
    const msh = this.msg.segments[0];
    return msh?.name === 'MSH' ? val(this.reader(msh, 0).rep(17), 1) : undefined;
  }

  /** Assigning authorities become Organizations (IG: CX.4 → assigner(Organization)). */
  readonly assigner = (hd: Repetition): Json | undefined => this.organizationOf(this, hd) as Json | undefined;

  reader(segment: Segment, index: number): SegmentReader {
    let r = this.readerByIndex.get(index);
    if (r === undefined || r.segment !== segment) {
      r = new SegmentReader(this.msg, segment, index, this.timezone, (line) => this.once(line), (value) => this.guessedTimes.add(value));
      this.readers.push(r);
      this.readerByIndex.set(index, r);
    }
    return r;
  }

  /**
   * `resource`, made earlier in this message, as made by the segment being mapped too (madeAt: the
   * segment's NTE and its group find it), for a mapper that decides a segment names a resource it
   * already made (spm.ts: one specimen card sent under several OBRs).
   */
  reuse(resource: Resource): Resource {
    this.record(resource);
    return resource;
  }

  /** Resources the mapper of the segment at `index` made (or merged into), in order. */
  madeAt(index: number): readonly Resource[] {
    return this.madeByIndex.get(index) ?? [];
  }

  private record(resource: Resource): void {
    if (this.mapping === undefined) return;
    const list = this.madeByIndex.get(this.mapping) ?? [];
    if (!list.includes(resource)) list.push(resource);
    this.madeByIndex.set(this.mapping, list);
  }

  /** The deterministic id `key` gives a resource of `type` (see IdentityKey), `#n` for the n-th distinct repeat. */
  private idFor(type: string, key: IdentityKey, repeat: number): string {
    const suffix = repeat > 1 ? `#${repeat}` : '';
    if (typeof key === 'string') return identifierId(type, 'name', key + suffix);
    if (isFacts(key)) return factsId(type, repeat > 1 ? [...key.facts, repeat] : key.facts);
    if (key !== undefined && typeof key.value === 'string') return identifierId(type, authorityKey(key), key.value + suffix);
    const n = (this.ordinals.get(type) ?? 0) + 1;
    this.ordinals.set(type, n);
    const id = ordinalId(type, this.messageScope, n);
    this.scoped.add(`${type}/${id}`);
    return id;
  }

  /** `Type/id` of the resources whose id is scoped to this message (nothing identified them). */
  private readonly scoped = new Set<string>();

  /**
   * True when the resource's id is a function of facts that identify it beyond this message (an
   * identifier, clinical facts): only such a resource can name another one's identity (identity.ts
   * orderKey `within`); one scoped to the message would pass that scope on.
   */
  identified(resource: Resource | undefined): boolean {
    return resource !== undefined && resource.id !== undefined && !this.scoped.has(`${resource.resourceType}/${resource.id}`);
  }

  /** The id a resource of `type` with identity `key` gets (undefined for a message-scoped one). */
  idOf(type: string, key: IdentityKey): string | undefined {
    return key === undefined ? undefined : this.idFor(type, key, 1);
  }

  /**
   * Adds a resource with the deterministic id its identity key gives (see IdentityKey). A
   * resource whose id already exists is merged into the existing one (first value wins per
   * element), so a practitioner named in five fields is one entry; in 'distinct' mode the
   * resource stays separate (`#2`, `#3`… in message order, still deterministic).
   */
  add(resource: Resource, key?: IdentityKey, mode: 'merge' | 'distinct' = 'merge'): Resource {
    const type = resource.resourceType;
    let repeat = 1;
    let id = this.idFor(type, key, repeat);
    let typeId = `${type}/${id}`;
    if (key !== undefined && mode === 'distinct') {
      // Repeats 1..last of this key are taken already: start past them, or 20,000 OBX with the same
      // code would hash 1 + 2 + … + 20,000 candidate ids (quadratic: hours of CPU for one message).
      // The key's first id names it here: a function of the key, and no JSON of it per resource.
      const repeatKey = typeId;
      const last = this.lastRepeat.get(repeatKey);
      if (last !== undefined) {
        repeat = last + 1;
        id = this.idFor(type, key, repeat);
        typeId = `${type}/${id}`;
      }
      while (this.resources.has(typeId)) {
        id = this.idFor(type, key, ++repeat);
        typeId = `${type}/${id}`;
      }
      this.lastRepeat.set(repeatKey, repeat);
    }
    const existing = this.resources.get(typeId) ?? (mode === 'merge' ? this.folded.get(typeId) : undefined);
    if (existing !== undefined) {
      for (const [k, v] of Object.entries(resource)) if (existing[k] === undefined && !choiceTaken(existing, k)) existing[k] = v;
      this.record(existing);
      return existing;
    }
    // one copy, resourceType and id first (two spreads cost a visible share of mapping)
    const withId: Resource = { resourceType: type, id };
    for (const k in resource) if (k !== 'resourceType' && k !== 'id') withId[k] = resource[k];
    this.resources.set(typeId, withId);
    const query = conditionalQuery(key, repeat);
    if (query !== undefined) this.conditional.set(typeId, query);
    this.record(withId);
    return withId;
  }

  /**
   * Gives a message-scoped resource the id `key` names once the facts that identify it are known,
   * which for a segment before the PID (SCH) is only at the end of the message: the resource
   * takes the new id (`#n` past another of the same facts) and every reference to it in the
   * Bundle follows. Only for a resource made without a key (an ordinal id).
   */
  rekey(resource: Resource, key: FactsKey): void {
    const type = resource.resourceType;
    const oldTypeId = `${type}/${resource.id ?? ''}`;
    if (this.resources.get(oldTypeId) !== resource) return;
    let repeat = 1;
    let id = this.idFor(type, key, repeat);
    while (this.resources.has(`${type}/${id}`) && `${type}/${id}` !== oldTypeId) id = this.idFor(type, key, ++repeat);
    const typeId = `${type}/${id}`;
    if (typeId === oldTypeId) return;
    const from = `urn:uuid:${resource.id ?? ''}`;
    const to = `urn:uuid:${id}`;
    resource.id = id;
    // the Bundle keeps message order (MessageHeader.focus is the first resource): rename in place
    const entries = [...this.resources];
    this.resources.clear();
    for (const [k, r] of entries) this.resources.set(k === oldTypeId ? typeId : k, r);
    for (const map of [this.conditional, this.cleared, this.events] as Map<string, unknown>[]) {
      const v = map.get(oldTypeId);
      if (v !== undefined) {
        map.delete(oldTypeId);
        map.set(typeId, v);
      }
    }
    for (const r of this.resources.values()) retarget(r, from, to);
  }

  /** `Type/id` of a resource fold() made one with another → that other: a later add() of its key merges there. */
  private readonly folded = new Map<string, Resource>();

  /**
   * Makes `from`, a resource of this message, one with `into` (same type), when a mapper learns they are
   * one thing (admin.ts: the GT1 guarantor and the IN1 insured one person): what `into` lacks `from`
   * gives (a list item `into` does not hold is added), every reference to `from` names `into`, `from`
   * leaves the Bundle (no DELETE: nothing of it was sent) and a later add() of its key merges into `into`.
   */
  fold(from: Resource, into: Resource): void {
    const key = `${from.resourceType}/${from.id ?? ''}`;
    if (from === into || this.resources.get(key) !== from) return;
    for (const [k, v] of Object.entries(from)) {
      if (k === 'id' || k === 'resourceType') continue;
      const held = into[k];
      if (held === undefined && !choiceTaken(into, k)) into[k] = v;
      else if (Array.isArray(held) && Array.isArray(v)) into[k] = [...held, ...v.filter((item) => !held.some((h) => covers(h, item)))];
    }
    this.resources.delete(key);
    for (const map of [this.conditional, this.cleared, this.events, this.named, this.motherCandidates, this.stays, this.heldLocations, this.heldClass] as Map<string, unknown>[]) map.delete(key);
    this.motherNamedOnly.delete(key);
    this.booked.delete(key);
    this.folded.set(key, into);
    // the segment that made `from` (its NTE, its group) finds `into` instead
    for (const [index, made] of this.madeByIndex) if (made.includes(from)) this.madeByIndex.set(index, [...new Set(made.map((r) => (r === from ? into : r)))]);
    const fromRef = `urn:uuid:${from.id ?? ''}`;
    const toRef = `urn:uuid:${into.id ?? ''}`;
    for (const r of this.resources.values()) retarget(r, fromRef, toRef);
  }

  /**
   * Turns a resource of this Bundle into a DELETE of it ([IG SegmentActionCode D → DELETE]):
   * it leaves the Bundle's resources, references to it are removed at the end.
   */
  remove(resource: Resource): void {
    const key = `${resource.resourceType}/${resource.id ?? ''}`;
    if (!this.resources.has(key)) return;
    this.resources.delete(key);
    this.deleted.set(key, resource);
  }

  ref(resource: Resource, display?: string): Reference {
    const r: Reference = { reference: `urn:uuid:${resource.id ?? ''}` };
    if (display !== undefined) r.display = display;
    return r;
  }

  /**
   * The `type` resource of this conversion a reference made by ref() names (a Reference, or its
   * `reference` string), to add what a later field says of it; undefined for anything else.
   */
  made(type: string, ref: { reference?: unknown } | string | undefined): Resource | undefined {
    const r = typeof ref === 'string' ? ref : ref?.reference;
    return typeof r === 'string' && r.startsWith('urn:uuid:') ? this.resources.get(`${type}/${r.slice('urn:uuid:'.length)}`) : undefined;
  }
}

/** Points every `reference` equal to `from` inside a value at `to`. */
/**
 * Whether list item `held` says all `item` says: the same, or an object with each of `item`'s elements and more (the
 * NK1's name with XPN.7's `use` official beside the IN1's same name without it: one name, not two; fold()).
 */
function covers(held: unknown, item: unknown): boolean {
  const text = JSON.stringify(item);
  if (JSON.stringify(held) === text) return true;
  if (!isJson(held) || !isJson(item)) return false;
  return Object.entries(item).every(([k, v]) => JSON.stringify(held[k]) === JSON.stringify(v));
}

const isJson = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function retarget(value: unknown, from: string, to: string): void {
  if (Array.isArray(value)) {
    for (const v of value) retarget(v, from, to);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Json;
  if (obj.reference === from) obj.reference = to;
  for (const k of Object.keys(obj)) retarget(obj[k], from, to);
}

/** The conditional-update search for a key: its identifier (with a system), or the facts' query. */
function conditionalQuery(key: IdentityKey, repeat: number): string | undefined {
  if (repeat > 1 || key === undefined || typeof key === 'string') return undefined;
  if (isFacts(key)) return key.query;
  if (typeof key.system === 'string' && typeof key.value === 'string') return `identifier=${encodeURIComponent(key.system)}|${encodeURIComponent(key.value)}`;
  return undefined;
}

/** Choice elements the mappers write (`deceased[x]` …): a merge must not add a second type. */
const CHOICE_BASES = ['deceased', 'multipleBirth', 'value', 'effective', 'occurrence', 'onset', 'abatement', 'performed', 'medication', 'collected'];

function choiceTaken(target: Json, key: string): boolean {
  const base = CHOICE_BASES.find((b) => key.startsWith(b) && /^[A-Z]/.test(key.slice(b.length)));
  return base !== undefined && Object.keys(target).some((k) => k !== key && k.startsWith(base) && /^[A-Z]/.test(k.slice(base.length)));
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
