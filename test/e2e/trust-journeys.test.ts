// Trust journeys (issue 17, items 1-3) in the browser build: real `hookscope serve`, real HTTP
// deliveries on loopback (signed with GitHub's own @octokit/webhooks-methods), Debian Chromium.
// One test per journey, each asserting what a person sees: badges, the Filters' counts, the
// Endpoints view's answer, the diff's notice.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kanboardTemplates } from '../../electron/engine/providers/kanboard/templates';
import { answeredId, sendRequest } from '../integration/cli/http-request';
import { startAppUnderTest, type AppUnderTest } from './support/app-under-test';
import { launchBrowser, openApp, saveScreenshot, type OpenedApp } from './support/browser';

/** Kanboard's token format: `bin2hex(random_bytes(30))`, 60 lowercase hex characters. */
const KANBOARD_TOKEN = 'a1'.repeat(30);
const GITHUB_SECRET = 'trust-journeys-github-secret';
/** A ping GitHub would send: the fields its schema requires, the event and delivery headers. */
const PING = JSON.stringify({ zen: 'Design for failure.', hook_id: 42 });
const PING_HEADERS = {
  'Content-Type': 'application/json',
  'User-Agent': 'GitHub-Hookshot/044aadd',
  'X-GitHub-Event': 'ping',
  'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
};

let browser: Browser | null = null;
let app: AppUnderTest | null = null;
let opened: OpenedApp | null = null;
let configDir: string | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  // Whatever the journey did, the page logged no error and raised no exception.
  expect(opened?.pageErrors).toEqual([]);
  await opened?.page.context().close();
  opened = null;
  await app?.stop();
  app = null;
  if (configDir) await rm(configDir, { recursive: true, force: true });
  configDir = null;
});

/** Starts serve (with these endpoints in a config file, if any) and opens the app. */
async function start(endpoints: readonly Record<string, unknown>[] = []): Promise<Page> {
  const args: string[] = [];
  if (endpoints.length) {
    configDir = await mkdtemp(join(tmpdir(), 'hookscope-e2e-trust-'));
    const config = join(configDir, 'hookscope.json');
    await writeFile(config, JSON.stringify({ endpoints }));
    args.push('--config', config);
  }
  app = await startAppUnderTest({ args });
  if (!browser) throw new Error('Chromium did not start');
  opened = await openApp(browser, app.uiUrl);
  return opened.page;
}

async function post(target: string, body: string, headers: Record<string, string>) {
  if (!app) throw new Error('app not started');
  const reply = await sendRequest(app.receiverUrl, { target, headers, body: Buffer.from(body) });
  expect(reply.status).toBe(200);
  return answeredId(reply);
}

const row = (page: Page, id: string) =>
  page.locator(`[data-testid="delivery-row"][data-delivery-id="${id}"]`);

/** The verdict badge a row shows, waited until it reads `label`. */
async function badgeReads(page: Page, id: string, label: string) {
  const badge = row(page, id).locator('.verdict-badge');
  await badge.filter({ hasText: new RegExp(`^${label}$`) }).waitFor();
  return badge;
}

/** What sets a badge apart to the eye: its colour and its outline. */
function looks(badge: ReturnType<Page['locator']>) {
  return badge.evaluate((element) => {
    const style = getComputedStyle(element);
    return { color: style.color, border: style.borderTopStyle, background: style.backgroundColor };
  });
}

describe('trust journeys', () => {
  it('badge semantics: an unsigned Kanboard delivery is amber "unsigned", not green, and not counted as Verified', async () => {
    const page = await start([
      { path: '/kanboard', provider: 'kanboard', secrets: [KANBOARD_TOKEN] },
    ]);
    const body = JSON.stringify(kanboardTemplates['task.create']);
    const headers = { 'Content-Type': 'application/json', 'User-Agent': 'Kanboard' };
    const signed = await post(`/kanboard?token=${KANBOARD_TOKEN}`, body, headers);
    // No ?token= on the configured endpoint: the signature is missing.
    const unsigned = await post('/kanboard', body, headers);
    // A path with no endpoint: recognised, schema-valid, but nothing checked its token.
    const unchecked = await post(`/board-elsewhere?token=${KANBOARD_TOKEN}`, body, headers);

    const ok = await badgeReads(page, signed, 'ok');
    expect(await ok.getAttribute('title')).toContain('Authenticated');
    const okLooks = await looks(ok);
    for (const id of [unsigned, unchecked]) {
      const badge = await badgeReads(page, id, 'unsigned');
      expect(await badge.getAttribute('title')).toContain('Not authenticated');
      const badgeLooks = await looks(badge);
      // Not green: another colour, and another shape (an outline, not a fill).
      expect(badgeLooks.color).not.toBe(okLooks.color);
      expect(badgeLooks.border).toBe('dashed');
      expect(okLooks.border).not.toBe('dashed');
    }
    expect(await row(page, unsigned).locator('.verdict-ok').count()).toBe(0);

    // Filters: "Verified" counts the signed delivery only.
    await page.getByTestId('filter-menus-toggle').click();
    const verdicts = page.getByTestId('filter-badge');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="filter-badge"] option')].some(
        (option) => option.textContent === 'Verified (1)',
      ),
    );
    const labels = await verdicts
      .locator('option')
      .evaluateAll((options) => options.map((option) => option.textContent));
    expect(labels).toContain('Verified (1)');
    expect(labels).toContain('Unsigned / schema only (2)');
    await saveScreenshot(page, 'trust-badges');

    // Filtering by Verified lists the signed one and neither unsigned one.
    await verdicts.selectOption('ok');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="delivery-row"]').length === 1,
    );
    expect(
      await page
        .getByTestId('delivery-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-delivery-id'))),
    ).toEqual([signed]);
  });

  it('adding a secret re-verifies older deliveries: the earlier GitHub delivery turns "ok"', async () => {
    const page = await start();
    const older = await post('/github', PING, {
      ...PING_HEADERS,
      'X-Hub-Signature-256': await sign(GITHUB_SECRET, PING),
    });
    // No endpoint yet: nothing checked the signature, so it is not green.
    const before = await badgeReads(page, older, 'unsigned');
    expect(await before.getAttribute('title')).toContain('Not authenticated');
    await row(page, older).click();
    const detail = page.getByTestId('detail');
    await page.locator('[data-testid="detail-request-line"]').waitFor();
    await detail.filter({ hasText: 'no secret is configured' }).waitFor();

    // Save /github with its secret in the Endpoints view, as a person would.
    await page.getByTestId('view-tab-endpoints').click();
    await page.getByTestId('endpoint-new').click();
    await page.getByTestId('endpoint-path').fill('/github');
    await page.getByTestId('endpoint-provider').selectOption('github');
    await page.getByTestId('endpoint-secrets-replace').click();
    await page.getByTestId('endpoint-secret-input').fill(GITHUB_SECRET);
    await page.getByTestId('endpoint-save').click();
    const notice = page.getByTestId('endpoint-notice');
    await notice.filter({ hasText: 'Saved /github.' }).waitFor();

    // Saving alone re-judges the older delivery in the background: the Inbox shows it green.
    await page.getByTestId('view-tab-inbox').click();
    const after = await badgeReads(page, older, 'ok');
    expect(await after.getAttribute('title')).toContain('Authenticated');
    // The open delivery's verdict follows: no longer "no secret is configured".
    await row(page, older).click();
    await page.locator('[data-testid="detail-request-line"]').waitFor();
    await page.waitForFunction(
      () =>
        !document
          .querySelector('[data-testid="detail"]')
          ?.textContent?.includes('no secret is configured'),
    );

    // And the explicit button answers how many it re-judged.
    await page.getByTestId('view-tab-endpoints').click();
    await page.locator('[data-testid="endpoint-item"][data-path="/github"]').click();
    const button = page.getByRole('button', { name: 'Re-verify deliveries' });
    await button.click();
    const answer = page.getByTestId('reverify-result');
    // The one delivery on /github (nothing else was captured).
    await answer.filter({ hasText: /^Re-verified \d+ deliver/ }).waitFor();
    expect(await answer.textContent()).toBe('Re-verified 1 delivery.');
    // Said where the person clicked: in view, just below the button.
    const [buttonBox, answerBox] = [await button.boundingBox(), await answer.boundingBox()];
    if (!buttonBox || !answerBox) throw new Error('the button or its answer is not laid out');
    expect(answerBox.y).toBeGreaterThanOrEqual(buttonBox.y + buttonBox.height);
    expect(
      await answer.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }),
    ).toBe(true);
    await saveScreenshot(page, 'trust-reverified');
    await page.getByTestId('view-tab-inbox').click();
    await badgeReads(page, older, 'ok');
  });

  it('masked diff: a validly and a wrongly signed GitHub delivery show "1 difference hidden by masks", and "show" names the signature', async () => {
    const page = await start([{ path: '/github', provider: 'github', secrets: [GITHUB_SECRET] }]);
    const valid = await post('/github', PING, {
      ...PING_HEADERS,
      'X-Hub-Signature-256': await sign(GITHUB_SECRET, PING),
    });
    const wrong = await post('/github', PING, {
      ...PING_HEADERS,
      'X-Hub-Signature-256': await sign('not-the-secret', PING),
    });
    await badgeReads(page, valid, 'ok');
    await badgeReads(page, wrong, 'fail');

    await row(page, valid).click();
    await page.locator('[data-testid="detail-request-line"]').waitFor();
    await row(page, wrong).click({ modifiers: ['Control'] });
    await page.getByTestId('diff-view').waitFor();

    // The title names both deliveries by time, method and path, not by raw ids.
    const title = page.locator('.diff-title');
    await title.filter({ hasText: 'POST' }).waitFor();
    const titleText = (await title.textContent()) ?? '';
    expect(titleText).toMatch(
      /\d{2}:\d{2}:\d{2}.*POST.*\/github.*→.*\d{2}:\d{2}:\d{2}.*POST.*\/github/,
    );
    expect(titleText).not.toContain(valid);
    expect(titleText).not.toContain(wrong);

    const hidden = page.getByTestId('diff-hidden-by-masks');
    await hidden.waitFor();
    expect(await hidden.textContent()).toContain('1 difference hidden by masks');
    await saveScreenshot(page, 'trust-masked-diff');
    await page.getByTestId('diff-show-masked').click();
    await page.getByTestId('diff-unmasked').waitFor();
    const changes = page.locator(
      '[data-testid="diff-envelope-changes"] [data-testid="diff-change"]',
    );
    await changes.first().waitFor();
    expect(
      await changes.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pointer'))),
    ).toEqual(['/headers/x-hub-signature-256']);
  });
});
