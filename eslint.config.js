import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'neo4j-local/', 'src/graphql/generated/', 'coverage/', 'test-artifacts/', 'bench/results/', 'bench/data/', 'public/build/', 'public/build.*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The pages' sources run in the browser (their Vite config runs in Node).
    files: ['web/**/*.ts'],
    ignores: ['web/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
