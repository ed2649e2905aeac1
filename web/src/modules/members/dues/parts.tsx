import {
  CheckCircleFilled,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  HourglassOutlined,
  MinusCircleOutlined,
  PlusCircleFilled,
  StopOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  DUES_BASIS_LABELS,
  DUES_MONTH_STATE_LABELS,
  EXCUSE_REASON_LABELS,
  type Lang,
  RELIEF_KIND_LABELS,
} from '../../../../../contracts/labels.ts';
import type { DuesMonthState, ExcuseReason, ReliefKind } from '../../../../../contracts/members/dues.ts';
import { yuan } from '../../../app/format.ts';
import './i18n.ts';

/** The words of the dues enumerations in the reader's language (contracts/labels.ts). */
export function useDuesWords() {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  return {
    lang,
    state: (s: DuesMonthState) => DUES_MONTH_STATE_LABELS[s][lang],
    relief: (k: ReliefKind) => RELIEF_KIND_LABELS[k][lang],
    reason: (r: ExcuseReason) => EXCUSE_REASON_LABELS[r][lang],
    basis: (b: keyof typeof DUES_BASIS_LABELS) => DUES_BASIS_LABELS[b][lang],
  };
}

const LOOK: Record<DuesMonthState, { color: string; icon: React.ReactNode }> = {
  paid: { color: 'success', icon: <CheckCircleFilled /> },
  overpaid: { color: 'success', icon: <PlusCircleFilled /> },
  underpaid: { color: 'warning', icon: <ExclamationCircleOutlined /> },
  unpaid: { color: 'default', icon: <ClockCircleOutlined /> },
  exempt: { color: 'cyan', icon: <StopOutlined /> },
  not_due: { color: 'default', icon: <MinusCircleOutlined /> },
  pending: { color: 'processing', icon: <HourglassOutlined /> },
};

/**
 * A month's payment in words and a symbol, never by colour alone: 已交 ✓, 已交（自愿多交）+, 少交
 * 尚欠 !, 未交, 免交, 无需交纳, 待交（未到期）; with the extra or the shortfall when there is one.
 */
export function DuesStateTag({
  state,
  extraFen = 0,
  shortFen = 0,
  testId,
}: {
  state: DuesMonthState;
  extraFen?: number;
  shortFen?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const words = useDuesWords();
  const look = LOOK[state];
  return (
    <span className="hy-dues-state" data-testid={testId} data-state={state}>
      <Tag color={look.color} icon={look.icon} style={{ marginInlineEnd: 4 }}>
        {words.state(state === 'overpaid' ? 'paid' : state)}
      </Tag>
      {state === 'overpaid' && extraFen > 0 && <span>{t('dues.extra', { amount: yuan(extraFen) })}</span>}
      {state === 'underpaid' && shortFen > 0 && (
        <span className="hy-dues-short">{t('dues.short', { amount: yuan(shortFen) })}</span>
      )}
    </span>
  );
}
