// ESLint's flat configuration. projen 0.103 writes only the legacy .eslintrc format, which current
// ESLint (10) no longer reads, so .projenrc.ts turns its eslint component off and this file holds
// the same rules and settings (the resolved form of what projen wrote, including
// plugin:import/typescript). `npx projen eslint` runs it on src, test, projenrc and .projenrc.ts;
// `npx projen test` runs that task. No `globals` for Node and Jest: they matter only to no-undef,
// which is off (tsc checks names).
import stylistic from '@stylistic/eslint-plugin';
import typescriptEslint from '@typescript-eslint/eslint-plugin';
import typescriptParser from '@typescript-eslint/parser';
import importPlugin from 'eslint-plugin-import';

const typeScriptExtensions = ['.ts', '.cts', '.mts', '.tsx'];
const allExtensions = [...typeScriptExtensions, '.js', '.jsx', '.mjs', '.cjs'];

export default [
  // The generated CRD classes, and what only the build writes. The task lints TypeScript only
  // (the legacy task's `--ext .ts,.tsx`).
  { ignores: ['imports/**', 'lib/**', 'dist/**', 'pkg/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  {
    // As the legacy format did: an eslint-disable comment for a rule that is off is left alone
    // (the flat format reports it, and --fix would delete it).
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: {
      '@typescript-eslint': typescriptEslint,
      'import': importPlugin,
      '@stylistic': stylistic,
    },
    languageOptions: {
      parser: typescriptParser,
      ecmaVersion: 2018,
      sourceType: 'module',
      parserOptions: {
        projectService: {
          allowDefaultProject: ['.projenrc.ts'],
          defaultProject: './tsconfig.json',
        },
      },
    },
    settings: {
      'import/extensions': allExtensions,
      'import/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import/resolver': {
        node: { extensions: allExtensions },
        typescript: { project: './tsconfig.json', alwaysTryTypes: true },
      },
    },
    rules: {
      '@stylistic/indent': ['error', 2],
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true }],
      '@stylistic/comma-dangle': ['error', 'always-multiline'],
      '@stylistic/comma-spacing': ['error', { before: false, after: true }],
      '@stylistic/no-multi-spaces': ['error', { ignoreEOLComments: false }],
      '@stylistic/array-bracket-spacing': ['error', 'never'],
      '@stylistic/array-bracket-newline': ['error', 'consistent'],
      '@stylistic/object-curly-spacing': ['error', 'always'],
      '@stylistic/object-curly-newline': ['error', { multiline: true, consistent: true }],
      '@stylistic/object-property-newline': ['error', { allowAllPropertiesOnSameLine: true }],
      '@stylistic/keyword-spacing': ['error'],
      '@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: true }],
      '@stylistic/space-before-blocks': ['error'],
      '@stylistic/member-delimiter-style': ['error'],
      '@stylistic/semi': ['error', 'always'],
      '@stylistic/max-len': ['error', {
        code: 150,
        ignoreUrls: true,
        ignoreStrings: true,
        ignoreTemplateLiterals: true,
        ignoreComments: true,
        ignoreRegExpLiterals: true,
      }],
      '@stylistic/quote-props': ['error', 'consistent-as-needed'],
      '@stylistic/key-spacing': ['error'],
      '@stylistic/no-multiple-empty-lines': ['error'],
      '@stylistic/no-trailing-spaces': ['error'],
      'curly': ['error', 'multi-line', 'consistent'],
      '@typescript-eslint/no-require-imports': 'error',
      'import/no-extraneous-dependencies': ['error', {
        devDependencies: ['**/test/**', '**/build-tools/**', '.projenrc.ts', 'projenrc/**/*.ts'],
        optionalDependencies: false,
        peerDependencies: true,
      }],
      'import/no-unresolved': ['error'],
      'import/named': 'off',
      'import/order': ['warn', {
        groups: ['builtin', 'external'],
        alphabetize: { order: 'asc', caseInsensitive: true },
      }],
      'import/no-duplicates': ['error'],
      'no-shadow': ['off'],
      '@typescript-eslint/no-shadow': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-return-await': ['off'],
      '@typescript-eslint/return-await': 'error',
      'dot-notation': ['error'],
      'no-bitwise': ['error'],
      '@typescript-eslint/member-ordering': ['error', {
        default: [
          'public-static-field',
          'public-static-method',
          'protected-static-field',
          'protected-static-method',
          'private-static-field',
          'private-static-method',
          'field',
          'constructor',
          'method',
        ],
      }],
    },
  },
  {
    files: ['.projenrc.ts'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      'import/no-extraneous-dependencies': 'off',
    },
  },
  {
    // The verifier's checkers work on typed records only: no `any` between reading and verdict.
    files: ['src/analysis/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
];
