// Debian Chromium driven by playwright-core, for end-to-end tests and the UI benchmark.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../integration/cli/cli-process';

export const CHROMIUM_PATH = process.env.HOOKSCOPE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface OpenedApp {
  page: Page;
  /** Messages the page logged as errors and uncaught exceptions: tests assert it stays empty. */
  pageErrors: string[];
  /** Every dialog (alert/confirm/prompt) the page opened; dismissed at once. */
  dialogs: string[];
  /** Console errors, e.g. Chromium's "Refused to ... Content Security Policy" reports. */
  consoleErrors: string[];
}

/** Records what a page does wrong, for tests to assert on. */
export function watchPage(page: Page): Omit<OpenedApp, 'page'> {
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { pageErrors, dialogs, consoleErrors };
}

/** A fresh context + page on the app, waited until the root says data-app-state="ready". */
export async function openApp(
  browser: Browser,
  uiUrl: string,
  viewport = { width: 1280, height: 800 },
): Promise<OpenedApp> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const watched = watchPage(page);
  await page.goto(uiUrl);
  await page.locator('[data-app-state="ready"]').waitFor();
  return { page, ...watched };
}

/** Writes test-output/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
