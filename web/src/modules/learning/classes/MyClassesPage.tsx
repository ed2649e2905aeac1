import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyClass } from '../../../../../contracts/learning/classes.ts';
import { errorMessage } from '../../../app/api.ts';
import { useMyClasses } from './api.ts';
import './i18n.ts';
import './classes.css';

/**
 * 我的班级 (/m/learning/classes): each class the member is in, a bar of courses done against the
 * plan and the deadline, and every course of the plan one tap away, marked done or not. Light: no
 * antd, text ≥ 16 px. The member's own progress only.
 */
export default function MyClassesPage() {
  const { t } = useTranslation();
  const list = useMyClasses();
  useEffect(() => {
    document.title = `${t('classes.me.title')} · ${t('app.short')}`;
  }, [t]);
  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('classes.me.back')}
        </Link>
        <h1>{t('classes.me.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        {list.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(list.error)}
          </p>
        )}
        {list.data && list.data.items.length === 0 && <p className="hy-m-muted">{t('classes.me.none')}</p>}
        {list.data?.items.map((c) => (
          <ClassCard key={c.id} c={c} />
        ))}
      </main>
    </div>
  );
}

function ClassCard({ c }: { c: MyClass }) {
  const { t } = useTranslation();
  const share = c.total ? c.done / c.total : 0;
  return (
    <section className="hy-c-card" data-testid={`my-class-${c.id}`}>
      <h2 className="hy-c-title">{c.name}</h2>
      <p className="hy-c-meta">
        {c.orgName} · {t('classes.me.deadline', { date: c.deadline })}
      </p>
      <div
        className="hy-c-bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={c.total}
        aria-valuenow={c.done}
        aria-label={t('classes.me.done', { done: c.done, total: c.total })}
      >
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p className="hy-c-meta" data-testid={`my-class-done-${c.id}`}>
        {t('classes.me.done', { done: c.done, total: c.total })}
      </p>
      <ol className="hy-c-courses">
        {c.courses.map((x) => (
          <li key={x.id}>
            <Link className="hy-c-course" to={`/m/learning/${x.id}`} data-testid={`my-class-course-${x.id}`}>
              <span className="hy-c-course-title">{x.title}</span>
              <span className={x.done ? 'hy-c-state hy-c-done' : 'hy-c-state'}>
                {x.done ? `✓ ${t('classes.me.courseDone')}` : t('classes.me.courseTodo')}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}
