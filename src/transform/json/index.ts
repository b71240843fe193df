/** Placeholder until the JSON mapping engine lands: every mapping id is unknown. */
import { PermanentError } from '../../errors.js';
import type { ConvertOptions, ConvertResult } from '../index.js';

export function convertSourceData(mappingId: string, _sourceData: unknown, _options?: ConvertOptions & { mappingsDir?: string }): ConvertResult {
  throw new PermanentError('MAPPING_NOT_FOUND', `mapping ${mappingId.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 60)} not found`);
}
