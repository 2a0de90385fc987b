// Shared helpers for the browser tests: Debian's chromium driven by playwright-core.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.GUANXI_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh browser profile (no cookies, no localStorage) with one page.
 * playwright-core refuses --user-data-dir in args, hence launchPersistentContext;
 * the background-networking flags stop Chromium from calling out to a closed network.
 */
export async function openBrowser({ viewport = DESKTOP, mobile = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'guanxi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    deviceScaleFactor: mobile ? 2 : 1,
    isMobile: mobile,
    hasTouch: mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err?.stack || err)));
  return {
    context,
    page,
    /** Uncaught exceptions thrown by the app's JavaScript. */
    pageErrors,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves tests/e2e/artifacts/<name>.png (the folder is created on first use). */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Width of the whole document; more than the viewport means horizontal scrolling. */
export function documentScrollWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
