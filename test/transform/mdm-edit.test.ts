/**
 * MDM T07/T08, document edit notification (and content) [v2.5.1 9.6.7/9.6.8, table 0003; structures
 * MDM_T01/MDM_T02; IG MDM_T02 message map for the T02-shaped structure; TXA[DocumentReference] #12 →
 * masterIdentifier]. An edit is the same document, identified by TXA-12 (unique document number):
 * a T08 PUTs where the original T02 did, with the edited content, and names no parent (relatesTo is
 * for addenda and replacements, T05/T06/T09/T10); a T07 patches that document without touching its
 * content (code review 23 CR23-6). Review 19 found T08 refused as unsupported.
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const head = (id: string, event: string, structure: string) => [
  `MSH|^~\\&|EPIC|NMH|HIG|NMH|20261206101500-0600||MDM^${event}^${structure}|${id}|P|2.5.1`,
  `EVN|${event}|20261206101500-0600`,
  'PID|1||44120987^^^NMH^MR||OKAFOR^GRACE||19750302|F',
  'PV1|1|I|4W^412^A',
];
// TXA-4 activity time, TXA-5, TXA-7, TXA-12 unique document number, TXA-17 completion status (until code
// review 23, CR23-7, the number sat in TXA-13 and the status in TXA-16: the cases matched by TXA-2 + TXA-4)
const txa = (status: string, activity = '20261206090000-0600') =>
  `TXA|1|DS|TX|${activity}|1234^WELBY^MARCUS^^^^MD||20261206100000-0600|||||DOC-55120^EPIC|||||${status}`;
const text = (words: string) => `OBX|1|TX|11490-0^Discharge summary^LN||${words}||||||F`;

function documentOf(segments: string[]): { url: string | undefined; doc: Json | undefined } {
  const { bundle } = convertChecked(...segments);
  const entry = ((bundle.entry as Json[]) ?? []).find((e) => (e.resource as Json | undefined)?.resourceType === 'DocumentReference');
  return { url: (entry?.request as Json | undefined)?.url as string | undefined, doc: resources(bundle, 'DocumentReference')[0] };
}

/** The document's attachments' text, decoded. */
function contentText(doc: Json | undefined): string {
  const content = (doc?.content as { attachment?: { data?: string } }[] | undefined) ?? [];
  return content.map((c) => Buffer.from(c.attachment?.data ?? '', 'base64').toString('utf8')).join('\n');
}

describe('[IG MDM_T02, TXA[DocumentReference] #12] MDM T08: the edited document is the same DocumentReference', () => {
  it('T02 then T08 of one TXA-12: one URL, the edited content, no relatesTo', () => {
    const original = documentOf([...head('M1', 'T02', 'MDM_T02'), txa('IP'), text('Discharged home on day 3.')]);
    const edited = documentOf([...head('M2', 'T08', 'MDM_T02'), txa('AU'), text('Discharged home on day 4.')]);
    expect(original.url).toMatch(/^DocumentReference\//);
    expect(edited.url).toBe(original.url);
    expect(contentText(edited.doc)).toContain('day 4.');
    expect(contentText(edited.doc)).not.toContain('day 3.');
    expect(edited.doc?.relatesTo).toBeUndefined();
  });

  it('T08 at a later activity time (TXA-4) is still the document of its TXA-12, with the completion status TXA-17 states', () => {
    const original = documentOf([...head('M5', 'T02', 'MDM_T02'), txa('IP'), text('Discharged home on day 3.')]);
    const edited = documentOf([...head('M6', 'T08', 'MDM_T02'), txa('AU', '20261206103000-0600'), text('Discharged home on day 4.')]);
    expect(edited.url).toBe(original.url);
    expect(edited.doc?.masterIdentifier).toMatchObject({ value: 'DOC-55120' });
    // [IG TXA[DocumentReference] #17 → docStatus] table 0271 IP (in progress) → preliminary, AU (authenticated) → final
    expect([original.doc?.docStatus, edited.doc?.docStatus]).toEqual(['preliminary', 'final']);
  });

  it('T07 (edit notification, no content) names the same document too, patched without content (code review 23 CR23-6)', () => {
    const original = documentOf([...head('M3', 'T02', 'MDM_T02'), txa('IP'), text('Discharged home on day 3.')]);
    const { bundle } = convertChecked(...head('M4', 'T07', 'MDM_T01'), txa('AU'));
    const own = ((bundle.entry as Json[]) ?? []).filter((e) => String((e.request as Json).url).startsWith('DocumentReference'));
    // the same document: its id (the fullUrl the message's references name), found on the server by
    // TXA-12 [IG TXA[DocumentReference] #12], here without a system among the patient's documents
    expect(own.map((e) => (e.request as Json).method)).toEqual(['POST', 'PATCH']);
    expect(own[0]?.fullUrl).toBe(`urn:uuid:${String(original.url).slice('DocumentReference/'.length)}`);
    expect((own[0]?.request as Json).ifNoneExist).toMatch(/^identifier=\|DOC-55120&subject=Patient\/[0-9a-f-]+$/);
    // [v2.5.1 9.6.7] T07 carries no content: the patch leaves the held text; [IG TXA[DocumentReference] #17] AU → final
    const ops = JSON.parse(Buffer.from(String((own[1]?.resource as Json).data), 'base64').toString('utf8')) as Json[];
    expect(ops.map((o) => o.path)).not.toContain('/content');
    expect(ops).toContainEqual({ op: 'add', path: '/docStatus', value: 'final' });
  });
});
