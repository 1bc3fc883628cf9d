/// <reference types="vitest/config" />
// One Vite config: it builds the renderer (dist/renderer) and declares the test projects.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import {
  CONTENT_SECURITY_POLICY_META,
  developmentContentSecurityPolicy,
} from './electron/contract/csp.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Dev server only (`apply: 'serve'`): the strict meta CSP blocks Vite's injected styles, React
 * Refresh's inline preamble and the hot-reload WebSocket. The build keeps the strict policy.
 */
function developmentCsp(): Plugin {
  return {
    name: 'hookscope-development-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      const strict = `content="${CONTENT_SECURITY_POLICY_META}"`;
      // Fail loudly rather than serve a page whose policy silently blocks the dev server.
      if (!html.includes(strict)) throw new Error('renderer/index.html lost its CSP meta tag');
      return html.replace(strict, `content="${developmentContentSecurityPolicy()}"`);
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), developmentCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // Vendor chunks that change rarely (cached across app updates): React, and CodeMirror, which only
    // lazy chunks (the JSON editor, the merge view) import, so the first inbox paint never loads it.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'codemirror',
              test: /node_modules[\\/](@codemirror|@lezer|@marijn|style-mod|w3c-keyname|crelt)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    root: repoRoot,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Builds the store's worker into dist/ once per run (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Hookscope against the providers' official libraries, both ways (sign/verify).
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
