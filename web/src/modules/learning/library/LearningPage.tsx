import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { LearnerCourseSummary } from '../../../../../contracts/learning/library.ts';
import { errorMessage } from '../../../app/api.ts';
import { lengthOf, useCategories, useLearnerCourses } from './api.ts';
import './i18n.ts';
import './learning.css';

/**
 * 学习 (/m/learning): the courses open to the member — search (the same Chinese word search as
 * the console), a heading to narrow to, then a list of big cards. Light: no antd, text ≥ 16 px.
 */
export default function LearningPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const categoryId = params.get('category') ?? undefined;
  const [text, setText] = useState(q);
  const [pageSize, setPageSize] = useState(20);
  const list = useLearnerCourses({ q: q || undefined, categoryId, page: 1, pageSize });
  const categories = useCategories();
  const headings = (categories.data?.items ?? []).filter((c) => !c.parentId);

  useEffect(() => {
    document.title = `${t('learning.title')} · ${t('app.short')}`;
  }, [t]);

  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v) p.set(k, v);
      else p.delete(k);
    setParams(p, { replace: true });
    setPageSize(20);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    set({ q: text.trim() || undefined });
  };

  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('learning.back')}
        </Link>
        <h1>{t('learning.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        <form className="hy-l-search" onSubmit={search}>
          <input
            className="hy-input"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('learning.search')}
            aria-label={t('learning.search')}
            enterKeyHint="search"
            data-testid="learning-search"
          />
          <button type="submit" className="hy-btn hy-btn-primary" data-testid="learning-search-go">
            {t('learning.searchButton')}
          </button>
        </form>
        {headings.length > 0 && (
          <nav className="hy-l-cats" aria-label={t('courses.field.category')}>
            <button
              type="button"
              className="hy-l-cat"
              aria-pressed={!categoryId}
              onClick={() => set({ category: undefined })}
            >
              {t('learning.all')}
            </button>
            {headings.map((c) => (
              <button
                key={c.id}
                type="button"
                className="hy-l-cat"
                aria-pressed={categoryId === c.id}
                onClick={() => set({ category: c.id })}
                data-testid={`learning-cat-${c.id}`}
              >
                {c.name}
              </button>
            ))}
          </nav>
        )}
        {list.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(list.error)}
          </p>
        )}
        {list.data && (
          <p className="hy-m-muted" data-testid="learning-total">
            {list.data.total === 0
              ? q
                ? t('learning.noneFor', { q })
                : t('learning.none')
              : t('learning.total', { count: list.data.total })}
          </p>
        )}
        {list.data?.items.map((c) => (
          <CourseCard key={c.id} c={c} />
        ))}
        {list.data && list.data.total > list.data.items.length && (
          <button
            type="button"
            className="hy-btn hy-btn-block"
            onClick={() => setPageSize((n) => Math.min(200, n + 20))}
            disabled={list.isFetching}
          >
            {t('learning.more')}
          </button>
        )}
      </main>
    </div>
  );
}

function CourseCard({ c }: { c: LearnerCourseSummary }) {
  const { t } = useTranslation();
  const length = c.durationSeconds
    ? t(`learning.${lengthOf(c.durationSeconds).key}`, { count: lengthOf(c.durationSeconds).count })
    : c.charCount
      ? t('learning.chars', { count: c.charCount, minutes: Math.max(1, Math.round(c.charCount / 300)) })
      : null;
  return (
    <Link className="hy-l-item" to={`/m/learning/${c.id}`} data-testid={`learning-course-${c.id}`}>
      <p className="hy-l-item-title">
        <span className="hy-l-kind">{t(`courses.kind.${c.kind}`)}</span>
        {c.title}
      </p>
      <p className="hy-l-item-meta">
        {[c.categoryName, length, t('learning.from', { org: c.orgName })].filter(Boolean).join(' · ')}
      </p>
      {c.summary && <p className="hy-l-summary">{c.summary}</p>}
    </Link>
  );
}
