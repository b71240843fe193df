/**
 * Link and unlink events (review 31 R31-R1). [v2.5.1 3.3.24] A24 *link patient information*: "the first
 * PID segment needs to be linked to the second PID segment and … both patient identifiers identify the
 * same patient"; "linking two or more patients does not require the actual merging of patient
 * information; following a link event, the affected patient data records should remain distinct".
 * [v2.5.1 3.3.37] A37 *unlink patient information* undoes it. The IG has no ADT_A24/ADT_A37 map (its
 * MessageStructure and EventType maps only name them), so the row is FHIR's: [FHIR R4 Patient.link,
 * link-type `seealso`] "the patient resource containing this link is in use and valid, but points to
 * another patient resource that is known to contain data about the same person" — both records stay
 * active, each `seealso` the other.
 *
 * Written as a merge survivor is (hig merge rule, patch.ts): a Patient whose identity has a system is
 * found by its search and patched, each link deleted where held and added, so a resend adds no second
 * link and the links it already holds (an earlier merge's `replaces`/`replaced-by`, other `seealso`s)
 * stay; A37 patches the same Patients with the delete of that one link alone (patch.ts unlinkEntries). A Patient with
 * no search is PUT whole, marked to keep the identifiers the server holds that its PID does not name (R67-L1).
 */
import type { Conversion } from './context.js';
import type { EventMeaning } from './events.js';
import type { Json, Resource } from './types.js';

/** Adds (A24) or marks for removal (A37) the `seealso` pair between the first two PID Patients; returns report lines. */
export function linkPatients(cx: Conversion, meaning: EventMeaning): string[] {
  const mode = meaning.patientLink;
  if (mode === undefined) return [];
  // the PIDs' Patients, in message order (nothing else in ADT_A24/ADT_A37 makes a Patient)
  const patients = [...cx.resources.values()].filter((r) => r.resourceType === 'Patient');
  const [first, second] = patients;
  const verb = mode === 'link' ? 'linked' : 'unlinked';
  if (first === undefined || second === undefined) return [`no Patient.link ${verb}: the message names one patient record, not two`];
  const notes = patients.length > 2 ? [`only the first two patient records are ${verb} (v2.5.1 3.3.24: the first PID with the second); ${patients.length - 2} more named`] : [];
  const pair: [Resource, Resource][] = [
    [first, second],
    [second, first],
  ];
  for (const [self, other] of pair) {
    // [R67-L1; IG PID[Patient] #3, the facts earlier messages delivered] a link event names each record by the
    // numbers its sender knows (an EMPI's A24: the source record's MRN + PHN), it does not restate the record's
    // identifiers: its PUT whole (a Patient with no search) erased the registry number and the enterprise id the
    // server held. Marked as R62-L2's retired record is: the FHIR destination keeps each held identifier the PUT
    // does not name (destinations/held-elements.ts); a Patient found by its search is patched and keeps them anyway
    cx.keepHeld(self, 'identifier');
    const link: Json = { other: cx.ref(other), type: 'seealso' };
    const key = `Patient/${self.id ?? ''}`;
    if (mode === 'link') {
      self.link = [...((self.link as Json[] | undefined) ?? []), link];
      cx.survivors.add(key);
    } else cx.unlinks.set(key, [link]);
  }
  return notes;
}
