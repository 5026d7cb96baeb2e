// ESLint flat config: typescript-eslint's recommended rules on the TypeScript sources and tests, and
// ESLint's recommended rules on the Node scripts (*.mjs). Run with `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The Node and browser globals the scripts use (no extra dependency for the full lists).
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'AbortController', 'AbortSignal',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask',
    'performance', 'structuredClone', 'TextEncoder', 'TextDecoder', 'require', 'module', '__dirname',
  ].map((name) => [name, 'readonly']),
);
const browserGlobals = { window: 'readonly', document: 'readonly' };

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.test-host/**', 'test-results/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommended],
    rules: {
      // TypeScript already reports undefined names, with the right lib and types.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and the emulator handle untyped JSON (AWS wire payloads, fakes): `any` is fine there.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'preserve-caught-error': 'warn',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...nodeGlobals, ...browserGlobals }, ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
