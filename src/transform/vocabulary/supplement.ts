/**
 * Codes an IG concept map leaves without a FHIR target, where a receiver still needs one. Each
 * row says why; the IG's own rows always win (see index.ts). Data, not logic.
 */
export const SUPPLEMENT: Readonly<Record<string, Readonly<Record<string, readonly [code: string, display: string, system: string]>>>> = {
  ObservationResultStatusCodesInterpretation: {
    // S partial and R not verified are results nobody signed off: preliminary, never final
    S: ['preliminary', 'Preliminary', 'http://hl7.org/fhir/observation-status'],
    R: ['preliminary', 'Preliminary', 'http://hl7.org/fhir/observation-status'],
    // I pending (specimen in lab) and O order detail only: the observation exists, no result yet
    I: ['registered', 'Registered', 'http://hl7.org/fhir/observation-status'],
    O: ['registered', 'Registered', 'http://hl7.org/fhir/observation-status'],
    // B appended: FHIR's amended covers appended (observation-status definition)
    B: ['amended', 'Amended', 'http://hl7.org/fhir/observation-status'],
    // V verified and U changed to final without resending: final results
    V: ['final', 'Final', 'http://hl7.org/fhir/observation-status'],
    U: ['final', 'Final', 'http://hl7.org/fhir/observation-status'],
    // N not asked: there is no result; the IG sets dataAbsentReason not-asked
    N: ['unknown', 'Unknown', 'http://hl7.org/fhir/observation-status'],
  },
  'ResultStatus[Non-Queries]': {
    // A some results available (the IG row says partial in its comment, without a code)
    A: ['partial', 'Partial', 'http://hl7.org/fhir/diagnostic-report-status'],
    // N procedure completed, results pending
    N: ['registered', 'Registered', 'http://hl7.org/fhir/diagnostic-report-status'],
  },
};
