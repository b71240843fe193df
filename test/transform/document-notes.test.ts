/**
 * An NTE goes on the resource of the segment it follows in the message grammar (issue 14: "NTE
 * after OBX/TXA", 5 of review 6's 30 messages reported the NTE as not converted). Expected values
 * are written from the IG rows: [IG MDM_T02 10.2 OBSERVATION.NTE → DocumentReference[1],
 * NTE[DocumentReference] NTE-3 → content[].attachment.data (NTE-5, NTE-6: no row)];
 * [IG ORU_R01 4.2.4.3.3 OBSERVATION.NTE → Observation.note, NTE[Observation] NTE-3 → note.text];
 * [IG MDM_T02 7.4 COMMON_ORDER.NTE → ServiceRequest[1], NTE[ServiceRequest]].
 */
import { describe, expect, it } from 'vitest';
import { convertChecked, resources } from './helpers.js';

type Json = Record<string, unknown>;

const MDM_MSH = 'MSH|^~\\&|DOC|HOSP|EHR|HOSP|20240305081500-0500||MDM^T02^MDM_T02|DN1|P|2.5.1';
const ADT_HEAD = ['EVN|T02|20240305081500-0500', 'PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F', 'PV1|1|I|W1^1^1'];
const TXA = 'TXA|1|PN|TX|20240305080000-0500||20240305080000-0500||||||DOC-1^HOSP||||||AU||AV';
const ORDER = ['ORC|SC|PL1^CPOE', 'OBR|1|PL1^CPOE||11502-2^Laboratory report^LN'];
const OUL_MSH = 'MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240305081500-0500||OUL^R22^OUL_R22|DN2|P|2.8';
const OUL_HEAD = ['PID|1||MRN1^^^HOSP^MR||DOE^JANE||19800215|F', 'SPM|1|SP1&LAB||BLD^Blood^HL70487'];

const decoded = (a: Json): string => Buffer.from(String(a.data ?? ''), 'base64').toString('utf8');
const attachmentsOf = (doc: Json | undefined): Json[] => ((doc?.content as { attachment: Json }[] | undefined) ?? []).map((c) => c.attachment);
const notesOf = (r: Json): string[] => ((r.note as { text: string }[] | undefined) ?? []).map((n) => n.text);
/** Every resource's note texts, by type: where a note went, and that it went nowhere else. */
function notesByType(bundle: Json): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const type of ['Observation', 'ServiceRequest', 'DiagnosticReport', 'Specimen']) {
    const texts = resources(bundle, type).flatMap(notesOf);
    if (texts.length > 0) out[type] = texts;
  }
  return out;
}

describe('NTE after a document OBX or a TXA → the DocumentReference [IG NTE[DocumentReference] NTE-3 → content.attachment.data]', () => {
  it.each([
    // [IG MDM_T02 10.2] OBSERVATION(OBX [{NTE}]): the OBX is the document's content, its NTE the document's
    ['MDM_T02 OBX NTE', [MDM_MSH, ...ADT_HEAD, ...ORDER, TXA, 'OBX|1|TX|RPT^Report^L||Line one||||||F', 'NTE|1||Dictated remotely|||'], ['Line one'], ['Dictated remotely'], {}],
    // an OBX after the note joins the document's text lines, not the note's attachment
    ['MDM_T02 OBX NTE OBX', [MDM_MSH, ...ADT_HEAD, TXA, 'OBX|1|TX|RPT^Report^L||Line one||||||F', 'NTE|1||Dictated remotely', 'OBX|2|TX|RPT^Report^L||Line two||||||F'], ['Line one\nLine two'], ['Dictated remotely'], {}],
    // [IG MDM_T02 7.4] the COMMON_ORDER's NTE stays on the order; the OBSERVATION's goes on the document
    ['MDM_T02 OBR NTE … OBX NTE', [MDM_MSH, ...ADT_HEAD, ...ORDER, 'NTE|1||Order note', TXA, 'OBX|1|TX|RPT^Report^L||Line one||||||F', 'NTE|1||Document note'], ['Line one'], ['Document note'], { ServiceRequest: ['Order note'] }],
    // OUL ORDER `OBR ORC OBX TXA NTE` (TXA outside hig's OUL grammar): the note follows the TXA
    ['OUL_R22 OBX(ED) TXA NTE', [OUL_MSH, ...OUL_HEAD, 'OBR|1|PL1^CPOE|FL1^LAB|SCAN^Scan^L', 'ORC|SC|PL1^CPOE|FL1^LAB', 'OBX|1|ED|||APP^TEXT^PLAIN^A^Scan text', TXA, 'NTE|1||Submission of serum'], [], ['Submission of serum'], {}],
  ])('%s', (_name, segments, textLines, documentNotes, elsewhere) => {
    const { bundle, lines } = convertChecked(...segments);
    const docs = resources(bundle, 'DocumentReference').filter((d) => (d.masterIdentifier as Json | undefined)?.value === 'DOC-1');
    expect(docs).toHaveLength(1);
    const texts = attachmentsOf(docs[0]).filter((a) => a.contentType === 'text/plain; charset=utf-8').map(decoded);
    // the document's own text lines first (one attachment), then one attachment per note
    expect(texts).toEqual([...textLines, ...documentNotes]);
    expect(notesByType(bundle)).toEqual(elsewhere);
    expect(lines.filter((t) => t.startsWith('segment NTE'))).toEqual([]);
  });

  it('NTE-5 and NTE-6 of a document note have no row in NTE[DocumentReference]: reported, not on the Bundle', () => {
    const { bundle, lines } = convertChecked(MDM_MSH, ...ADT_HEAD, TXA, 'OBX|1|TX|RPT^Report^L||Line one||||||F', 'NTE|1||Dictated remotely||MLEE^ATTEND^AARON|202403050900-0500');
    expect(lines).toContainEqual(expect.stringMatching(/^NTE-5 \(segment 7\): who entered the note: NTE\[DocumentReference\] #5\/#6 have no target/));
    expect(lines).toContainEqual(expect.stringMatching(/^NTE-6 \(segment 7\): when the note was entered: NTE\[DocumentReference\] #5\/#6 have no target/));
    expect(JSON.stringify(bundle)).not.toContain('ATTEND');
  });
});

describe('an NTE after a result OBX stays on that Observation [IG ORU_R01 4.2.4.3.3, NTE[Observation] NTE-3 → note.text]', () => {
  it('OUL_R22 RESULT(OBX NTE) next to a TXA document: the note is the result\'s, not the document\'s', () => {
    const { bundle } = convertChecked(
      OUL_MSH, ...OUL_HEAD,
      'OBR|1|PL1^CPOE|FL1^LAB|SCAN^Scan^L', 'ORC|SC|PL1^CPOE|FL1^LAB', 'OBX|1|ED|||APP^TEXT^PLAIN^A^Scan text', TXA,
      'OBX|2|NM|8867-4^Heart rate^LN||60|/min^/min^UCUM|||||F', 'NTE|1||Measured at rest',
    );
    expect(resources(bundle, 'Observation').map(notesOf)).toEqual([['Measured at rest']]);
    const doc = resources(bundle, 'DocumentReference').find((d) => (d.masterIdentifier as Json | undefined)?.value === 'DOC-1');
    expect(attachmentsOf(doc).map(decoded)).not.toContain('Measured at rest');
  });
});

describe('[IG TXA[DocumentReference] #3 → content.attachment.contentType] a document note is not the document\'s content', () => {
  // review 7: since notes became text/plain attachments (NTE[DocumentReference] NTE-3), TXA-3 TX
  // beside a PDF-only document counted as mapped once an NTE followed the OBX: the line was lost
  const PDF_OBX = 'OBX|1|ED|PDF^Report^L||^application^pdf^Base64^JVBERi0=||||||F';
  it.each([
    ['without a note', [] as string[]],
    ['with a note after the OBX [IG MDM_T02 10.2, NTE[DocumentReference] NTE-3]', ['NTE|1||Dictated remotely']],
  ])('TXA-3 TX beside PDF content only is reported, %s', (_name, notes) => {
    const { lines } = convertChecked(MDM_MSH, ...ADT_HEAD, TXA, PDF_OBX, ...notes);
    expect(lines.filter((t) => t.startsWith('TXA-3 '))).toHaveLength(1);
  });

  it('TXA-3 TX beside text lines (content of its kind) is not reported, note or not', () => {
    const { lines } = convertChecked(MDM_MSH, ...ADT_HEAD, TXA, 'OBX|1|TX|||Report text||||||F', 'NTE|1||Dictated remotely');
    expect(lines.filter((t) => t.startsWith('TXA-3 '))).toEqual([]);
  });
});
