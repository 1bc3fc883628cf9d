// Everyday journeys (issue 17, items 5, 8, 9, 10, 11) in the browser build: real `hookscope serve`,
// real HTTP deliveries on loopback, Debian Chromium. One test per journey; the last one writes a
// screenshot of every view in light and dark to test-output/screenshots/.
import { readFile } from 'node:fs/promises';
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
  await browser?.close();
});
beforeEach(async () => {
  app = await startAppUnderTest();
  if (!browser) throw new Error('Chromium did not start');
  opened = await openApp(browser, app.uiUrl);
});
afterEach(async () => {
  // Whatever the journey did, the page logged no error and raised no exception.
  expect(opened?.pageErrors).toEqual([]);
  await opened?.page.context().close();
  opened = null;
  await app?.stop();
  app = null;
});

function current(): { app: AppUnderTest; page: Page } {
  if (!app || !opened) throw new Error('app not started');
  return { app, page: opened.page };
}

async function post(
  target: string,
  body: Uint8Array | string,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<string> {
  const reply = await sendRequest(current().app.receiverUrl, {
    target,
    headers,
    body: typeof body === 'string' ? Buffer.from(body) : body,
  });
  expect(reply.status).toBe(200);
  return answeredId(reply);
}

const row = (page: Page, id: string) =>
  page.locator(`[data-testid="delivery-row"][data-delivery-id="${id}"]`);

async function openDelivery(page: Page, id: string): Promise<void> {
  await row(page, id).click();
  await page.locator('[data-testid="detail-request-line"]').waitFor();
}

/** Whether the row is wholly inside the inbox's scroll box (what the user can see). */
async function rowFullyVisible(page: Page, id: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const box = document.querySelector('[data-testid="inbox-scroll"]')?.getBoundingClientRect();
    const element = document.querySelector(`[data-delivery-id="${wanted}"]`);
    if (!box || !element) return false;
    const rect = element.getBoundingClientRect();
    return rect.top >= box.top - 0.5 && rect.bottom <= box.bottom + 0.5;
  }, id);
}

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** What shows once a view has loaded its data. */
const VIEW_READY: Record<string, string> = {
  inbox: '[data-testid="delivery-row"]',
  timeline: '[data-testid="timeline-chart"]',
  tunnel: '[data-testid="tunnel-form"]',
  endpoints: '[data-testid="endpoint-new"]',
};

describe('everyday journeys', () => {
  it('first run: says providers need a public URL, leads to Tunnel, which starts with ngrok', async () => {
    const { page } = current();
    const notice = page.getByTestId('welcome-public-url');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Providers on the internet need a public URL');
    await page.getByTestId('welcome-open-tunnel').click();
    const provider = page.getByTestId('tunnel-provider');
    await provider.waitFor();
    expect(await provider.inputValue()).toBe('ngrok');
    expect(
      await provider.locator('option').evaluateAll((o) => o.map((x) => x.getAttribute('value'))),
    ).toEqual(['ngrok', 'ssh', 'none']);
    expect(await page.getByTestId('tunnel-ngrok-guide').textContent()).toContain(
      'Get a free static domain',
    );
  });

  it('inbox habits: the selected row stays put and a pill counts arrivals; the order is remembered', async () => {
    const { page } = current();
    const ids: string[] = [];
    for (let n = 1; n <= 40; n++) ids.push(await post(`/orders/${n}`, `{"n":${n}}`));
    await row(page, ids[39]!).waitFor();
    // The topmost fully visible row: following one more arrival would push it out of view.
    const top = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="inbox-scroll"]')!.getBoundingClientRect();
      const rows = [...document.querySelectorAll('[data-testid="delivery-row"]')];
      const visible = rows.filter((element) => element.getBoundingClientRect().top >= box.top);
      visible.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return visible[0]?.getAttribute('data-delivery-id') ?? null;
    });
    expect(top).not.toBeNull();
    await openDelivery(page, top!);
    for (let n = 41; n <= 43; n++) await post(`/orders/${n}`, `{"n":${n}}`);
    const pill = page.getByTestId('jump-to-latest');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="jump-to-latest"]')
        ?.textContent?.includes('3 new deliveries'),
    );
    expect(await rowFullyVisible(page, top!)).toBe(true);
    await pill.click();
    await page.locator('[data-testid="delivery-row"]', { hasText: '/orders/43' }).waitFor();

    // Newest first, from the Time header; still so after a reload.
    await page.getByTestId('inbox-order').click();
    expect(await page.getByTestId('inbox').getAttribute('data-order')).toBe('newest-first');
    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor();
    expect(await page.getByTestId('inbox').getAttribute('data-order')).toBe('newest-first');
    const first = page.getByTestId('delivery-row').first();
    expect(await first.textContent()).toContain('/orders/43');
  });

  it('keyboard and filters: ? lists the shortcuts, f opens Filters, Esc and outside clicks close; no matches says so', async () => {
    const { page } = current();
    const id = await post('/kanboard', '{"event_name":"task.create"}');
    await row(page, id).waitFor();
    await openDelivery(page, id);
    // The way to the shortcuts stays in the toolbar with a delivery open.
    expect(await page.getByTestId('shortcuts-button').isVisible()).toBe(true);
    await page.getByTestId('inbox-scroll').focus();
    await page.keyboard.press('?');
    const overlay = page.getByTestId('shortcuts-overlay');
    await overlay.waitFor();
    for (const words of [
      'Search bodies and headers',
      'Open or close the filters',
      'Diff the open delivery',
      'Replay the open delivery',
      'Endpoints',
    ])
      expect(await overlay.textContent()).toContain(words);
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'detached' });

    const menus = page.getByTestId('filter-menus');
    await page.keyboard.press('f');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="filter-menus"]') as HTMLDetailsElement).open,
    );
    await page.keyboard.press('Escape');
    expect(await menus.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    await page.getByTestId('filter-menus-toggle').click();
    expect(await menus.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
    await page.getByTestId('detail').click({ position: { x: 5, y: 5 } });
    expect(await menus.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);

    // No matches: an explicit state with Clear, and the toolbar does not move.
    const before = await page.getByTestId('filter-menus-toggle').boundingBox();
    await page.getByTestId('filter-input').fill('nothing-has-this-text');
    await page.getByTestId('no-matches').waitFor();
    const after = await page.getByTestId('filter-menus-toggle').boundingBox();
    expect(after?.x).toBe(before?.x);
    await page.getByTestId('no-matches-clear').click();
    await row(page, id).waitFor();
  });

  it('verify this path: a GitHub delivery opens Endpoints prefilled with its path and provider', async () => {
    const { page } = current();
    await post('/github', '{"zen":"x"}', {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'ping',
      'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    });
    const id = await post('/github?trace=1', '{"zen":"y"}', {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'ping',
      'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0959',
    });
    await row(page, id).waitFor();
    await openDelivery(page, id);
    await page.getByTestId('verify-path').click();
    const path = page.getByTestId('endpoint-path');
    await path.waitFor();
    expect(await path.inputValue()).toBe('/github');
    expect(await page.getByTestId('endpoint-provider').inputValue()).toBe('github');
    const suggestions = await page
      .locator('[data-testid="endpoint-path-suggestions"] option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(suggestions).toContain('/github');
  });

  it('bodies: a multipart image part is previewed and downloads under its own name, byte for byte', async () => {
    const { page } = current();
    const boundary = 'e2eBoundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="shot"; filename="shot.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const id = await post('/upload', body, {
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    });
    await row(page, id).waitFor();
    await openDelivery(page, id);
    await page.getByTestId('detail-tab-multipart').click();
    const image = page.getByTestId('multipart-part-image').locator('img');
    await image.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector(
        '[data-testid="multipart-part-image"] img',
      ) as HTMLImageElement | null;
      return img !== null && img.complete && img.naturalWidth === 1;
    });
    const parts = page.getByTestId('multipart-part');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      parts.nth(1).getByTestId('multipart-part-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('shot.png');
    const file = await download.path();
    expect(await readFile(file)).toEqual(PNG);
  });

  it('screenshots: every view, light and dark', async () => {
    const { page } = current();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await saveScreenshot(page, `journeys-welcome-${scheme}`);
    }
    const id = await post('/github', '{"action":"opened","number":7}', {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'pull_request',
      'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0960',
    });
    await post('/kanboard?token=x', '{"event_name":"task.create","event_data":{"task_id":1}}');
    await row(page, id).waitFor();
    await openDelivery(page, id);
    const tabs = await page
      .locator('[data-testid^="view-tab-"]')
      .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-testid')!.slice(9)));
    expect(tabs).toContain('inbox');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const view of tabs) {
        await page.getByTestId(`view-tab-${view}`).click();
        await page.locator(`[data-testid="view-tab-${view}"][aria-selected="true"]`).waitFor();
        // Each view's loaded content, so the picture is not of a "Loading…" line.
        const loaded = VIEW_READY[view];
        if (loaded) await page.locator(loaded).first().waitFor();
        const file = await saveScreenshot(page, `journeys-${view}-${scheme}`);
        expect((await readFile(file)).length).toBeGreaterThan(1000);
      }
      await page.getByTestId('view-tab-inbox').click();
      await page.keyboard.press('?');
      await saveScreenshot(page, `journeys-shortcuts-${scheme}`);
      await page.keyboard.press('Escape');
    }
  });
});
