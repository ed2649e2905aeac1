import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { BallotChoices } from '../../../../contracts/elections/elections.ts';
import { errorMessage } from '../../app/api.ts';
import { queryClient } from '../../app/queryClient.ts';
import { electionApi, electionKeys, useMyElections } from './api.ts';
import './i18n.ts';
import './elections.css';

const MARKS = ['yes', 'no', 'abstain'] as const;
const GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
type Mark = BallotChoices['marks'][string];

/**
 * 选票 (/m/elections/:id): one card per candidate with big buttons (赞成 / 不赞成 / 弃权, or the
 * four grades of an appraisal), names written in, a counter against the seats, then an inline
 * confirmation (no pop-up). After casting, the tracking code is shown once, large, to note down.
 */
export default function BallotPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const list = useMyElections();
  const e = list.data?.items.find((x) => x.id === id);
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [writeIns, setWriteIns] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const cast = useMutation({
    mutationFn: () =>
      electionApi.cast(id, { marks, writeIns: writeIns.map((w) => w.trim()).filter(Boolean) }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: electionKeys.mine }),
  });
  useEffect(() => {
    document.title = `${e?.title ?? t('myElections.title')} · ${t('app.short')}`;
  }, [t, e?.title]);

  const appraisal = e?.kind === 'appraisal';
  const chosen =
    Object.values(marks).filter((m) => m === 'yes').length + writeIns.filter((w) => w.trim()).length;
  const tooMany = !!e && !appraisal && chosen > e.seats;

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m/elections">
          ‹ {t('myElections.title')}
        </Link>
        <h1>{t('myElections.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main" data-testid="ballot">
        {list.isPending && <p className="hy-m-muted">{t('myElections.ballot.loading')}</p>}
        {cast.data ? (
          <section className="hy-v-card" data-testid="ballot-done">
            <h2 className="hy-v-title hy-v-ok">{t('myElections.ballot.done')}</h2>
            <p className="hy-v-meta">{t('myElections.ballot.code')}</p>
            <p className="hy-v-code" data-testid="tracking-code">
              {cast.data.trackingCode}
            </p>
            <p className="hy-v-meta">{t('myElections.ballot.keep')}</p>
            <Link className="hy-btn hy-btn-primary hy-btn-block" to="/m">
              {t('myElections.ballot.home')}
            </Link>
          </section>
        ) : (
          e && (
            <>
              <h2 className="hy-v-title">{e.title}</h2>
              <p className="hy-v-meta">
                {appraisal ? t('myElections.ballot.howToAppraisal') : t('myElections.ballot.howTo')}
              </p>
              {!appraisal && (
                <p
                  className={`hy-v-count${tooMany ? ' hy-v-bad' : ''}`}
                  aria-live="polite"
                  data-testid="ballot-count"
                >
                  {t('myElections.ballot.chosen', { n: chosen, seats: e.seats })}
                  {tooMany && ` — ${t('myElections.ballot.tooMany')}`}
                </p>
              )}
              {e.candidates.map((c) =>
                c.id === e.selfCandidateId ? null : (
                  <fieldset key={c.id} className="hy-v-cand" data-testid={`cand-${c.name}`}>
                    <legend className="hy-v-cand-name">
                      {c.name}
                      {c.office !== 'member' && `（${t(`elections.office.${c.office}`)}）`}
                    </legend>
                    <div className={`hy-v-marks${appraisal ? ' hy-v-grades' : ''}`}>
                      {(appraisal ? GRADES : MARKS).map((m) => (
                        <button
                          key={m}
                          type="button"
                          className="hy-v-mark"
                          aria-pressed={marks[c.id] === m}
                          onClick={() => setMarks((x) => ({ ...x, [c.id]: m }))}
                        >
                          {appraisal ? t(`elections.grade.${m}`) : t(`elections.mark.${m}`)}
                        </button>
                      ))}
                    </div>
                  </fieldset>
                ),
              )}
              {!appraisal && (
                <section className="hy-v-cand">
                  {writeIns.map((w, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the rows are the list's positions
                    <div className="hy-v-writein" key={i}>
                      <input
                        className="hy-input"
                        aria-label={t('myElections.ballot.writeIn')}
                        placeholder={t('myElections.ballot.writeIn')}
                        value={w}
                        maxLength={20}
                        onChange={(ev) =>
                          setWriteIns((x) => x.map((y, j) => (j === i ? ev.target.value : y)))
                        }
                      />
                      <button
                        type="button"
                        className="hy-btn"
                        onClick={() => setWriteIns((x) => x.filter((_, j) => j !== i))}
                      >
                        {t('myElections.ballot.remove')}
                      </button>
                    </div>
                  ))}
                  <button
                    type="button"
                    className="hy-btn hy-btn-block"
                    onClick={() => setWriteIns((x) => [...x, ''])}
                  >
                    {t('myElections.ballot.addWriteIn')}
                  </button>
                </section>
              )}
              {cast.isError && (
                <p className="hy-error" role="alert" data-testid="ballot-error">
                  {errorMessage(cast.error)}
                </p>
              )}
              {confirming ? (
                <section className="hy-v-card" data-testid="ballot-confirm">
                  <p className="hy-v-meta">{t('myElections.ballot.confirm')}</p>
                  <button
                    type="button"
                    className="hy-btn hy-btn-primary hy-btn-block"
                    disabled={cast.isPending}
                    onClick={() => cast.mutate()}
                    data-testid="ballot-confirm-yes"
                  >
                    {cast.isPending ? t('myElections.ballot.sending') : t('myElections.ballot.confirmYes')}
                  </button>
                  <button type="button" className="hy-btn hy-btn-block" onClick={() => setConfirming(false)}>
                    {t('myElections.ballot.confirmNo')}
                  </button>
                </section>
              ) : (
                <button
                  type="button"
                  className="hy-btn hy-btn-primary hy-btn-block"
                  disabled={tooMany}
                  onClick={() => setConfirming(true)}
                  data-testid="ballot-submit"
                >
                  {t('myElections.ballot.submit')}
                </button>
              )}
            </>
          )
        )}
      </main>
    </div>
  );
}
