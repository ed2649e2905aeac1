import { Breadcrumb, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { StatusPage } from '../../app/pages/StatusPage.tsx';
import { useSentNotice } from './api.ts';
import './i18n.ts';
import { NoticeReceipts } from './NoticeReceipts.tsx';
import { when } from '../../app/when.ts';

/** One notice sent in the admin's scope: what it said, and who has read it (with 提醒未读). */
export default function NoticeDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const notice = useSentNotice(id);
  const n = notice.data;

  useEffect(() => {
    document.title = `${n?.title ?? t('notices.detail')} · ${t('app.title')}`;
  }, [t, n?.title]);

  if (isApiError(notice.error, 403) || isApiError(notice.error, 404))
    return (
      <StatusPage
        embedded
        code={notice.error.status === 403 ? '403' : '404'}
        title={notice.error.message}
        actions={[{ to: '/notices', label: t('notices.title') }]}
      />
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[{ title: <Link to="/notices">{t('notices.title')}</Link> }, { title: t('notices.detail') }]}
      />
      <Card loading={notice.isPending} data-testid="notice-detail">
        {n && (
          <>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {n.title} <Tag>{n.kindLabel}</Tag>
            </Typography.Title>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
              <Descriptions.Item label={t('notices.org')}>{n.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('notices.sender')}>{n.sentBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('notices.sentAt')}>{when(n.sentAt)}</Descriptions.Item>
            </Descriptions>
            {n.body && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>
                {n.body}
              </Typography.Paragraph>
            )}
          </>
        )}
      </Card>
      {n && <NoticeReceipts noticeId={n.id} />}
    </Space>
  );
}
