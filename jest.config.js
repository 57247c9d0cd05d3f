/**
 * Tests run the TypeScript sources through swc, with decorator metadata for
 * type-graphql and MikroORM. Every test runs on SQLite; the integration suites
 * run a second time on PostgreSQL (the `postgresql` project).
 */
/** ESM-only dependencies that the tests load (see the transform below). */
const ESM_ONLY_PACKAGES = ['oidc-provider', 'openid-client', 'oauth4webapi'];

const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  setupFiles: ['reflect-metadata'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
    // Node 20 loads ESM-only packages with require(esm), but Jest's own module loader
    // does so only on Node 24.9+ ("Must use import to load ES Module"): the OpenID
    // Connect packages (and jose 6 under them) are compiled to CommonJS for the tests.
    '/node_modules/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' }, sourceMaps: false }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)(?!jose/dist/webapi/)`],
};

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // The suites start whole systems; a worker keeps what the modules left on the global
  // scope (type-graphql's metadata among it), so one process running every suite in turn
  // grows until garbage collection stalls it. A worker past this much memory is replaced
  // between suites. Setting it also keeps Jest from running everything in its own process.
  workerIdleMemoryLimit: '1GB',
  projects: [
    { ...base, displayName: 'sqlite', testMatch: ['<rootDir>/test/**/*.test.ts'] },
    {
      ...base,
      displayName: 'postgresql',
      testMatch: [
        '<rootDir>/test/division/**/*.test.ts',
        '<rootDir>/test/joint/**/*.test.ts',
        '<rootDir>/test/gateway/gateway.test.ts',
        // The response cache's store is PostgreSQL there, as several gateways share it in production.
        '<rootDir>/test/gateway/response-cache.test.ts',
        // What an anonymous caller can make the system do, on the production engine too.
        '<rootDir>/test/security/text-rule.test.ts',
        '<rootDir>/test/security/subgraph-boundary.test.ts',
        '<rootDir>/test/security/amplification.test.ts',
        '<rootDir>/test/security/oracles.test.ts',
        '<rootDir>/test/security/generated-hostile.test.ts',
        '<rootDir>/test/gateway/operational-endpoints.test.ts',
        // The identity provider's accounts and its sessions, grants and refresh tokens.
        '<rootDir>/test/identity/authorization-code.test.ts',
        '<rootDir>/test/identity/sign-in.test.ts',
      ],
      globals: { __TEST_DATABASE__: 'postgresql' },
    },
  ],
};
