import { useMutation } from '@tanstack/react-query';
import { App, Button, Flex, Image, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingBase } from '../../../../../contracts/learning/pool.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { poolApi, poolKeys, useBases } from './api.ts';
import { BaseForm } from './PoolForms.tsx';
import { PoolHeader } from './PoolHeader.tsx';
import './i18n.ts';
import './pool.css';

/**
 * 教育基地 (console): the bases the admin may see, searched by name, address or theme, with their
 * photos as thumbnails; add, edit, upload and remove photos.
 */
export default function BasesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<TrainingBase | 'new' | null>(null);
  const list = useBases({ orgId, q: q || undefined, ...page });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: poolKeys.all });
  const photo = useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => poolApi.addPhoto(id, file),
    onSuccess: () => {
      message.success(t('pool.photoAdded'));
      refresh();
    },
    onError: (err) => message.error({ content: errorMessage(err), duration: 6 }),
  });
  const remove = useMutation({
    mutationFn: ({ id, photoId }: { id: string; photoId: string }) => poolApi.removePhoto(id, photoId),
    onSuccess: refresh,
    onError: (err) => message.error({ content: errorMessage(err), duration: 6 }),
  });
  useEffect(() => {
    document.title = `${t('pool.basesTitle')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PoolHeader
        kind="bases"
        orgId={orgId}
        onOrg={setOrgId}
        onSearch={(v) => {
          setQ(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
        onAdd={can(me, 'pool.manage') ? () => setEditing('new') : null}
      />
      <Table<TrainingBase>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('pool.empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        data-testid="bases-list"
        columns={[
          {
            key: 'photos',
            title: t('pool.photos'),
            render: (_, b) => (
              <Image.PreviewGroup>
                <div className="hy-base-thumbs">
                  {b.photos.map((p) => (
                    <Flex key={p.id} vertical align="center" gap={2}>
                      <Image
                        width={72}
                        height={54}
                        style={{ objectFit: 'cover' }}
                        src={poolApi.photoUrl(b.id, p.id, 'thumb')}
                        preview={{ src: poolApi.photoUrl(b.id, p.id, 'full') }}
                        data-testid={`base-thumb-${b.id}`}
                      />
                      {b.can.edit && (
                        <Popconfirm
                          title={t('pool.removePhoto')}
                          onConfirm={() => remove.mutate({ id: b.id, photoId: p.id })}
                        >
                          <Button size="small" type="link" danger>
                            {t('pool.removePhoto')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Flex>
                  ))}
                </div>
              </Image.PreviewGroup>
            ),
          },
          {
            key: 'name',
            title: t('pool.field.baseName'),
            render: (_, b) => (
              <Flex vertical>
                <Typography.Text strong>{b.name}</Typography.Text>
                <Typography.Text type="secondary">{b.address}</Typography.Text>
              </Flex>
            ),
          },
          { key: 'capacity', title: t('pool.field.capacity'), dataIndex: 'capacity' },
          {
            key: 'themes',
            title: t('pool.field.themes'),
            render: (_, b) => b.themes.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            key: 'contact',
            title: t('pool.field.contactName'),
            render: (_, b) => [b.contactName, b.contactPhone].filter(Boolean).join(' ') || '—',
          },
          {
            key: 'org',
            title: t('pool.field.org'),
            render: (_, b) => (
              <>
                {b.orgName} {b.shared && <Tag color="blue">{t('pool.shared')}</Tag>}
              </>
            ),
          },
          {
            key: 'act',
            title: '',
            render: (_, b) =>
              b.can.edit && (
                <Space>
                  <Upload
                    accept="image/*"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      photo.mutate({ id: b.id, file });
                      return false;
                    }}
                  >
                    <Button size="small" loading={photo.isPending} data-testid={`base-photo-${b.id}`}>
                      {t('pool.addPhoto')}
                    </Button>
                  </Upload>
                  <Button size="small" onClick={() => setEditing(b)} data-testid={`base-edit-${b.id}`}>
                    {t('common.edit')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {editing && (
        <BaseForm base={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </Space>
  );
}
