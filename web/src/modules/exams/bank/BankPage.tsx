import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import { type Key, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question, QuestionCategory } from '../../../../../contracts/exams/bank.ts';
import { QUESTION_TYPES } from '../../../../../contracts/exams/questions.ts';
import { errorMessage } from '../../../app/api.ts';
import { can, useCurrentUser } from '../../../app/auth.tsx';
import { FormModal } from '../../../app/FormModal.tsx';
import { queryClient } from '../../../app/queryClient.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { bankApi, bankKeys, useCategories, useQuestions } from './api.ts';
import { ImportDialog } from './ImportDialog.tsx';
import { QuestionEditor } from './QuestionEditor.tsx';
import './i18n.ts';

const refresh = () => queryClient.invalidateQueries({ queryKey: bankKeys.all });

/** The categories as a tree per bank: each org's bank a root (not selectable), its categories below. */
function treeOf(items: QuestionCategory[], readOnly: string): TreeDataNode[] {
  const byParent = new Map<string | null, QuestionCategory[]>();
  for (const c of items) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const node = (c: QuestionCategory): TreeDataNode => ({
    key: c.id,
    title: (
      <span data-testid={`category-${c.name}`}>
        {c.name} <Typography.Text type="secondary">({c.questionCount})</Typography.Text>
      </span>
    ),
    children: (byParent.get(c.id) ?? []).map(node),
  });
  const banks = new Map<string, { name: string; edit: boolean; tops: QuestionCategory[] }>();
  for (const c of byParent.get(null) ?? []) {
    const b = banks.get(c.orgId) ?? { name: c.orgName, edit: c.can.edit, tops: [] };
    b.tops.push(c);
    banks.set(c.orgId, b);
  }
  return [...banks.entries()].map(([orgId, b]) => ({
    key: `org-${orgId}`,
    selectable: false,
    title: (
      <Typography.Text strong>
        {b.name} {!b.edit && <Tag>{readOnly}</Tag>}
      </Typography.Text>
    ),
    children: b.tops.map(node),
  }));
}

const keysOf = (nodes: TreeDataNode[]): Key[] =>
  nodes.flatMap((n) => (n.children?.length ? [n.key, ...keysOf(n.children)] : []));

/**
 * 题库 (console): the category trees on the left (the admin's subtree's banks, the department's
 * read-only), the questions of the chosen category and those below it on the right; a drawer to
 * write a question of any of the six types; import (preview, then confirm) and export.
 */
export default function BankPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const cats = useCategories();
  const [selected, setSelected] = useState<string | undefined>();
  const [filter, setFilter] = useState<{ type?: string; difficulty?: string; q?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [naming, setNaming] = useState<'top' | 'child' | 'rename' | null>(null);
  const [importing, setImporting] = useState(false);
  // every branch open until the admin folds one; opened again after an import adds categories
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const items = cats.data?.items ?? [];
  const category = items.find((c) => c.id === selected);
  const tree = useMemo(() => treeOf(items, t('bank.readOnly')), [items, t]);
  const list = useQuestions({ categoryId: selected, ...filter, ...page });
  const manage = can(me, 'question.manage');
  const remove = useMutation({
    mutationFn: (id: string) => bankApi.removeCategory(id),
    onSuccess: () => {
      setSelected(undefined);
      void refresh();
    },
    onError: (e) => message.error({ content: errorMessage(e), duration: 6 }),
  });
  const archive = useMutation({
    mutationFn: (id: string) => bankApi.archiveQuestion(id),
    onSuccess: () => void refresh(),
    onError: (e) => message.error(errorMessage(e)),
  });
  const exporting = (format: 'xlsx' | 'gift') =>
    category && bankApi.exportCategory(category.id, format).catch((e) => message.error(errorMessage(e)));
  useEffect(() => {
    document.title = `${t('bank.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('bank.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('bank.hint')}</Typography.Text>
      </div>
      <Flex gap={16} align="flex-start" wrap>
        <Card
          size="small"
          title={t('bank.categories')}
          style={{ width: 340, flex: '0 0 auto' }}
          extra={
            manage && (
              <Button size="small" onClick={() => setNaming('top')} data-testid="category-add-top">
                {t('bank.addTop')}
              </Button>
            )
          }
        >
          {cats.isLoading ? (
            <Spin />
          ) : tree.length ? (
            <Tree
              blockNode
              treeData={tree}
              expandedKeys={expanded ?? keysOf(tree)}
              onExpand={(keys) => setExpanded(keys)}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => {
                setSelected(keys[0] ? String(keys[0]) : undefined);
                setPage((p) => ({ ...p, page: 1 }));
              }}
              data-testid="category-tree"
            />
          ) : (
            <Empty description={cats.error ? errorMessage(cats.error) : t('bank.empty')} />
          )}
          {category && (
            <Flex gap={4} wrap style={{ marginTop: 12 }} data-testid="category-actions">
              {category.can.edit && (
                <>
                  <Button size="small" onClick={() => setNaming('child')} data-testid="category-add-child">
                    {t('bank.addChild')}
                  </Button>
                  <Button size="small" onClick={() => setNaming('rename')}>
                    {t('bank.rename')}
                  </Button>
                  <Popconfirm
                    title={t('bank.removeConfirm', { name: category.name })}
                    onConfirm={() => remove.mutate(category.id)}
                  >
                    <Button size="small" danger>
                      {t('bank.remove')}
                    </Button>
                  </Popconfirm>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => setImporting(true)}
                    data-testid="bank-import"
                  >
                    {t('bank.import')}
                  </Button>
                </>
              )}
              <Button size="small" onClick={() => exporting('xlsx')} data-testid="bank-export-xlsx">
                {t('bank.exportXlsx')}
              </Button>
              <Button size="small" onClick={() => exporting('gift')} data-testid="bank-export-gift">
                {t('bank.exportGift')}
              </Button>
            </Flex>
          )}
        </Card>
        <Space orientation="vertical" size={12} style={{ flex: '1 1 600px', minWidth: 0 }}>
          <Card size="small">
            <Flex gap={8} wrap justify="space-between">
              <Flex gap={8} wrap>
                <Select
                  allowClear
                  placeholder={t('bank.field.type')}
                  style={{ width: 130 }}
                  options={QUESTION_TYPES.map((v) => ({ value: v, label: t(`bank.type.${v}`) }))}
                  onChange={(v) => setFilter((f) => ({ ...f, type: v }))}
                />
                <Select
                  allowClear
                  placeholder={t('bank.field.difficulty')}
                  style={{ width: 100 }}
                  options={(['easy', 'medium', 'hard'] as const).map((v) => ({
                    value: v,
                    label: t(`bank.difficulty.${v}`),
                  }))}
                  onChange={(v) => setFilter((f) => ({ ...f, difficulty: v }))}
                />
                <Input.Search
                  allowClear
                  placeholder={t('bank.search')}
                  style={{ width: 220 }}
                  onSearch={(v) => {
                    setFilter((f) => ({ ...f, q: v.trim() || undefined }));
                    setPage((p) => ({ ...p, page: 1 }));
                  }}
                  data-testid="questions-search"
                />
              </Flex>
              {manage && (
                <Flex gap={8}>
                  <Button onClick={() => bankApi.template().catch((e) => message.error(errorMessage(e)))}>
                    {t('bank.template')}
                  </Button>
                  <Button
                    type="primary"
                    disabled={!category?.can.edit}
                    title={category?.can.edit ? undefined : t('bank.pickCategory')}
                    onClick={() => setEditing('new')}
                    data-testid="question-create"
                  >
                    {t('bank.addQuestion')}
                  </Button>
                </Flex>
              )}
            </Flex>
          </Card>
          <Table<Question>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: list.error ? errorMessage(list.error) : t('bank.empty') }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: list.data?.total ?? 0,
              hideOnSinglePage: true,
              onChange: (p, s) => setPage({ page: p, pageSize: s }),
            }}
            onRow={(r) => ({ onClick: () => setEditing(r), style: { cursor: 'pointer' } })}
            data-testid="questions-list"
            columns={[
              {
                key: 'type',
                title: t('bank.field.type'),
                width: 100,
                render: (_, r) => <Tag>{t(`bank.type.${r.type}`)}</Tag>,
              },
              { key: 'name', title: t('bank.field.stem'), render: (_, r) => r.name },
              { key: 'category', title: t('bank.field.category'), width: 140, dataIndex: 'categoryName' },
              {
                key: 'difficulty',
                title: t('bank.field.difficulty'),
                width: 70,
                render: (_, r) => t(`bank.difficulty.${r.difficulty}`),
              },
              {
                key: 'tags',
                title: t('bank.field.tags'),
                render: (_, r) => r.tags.map((x) => <Tag key={x}>{x}</Tag>),
              },
              {
                key: 'act',
                title: '',
                width: 80,
                render: (_, r) =>
                  r.can.edit && (
                    // biome-ignore lint/a11y/noStaticElementInteractions: keeps the row's click from opening the drawer
                    // biome-ignore lint/a11y/useKeyWithClickEvents: the button inside takes the keyboard
                    <span onClick={(e) => e.stopPropagation()}>
                      <Popconfirm title={t('bank.archiveConfirm')} onConfirm={() => archive.mutate(r.id)}>
                        <Button size="small">{t('bank.archive')}</Button>
                      </Popconfirm>
                    </span>
                  ),
              },
            ]}
          />
        </Space>
      </Flex>
      {naming && (
        <CategoryModal
          mode={naming}
          category={category}
          onClose={() => setNaming(null)}
          onDone={(c) => {
            setNaming(null);
            setExpanded(null);
            setSelected(c.id);
            void refresh();
          }}
        />
      )}
      {editing && (
        <QuestionEditor
          question={editing === 'new' ? undefined : editing}
          category={category}
          categories={items}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
      {importing && category && (
        <ImportDialog
          category={category}
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            setExpanded(null);
            void refresh();
          }}
        />
      )}
    </Space>
  );
}

function CategoryModal({
  mode,
  category,
  onClose,
  onDone,
}: {
  mode: 'top' | 'child' | 'rename';
  category?: QuestionCategory;
  onClose: () => void;
  onDone: (c: QuestionCategory) => void;
}) {
  const { t } = useTranslation();
  const title = mode === 'top' ? t('bank.addTop') : mode === 'child' ? t('bank.addChild') : t('bank.rename');
  return (
    <FormModal<{ name: string; orgId?: string }, QuestionCategory>
      title={title}
      okTestId="category-save"
      fields={['name', 'orgId']}
      initialValues={mode === 'rename' ? { name: category?.name } : {}}
      submit={(v) =>
        mode === 'rename' && category
          ? bankApi.renameCategory(category.id, v.name)
          : bankApi.createCategory(
              mode === 'child' && category
                ? { parentId: category.id, name: v.name }
                : { orgId: v.orgId, name: v.name },
            )
      }
      saved={t('bank.saved')}
      onClose={onClose}
      onDone={onDone}
    >
      {mode === 'top' && (
        <Form.Item name="orgId" label={t('bank.categoryOrg')} rules={[{ required: true }]}>
          <OrgSelect />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('bank.categoryName')} rules={[{ required: true, max: 100 }]}>
        <Input data-testid="category-name" />
      </Form.Item>
    </FormModal>
  );
}
