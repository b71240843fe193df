/** Mappers for the remaining structures (filled in as events are added). */
import type { SegmentMapper } from './scope.js';

export const EXTRA_MAPPERS: Readonly<Record<string, SegmentMapper>> = {};
