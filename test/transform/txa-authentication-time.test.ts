/**
 * [IG TXA[DocumentReference] #22] TXA-22 (PPN) names the authenticator, which is mapped; its PPN.15
 * (when the note was authenticated) has no DocumentReference element, so it is reported, not dropped
 * silently (review 23 R23-L1: an athenahealth MDM signed at 10:11 lost that time without a line).
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

function mdm(txa22: string): { doc: Json | undefined; lines: string[] } {
  const { bundle, lines } = convertChecked(
    'MSH|^~\\&|ATHENA|CLINIC|HIG|HIE|20261209101500-0700||MDM^T02^MDM_T02|TXA22-1|P|2.5.1',
    'EVN|T02|20261209101500-0700',
    'PID|1||A2316^^^ATHENA^MR||SOLANO^REY||19580212|M',
    'PV1|1|O',
    `TXA|1|PN^Progress note^HL70270|TX|20261209093000-0700|||20261209093000-0700|||||DOC2316^^^ATHENA||||AU||AV||||${txa22}`,
    'OBX|1|TX|11506-3^Progress note^LN||Patient seen for follow-up.||||||F',
  );
  return { doc: resources(bundle, 'DocumentReference')[0], lines };
}

describe('TXA-22 authentication time', () => {
  it('the authenticator is mapped and PPN.15 is named in the report', () => {
    const { doc, lines } = mdm('1734^SOLORZANO^INES^^^^^^^^^^^^20261209101100-0700');
    expect((doc?.authenticator as Json | undefined)?.reference).toMatch(/^urn:uuid:/);
    expect(lines.some((l) => l.startsWith('TXA-22 (segment 5)') && l.includes('PPN.15'))).toBe(true);
  });

  it('control: without PPN.15 no line about it', () => {
    const { lines } = mdm('1734^SOLORZANO^INES');
    expect(lines.some((l) => l.includes('PPN.15'))).toBe(false);
  });
});
