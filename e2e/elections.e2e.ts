import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeIdCard } from '../server/src/modules/members/record/id-card.ts';
import { launchBrowser, logIn, newPage, pick as choose, screenshot } from './browser.ts';

// Issue 16 (elections), "done when": a branch election — two members vote online, a teller enters
// a paper ballot (two tellers, the same reading), the meeting closes, the count shows on the big
// screen, a voter finds their tracking code on the bulletin board, and a probationary member is
// refused a ballot. The branch and its people are this file's own (names unique to it): no demo
// person's record is touched.

const stamp = Date.now().toString(36);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A JSON call made from the signed-in page, as the web app makes it (session cookie, CSRF header). */
async function call<T>(
  page: Page,
  method: string,
  url: string,
  body?: object,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.match(/(?:^|; )hy_csrf=([^;]+)/)?.[1] ?? '';
      const res = await fetch(`/api/v1${url}`, {
        method,
        headers: body
          ? { 'content-type': 'application/json', 'x-csrf-token': csrf }
          : { 'x-csrf-token': csrf },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: await res.json() };
    },
    { method, url, body },
  ) as Promise<{ status: number; body: T }>;
}
async function ok<T>(page: Page, method: string, url: string, body?: object): Promise<T> {
  const res = await call<T>(page, method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await page.waitForTimeout(300);
}

async function pickOrg(page: Page, select: Locator, name: string) {
  const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${name}"]`);
  await choose(page, select, option, name, async () => {
    await select.click();
    await page.keyboard.type(name.slice(0, 6));
  });
  await page.getByTestId('election-title').click();
}

// this file's people: three full members with a vote, one probationary member without
const PEOPLE = [
  { key: 'a', name: '柏文选', status: 'full' },
  { key: 'b', name: '柏武选', status: 'full' },
  { key: 'c', name: '柏纸选', status: 'full' },
  { key: 'p', name: '柏预选', status: 'probationary' },
] as const;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('选举: a branch election from the candidate list to the bulletin board', () => {
  test('two vote online, a paper ballot is entered twice, the count on the big screen, a code found, a probationary member refused', async () => {
    // ── the town sets up a branch of its own with four people and their study cards ─────────
    const town = await newPage(browser);
    await logIn(town, 'town_admin');
    const me = await ok<{ orgId: string }>(town, 'GET', '/auth/me');
    const branchName = `柏林村选举测试支部${stamp}`;
    const branch = await ok<{ id: string }>(town, 'POST', '/orgs', {
      parentId: me.orgId,
      name: branchName,
      code: `EL-${stamp}`,
      kind: 'branch',
    });
    for (const [i, p] of PEOPLE.entries()) {
      const birthDate = `1980-0${i + 1}-1${i}`;
      await ok(town, 'POST', '/members', {
        name: p.name,
        gender: 'male',
        ethnicity: '汉族',
        idNumber: makeIdCard('110101', birthDate, 300 + (Date.now() % 300) + i * 2, 'male'),
        birthDate,
        education: '大学本科',
        status: p.status,
        joinedOn: p.status === 'full' ? '2010-07-01' : daysAgo(120),
        fullOn: p.status === 'full' ? '2011-07-01' : null,
        orgId: branch.id,
      });
    }
    const issued = await ok<{
      items: { memberId: string; name: string; cardNo: string; password: string }[];
    }>(town, 'POST', '/members/cards/issue', { orgId: branch.id, onlyWithout: true });
    const card = (name: string) => {
      const c = issued.items.find((x) => x.name === name);
      if (!c) throw new Error(`no card for ${name}: ${JSON.stringify(issued.items.map((x) => x.name))}`);
      return c;
    };

    // ── the candidate list, approved by the town (the branch's superior org), then voting opens ─
    await town.goto('/elections');
    await town.getByTestId('election-new').click();
    const form = town.getByTestId('election-form');
    await town.getByTestId('election-title').waitFor();
    await form.getByTestId('election-title').fill(`柏林村支部换届选举${stamp}`);
    await pickOrg(town, form.getByTestId('election-org'), branchName);
    await form.getByTestId('election-seats').fill('1');
    await form.getByTestId('election-candidates').fill('柏文选\n柏武选');
    await screenshot(town, 'elections-01-candidate-list');
    await town.getByTestId('election-save').click();
    await town.getByTestId('election-page').waitFor();
    await town.getByTestId('election-submit').click();
    await expect.poll(() => town.getByTestId('election-state').textContent()).toBe('待上级审批');
    await town.getByTestId('election-approve').click();
    await expect.poll(() => town.getByTestId('election-state').textContent()).toBe('已批准');
    await town.getByTestId('election-open').click();
    await expect.poll(() => town.getByTestId('election-state').textContent()).toBe('投票中');
    await expect.poll(() => town.getByTestId('progress-entitled').textContent()).toBe('3');
    const electionId = new URL(town.url()).pathname.split('/').pop() ?? '';
    await settled(town);
    await screenshot(town, 'elections-02-open');

    // ── two members vote online on their phones; each is shown a tracking code once ─────────
    const codes: Record<string, string> = {};
    for (const name of ['柏文选', '柏武选']) {
      const phone = await newPage(browser, { width: 390, height: 844 });
      await logIn(phone, card(name).cardNo, card(name).password);
      await phone.getByTestId('tile-/m/elections').click();
      await phone.getByTestId(`my-election-vote-${electionId}`).click();
      await phone.getByTestId('cand-柏文选').getByRole('button', { name: '赞成', exact: true }).click();
      await phone
        .getByTestId('cand-柏武选')
        .getByRole('button', { name: name === '柏武选' ? '弃权' : '不赞成', exact: true })
        .click();
      await expect.poll(() => phone.getByTestId('ballot-count').textContent()).toContain('已选 1 人');
      if (name === '柏文选') await screenshot(phone, 'elections-03-phone-ballot');
      await phone.getByTestId('ballot-submit').click();
      await phone.getByTestId('ballot-confirm-yes').click();
      codes[name] = ((await phone.getByTestId('tracking-code').textContent()) ?? '').trim();
      expect(codes[name]).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      if (name === '柏文选') await screenshot(phone, 'elections-04-tracking-code');
      // one member, one ballot: a second try is refused with the reason
      const again = await call<{ error: { message: string } }>(
        phone,
        'POST',
        `/elections/${electionId}/ballots`,
        {},
      );
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('一人一票');
      await phone.context().close();
    }
    await expect
      .poll(() => town.getByTestId('progress-ballots').textContent(), { timeout: 10_000 })
      .toBe('2');

    // ── the probationary member sees why there is no ballot, and is refused one ─────────────
    const prob = await newPage(browser, { width: 390, height: 844 });
    await logIn(prob, card('柏预选').cardNo, card('柏预选').password);
    await prob.goto('/m/elections');
    const refusal = prob.getByTestId(`my-election-refusal-${electionId}`);
    await expect.poll(() => refusal.textContent()).toContain('预备党员没有表决权、选举权和被选举权');
    const refused = await call<{ error: { message: string } }>(
      prob,
      'POST',
      `/elections/${electionId}/ballots`,
      {},
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('预备党员');
    await screenshot(prob, 'elections-05-probationary-refused');
    await prob.context().close();

    // ── a paper ballot: issued at the door, entered by two tellers who read it alike ────────
    await town.getByTestId('issue-柏纸选').click();
    await expect.poll(() => town.getByTestId('progress-voted').textContent(), { timeout: 10_000 }).toBe('3');
    const enterPaper = async (page: Page) => {
      await page.getByTestId('paper-no').fill('001');
      await page.getByTestId('paper-柏文选').getByText('赞成', { exact: true }).click();
      await page.getByTestId('paper-柏武选').getByText('不赞成', { exact: true }).click();
      await page.getByTestId('paper-enter').click();
    };
    await enterPaper(town);
    await expect.poll(() => town.getByTestId('paper-said').textContent()).toContain('等待第二名计票人录入');
    const teller2 = await newPage(browser);
    await logIn(teller2, 'admin');
    await teller2.goto(`/elections/${electionId}`);
    await teller2.getByTestId('paper-card').waitFor();
    await enterPaper(teller2);
    await expect
      .poll(() => teller2.getByTestId('paper-said').textContent())
      .toContain('两次录入一致，已计入');
    await screenshot(teller2, 'elections-06-paper-counted');
    await teller2.context().close();
    await expect
      .poll(() => town.getByTestId('progress-ballots').textContent(), { timeout: 10_000 })
      .toBe('3');

    // ── the meeting closes: the count, the chart, the verification ──────────────────────────
    await town.getByTestId('election-close').click();
    await town.getByTestId('election-close-ok').click();
    await expect.poll(() => town.getByTestId('election-state').textContent()).toBe('已结束');
    await town.getByTestId('election-result').waitFor();
    await expect.poll(() => town.getByTestId('result-elected').textContent()).toContain('当选：柏文选');
    await expect.poll(() => town.getByTestId('election-verify').textContent()).toContain('选票未被改动');
    await town.getByTestId('result-chart').locator('canvas').waitFor();
    await settled(town);
    await screenshot(town, 'elections-07-result');

    // ── the big screen: ballots revealed one by one with running tallies ────────────────────
    await town.getByTestId('election-screen').click();
    await town.getByTestId('count-screen').waitFor();
    await town.getByTestId('count-next').click();
    await expect.poll(() => town.getByTestId('count-now').textContent()).toContain('第 1 张 / 共 3 张');
    expect(await town.getByTestId('count-yes-柏文选').textContent()).toBe('1');
    await screenshot(town, 'elections-08-big-screen-first');
    await town.getByTestId('count-all').click();
    await expect.poll(() => town.getByTestId('count-yes-柏文选').textContent()).toBe('3');
    // one 弃权 for 柏武选 (his own ballot), counted in its own column
    expect(await town.getByTestId('count-other-柏武选').textContent()).toBe('1');
    expect(await town.getByTestId('count-now').textContent()).toContain('唱票完毕');
    await screenshot(town, 'elections-09-big-screen-done');

    // ── a voter finds their tracking code on the bulletin board ─────────────────────────────
    const voter = await newPage(browser, { width: 390, height: 844 });
    await logIn(voter, card('柏武选').cardNo, card('柏武选').password);
    await voter.goto('/m/elections');
    await voter.getByTestId(`my-election-board-${electionId}`).click();
    await voter.getByTestId('code-input').fill(codes['柏武选'].toLowerCase());
    await voter.getByTestId('code-find').click();
    await expect.poll(() => voter.getByTestId('code-found').textContent()).toContain('柏文选：赞成');
    expect(await voter.getByTestId('code-found').textContent()).toContain('柏武选：弃权');
    expect(await voter.getByTestId('verify').textContent()).toContain('选票未被改动');
    await screenshot(voter, 'elections-10-code-found');
    await voter.context().close();
    await town.context().close();
  });
});
