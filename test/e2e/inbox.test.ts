// The browser build end to end: real `hookscope serve`, real HTTP deliveries, real Chromium.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answeredId, sendRequest } from '../integration/cli/http-request';
import { startAppUnderTest, type AppUnderTest } from './support/app-under-test';
import { launchBrowser, openApp, saveScreenshot, type OpenedApp } from './support/browser';

let browser: Browser | null = null;
let app: AppUnderTest | null = null;
let opened: OpenedApp | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await opened?.page.context().close();
  await app?.stop();
  await browser?.close();
});
// Each test gets its own serve and data folder, so no test sees another's deliveries.
beforeEach(async () => {
  app = await startAppUnderTest();
  if (!browser) throw new Error('Chromium did not start');
  opened = await openApp(browser, app.uiUrl);
});
afterEach(async () => {
  await opened?.page.context().close();
  opened = null;
  await app?.stop();
  app = null;
});

function current(): { app: AppUnderTest; page: Page; opened: OpenedApp } {
  if (!app || !opened) throw new Error('app not started');
  return { app, page: opened.page, opened };
}

async function post(target: string, contentType: string, body: Uint8Array): Promise<string> {
  const reply = await sendRequest(current().app.receiverUrl, {
    target,
    headers: { 'Content-Type': contentType },
    body,
  });
  expect(reply.status).toBe(200);
  return answeredId(reply);
}

const row = (page: Page, id: string) =>
  page.locator(`[data-testid="delivery-row"][data-delivery-id="${id}"]`);

/** Clicks the row and waits until the detail pane shows that delivery's request line. */
async function openDelivery(page: Page, id: string, target: string): Promise<void> {
  await row(page, id).click();
  await page.locator('[data-testid="detail-request-line"]', { hasText: target }).waitFor();
}

/** The exact bytes the hex view shows (its hex column, parsed back). */
async function bytesFromHexView(page: Page): Promise<Buffer> {
  await page.locator('[data-testid="detail-tab-hex"]').click();
  const columns = await page.locator('[data-testid="detail-hex"] .hex-bytes').allTextContents();
  const pairs = columns
    .join(' ')
    .split(/\s+/)
    .filter((pair) => pair !== '');
  for (const pair of pairs) expect(pair).toMatch(/^[0-9a-f]{2}$/);
  return Buffer.from(pairs.join(''), 'hex');
}

async function rawText(page: Page): Promise<string | null> {
  await page.locator('[data-testid="detail-tab-raw"]').click();
  return page.locator('[data-testid="detail-raw"]').textContent();
}

/** Waits until the inbox shows exactly these delivery ids (in any order). */
async function waitForRows(page: Page, ids: readonly string[]): Promise<void> {
  await page.waitForFunction((wanted: readonly string[]) => {
    const shown = [...document.querySelectorAll('[data-testid="delivery-row"]')].map((element) =>
      element.getAttribute('data-delivery-id'),
    );
    return shown.length === wanted.length && wanted.every((id) => shown.includes(id));
  }, ids);
}

const jsonBody = Buffer.from(
  '{"event":"task.created","task":{"id":42,"title":"Ünïcode ✓"},"n":[1,2.5,null]}',
);
const formBody = Buffer.from('token=a%2Bb%3D&title=Hello+world&empty=&list=1&list=2');
// Every byte value once, then invalid UTF-8 sequences: nothing in it may be "fixed" on the way.
const binaryBody = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, value) => value)),
  Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x00, 0x0d, 0x0a]),
]);

describe('inbox in the browser build', () => {
  it('shows JSON, form and binary deliveries as they arrive, each body byte for byte', async () => {
    const { page, opened: pageState } = current();
    await page.locator('[data-testid="empty-state"]').waitFor();

    const jsonId = await post('/hooks/json?source=kanboard', 'application/json', jsonBody);
    // A delivery made while the page is open appears by itself (pushed event, no reload).
    await row(page, jsonId).waitFor();
    const formId = await post('/hooks/form', 'application/x-www-form-urlencoded', formBody);
    const binaryId = await post('/hooks/binary', 'application/octet-stream', binaryBody);
    await waitForRows(page, [jsonId, formId, binaryId]);
    await expect(page.locator('[data-testid="status-count"]').textContent()).resolves.toContain(
      '3',
    );
    await saveScreenshot(page, 'inbox');

    await openDelivery(page, jsonId, '/hooks/json?source=kanboard');
    const requestLine = await page.locator('[data-testid="detail-request-line"]').textContent();
    expect(requestLine).toContain('HTTP/1.1');
    expect(requestLine).not.toContain('HTTP/HTTP');
    await page.locator('[data-testid="detail-json"]').waitFor();
    expect(await rawText(page)).toBe(jsonBody.toString('utf8'));
    expect((await bytesFromHexView(page)).equals(jsonBody)).toBe(true);
    await saveScreenshot(page, 'detail-json');

    await openDelivery(page, formId, '/hooks/form');
    await expect(page.locator('[data-testid="detail-form"]').textContent()).resolves.toContain(
      'Hello world',
    );
    expect(await rawText(page)).toBe(formBody.toString('latin1'));
    expect((await bytesFromHexView(page)).equals(formBody)).toBe(true);

    await openDelivery(page, binaryId, '/hooks/binary');
    const shownBinary = await bytesFromHexView(page);
    expect(shownBinary.length).toBe(binaryBody.length);
    expect(shownBinary.equals(binaryBody)).toBe(true);
    await saveScreenshot(page, 'detail');

    // Export from the detail view: the downloaded jsonl line carries the exact body bytes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-jsonl"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`hookscope-${binaryId}.jsonl`);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      id: string;
      bodyBase64: string;
    };
    expect(exported.id).toBe(binaryId);
    expect(Buffer.from(exported.bodyBase64, 'base64').equals(binaryBody)).toBe(true);

    expect(pageState.pageErrors).toEqual([]);
    // The strict production CSP blocks nothing the built app needs.
    expect(
      pageState.consoleErrors.filter((text) => text.includes('Content Security Policy')),
    ).toEqual([]);
  });

  it('loads with no console error and no CSP violation (favicon served, zod jitless)', async () => {
    const { page, opened: pageState } = current();
    // Violations the page saw from its own start are counted from here on: reload with a listener.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor();
    const id = await post('/hooks/jitless', 'application/json', Buffer.from('{"a":{"b":[1]}}'));
    await row(page, id).waitFor();
    await openDelivery(page, id, '/hooks/jitless');
    const violations = await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    expect(violations).toEqual([]);
    expect(pageState.consoleErrors).toEqual([]);
    expect(pageState.pageErrors).toEqual([]);
    const favicon = await page.evaluate(async () => (await fetch('./favicon.svg')).status);
    expect(favicon).toBe(200);
  });

  it('finds one delivery with the filter box and shows all again when it is cleared', async () => {
    const { page } = current();
    const ids = [
      await post('/a', 'application/json', Buffer.from('{"customer":"alice","total":10}')),
      await post('/b', 'application/json', Buffer.from('{"customer":"zanzibar","total":20}')),
      await post('/c', 'text/plain', Buffer.from('customer bob paid 30')),
    ];
    await waitForRows(page, ids);

    await page.locator('[data-testid="filter-input"]').fill('zanzibar');
    await waitForRows(page, [ids[1] ?? '']);

    await page.locator('[data-testid="filter-input"]').fill('');
    await waitForRows(page, ids);
  });

  it('search finds a key at the end of a 2 MB JSON body as well as one at its start', async () => {
    const { page } = current();
    const items = Array.from({ length: 70_000 }, (_, i) => ({ id: i, name: `item ${i}` }));
    const big = JSON.stringify({ opening_key: 'capybara', items, closing_key: 'pangolin' });
    expect(big.length).toBeGreaterThan(2_000_000);
    const bigId = await post('/big', 'application/json', Buffer.from(big));
    const smallId = await post('/small', 'application/json', Buffer.from('{"k":"ibex"}'));
    await waitForRows(page, [bigId, smallId]);
    await page.locator('[data-testid="filter-input"]').fill('pangolin');
    await waitForRows(page, [bigId]);
    await page.locator('[data-testid="filter-input"]').fill('capybara');
    await waitForRows(page, [bigId]);
  });

  it('deletes one delivery through the confirmation dialog, and cancel keeps it', async () => {
    const { page } = current();
    const keep = await post('/keep', 'text/plain', Buffer.from('keep me'));
    const doomed = await post('/doomed', 'text/plain', Buffer.from('delete me'));
    await waitForRows(page, [keep, doomed]);

    await openDelivery(page, doomed, '/doomed');
    await page.locator('[data-testid="delete-delivery"]').click();
    await page.locator('[data-testid="confirm-dialog"]').waitFor();
    await page.locator('[data-testid="confirm-cancel"]').click();
    await page.locator('[data-testid="confirm-dialog"]').waitFor({ state: 'detached' });
    expect(await row(page, doomed).count()).toBe(1);

    await page.locator('[data-testid="delete-delivery"]').click();
    await page.locator('[data-testid="confirm-accept"]').click();
    await waitForRows(page, [keep]);

    // Gone from the store, not only from the page: a fresh page load doesn't bring it back.
    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor();
    await waitForRows(page, [keep]);
  });

  it('renders a hostile body, path and header as text: no element created, no dialog', async () => {
    const { app: running, page, opened: pageState } = current();
    const hostile =
      '<script>window.__pwned = "script"; alert("script")</script>' +
      '<img src="x" onerror="window.__pwned = \'img\'; alert(\'img\')">';
    const reply = await sendRequest(running.receiverUrl, {
      target: '/evil?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      headers: { 'Content-Type': 'text/html', 'X-Evil': '<img src=x onerror=alert(2)>' },
      body: Buffer.from(hostile),
    });
    const id = answeredId(reply);
    await row(page, id).waitFor();
    await openDelivery(page, id, '/evil');

    expect(await rawText(page)).toBe(hostile);
    await expect(page.locator('[data-testid="detail-headers"]').textContent()).resolves.toContain(
      '<img src=x onerror=alert(2)>',
    );
    // The markup stayed text: no <img> or stray <script> anywhere, nothing ran.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('body script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(pageState.dialogs).toEqual([]);
    expect(pageState.pageErrors).toEqual([]);
  });
});
