import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../../app/api.ts';
import { momentOf } from '../../../app/when.ts';
import { activityApi } from './api.ts';
import './i18n.ts';

/**
 * The page the room's QR code opens (/m/activities/:id/sign?c=…), on the member's logged-in phone:
 * it signs in at once and says the result in big words — signed in, already signed in, or why not
 * (the code expired: scan the one on the screen now; sign-in closed; not on the list). One tap to
 * try again. Light: no antd.
 */
export default function SignPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const code = params.get('c') ?? '';
  const sign = useMutation({ mutationFn: () => activityApi.signIn(id, code) });
  const started = useRef(false);

  useEffect(() => {
    document.title = `${t('myActivities.sign.title')} · ${t('app.short')}`;
  }, [t]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival from the QR code
  useEffect(() => {
    if (code && !started.current) {
      started.current = true;
      sign.mutate();
    }
  }, []);

  const r = sign.data;
  return (
    <div className="hy-m">
      <header className="hy-m-header">
        <Link className="hy-m-header-btn hy-m-back" to="/m/activities">
          ‹ {t('myActivities.back')}
        </Link>
        <h1>{t('myActivities.sign.title')}</h1>
        <span aria-hidden="true" className="hy-m-header-spacer" />
      </header>
      <main className="hy-m-main">
        <section className="hy-m-card hy-m-sign" aria-live="polite" data-testid="sign-result">
          {!code && <p className="hy-m-sign-bad">{t('myActivities.sign.noCode')}</p>}
          {sign.isPending && <p className="hy-m-sign-wait">{t('myActivities.sign.signing')}</p>}
          {r && (
            <>
              <p className="hy-m-sign-ok" data-testid="sign-ok">
                ✓ {r.already ? t('myActivities.sign.already') : t('myActivities.sign.ok')}
              </p>
              <p className="hy-m-big">{r.topic}</p>
              <p className="hy-m-text">
                {r.memberName} · {t('myActivities.sign.at', { time: momentOf(r.signedInAt) })}
              </p>
            </>
          )}
          {sign.isError && (
            <>
              <p className="hy-m-sign-bad" data-testid="sign-failed">
                ✗ {t('myActivities.sign.failed')}
              </p>
              <p className="hy-m-text" role="alert" data-testid="sign-error">
                {errorMessage(sign.error)}
              </p>
              {code && (
                <button
                  type="button"
                  className="hy-btn hy-btn-primary hy-btn-block"
                  onClick={() => sign.mutate()}
                >
                  {t('myActivities.sign.retry')}
                </button>
              )}
            </>
          )}
        </section>
        <Link className="hy-btn hy-btn-block" to="/m/activities">
          {t('myActivities.sign.home')}
        </Link>
      </main>
    </div>
  );
}
