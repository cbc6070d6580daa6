// Jest runs in ES-module mode (Nest 12 ships ESM only): see STACK.md.
// Four tiers, selected with --selectProjects: unit (beside the code), medium (real
// PostgreSQL + Redis), e2e (a started server over HTTP/WebSocket), browser (Debian Chromium
// against a started server; run through `npm run test:browser`, which gives it its own network
// namespace: test/browser/run.sh).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@enclave/audit$': '<rootDir>/audit/src/index.ts',
    '^@enclave/media$': '<rootDir>/apps/media/src/index.ts',
    '^@enclave/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  rootDir: '.',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

export default {
  // Per-project testTimeout is ignored by Jest 30; servers and databases start within this.
  testTimeout: 120000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,audit}/**/src/**/*.spec.ts'] },
    { ...shared, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.test.ts'], testTimeout: 60000 },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], testTimeout: 120000 },
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'], testTimeout: 120000 },
  ],
};
