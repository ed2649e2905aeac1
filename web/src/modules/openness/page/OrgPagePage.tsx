import {
  Alert,
  Button,
  Card,
  Drawer,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Modal,
  message,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Post, PostKind, Visibility } from '../../../../../contracts/openness/posts.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { NoticeReceipts } from '../../notify/NoticeReceipts.tsx';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import {
  type AdminPost,
  albumApi,
  type PostInput,
  postApi,
  useAlbum,
  useAlbums,
  useKeptUp,
  useKeptUpShare,
  useOrgPage,
  usePost,
  usePosts,
  useSavePage,
} from './api.ts';
import { RichEditor } from './RichEditor.tsx';
import { day } from './ReaderViews.tsx';
import './i18n.ts';
import './page.css';

const KeptUpChart = lazy(() => import('./KeptUpChart.tsx'));
const KINDS: PostKind[] = ['update', 'announcement', 'publicity'];

/** 组织主页: an org's introduction, its items and albums, and (for superiors) the pages below. */
export default function OrgPagePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ?? me.orgId ?? undefined;
  const tab = params.get('tab') ?? 'intro';
  const set = (k: string, v?: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (v) n.set(k, v);
      else n.delete(k);
      return n;
    });

  useEffect(() => {
    document.title = `${t('orgPage.title')} · ${t('app.short')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('orgPage.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <OrgSelect
            value={orgId}
            onChange={(v) => set('orgId', v)}
            placeholder={t('orgPage.org')}
            aria-label={t('orgPage.org')}
            style={{ width: 300, maxWidth: '100%' }}
          />
          {orgId && (
            <Button href={`/p/orgs/${orgId}`} target="_blank" data-testid="open-public-page">
              {t('orgPage.openPublic')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('orgPage.hint')}
      </Typography.Paragraph>
      {orgId && (
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          items={[
            {
              key: 'intro',
              label: t('orgPage.tabs.intro'),
              children: <IntroTab key={orgId} orgId={orgId} />,
            },
            { key: 'posts', label: t('orgPage.tabs.posts'), children: <PostsTab orgId={orgId} /> },
            { key: 'albums', label: t('orgPage.tabs.albums'), children: <AlbumsTab orgId={orgId} /> },
            ...(can(me, 'openness.view')
              ? [{ key: 'kept-up', label: t('orgPage.tabs.keptUp'), children: <KeptUpTab orgId={orgId} /> }]
              : []),
          ]}
        />
      )}
    </Space>
  );
}

function IntroTab({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const page = useOrgPage(orgId);
  const save = useSavePage(orgId);
  const [html, setHtml] = useState<string | null>(null);
  const [form] = Form.useForm();
  useEffect(() => {
    if (page.data) {
      setHtml(page.data.introduction);
      form.setFieldsValue({
        contactAddress: page.data.contactAddress ?? '',
        contactPhone: page.data.contactPhone ?? '',
        contactHours: page.data.contactHours ?? '',
      });
    }
  }, [page.data, form]);
  if (page.isError) return <Alert type="error" title={errorMessage(page.error)} />;
  if (html === null) return <Card loading />;
  return (
    <Card>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate(
            { introduction: html, ...v },
            {
              onSuccess: (p) => {
                setHtml(p.introduction);
                message.success(t('orgPage.saved'));
              },
              onError: (e) => message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item label={t('orgPage.introduction')} required>
          <RichEditor
            value={html}
            onChange={setHtml}
            orgId={orgId}
            label={t('orgPage.introduction')}
            testId="intro-editor"
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="contactAddress" label={t('orgPage.contactAddress')} style={{ flex: '1 1 260px' }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('orgPage.contactPhone')} style={{ flex: '1 1 180px' }}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="contactHours" label={t('orgPage.contactHours')} style={{ flex: '1 1 180px' }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="intro-save">
          {t('orgPage.save')}
        </Button>
      </Form>
    </Card>
  );
}

function PostsTab({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PostKind | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const list = usePosts({ orgId, kind, page, pageSize: 20 });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={8} wrap justify="space-between">
        <Select
          value={kind ?? 'all'}
          onChange={(v: PostKind | 'all') => {
            setKind(v === 'all' ? undefined : v);
            setPage(1);
          }}
          aria-label={t('orgPage.field.kind')}
          style={{ width: 160 }}
          options={[
            { value: 'all', label: t('orgPage.allKinds') },
            ...KINDS.map((k) => ({ value: k, label: t(`orgPage.kind.${k}`) })),
          ]}
        />
        <Button type="primary" onClick={() => setOpen('new')} data-testid="post-new">
          {t('orgPage.write')}
        </Button>
      </Flex>
      <Table<AdminPost>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.error ? errorMessage(list.error) : t('orgPage.empty') }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
          showSizeChanger: false,
        }}
        data-testid="posts-table"
        columns={[
          {
            title: t('orgPage.field.title'),
            dataIndex: 'title',
            render: (v: string, p) => <Typography.Link onClick={() => setOpen(p.id)}>{v}</Typography.Link>,
          },
          {
            title: t('orgPage.field.kind'),
            dataIndex: 'kind',
            render: (k: PostKind) => t(`orgPage.kind.${k}`),
          },
          {
            title: t('orgPage.field.visibility'),
            dataIndex: 'visibility',
            render: (v: Visibility) => t(`orgPage.visibility.${v}`),
          },
          {
            title: t('orgPage.field.status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'published' ? 'green' : s === 'draft' ? 'default' : 'red'}>
                {t(`orgPage.status.${s}`)}
              </Tag>
            ),
          },
          { title: t('orgPage.field.publishedAt'), dataIndex: 'publishedAt', render: day },
          { title: t('orgPage.field.author'), dataIndex: 'authorName' },
        ]}
      />
      {open && (
        <PostDrawer
          orgId={orgId}
          id={open === 'new' ? undefined : open}
          onClose={() => setOpen(null)}
          onCreated={(id) => setOpen(id)}
        />
      )}
    </Space>
  );
}

const EMPTY: PostInput = { kind: 'update', title: '', body: '', visibility: 'public', coverImageId: null };

function PostDrawer({
  orgId,
  id,
  onClose,
  onCreated,
}: {
  orgId: string;
  id?: string;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const post = usePost(id);
  const [v, setV] = useState<PostInput>(EMPTY);
  const [cover, setCover] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const p: Post | undefined = post.data;
  useEffect(() => {
    if (p) {
      setV({
        kind: p.kind,
        title: p.title,
        body: p.body,
        visibility: p.visibility,
        coverImageId: p.cover?.id ?? null,
      });
      setCover(p.cover?.thumbUrl ?? null);
    }
  }, [p]);
  const editable = !p || p.can.edit;

  const act = async (fn: () => Promise<Post>) => {
    setBusy(true);
    try {
      const saved = await fn();
      await postApi.refresh();
      if (!id) onCreated(saved.id);
      message.success(t('orgPage.saved'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const save = (publish: boolean) =>
    act(async () => {
      if (!id) return postApi.create(orgId, { ...v, publish });
      const saved = await postApi.edit(id, v);
      return publish ? postApi.publish(id) : saved;
    });

  return (
    <Drawer open onClose={onClose} size={720} title={p ? p.title : t('orgPage.write')} destroyOnHidden>
      {p?.status === 'withdrawn' && (
        <Alert
          type="warning"
          title={t('orgPage.withdrawn', { reason: p.withdrawReason })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form layout="vertical" disabled={!editable}>
        <Form.Item label={t('orgPage.field.kind')} required>
          <Radio.Group
            value={v.kind}
            onChange={(e) => setV((x) => ({ ...x, kind: e.target.value }))}
            disabled={!editable || p?.status === 'published'}
            optionType="button"
            options={KINDS.map((k) => ({ value: k, label: t(`orgPage.kind.${k}`) }))}
            data-testid="post-kind"
          />
        </Form.Item>
        <Form.Item label={t('orgPage.field.title')} required>
          <Input
            value={v.title}
            maxLength={100}
            onChange={(e) => setV((x) => ({ ...x, title: e.target.value }))}
            data-testid="post-title-input"
          />
        </Form.Item>
        <Form.Item label={t('orgPage.field.visibility')} required>
          <Radio.Group
            value={v.visibility}
            onChange={(e) => setV((x) => ({ ...x, visibility: e.target.value }))}
            options={(['public', 'members'] as const).map((k) => ({
              value: k,
              label: t(`orgPage.visibility.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('orgPage.field.cover')}>
          <Flex gap={8} align="center">
            {cover && <Image src={cover} width={96} alt="" />}
            <Upload
              accept="image/*"
              showUploadList={false}
              customRequest={async ({ file }) => {
                try {
                  const pic = await postApi.image(orgId, file as File);
                  setV((x) => ({ ...x, coverImageId: pic.id }));
                  setCover(pic.thumbUrl);
                } catch (e) {
                  message.error(errorMessage(e));
                }
              }}
            >
              <Button data-testid="post-cover">{t('orgPage.uploadCover')}</Button>
            </Upload>
            {cover && (
              <Button
                type="link"
                onClick={() => {
                  setV((x) => ({ ...x, coverImageId: null }));
                  setCover(null);
                }}
              >
                {t('orgPage.removeCover')}
              </Button>
            )}
          </Flex>
        </Form.Item>
        <Form.Item label={t('orgPage.field.body')} required>
          <RichEditor
            value={v.body}
            onChange={(body) => setV((x) => ({ ...x, body }))}
            orgId={orgId}
            label={t('orgPage.field.body')}
            testId="post-editor"
          />
        </Form.Item>
      </Form>
      <Form.Item label={t('orgPage.field.attachments')}>
        {p ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {p.attachments.map((a) => (
              <Flex key={a.id} gap={8} align="center">
                <a href={a.url}>{a.name}</a>
                {p.can.edit && (
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={async () => {
                      await postApi.detach(p.id, a.id).catch((e) => message.error(errorMessage(e)));
                      await postApi.refresh();
                    }}
                  >
                    ×
                  </Button>
                )}
              </Flex>
            ))}
            {p.can.edit && (
              <Upload
                showUploadList={false}
                customRequest={async ({ file }) => {
                  try {
                    await postApi.attach(p.id, file as File);
                    await postApi.refresh();
                  } catch (e) {
                    message.error(errorMessage(e));
                  }
                }}
              >
                <Button>{t('orgPage.addAttachment')}</Button>
              </Upload>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('orgPage.attachmentsAfterSave')}</Typography.Text>
        )}
      </Form.Item>
      {v.kind === 'announcement' && p?.status !== 'published' && (
        <Alert type="info" title={t('orgPage.publishHint')} style={{ marginBottom: 12 }} />
      )}
      <Flex gap={8} wrap>
        {editable && (
          <Button onClick={() => save(false)} loading={busy} data-testid="post-save">
            {p?.status === 'published' ? t('orgPage.save') : t('orgPage.saveDraft')}
          </Button>
        )}
        {(!p || p.can.publish) && (
          <Popconfirm title={t('orgPage.confirmPublish')} onConfirm={() => save(true)}>
            <Button type="primary" loading={busy} data-testid="post-publish">
              {t('orgPage.publish')}
            </Button>
          </Popconfirm>
        )}
        {p?.can.withdraw && (
          <Button
            danger
            onClick={() =>
              Modal.confirm({
                title: t('orgPage.withdraw'),
                content: (
                  <Input.TextArea
                    placeholder={t('orgPage.withdrawReason')}
                    onChange={(e) => setReason(e.target.value)}
                  />
                ),
                onOk: () => act(() => postApi.withdraw(p.id, reason)),
              })
            }
          >
            {t('orgPage.withdraw')}
          </Button>
        )}
      </Flex>
      {p && p.kind === 'announcement' && p.status !== 'draft' && (
        <Card size="small" title={t('orgPage.receipts')} style={{ marginTop: 16 }}>
          <NoticeReceipts source={{ type: 'post', id: p.id }} />
        </Card>
      )}
    </Drawer>
  );
}

function AlbumsTab({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const list = useAlbums({ orgId, page: 1, pageSize: 50 });
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Flex justify="flex-end">
        <Button type="primary" onClick={() => setCreating(true)} data-testid="album-new">
          {t('orgPage.newAlbum')}
        </Button>
      </Flex>
      {list.data?.items.length === 0 && <Empty description={t('orgPage.noAlbums')} />}
      <Flex gap={12} wrap>
        {list.data?.items.map((a) => (
          <Card
            key={a.id}
            hoverable
            style={{ width: 220 }}
            onClick={() => setOpen(a.id)}
            cover={
              a.cover ? (
                <img src={a.cover.thumbUrl} alt="" style={{ height: 140, objectFit: 'cover' }} />
              ) : undefined
            }
          >
            <Card.Meta
              title={a.title}
              description={`${t('orgPage.photos', { count: a.photoCount })} · ${t(`orgPage.visibility.${a.visibility}`)}`}
            />
          </Card>
        ))}
      </Flex>
      <Modal
        open={creating}
        title={t('orgPage.newAlbum')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ visibility: 'public' }}
          onFinish={async (v) => {
            try {
              const a = await albumApi.create(orgId, v);
              await albumApi.refresh();
              setCreating(false);
              setOpen(a.id);
            } catch (e) {
              message.error(errorMessage(e));
            }
          }}
        >
          <Form.Item name="title" label={t('orgPage.albumTitle')} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="description" label={t('orgPage.albumDescription')}>
            <Input.TextArea maxLength={500} />
          </Form.Item>
          <Form.Item name="visibility" label={t('orgPage.field.visibility')}>
            <Radio.Group
              options={(['public', 'members'] as const).map((k) => ({
                value: k,
                label: t(`orgPage.visibility.${k}`),
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      {open && <AlbumDrawer id={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}

function AlbumDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const album = useAlbum(id);
  const [caption, setCaption] = useState('');
  const a = album.data;
  return (
    <Drawer open onClose={onClose} size={720} title={a?.title}>
      {a?.can.edit && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input
            placeholder={t('orgPage.caption')}
            value={caption}
            onChange={(e) => setCaption(e.target.value)}
            style={{ flex: '1 1 220px' }}
            maxLength={100}
          />
          <Upload
            accept="image/*"
            multiple
            showUploadList={false}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                await albumApi.addPhoto(id, file as File, caption);
                await albumApi.refresh();
                onSuccess?.({});
              } catch (e) {
                message.error(errorMessage(e));
                onError?.(e as Error);
              }
            }}
          >
            <Button type="primary">{t('orgPage.addPhoto')}</Button>
          </Upload>
        </Flex>
      )}
      <Image.PreviewGroup>
        <Flex gap={8} wrap>
          {a?.photos.map((p) => (
            <Flex key={p.id} vertical gap={4} style={{ width: 150 }}>
              <Image
                src={p.thumbUrl}
                preview={{ src: p.url }}
                width={150}
                height={110}
                style={{ objectFit: 'cover' }}
                alt={p.caption ?? ''}
              />
              <Typography.Text ellipsis>{p.caption}</Typography.Text>
              {a.can.edit && (
                <Popconfirm
                  title={t('orgPage.removePhoto')}
                  onConfirm={async () => {
                    await albumApi.removePhoto(id, p.id).catch((e) => message.error(errorMessage(e)));
                    await albumApi.refresh();
                  }}
                >
                  <Button size="small" type="link" danger>
                    {t('orgPage.removePhoto')}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          ))}
        </Flex>
      </Image.PreviewGroup>
    </Drawer>
  );
}

function KeptUpTab({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [keptUp, setKeptUp] = useState<'true' | 'false' | undefined>();
  const [page, setPage] = useState(1);
  const list = useKeptUp({ orgId, keptUp, page, pageSize: 20 }, true);
  const share = useKeptUpShare({ orgId }, true);
  const d = list.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {d && (
        <Alert
          type="info"
          title={t('orgPage.keptUp.summary', { month: d.month, total: d.total, count: d.keptUpCount })}
          data-testid="kept-up-summary"
        />
      )}
      {share.data && share.data.items.length > 0 && (
        <Card size="small" title={t('orgPage.keptUp.chart')}>
          <Suspense fallback={<Card loading />}>
            <KeptUpChart rows={share.data.items} />
          </Suspense>
        </Card>
      )}
      <Radio.Group
        value={keptUp ?? 'all'}
        optionType="button"
        onChange={(e) => {
          setKeptUp(e.target.value === 'all' ? undefined : e.target.value);
          setPage(1);
        }}
        options={(['all', 'true', 'false'] as const).map((k) => ({
          value: k,
          label: t(`orgPage.keptUp.filter.${k}`),
        }))}
      />
      <Table
        rowKey="orgId"
        size="middle"
        loading={list.isFetching}
        dataSource={d?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: d?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
          showSizeChanger: false,
        }}
        data-testid="kept-up-table"
        columns={[
          { title: t('orgPage.org'), dataIndex: 'orgName' },
          {
            title: t('orgPage.keptUp.introFilled'),
            dataIndex: 'introductionFilled',
            render: (v: boolean) =>
              v ? (
                t('orgPage.keptUp.filled')
              ) : (
                <Typography.Text type="danger">{t('orgPage.keptUp.notFilled')}</Typography.Text>
              ),
          },
          ...KINDS.map((k) => ({
            title: t(`orgPage.kind.${k}`),
            key: k,
            align: 'right' as const,
            render: (_: unknown, r: { counts: Record<PostKind, number> }) => r.counts[k],
          })),
          { title: t('orgPage.keptUp.last'), dataIndex: 'lastPublishedAt', render: day },
          {
            title: t('orgPage.tabs.keptUp'),
            dataIndex: 'keptUp',
            render: (v: boolean) => (
              <Tag color={v ? 'green' : 'red'}>{v ? t('orgPage.keptUp.yes') : t('orgPage.keptUp.no')}</Tag>
            ),
          },
        ]}
      />
    </Space>
  );
}
