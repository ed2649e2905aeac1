import { describe, expect, it } from 'vitest';
import type { Heartbeat, HeartbeatResult } from '../../../../../contracts/learning/study.ts';
import { type Attention, type DeviceStore, deviceOf, HeartbeatTracker } from './heartbeat.ts';

const memory = (): DeviceStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

const watching: Attention = { visible: true, focused: true, playing: true };

/** A page with a tracker, whose beats are answered by `answer` (default: active, 15 s a beat). */
function page(
  opts: {
    media?: boolean;
    attention?: Attention;
    answer?: (b: Heartbeat) => Partial<HeartbeatResult> | Error;
  } = {},
) {
  const sent: Heartbeat[] = [];
  const states: string[] = [];
  let today = 0;
  const t = new HeartbeatTracker(
    '42',
    opts.media ?? true,
    deviceOf(memory(), () => 'device-0001'),
    async (b) => {
      sent.push(b);
      const a = opts.answer?.(b) ?? {};
      if (a instanceof Error) throw a;
      const credited = b.start ? 0 : 15;
      today += credited;
      return {
        seq: b.seq,
        state: 'active',
        credited,
        reason: null,
        courseToday: today,
        dayTotal: today,
        replayed: false,
        ...a,
      };
    },
    opts.attention ?? watching,
    (s) => states.push(s.state),
  );
  return { t, sent, states };
}

const flags = (b: Heartbeat) => ({
  start: b.start,
  visible: b.visible,
  focused: b.focused,
  playing: b.playing,
});

describe('when the player beats, and what each beat says', () => {
  it('opening the course sends a start; then a beat every tick while the video plays on a visible page', async () => {
    const { t, sent } = page();
    await t.start();
    await t.tick();
    await t.tick();
    expect(sent.map(flags)).toEqual([
      { start: true, visible: true, focused: true, playing: true },
      { start: false, visible: true, focused: true, playing: true },
      { start: false, visible: true, focused: true, playing: true },
    ]);
    expect(sent.map((b) => b.seq)).toEqual([1, 2, 3]);
    expect(t.snapshot()).toEqual({ state: 'active', credited: 30, reason: null });
  });

  it('hiding the tab closes the watched period at once, then nothing is sent while it stays hidden', async () => {
    const { t, sent } = page();
    await t.start();
    await t.change({ ...watching, visible: false });
    await t.tick();
    await t.tick();
    expect(sent.map(flags).slice(1)).toEqual([{ start: false, visible: true, focused: true, playing: true }]);
    expect(t.snapshot().state).toBe('paused');
  });

  it('coming back says the period before was hidden (it earns nothing) and counts again from there', async () => {
    const { t, sent } = page();
    await t.start();
    await t.change({ ...watching, visible: false });
    await t.change(watching);
    await t.tick();
    expect(sent.map(flags).slice(2)).toEqual([
      { start: false, visible: false, focused: true, playing: true },
      { start: false, visible: true, focused: true, playing: true },
    ]);
    expect(t.snapshot().state).toBe('active');
  });

  it('another window in front, or the video paused, is attention stopped too', async () => {
    const blurred = page();
    await blurred.t.start();
    await blurred.t.change({ ...watching, focused: false });
    await blurred.t.change(watching);
    expect(flags(blurred.sent[2])).toMatchObject({ focused: false, visible: true });

    const paused = page();
    await paused.t.start();
    await paused.t.change({ ...watching, playing: false });
    await paused.t.tick();
    await paused.t.change(watching);
    expect(paused.sent.map(flags).slice(1)).toEqual([
      { start: false, visible: true, focused: true, playing: true },
      { start: false, visible: true, focused: true, playing: false },
    ]);
  });

  it('an article has nothing to play: visible and focused is enough, and beats say nothing of playing', async () => {
    const { t, sent } = page({ media: false, attention: { visible: true, focused: true, playing: false } });
    await t.start();
    await t.tick();
    expect(sent).toHaveLength(2);
    expect(sent[1].playing).toBeUndefined();
  });

  it('a page opened in a background tab starts the clock, and its first beat says it was hidden', async () => {
    const { t, sent } = page({ attention: { ...watching, visible: false } });
    await t.start();
    expect(t.snapshot().state).toBe('paused');
    await t.tick();
    await t.change(watching);
    expect(sent.map(flags)).toEqual([
      { start: true, visible: false, focused: true, playing: true },
      { start: false, visible: false, focused: true, playing: true },
    ]);
  });

  it('taken over by another device: stops, until the member continues here (a start)', async () => {
    let takenOver = false;
    const { t, sent } = page({ answer: () => (takenOver ? { state: 'taken-over', credited: 0 } : {}) });
    await t.start();
    takenOver = true;
    await t.tick();
    expect(t.snapshot().state).toBe('taken-over');
    await t.tick();
    expect(sent).toHaveLength(2);
    takenOver = false;
    await t.start();
    expect(sent.at(-1)?.start).toBe(true);
    expect(t.snapshot().state).toBe('active');
  });

  it('once the course’s day is full the page still counts, and knows why nothing more is credited', async () => {
    const { t } = page({
      answer: (b) => (b.start ? {} : { credited: 0, courseToday: 3600, reason: 'item_cap' }),
    });
    await t.start();
    await t.tick();
    expect(t.snapshot()).toEqual({ state: 'active', credited: 3600, reason: 'item_cap' });
  });

  it('a course not open to the member is refused, and the page stops beating; a network failure is retried', async () => {
    const refused = page({ answer: () => Object.assign(new Error('not visible'), { status: 404 }) });
    await refused.t.start();
    await refused.t.tick();
    expect(refused.t.snapshot().state).toBe('refused');
    expect(refused.sent).toHaveLength(1);

    let down = true;
    const flaky = page({
      answer: (b) => (down && !b.start ? Object.assign(new Error('offline'), { status: 0 }) : {}),
    });
    await flaky.t.start();
    await flaky.t.tick();
    down = false;
    await flaky.t.tick();
    expect(flaky.sent.map((b) => b.seq)).toEqual([1, 2, 3]);
    expect(flaky.t.snapshot().state).toBe('active');
  });
});

describe('the device and its beat numbers', () => {
  it('keeps its id, and its numbers keep rising across page loads and tabs', () => {
    const store = memory();
    const a = deviceOf(store, () => 'device-0001');
    expect([a.nextSeq(), a.nextSeq()]).toEqual([1, 2]);
    const b = deviceOf(store, () => 'device-9999');
    expect(b.id).toBe('device-0001');
    expect(b.nextSeq()).toBe(3);
    expect(a.nextSeq()).toBe(4);
  });
  it('a damaged entry gets a fresh id', () => {
    const store = memory();
    store.setItem('hy.study.device', '{"id":"x","seq":"no"}');
    expect(deviceOf(store, () => 'device-0002').id).toBe('device-0002');
  });
});
