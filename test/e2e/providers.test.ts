// Providers end to end: a Preservica endpoint configured with its shared secret (config file), one
// validly and one invalidly signed delivery over real HTTP, their verdict badges in the inbox and
// the explanation of the invalid one in the detail, in real Chromium against `hookscope serve`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preservica } from '../../electron/engine/providers/preservica';
import { answeredId, sendRequest } from '../integration/cli/http-request';
import { startAppUnderTest, type AppUnderTest } from './support/app-under-test';
import { launchBrowser, openApp, saveScreenshot, type OpenedApp } from './support/browser';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const SECRET = 'preservica-e2e-shared-secret';
const MOVED = JSON.stringify(preservica.events.find((event) => event.name === 'MOVED')?.template);

let browser: Browser | null = null;
let app: AppUnderTest | null = null;
let opened: OpenedApp | null = null;
let configDir: string | null = null;

beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'hookscope-e2e-providers-'));
  const config = join(configDir, 'hookscope.json');
  await writeFile(
    config,
    JSON.stringify({
      endpoints: [
        { path: '/preservica', provider: 'preservica', secrets: [SECRET], handshake: true },
      ],
    }),
  );
  app = await startAppUnderTest({ args: ['--config', config] });
  browser = await launchBrowser();
  opened = await openApp(browser, app.uiUrl);
});
afterAll(async () => {
  await opened?.page.context().close();
  await app?.stop();
  await browser?.close();
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

function page(): Page {
  if (!opened) throw new Error('app not opened');
  return opened.page;
}

async function postPreservica(signedWith: string): Promise<string> {
  if (!app) throw new Error('app not started');
  const body = new Uint8Array(Buffer.from(MOVED));
  const signed = preservica.sign?.(
    { method: 'POST', url: `${app.receiverUrl}/preservica`, rawHeaders: [], body },
    signedWith,
  );
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  for (const [name, value] of signed?.rawHeaders ?? []) headers[name] = value;
  const reply = await sendRequest(app.receiverUrl, { target: '/preservica', headers, body });
  expect(reply.status).toBe(200);
  return answeredId(reply);
}

const badgeOf = (id: string) =>
  page().locator(`[data-testid="delivery-row"][data-delivery-id="${id}"] .verdict-badge`);

describe('Preservica verdicts in the browser build', () => {
  it('shows a valid and an invalid delivery with their badges, and explains the invalid one', async () => {
    const valid = await postPreservica(SECRET);
    const invalid = await postPreservica('a-wrong-secret');

    await expect.poll(() => badgeOf(valid).textContent()).toBe('ok');
    await expect.poll(() => badgeOf(invalid).textContent()).toBe('fail');
    const row = page().locator(`[data-testid="delivery-row"][data-delivery-id="${invalid}"]`);
    expect(await row.textContent()).toContain('preservica');
    expect(await row.textContent()).toContain('MOVED');

    await row.click();
    const signature = page().locator('[data-testid="verdict-signature"]');
    await signature.waitFor();
    const explained = await signature.textContent();
    expect(explained).toContain('Signature invalid');
    expect(explained).toContain('Preservica-Signature does not match HMAC-SHA256');
    expect(explained).toContain('wrong secret, or the body changed after signing');
    expect(explained).not.toContain(SECRET);
    await saveScreenshot(page(), 'providers-invalid-preservica');

    await page().locator(`[data-testid="delivery-row"][data-delivery-id="${valid}"]`).click();
    await page()
      .locator('[data-testid="verdict-signature"]', { hasText: 'Signature valid' })
      .waitFor();
    expect(await page().locator('[data-testid="verdict-signature"]').textContent()).toContain(
      'secret #1',
    );
    await saveScreenshot(page(), 'providers-valid-preservica');
  });

  it('lists the endpoint in the Endpoints view with its secret set but never shown', async () => {
    await page().locator('[data-testid="view-tab-endpoints"]').click();
    const item = page().locator('[data-testid="endpoint-item"][data-path="/preservica"]');
    await item.waitFor();
    expect(await item.textContent()).toContain('secrets set');
    await item.click();
    expect(await page().locator('[data-testid="endpoint-provider"]').inputValue()).toBe(
      'preservica',
    );
    expect(await page().locator('[data-testid="endpoint-secrets-status"]').textContent()).toBe(
      'set',
    );
    expect(await page().content()).not.toContain(SECRET);
    await saveScreenshot(page(), 'providers-endpoints-view');
    expect(opened?.pageErrors).toEqual([]);
  });
});
