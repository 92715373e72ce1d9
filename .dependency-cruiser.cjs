/** Layer rules of docs/architecture: dependencies point inward, the domain stays pure. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports only src/domain, zod and nothing with I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/zod/', '^content/'] },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'application-only-inward',
      comment: 'Use cases depend on the domain and on ports, never on adapters, web, jobs or main.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { path: '^src/(adapters|web|jobs|main|config)/' },
    },
    {
      name: 'adapters-not-outward',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(web|jobs|main)/' },
    },
    {
      name: 'web-not-into-adapters',
      comment: 'The web layer talks to use cases and ports; only main wires adapters in.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(adapters|jobs|main)/' },
    },
    {
      name: 'jobs-not-into-web',
      severity: 'error',
      from: { path: '^src/jobs/' },
      to: { path: '^src/(web|main)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
