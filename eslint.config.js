// One strict lint for the whole tree; formatting is Prettier's job, so its rules are switched off.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
// Each workspace (packages/*, actions/*) declares what its files import in its own package.json;
// test tooling (jest, @jest/globals…) is the root's, so tests may also use the root's devDependencies.
const workspaces = ['packages', 'actions'].flatMap((dir) =>
  readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => existsSync(path.join(root, dir, entry.name, 'package.json')))
    .map((entry) => `${dir}/${entry.name}`),
);
const testFiles = ['**/test/**', '**/*.test.ts'];

export default tseslint.config(
  {
    // Test fixtures are test data (task definitions, workflows, action scripts run as they are),
    // except the TypeScript ones, which are code the tests import.
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '**/test/fixtures/**/*',
      '!**/test/fixtures/**/*.ts',
      '.tmp/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/explicit-function-return-type': 'off',
    },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') }),
      ],
      // Cycles are ours to find: never parse what is installed.
      'import-x/ignore': ['node_modules'],
    },
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        // Outside the workspaces (bench, scripts, configs) everything is development tooling.
        { devDependencies: true, includeTypes: true, packageDir: root },
      ],
    },
  },
  ...workspaces.map((workspace) => ({
    files: [`${workspace}/**`],
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        {
          devDependencies: testFiles,
          includeTypes: true,
          packageDir: [path.join(root, workspace), root],
        },
      ],
    },
  })),
  {
    files: ['packages/*/src/**/*.ts', 'actions/*/src/**/*.ts'],
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['**/test/**/*.ts', 'bench/**/*.ts', 'scripts/**', '**/*-cli.ts', '**/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
