// One lint gate for the whole repository (`npm run lint`, run by .ci/run): type-aware
// typescript-eslint everywhere, React's hook rules in the web app, and exhaustive switches,
// so a new enum member (a visit phase, an error reason) cannot be forgotten in a switch.
// Formatting is Prettier's job (`prettier --check` in the same script); eslint-config-prettier
// turns off the rules that would disagree with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/next-env.d.ts',
      'apps/api/src/generated/**',
      'test-artifacts/**',
      'bench/results/**',
      '.data/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // In-memory twins of Redis-backed stores implement the same async interface without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // React's onSubmit={async …} is the idiom; the handlers catch their own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // One job per file and per function: a service that grows past these is doing two things.
    // React components (apps/web/components, app/) are exempt from the function length.
    files: ['apps/api/src/**/*.ts', 'libs/*/src/**/*.ts', 'apps/web/lib/**/*.ts', 'apps/web/hooks/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Specs read JSON bodies and socket payloads as they come (supertest's body is `any`): checking
    // their shape is what the expectations do.
    // prisma.config.ts patches the pg driver's internals, which have no types, for Prisma's CLI (see OFFLINE-FACTS).
    files: ['**/*.spec.ts', 'apps/api/test/**', 'e2e/**', 'bench/**', 'prisma.config.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    // Node scripts; the benchmarks also hand functions to page.evaluate, which run in the browser.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
