import js from '@eslint/js';
import { readFileSync } from 'node:fs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Module boundaries (README "Architecture"). Imports are relative, so a rule names the
 * top-level folder an import climbs into: `^(\.\./)+gateway(/|$)` from anywhere below it.
 */
const TOP_LEVEL = [
  'bench',
  'console',
  'contracts',
  'domain',
  'fixtures',
  'gateway',
  'policies',
  'policy-store',
  'postgres',
  'records',
  'schema',
  'scripts',
  'subgraphs',
  'test',
];

/** A no-restricted-imports rule refusing imports of these top-level modules, saying why. */
function mayNotImport(modules, why) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: modules.map((module) => ({
          regex: `^(\\.\\./)+${module}(/|$)`,
          message: `${why} (README, Architecture).`,
        })),
      },
    ],
  };
}

const DEPARTMENTS = JSON.parse(readFileSync('schema/manifest.json', 'utf8')).subgraphs.map(
  (d) => d.name,
);

const allBut = (...allowed) => TOP_LEVEL.filter((module) => !allowed.includes(module));

const boundaries = [
  {
    files: ['contracts/**/*.ts'],
    rules: mayNotImport(allBut('contracts'), 'The wire contract imports neither side'),
  },
  {
    files: ['domain/**/*.ts', 'postgres/**/*.ts'],
    rules: mayNotImport(
      allBut('domain', 'postgres'),
      'domain/ and postgres/ import no other module',
    ),
  },
  {
    files: ['policies/**/*.ts'],
    rules: mayNotImport(
      allBut('contracts', 'policies'),
      'The policy engine imports nothing local but contracts/',
    ),
  },
  {
    files: ['records/**/*.ts'],
    rules: mayNotImport(
      allBut('contracts', 'postgres', 'records'),
      'The record store imports neither the gateway nor the departments',
    ),
  },
  {
    files: ['policy-store/**/*.ts'],
    rules: mayNotImport(
      allBut('contracts', 'policies', 'policy-store', 'postgres', 'records'),
      'The policy store imports neither the gateway nor the departments',
    ),
  },
  {
    files: ['fixtures/**/*.ts'],
    rules: mayNotImport(
      allBut('domain', 'fixtures'),
      'The synthetic city depends on domain rules only',
    ),
  },
  {
    files: ['schema/**/*.ts'],
    rules: mayNotImport(
      allBut('policies', 'schema'),
      'schema/ is composition and classification only',
    ),
  },
  {
    files: ['console/**/*.ts'],
    rules: mayNotImport(
      allBut('console', 'contracts'),
      'The console is a consumer of the graph: it imports contracts/ and its own files only',
    ),
  },
  {
    files: ['gateway/**/*.ts'],
    rules: mayNotImport(
      ['subgraphs', 'fixtures', 'domain', 'postgres', 'scripts', 'bench', 'test', 'console'],
      'The gateway knows no department: it reads the supergraph and the policy files',
    ),
  },
  {
    files: ['subgraphs/**/*.ts'],
    rules: mayNotImport(
      ['gateway', 'scripts', 'bench', 'test'],
      'A department never imports the gateway: what they share is in contracts/',
    ),
  },
  // Departments know nothing of each other (the kit and contracts/ are what they share).
  ...DEPARTMENTS.map((department) => ({
    files: [`subgraphs/${department}/**/*.ts`],
    rules: mayNotImport(
      ['gateway', 'scripts', 'bench', 'test', ...DEPARTMENTS.filter((d) => d !== department)],
      `The ${department} department imports neither the gateway nor another department`,
    ),
  })),
];

export default tseslint.config(
  {
    ignores: ['node_modules/', '.data/', 'coverage/', 'bench/results/', 'gateway/landing/boot.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...boundaries,
  { files: ['*.js', '*.mjs', 'bench/*.mjs'], languageOptions: { globals: globals.node } },
  // Tests read whole response payloads whose shape the assertions spell out.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
