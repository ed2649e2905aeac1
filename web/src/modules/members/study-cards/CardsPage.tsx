import { IdcardOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors, testIdProps } from '../../../app/forms.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { cardApi, type IssuedCardT } from './api.ts';
import { CardSheet } from './CardSheet.tsx';
import './i18n.ts';

/**
 * 学习卡: issue cards for the members of an org and print them with their initial passwords, which
 * the server hands out this once and keeps only as hashes.
 */
export default function CardsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ orgId: string; onlyWithout: boolean }>();
  const [cards, setCards] = useState<IssuedCardT[] | null>(null);
  const [general, setGeneral] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('cards.title')} · ${t('app.title')}`;
  }, [t]);

  const issue = useMutation({
    mutationFn: (v: { orgId: string; onlyWithout: boolean }) => cardApi.issue(v.orgId, v.onlyWithout),
    onSuccess: (r) => {
      if (r.items.length === 0) message.info(t('cards.noneIssued'));
      else {
        message.success(t('cards.issued', { count: r.items.length }));
        setCards(r.items);
      }
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, ['orgId', 'onlyWithout'])),
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} className="hy-page-title hy-no-print" style={{ marginBottom: 4 }}>
          {t('cards.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('cards.hint')}</Typography.Text>
      </div>
      {cards ? (
        <CardSheet cards={cards} onClose={() => setCards(null)} />
      ) : (
        <Card size="small">
          <Form
            form={form}
            layout="vertical"
            style={{ maxWidth: 560 }}
            initialValues={{ onlyWithout: true }}
            onFinish={(v) => {
              setGeneral(null);
              issue.mutate(v);
            }}
          >
            {general && (
              <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />
            )}
            <Form.Item
              name="orgId"
              label={t('cards.org')}
              rules={[{ required: true, message: t('common.requiredSelect') }]}
            >
              <OrgSelect data-testid="cards-org" />
            </Form.Item>
            <Form.Item name="onlyWithout" valuePropName="checked">
              <Checkbox>{t('cards.onlyWithout')}</Checkbox>
            </Form.Item>
            <Alert type="warning" showIcon title={t('cards.once')} style={{ marginBottom: 16 }} />
            <Flex>
              <Popconfirm
                title={t('cards.issue')}
                description={<div style={{ maxWidth: 340 }}>{t('cards.issueConfirm')}</div>}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                okButtonProps={testIdProps('cards-issue-confirm')}
                onConfirm={() => form.submit()}
              >
                <Button
                  type="primary"
                  icon={<IdcardOutlined />}
                  loading={issue.isPending}
                  data-testid="cards-issue"
                >
                  {t('cards.issue')}
                </Button>
              </Popconfirm>
            </Flex>
          </Form>
        </Card>
      )}
    </Space>
  );
}
