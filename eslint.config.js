import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';
import layers from './eslint-rules/layers.js';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * Architecture boundaries (VS Code style layer rules):
 * - src/shared imports nothing from main, renderer, Node or Electron;
 * - src/renderer never imports main, Node built-ins or Electron;
 * - Node-side services (src/main outside electron/) never import Electron;
 * - inside src/main each folder imports only the layers below it (MAIN_LAYERS, eslint-rules/layers.js).
 */

/**
 * src/main, bottom first. The data flows up: ingest reads bundles, records is the column store the parsers
 * write into (so it sits below parse), analyze judges the facts, pipeline runs them in order. parse and analyze
 * are siblings: they meet only in the facts (records) and the formats they both know (src/shared/formats). report,
 * ssh and worker are services beside each other; cli and ipc are the two front ends over them; electron wires ipc to a window; testhost serves the renderer with the same ipc.
 * app-root (finding the install folder) is a leaf everyone may use. Knowledge two layers need (status
 * codes, time parsing, the file-format declarations) lives in src/shared.
 */
const MAIN_LAYERS = [['app-root'], ['ingest'], ['records'], ['parse', 'analyze'], ['pipeline'], ['report', 'ssh', 'worker'], ['cli', 'ipc'], ['electron'], ['testhost']];
export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench/out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Every log byte is hostile: no regular expression may backtrack super-linearly on it (ReDoS).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron'].map((name) => ({ name, message: 'src/shared is pure: no Node or Electron.' })),
          patterns: [
            { group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer'], message: 'src/shared imports nothing from main or renderer.' },
            { group: ['node:*'], message: 'src/shared is pure: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron'].map((name) => ({ name, message: 'The renderer is sandboxed: no Node or Electron.' })),
          patterns: [
            { group: ['**/main/**', '**/main'], message: 'The renderer talks to main only through window.vmbd (src/shared/ipc).' },
            { group: ['node:*'], message: 'The renderer is sandboxed: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never inject HTML: log text is hostile.' },
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Never inject HTML: log text is hostile.' },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Services are plain Node: only src/main/electron may import Electron.' }],
          patterns: [{ group: ['**/renderer/**', '**/renderer', '**/electron/main', '**/electron/preload', '**/electron/ipc-wiring', '**/electron/pdf', '**/electron/menu'], message: 'Services never depend on the renderer or the Electron glue.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/layers': ['error', { root: 'src/main', layers: MAIN_LAYERS }] },
  },
);
