import { ArrowLeftOutlined, DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Progress, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ImportJob } from '../../../../../contracts/members/excel.ts';
import { errorMessage } from '../../../app/api.ts';
import { applyServerErrors } from '../../../app/forms.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { memberKeys } from '../keys.ts';
import { excelApi, useImportJob } from './api.ts';
import './i18n.ts';
import '../members.css';

const XLSX = '.xlsx';
const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Excel import in three steps: the template, the file, and the progress of the job that checks and
 * writes it (polled every second). A workbook with any bad row writes nothing; the error report is
 * the same workbook with an error column, to fix and import again.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? undefined;
  const job = useImportJob(jobId);
  const [form] = Form.useForm<{ orgId: string; file: File | null }>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const orgId = Form.useWatch('orgId', form);

  useEffect(() => {
    document.title = `${t('imports.title')} · ${t('app.title')}`;
  }, [t]);

  // A finished import changes the lists: have them fetched again when next shown.
  const finished = job.data?.status === 'done';
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: memberKeys.all });
  }, [finished, queryClient]);

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
  const start = useMutation({
    mutationFn: ({ org, f }: { org: string; f: File }) => excelApi.startImport(org, f),
    onSuccess: (j) => {
      queryClient.setQueryData(memberKeys.importJob(j.id), j);
      const p = new URLSearchParams(params);
      p.set('job', j.id);
      p.set('orgId', orgId ?? '');
      setParams(p);
    },
    onError: (e) => {
      const rest = applyServerErrors(form, e, ['orgId', 'file']);
      setGeneral(rest);
    },
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
    start.mutate({ org: values.orgId, f: file });
  };

  const again = () => {
    setFile(null);
    setFileError(null);
    const p = new URLSearchParams(params);
    p.delete('job');
    setParams(p);
  };

  const j = job.data;
  const running = !!j && j.status !== 'done' && j.status !== 'failed';

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
            style={{ maxWidth: 560 }}
            initialValues={{ orgId: params.get('orgId') ?? undefined }}
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
                {t('imports.fileName')}：{j.fileName}
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
                  j.status === 'done' ? 100 : j.total > 0 ? Math.floor((j.processed / j.total) * 100) : 0
                }
                status={j.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
                aria-label={t(`imports.status.${j.status}`)}
              />
              {j.status === 'done' && (
                <Alert
                  type="success"
                  showIcon
                  title={t('imports.doneText', { total: j.total })}
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
              <Flex gap={8} wrap>
                {j.status === 'failed' && j.errorCount > 0 && (
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
                {!running && (
                  <Button onClick={again} data-testid="import-again">
                    {t('imports.again')}
                  </Button>
                )}
              </Flex>
            </Flex>
          )}
        </Card>
      )}
    </Space>
  );
}
