import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyElection } from '../../../../contracts/elections/elections.ts';
import { errorMessage } from '../../app/api.ts';
import { useMyElections } from './api.ts';
import './i18n.ts';
import './elections.css';

/**
 * 投票 (/m/elections): each vote of my branch (and the orgs above it) open now or closed lately,
 * with one big button for what can be done: vote, or see the bulletin. A vote I may not take part
 * in says why (a probationary member has no vote). Light: no antd, text ≥ 16 px.
 */
export default function MyElectionsPage() {
  const { t } = useTranslation();
  const list = useMyElections();
  useEffect(() => {
    document.title = `${t('myElections.title')} · ${t('app.short')}`;
  }, [t]);
  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m">
          ‹ {t('myElections.back')}
        </Link>
        <h1>{t('myElections.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main" data-testid="my-elections">
        {list.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(list.error)}
          </p>
        )}
        {list.isPending && <p className="hy-m-muted">…</p>}
        {list.data?.items.length === 0 && <p className="hy-m-muted">{t('myElections.none')}</p>}
        {list.data?.items.map((e) => (
          <Card key={e.id} e={e} />
        ))}
      </main>
    </div>
  );
}

function Card({ e }: { e: MyElection }) {
  const { t } = useTranslation();
  return (
    <section className="hy-v-card" data-testid={`my-election-${e.id}`}>
      <h2 className="hy-v-title">{e.title}</h2>
      <p className="hy-v-meta">
        {t(`elections.kind.${e.kind}`)} · {e.orgName}
        {e.kind !== 'appraisal' && ` · ${t('myElections.seats', { n: e.seats })}`}
      </p>
      {e.refusal ? (
        <p className="hy-error" role="alert" data-testid={`my-election-refusal-${e.id}`}>
          {e.refusal}
        </p>
      ) : e.state === 'open' && !e.voted ? (
        <Link
          className="hy-btn hy-btn-primary hy-btn-block"
          to={`/m/elections/${e.id}`}
          data-testid={`my-election-vote-${e.id}`}
        >
          {t('myElections.vote')}
        </Link>
      ) : e.state === 'open' ? (
        <p className="hy-success">{t('myElections.voted')}</p>
      ) : (
        <Link
          className="hy-btn hy-btn-primary hy-btn-block"
          to={`/m/elections/${e.id}/bulletin`}
          data-testid={`my-election-board-${e.id}`}
        >
          {t('myElections.bulletin')}
        </Link>
      )}
    </section>
  );
}
