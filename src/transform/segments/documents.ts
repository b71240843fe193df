/** TXA → DocumentReference; OBX in MDM → its content (IG: TXA[DocumentReference], OBX[DocumentReference]). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { codeableConcept } from '../datatypes/coding.js';
import { eiIdentifier } from '../datatypes/identifier.js';
import { practitioner } from '../entities.js';
import { conceptKey, patientFactsKey } from '../identity.js';
import type { Json, Resource } from '../types.js';
import type { Scope } from './scope.js';

/** TXA-17 document completion status (table 0271) → DocumentReference.docStatus. */
const DOC_STATUS: Readonly<Record<string, string>> = { AU: 'final', LA: 'final', PA: 'preliminary', IP: 'preliminary', IN: 'preliminary', DI: 'preliminary', DO: 'preliminary', CA: 'entered-in-error' };

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
  // [hig identity] TXA-12 unique document number, else the patient's document of this type at TXA-4 (else TXA-6)
  const when = seg.dateTime(4) ?? seg.dateTime(6);
  const document = cx.add(d as Resource, unique ?? patientFactsKey('document', scope.patient, conceptKey(d.type as Json | undefined) ?? '', when), 'distinct');
  scope.document = document;
}

/** OBX text inside an MDM becomes the document's plain-text content. */
export function appendDocumentText(document: Resource, text: string): void {
  const content = (document.content as Json[] | undefined) ?? [];
  const attachment = (content[0]?.attachment as Json | undefined) ?? { contentType: 'text/plain; charset=utf-8' };
  const prior = typeof attachment.data === 'string' ? Buffer.from(attachment.data, 'base64').toString('utf8') + '\n' : '';
  attachment.data = Buffer.from(prior + text, 'utf8').toString('base64');
  attachment.contentType = 'text/plain; charset=utf-8';
  document.content = [{ attachment }];
}

/** DocumentReference.content is required; a notification without text says so. */
export function finishDocument(document: Resource): void {
  if (document.content === undefined) document.content = [{ attachment: { title: 'document notification without content' } }];
}
