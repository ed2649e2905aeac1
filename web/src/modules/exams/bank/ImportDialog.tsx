import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Flex,
  Modal,
  Progress,
  Radio,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult, QuestionCategory } from '../../../../../contracts/exams/bank.ts';
import { errorMessage } from '../../../app/api.ts';
import { bankApi } from './api.ts';

type Good = ImportResult['good'][number];
type Bad = ImportResult['bad'][number];

/**
 * 导入题目: choose a file, see the preview (every question that parsed, every one that failed with
 * its line and why), then import — with failures only when told to skip them. The file is sent
 * again to import: the server keeps nothing between the two.
 */
export function ImportDialog({
  category,
  onClose,
  onDone,
}: {
  category: QuestionCategory;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [txtFormat, setTxtFormat] = useState<'gift' | 'aiken'>('gift');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [skipBad, setSkipBad] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isTxt = !!file && /\.txt$/i.test(file.name);

  const send = async (confirm: boolean) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const r = await bankApi.importFile(
        category.id,
        file,
        { confirm, skipBad, format: isTxt ? txtFormat : undefined },
        (p) => setProgress(Math.round(p * 90)),
      );
      setProgress(100);
      if (confirm) {
        message.success(t('bank.imported', { count: r.written ?? 0, categories: r.categoriesCreated }));
        onDone();
      } else setPreview(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };

  const bad = preview?.bad.length ?? 0;
  const good = preview?.good.length ?? 0;
  return (
    <Modal
      open
      width={900}
      title={t('bank.importTitle', { name: category.name })}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      data-testid="import-dialog"
      footer={
        <Flex justify="space-between" align="center">
          <span>
            {preview && bad > 0 && (
              <Checkbox
                checked={skipBad}
                onChange={(e) => setSkipBad(e.target.checked)}
                data-testid="import-skip-bad"
              >
                {t('bank.skipBad', { count: bad })}
              </Checkbox>
            )}
          </span>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              onClick={() => send(false)}
              disabled={!file || progress != null}
              data-testid="import-preview"
            >
              {t('bank.preview')}
            </Button>
            <Button
              type="primary"
              onClick={() => send(true)}
              disabled={!preview || good === 0 || (bad > 0 && !skipBad) || progress != null}
              data-testid="import-confirm"
            >
              {t('bank.confirm', { count: good })}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('bank.importHint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".txt,.gift,.xlsx"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          setPreview(null);
          setSkipBad(false);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          setPreview(null);
        }}
        fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('bank.chooseFile')}（.txt / .gift / .xlsx）</p>
      </Upload.Dragger>
      {isTxt && (
        <Flex gap={8} align="center" style={{ marginTop: 12 }}>
          <span>{t('bank.txtFormat')}</span>
          <Radio.Group
            value={txtFormat}
            onChange={(e) => {
              setTxtFormat(e.target.value);
              setPreview(null);
            }}
            options={[
              { value: 'gift', label: 'GIFT' },
              { value: 'aiken', label: 'Aiken' },
            ]}
          />
        </Flex>
      )}
      {progress != null && (
        <Progress
          percent={progress}
          status="active"
          style={{ marginTop: 12 }}
          data-testid="import-progress"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" />}
      {preview && (
        <Tabs
          style={{ marginTop: 12 }}
          defaultActiveKey={bad ? 'bad' : 'good'}
          data-testid="import-preview-tabs"
          items={[
            {
              key: 'good',
              label: t('bank.good', { count: good }),
              children: (
                <Table<Good>
                  rowKey="index"
                  size="small"
                  dataSource={preview.good}
                  pagination={{ pageSize: 8, hideOnSinglePage: true }}
                  data-testid="import-good"
                  columns={[
                    { key: 'i', title: t('bank.index'), width: 60, dataIndex: 'index' },
                    { key: 'l', title: t('bank.line'), width: 60, dataIndex: 'line' },
                    {
                      key: 'type',
                      title: t('bank.field.type'),
                      width: 90,
                      render: (_, r) => <Tag>{t(`bank.type.${r.question.type}`)}</Tag>,
                    },
                    {
                      key: 'stem',
                      title: t('bank.field.stem'),
                      render: (_, r) => r.question.name || r.question.stem.slice(0, 60),
                    },
                    {
                      key: 'cat',
                      title: t('bank.field.category'),
                      width: 140,
                      render: (_, r) => r.category ?? '—',
                    },
                  ]}
                />
              ),
            },
            {
              key: 'bad',
              label: (
                <span style={bad ? { color: '#c8161d' } : undefined}>{t('bank.bad', { count: bad })}</span>
              ),
              children: (
                <Table<Bad>
                  rowKey="index"
                  size="small"
                  dataSource={preview.bad}
                  pagination={{ pageSize: 8, hideOnSinglePage: true }}
                  data-testid="import-bad"
                  columns={[
                    { key: 'i', title: t('bank.index'), width: 60, dataIndex: 'index' },
                    { key: 'l', title: t('bank.line'), width: 60, dataIndex: 'line' },
                    { key: 'name', title: t('bank.field.name'), width: 160, render: (_, r) => r.name ?? '—' },
                    {
                      key: 'why',
                      title: t('bank.reason'),
                      render: (_, r) => (i18n.language === 'en' ? r.error.en : r.error.zh),
                    },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
