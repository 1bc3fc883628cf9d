// The inspector's diff end to end: real `hookscope serve`, two real JSON deliveries over HTTP,
// real Chromium. Select one row, Ctrl-click the other, and the diff names the changed field.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredId, sendRequest } from '../integration/cli/http-request';
import { startAppUnderTest, type AppUnderTest } from './support/app-under-test';
import { launchBrowser, openApp, saveScreenshot, type OpenedApp } from './support/browser';

let browser: Browser | null = null;
let app: AppUnderTest | null = null;
let opened: OpenedApp | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startAppUnderTest();
  opened = await openApp(browser, app.uiUrl);
});
afterAll(async () => {
  await opened?.page.context().close();
  await app?.stop();
  await browser?.close();
});

async function postJson(value: unknown): Promise<string> {
  if (!app) throw new Error('app not started');
  const reply = await sendRequest(app.receiverUrl, {
    target: '/hooks/orders',
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(JSON.stringify(value)),
  });
  expect(reply.status).toBe(200);
  return answeredId(reply);
}

async function postText(text: string): Promise<string> {
  if (!app) throw new Error('app not started');
  const reply = await sendRequest(app.receiverUrl, {
    target: '/hooks/notes',
    headers: { 'Content-Type': 'text/plain' },
    body: Buffer.from(text),
  });
  expect(reply.status).toBe(200);
  return answeredId(reply);
}

const row = (page: Page, id: string) =>
  page.locator(`[data-testid="delivery-row"][data-delivery-id="${id}"]`);

describe('diff two deliveries in the browser', () => {
  it('selects two rows, opens the diff and shows the changed field by pointer', async () => {
    if (!opened) throw new Error('browser not open');
    const { page, pageErrors, consoleErrors } = opened;
    const first = await postJson({
      order: { id: 42, status: 'open', items: [{ id: 1, qty: 2 }] },
      sentAt: 'a',
    });
    const second = await postJson({
      sentAt: 'a',
      order: { items: [{ qty: 2, id: 1 }], status: 'paid', id: 42 },
    });
    await row(page, first).waitFor();
    await row(page, second).waitFor();

    await row(page, first).click();
    await page.locator('[data-testid="detail-request-line"]').waitFor();
    await row(page, second).click({ modifiers: ['Control'] });

    const view = page.locator('[data-testid="diff-view"]');
    await view.waitFor();
    const changes = page.locator('[data-testid="diff-body-changes"] [data-testid="diff-change"]');
    await changes.first().waitFor();
    // Key order and the reordered item's keys differ; only the status really changed.
    expect(
      await changes.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pointer'))),
    ).toEqual(['/body/order/status']);
    expect(await changes.first().textContent()).toContain('"paid"');
    expect(
      await page.locator('[data-testid="diff-left-id"]').getAttribute('data-delivery-id'),
    ).toBe(first);
    expect(await row(page, second).getAttribute('data-compare')).toBe('true');
    await saveScreenshot(page, 'diff-two-deliveries');

    await page.locator('[data-testid="diff-close"]').click();
    await page.locator('[data-testid="detail-request-line"]').waitFor();

    // See it: the timeline counts both deliveries.
    await page.locator('[data-testid="view-tab-timeline"]').click();
    await page.locator('[data-testid="timeline-chart"]').waitFor();
    const totals = await page
      .locator('[data-testid="chart-bar"]')
      .evaluateAll((bars) =>
        bars.reduce((sum, bar) => sum + Number(bar.getAttribute('data-total')), 0),
      );
    expect(totals).toBe(2);
    await saveScreenshot(page, 'timeline');
    await page.locator('[data-testid="view-tab-inbox"]').click();

    expect(pageErrors).toEqual([]);
    // A CSP violation (e.g. the worker or a blob: image refused) would show here.
    expect(consoleErrors.filter((message) => /Content Security Policy/i.test(message))).toEqual([]);
  });

  it('shows text bodies side by side in CodeMirror merge view, styled under the strict CSP', async () => {
    if (!opened) throw new Error('browser not open');
    const { page, pageErrors, consoleErrors } = opened;
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}: unchanged text`);
    const first = await postText(['status: open', ...lines].join('\n'));
    const second = await postText(['status: <b>paid</b>', ...lines].join('\n'));
    await row(page, first).waitFor();
    await row(page, second).waitFor();
    await row(page, first).click();
    await page.locator('[data-testid="detail-request-line"]').waitFor();
    await row(page, second).click({ modifiers: ['Control'] });

    const merge = page.locator('[data-testid="diff-side-by-side"] .cm-mergeView');
    await merge.waitFor();
    const editors = merge.locator('.cm-mergeViewEditor');
    expect(await editors.count()).toBe(2);
    const changedRight = editors.nth(1).locator('.cm-changedLine');
    await changedRight.first().waitFor();
    // The hostile-looking line is text, not markup.
    expect(await changedRight.first().textContent()).toBe('status: <b>paid</b>');
    expect(await merge.locator('b').count()).toBe(0);
    expect(await editors.nth(0).locator('.cm-changedLine').first().textContent()).toBe(
      'status: open',
    );
    // Read-only, and the long equal run is collapsed.
    expect(await merge.locator('[contenteditable="true"]').count()).toBe(0);
    expect(await merge.locator('.cm-collapsedLines').count()).toBeGreaterThan(0);
    // CodeMirror's own styles applied (in a shadow root they are a constructable stylesheet, which
    // `style-src 'self'` allows): the two editors sit side by side and a changed line is tinted.
    await saveScreenshot(page, 'diff-text');
    const boxes = await editors.evaluateAll((nodes) =>
      nodes.map((node) => node.getBoundingClientRect().toJSON() as { x: number; width: number }),
    );
    expect(boxes[1]!.x).toBeGreaterThanOrEqual(boxes[0]!.x + boxes[0]!.width - 1);
    const background = await changedRight
      .first()
      .evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');

    await page.locator('[data-testid="diff-close"]').click();
    expect(pageErrors).toEqual([]);
    expect(consoleErrors.filter((message) => /Content Security Policy/i.test(message))).toEqual([]);
  });
});
