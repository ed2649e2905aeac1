import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../app/api.ts';
import { useBulletin, useResult, useVerify } from './api.ts';
import { ResultFigures } from './ResultFigures.tsx';
import './i18n.ts';
import './elections.css';

/**
 * 公示栏 (/m/elections/:id/bulletin): the voter types their tracking code and sees their ballot as
 * counted; below, the result, the verification (chain and count recomputed) and every ballot.
 */
export default function BulletinPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const board = useBulletin(id, true, true);
  const result = useResult(id, true, true);
  const verify = useVerify(id, true, true);
  const [code, setCode] = useState('');
  const [looked, setLooked] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${t('myElections.board.title')} · ${t('app.short')}`;
  }, [t]);
  const wanted = (looked ?? '').trim().toUpperCase();
  const found = looked ? board.data?.ballots.find((b) => b.trackingCode === wanted) : undefined;
  const name = (cid: string) => board.data?.candidates.find((c) => c.id === cid)?.name ?? cid;
  const describe = (b: NonNullable<typeof found>) =>
    [
      ...Object.entries(b.choices.marks).map(
        ([cid, m]) =>
          `${name(cid)}：${m in { yes: 1, no: 1, abstain: 1 } ? t(`elections.mark.${m}`) : t(`elections.grade.${m}`)}`,
      ),
      ...b.choices.writeIns.map((w) => `${w}${t('elections.result.writeIn')}`),
    ].join('；') || t(`elections.mark.abstain`);
  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m/elections">
          ‹ {t('myElections.title')}
        </Link>
        <h1>{t('myElections.board.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main" data-testid="bulletin">
        {board.isError && (
          <p className="hy-error" role="alert">
            {errorMessage(board.error)}
          </p>
        )}
        {board.data && (
          <>
            <h2 className="hy-v-title">{board.data.title}</h2>
            <form
              className="hy-v-card"
              onSubmit={(ev) => {
                ev.preventDefault();
                setLooked(code);
              }}
            >
              <label className="hy-field">
                <span>{t('myElections.board.find')}</span>
                <input
                  className="hy-input"
                  value={code}
                  onChange={(ev) => setCode(ev.target.value)}
                  autoComplete="off"
                  data-testid="code-input"
                />
              </label>
              <button type="submit" className="hy-btn hy-btn-primary hy-btn-block" data-testid="code-find">
                {t('myElections.board.search')}
              </button>
              {looked !== null &&
                (found ? (
                  <p className="hy-success" data-testid="code-found">
                    {t('myElections.board.found')}
                    <br />
                    {describe(found)}
                  </p>
                ) : (
                  <p className="hy-error" role="alert" data-testid="code-not-found">
                    {t('myElections.board.notFound')}
                  </p>
                ))}
            </form>
            {verify.data && (
              <p
                className={verify.data.chainVerified && verify.data.tallyVerified ? 'hy-v-ok' : 'hy-v-bad'}
                data-testid="verify"
              >
                {verify.data.chainVerified && verify.data.tallyVerified
                  ? t('elections.verify.ok')
                  : t('elections.verify.bad')}
              </p>
            )}
            {result.data && <ResultFigures r={result.data} light />}
            <h3>{t('myElections.board.all', { n: board.data.ballots.length })}</h3>
            <ul className="hy-v-board">
              {board.data.ballots.map((b) => (
                <li key={b.trackingCode} className={b.trackingCode === wanted ? 'hy-v-mine' : undefined}>
                  <code>{b.trackingCode}</code> {b.valid ? describe(b) : t('elections.screen.invalid')}
                </li>
              ))}
            </ul>
            <p className="hy-m-muted" style={{ wordBreak: 'break-all' }}>
              {t('elections.result.chainHead')}：{board.data.chainHead}
            </p>
          </>
        )}
      </main>
    </div>
  );
}
