import {
  ArrowLeftOutlined,
  CheckOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Popconfirm,
  Progress,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ImportJob, ImportMode, ImportPreviewRow } from '../../../../../contracts/members/excel.ts';
import { errorMessage } from '../../../app/api.ts';
import { applyServerErrors, testIdProps } from '../../../app/forms.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { useChangeWords } from '../changeWords.ts';
import { memberKeys } from '../keys.ts';
import { excelApi, SETTLED, useImportJob, useImportPreview, useImports } from './api.ts';
import './i18n.ts';
import '../members.css';

const XLSX = '.xlsx';
const MAX_BYTES = 10 * 1024 * 1024;

const STATUS_COLOR: Record<ImportJob['status'], string> = {
  queued: 'default',
  validating: 'processing',
  previewed: 'warning',
  confirmed: 'processing',
  writing: 'processing',
  done: 'success',
  failed: 'error',
  cancelled: 'default',
};

/**
 * Excel import in three steps: the template, the file (new members only, or updating those on
 * file), and the progress of the job that checks and writes it (polled every second). A workbook
 * with any bad row writes nothing; the error report is the same workbook with an error column, to
 * fix and import again. An update shows every change per field first, and writes only once
 * confirmed. Past imports are listed below.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? undefined;
  const job = useImportJob(jobId);
  const [form] = Form.useForm<{ orgId: string; mode: ImportMode }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const orgId = Form.useWatch('orgId', form);

  useEffect(() => {
    document.title = `${t('imports.title')} · ${t('app.title')}`;
  }, [t]);

  // A finished import changes the lists: have them fetched again when next shown.
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'done') void queryClient.invalidateQueries({ queryKey: memberKeys.all });
    else if (status && SETTLED.includes(status))
      void queryClient.invalidateQueries({ queryKey: ['members', 'imports'] });
  }, [status, queryClient]);

  const template = useMutation({
    mutationFn: excelApi.template,
    onSuccess: (name) => void message.success(t('imports.downloaded', { name })),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const errors = useMutation({
    mutationFn: (j: ImportJob) => excelApi.importErrors(j),
    onSuccess: (name) => void message.success(t('imports.downloaded', { name })),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const open = (id: string, org?: string) => {
    const p = new URLSearchParams(params);
    p.set('job', id);
    if (org) p.set('orgId', org);
    setParams(p);
  };
  const start = useMutation({
    mutationFn: ({ org, f, mode }: { org: string; f: File; mode: ImportMode }) =>
      excelApi.startImport(org, f, mode),
    onSuccess: (j) => {
      queryClient.setQueryData(memberKeys.importJob(j.id), j);
      open(j.id, orgId ?? '');
    },
    onError: (e) => {
      const rest = applyServerErrors(form, e, ['orgId', 'mode', 'file']);
      setGeneral(rest);
    },
  });
  const decided = (j: ImportJob) => {
    queryClient.setQueryData(memberKeys.importJob(j.id), j);
    void queryClient.invalidateQueries({ queryKey: memberKeys.importJob(j.id) });
    void queryClient.invalidateQueries({ queryKey: ['members', 'imports'] });
  };
  const confirm = useMutation({
    mutationFn: (id: string) => excelApi.confirmImport(id),
    onSuccess: decided,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => excelApi.cancelImport(id),
    onSuccess: (j) => {
      decided(j);
      message.info(t('imports.cancelled'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const pick = (f: File) => {
    setGeneral(null);
    if (!f.name.toLowerCase().endsWith(XLSX)) {
      setFileError(t('imports.wrongType'));
      setFile(null);
    } else if (f.size > MAX_BYTES) {
      setFileError(t('imports.fileHint'));
      setFile(null);
    } else {
      setFileError(null);
      setFile(f);
    }
    return false; // keep the file here; it is sent with the org when the user starts the import
  };

  const submit = async () => {
    setGeneral(null);
    const values = await form.validateFields().catch(() => null);
    if (!file) setFileError(t('imports.needFile'));
    if (!values || !file) return;
    start.mutate({ org: values.orgId, f: file, mode: values.mode });
  };

  const again = () => {
    setFile(null);
    setFileError(null);
    const p = new URLSearchParams(params);
    p.delete('job');
    setParams(p);
  };

  const j = job.data;
  const running = !!j && !SETTLED.includes(j.status);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} className="hy-import-steps">
      <Link to="/members">
        <ArrowLeftOutlined /> {t('imports.back')}
      </Link>
      <div>
        <Typography.Title level={3} className="hy-page-title" style={{ marginBottom: 4 }}>
          {t('imports.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('imports.hint')}</Typography.Text>
      </div>
      <Card size="small" title={t('imports.step1')}>
        <Flex gap={12} align="center" wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={template.isPending}
            onClick={() => template.mutate()}
            data-testid="import-template"
          >
            {t('imports.template')}
          </Button>
          <Typography.Text type="secondary">{t('imports.step1Hint')}</Typography.Text>
        </Flex>
      </Card>

      {!jobId && (
        <Card size="small" title={t('imports.step2')}>
          <Form
            form={form}
            layout="vertical"
            style={{ maxWidth: 640 }}
            initialValues={{ orgId: params.get('orgId') ?? undefined, mode: 'create' }}
          >
            {general && (
              <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />
            )}
            <Form.Item
              name="orgId"
              label={t('imports.org')}
              rules={[{ required: true, message: t('imports.needOrg') }]}
            >
              <OrgSelect placeholder={t('imports.orgPlaceholder')} data-testid="import-org" />
            </Form.Item>
            <Form.Item name="mode" label={t('imports.mode')} extra={<ModeHint form={form} />}>
              <Radio.Group buttonStyle="solid">
                {(['create', 'update'] as const).map((m) => (
                  <Radio.Button key={m} value={m} data-testid={`import-mode-${m}`}>
                    {t(`imports.modes.${m}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              label={t('imports.file')}
              extra={t('imports.fileHint')}
              validateStatus={fileError ? 'error' : undefined}
              help={fileError ?? undefined}
              required
            >
              <Upload
                accept={`${XLSX},application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`}
                maxCount={1}
                beforeUpload={pick}
                fileList={
                  file ? [{ uid: 'file', name: file.name, status: 'done', originFileObj: file as never }] : []
                }
                onRemove={() => setFile(null)}
                data-testid="import-file"
              >
                <Button icon={<FileExcelOutlined />}>{t('imports.pick')}</Button>
              </Upload>
            </Form.Item>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              loading={start.isPending}
              onClick={() => void submit()}
              data-testid="import-start"
            >
              {t('imports.start')}
            </Button>
          </Form>
        </Card>
      )}

      {jobId && (
        <Card size="small" title={t('imports.step3')} data-testid="import-job">
          {job.error && !j && <Alert type="error" showIcon title={errorMessage(job.error)} role="alert" />}
          {j && (
            <Flex vertical gap={12}>
              <Typography.Text>
                {t('imports.fileName')}：{j.fileName}（{t(`imports.modes.${j.mode}`)}，{j.orgName}）
              </Typography.Text>
              <div aria-live="polite" data-testid="import-status" data-status={j.status}>
                <Typography.Text strong>{t(`imports.status.${j.status}`)}</Typography.Text>
                {j.total > 0 && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                    {t('imports.progress', { processed: j.processed, total: j.total })}
                  </Typography.Text>
                )}
              </div>
              <Progress
                percent={
                  j.status === 'done' || j.status === 'previewed'
                    ? 100
                    : j.total > 0
                      ? Math.floor((j.processed / j.total) * 100)
                      : 0
                }
                status={
                  j.status === 'failed'
                    ? 'exception'
                    : running
                      ? 'active'
                      : j.status === 'done'
                        ? 'success'
                        : 'normal'
                }
                aria-label={t(`imports.status.${j.status}`)}
              />
              {j.status === 'done' && (
                <Alert
                  type="success"
                  showIcon
                  title={
                    j.mode === 'update'
                      ? t('imports.doneUpdate', { created: j.createdCount, updated: j.updatedCount })
                      : t('imports.doneText', { total: j.createdCount || j.total })
                  }
                  role="status"
                  data-testid="import-done"
                />
              )}
              {j.status === 'failed' && (
                <Alert
                  type="error"
                  showIcon
                  role="alert"
                  data-testid="import-failed"
                  title={
                    j.errorCount > 0
                      ? t('imports.failedText', { count: j.errorCount })
                      : t('imports.failedNoRows', { message: j.message ?? '' })
                  }
                  description={j.errorCount > 0 && j.message ? j.message : undefined}
                />
              )}
              {j.status === 'cancelled' && (
                <Alert type="info" showIcon title={t('imports.cancelled')} role="status" />
              )}
              {j.noteCount > 0 && <Notes job={j} />}
              {j.status === 'previewed' && <Preview job={j} />}
              <Flex gap={8} wrap>
                {j.status === 'previewed' && j.can.confirm && (
                  <Popconfirm
                    title={t('imports.confirmTitle')}
                    description={
                      <div style={{ maxWidth: 320 }}>
                        {t('imports.confirmText', { created: j.createdCount, updated: j.updatedCount })}
                      </div>
                    }
                    okText={t('imports.confirm')}
                    cancelText={t('common.cancel')}
                    okButtonProps={testIdProps('import-confirm-ok')}
                    onConfirm={() => confirm.mutate(j.id)}
                  >
                    <Button
                      type="primary"
                      icon={<CheckOutlined />}
                      loading={confirm.isPending}
                      data-testid="import-confirm"
                    >
                      {t('imports.confirm')}
                    </Button>
                  </Popconfirm>
                )}
                {j.status === 'previewed' && j.can.cancel && (
                  <Popconfirm
                    title={t('imports.cancelTitle')}
                    okText={t('imports.cancel')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => cancel.mutate(j.id)}
                  >
                    <Button loading={cancel.isPending} data-testid="import-cancel">
                      {t('imports.cancel')}
                    </Button>
                  </Popconfirm>
                )}
                {j.status === 'failed' && j.errorCount > 0 && j.errorWorkbookUrl && (
                  <Button
                    type="primary"
                    danger
                    icon={<DownloadOutlined />}
                    loading={errors.isPending}
                    onClick={() => errors.mutate(j)}
                    data-testid="import-errors"
                  >
                    {t('imports.errors')}
                  </Button>
                )}
                {j.status === 'done' && (
                  <Link to={params.get('orgId') ? `/members?orgId=${params.get('orgId')}` : '/members'}>
                    <Button type="primary">{t('imports.viewList')}</Button>
                  </Link>
                )}
                {!running && j.status !== 'previewed' && (
                  <Button onClick={again} data-testid="import-again">
                    {t('imports.again')}
                  </Button>
                )}
              </Flex>
            </Flex>
          )}
        </Card>
      )}

      <PastImports current={jobId} onOpen={(imp) => open(imp.id, imp.orgId)} />
    </Space>
  );
}

function ModeHint({
  form,
}: {
  form: ReturnType<typeof Form.useForm<{ orgId: string; mode: ImportMode }>>[0];
}) {
  const { t } = useTranslation();
  const mode = Form.useWatch('mode', form) ?? 'create';
  return <span data-testid="import-mode-hint">{t(`imports.modeHints.${mode}`)}</span>;
}

/** What the import changed on the way in (a 15-digit ID upgraded, "回" read as 回族), by row. */
function Notes({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="import-notes"
      title={t('imports.notesTitle', { count: job.noteCount })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 200, overflowY: 'auto' }}>
          {job.notes.map((n) => (
            <li key={`${n.row}-${n.field}-${n.text}`}>
              {t('imports.noteRow', { row: n.row })} {n.field}：{n.text}
            </li>
          ))}
          {job.noteCount > job.notes.length && (
            <li>{t('imports.moreNotes', { count: job.noteCount - job.notes.length })}</li>
          )}
        </ul>
      }
    />
  );
}

/** Every record an update import would change: each field as it is → as it would become. */
function Preview({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const words = useChangeWords();
  const [page, setPage] = useState(1);
  const preview = useImportPreview(job.id, page, true);
  return (
    <Flex vertical gap={8} data-testid="import-preview">
      <Alert
        type="warning"
        showIcon
        title={t('imports.previewTitle', { created: job.createdCount, updated: job.updatedCount })}
        description={job.message ?? undefined}
      />
      {preview.error && <Alert type="error" showIcon title={errorMessage(preview.error)} />}
      <Table<ImportPreviewRow>
        rowKey="memberId"
        size="small"
        loading={preview.isFetching}
        dataSource={preview.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('imports.previewEmpty') }}
        pagination={{
          current: page,
          pageSize: 10,
          total: preview.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: setPage,
          showTotal: (total) => t('imports.previewTotal', { total }),
        }}
        columns={[
          { key: 'row', title: t('imports.row'), dataIndex: 'row', width: 64 },
          {
            key: 'name',
            title: t('members.field.name'),
            render: (_, r) => (
              <Flex vertical>
                <Link to={`/members/${r.memberId}`}>{r.name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.orgName}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'changes',
            title: t('imports.changes'),
            render: (_, r) => (
              <Flex vertical gap={2} data-testid="import-preview-changes">
                {r.changes.map((c) => (
                  <span key={c.field}>
                    <Typography.Text strong>{words.label(c.field)}</Typography.Text>：
                    <Typography.Text delete type="secondary">
                      {words.value(c.field, c.before)}
                    </Typography.Text>
                    {' → '}
                    {words.value(c.field, c.after)}
                  </span>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/** Past imports: who, when, what came of it; one click opens it above. */
function PastImports({ current, onOpen }: { current?: string; onOpen: (j: ImportJob) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useImports(page);
  return (
    <Card size="small" title={t('imports.history')} data-testid="import-history">
      {list.error ? (
        <Alert type="error" showIcon title={errorMessage(list.error)} />
      ) : (
        <Table<ImportJob>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('imports.historyEmpty') }}
          rowClassName={(r) => (r.id === current ? 'ant-table-row-selected' : '')}
          pagination={{
            current: page,
            pageSize: 10,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            {
              key: 'at',
              title: t('imports.at'),
              dataIndex: 'createdAt',
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
            {
              key: 'file',
              title: t('imports.fileName'),
              render: (_, r) => (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r)}>
                  {r.fileName}
                </Button>
              ),
            },
            { key: 'org', title: t('imports.org'), dataIndex: 'orgName' },
            {
              key: 'mode',
              title: t('imports.mode'),
              dataIndex: 'mode',
              render: (m: ImportMode) => t(`imports.modes.${m}`),
            },
            {
              key: 'by',
              title: t('imports.by'),
              dataIndex: 'createdByName',
              render: (v: string | null) => v ?? t('common.none'),
            },
            { key: 'created', title: t('imports.created'), dataIndex: 'createdCount', align: 'right' },
            { key: 'updated', title: t('imports.updated'), dataIndex: 'updatedCount', align: 'right' },
            { key: 'failed', title: t('imports.failedRows'), dataIndex: 'errorCount', align: 'right' },
            {
              key: 'status',
              title: t('imports.outcome'),
              dataIndex: 'status',
              render: (s: ImportJob['status']) => (
                <Tag color={STATUS_COLOR[s]}>{t(`imports.status.${s}`)}</Tag>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
