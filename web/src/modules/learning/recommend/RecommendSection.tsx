import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Recommendation } from '../../../../../contracts/learning/recommend.ts';
import { useDismiss, useRecommendations } from './api.ts';
import './i18n.ts';
import './recommend.css';

/** How many the home shows: a short list, the rest is the library's. */
const SHOWN = 5;

/**
 * 为你推荐 on the member home (/m), under the tiles: a few courses, each one tap to the course,
 * with why it is offered and a ✕ to dismiss it for good. Light: no antd, big targets, ≥ 16 px.
 */
export default function RecommendSection() {
  const { t } = useTranslation();
  const list = useRecommendations(SHOWN);
  const dismiss = useDismiss(SHOWN);
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  const why = (r: Recommendation) =>
    r.reason === 'similar'
      ? t('recommend.similar', { title: r.because?.title ?? '' })
      : t(`recommend.${r.reason}`);
  return (
    <section className="hy-m-card hy-rec" aria-labelledby="hy-rec-title" data-testid="recommendations">
      <h2 id="hy-rec-title" className="hy-rec-title">
        {t('recommend.title')}
      </h2>
      <ul className="hy-rec-list">
        {items.map((r) => (
          <li key={r.id} className="hy-rec-item" data-testid={`recommendation-${r.id}`}>
            <Link className="hy-rec-link" to={`/m/learning/${r.id}`}>
              <span className="hy-rec-name">{r.title}</span>
              <span className="hy-rec-why">{why(r)}</span>
            </Link>
            <button
              type="button"
              className="hy-rec-dismiss"
              aria-label={t('recommend.dismiss', { title: r.title })}
              title={t('recommend.dismiss', { title: r.title })}
              onClick={() => dismiss.mutate(r.id)}
              data-testid={`dismiss-${r.id}`}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </li>
        ))}
      </ul>
      <Link className="hy-m-row hy-rec-more" to="/m/learning">
        <span>{t('recommend.more')}</span>
        <span aria-hidden="true">›</span>
      </Link>
    </section>
  );
}
