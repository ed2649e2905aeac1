import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Bulletin, BulletinSummary } from '../../../../contracts/assessment/bulletin.ts';
import { download, errorMessage } from '../../app/api.ts';
import { can, useCurrentUser } from '../../app/auth.tsx';
import { currentMonth } from '../../app/dates.ts';
import { testIdProps } from '../../app/forms.ts';
import { when } from '../../app/when.ts';
import {
  useBulletin,
  useBulletins,
  useBulletinStep,
  useCreateBulletin,
  useDeleteBulletin,
  useUpdateBulletin,
} from './bulletin-api.ts';
import { defaultMonth } from './figures.ts';
import './bulletin-i18n.ts';

// solid tags, white on dark: readable at 4.5:1 or better (the light preset tags are not)
const ISSUED = '#237804';
const DRAFT = '#ad4e00';

function useIssueText() {
  const { t } = useTranslation();
  return (b: Pick<BulletinSummary, 'issueNo' | 'year'>) =>
    b.issueNo == null ? t('bulletin.draftNo') : t('bulletin.issueNoText', { year: b.year, no: b.issueNo });
}

function Downloads({ b }: { b: BulletinSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const get = (kind: 'docx' | 'xlsx') =>
    download(`/assessment/bulletins/${b.id}/${kind}`, undefined, `bulletin.${kind}`).catch((e) =>
      message.error(errorMessage(e)),
    );
  return (
    <Space wrap>
      <Button icon={<FileWordOutlined />} onClick={() => void get('docx')} {...testIdProps('bulletin-docx')}>
        {t('bulletin.docx')}
      </Button>
      <Button icon={<FileExcelOutlined />} onClick={() => void get('xlsx')} {...testIdProps('bulletin-xlsx')}>
        {t('bulletin.xlsx')}
      </Button>
    </Space>
  );
}

/** What the platform wrote under each block, in a line: the reader sees it follows the figures. */
function FactsLine({ b, block }: { b: Bulletin; block: string }) {
  const { t } = useTranslation();
  const f = b.facts;
  const zero = f.stations.filter((s) => s.zero).length;
  const text =
    block === 'overview'
      ? t('bulletin.factsChildren', { count: f.children.length, figures: f.figures.length })
      : block === 'good'
        ? t('bulletin.factsGood', { count: f.good.length })
        : block === 'missed'
          ? `${t('bulletin.factsMissed', { count: f.missedTotal })}；${t('bulletin.factsStations', { zero, short: f.stations.length - zero })}`
          : null;
  if (!text) return null;
  return (
    <Typography.Text type="secondary" data-testid={`bulletin-facts-${block}`}>
      {t('bulletin.facts')}：{text}
    </Typography.Text>
  );
}

type Values = { title: string; department: string; blocks: Record<string, string> };

/** A bulletin opened: a draft's words edited, its figures refreshed, then issued; an issued one read. */
function Editor({ id, manage }: { id: string; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [, setParams] = useSearchParams();
  const q = useBulletin(id);
  const update = useUpdateBulletin(id);
  const refresh = useBulletinStep(id, 'refresh');
  const issue = useBulletinStep(id, 'issue');
  const remove = useDeleteBulletin(id);
  const issueText = useIssueText();
  const [form] = Form.useForm<Values>();
  const b = q.data;

  useEffect(() => {
    if (b)
      form.setFieldsValue({
        title: b.title,
        department: b.department,
        blocks: Object.fromEntries(b.blocks.map((x) => [x.key, x.text])),
      });
  }, [b, form]);

  if (!b)
    return q.error ? (
      <Alert type="error" showIcon title={errorMessage(q.error)} role="alert" />
    ) : (
      <Skeleton active paragraph={{ rows: 8 }} />
    );
  const editable = manage && b.state === 'draft';
  const busy = update.isPending || refresh.isPending || issue.isPending || remove.isPending;
  const save = async () => {
    const v = await form.validateFields();
    return update.mutateAsync({
      title: v.title,
      department: v.department,
      blocks: b.blocks.map((x) => ({ key: x.key, text: v.blocks?.[x.key] ?? '' })),
    });
  };
  const fail = (e: unknown) => message.error(errorMessage(e));

  return (
    <Card
      title={
        <Space wrap>
          <span>{b.title}</span>
          <Tag color={b.state === 'issued' ? ISSUED : DRAFT} data-testid="bulletin-state">
            {b.state === 'issued' ? `${t('bulletin.issued')} · ${issueText(b)}` : t('bulletin.draft')}
          </Tag>
        </Space>
      }
      extra={<Downloads b={b} />}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {t('bulletin.computedAt', { at: b.facts.computedAt ? when(b.facts.computedAt) : '—' })}
        </Typography.Text>
        {b.state === 'issued' && <Alert type="success" showIcon title={t('bulletin.readOnly')} />}
        <Form form={form} layout="vertical" disabled={!editable || busy}>
          <Flex gap={16} wrap>
            <Form.Item
              name="title"
              label={t('bulletin.heading')}
              rules={[{ required: true }]}
              style={{ flex: 2, minWidth: 280 }}
            >
              <Input maxLength={100} data-testid="bulletin-title" />
            </Form.Item>
            <Form.Item
              name="department"
              label={t('bulletin.department')}
              rules={[{ required: true }]}
              style={{ flex: 1, minWidth: 200 }}
            >
              <Input maxLength={60} data-testid="bulletin-department" />
            </Form.Item>
          </Flex>
          {b.blocks.map((x) => (
            <div key={x.key}>
              <Form.Item
                name={['blocks', x.key]}
                label={x.heading || t('bulletin.closing')}
                style={{ marginBottom: 4 }}
              >
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 12 }}
                  maxLength={4000}
                  data-testid={`bulletin-block-${x.key}`}
                />
              </Form.Item>
              <div style={{ marginBottom: 16 }}>
                <FactsLine b={b} block={x.key} />
              </div>
            </div>
          ))}
        </Form>
        {b.facts.stations.some((s) => s.zero) && (
          <Typography.Paragraph data-testid="bulletin-stations">
            <Typography.Text strong>{t('bulletin.zeroStations')}</Typography.Text>
            {b.facts.stations
              .filter((s) => s.zero)
              .map((s) => `${s.station}（${s.orgName}）`)
              .join('、')}
          </Typography.Paragraph>
        )}
        {editable && (
          <Space wrap>
            <Button
              type="primary"
              loading={update.isPending}
              onClick={() =>
                save()
                  .then(() => message.success(t('bulletin.saved')))
                  .catch(fail)
              }
              {...testIdProps('bulletin-save')}
            >
              {t('bulletin.save')}
            </Button>
            <Button
              loading={refresh.isPending}
              onClick={() =>
                refresh
                  .mutateAsync()
                  .then(() => message.success(t('bulletin.refreshed')))
                  .catch(fail)
              }
              {...testIdProps('bulletin-refresh')}
            >
              {t('bulletin.refresh')}
            </Button>
            <Popconfirm
              title={t('bulletin.issueConfirm')}
              okText={t('bulletin.issue')}
              cancelText={t('common.cancel')}
              okButtonProps={testIdProps('bulletin-issue-ok')}
              onConfirm={() =>
                // the words on screen go out as they are: saved first, then issued
                save()
                  .then(() => issue.mutateAsync())
                  .then((done) =>
                    message.success(t('bulletin.issuedOk', { year: done.year, no: done.issueNo })),
                  )
                  .catch(fail)
              }
            >
              <Button type="primary" danger loading={issue.isPending} {...testIdProps('bulletin-issue')}>
                {t('bulletin.issue')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('bulletin.deleteConfirm')}
              okText={t('bulletin.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={testIdProps('bulletin-delete-ok', { danger: true })}
              onConfirm={() =>
                remove
                  .mutateAsync()
                  .then(() => {
                    message.success(t('bulletin.deleted'));
                    setParams({});
                  })
                  .catch(fail)
              }
            >
              <Button danger {...testIdProps('bulletin-delete')}>
                {t('bulletin.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Flex>
    </Card>
  );
}

/**
 * 考核通报 (/assessment/bulletins?id=…): write a month's draft from its scores, edit its words, issue
 * it (numbered, archived), and download it as Word with its Excel attachment; the archive below.
 */
export default function BulletinPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const manage = !!user && can(user, 'assessment.manage');
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ?? undefined;
  const [month, setMonth] = useState(defaultMonth());
  const list = useBulletins();
  const create = useCreateBulletin();
  const issueText = useIssueText();

  useEffect(() => {
    document.title = `${t('bulletin.title')} · ${t('app.title')}`;
  }, [t]);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('bulletin.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('bulletin.hint')}
      </Typography.Paragraph>
      {manage && (
        <Space wrap>
          <DatePicker
            id="bulletin-month"
            picker="month"
            value={dayjs(`${month}-01`)}
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM') > currentMonth()}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            aria-label={t('bulletin.month')}
          />
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() =>
              create
                .mutateAsync({ month })
                .then((b) => {
                  message.success(t('bulletin.created'));
                  setParams({ id: b.id });
                })
                .catch((e) => message.error(errorMessage(e)))
            }
            {...testIdProps('bulletin-create')}
          >
            {t('bulletin.create')}
          </Button>
        </Space>
      )}
      {id && <Editor key={id} id={id} manage={manage} />}
      <Card title={t('bulletin.archive')}>
        <Table<BulletinSummary>
          data-testid="bulletin-list"
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('bulletin.none') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(b) =>
            ({ 'data-testid': 'bulletin-row', 'data-id': b.id }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            { title: t('bulletin.issueNo'), key: 'no', render: (_, b) => issueText(b), width: 140 },
            { title: t('bulletin.name'), dataIndex: 'title' },
            { title: t('bulletin.month'), dataIndex: 'month', width: 100 },
            { title: t('bulletin.org'), dataIndex: 'orgName' },
            {
              title: t('bulletin.state'),
              key: 'state',
              width: 90,
              render: (_, b) => (
                <Tag color={b.state === 'issued' ? ISSUED : DRAFT}>
                  {b.state === 'issued' ? t('bulletin.issued') : t('bulletin.draft')}
                </Tag>
              ),
            },
            { title: t('bulletin.issuedOn'), dataIndex: 'issuedOn', width: 120, render: (v) => v ?? '—' },
            {
              title: '',
              key: 'open',
              width: 90,
              render: (_, b) => (
                <Button
                  size="small"
                  onClick={() => setParams({ id: b.id })}
                  {...testIdProps('bulletin-open')}
                >
                  {t('bulletin.open')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
