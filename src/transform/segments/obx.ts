/** OBX → Observation (IG: OBX[Observation], OBX[Observation-Component]); ED/RP → DocumentReference. */
import type { Repetition } from '../../hl7/message.js';
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { xadAddress } from '../datatypes/address.js';
import { codeableConcept } from '../datatypes/coding.js';
import { eiIdentifier } from '../datatypes/identifier.js';
import { type ObservationValue, observationValue, quantity } from '../datatypes/observation-value.js';
import { decimal, val } from '../datatypes/primitive.js';
import { organization, practitioner } from '../entities.js';
import { lookupCode } from '../vocabulary/index.js';
import { observationKey } from '../identity.js';
import type { IdentityKey, Json, Resource } from '../types.js';
import { appendDocumentText } from './documents.js';
import { type Scope, madeBy } from './scope.js';

/** OBX-7 "low-high", "<x", ">x" → referenceRange; anything else stays text. */
function referenceRange(range: string | undefined, units: Repetition | undefined): Json | undefined {
  if (range === undefined) return undefined;
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*-\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(range);
  if (m !== null) {
    const low = decimal(m[1]);
    const high = decimal(m[2]);
    if (low !== undefined && high !== undefined) return { low: quantity(low, units), high: quantity(high, units) };
  }
  const lt = /^\s*<=?\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(range);
  const ltValue = decimal(lt?.[1]);
  if (ltValue !== undefined) return { high: quantity(ltValue, units), text: range };
  const gt = /^\s*>=?\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(range);
  const gtValue = decimal(gt?.[1]);
  if (gtValue !== undefined) return { low: quantity(gtValue, units), text: range };
  return { text: range };
}

/** ED/RP values are documents, which Observation.value[x] cannot hold in R4. */
function documentReference(seg: SegmentReader, type: string, scope: Scope, cx: Conversion, key: IdentityKey): Resource | undefined {
  const rep = seg.rep(5);
  if (rep === undefined) return undefined;
  const attachment: Json = {};
  if (type === 'ED') {
    const subtype = val(rep, 3);
    const mediaType = val(rep, 2);
    if (mediaType !== undefined && subtype !== undefined && /^[a-z]+$/i.test(mediaType)) attachment.contentType = `${mediaType.toLowerCase()}/${subtype.toLowerCase()}`;
    const data = val(rep, 5);
    if (data !== undefined && (val(rep, 4) ?? '').toUpperCase() === 'BASE64' && /^[A-Za-z0-9+/=\s]+$/.test(data)) attachment.data = data.replace(/\s/g, '');
    else if (data !== undefined) attachment.title = 'non-base64 content omitted';
  } else {
    const url = val(rep, 1);
    if (url !== undefined && /^\S+$/.test(url)) attachment.url = url;
    const mediaType = val(rep, 3);
    const subtype = val(rep, 4);
    if (mediaType !== undefined && subtype !== undefined && /^[a-z]+$/i.test(mediaType)) attachment.contentType = `${mediaType.toLowerCase()}/${subtype.toLowerCase()}`;
  }
  if (Object.keys(attachment).length === 0) return undefined;
  const doc: Json = { resourceType: 'DocumentReference', status: 'current', content: [{ attachment }] };
  set(doc, 'type', codeableConcept(seg.rep(3)));
  if (scope.patient !== undefined) doc.subject = cx.ref(scope.patient);
  set(doc, 'date', seg.instant(14));
  // [hig identity] the document of an OBX is identified by that OBX
  return cx.add(doc as Resource, key === undefined ? undefined : { facts: ['obx-document', cx.idOf('Observation', key)] }, 'distinct');
}

/**
 * What an OBX is an observation of, for its identity: its report (ORU), its dose (VXU), its order
 * (ORM/OML), its specimen (OUL), else the visit or the patient (ADT, VXU person observations).
 */
function anchorOf(scope: Scope): Resource | undefined {
  return scope.report ?? madeBy(scope, 'RXA', 'Immunization') ?? scope.serviceRequest ?? scope.specimen ?? scope.encounter ?? scope.patient;
}

/** OBX-15 producer's ID (CWE) → the producing Organization (IG: performer[2](Organization)). */
function producer(seg: SegmentReader, cx: Conversion): Json | undefined {
  const rep = seg.rep(15);
  const id = val(rep, 1);
  const name = val(rep, 2);
  if (id === undefined && name === undefined) return undefined;
  const identifier: Json | undefined = id === undefined ? undefined : { value: id };
  const org = cx.add({ resourceType: 'Organization', identifier: identifier === undefined ? undefined : [identifier], name }, identifier ?? name);
  return cx.ref(org, name) as unknown as Json;
}

/** OBX-18 equipment instance identifier (EI) → Device (IG: device(Device.identifier)). */
function equipment(seg: SegmentReader, cx: Conversion): Json | undefined {
  const identifier = eiIdentifier(seg.rep(18), cx);
  if (identifier === undefined) return undefined;
  const device = cx.add({ resourceType: 'Device', identifier: [identifier] }, identifier);
  return cx.ref(device) as unknown as Json;
}

export function mapObx(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const type = seg.str(2);
  if (scope.document !== undefined && type !== 'ED' && type !== 'RP') {
    // MDM: the OBX segments are the document body (IG: OBX[DocumentReference])
    const body = seg.reps(5).map((r) => r.map((c) => c.join('&')).join('^')).join('\n');
    if (body !== '') appendDocumentText(scope.document, body);
    seg.reps(3);
    return;
  }
  const o: Json = { resourceType: 'Observation' };
  const identifier = eiIdentifier(seg.rep(21), cx);
  if (identifier !== undefined) o.identifier = [identifier];
  // [hig identity] OBX-21, else what it observes + OBX-3 + OBX-4 (+ OBX-14 for patient/visit observations)
  const key = observationKey(identifier, anchorOf(scope), codeableConcept(seg.rep(3)), seg.str(4), seg.dateTime(14));
  o.status = lookupCode('ObservationResultStatusCodesInterpretation', seg.str(11)) ?? (scope.results ? 'unknown' : 'final');
  o.code = codeableConcept(seg.rep(3)) ?? { text: 'unknown' };
  if (scope.patient !== undefined) o.subject = cx.ref(scope.patient);
  if (scope.encounter !== undefined && scope.results) o.encounter = cx.ref(scope.encounter);
  const effective = seg.dateTime(14) ?? scope.effective;
  set(o, 'effectiveDateTime', effective);
  set(o, 'issued', scope.issued);
  const units = seg.rep(6);
  let value: ObservationValue | undefined;
  const values = seg.reps(5);
  if (type === 'ED' || type === 'RP') {
    const doc = documentReference(seg, type, scope, cx, key);
    if (doc !== undefined) o.derivedFrom = [cx.ref(doc)];
  } else if (values.length > 1 && (type === 'NM' || type === 'SN' || type === 'CWE' || type === 'CE' || type === 'CNE')) {
    // several values of a coded/numeric type: one component each (IG: OBX[Observation-Component])
    push(o, 'component', ...values.map((v) => {
      const cv = observationValue(type, [v], units, cx);
      return cv === undefined ? undefined : { code: o.code, [cv.element]: cv.value };
    }));
  } else value = observationValue(type, values, units, cx);
  if (value !== undefined) o[value.element] = value.value;
  push(o, 'interpretation', ...seg.reps(8).map((r) => codeableConcept(r, 'InterpretationCodes')));
  const range = referenceRange(seg.str(7), units);
  if (range !== undefined) o.referenceRange = [range];
  const performingOrgs = seg.reps(23).map((r) => organization(cx, r));
  push(o, 'performer', ...seg.reps(16).map((r) => practitioner(cx, r)), ...performingOrgs, producer(seg, cx));
  // OBX-24: the performing organization's address (IG: performer[2](Organization.address))
  const performingOrg = performingOrgs[0] === undefined ? undefined : cx.resources.get(`Organization/${performingOrgs[0].reference.slice('urn:uuid:'.length)}`);
  if (performingOrg !== undefined && performingOrg.address === undefined) push(performingOrg, 'address', ...seg.reps(24).map((r) => xadAddress(r, cx)));
  set(o, 'device', equipment(seg, cx));
  // OBX-29 observation type (table 0936) → category
  const kind = seg.str(29);
  if (kind !== undefined) o.category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0936', code: kind }] }];
  set(o, 'method', codeableConcept(seg.rep(17)));
  set(o, 'bodySite', codeableConcept(seg.rep(20)));
  if (scope.specimen !== undefined) o.specimen = cx.ref(scope.specimen);
  if (scope.serviceRequest !== undefined) o.basedOn = [cx.ref(scope.serviceRequest)];
  if (o.valueQuantity === undefined && o.valueCodeableConcept === undefined && o.valueString === undefined && o.component === undefined && values.length === 0) {
    // obs-6: dataAbsentReason only when there is no value
    o.dataAbsentReason = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: type === 'NA' ? 'not-applicable' : 'unknown' }] };
  }
  const observation = cx.add(o as Resource, key, 'distinct');
  if (scope.report !== undefined) push(scope.report, 'result', cx.ref(observation));
  // [IG ORM_O01 4.2.5.1 / OML_O21] an OBX of an order (not a result) supports it
  else if (!scope.results && scope.serviceRequest !== undefined && madeBy(scope, 'OBR', 'ServiceRequest') === scope.serviceRequest) push(scope.serviceRequest, 'supportingInfo', cx.ref(observation));
  scope.noteTarget = observation;
}
