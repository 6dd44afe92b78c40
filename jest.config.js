// Jest in ESM mode: ts-jest only transpiles (tsconfig has isolatedModules, so it compiles file by
// file); `tsc` type-checks once, in `npm run lint`.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/actions'],
  testMatch: ['**/test/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  moduleNameMapper: {
    '^\\.\\./workflow-v1\\.0\\.min\\.json$': '<rootDir>/scripts/jest/workflow-schema.mjs',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testTimeout: 60_000,
  maxWorkers: 2,
};
