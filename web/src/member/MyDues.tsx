import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUES_MONTH_STATE_LABELS, type Lang, RELIEF_KIND_LABELS } from '../../../contracts/labels.ts';
import type { DuesMonth, MemberDues } from '../../../contracts/members/dues.ts';
import { ApiError, api, errorMessage } from '../app/api.ts';
import { yuan } from '../app/format.ts';
import { addTranslations } from '../app/i18n.ts';
import './dues.css';

// The member app stays without zod and antd (first load ≤ 200 KB): types and labels only.
addTranslations({
  'zh-CN': {
    myDues: {
      title: '我的党费',
      standard: '每月党费标准',
      perMonth: '{{amount}} / 月',
      none: '尚未核定党费标准，请联系所在党支部',
      paid: '已交合计',
      extra: '其中自愿多交',
      owed: '尚欠',
      month: '{{month}}',
      paidAmount: '交 {{amount}}',
      dueAmount: '应交 {{amount}}',
      extraAmount: '多交 {{amount}}',
      shortAmount: '尚欠 {{amount}}',
      toPay: '还需交 {{amount}}',
      thisMonth: '本月待交',
      more: '显示更早的月份',
      empty: '还没有缴纳记录',
      hint: '如有出入，请联系所在党支部核对',
    },
  },
  en: {
    myDues: {
      title: 'My Party dues',
      standard: 'Monthly dues',
      perMonth: '{{amount}} a month',
      none: 'No dues standard yet: ask your branch',
      paid: 'Paid in all',
      extra: 'of it voluntary extra',
      owed: 'Still owed',
      month: '{{month}}',
      paidAmount: 'paid {{amount}}',
      dueAmount: 'due {{amount}}',
      extraAmount: '{{amount}} extra',
      shortAmount: '{{amount}} still owed',
      toPay: '{{amount}} still to pay',
      thisMonth: 'Due this month',
      more: 'Show earlier months',
      empty: 'No payments yet',
      hint: 'Something wrong? Ask your branch to check',
    },
  },
});

/**
 * Drawn, not typed: a phone's font (WenQuanYi Micro Hei) lacks some symbols (the ellipsis before
 * 未交 showed as a box), so the two that matter most, owed and not yet owed, are small pictures in
 * the text's colour.
 */
const svg = (children: ReactNode) => (
  <svg className="hy-m-dues-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    {children}
  </svg>
);
const SYMBOL: Record<DuesMonth['state'], ReactNode> = {
  paid: '✓',
  overpaid: '✓',
  underpaid: '!',
  // an empty ring: nothing paid for a month that is over
  unpaid: svg(<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="2" />),
  exempt: '–',
  not_due: '–',
  // a clock: a month not over yet (this one, or one paid ahead), still to pay but not owed
  pending: svg(
    <>
      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </>,
  ),
};
const SHOWN = 6;

/** The figures of a month after its state, in words: what was paid, due, extra, short, relieved. */
function monthFigures(m: DuesMonth, t: TFunction, lang: Lang): string {
  const pending = m.state === 'pending';
  return [
    m.paidFen ? t('myDues.paidAmount', { amount: yuan(m.paidFen) }) : null,
    (m.state === 'unpaid' || (pending && !m.paidFen)) && m.dueFen != null
      ? t('myDues.dueAmount', { amount: yuan(m.dueFen) })
      : null,
    m.extraFen > 0 ? t('myDues.extraAmount', { amount: yuan(m.extraFen) }) : null,
    m.shortFen > 0 && m.state === 'underpaid' ? t('myDues.shortAmount', { amount: yuan(m.shortFen) }) : null,
    m.shortFen > 0 && pending && m.paidFen ? t('myDues.toPay', { amount: yuan(m.shortFen) }) : null,
    m.relief && m.relief !== 'excused' ? RELIEF_KIND_LABELS[m.relief][lang] : null,
  ]
    .filter((x) => x !== null)
    .join(' · ');
}

/**
 * 我的党费: the member's own payment history, month by month, each in words and a symbol. Owed are
 * the completed months only, as on the branch's arrears list: this month reads 本月待交.
 */
export function MyDues() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const [all, setAll] = useState(false);
  const dues = useQuery({
    queryKey: ['me', 'dues'],
    queryFn: () => api.get<MemberDues>('/me/dues', { months: 24 }),
  });
  if (dues.isPending) return null;
  // not linked to a record: the record card above says so already
  if (dues.error instanceof ApiError && [403, 404].includes(dues.error.status)) return null;
  return (
    <section className="hy-m-card" aria-labelledby="my-dues-title" data-testid="my-dues">
      <h2 className="hy-m-h2" id="my-dues-title">
        {t('myDues.title')}
      </h2>
      {dues.error ? (
        <p className="hy-error" role="alert">
          {errorMessage(dues.error)}
        </p>
      ) : (
        <>
          <dl className="hy-m-dl-big">
            <div className="hy-m-dl-row">
              <dt>{t('myDues.standard')}</dt>
              <dd data-testid="my-dues-standard">
                {dues.data.standardFen == null
                  ? t('myDues.none')
                  : t('myDues.perMonth', { amount: yuan(dues.data.standardFen) })}
              </dd>
            </div>
            <div className="hy-m-dl-row">
              <dt>{t('myDues.paid')}</dt>
              <dd>
                {yuan(dues.data.paidFen)}
                {dues.data.extraFen > 0 && (
                  <span className="hy-m-muted">
                    {' '}
                    （{t('myDues.extra')} {yuan(dues.data.extraFen)}）
                  </span>
                )}
              </dd>
            </div>
            {dues.data.owedFen > 0 && (
              <div className="hy-m-dl-row">
                <dt>{t('myDues.owed')}</dt>
                <dd className="hy-m-dues-owed" data-testid="my-dues-owed">
                  {yuan(dues.data.owedFen)}
                </dd>
              </div>
            )}
          </dl>
          {dues.data.months.length === 0 ? (
            <p className="hy-m-none">{t('myDues.empty')}</p>
          ) : (
            <ul className="hy-m-dues" data-testid="my-dues-months">
              {(all ? dues.data.months : dues.data.months.slice(0, SHOWN)).map((m) => (
                <li key={m.month} className={`hy-m-dues-month hy-m-dues-${m.state}`} data-state={m.state}>
                  <span className="hy-m-dues-when">{m.month}</span>
                  <span className="hy-m-dues-what">
                    <span className="hy-m-state">
                      {SYMBOL[m.state]}{' '}
                      {m.state === 'pending' && m.month === dues.data.thisMonth
                        ? t('myDues.thisMonth')
                        : DUES_MONTH_STATE_LABELS[m.state][lang]}
                    </span>
                    <span className="hy-m-muted">{monthFigures(m, t, lang)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {!all && dues.data.months.length > SHOWN && (
            <button
              type="button"
              className="hy-btn hy-btn-block"
              onClick={() => setAll(true)}
              data-testid="my-dues-more"
            >
              {t('myDues.more')}
            </button>
          )}
          <p className="hy-hint">{t('myDues.hint')}</p>
        </>
      )}
    </section>
  );
}
