import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, pick as choose, screenshot } from './browser.ts';

const stamp = Date.now().toString(36);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function get<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(`/api/v1${url}`);
  if (!res.ok()) throw new Error(`GET ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Picks an org by typing its name, checked to have taken (a click while the list re-renders can miss). */
async function pick(page: Page, testId: string, text: string, title: string) {
  const select = page.getByTestId(testId);
  await choose(
    page,
    select,
    page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`),
    title,
    async () => {
      await select.click();
      await page.keyboard.type(text);
    },
  );
}

/** Waits until nothing is loading, so a picture shows the page and not the fading spinner. */
async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

type Me = { displayName: string; orgName: string | null };
type TeacherRow = { id: string; name: string; rating: { average: number | null; count: number } };

describe('师资库 and 教育基地', () => {
  test('the town adds a teacher and a lecture the demo member attended; the member rates it with stars on a phone; the town sees the average', async () => {
    const member = await newPage(browser, { width: 390, height: 844 });
    await logIn(member, 'member');
    const me = await get<Me>(member, '/auth/me');
    const branch = me.orgName ?? '';
    expect(branch).not.toBe('');

    // ── the town admin adds a teacher ──────────────────────────────────────────────────────
    const town = await newPage(browser, { height: 1000 });
    await logIn(town, 'town_admin');
    await town.goto('/teachers');
    await town.getByTestId('teacher-create').click();
    const form = town.getByTestId('teacher-form');
    await pick(town, 'teacher-form-org', branch, branch);
    const name = `周宣讲${stamp}`;
    await form.getByTestId('teacher-form-name').fill(name);
    await form.getByTestId('teacher-form-unit').fill('青山区委党校');
    await form.getByTestId('teacher-form-topics').click();
    await town.keyboard.type('党史');
    await town.keyboard.press('Enter');
    await form.getByTestId('teacher-form-phone').fill('13912345678');
    await screenshot(town, 'learning-pool-01-teacher-form');
    await town.getByTestId('teacher-save').click();
    await town.getByTestId('teacher-form').waitFor({ state: 'detached' });
    const [teacher] = (await get<{ items: TeacherRow[] }>(town, `/teachers?q=${encodeURIComponent(name)}`))
      .items;
    expect(teacher.name).toBe(name);
    await town.getByTestId('teachers-search').locator('input').fill(name);
    await town.keyboard.press('Enter');
    await expect.poll(() => town.getByTestId('teachers-list').textContent()).toContain('139****5678');

    // ── …and a lecture at the member's branch with the member attending ───────────────────────
    await town.getByTestId(`lecture-add-${teacher.id}`).click();
    const lecture = town.getByTestId('lecture-form');
    // the attendees are loaded once the branch is set: wait for them before choosing
    const people = town.waitForResponse((r) => r.url().includes('/api/v1/lectures/people') && r.ok());
    await pick(town, 'lecture-form-org', branch, branch);
    const candidates = (await (await people).json()) as { items: { name: string }[] };
    expect(candidates.items.map((p) => p.name)).toContain(me.displayName);
    const topic = `百年党史中的初心使命（${stamp}）`;
    await lecture.getByTestId('lecture-form-topic').fill(topic);
    // the attendees are the chosen branch's members, loaded once the branch is set
    const attendees = lecture.getByTestId('lecture-form-members');
    await choose(
      town,
      attendees,
      town
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: me.displayName })
        .first(),
      me.displayName,
      async () => {
        await attendees.click();
        await town.keyboard.type(me.displayName);
      },
    );
    await lecture.getByTestId('lecture-form-topic').click();
    await screenshot(town, 'learning-pool-02-lecture-form');
    await town.getByTestId('lecture-save').click();
    await town.getByTestId('lecture-form').waitFor({ state: 'detached' });

    // ── the member, on a phone, rates it with five stars ───────────────────────────────────
    await member.goto('/m');
    await member.getByText('评价授课').first().click();
    await member.waitForURL(/\/m\/learning\/rate/);
    const card = member.locator('[data-testid^="rate-"]', { hasText: topic });
    await card.waitFor();
    const star = card.getByTestId('star-5');
    const box = await star.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(48);
    expect(box?.height).toBeGreaterThanOrEqual(48);
    await star.click();
    await card.getByTestId('rate-comment').fill('联系实际，讲得生动');
    await screenshot(member, 'learning-pool-03-member-rate');
    await card.getByTestId('rate-submit').click();
    await member.getByTestId('rate-thanks').waitFor();
    await expect.poll(() => card.count()).toBe(0);
    await screenshot(member, 'learning-pool-04-member-rated');

    // ── the town sees the average and the comment ─────────────────────────────────────────
    await town.reload();
    await town.getByTestId('teachers-search').locator('input').fill(name);
    await town.keyboard.press('Enter');
    await expect
      .poll(() => town.getByTestId(`teacher-rating-${teacher.id}`).textContent())
      .toContain('5.0 分（1 人评价）');
    await town.getByTestId('teachers-list').locator('tr', { hasText: name }).locator('td').first().click();
    const drawer = town.getByTestId('teacher-drawer');
    await expect.poll(() => drawer.textContent()).toContain('联系实际，讲得生动');
    expect(await drawer.textContent()).not.toContain(me.displayName);
    await settled(town);
    await screenshot(town, 'learning-pool-05-teacher-average');
    for (const p of [member, town]) await p.context().close();
  }, 240_000);

  test('the town adds a training base and a photo of it; the list shows the thumbnail', async () => {
    const town = await newPage(browser, { height: 1000 });
    await logIn(town, 'town_admin');
    const branch = (await get<Me>(town, '/auth/me')).orgName ?? '';
    await town.goto('/training-bases');
    await town.getByTestId('base-create').click();
    const form = town.getByTestId('base-form');
    await pick(town, 'base-form-org', branch, branch);
    const name = `清河镇革命烈士纪念馆${stamp}`;
    await form.getByTestId('base-form-name').fill(name);
    await form.getByTestId('base-form-address').fill('清河镇红星路 8 号');
    await form.getByTestId('base-form-capacity').fill('200');
    await form.getByTestId('base-form-themes').click();
    await town.keyboard.type('革命传统');
    await town.keyboard.press('Enter');
    await form.getByTestId('base-form-phone').fill('13687654321');
    await town.getByTestId('base-save').click();
    await town.getByTestId('base-form').waitFor({ state: 'detached' });
    await town.getByTestId('bases-search').locator('input').fill(name);
    await town.keyboard.press('Enter');
    const row = town.getByTestId('bases-list').locator('tr', { hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('136****4321');
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c8161d' } })
      .jpeg()
      .toBuffer();
    await row
      .locator('input[type=file]')
      .setInputFiles({ name: '纪念馆.jpg', mimeType: 'image/jpeg', buffer: photo });
    await row.locator('[data-testid^="base-thumb-"]').first().waitFor();
    await settled(town);
    await screenshot(town, 'learning-pool-06-base-with-photo');
    await town.context().close();
  }, 120_000);
});
