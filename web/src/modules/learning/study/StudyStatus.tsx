import { useTranslation } from 'react-i18next';
import type { StudyReason } from '../../../../../contracts/learning/study.ts';
import type { StudyState } from './heartbeat.ts';
import './i18n.ts';
import './study.css';

/** What the member is told when counting goes on but earns nothing (the hook's `reason`). */
const NOTES: Partial<Record<StudyReason, string>> = {
  item_cap: 'studyStatus.itemCap',
  reading_cap: 'studyStatus.readingCap',
  daily_cap: 'studyStatus.dailyCap',
  warming_up: 'studyStatus.warmingUp',
};

/**
 * One line under the player or reader: whether study time is being counted, today's minutes for
 * this course, why nothing more is counted (a cap reached), and after another device took over,
 * the button to continue here. Light (member app: no antd, text ≥ 16 px); said in words and a
 * symbol, never by colour alone.
 */
export function StudyStatus({
  state,
  credited,
  reason,
  onResume,
}: {
  state: StudyState;
  credited: number;
  reason?: StudyReason | null;
  onResume?: () => void;
}) {
  const { t } = useTranslation();
  const text = {
    active: t('studyStatus.active'),
    paused: t('studyStatus.paused'),
    'taken-over': t('studyStatus.takenOver'),
    refused: t('studyStatus.refused'),
  }[state];
  return (
    <div
      className={`hy-study-status hy-study-${state}`}
      role="status"
      data-testid="study-status"
      data-state={state}
    >
      <span aria-hidden="true">{state === 'active' ? '●' : state === 'paused' ? 'Ⅱ' : '○'}</span>
      <span>{text}</span>
      {state !== 'refused' && (
        <span className="hy-study-today" data-testid="study-credited" data-seconds={credited}>
          {t('studyStatus.today', { minutes: Math.floor(credited / 60) })}
        </span>
      )}
      {state === 'active' && reason && NOTES[reason] && (
        <span className="hy-study-note" data-testid="study-note">
          {t(NOTES[reason])}
        </span>
      )}
      {state === 'taken-over' && onResume && (
        <button type="button" className="hy-btn hy-btn-primary" onClick={onResume} data-testid="study-resume">
          {t('studyStatus.resume')}
        </button>
      )}
    </div>
  );
}
