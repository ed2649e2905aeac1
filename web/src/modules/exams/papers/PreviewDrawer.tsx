import { Alert, Button, Card, Drawer, Flex, List, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paper } from '../../../../../contracts/exams/sittings.ts';
import { errorMessage } from '../../../app/api.ts';
import { newSeed, usePaperPreview } from './api.ts';
import './i18n.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * 预览: one sample of the paper as an examinee would get it (no key). The seed is shown, so the
 * same sample can be asked for again; 换一份 draws another.
 */
export function PreviewDrawer({
  paper,
  onClose,
}: {
  paper: Pick<Paper, 'id' | 'title'>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [seed, setSeed] = useState(newSeed);
  const preview = usePaperPreview(paper.id, seed);
  const slots = preview.data?.slots ?? [];
  return (
    <Drawer
      open
      size={720}
      title={`${t('papers.preview.title')} · ${paper.title}`}
      onClose={onClose}
      data-testid="paper-preview"
      extra={
        <Button
          onClick={() => setSeed(newSeed())}
          loading={preview.isFetching}
          data-testid="paper-preview-again"
        >
          {t('papers.preview.again')}
        </Button>
      }
    >
      {preview.error ? (
        <Alert type="error" showIcon title={errorMessage(preview.error)} />
      ) : !preview.data ? (
        <Spin />
      ) : (
        <Flex vertical gap={12}>
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Text strong data-testid="paper-preview-total">
              {t('papers.preview.total', { count: slots.length, points: preview.data.totalPoints })}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="paper-preview-seed">
              {t('papers.preview.seed', { seed: preview.data.seed })}
            </Typography.Text>
          </Flex>
          {slots.map((s) => (
            <Card key={s.slot} size="small" data-testid="paper-preview-slot">
              <Flex gap={8} align="baseline">
                <Typography.Text strong>{s.slot + 1}.</Typography.Text>
                <Tag>{t(`bank.type.${s.type}`)}</Tag>
                <Typography.Text type="secondary">
                  {t('papers.preview.points', { points: s.points })}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0' }}>
                {s.stem}
              </Typography.Paragraph>
              {s.choices ? (
                <List
                  size="small"
                  dataSource={s.choices}
                  renderItem={(c, i) => (
                    <List.Item>
                      {LETTERS[i]}. {c.text}
                    </List.Item>
                  )}
                />
              ) : (
                <Typography.Text type="secondary">
                  {s.type === 'truefalse' ? t('papers.preview.truth') : t('papers.preview.blank')}
                </Typography.Text>
              )}
            </Card>
          ))}
        </Flex>
      )}
    </Drawer>
  );
}
