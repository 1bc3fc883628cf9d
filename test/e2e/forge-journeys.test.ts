// Forging end to end (issue 17 items 6 and 7): real `hookscope serve`, a real target server on
// loopback, Chromium. The body is typed into the CodeMirror editor, a header (the signature itself)
// is edited in the headers panel, and the target must receive exactly that header.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('forging with a header edit', () => {
  it('sends exactly the edited headers and body, then offers the target again', async () => {
    if (!app || !opened || !target) throw new Error('not started');
    const { page } = opened;
    const url = `${target.url}/github-hook`;
    await page.locator('[data-testid="view-tab-send"]').click();
    await page.locator('[data-testid="forge-provider"]').selectOption('github');

    // Typed into CodeMirror (in its shadow root: Playwright's CSS selectors pierce open roots).
    const content = page.locator('[data-testid="forge-body-content"]');
    await content.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('{"zen":"typed","hook_id":1}');
    // The preview shows what goes out (the forge serialises the document compactly).
    await page.locator('[data-testid="forge-preview"]', { hasText: /"zen":\s?"typed"/ }).waitFor();
    await page.locator('[data-testid="forge-format"]').click();
    await page
      .locator('[data-testid="forge-body"] .cm-line', { hasText: '"zen": "typed",' })
      .waitFor();

    await page.locator('[data-testid="forge-secret"]').fill('e2e secret');
    await page.locator('[data-testid="forge-url"]').fill(url);
    const signature = page.locator('[data-testid="forge-header-x-hub-signature-256"]');
    await page
      .locator('[data-testid="forge-preview"]', { hasText: 'POST /github-hook HTTP/1.1' })
      .waitFor();
    expect(await signature.inputValue()).toMatch(/^sha256=[0-9a-f]{64}$/);
    await signature.fill('sha256=set-by-hand');
    await page.locator('[data-testid="forge-header-new-name"]').fill('X-Trace-Id');
    await page.locator('[data-testid="forge-header-new-value"]').fill('forge-e2e-1');
    await page.locator('[data-testid="forge-header-add"]').click();
    await page
      .locator('[data-testid="forge-preview"]', { hasText: 'X-Trace-Id: forge-e2e-1' })
      .waitFor();
    expect(await page.locator('[data-testid="forge-preview"]').textContent()).toContain(
      'X-Hub-Signature-256: sha256=set-by-hand',
    );
    await saveScreenshot(page, 'forge-headers-panel');

    await page.locator('[data-testid="forge-send"]').click();
    const status = page.locator('[data-testid="forge-answer-status"]');
    await status.waitFor();
    expect(await status.textContent()).toContain('200');

    expect(target.received).toHaveLength(1);
    const got = target.received[0]!;
    expect(got.url).toBe('/github-hook');
    const named = (name: string) =>
      got.rawHeaders.filter(([header]) => header.toLowerCase() === name).map(([, v]) => v);
    // The hand-edited signature replaced the computed one: sent once, exactly as written.
    expect(named('x-hub-signature-256')).toEqual(['sha256=set-by-hand']);
    expect(named('x-trace-id')).toEqual(['forge-e2e-1']);
    expect(named('x-github-event')).toHaveLength(1);
    expect(JSON.parse(got.body.toString())).toEqual({ zen: 'typed', hook_id: 1 });

    // The target is remembered and offered first after the receiver.
    const options = page.locator('[data-testid="forge-url-options"] option');
    await page
      .locator(`[data-testid="forge-url-options"] option[value="${url}"]`)
      .waitFor({ state: 'attached' });
    expect(
      await options.evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual([app.receiverUrl, url]);
    expect(opened.pageErrors).toEqual([]);
    // The editor's styles went in through the shadow root's constructable sheet: no CSP report.
    expect(opened.consoleErrors).toEqual([]);
  }, 60_000);

  it("asks in a neutral tone before forging to Hookscope's own receiver", async () => {
    if (!app || !opened) throw new Error('not started');
    const { page } = opened;
    await page.locator('[data-testid="forge-url"]').fill(`${app.receiverUrl}/self`);
    await page.locator('[data-testid="forge-send"]').click();
    const accept = page.locator('[data-testid="confirm-accept"]');
    await accept.waitFor();
    expect(await accept.getAttribute('data-tone')).toBe('neutral');
    expect(await accept.getAttribute('class')).not.toContain('button-danger');
    await page.locator('[data-testid="confirm-cancel"]').click();
  }, 60_000);
});
