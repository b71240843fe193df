/**
 * The blind-index terms of one message: the control id from the header facts, patient
 * identifiers (PID-3 repetitions with their CX.4 assigning authority, PID-2 of older feeds, MRG-1
 * of merges) and names (PID-5: family alone, family + given) read from the raw message with the
 * hl7 readers, never from the FHIR result (which a mapping may shape differently).
 */
import { decodeSegments } from '../hl7/charset.js';
import { fieldValues, parseMessage, type Message } from '../hl7/message.js';
import { normalizeIdentifier, normalizeName, term, type IndexKey } from './blind-index.js';

export interface TermFacts {
  controlId?: string | undefined;
}

/** Identifier fields searched as MRNs: segment, field. */
const IDENTIFIER_FIELDS: ReadonlyArray<readonly [string, number]> = [
  ['PID', 3],
  ['PID', 2],
  ['MRG', 1],
];

export function headerTerms(key: IndexKey, facts: TermFacts): bigint[] {
  const out: bigint[] = [];
  if (facts.controlId) out.push(term(key, 'control', normalizeIdentifier(facts.controlId)));
  return out;
}

function identifierTerms(key: IndexKey, msg: Message, out: bigint[]): void {
  for (const seg of msg.segments) {
    for (const [name, field] of IDENTIFIER_FIELDS) {
      if (seg.name !== name) continue;
      for (const rep of fieldValues(msg, seg, field)) {
        const value = normalizeIdentifier(rep[0]?.[0] ?? '');
        if (value === '' || value === '""') continue;
        out.push(term(key, 'mrn-value', value));
        // CX.4 is an HD: namespace id (CX.4.1) or, when absent, the universal id (CX.4.2).
        const authority = normalizeIdentifier(rep[3]?.[0] || rep[3]?.[1] || '');
        if (authority !== '') out.push(term(key, 'mrn', value, authority));
      }
    }
  }
}

function nameTerms(key: IndexKey, msg: Message, out: bigint[]): void {
  for (const seg of msg.segments) {
    if (seg.name !== 'PID') continue;
    for (const rep of fieldValues(msg, seg, 5)) {
      // XPN.1 is an FN whose first subcomponent is the surname; XPN.2 the given name.
      const family = normalizeName(rep[0]?.[0] ?? '');
      if (family === '') continue;
      out.push(term(key, 'family', family));
      const given = normalizeName(rep[1]?.[0] ?? '');
      if (given !== '') out.push(term(key, 'name', family, given));
    }
  }
}

/** The MSH (for the delimiters) and the segments terms come from: the rest is neither decoded nor parsed. */
const TERM_SEGMENTS: ReadonlySet<string> = new Set(['MSH', ...IDENTIFIER_FIELDS.map(([segment]) => segment)]);

/**
 * Terms of a raw HL7 v2 message. A message that does not parse still gets its header terms (it is
 * stored and findable by control id; its patient terms are simply absent).
 */
export function messageTerms(key: IndexKey, raw: Buffer | undefined, facts: TermFacts): bigint[] {
  const out = headerTerms(key, facts);
  if (raw !== undefined) {
    let msg: Message | undefined;
    try {
      // A 1 MB message (an embedded PDF) is read only as far as its few patient lines.
      msg = parseMessage(decodeSegments(raw, TERM_SEGMENTS));
    } catch {
      msg = undefined;
    }
    if (msg) {
      identifierTerms(key, msg, out);
      nameTerms(key, msg, out);
    }
  }
  return [...new Set(out)];
}

/** Search input `VALUE` or `VALUE^AUTHORITY` (CLI `--mrn`), as the term to look for. */
export function mrnSearchTerm(key: IndexKey, mrn: string): bigint {
  const caret = mrn.indexOf('^');
  if (caret < 0) return term(key, 'mrn-value', normalizeIdentifier(mrn));
  return term(key, 'mrn', normalizeIdentifier(mrn.slice(0, caret)), normalizeIdentifier(mrn.slice(caret + 1)));
}

/** Search input `FAMILY` or `FAMILY^GIVEN`. */
export function nameSearchTerm(key: IndexKey, name: string): bigint {
  const [family = '', given = ''] = name.split('^');
  const f = normalizeName(family);
  const g = normalizeName(given);
  return g === '' ? term(key, 'family', f) : term(key, 'name', f, g);
}
