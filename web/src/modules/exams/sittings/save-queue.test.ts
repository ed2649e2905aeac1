import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../../../../contracts/exams/sittings.ts';
import { ApiError } from '../../../app/api.ts';
import { classifyFailure } from './answers.ts';
import { backoffMs, readKept, SaveQueue } from './save-queue.ts';

/** A server whose answers the test decides, one request at a time, and a clock the test moves. */
function harness(storage = memoryStorage()) {
  const sent: { slot: number; answer: AnswerValue; ok: () => void; fail: (e: unknown) => void }[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let closed = 0;
  const queue = new SaveQueue({
    key: 'hy-exam-attempt-7',
    storage,
    send: (slot, answer) =>
      new Promise((resolve, reject) => {
        sent.push({ slot, answer, ok: () => resolve({ slot }), fail: reject });
      }),
    classify: classifyFailure,
    onClosed: () => closed++,
    setTimer: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => timers.splice(timers.indexOf(t as (typeof timers)[number]), 1),
  });
  /** Lets the promises of the requests answered so far run on. */
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const fireTimer = async () => {
    const t = timers.shift();
    t?.fn();
    await settle();
    return t?.ms;
  };
  return { queue, sent, timers, storage, settle, fireTimer, closedCount: () => closed };
}

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

const offline = () => new ApiError(0, 'network', '网络连接失败');

describe('saving answers as they are given', () => {
  it('an answer is 保存中 until the server has it, then 已保存, and no longer kept on the phone', async () => {
    const h = harness();
    h.queue.put(0, { choices: [1] });
    expect(h.queue.stateOf(0)).toBe('saving');
    expect(readKept(h.storage, 'hy-exam-attempt-7')).toEqual({ 0: { choices: [1] } });
    h.sent[0].ok();
    await h.settle();
    expect(h.queue.stateOf(0)).toBe('saved');
    expect(h.storage.map.size).toBe(0);
    expect(h.queue.unsaved()).toEqual([]);
  });

  it('a change while the first answer is on its way is sent after it, and only the newest counts', async () => {
    const h = harness();
    h.queue.put(1, { choices: [0] });
    h.queue.put(1, { choices: [0, 2] });
    h.queue.put(1, { choices: [2] });
    // one request at a time per question: the older one must not land after the newer
    expect(h.sent).toHaveLength(1);
    h.sent[0].ok();
    await h.settle();
    expect(h.queue.stateOf(1)).toBe('saving');
    expect(h.sent.map((s) => s.answer)).toEqual([{ choices: [0] }, { choices: [2] }]);
    h.sent[1].ok();
    await h.settle();
    expect(h.queue.stateOf(1)).toBe('saved');
  });

  it('offline: 未保存, kept on the phone, retried after 1 s, then 2 s …; back online it goes at once', async () => {
    const h = harness();
    h.queue.put(2, { truth: true });
    h.sent[0].fail(offline());
    await h.settle();
    expect(h.queue.stateOf(2)).toBe('unsaved');
    expect(readKept(h.storage, 'hy-exam-attempt-7')).toEqual({ 2: { truth: true } });
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);

    // another answer meanwhile waits for the retry instead of hammering a dead network
    h.queue.put(3, { text: '民主集中制' });
    expect(h.sent).toHaveLength(1);
    expect(h.queue.stateOf(3)).toBe('unsaved');

    await h.fireTimer();
    expect(h.sent.map((s) => s.slot)).toEqual([2, 2, 3]);
    h.sent[1].fail(offline());
    h.sent[2].fail(offline());
    await h.settle();
    expect(h.timers.map((t) => t.ms)).toEqual([2000]);

    // the 'online' event (or 重试): no more waiting
    h.queue.retryNow();
    expect(h.timers).toHaveLength(0);
    expect(h.sent).toHaveLength(5);
    h.sent[3].ok();
    h.sent[4].ok();
    await h.settle();
    expect(h.queue.unsaved()).toEqual([]);
    expect(h.storage.map.size).toBe(0);
  });

  it('waits at most 30 s between tries', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map(backoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('a reload finds the answers the server never got and sends them again', async () => {
    const storage = memoryStorage();
    const first = harness(storage);
    first.queue.put(4, { text: '1921' });
    first.sent[0].fail(offline());
    await first.settle();
    first.queue.stop();

    const again = harness(storage);
    expect(again.queue.restore()).toEqual({ 4: { text: '1921' } });
    expect(again.sent.map((s) => [s.slot, s.answer])).toEqual([[4, { text: '1921' }]]);
    again.sent[0].ok();
    await again.settle();
    expect(storage.map.size).toBe(0);
  });

  it('garbled storage is ignored, not trusted', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{not json');
    expect(readKept(storage, 'k')).toEqual({});
    storage.setItem('k', JSON.stringify({ x: { text: 'a' }, 2: 'no', 3: { truth: true } }));
    expect(readKept(storage, 'k')).toEqual({ 3: { truth: true } });
    expect(readKept(null, 'k')).toEqual({});
  });

  it('409 attempt_closed: the page is told once, and nothing more is sent', async () => {
    const h = harness();
    h.queue.put(0, { choices: [0] });
    h.sent[0].fail(new ApiError(409, 'attempt_closed', '考试时间已到'));
    await h.settle();
    expect(h.closedCount()).toBe(1);
    h.queue.put(1, { choices: [1] });
    expect(h.sent).toHaveLength(1);
    expect(h.timers).toHaveLength(0);
  });

  it('an answer the server refuses (400) says why and is not sent again', async () => {
    const h = harness();
    h.queue.put(0, { choices: [0, 1] });
    h.sent[0].fail(new ApiError(400, 'validation', '单选题只能选一项'));
    await h.settle();
    expect(h.queue.stateOf(0)).toBe('refused');
    expect(h.queue.reasonOf(0)).toBe('单选题只能选一项');
    expect(h.timers).toHaveLength(0);
    expect(h.storage.map.size).toBe(0);
  });

  it('交卷 first flushes: true once all is saved, false when a round of sending fails', async () => {
    const h = harness();
    h.queue.put(0, { choices: [0] });
    h.queue.put(1, { truth: false });
    const done = h.queue.flush();
    h.sent[0].ok();
    h.sent[1].ok();
    expect(await done).toBe(true);

    h.queue.put(2, { text: 'x' });
    const failing = h.queue.flush();
    h.sent[2].fail(offline());
    expect(await failing).toBe(false);
    expect(h.queue.unsaved()).toEqual([2]);
  });

  it('after the page is left, what is typed is kept on the phone but not sent', async () => {
    const h = harness();
    h.queue.stop();
    h.queue.put(5, { text: '最后一句' });
    expect(h.sent).toHaveLength(0);
    expect(readKept(h.storage, 'hy-exam-attempt-7')).toEqual({ 5: { text: '最后一句' } });
  });
});
