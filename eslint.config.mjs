// Lint enforces the layering of ARCHITECTURE.md: imports run
// renderer -> electron/contract <- electron/engine <- electron/{main,server,cli}.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = {
  group: ['node:*'],
  message: 'Node built-ins are not allowed in this layer.',
};
const electronImport = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tsbuild/**', 'test-output/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'electron/**/*.ts', 'test/**/*.{ts,tsx}', 'scripts/**', '*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            nodeBuiltins,
            pattern(
              [
                '**/engine/**',
                '**/main/**',
                '**/server/**',
                '**/cli/**',
                '**/renderer/**',
                'react',
                'react-dom',
              ],
              'The contract is pure: zod and types only.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            pattern(
              [
                '**/main/**',
                '**/server/**',
                '**/cli/**',
                '**/preload/**',
                '**/renderer/**',
                'react',
                'react-dom',
              ],
              'The engine is framework-free and knows no shell.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            pattern(
              ['**/main/**', '**/preload/**', '**/renderer/src/**', 'react', 'react-dom'],
              'Headless shells talk to the engine only.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(
              [
                '**/server/**',
                '**/cli/**',
                '**/preload/**',
                '**/renderer/**',
                'react',
                'react-dom',
              ],
              'The Electron main process talks to the engine and the contract only.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            pattern(
              ['**/engine/**', '**/main/**', '**/server/**', '**/cli/**', '**/renderer/**'],
              'The preload only derives window.hookscope from the contract.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            nodeBuiltins,
            pattern(
              ['**/engine/**', '**/main/**', '**/server/**', '**/cli/**', '**/preload/**'],
              'The renderer reaches the engine only through renderer/src/api.ts and the contract.',
            ),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require'],
    },
  },
  prettier,
);
