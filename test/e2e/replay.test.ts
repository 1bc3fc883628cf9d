// Replay from the detail view, end to end: real `hookscope serve`, a real target server, Chromium.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredId, sendRequest } from '../integration/cli/http-request';
import { startEchoServer, type EchoServer } from '../support/echo-server';
import { startAppUnderTest, type AppUnderTest } from './support/app-under-test';
import { launchBrowser, openApp, saveScreenshot, type OpenedApp } from './support/browser';

let browser: Browser | null = null;
let app: AppUnderTest | null = null;
let opened: OpenedApp | null = null;
let target: EchoServer | null = null;

beforeAll(async () => {
  target = await startEchoServer();
  app = await startAppUnderTest();
  browser = await launchBrowser();
  opened = await openApp(browser, app.uiUrl);
}, 120_000);
afterAll(async () => {
  await opened?.page.context().close();
  await browser?.close();
  await app?.stop();
  await target?.close();
});

describe('replay from the detail view', () => {
  it('edits nothing, sends to the target, shows the answer and the attempt, diffs it', async () => {
    if (!app || !opened || !target) throw new Error('not started');
    const { page } = opened;
    target.answer = (_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Target': 'local-app' });
      res.end('{"ok":true,"handled":"by the local app"}');
    };
    const body = '{"event_name":"task.create","event_data":{"task_id":7}}';
    const reply = await sendRequest(app.receiverUrl, {
      target: '/kanboard?token=abc',
      headers: { 'Content-Type': 'application/json', 'X-Order-Check': 'first' },
      body: new TextEncoder().encode(body),
    });
    const id = answeredId(reply);

    await page.locator(`[data-testid="delivery-row"][data-delivery-id="${id}"]`).click();
    await page.locator('[data-testid="detail-request-line"]', { hasText: '/kanboard' }).waitFor();
    await page.locator('[data-testid="replay-open"]').click();
    const editor = page.locator('[data-testid="replay-editor"]');
    await editor.waitFor();
    // The body is a CodeMirror editor now (replay-editor.tsx): its one line is the captured text.
    expect(await page.locator('[data-testid="replay-body-content"]').textContent()).toBe(body);
    await page.locator('[data-testid="replay-url"]').fill(`${target.url}/webhook`);
    await page.locator('[data-testid="replay-send"]').click();

    const status = page.locator('[data-testid="replay-answer-status"]');
    await status.waitFor();
    expect(await status.textContent()).toContain('201');
    await page.locator('[data-testid="replay-answer"]', { hasText: 'by the local app' }).waitFor();

    // The target got the captured bytes, in the captured header order.
    expect(target.received).toHaveLength(1);
    expect(target.received[0]!.body.toString()).toBe(body);
    expect(target.received[0]!.url).toBe('/webhook');
    const names = target.received[0]!.rawHeaders.map(([name]) => name.toLowerCase());
    expect(names.indexOf('content-type')).toBeLessThan(names.indexOf('x-order-check'));

    // The attempt is listed under the delivery; its answer can be diffed with Hookscope's answer.
    const attemptRow = page.locator('[data-testid="attempt-row"]');
    await attemptRow.first().waitFor();
    expect(await attemptRow.count()).toBe(1);
    await attemptRow.first().locator('[data-testid="attempt-show"]').click();
    await page.locator('[data-testid="attempt-diff"]').click();
    const diff = page.locator('[data-testid="answer-diff"]');
    await diff.waitFor();
    expect(await diff.textContent()).toContain('/body/handled');

    await saveScreenshot(page, 'replay-detail');
    expect(opened.pageErrors).toEqual([]);
  }, 60_000);

  it("asks before replaying to Hookscope's own receiver", async () => {
    if (!app || !opened) throw new Error('not started');
    const { page } = opened;
    await page.locator('[data-testid="replay-url"]').fill(`${app.receiverUrl}/again`);
    await page.locator('[data-testid="replay-send"]').click();
    const dialog = page.locator('[data-testid="confirm-dialog"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Hookscope's own receiver URL");
    await page.locator('[data-testid="confirm-cancel"]').click();
  }, 60_000);
});
