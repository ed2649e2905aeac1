import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { DEMO_ACCOUNTS } from '../server/src/platform/auth/seed.ts';
import { CHROMIUM_FLAGS } from './chromium-flags.ts';
import { httpLogin } from '../server/test/http-login.ts';

export const baseUrl = () => inject('baseUrl');

/**
 * The people behind the demo logins (陈小梅 the member, 刘建华 the secretary…). Other files log in
 * as them and expect them in their branch in good standing, so a test that marks a member lost,
 * transfers one out or extends a probation picks someone else.
 */
export const DEMO_PEOPLE: ReadonlySet<string> = new Set(DEMO_ACCOUNTS.map((a) => a.displayName));

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    args: CHROMIUM_FLAGS,
  });
}

export async function newPage(
  browser: Browser,
  opts: { width?: number; height?: number; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 800 },
    locale: opts.locale ?? 'zh-CN',
    baseURL: baseUrl(),
  });
  return context.newPage();
}

export const DEMO_PASSWORD = 'Hongyun@2026';

/**
 * Logs in through the login page as a person would. An account that owes a second factor (the
 * demo dept admin) carries the remembered-device cookie e2e/setup.ts got for it, so the page goes
 * straight on, as it does on a PC the admin asked to remember.
 */
export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await rememberedDevice(page, username);
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Gives the page's context the remembered-device cookie of this account, if it has one. */
export async function rememberedDevice(page: Page, username: string) {
  const device = inject('devices')[username];
  if (device) {
    await page
      .context()
      .addCookies([{ name: 'hy_device', value: device, url: `${baseUrl()}/api/v1/auth/`, httpOnly: true }]);
  }
}

/** Logs in over HTTP (no browser): the cookie header and CSRF token, for asking the API directly. */
export function apiLogin(username: string, password = DEMO_PASSWORD) {
  return httpLogin(baseUrl(), username, password, { device: inject('devices')[username] });
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Violation = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };

/** axe-core's serious and critical violations on the page as it is now, each with its targets. */
export async function seriousIssues(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  // axe's source evaluated in the page (addScriptTag would be an inline script, which the CSP refuses)
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  });
  return (violations as Violation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
}

const shots = path.resolve(import.meta.dirname, 'screenshots');

/** Screenshots go to e2e/screenshots/ (not committed) for a person to look at. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/**
 * Chooses an option of an antd Select and makes sure the choice took: on a busy machine a click
 * can land on the dropdown while it is still opening or filtering, and the form then goes on
 * without the value (a drawer that never closes, a field that never appears). `open` opens the
 * dropdown (and types, for a searchable one); the option is clicked; the select must then show
 * `shown`. Tried three times, each waiting at most 10 s for the option.
 */
export async function pick(
  page: Page,
  select: Locator,
  option: Locator,
  shown: string | RegExp,
  open: () => Promise<void> = () => select.click(),
) {
  const took = async () => {
    const text = (await select.textContent()) ?? '';
    return typeof shown === 'string' ? text.includes(shown) : shown.test(text);
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    // a choice that took late (a busy machine) must not be clicked again: in a multiple select a
    // second click takes it back off
    if (attempt > 0 && (await took())) return;
    await open();
    try {
      // typed text can go astray while the select is still mounting: the option then never shows
      // in the (virtual, unfiltered) list, and the dropdown is opened and typed into again
      await option.click({ timeout: 10_000 });
      await expect.poll(took, { timeout: 5_000 }).toBe(true);
      return;
    } catch {
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
  throw new Error(`the select never showed ${shown}`);
}
