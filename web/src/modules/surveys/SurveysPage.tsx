import { Button, Card, Flex, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SURVEY_AUDIENCE_LABELS } from '../../../../contracts/labels.ts';
import type { Survey } from '../../../../contracts/surveys/surveys.ts';
import { errorMessage } from '../../app/api.ts';
import { can, useCurrentUser } from '../../app/auth.tsx';
import { currentLang } from '../../app/i18n.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useSurveys } from './api.ts';
import './i18n.ts';

const STATUS_COLOR = { draft: 'default', open: 'green', closed: 'blue' } as const;

export function StatusTag({ s }: { s: Pick<Survey, 'status'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[s.status]} data-testid="survey-status">
      {t(`surveyAdmin.status.${s.status}`)}
    </Tag>
  );
}

/** 问卷管理 (console): the surveys of the caller's subtree, their audience, state and answers so far. */
export default function SurveysPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useSurveys({ orgId, q: q || undefined, ...page });
  const lang = currentLang() === 'en' ? 'en' : 'zh';
  useEffect(() => {
    document.title = `${t('surveyAdmin.title')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('surveyAdmin.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('surveyAdmin.hint')}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={8} wrap justify="space-between">
          <Flex gap={8} wrap>
            <OrgSelect
              value={orgId}
              onChange={(id) => {
                setOrgId(id);
                setPage((p) => ({ ...p, page: 1 }));
              }}
              allowClear
              placeholder={t('surveyAdmin.orgFilter')}
              aria-label={t('surveyAdmin.orgFilter')}
              style={{ width: 320 }}
            />
            <Input.Search
              allowClear
              placeholder={t('surveyAdmin.search')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage((p) => ({ ...p, page: 1 }));
              }}
              style={{ maxWidth: 240 }}
              data-testid="survey-search"
            />
          </Flex>
          {can(me, 'survey.manage') && (
            <Button type="primary" onClick={() => navigate('/surveys/new')} data-testid="survey-create">
              {t('surveyAdmin.create')}
            </Button>
          )}
        </Flex>
      </Card>
      {list.isError && <Typography.Text type="danger">{errorMessage(list.error)}</Typography.Text>}
      <Table<Survey>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: t('surveyAdmin.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total,
          onChange: (p, ps) => setPage({ page: p, pageSize: ps }),
        }}
        columns={[
          {
            title: t('surveyAdmin.col.title'),
            dataIndex: 'title',
            render: (v: string, s) => (
              <Space>
                <Link to={`/surveys/${s.id}/results`} data-testid={`survey-row-${s.id}`}>
                  {v}
                </Link>
                {s.anonymous && <Tag>{t('surveyAdmin.anonymousTag')}</Tag>}
              </Space>
            ),
          },
          { title: t('surveyAdmin.col.org'), dataIndex: 'orgName' },
          {
            title: t('surveyAdmin.col.audience'),
            dataIndex: 'audienceKind',
            render: (k: Survey['audienceKind']) => SURVEY_AUDIENCE_LABELS[k][lang],
          },
          { title: t('surveyAdmin.col.status'), render: (_, s) => <StatusTag s={s} /> },
          { title: t('surveyAdmin.col.invited'), dataIndex: 'invitedCount', align: 'right' },
          { title: t('surveyAdmin.col.responses'), dataIndex: 'responseCount', align: 'right' },
          {
            title: '',
            render: (_, s) => (
              <Space>
                {s.can.manage && s.status !== 'closed' && (
                  <Link to={`/surveys/${s.id}`}>{t('surveyAdmin.edit')}</Link>
                )}
                <Link to={`/surveys/${s.id}/results`}>{t('surveyAdmin.results')}</Link>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
