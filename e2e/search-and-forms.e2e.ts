import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// What a secretary and a town admin hit when they first tried the platform (issue 12, section 8):
// search by pinyin initials and a phone's last four, a date typed 2005.06.01, a half-filled form
// closed by Esc, the record-quality chart down to the records behind a rate, the login's tries left
// and its show-password button. At a laptop's 1366×768 and a phone's 390×844.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until no table is loading, so a picture shows the rows and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

// GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChar = (first17: string) =>
  '10X98765432'[[...first17].reduce((sum, d, i) => sum + Number(d) * WEIGHTS[i], 0) % 11];

/** A member entered through the API (the form itself is another test's), with a phone ending in `tail`. */
async function createMember(page: Page, name: string, tail: string, seq: number) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'hy_csrf')?.value ?? '';
  const one = await page.request.get('/api/v1/members?status=full&pageSize=1');
  const orgId = (await one.json()).items[0].orgId as string;
  const first17 = `110105197203${String(10 + (seq % 18)).padStart(2, '0')}${String(100 + (seq % 800) * 2 + 1).slice(-3)}`;
  const birth = `1972-03-${first17.slice(12, 14)}`;
  const res = await page.request.post('/api/v1/members', {
    headers: { 'x-csrf-token': csrf },
    data: {
      name,
      gender: 'male',
      ethnicity: '汉族',
      idNumber: first17 + checkChar(first17),
      birthDate: birth,
      education: '高中',
      status: 'full',
      joinedOn: '2000-07-01',
      fullOn: '2001-07-02',
      orgId,
      phone: `1391234${tail}`,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

async function search(page: Page, q: string) {
  const box = page.getByTestId('member-search').locator('input');
  await box.fill(q);
  await box.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === q);
  await settled(page);
}

for (const [label, viewport] of [
  ['laptop', { width: 1366, height: 768 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  describe(`a town admin at ${viewport.width}×${viewport.height} (${label})`, () => {
    test('finds a member by pinyin initials and by the last four digits of the phone', async () => {
      const page = await newPage(browser, viewport);
      await logIn(page, 'town_admin');
      const seq = Date.now() % 100_000;
      const tail = String(seq % 10_000).padStart(4, '0');
      // 闻一多 → wyd; two made-up characters make the name this test's own
      const name = label === 'laptop' ? '闻一多甲' : '闻一多乙';
      await createMember(page, name, tail, seq + (label === 'laptop' ? 0 : 1));

      await page.goto('/members');
      await search(page, 'wyd');
      await expect.poll(() => page.getByTestId('members-table').getByText(name).count()).toBeGreaterThan(0);
      await screenshot(page, `search-${label}-pinyin`);

      await search(page, tail);
      await expect.poll(() => page.getByTestId('members-table').getByText(name).count()).toBeGreaterThan(0);
      // the phone is shown masked, its last four digits as typed
      await expect
        .poll(() => page.getByTestId('members-table').getByText(`139****${tail}`).count())
        .toBeGreaterThan(0);
      await screenshot(page, `search-${label}-phone-tail`);

      // any part of a name, not only its start
      await search(page, '一多');
      await expect.poll(() => page.getByTestId('members-table').getByText(name).count()).toBeGreaterThan(0);
      await page.context().close();
    });

    test('a date typed 2005.06.01 is kept, and a half-filled form asks before Esc throws it away', async () => {
      const page = await newPage(browser, viewport);
      await logIn(page, 'town_admin');
      await page.goto('/members');
      await page.getByTestId('member-create').click();
      const drawer = page.getByTestId('member-drawer');
      await expect.poll(() => drawer.isVisible()).toBe(true);
      await page.getByTestId('member-name').fill('日期测试');

      // the forms the import accepts, typed into the birth date box, are kept when the box is left
      const birth = page.getByTestId('member-birthDate');
      for (const typed of ['2005.06.01', '20050601', '2005/6/1']) {
        await birth.click();
        await birth.fill('');
        await birth.pressSequentially(typed);
        await page.getByTestId('member-name').click(); // leave the box
        await expect.poll(() => birth.inputValue(), { message: typed }).toBe('2005-06-01');
      }
      await screenshot(page, `forms-${label}-date-kept`);

      // Esc asks first; "继续填写" keeps what was typed. (Wait for the date picker's popup to be
      // gone: an Esc while it is still closing goes to the popup, not the drawer — seen at 390 px.)
      await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
      await page.keyboard.press('Escape');
      const ask = page.locator('.ant-modal-confirm');
      await expect
        .poll(() => ask.locator('.ant-modal-confirm-title').textContent())
        .toBe('放弃未保存的内容？');
      await screenshot(page, `forms-${label}-discard-asked`);
      await page.getByTestId('discard-cancel').click();
      await expect.poll(() => ask.count()).toBe(0);
      expect(await page.getByTestId('member-name').inputValue()).toBe('日期测试');
      expect(await birth.inputValue()).toBe('2005-06-01');

      // ✕ asks too; "放弃并关闭" closes
      await drawer.locator('.ant-drawer-close').click();
      await page.getByTestId('discard-confirm').click();
      await expect.poll(() => page.getByTestId('member-drawer').count()).toBe(0);

      // an untouched form closes at once
      await page.getByTestId('member-create').click();
      await expect.poll(() => page.getByTestId('member-drawer').isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('member-drawer').count()).toBe(0);
      expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
      await page.context().close();
    });

    test('record quality: sorted, labelled bars, and from a rate down to the records that lack it', async () => {
      const page = await newPage(browser, viewport);
      await logIn(page, 'town_admin');
      await page.goto('/members/quality');
      await expect.poll(() => page.getByTestId('quality-total').isVisible()).toBe(true);
      await settled(page);
      await screenshot(page, `quality-${label}-chart`);
      await expect.poll(() => page.getByTestId('quality-chart').count()).toBe(1);
      // the chart stays within the screen, axis and all
      const box = await page.getByTestId('quality-chart').boundingBox();
      expect(box?.height ?? Infinity).toBeLessThanOrEqual(viewport.height);

      // a rate in the table opens the records behind it
      const link = page.locator('[data-testid^="quality-gaps-"][data-testid$="-completenessRate"]').first();
      await link.scrollIntoViewIfNeeded();
      await link.click();
      await page.waitForURL(/\/members\/quality\/gaps\?/);
      await settled(page);
      const rows = page.getByTestId('quality-gaps-table').locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      // each record says what it lacks
      await expect.poll(() => rows.first().locator('.ant-tag-orange').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('quality-gaps-hint').textContent()).toMatch(/必填项不齐全/);
      await screenshot(page, `quality-${label}-gaps`);

      // and the record opens from there
      await rows.first().locator('a').first().click();
      await page.waitForURL(/\/members\/\d+$/);
      await page.context().close();
    });

    test('login: the tries left after a wrong password, and a show-password button', async () => {
      const page = await newPage(browser, viewport);
      await page.goto('/login');
      await page.getByLabel('用户名或手机号').fill(`nobody.${label}.${Date.now()}`);
      const password = page.getByTestId('login-password');
      await password.fill('Wrong#2026');
      expect(await password.getAttribute('type')).toBe('password');
      await page.getByTestId('login-password-toggle').click();
      expect(await password.getAttribute('type')).toBe('text');
      expect(await password.inputValue()).toBe('Wrong#2026');
      await page.getByTestId('login-submit').click();
      await expect
        .poll(() => page.getByTestId('login-error').textContent())
        .toBe('用户名或密码错误，还可尝试 4 次');
      await screenshot(page, `login-${label}-tries-left`);
      await page.context().close();
    });
  });
}
