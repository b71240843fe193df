/**
 * "Meaning" of a FHIR Bundle as a set of comparable facts: resource types, business
 * identifiers, names, birth date, gender, codes, values/units and dates (as instants). Used to
 * compare hig's output with another converter's without comparing ids, systems or layout.
 */
type R = Record<string, unknown>;

const CODE_ELEMENTS = ['code', 'vaccineCode', 'medicationCodeableConcept'];
const DATE_ELEMENTS = ['effectiveDateTime', 'occurrenceDateTime', 'authoredOn', 'onsetDateTime', 'performedDateTime', 'recordedDate', 'start', 'end'];

function arr(v: unknown): R[] {
  return Array.isArray(v) ? (v as R[]) : v !== undefined && v !== null && typeof v === 'object' ? [v as R] : [];
}

/** A dateTime as an instant when it has a time, else the date itself. */
export function instant(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (!v.includes('T')) return v;
  const t = Date.parse(v);
  return Number.isNaN(t) ? v : new Date(t).toISOString();
}

export function facts(bundle: R): Set<string> {
  const out = new Set<string>();
  for (const entry of arr(bundle.entry)) {
    const r = entry.resource as R | undefined;
    if (r === undefined) continue;
    const t = String(r.resourceType);
    out.add(`type:${t}`);
    for (const id of arr(r.identifier)) if (typeof id.value === 'string') out.add(`${t}.identifier=${id.value}`);
    if (t === 'Patient' || t === 'RelatedPerson') {
      for (const n of arr(r.name)) {
        if (typeof n.family === 'string') out.add(`${t}.family=${n.family}`);
        for (const g of Array.isArray(n.given) ? n.given : []) out.add(`${t}.given=${String(g)}`);
      }
      if (typeof r.gender === 'string') out.add(`${t}.gender=${r.gender}`);
      // the day only: the IG's contributed sample writes a time into birthDate
      if (typeof r.birthDate === 'string') out.add(`${t}.birthDate=${r.birthDate.slice(0, 10)}`);
    }
    for (const el of CODE_ELEMENTS) {
      for (const c of arr((r[el] as R | undefined)?.coding)) if (typeof c.code === 'string') out.add(`${t}.${el}=${c.code}`);
    }
    const q = r.valueQuantity as R | undefined;
    if (q !== undefined && typeof q.value === 'number') out.add(`${t}.value=${q.value}`);
    if (typeof r.valueString === 'string') out.add(`${t}.valueString=${r.valueString.trim()}`);
    for (const c of arr((r.valueCodeableConcept as R | undefined)?.coding)) if (typeof c.code === 'string') out.add(`${t}.valueCode=${c.code}`);
    for (const el of DATE_ELEMENTS) {
      const v = instant(r[el]);
      if (v !== undefined) out.add(`${t}.${el}@${v}`);
    }
    const period = r.period as R | undefined;
    if (t === 'Encounter' && period !== undefined) {
      const s = instant(period.start);
      if (s !== undefined) out.add(`Encounter.period.start@${s}`);
    }
  }
  return out;
}

/** Facts of the core patient identity that any two converters must agree on: gender and birth date. */
export function patientFacts(all: Set<string>): string[] {
  return [...all].filter((f) => /^Patient\.(gender|birthDate)=/.test(f));
}

/** Family names of patients (the other converter adds names from NK1/IN2/GT1, so "at least one"). */
export function familyNames(all: Set<string>): string[] {
  return [...all].filter((f) => f.startsWith('Patient.family='));
}
