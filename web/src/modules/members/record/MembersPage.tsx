import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MEMBER_STATUSES } from '../../../../../contracts/members/enums.ts';
import type { Member, MemberStatus } from '../../../../../contracts/members/record.ts';
import { errorMessage, isApiError } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { yuan } from '../../../app/format.ts';
import { StatusPage } from '../../../app/pages/StatusPage.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { excelApi } from '../excel/api.ts';
import { memberKeys } from '../keys.ts';
import { StatusTag } from '../StatusTag.tsx';
import { type MemberFilter, useMembers } from './api.ts';
import { MemberDrawer } from './MemberDrawer.tsx';
import './i18n.ts';
import '../members.css';

/** Members of the actor's scope: filter, find by name / full ID number / full phone, export, import. */
export default function MembersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const canManage = can(me, 'member.manage');
  // people who left the Party are found only with the full view of records (record/policy.ts)
  const fullView = can(me, 'member.reveal_pii');

  // The filter lives in the URL so that back/forward, links from other screens and reloads keep it.
  const filter: MemberFilter = {
    orgId: params.get('orgId') ?? undefined,
    status: (params.get('status') as MemberStatus | null) ?? undefined,
    sector: (params.get('sector') as MemberFilter['sector'] | null) ?? undefined,
    mobile: (params.get('mobile') as MemberFilter['mobile'] | null) ?? undefined,
    includeLeft: params.get('includeLeft') === 'true' ? 'true' : undefined,
    q: params.get('q') ?? undefined,
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? 20) || 20,
  };
  const [q, setQ] = useState(filter.q ?? '');
  const members = useMembers(filter);

  useEffect(() => {
    document.title = `${t('members.title')} · ${t('app.title')}`;
  }, [t]);

  const setFilter = (patch: Partial<MemberFilter>) => {
    const next = { ...filter, page: 1, ...patch };
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && !(k === 'pageSize' && v === 20)) {
        p.set(k, String(v));
      }
    }
    setParams(p);
  };

  const exportList = useMutation({
    mutationFn: () => excelApi.exportList(filter),
    onSuccess: (name) => void message.success(t('members.exported', { name })),
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (isApiError(members.error, 403)) {
    return (
      <StatusPage
        embedded
        code="403"
        title={t('status.forbiddenTitle')}
        description={members.error.message}
        actions={[{ to: '/members', label: t('status.back') }]}
      />
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
            {t('members.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('members.hint')}</Typography.Text>
        </div>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={exportList.isPending}
            onClick={() => exportList.mutate()}
            data-testid="member-export"
          >
            {exportList.isPending ? t('members.exporting') : t('members.export')}
          </Button>
          {canManage && (
            <Link to="/members/import">
              <Button icon={<UploadOutlined />} data-testid="member-import">
                {t('members.import')}
              </Button>
            </Link>
          )}
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="member-create"
            >
              {t('members.create')}
            </Button>
          )}
        </Space>
      </Flex>
      <Card size="small">
        <Flex gap={8} wrap>
          <Input.Search
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => setFilter({ q: v.trim() || undefined })}
            placeholder={t('members.search')}
            title={t('members.searchHint')}
            allowClear
            enterButton={t('common.search')}
            maxLength={30}
            style={{ flex: '1 1 320px', maxWidth: 440 }}
            aria-label={t('members.search')}
            data-testid="member-search"
          />
          <OrgSelect
            value={filter.orgId}
            onChange={(orgId) => setFilter({ orgId })}
            allowClear
            placeholder={t('members.orgFilter')}
            aria-label={t('members.orgFilter')}
            style={{ flex: '1 1 240px', maxWidth: 340 }}
            data-testid="member-org-filter"
          />
          <Select
            value={filter.status}
            onChange={(status: MemberStatus | undefined) => setFilter({ status })}
            allowClear
            placeholder={t('members.statusFilter')}
            aria-label={t('members.statusFilter')}
            options={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`memberStatus.${s}`) }))}
            style={{ flex: '0 1 160px', minWidth: 140 }}
            data-testid="member-status-filter"
          />
          <Select
            value={filter.sector}
            onChange={(sector: MemberFilter['sector']) => setFilter({ sector })}
            allowClear
            placeholder={t('members.sectorFilter')}
            aria-label={t('members.sectorFilter')}
            options={(['public', 'non_public'] as const).map((s) => ({ value: s, label: t(`sector.${s}`) }))}
            style={{ flex: '0 1 220px', minWidth: 140 }}
            popupMatchSelectWidth={false}
          />
          <Select
            value={filter.mobile}
            onChange={(mobile: MemberFilter['mobile']) => setFilter({ mobile })}
            allowClear
            placeholder={t('members.mobileFilter')}
            aria-label={t('members.mobileFilter')}
            options={[
              { value: 'true', label: t('members.mobileYes') },
              { value: 'false', label: t('members.mobileNo') },
            ]}
            style={{ flex: '0 1 150px', minWidth: 130 }}
          />
          {fullView && (
            <Checkbox
              checked={filter.includeLeft === 'true'}
              onChange={(e) => setFilter({ includeLeft: e.target.checked ? 'true' : undefined })}
              title={t('members.includeLeftHint')}
              style={{ alignSelf: 'center' }}
              data-testid="member-include-left"
            >
              {t('members.includeLeft')}
            </Checkbox>
          )}
        </Flex>
      </Card>
      <Table<Member>
        rowKey="id"
        size="middle"
        loading={members.isFetching}
        dataSource={members.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="members-table"
        locale={members.error ? { emptyText: errorMessage(members.error) } : undefined}
        onRow={(m) => ({ 'data-member-id': m.id }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: members.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setFilter({ page, pageSize }),
        }}
        columns={[
          {
            key: 'name',
            title: t('members.field.name'),
            fixed: 'start',
            render: (_, m) => (
              <Link to={`/members/${m.id}`} data-testid={`member-link-${m.id}`}>
                {m.name}
              </Link>
            ),
          },
          { key: 'gender', title: t('members.field.gender'), render: (_, m) => t(`gender.${m.gender}`) },
          {
            key: 'status',
            title: t('members.field.status'),
            render: (_, m) => (
              <Flex gap={4} wrap>
                <StatusTag status={m.status} />
                {m.mobile && <Tag>{t('members.field.mobile')}</Tag>}
                {m.standing.standing === 'left' && <Tag>{t('members.leftTag')}</Tag>}
              </Flex>
            ),
          },
          {
            key: 'idNumber',
            title: t('members.field.idNumber'),
            dataIndex: 'idNumber',
            render: (v: string) => <span className="hy-mono">{v}</span>,
          },
          {
            key: 'phone',
            title: t('members.field.phone'),
            dataIndex: 'phone',
            render: (v: string | null) => (v ? <span className="hy-mono">{v}</span> : '—'),
          },
          { key: 'org', title: t('members.field.orgName'), dataIndex: 'orgName' },
          {
            key: 'joinedOn',
            title: t('members.field.joinedOn'),
            dataIndex: 'joinedOn',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'dues',
            title: t('members.field.duesStandardFen'),
            dataIndex: 'duesStandardFen',
            align: 'end',
            render: (v: number | null) => (v === null ? '—' : yuan(v)),
          },
        ]}
      />
      {creating && (
        <MemberDrawer
          defaultOrgId={filter.orgId}
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            void queryClient.invalidateQueries({ queryKey: memberKeys.all });
            navigate(`/members/${m.id}`);
          }}
        />
      )}
    </Space>
  );
}
