import { Button } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { useBulletin, useElection } from './api.ts';
import { runningTally } from './count.ts';
import './i18n.ts';
import './elections.css';

/** Seconds between two ballots read out: slow enough for the room to follow. */
const STEP_MS = 1500;

/**
 * 唱票 on the meeting room's screen (after closing): the ballots revealed one by one in the
 * bulletin's order, each read out, with every candidate's running tally in big type. Full screen
 * over the console; 下一张 for a teller who reads each ballot aloud, 开始 to run on its own.
 */
export default function CountScreenPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const election = useElection(id);
  const board = useBulletin(id, true);
  const [shown, setShown] = useState(0);
  const [running, setRunning] = useState(false);
  const total = board.data?.ballots.length ?? 0;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setShown((n) => Math.min(n + 1, total)), STEP_MS);
    return () => clearInterval(timer);
  }, [running, total]);
  useEffect(() => {
    if (shown >= total) setRunning(false);
  }, [shown, total]);
  useEffect(() => {
    document.title = `${t('elections.screen.title')} · ${t('app.title')}`;
  }, [t]);
  const rows = useMemo(() => (board.data ? runningTally(board.data, shown) : []), [board.data, shown]);
  const current = board.data && shown > 0 ? board.data.ballots[shown - 1] : undefined;
  const appraisal = election.data?.kind === 'appraisal';
  const nameOf = (cid: string) => board.data?.candidates.find((c) => c.id === cid)?.name ?? cid;
  return (
    <div className="hy-count-screen" data-testid="count-screen">
      <div className="hy-count-bar">
        <Button onClick={() => navigate(`/elections/${id}`)}>{t('elections.screen.close')}</Button>
        <Button onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}>
          {t('elections.screen.fullscreen')}
        </Button>
        <Button
          type="primary"
          onClick={() => setRunning((r) => !r)}
          disabled={shown >= total}
          data-testid="count-run"
        >
          {running ? t('elections.screen.pause') : t('elections.screen.start')}
        </Button>
        <Button
          onClick={() => setShown((n) => Math.min(n + 1, total))}
          disabled={shown >= total}
          data-testid="count-next"
        >
          {t('elections.screen.next')}
        </Button>
        <Button onClick={() => setShown(total)} disabled={shown >= total} data-testid="count-all">
          {t('elections.screen.all')}
        </Button>
      </div>
      <h1 className="hy-count-title">
        {election.data?.title} · {t('elections.screen.title')}
      </h1>
      {board.isError && <p className="hy-count-now">{errorMessage(board.error)}</p>}
      <p className="hy-count-now" aria-live="polite" data-testid="count-now">
        {total === 0
          ? t('elections.screen.empty')
          : shown >= total
            ? `${t('elections.screen.done')} · ${t('elections.screen.of', { n: total, total })}`
            : current
              ? `${t('elections.screen.of', { n: shown, total })}：${
                  current.valid
                    ? [
                        ...Object.entries(current.choices.marks).map(
                          ([cid, m]) =>
                            `${nameOf(cid)} ${appraisal ? t(`elections.grade.${m}`) : t(`elections.mark.${m}`)}`,
                        ),
                        ...current.choices.writeIns.map((w) => `${w} ${t('elections.mark.yes')}`),
                      ].join('，') || t('elections.mark.abstain')
                    : t('elections.screen.invalid')
                }`
              : t('elections.screen.of', { n: 0, total })}
      </p>
      <table className="hy-count-table" data-testid="count-table">
        <thead>
          <tr>
            <th>{t('elections.result.candidate')}</th>
            <th>{appraisal ? t('elections.grade.excellent') : t('elections.mark.yes')}</th>
            <th>{appraisal ? t('elections.grade.unqualified') : t('elections.mark.no')}</th>
            <th>
              {appraisal
                ? `${t('elections.grade.qualified')}、${t('elections.grade.basic')}`
                : t('elections.mark.abstain')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <td>{r.name}</td>
              <td className="hy-count-num" data-testid={`count-yes-${r.name}`}>
                {r.yes}
              </td>
              <td className="hy-count-num">{r.no}</td>
              <td className="hy-count-num" data-testid={`count-other-${r.name}`}>
                {r.other}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {board.data && (
        <p className="hy-count-foot">
          {t('elections.result.chainHead')}：{board.data.chainHead}
        </p>
      )}
    </div>
  );
}
