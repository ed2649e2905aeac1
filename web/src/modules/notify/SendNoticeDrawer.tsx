import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_AUDIENCE_LABELS } from '../../../../contracts/labels.ts';
import { type NoticeAudience, SendDirectNotice, type SentNotice } from '../../../../contracts/notify.ts';
import { FormDrawer } from '../../app/FormDrawer.tsx';
import { applyServerErrors, zodRule } from '../../app/forms.ts';
import { currentLang } from '../../app/i18n.ts';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { useSendNotice } from './api.ts';
import './i18n.ts';

type Values = { title: string; body?: string; orgIds: (string | undefined)[]; audience: NoticeAudience };
const FIELDS = ['title', 'body', 'orgIds', 'audience'] as const;
const shape = SendDirectNotice.shape;

/** 发通知: a notice of the admin's own, to the members or the secretaries of chosen orgs in scope. */
export function SendNoticeDrawer({
  onClose,
  onSent,
}: {
  onClose: () => void;
  onSent: (n: SentNotice) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [general, setGeneral] = useState<string | null>(null);
  const send = useSendNotice();
  const lang = currentLang() === 'en' ? 'en' : 'zh';

  const submit = (v: Values) => {
    setGeneral(null);
    const orgIds = [...new Set(v.orgIds.filter((x): x is string => !!x))];
    send.mutate(
      { title: v.title.trim(), body: v.body?.trim() || undefined, orgIds, audience: v.audience },
      {
        onSuccess: (n) => {
          message.success(t('notices.form.sentOk', { count: n.recipients }));
          onSent(n);
        },
        onError: (e) => setGeneral(applyServerErrors(form, e, FIELDS)),
      },
    );
  };

  return (
    <FormDrawer
      title={t('notices.send')}
      size={560}
      saving={send.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="send-notice-drawer"
      saveTestId="send-notice-submit"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ orgIds: [undefined], audience: 'members' }}
        onFinish={submit}
        scrollToFirstError
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <Form.Item
          name="title"
          label={t('notices.form.title')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('notices.form.required', { field: t('notices.form.title') }),
            },
            zodRule(shape.title),
          ]}
        >
          <Input
            placeholder={t('notices.form.titlePlaceholder')}
            maxLength={200}
            data-testid="send-notice-title"
          />
        </Form.Item>
        <Form.Item name="body" label={t('notices.form.body')} rules={[zodRule(shape.body)]}>
          <Input.TextArea rows={5} maxLength={2000} showCount data-testid="send-notice-body" />
        </Form.Item>
        <Form.Item label={t('notices.form.orgs')} extra={t('notices.form.orgsHint')} required>
          <Form.List
            name="orgIds"
            rules={[
              {
                validator: async (_r, v: (string | undefined)[] | undefined) => {
                  if (!v?.some(Boolean)) throw new Error(t('notices.form.pickOrg'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="center" style={{ marginBottom: 8 }}>
                    <Form.Item name={f.name} noStyle>
                      <OrgSelect style={{ flex: 1 }} data-testid={`send-notice-org-${i}`} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('notices.form.removeOrg')}
                        onClick={() => remove(f.name)}
                      />
                    )}
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add()}
                  disabled={fields.length >= 50}
                >
                  {t('notices.form.orgs')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="audience" label={t('notices.form.audience')}>
          <Radio.Group
            options={(Object.keys(NOTICE_AUDIENCE_LABELS) as NoticeAudience[]).map((a) => ({
              value: a,
              label: NOTICE_AUDIENCE_LABELS[a][lang],
            }))}
            data-testid="send-notice-audience"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
