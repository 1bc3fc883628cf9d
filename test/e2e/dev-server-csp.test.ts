// `npm start` serves the renderer from Vite's dev server. Its CSP must let Vite work (injected
// styles, React Refresh preamble, hot-reload WebSocket) while the built app keeps the strict policy.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY_META,
  developmentContentSecurityPolicy,
} from '../../electron/contract/csp';
import { REPO_ROOT } from '../integration/cli/cli-process';
import { BUILT_RENDERER_INDEX, requireBuiltRenderer } from './support/app-under-test';
import { launchBrowser, watchPage } from './support/browser';

let vite: ViteDevServer | null = null;
let browser: Browser | null = null;
beforeAll(async () => {
  vite = await createServer({
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'silent',
  });
  await vite.listen();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await vite?.close();
});

describe('CSP in development and production', () => {
  it('the dev server relaxes the policy just enough: the page renders and hot reload connects', async () => {
    const url = vite?.resolvedUrls?.local[0];
    if (!url || !browser) throw new Error('dev server or browser did not start');
    const html = await (await fetch(url)).text();
    expect(html).toContain(`content="${developmentContentSecurityPolicy()}"`);
    expect(html).not.toContain(`content="${CONTENT_SECURITY_POLICY_META}"`);

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const watched = watchPage(page);
      const hmrConnected = page.waitForEvent('console', (message) =>
        message.text().includes('[vite] connected'),
      );
      await page.goto(url);
      // No bridge token here, so the app ends in its error state; what matters is that it rendered.
      await page.locator('[data-app-state]').waitFor();
      await hmrConnected;
      expect(
        watched.consoleErrors.filter((text) => text.includes('Content Security Policy')),
      ).toEqual([]);
      expect(watched.pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the built renderer keeps the strict policy', async () => {
    requireBuiltRenderer();
    const built = await readFile(BUILT_RENDERER_INDEX, 'utf8');
    expect(built).toContain(`content="${CONTENT_SECURITY_POLICY_META}"`);
    expect(built).not.toContain('unsafe-inline');
  });
});
