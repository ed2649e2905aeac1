import { useCallback, useEffect, useRef, useState } from 'react';
import {
  HEARTBEAT_SECONDS,
  type Heartbeat,
  type HeartbeatResult,
} from '../../../../../contracts/learning/study.ts';
import { api } from '../../../app/api.ts';
import { type Attention, deviceOf, HeartbeatTracker, type Snapshot, type StudyState } from './heartbeat.ts';

const randomId = () => {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `d${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
};

const sendBeat = (beat: Heartbeat) => api.post<HeartbeatResult>('/study/heartbeats', beat);

const pageAttention = (playing: boolean): Attention => ({
  visible: document.visibilityState === 'visible',
  focused: document.hasFocus(),
  playing,
});

/**
 * 学时 for the page that shows a course (the player, the reader): beats every 15 seconds while the
 * page is visible and focused (and, with `media`, while `playing`), at once when that changes, and
 * a start when the course opens. Watches visibility and focus itself; the caller says whether its
 * video or audio plays. `credited`: the seconds credited today for this course, as the server last
 * said. `state`: active (counting), paused (nothing counts now), taken-over (the member continued
 * on another device: `resume` continues here), refused (the course is not open to the member).
 * `reason`: why the last beat earned less than its time (the day's cap of the course reached…).
 */
export function useStudyHeartbeat(
  courseId: string,
  opts: { media: boolean; playing: boolean },
): { credited: number; state: StudyState; reason: Snapshot['reason']; resume: () => void } {
  const [snap, setSnap] = useState<Snapshot>({ state: 'paused', credited: 0, reason: null });
  const tracker = useRef<HeartbeatTracker | null>(null);
  const playing = useRef(opts.playing);
  playing.current = opts.playing;

  useEffect(() => {
    const t = new HeartbeatTracker(
      courseId,
      opts.media,
      deviceOf(window.localStorage, randomId),
      sendBeat,
      pageAttention(playing.current),
      setSnap,
    );
    tracker.current = t;
    void t.start();
    const changed = () => void t.change(pageAttention(playing.current));
    document.addEventListener('visibilitychange', changed);
    window.addEventListener('focus', changed);
    window.addEventListener('blur', changed);
    const timer = window.setInterval(() => void t.tick(), HEARTBEAT_SECONDS * 1000);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', changed);
      window.removeEventListener('focus', changed);
      window.removeEventListener('blur', changed);
      void t.stop();
      tracker.current = null;
    };
  }, [courseId, opts.media]);

  // play and pause come from the caller's media element
  useEffect(() => {
    void tracker.current?.change(pageAttention(opts.playing));
  }, [opts.playing]);

  const resume = useCallback(() => void tracker.current?.start(), []);
  return { ...snap, resume };
}
