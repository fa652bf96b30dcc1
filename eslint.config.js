// Lint rules: typescript-eslint's type-aware recommended set over sources, tests and benchmarks,
// the layers of the code (STYLE.md) and a file size limit.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'coverage/', 'node_modules/', 'migrations/', 'test/openapi/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Fastify plugins are async by contract even when they register synchronously.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  {
    // A file that passes 300 lines probably holds two things.
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    // Layers: the domain is pure and imports only the domain (and the error type).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*', '!../errors.js'], message: 'El dominio solo importa del dominio (src/domain) y src/errors.ts.' }] },
      ],
    },
  },
  {
    // Modules are below the HTTP layer, and decide permissions with the named rules of src/domain/access.ts.
    files: ['src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/http/*', '**/http'], message: 'Los módulos no importan la capa HTTP (src/http).' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression.left[object.name='actor'][property.name='role']",
          message: 'Decida el permiso con una regla de src/domain/access.ts (authorize(canX(actor, …))), no comparando actor.role.',
        },
      ],
    },
  },
  {
    // Response bodies and asymmetric matchers are `any` by design in tests.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The offline visit page's scripts run in the browser (the page and its service worker), not in Node.
    files: ['templates/app/offline/**/*.js', 'templates/web/verifier/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } },
  },
  // Layout is Prettier's (npm run format).
  prettier,
);
