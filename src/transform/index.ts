/**
 * HL7 v2 / JSON source data → FHIR R4 transaction Bundle. The contract the worker, the CLI and
 * the HTTP routes call; see docs/mapping.md.
 */
import { convertMessage } from './hl7v2.js';
import { convertSourceData } from './json/index.js';
import { validateBundle as validate } from './validate.js';

export type { ConvertOptions, ConvertResult } from './contract.js';
import type { ConvertOptions, ConvertResult } from './contract.js';

export function convertHl7v2(message: string | Buffer, options?: ConvertOptions): ConvertResult {
  return convertMessage(message, options);
}

export function convertJson(mappingId: string, sourceData: unknown, options?: ConvertOptions & { mappingsDir?: string }): ConvertResult {
  return convertSourceData(mappingId, sourceData, options);
}

/**
 * Validate every resource against FHIR R4; returns issues without PHI (path + message with values
 * stripped). No error = valid. `{ usCore: true }` adds US Core 5.0.1 conformance warnings.
 */
export function validateBundle(bundle: Record<string, unknown>, options: { usCore?: boolean } = {}): Array<{ severity: string; path: string; message: string }> {
  return validate(bundle, options);
}

export { splitMessages } from '../hl7/message.js';
