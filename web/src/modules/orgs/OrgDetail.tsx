import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DragOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Org } from '../../../../contracts/index.ts';
import { useOrgStats } from './api.ts';
import { CHILD_KINDS, KIND_COLOR, ORG_KINDS } from './kinds.ts';

export type OrgAction = 'create' | 'edit' | 'move' | 'up' | 'down' | 'delete';

export function OrgDetail({
  org,
  canManage,
  canMoveUp,
  canMoveDown,
  busy,
  onAction,
}: {
  org: Org;
  canManage: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  busy: boolean;
  onAction: (a: OrgAction) => void;
}) {
  const { t } = useTranslation();
  const stats = useOrgStats(org.id);
  const none = t('common.none');
  const isTop = (org.ancestors ?? []).length === 0;

  const byKind = stats.data
    ? ORG_KINDS.filter((k) => stats.data.byKind[k])
        .map((k) => `${t(`kind.${k}`)} ${stats.data.byKind[k]}`)
        .join('，')
    : '';

  return (
    <Card
      data-testid="org-detail"
      title={
        <Flex vertical gap={4} style={{ padding: '12px 0', minWidth: 0 }}>
          {(org.ancestors ?? []).length > 0 && (
            <Breadcrumb
              items={(org.ancestors ?? []).map((a) => ({
                key: a.id,
                title: <Link to={`/orgs/${a.id}`}>{a.name}</Link>,
              }))}
            />
          )}
          <Flex align="center" gap={8} wrap>
            <Typography.Title
              level={4}
              style={{ margin: 0, whiteSpace: 'normal' }}
              data-testid="org-detail-name"
            >
              {org.name}
            </Typography.Title>
            <Tag color={KIND_COLOR[org.kind]}>{t(`kind.${org.kind}`)}</Tag>
          </Flex>
        </Flex>
      }
    >
      {canManage && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => onAction('create')}
            disabled={CHILD_KINDS[org.kind].length === 0}
            data-testid="org-create-child"
          >
            {t('orgs.action.create')}
          </Button>
          <Button icon={<EditOutlined />} onClick={() => onAction('edit')} data-testid="org-edit">
            {t('orgs.action.edit')}
          </Button>
          <Button
            icon={<DragOutlined />}
            onClick={() => onAction('move')}
            disabled={isTop}
            data-testid="org-move"
          >
            {t('orgs.action.move')}
          </Button>
          <Button
            icon={<ArrowUpOutlined />}
            onClick={() => onAction('up')}
            disabled={!canMoveUp || busy}
            data-testid="org-up"
          >
            {t('orgs.action.up')}
          </Button>
          <Button
            icon={<ArrowDownOutlined />}
            onClick={() => onAction('down')}
            disabled={!canMoveDown || busy}
            data-testid="org-down"
          >
            {t('orgs.action.down')}
          </Button>
          <Button
            danger
            icon={<DeleteOutlined />}
            onClick={() => onAction('delete')}
            disabled={isTop}
            data-testid="org-delete"
          >
            {t('orgs.action.delete')}
          </Button>
        </Space>
      )}
      <Descriptions
        bordered
        size="small"
        styles={{ label: { whiteSpace: 'nowrap' }, content: { minWidth: 96 } }}
        column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 2, xxl: 2 }}
        items={[
          { key: 'name', label: t('orgs.field.name'), children: org.name, span: 'filled' },
          { key: 'shortName', label: t('orgs.field.shortName'), children: org.shortName ?? none },
          {
            key: 'code',
            label: t('orgs.field.code'),
            children: <span data-testid="org-detail-code">{org.code}</span>,
          },
          { key: 'kind', label: t('orgs.field.kind'), children: t(`kind.${org.kind}`) },
          { key: 'sector', label: t('orgs.field.sector'), children: t(`sector.${org.sector}`) },
          { key: 'place', label: t('orgs.field.place'), children: org.place ?? none },
          {
            key: 'depth',
            label: t('orgs.field.depth'),
            children: t('orgs.depthValue', { depth: org.depth + 1 }),
          },
          {
            key: 'childCount',
            label: t('orgs.field.childCount'),
            children: t('orgs.countUnit', { count: org.childCount }),
          },
          {
            key: 'descendants',
            label: t('orgs.field.descendants'),
            children: stats.isPending ? (
              <Skeleton.Input size="small" active />
            ) : stats.data ? (
              <span>
                {t('orgs.countUnit', { count: stats.data.descendants })}
                {byKind && (
                  <Typography.Text type="secondary">
                    （{t('orgs.byKind')}：{byKind}）
                  </Typography.Text>
                )}
              </span>
            ) : (
              none
            ),
            span: 'filled',
          },
          {
            key: 'updatedAt',
            label: t('orgs.field.updatedAt'),
            children: dayjs(org.updatedAt).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
    </Card>
  );
}
