import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  COURSE_KINDS,
  COURSE_STATUSES,
  type Course,
  type CourseKind,
  type CourseStatus,
  type CourseSummary,
} from '../../../../../contracts/learning/library.ts';
import { api, errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { ReasonModal } from '../../../app/ReasonModal.tsx';
import { dayOf } from '../../../app/when.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { courseApi, courseKeys, lengthOf, useCategories, useCourses, useTags } from './api.ts';
import { CourseDrawer, categoryOptions } from './CourseDrawer.tsx';
import './i18n.ts';

const STATUS_COLOR: Record<CourseStatus, string> = { draft: 'default', published: 'green', withdrawn: 'red' };

/**
 * 课件库 (console): the courses the admin's subtree published, searched with the same Chinese
 * search the members use; upload, edit, publish, withdraw. The department also keeps the
 * categories and the tags' synonyms here.
 */
export default function CoursesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [tab, setTab] = useState('library');
  useEffect(() => {
    document.title = `${t('courses.title')} · ${t('app.title')}`;
  }, [t]);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('courses.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('courses.hint')}</Typography.Text>
      </div>
      {can(me, 'course.categories') ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'library', label: t('courses.title'), children: <Library /> },
            { key: 'categories', label: t('courses.categories'), children: <Categories /> },
          ]}
        />
      ) : (
        <Library />
      )}
    </Space>
  );
}

function Library() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [text, setText] = useState(params.get('q') ?? '');
  const [editing, setEditing] = useState<Course | 'new' | null>(null);
  const [withdrawing, setWithdrawing] = useState<CourseSummary | null>(null);
  const categories = useCategories();
  const filter = {
    q: params.get('q') ?? undefined,
    orgId: params.get('orgId') ?? undefined,
    kind: (params.get('kind') as CourseKind | null) ?? undefined,
    status: (params.get('status') as CourseStatus | null) ?? undefined,
    categoryId: params.get('categoryId') ?? undefined,
    page,
    pageSize: 20,
  };
  const list = useCourses(filter);
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v) p.set(k, v);
      else p.delete(k);
    setParams(p);
    setPage(1);
  };
  const open = async (id: string) => setEditing(await api.get<Course>(`/courses/${id}`));
  const publish = useMutation({
    mutationFn: (id: string) => courseApi.publish(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: courseKeys.all });
      message.success(t('courses.published'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Input.Search
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            placeholder={t('courses.search')}
            allowClear
            style={{ flex: '1 1 260px', maxWidth: 360 }}
            data-testid="courses-search"
          />
          <OrgSelect
            value={filter.orgId}
            onChange={(id) => set({ orgId: id })}
            allowClear
            placeholder={t('courses.orgFilter')}
            aria-label={t('courses.orgFilter')}
            style={{ flex: '1 1 200px', maxWidth: 300 }}
          />
          <Select
            allowClear
            value={filter.kind}
            placeholder={t('courses.kindFilter')}
            aria-label={t('courses.kindFilter')}
            style={{ width: 110 }}
            onChange={(k) => set({ kind: k })}
            options={COURSE_KINDS.map((k) => ({ value: k, label: t(`courses.kind.${k}`) }))}
          />
          <Select
            allowClear
            value={filter.status}
            placeholder={t('courses.statusFilter')}
            aria-label={t('courses.statusFilter')}
            style={{ width: 110 }}
            onChange={(s) => set({ status: s })}
            options={COURSE_STATUSES.map((s) => ({ value: s, label: t(`courses.status.${s}`) }))}
          />
          <Select
            allowClear
            value={filter.categoryId}
            placeholder={t('courses.categoryFilter')}
            aria-label={t('courses.categoryFilter')}
            style={{ width: 180 }}
            onChange={(c) => set({ categoryId: c })}
            options={categoryOptions(categories.data?.items ?? [])}
          />
          <Button type="primary" onClick={() => setEditing('new')} data-testid="course-add">
            {t('courses.add')}
          </Button>
        </Flex>
      </Card>
      <Table<CourseSummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('courses.empty') }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('courses.field.title'),
            key: 'title',
            render: (_, c) => (
              <Space orientation="vertical" size={2}>
                <Typography.Link onClick={() => void open(c.id)} data-testid={`course-row-${c.id}`}>
                  {c.title}
                </Typography.Link>
                <span>
                  {c.tags.map((tag) => (
                    <Tag key={tag}>{tag}</Tag>
                  ))}
                </span>
              </Space>
            ),
          },
          {
            title: t('courses.field.kind'),
            key: 'kind',
            width: 80,
            render: (_, c) => t(`courses.kind.${c.kind}`),
          },
          {
            title: t('courses.field.length'),
            key: 'length',
            width: 100,
            render: (_, c) =>
              c.durationSeconds
                ? t(`courses.${lengthOf(c.durationSeconds).key}`, {
                    count: lengthOf(c.durationSeconds).count,
                  })
                : c.charCount
                  ? t('courses.chars', { count: c.charCount })
                  : '—',
          },
          { title: t('courses.field.category'), dataIndex: 'categoryName', width: 140, ellipsis: true },
          { title: t('courses.field.org'), dataIndex: 'orgName', width: 180, ellipsis: true },
          { title: t('courses.field.scope'), dataIndex: 'scopeOrgName', width: 180, ellipsis: true },
          {
            title: t('courses.field.status'),
            key: 'status',
            width: 90,
            render: (_, c) => (
              <Tag color={STATUS_COLOR[c.status]} data-testid={`course-status-${c.id}`}>
                {t(`courses.status.${c.status}`)}
              </Tag>
            ),
          },
          {
            title: t('courses.field.published'),
            key: 'published',
            width: 110,
            render: (_, c) => (c.publishedAt ? dayOf(c.publishedAt) : '—'),
          },
          {
            title: '',
            key: 'actions',
            width: 150,
            render: (_, c) => (
              <Space size={4}>
                {c.can.publish && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => publish.mutate(c.id)}
                    data-testid={`course-publish-${c.id}`}
                  >
                    {t('courses.publish')}
                  </Button>
                )}
                {c.can.withdraw && (
                  <Button size="small" type="link" danger onClick={() => setWithdrawing(c)}>
                    {t('courses.withdraw')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <CourseDrawer
          course={editing === 'new' ? null : editing}
          orgId={me.orgId ?? undefined}
          onClose={() => setEditing(null)}
        />
      )}
      {withdrawing && (
        <ReasonModal
          title={`${t('courses.withdraw')}：${withdrawing.title}`}
          okText={t('courses.withdraw')}
          label={t('courses.withdrawReason')}
          placeholder={t('courses.withdrawReason')}
          submit={(reason) => courseApi.withdraw(withdrawing.id, reason)}
          onClose={() => setWithdrawing(null)}
          onDone={() => {
            setWithdrawing(null);
            void qc.invalidateQueries({ queryKey: courseKeys.all });
            message.success(t('courses.withdrawn'));
          }}
        />
      )}
    </Space>
  );
}

/** The department's categories (two levels) and the tags' synonyms. */
function Categories() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const categories = useCategories();
  const tags = useTags();
  const [form] = Form.useForm<{ name: string; parentId?: string }>();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: courseKeys.categories });
    void qc.invalidateQueries({ queryKey: courseKeys.tags });
  };
  const add = useMutation({
    mutationFn: (v: { name: string; parentId?: string }) => courseApi.createCategory(v),
    onSuccess: () => {
      form.resetFields();
      refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => courseApi.removeCategory(id),
    onSuccess: refresh,
    onError: (e) => message.error(errorMessage(e)),
  });
  const synonyms = useMutation({
    mutationFn: (v: { name: string; expansions: string[] }) => courseApi.setSynonyms(v.name, v.expansions),
    onSuccess: () => {
      refresh();
      message.success(t('courses.synonymsSaved'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const items = categories.data?.items ?? [];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('courses.categoriesHint')}</Typography.Text>
      <Card size="small" title={t('courses.field.category')}>
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ marginBottom: 12 }}>
          <Form.Item
            name="name"
            rules={[{ required: true, message: t('courses.required', { field: t('courses.categoryName') }) }]}
          >
            <Input placeholder={t('courses.categoryName')} maxLength={20} />
          </Form.Item>
          <Form.Item name="parentId">
            <Select
              allowClear
              placeholder={t('courses.parentCategory')}
              style={{ width: 200 }}
              options={items.filter((c) => !c.parentId).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {t('courses.addCategory')}
          </Button>
        </Form>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          columns={[
            {
              title: t('courses.categoryName'),
              key: 'name',
              render: (_, c) => (c.parentId ? `　　${c.name}` : <b>{c.name}</b>),
            },
            { title: t('courses.courseCount'), dataIndex: 'courseCount', width: 120 },
            {
              title: '',
              key: 'remove',
              width: 80,
              render: (_, c) => (
                <Popconfirm title={t('courses.removeCategoryConfirm')} onConfirm={() => remove.mutate(c.id)}>
                  <Button size="small" type="link" danger>
                    {t('courses.removeCategory')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('courses.synonyms')}>
        <Table
          rowKey="name"
          size="small"
          loading={tags.isFetching}
          dataSource={tags.data?.items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('courses.tagName'), dataIndex: 'name', width: 160 },
            { title: t('courses.courseCount'), dataIndex: 'courseCount', width: 120 },
            {
              title: t('courses.synonyms'),
              key: 'synonyms',
              render: (_, tag) => (
                <Select
                  mode="tags"
                  style={{ width: '100%' }}
                  defaultValue={tag.expansions}
                  tokenSeparators={[',', '，']}
                  onChange={(v: string[]) => synonyms.mutate({ name: tag.name, expansions: v })}
                  aria-label={`${t('courses.setSynonyms')}：${tag.name}`}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
