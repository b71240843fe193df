/** PID (+ PD1) → Patient (IG: PID[Patient], PD1[Patient]). */
import { type Conversion, type SegmentReader, push, set } from '../context.js';
import { xadAddress } from '../datatypes/address.js';
import { codeableConcept } from '../datatypes/coding.js';
import { cxIdentifier } from '../datatypes/identifier.js';
import { xpnName } from '../datatypes/name.js';
import { integer, val, yesNo } from '../datatypes/primitive.js';
import { ethnicityExtension, raceExtension } from '../datatypes/race-ethnicity.js';
import { xtnContactPoint } from '../datatypes/telecom.js';
import { toDateTime } from '../datatypes/time.js';
import { HL7_NULL } from '../../hl7/message.js';
import { organization, practitioner } from '../entities.js';
import { lookupCode } from '../vocabulary/index.js';
import { patientIdentity } from '../identity.js';
import type { Json, Resource } from '../types.js';
import type { Scope } from './scope.js';

const EXT = 'http://hl7.org/fhir/StructureDefinition/';

function telecoms(seg: SegmentReader, n: number, defaultUse: string, cx: Conversion): Json[] {
  return seg.reps(n).flatMap((r) => {
    const cp = xtnContactPoint(r, cx);
    if (cp === undefined) return [];
    if (cp.use === undefined && cp.system !== 'email') cp.use = defaultUse;
    return [cp];
  });
}

export function mapPid(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const cxList = (n: number): Json[] =>
    seg.reps(n).flatMap((r): Json[] => {
      const id = cxIdentifier(r, cx);
      return id === undefined ? [] : [id];
    });
  const list = cxList(3);
  const external = cxList(2);
  const alternate = cxList(4);
  const identifiers = [...list, ...external, ...alternate];
  const ssn = seg.str(19);
  if (ssn !== undefined) {
    identifiers.push({ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SS' }] }, system: 'http://hl7.org/fhir/sid/us-ssn', value: ssn });
  }
  const dln = seg.rep(20);
  if (val(dln, 1) !== undefined) {
    identifiers.push({ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'DL' }] }, value: val(dln, 1) });
  }
  const p: Json = { resourceType: 'Patient' };
  if (identifiers.length > 0) p.identifier = identifiers;
  push(p, 'name', ...seg.reps(5).map((r) => xpnName(r, cx)));
  push(p, 'name', ...seg.reps(9).map((r) => {
    const n = xpnName(r, cx);
    if (n !== undefined && n.use === undefined) n.use = 'nickname';
    return n;
  }));
  const telecom = [...telecoms(seg, 13, 'home', cx), ...telecoms(seg, 14, 'work', cx)];
  if (telecom.length > 0) p.telecom = telecom;
  set(p, 'gender', lookupCode('AdministrativeSex', seg.str(8)));
  const birth = seg.str(7);
  const birthDate = seg.date(7);
  if (birthDate !== undefined) {
    p.birthDate = birthDate;
    const withTime = toDateTime(birth, cx.timezone);
    if (withTime !== undefined && withTime.includes('T')) {
      p._birthDate = { extension: [{ url: `${EXT}patient-birthTime`, valueDateTime: withTime }] };
    }
  }
  const deathTime = seg.dateTime(29);
  const deathFlag = yesNo(seg.str(30));
  if (deathTime !== undefined) p.deceasedDateTime = deathTime;
  else if (deathFlag !== undefined) p.deceasedBoolean = deathFlag;
  push(p, 'address', ...seg.reps(11).map((r) => xadAddress(r, cx)));
  set(p, 'maritalStatus', codeableConcept(seg.rep(16), 'MaritalStatus'));
  const multiple = integer(seg.str(25));
  const multipleFlag = yesNo(seg.str(24));
  if (multiple !== undefined && multipleFlag !== false) p.multipleBirthInteger = multiple;
  else if (multipleFlag !== undefined) p.multipleBirthBoolean = multipleFlag;
  push(p, 'communication', ...seg.reps(15).map((r) => {
    const language = codeableConcept(r, 'PrimaryLanguage');
    return language === undefined ? undefined : { language, preferred: true };
  }));
  const ext: Json[] = [];
  // [US Core Patient] PID-10 race, PID-22 ethnic group
  const race = raceExtension(seg.reps(10));
  if (race !== undefined) ext.push(race);
  const ethnicity = ethnicityExtension(seg.reps(22));
  if (ethnicity !== undefined) ext.push(ethnicity);
  const maiden = val(seg.rep(6), 1);
  if (maiden !== undefined) ext.push({ url: `${EXT}patient-mothersMaidenName`, valueString: maiden });
  const religion = codeableConcept(seg.rep(17), 'Religion');
  if (religion !== undefined) ext.push({ url: `${EXT}patient-religion`, valueCodeableConcept: religion });
  const birthPlace = seg.str(23);
  if (birthPlace !== undefined) ext.push({ url: `${EXT}patient-birthPlace`, valueAddress: { text: birthPlace } });
  for (const r of seg.reps(26)) {
    const c = codeableConcept(r);
    if (c !== undefined) ext.push({ url: `${EXT}patient-citizenship`, extension: [{ url: 'code', valueCodeableConcept: c }] });
  }
  for (const r of seg.reps(28)) {
    const c = codeableConcept(r);
    if (c !== undefined) ext.push({ url: `${EXT}patient-nationality`, extension: [{ url: 'code', valueCodeableConcept: c }] });
  }
  if (ext.length > 0) p.extension = ext;
  // [hig patient identity] chosen by rule from PID-3 (PID-2, PID-4, PID-19 when PID-3 is empty), not by position
  const identity = patientIdentity(list) ?? patientIdentity(external) ?? patientIdentity(alternate) ?? patientIdentity(identifiers);
  const patient = cx.add(p as Resource, identity);
  scope.patient = patient;
  cx.clear(patient, Object.entries(PID_ELEMENTS).filter(([n]) => seg.segment.fields[Number(n)] === HL7_NULL).flatMap(([, elements]) => elements));
  // PID-18 patient account number → Account (IG: PID[Account])
  const account = cxIdentifier(seg.rep(18), cx);
  if (account !== undefined) {
    if (account.type === undefined) account.type = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'AN' }] };
    cx.add({ resourceType: 'Account', identifier: [account], status: 'active', subject: [cx.ref(patient)] }, account);
  }
  scope.noteTarget = undefined;
}

/**
 * The Patient elements each PID field fills (above): a field sent as `""` deletes them
 * [v2.5.1 2.5.3] when updates keep omitted fields (patch.ts). Fields that share an element
 * (PID-5/PID-9 names, PID-13/PID-14 telecoms) only clear it when the other sends nothing either
 * (patch.ts removes only elements the resource does not have). Extensions (race, ethnicity…)
 * share one `extension` array and are not cleared one by one (docs/mapping.md, known gaps).
 */
export const PID_ELEMENTS: Readonly<Record<number, readonly string[]>> = {
  5: ['name'],
  7: ['birthDate'],
  8: ['gender'],
  11: ['address'],
  13: ['telecom'],
  14: ['telecom'],
  15: ['communication'],
  16: ['maritalStatus'],
  24: ['multipleBirthBoolean', 'multipleBirthInteger'],
  25: ['multipleBirthInteger'],
  29: ['deceasedDateTime', 'deceasedBoolean'],
  30: ['deceasedBoolean', 'deceasedDateTime'],
};

export function mapPd1(seg: SegmentReader, scope: Scope, cx: Conversion): void {
  const patient = scope.patient;
  if (patient === undefined) return;
  const gps = [...seg.reps(4).map((r) => practitioner(cx, r)), ...seg.reps(3).map((r) => organization(cx, r))];
  push(patient, 'generalPractitioner', ...gps);
}
