import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberStatus } from '../../../../contracts/members/record.ts';

/** Tag colours per category; the category is always written out too, never told by colour alone. */
export const STATUS_COLOR: Record<MemberStatus, string> = {
  applicant: 'default',
  activist: 'blue',
  candidate: 'geekblue',
  probationary: 'orange',
  full: 'red',
};

/** A member's category (人员类别) as a tag, in words. */
export function StatusTag({ status }: { status: MemberStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`memberStatus.${status}`)}</Tag>;
}
