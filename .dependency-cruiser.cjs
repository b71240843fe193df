/**
 * Import rules checked by `npm test` (dependency-cruiser): no cycles, and data flows one way,
 * sources → intake → queue → transform → destinations (DESIGN.md "Data flow"). A module may import
 * from its own layer and from the layers below it; the shared leaves (wire format, sealing,
 * errors, logging, config, Redis and metrics) are open to every layer that needs them.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order and ownership unclear; break them with a smaller shared module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'transform-is-pure',
      severity: 'error',
      comment: 'The conversion is pure functions of the message: it never reaches into transports, queues, destinations, the store or HTTP.',
      from: { path: '^src/transform/' },
      to: { path: '^src/(sources|intake|intake-json|queue|destinations|store|http|routing|alerts|redis|daemon|cli|steps|worker-processes)' },
    },
    {
      name: 'destinations-are-downstream',
      severity: 'error',
      comment: 'Destinations receive a payload; they never import sources, intake, queues, HTTP or the composition root (the channel destination gets intake injected).',
      from: { path: '^src/destinations/' },
      to: { path: '^src/(sources|intake|intake-json|queue|http|daemon|cli|steps|worker-processes|store)' },
    },
    {
      name: 'queue-is-below-sources',
      severity: 'error',
      comment: 'The queue layer runs jobs; it does not know how messages arrived.',
      from: { path: '^src/queue/' },
      to: { path: '^src/(sources|intake|intake-json|http|daemon|cli)' },
    },
    {
      name: 'wire-format-is-a-leaf',
      severity: 'error',
      comment: 'src/hl7 is bytes and text only.',
      from: { path: '^src/hl7/' },
      to: { path: '^src/(?!hl7/|errors)' },
    },
    {
      name: 'store-is-below-http',
      severity: 'error',
      comment: 'The message store is a library used by workers, HTTP and the CLI; it imports none of them.',
      from: { path: '^src/store/' },
      to: { path: '^src/(sources|intake|intake-json|queue|http|daemon|cli|steps)' },
    },
    {
      name: 'security-is-a-leaf',
      severity: 'error',
      comment: 'Sealing and keys are used everywhere and depend on nothing but errors and config types (rotation walks queued jobs).',
      from: { path: '^src/security/(?!rotate)' },
      to: { path: '^src/(sources|intake|intake-json|queue|transform|destinations|http|daemon|cli|steps)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
