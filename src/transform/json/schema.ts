/** The declarative JSON mapping file format (`mappings/<id>.json`), validated with zod. */
import { z } from 'zod';

const Transform = z.object({
  /** Source date layout, e.g. "MM/DD/YYYY"; output is a FHIR date. */
  date: z.string().optional(),
  /** Code map applied after reading: source value → target value. */
  map: z.record(z.string(), z.string()).optional(),
  case: z.enum(['upper', 'lower']).optional(),
  trim: z.boolean().optional(),
});

export const FieldRule = z
  .object({
    /** FHIR path inside the resource, e.g. `name[0].given[0]`. */
    target: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])?(\.[A-Za-z_][A-Za-z0-9_]*(\[\d+\])?)*$/),
    /** Source path in the input JSON, e.g. `patient.name.first` or `ids[0]`. */
    source: z.string().optional(),
    /** Several source paths joined with `separator` (default one space). */
    concat: z.array(z.string()).min(1).optional(),
    separator: z.string().optional(),
    /** A constant. */
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** Used when the source is absent or empty. */
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** Reference to the first resource of this type made by the same mapping. */
    reference: z.string().optional(),
    required: z.boolean().optional(),
    transform: Transform.optional(),
  })
  .strict();

export const ResourceRule = z
  .object({
    resourceType: z.string().regex(/^[A-Z][A-Za-z]+$/),
    /** Business identifier used for the deterministic id: system + the source path of the value. */
    key: z.object({ system: z.string(), source: z.string() }).optional(),
    fields: z.array(FieldRule).min(1),
  })
  .strict();

export const MappingFile = z
  .object({
    id: z.string(),
    description: z.string().optional(),
    version: z.string().optional(),
    resources: z.array(ResourceRule).min(1),
  })
  .strict();

export type MappingFile = z.infer<typeof MappingFile>;
export type FieldRule = z.infer<typeof FieldRule>;
