// Lint enforces the layering of ARCHITECTURE.md: imports run
// renderer -> electron/contract <- electron/engine <- electron/{main,server,cli}.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const nodeBuiltins = {
  group: ['node:*'],
  message: 'Node built-ins are not allowed in this layer.',
};
const electronImport = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};
const pattern = (group, message) => ({ group, message });

// ARCHITECTURE.md principle 6: nothing outside electron/engine/providers/<id>/ branches on a
// provider id. The ids are the provider folders, read at lint time, so a new provider is covered.
const root = dirname(fileURLToPath(import.meta.url));
const providersDir = join(root, 'electron', 'engine', 'providers');
const providerIds = new Set(
  readdirSync(providersDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name),
);

/** The provider id a string literal (or a template without expressions) spells, else null. */
function providerIdOf(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string')
    return providerIds.has(node.value) ? node.value : null;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    const text = node.quasis[0]?.value.cooked;
    return typeof text === 'string' && providerIds.has(text) ? text : null;
  }
  return null;
}

/**
 * Flags `x === 'preservica'`, `case 'kanboard':`, `z.literal('keyclic')`, `z.enum(['kanboard', ...])`
 * and the type `'preservica'` (a discriminant is a branch in type form). A file in
 * providers/<id>/ may name its own id.
 */
const noProviderIdBranch = {
  meta: {
    type: 'problem',
    docs: { description: "No branch on a provider id outside that provider's folder" },
    messages: {
      branch:
        "'{{id}}' is a provider id: outside electron/engine/providers/{{id}}/ use the provider's typed interface (a capability such as provider.subscription or provider.handshakePlay), not its id.",
    },
    schema: [],
  },
  create(context) {
    const file = relative(root, context.filename).split(sep).join('/');
    const own = /^electron\/engine\/providers\/([^/]+)\//.exec(file)?.[1] ?? null;
    const check = (node) => {
      const id = providerIdOf(node);
      if (id !== null && id !== own) context.report({ node, messageId: 'branch', data: { id } });
    };
    const comparisons = new Set(['===', '!==', '==', '!=']);
    return {
      BinaryExpression(node) {
        if (!comparisons.has(node.operator)) return;
        check(node.left);
        check(node.right);
      },
      SwitchCase(node) {
        check(node.test);
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        const [first] = node.arguments;
        if (callee.property.name === 'literal') check(first);
        if (callee.property.name === 'enum' && first?.type === 'ArrayExpression')
          first.elements.forEach(check);
      },
      TSLiteralType(node) {
        check(node.literal);
      },
    };
  },
};

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
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs,mts}'],
    ignores: ['test/**'],
    plugins: { hookscope: { rules: { 'no-provider-id-branch': noProviderIdBranch } } },
    rules: { 'hookscope/no-provider-id-branch': 'error' },
  },
  prettier,
);
