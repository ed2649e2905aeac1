import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_COMMENT, type MyLecture } from '../../../../../contracts/learning/pool.ts';
import { errorMessage } from '../../../app/api.ts';
import { queryClient } from '../../../app/queryClient.ts';
import { poolApi, poolKeys, useMyLectures } from './api.ts';
import './i18n.ts';
import './pool.css';

/**
 * 评价授课 (/m/learning/rate): the lectures I attended in the last 30 days and have not rated, each
 * with five big star buttons, an optional comment and one button to send. What I rated goes; the
 * teacher's average is for admins choosing teachers, never a ranking of members.
 */
export default function RateLecturesPage() {
  const { t } = useTranslation();
  const q = useMyLectures();
  const [done, setDone] = useState<string[]>([]);
  useEffect(() => {
    document.title = `${t('rate.title')} · ${t('app.short')}`;
  }, [t]);
  const items = (q.data?.items ?? []).filter((l) => !done.includes(l.id));
  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('rate.back')}
        </Link>
        <h1>{t('rate.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        <p className="hy-rate-hint">{t('rate.hint')}</p>
        {q.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(q.error)}
          </p>
        )}
        {done.length > 0 && (
          <p className="hy-notice" role="status" data-testid="rate-thanks">
            {t('rate.thanks')}
          </p>
        )}
        {q.data && items.length === 0 && <p className="hy-notice">{t('rate.none')}</p>}
        {items.map((l) => (
          <RateCard key={l.id} lecture={l} onDone={() => setDone((d) => [...d, l.id])} />
        ))}
      </main>
    </div>
  );
}

function RateCard({ lecture, onDone }: { lecture: MyLecture; onDone: () => void }) {
  const { t } = useTranslation();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: () => poolApi.rate(lecture.id, { stars, comment }),
    onSuccess: () => {
      onDone();
      void queryClient.invalidateQueries({ queryKey: poolKeys.mine });
    },
    onError: (err) => setProblem(errorMessage(err)),
  });
  const headingId = `lecture-${lecture.id}`;
  return (
    <section
      className="hy-m-card hy-rate-card"
      aria-labelledby={headingId}
      data-testid={`rate-${lecture.id}`}
    >
      <h2 className="hy-m-h2" id={headingId}>
        {lecture.topic}
      </h2>
      <p className="hy-rate-line">
        {t('rate.by', { name: lecture.teacherName })}
        {lecture.teacherTitle && `（${lecture.teacherTitle}）`}
      </p>
      <p className="hy-rate-line hy-rate-muted">
        {lecture.lecturedOn} · {lecture.orgName} · {t('rate.rateBy', { date: lecture.rateBy })}
      </p>
      <fieldset className="hy-stars" aria-labelledby={headingId}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={stars === n}
            aria-label={t('rate.star', { count: n })}
            className={n <= stars ? 'hy-star hy-star-on' : 'hy-star'}
            onClick={() => {
              setStars(n);
              setProblem(null);
            }}
            data-testid={`star-${n}`}
          >
            ★
          </button>
        ))}
      </fieldset>
      <textarea
        className="hy-rate-comment"
        maxLength={MAX_COMMENT}
        rows={3}
        value={comment}
        placeholder={t('rate.comment')}
        aria-label={t('rate.comment')}
        onChange={(e) => setComment(e.target.value)}
        data-testid="rate-comment"
      />
      {problem && (
        <p className="hy-error" role="alert">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="hy-btn hy-btn-primary hy-btn-block hy-rate-submit"
        disabled={send.isPending}
        onClick={() => (stars ? send.mutate() : setProblem(t('rate.pick')))}
        data-testid="rate-submit"
      >
        {t('rate.submit')}
      </button>
    </section>
  );
}
