/**
 * HL7 table 0396 (coding system) names → FHIR system URIs, as listed by the V2-to-FHIR IG and
 * terminology.hl7.org. Data, not logic: add rows, don't add branches.
 */
export const CODING_SYSTEMS: Readonly<Record<string, string>> = {
  LN: 'http://loinc.org',
  LOINC: 'http://loinc.org',
  SCT: 'http://snomed.info/sct',
  SNM: 'http://snomed.info/sct',
  SNOMED: 'http://snomed.info/sct',
  SNOMEDCT: 'http://snomed.info/sct',
  'SNOMED-CT': 'http://snomed.info/sct',
  I10: 'http://hl7.org/fhir/sid/icd-10',
  ICD10: 'http://hl7.org/fhir/sid/icd-10',
  'I10-CM': 'http://hl7.org/fhir/sid/icd-10-cm',
  I10C: 'http://hl7.org/fhir/sid/icd-10-cm',
  ICD10CM: 'http://hl7.org/fhir/sid/icd-10-cm',
  'ICD-10-CM': 'http://hl7.org/fhir/sid/icd-10-cm',
  'ICD-10': 'http://hl7.org/fhir/sid/icd-10',
  'I10-P': 'http://www.cms.gov/Medicare/Coding/ICD10',
  I10P: 'http://www.cms.gov/Medicare/Coding/ICD10',
  I9: 'http://hl7.org/fhir/sid/icd-9-cm',
  I9C: 'http://hl7.org/fhir/sid/icd-9-cm',
  I9CP: 'http://hl7.org/fhir/sid/icd-9-cm',
  ICD9: 'http://hl7.org/fhir/sid/icd-9-cm',
  // table 0396 I9CDX (ICD-9-CM diagnosis codes) and the spellings senders use for ICD-9-CM
  I9CDX: 'http://hl7.org/fhir/sid/icd-9-cm',
  ICD9CM: 'http://hl7.org/fhir/sid/icd-9-cm',
  'ICD-9-CM': 'http://hl7.org/fhir/sid/icd-9-cm',
  C4: 'http://www.ama-assn.org/go/cpt',
  CPT: 'http://www.ama-assn.org/go/cpt',
  CPT4: 'http://www.ama-assn.org/go/cpt',
  CVX: 'http://hl7.org/fhir/sid/cvx',
  MVX: 'http://terminology.hl7.org/CodeSystem/MVX',
  NDC: 'http://hl7.org/fhir/sid/ndc',
  // Health Canada Drug Identification Number (not in table 0396; Canadian pharmacy senders write DIN): its THO
  // CodeSystem url, as the CA Baseline uses it (review 55 R55-N7: urn:hl7v2:codesystem:DIN matched nothing)
  DIN: 'http://hl7.org/fhir/NamingSystem/ca-hc-din',
  RXNORM: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  RXN: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  UCUM: 'http://unitsofmeasure.org',
  UCUM1: 'http://unitsofmeasure.org',
  NUCC: 'http://nucc.org/provider-taxonomy',
  CDCREC: 'urn:oid:2.16.840.1.113883.6.238',
  HCPCS: 'http://terminology.hl7.org/CodeSystem/HCPCS',
  HPC: 'http://terminology.hl7.org/CodeSystem/HCPCS',
  NCI: 'http://ncimeta.nci.nih.gov',
  // NCI Thesaurus (route codes in CDC immunization messages, e.g. C28161 intramuscular)
  NCIT: 'http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl',
  // CDC PHIN VADS: PHIN VS local codes, and NIP001 immunization information source (RXA-9)
  CDCPHINVS: 'urn:oid:2.16.840.1.114222.4.5.274',
  NIP001: 'urn:oid:2.16.840.1.114222.4.5.293',
  // NIP002 substance refusal reason (RXA-18 → Immunization.statusReason; review 39 R39-N4): PHIN VADS code
  // system "Substance Refusal Reason (NIP)", 2.16.840.1.114222.4.5.294, as a published FHIR API's
  // Immunization.statusReason binding names it (the PHIN VADS page itself is not reachable from here).
  // NIP003/NIP004 (observation identifiers, contraindications) stay urn:hl7v2:codesystem:: no source
  // found gives their OIDs, and none of the corpus's, the tests' or the reviews' messages sends them
  NIP002: 'urn:oid:2.16.840.1.114222.4.5.294',
  ISO3166_1: 'urn:iso:std:iso:3166',
  ISO3166: 'urn:iso:std:iso:3166',
  // ISO 639 codes are stated as BCP 47 tags: 639-2 codes with a 639-1 equivalent become it (languages.ts)
  ISO639: 'urn:ietf:bcp:47',
  FDDC: 'http://hl7.org/fhir/sid/ndc',
  CAS: 'http://terminology.hl7.org/CodeSystem/CAS',
  NPI: 'http://hl7.org/fhir/sid/us-npi',
  // table 0396 MDC, ISO/IEEE 11073-10101 device nomenclature (PCD-01 monitor feeds), and DCM, DICOM
  // Controlled Terminology (PS3.16, e.g. 113014 Study Instance UID): the URIs FHIR R4's and THO's code
  // system registries give them (THO CodeSystem v3-DCM). The IG has no table 0396 map; until review 36
  // (R36-N2) they were `urn:hl7v2:codesystem:MDC` / `:DCM`, which no receiver knows
  MDC: 'urn:iso:std:iso:11073:10101',
  DCM: 'http://dicom.nema.org/resources/ontology/DCM',
};

/** Names resolved so far (bounded like ids.ts's recent ids: a sender's local names are few). */
const resolved = new Map<string, string>();
const RESOLVED_MAX = 10_000;

/** Resolves a v2 coding system name: table 0396 names, `HL7nnnn` tables, OIDs and URIs. */
export function codingSystemUri(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return undefined;
  // every coding of every message asks; the answers depend on the name alone
  let uri = resolved.get(name);
  if (uri === undefined) {
    if (resolved.size >= RESOLVED_MAX) resolved.clear();
    uri = resolve(name);
    resolved.set(name, uri);
  }
  return uri;
}

/** An OID (as `urn:oid:`) or a URI as written; anything else (a local name, a state code) is no URI. */
export function oidOrUri(name: string): string | undefined {
  if (/^\d+(\.\d+)+$/.test(name)) return `urn:oid:${name}`;
  if (/^(https?|urn):/i.test(name)) return name;
  return undefined;
}

function resolve(name: string): string {
  const known = CODING_SYSTEMS[name.toUpperCase()];
  if (known !== undefined) return known;
  // HL7 tables as senders write them: HL70127, HL7-0127, and short forms without the leading zeros
  // (HL7127, Hl7128, HL7280: seen in the Microsoft corpus, review 5's re-read); all name table 0127 etc.
  const table = /^HL7[-_ ]?(\d{1,4})$/i.exec(name);
  if (table !== null) return `http://terminology.hl7.org/CodeSystem/v2-${table[1]!.padStart(4, '0')}`;
  const uri = oidOrUri(name);
  if (uri !== undefined) return uri;
  // a local name: keep it deterministic and valid as a URI without claiming a real system
  return `urn:hl7v2:codesystem:${encodeURIComponent(name)}`;
}
