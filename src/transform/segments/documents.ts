/** TXA → DocumentReference; OBX in MDM → its content (IG: TXA[DocumentReference], OBX[DocumentReference]). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { attachments } from '../datatypes/attachment.js';
import { codeableConcept } from '../datatypes/coding.js';
import { eiIdentifier } from '../datatypes/identifier.js';
import { practitioner } from '../entities.js';
import type { Json, Resource } from '../types.js';
import type { Scope } from './scope.js';

/** TXA-17 document completion status (table 0271) → DocumentReference.docStatus. */
const DOC_STATUS: Readonly<Record<string, string>> = { AU: 'final', LA: 'final', PA: 'preliminary', IP: 'preliminary', IN: 'preliminary', DI: 'preliminary', DO: 'preliminary', CA: 'entered-in-error' };

const TEXT_CONTENT = 'text/plain; charset=utf-8';

export function mapTxa(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const d: Json = { resourceType: 'DocumentReference' };
  const unique = eiIdentifier(seg.rep(12), cx);
  set(d, 'masterIdentifier', unique);
  push(d, 'identifier', eiIdentifier(seg.rep(13), cx), eiIdentifier(seg.rep(14), cx));
  d.status = seg.str(17) === 'CA' ? 'entered-in-error' : seg.str(19) === 'OB' ? 'superseded' : 'current';
  set(d, 'docStatus', DOC_STATUS[seg.str(17) ?? '']);
  set(d, 'type', codeableConcept(seg.rep(2)));
  if (scope.patient !== undefined) d.subject = cx.ref(scope.patient);
  set(d, 'date', seg.instant(8) ?? seg.instant(4));
  push(d, 'author', ...seg.reps(9).map((r) => practitioner(cx, r)), ...seg.reps(5).map((r) => practitioner(cx, r)));
  set(d, 'authenticator', practitioner(cx, seg.rep(10)) ?? practitioner(cx, seg.rep(22)));
  if (scope.encounter !== undefined) d.context = { encounter: [cx.ref(scope.encounter)] };
  const document = cx.add(d as Resource, unique, 'distinct');
  scope.document = document;
}

/**
 * [IG MDM_T02 10.1, OBX[DocumentReference]] an MDM OBX is content of the TXA document: ED/RP
 * values are attachments of their own (ED[Attachment]), text lines join one text/plain attachment.
 */
export function appendDocumentContent(document: Resource, seg: SegmentReader, type: string | undefined): void {
  const content = (document.content as Json[] | undefined) ?? [];
  if (type === 'ED' || type === 'RP') {
    content.push(...attachments(seg.reps(5), type).map((attachment) => ({ attachment })));
    if (content.length > 0) document.content = content;
    return;
  }
  const text = seg.reps(5).map((r) => r.map((c) => c.join('&')).join('^')).join('\n');
  if (text === '') return;
  const existing = content.find((c) => (c.attachment as Json | undefined)?.contentType === TEXT_CONTENT);
  const attachment = (existing?.attachment as Json | undefined) ?? { contentType: TEXT_CONTENT };
  const prior = typeof attachment.data === 'string' ? `${Buffer.from(attachment.data, 'base64').toString('utf8')}\n` : '';
  attachment.data = Buffer.from(prior + text, 'utf8').toString('base64');
  if (existing === undefined) content.push({ attachment });
  document.content = content;
}

/** DocumentReference.content is required; a notification without text says so. */
export function finishDocument(document: Resource): void {
  if (document.content === undefined) document.content = [{ attachment: { title: 'document notification without content' } }];
}
