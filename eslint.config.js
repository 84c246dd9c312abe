// ESLint flat config, in the manner of electron-vite's vue-ts template: recommended JS and typescript-eslint rules (not
// type-checked, to stay fast), Vue 3 recommended rules, and eslint-config-prettier last so formatting is Prettier's alone.
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { defineConfig } from 'eslint/config'

// The core runs in Node, the browser and the CLI alike: it may not reach for the platform (see tests/core/purity.test.ts).
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'))
const CORE_FORBIDDEN_IMPORTS = {
  paths: NODE_BUILTINS.map((name) => ({ name, message: 'The core imports no Node builtin: pass what it needs in from src/node or a host.' })),
  patterns: [
    { group: ['node:*'], message: 'The core imports no Node builtin: pass what it needs in from src/node or a host.' },
    { group: ['electron', 'electron/*', '@electron-toolkit/*'], message: 'The core imports no Electron: it belongs in src/main or src/preload.' },
    { group: ['vue', 'vue/*', '@vue/*', 'pinia', 'vue-i18n'], message: 'The core imports no UI framework: it belongs in src/renderer.' },
    {
      group: ['**/node/**', '**/renderer/**', '**/main/**', '**/preload/**', '**/hosts/**', '**/cli/**'],
      message: 'The core imports nothing outside src/core.'
    }
  ]
}
const CORE_FORBIDDEN_GLOBALS = [
  'process',
  'require',
  'module',
  '__dirname',
  '__filename',
  'Buffer',
  'global',
  'window',
  'document',
  'navigator',
  'localStorage'
]

export default defineConfig(
  { ignores: ['out/', 'dist/', 'artifacts/', '.kiosk-data/', 'node_modules/', 'resources/'] },

  js.configs.recommended,
  tseslint.configs.recommended,
  vue.configs['flat/recommended'],

  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } }
  },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } }
  },
  {
    files: ['src/renderer/**', 'tests/renderer/**', 'tests/e2e/**'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter kept for its position, a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }
      ],
      // A `type X = import('./x').X` annotation hides an import from the graph the architecture test reads: import it at the top.
      // Control characters in a regular expression are the point here: sanitising text for the receipt and the journal, ESC/POS bytes.
      'no-control-regex': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: true }]
    }
  },
  {
    files: ['**/*.vue'],
    rules: {
      // Screens are named after what they show (`CashScreen`, `Receipt`); single words are fine in this app.
      'vue/multi-word-component-names': 'off',
      'vue/block-lang': ['error', { script: { lang: 'ts' } }]
    }
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', CORE_FORBIDDEN_IMPORTS],
      'no-restricted-globals': ['error', ...CORE_FORBIDDEN_GLOBALS]
    }
  },
  {
    files: ['src/**'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] }
  },

  prettier
)
