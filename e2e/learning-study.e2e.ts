import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, logIn, newPage, screenshot } from './browser.ts';

// a 75-second lecture: a video earns at most its own length a day
const VIDEO = path.resolve(import.meta.dirname, 'fixtures/course-video.mp4');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const csrfOf = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === 'hy_csrf')?.value ?? '';

/**
 * When the study starts: a minute from now, after anything the demo member did earlier in the run
 * (other files open courses as her at the real time, and a beat from before her last one earns
 * nothing), and never in the last quarter hour of a Beijing day, so the test's four minutes fall
 * on one day.
 */
const studyStart = () => {
  const t = Date.now() + 60_000;
  const beijing = new Date(t + 8 * 3_600_000);
  const left = 86_400_000 - (beijing.getUTCHours() * 3_600_000 + beijing.getUTCMinutes() * 60_000);
  return left < 15 * 60_000 ? t + left + 5 * 60_000 : t;
};

/** The member's study today as the server counts it at `at`. */
async function studiedToday(page: Page, at: number): Promise<number> {
  const res = await page.request.get('/api/v1/study/progress', {
    headers: { 'x-test-now': new Date(at).toISOString() },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { today: { seconds: number } }).today.seconds;
}

/**
 * A member's phone (or a second device): the page's clock is Playwright's (so a minute of the
 * player's 15-second beats passes in an instant), and each heartbeat it sends carries that
 * moment as X-Test-Now, the server's clock for the request (the e2e server runs with TEST_CLOCK):
 * the server measures the minute, as it would a real one.
 */
async function studyDevice(at: number) {
  const page = await newPage(browser, { width: 390, height: 844 });
  await page.clock.install({ time: at });
  const answers: { credited: number; courseToday: number; state: string; reason: string | null }[] = [];
  await page.route('**/api/v1/study/heartbeats', async (route) => {
    const beat = route.request().postDataJSON() as { sentAt: string };
    await route.continue({ headers: { ...route.request().headers(), 'x-test-now': beat.sentAt } });
  });
  const sent = { n: 0 };
  page.on('request', (req) => {
    if (req.url().endsWith('/api/v1/study/heartbeats')) sent.n++;
  });
  page.on('response', async (res) => {
    if (res.url().endsWith('/api/v1/study/heartbeats') && res.ok()) answers.push(await res.json());
  });
  await logIn(page, 'member');
  return { page, answers, sent };
}

type Device = Awaited<ReturnType<typeof studyDevice>>;

/** Waits until every beat the page sent has been answered. */
const settled = (d: Device) => expect.poll(() => d.answers.length === d.sent.n && d.sent.n > 0).toBe(true);

/** Opens the course and plays it (muted, as a click on the player would). */
async function watch(d: Device, courseId: string) {
  const page = d.page;
  await page.goto(`/m/learning/${courseId}`);
  const video = page.getByTestId('course-video');
  await video.waitFor();
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => page.getByTestId('study-status').getAttribute('data-state')).toBe('active');
  // the start, and the beat of pressing play (the time before it was not watched: it earns nothing)
  await settled(d);
}

/** Lets `seconds` pass on the page's clock, then waits for the `beats` it sent to be answered. */
async function pass(d: Device, seconds: number, beats: number) {
  const before = d.sent.n;
  await d.page.clock.runFor(seconds * 1000);
  await expect.poll(() => d.sent.n).toBeGreaterThanOrEqual(before + beats);
  await settled(d);
}

const credited = (p: Page) =>
  p
    .getByTestId('study-credited')
    .getAttribute('data-seconds')
    .then((s) => Number(s));

describe('学时 from real attention, in Chromium', () => {
  test('a minute of a video watched with the tab visible is credited about a minute; hidden, nothing; a second device takes over and the first earns nothing', async () => {
    // ── the department publishes a 75-second video to everyone ─────────────────────────────
    const admin = await newPage(browser);
    await logIn(admin, 'admin');
    const me = await (await admin.request.get('/api/v1/auth/me')).json();
    const csrf = await csrfOf(admin.context());
    const made = await admin.request.post('/api/v1/courses', {
      headers: { 'x-csrf-token': csrf },
      data: {
        orgId: me.grants[0].orgId,
        kind: 'video',
        title: '学时计时演示：红船精神微党课',
        tags: ['党史'],
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    const courseId = (await made.json()).id as string;
    const up = await admin.request.post(`/api/v1/courses/${courseId}/file`, {
      headers: { 'x-csrf-token': csrf },
      multipart: {
        file: { name: 'course-video.mp4', mimeType: 'video/mp4', buffer: fs.readFileSync(VIDEO) },
      },
    });
    expect(up.status(), await up.text()).toBe(200);
    const published = await admin.request.post(`/api/v1/courses/${courseId}/publish`, {
      headers: { 'x-csrf-token': csrf },
    });
    expect(published.status(), await published.text()).toBe(200);
    await admin.context().close();

    // ── the member's phone: a minute of the video, the tab visible ─────────────────────────
    const t0 = studyStart();
    const phone = await studyDevice(t0);
    // what earlier files had her study today (a class's course opened, a video seeked)
    const earlier = await studiedToday(phone.page, t0);
    await watch(phone, courseId);
    await pass(phone, 60, 4);
    await expect.poll(() => credited(phone.page)).toBeGreaterThanOrEqual(55);
    expect(await credited(phone.page)).toBeLessThanOrEqual(60);
    expect(phone.answers.at(-1)).toMatchObject({ state: 'active', reason: null });
    await screenshot(phone.page, 'learning-study-01-phone-watching');

    // ── the tab hidden (another app in front): a minute passes, nothing is credited ────────
    const beforeHiding = phone.answers.length;
    await phone.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => phone.page.getByTestId('study-status').getAttribute('data-state')).toBe('paused');
    // the beat that closes the watched period, sent as the tab was hidden
    await expect.poll(() => phone.answers.length).toBe(beforeHiding + 1);
    const sentHidden = phone.answers.length;
    // what the page showed then: the minute, and the seconds watched since its last beat
    await expect.poll(() => credited(phone.page)).toBe(phone.answers.at(-1)?.courseToday);
    const minute = await credited(phone.page);
    expect(minute).toBeLessThanOrEqual(75);
    await phone.page.clock.runFor(60_000);
    await phone.page.waitForTimeout(300);
    // quiet while hidden: no beat was sent for that minute
    expect(phone.answers.length).toBe(sentHidden);
    await screenshot(phone.page, 'learning-study-02-phone-hidden');
    // back in front: the beat that says so earns nothing for the hidden minute
    await phone.page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => phone.answers.length).toBeGreaterThan(sentHidden);
    expect(phone.answers.at(-1)).toMatchObject({ credited: 0, reason: 'hidden' });
    expect(await credited(phone.page)).toBe(minute);

    // ── a second device (a laptop) opens the same course: it takes over ───────────────────
    const laptop = await studyDevice(t0 + 125_000);
    await watch(laptop, courseId);
    expect(laptop.answers[0]).toMatchObject({ reason: 'took_over', credited: 0 });
    await pass(laptop, 15, 1);
    // the seconds since it pressed play (the tick comes 15 s after the page opened), as far as
    // the video's 75 a day allow
    const laptopSeconds = laptop.answers.at(-1)?.credited ?? -1;
    expect(laptopSeconds).toBeGreaterThan(0);
    expect(laptopSeconds).toBeLessThanOrEqual(Math.min(15, 75 - minute));
    await screenshot(laptop.page, 'learning-study-03-laptop-took-over');

    // the phone's next beat is told, and earns nothing
    const phoneBefore = phone.answers.length;
    await phone.page.clock.runFor(15_000);
    await expect.poll(() => phone.answers.length).toBeGreaterThan(phoneBefore);
    expect(phone.answers.slice(phoneBefore).every((a) => a.credited === 0)).toBe(true);
    expect(phone.answers.at(-1)).toMatchObject({ state: 'taken-over', reason: 'taken_over' });
    await expect
      .poll(() => phone.page.getByTestId('study-status').getAttribute('data-state'))
      .toBe('taken-over');
    await phone.page.getByTestId('study-resume').waitFor();
    await screenshot(phone.page, 'learning-study-04-phone-taken-over');

    // the day's study, as the member's home and page show it: the phone's minute and the laptop's
    // seconds (on top of what earlier files left), asked at the study's moment
    const end = t0 + 200_000;
    expect(await studiedToday(laptop.page, end)).toBe(earlier + minute + laptopSeconds);
    await laptop.page.context().setExtraHTTPHeaders({ 'x-test-now': new Date(end).toISOString() });
    await laptop.page.goto('/m');
    const tile = laptop.page.getByTestId('tile-/m/study');
    await tile.getByTestId('tile-progress').waitFor();
    await screenshot(laptop.page, 'learning-study-05-member-home');
    await tile.click();
    await laptop.page.getByTestId('my-study-ring').waitFor();
    expect(await laptop.page.getByTestId('my-study-today').textContent()).toContain(
      `${Math.floor((earlier + minute + laptopSeconds) / 60)} 分钟`,
    );
    await screenshot(laptop.page, 'learning-study-06-my-study');
    await phone.page.context().close();
    await laptop.page.context().close();
  });

  test('the town admin sees the towns’ branches against the requirement, as a chart and a table', async () => {
    const page = await newPage(browser, { height: 900 });
    await logIn(page, 'town_admin');
    await page.goto('/study');
    await page.getByTestId('study-total').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.locator('[data-testid="study-children"] tbody tr.ant-table-row').count())
      .toBeGreaterThan(0);
    expect(await page.getByTestId('study-computed-at').textContent()).toContain('统计于');
    await page.waitForTimeout(500);
    await screenshot(page, 'learning-study-07-admin-requirement');
    await page.context().close();
  });
});
