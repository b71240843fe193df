/**
 * IPC (Imaging Procedure Control, v2.5.1 ch. 4, OMI^O23 ORDER `… OBR … {IPC}`): one scheduled procedure
 * step of the requested procedure the OBR is. The IG has no IPC sheet and no OMI_O23 message map; hig
 * maps the one field whose FHIR R4 home is unambiguous and leaves the rest in the report
 * (docs/mapping.md "IPC (imaging procedure control)", review 45 R45-R1).
 */
import type { Conversion, SegmentReader } from '../context.js';
import { eiIdentifier } from '../datatypes/identifier.js';
import { addOrderIdentifier } from './order.js';
import { type Scope, orderRequest } from './scope.js';

/**
 * [hig rule, no IG row; FHIR R4 v2-0203 ACSN "Accession ID"; FHIR R4 ImagingStudy.identifier and
 * ImagingStudy.basedOn (the accession number names the imaging service request)] IPC-1 Accession
 * Identifier (EI) → the order's ServiceRequest.identifier with type ACSN, by EI[Identifier] (EI.2–EI.4 the
 * system or assigner as for every EI): the number the modality worklist, the images (DICOM
 * (0008,0050)) and the report carry, by which a receiver finds the order of a study. Each IPC of the
 * order (one per scheduled procedure step) repeats it: added once.
 *
 * Not read, so each is reported "valued but not mapped" (no IG row, and no FHIR R4 element of the
 * ServiceRequest says it): IPC-2 Requested Procedure ID (no table 0203 type), IPC-3 Study Instance UID
 * (the study's identifier: ImagingStudy.identifier urn:dicom:uid, and hig makes no ImagingStudy from a
 * step scheduled, before a study exists), IPC-4 Scheduled Procedure Step ID, IPC-5 Modality, IPC-6
 * Protocol Code, IPC-7 Scheduled Station Name, IPC-8 Scheduled Procedure Step Location, IPC-9 Scheduled
 * Station AE Title (the step's, not the order's: a Task or ImagingStudy hig does not make).
 */
export function mapIpc(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const request = orderRequest(scope);
  if (request === undefined) return;
  const accession = eiIdentifier(seg.rep(1), cx, 'ACSN');
  if (accession !== undefined) addOrderIdentifier(request, accession, cx);
}
