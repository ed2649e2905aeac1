import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActivityStatus } from '../../../../../contracts/life/activities.ts';

const COLORS: Record<ActivityStatus, string> = { planned: 'blue', held: 'green', cancelled: 'default' };

export function StatusTag({ status }: { status: ActivityStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`activities.status.${status}`)}</Tag>;
}

/** 87.5% (one decimal), or — when nobody was due. */
export const rateText = (rate: number | null) => (rate == null ? '—' : `${Math.round(rate * 1000) / 10}%`);
