// One jest run for the whole repo: unit specs beside the code (libs/, apps/api/src) and
// integration specs (apps/api/test) against a real PostgreSQL database made for the run.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // apps/web: only its pure lib/ specs (no Next is loaded; components are covered by the browser journeys).
  roots: ['<rootDir>/libs', '<rootDir>/apps/api', '<rootDir>/apps/web/lib', '<rootDir>/apps/web/i18n', '<rootDir>/e2e', '<rootDir>/bench'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.next/'],
  // Nest 12, next-intl's core (use-intl) and the ICU message parser ship ESM only: they go through the transform too.
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|use-intl|intl-messageformat|@formatjs|icu-minify|@schummar)/)'],
  moduleNameMapper: {
    // The generated Prisma client imports its own .ts files as .js.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@telehealth/contracts$': '<rootDir>/libs/contracts/src/index.ts',
    '^@telehealth/room-engine$': '<rootDir>/libs/room-engine/src/index.ts',
    '^@telehealth/call-engine$': '<rootDir>/libs/call-engine/src/index.ts',
    // The web app's own imports (`@/messages/en`, `@/i18n/translator`) in its lib and i18n specs.
    '^@/(.*)$': '<rootDir>/apps/web/$1',
  },
  globalSetup: '<rootDir>/apps/api/test/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api/test/global-teardown.ts',
  testTimeout: 30_000,
};
