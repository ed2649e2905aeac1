import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateOrg, type Org, type OrgKind, type UpdateOrg } from '../../../../contracts/index.ts';
import { applyServerErrors, blankToNull, zodRule, testIdProps } from '../../app/forms.ts';
import { orgApi } from './api.ts';
import { CHILD_KINDS, ORG_KINDS } from './kinds.ts';
import { useGuardedClose } from '../../app/discard.ts';

type Values = {
  name: string;
  shortName?: string;
  code: string;
  kind: OrgKind;
  place?: string;
  sector: 'public' | 'non_public';
};
const FIELDS = ['name', 'shortName', 'code', 'kind', 'place', 'sector'] as const;
const shape = CreateOrg.shape;

/** Create a subordinate org (mode 'create', under `parent`) or edit one (mode 'edit'). */
export function OrgFormModal({
  mode,
  org,
  onClose,
  onSaved,
}: {
  mode: 'create' | 'edit';
  /** The parent when creating, the org itself when editing. */
  org: Org;
  onClose: () => void;
  onSaved: (saved: Org) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const close = useGuardedClose(form, onClose);
  const [general, setGeneral] = useState<string | null>(null);

  const kinds = mode === 'create' ? CHILD_KINDS[org.kind] : ORG_KINDS;
  const initial: Values =
    mode === 'create'
      ? { name: '', code: '', kind: kinds.includes('branch') ? 'branch' : kinds[0], sector: org.sector }
      : {
          name: org.name,
          shortName: org.shortName ?? undefined,
          code: org.code,
          kind: org.kind,
          place: org.place ?? undefined,
          sector: org.sector,
        };
  if (mode === 'create' && org.place) initial.place = org.place;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name.trim(),
        shortName: blankToNull(v.shortName),
        code: v.code.trim(),
        kind: v.kind,
        place: blankToNull(v.place),
        sector: v.sector,
      };
      if (mode === 'create') return orgApi.create({ parentId: org.id, ...body });
      // Send only what changed, so the audit log reads as the edit that was made.
      const changed = Object.fromEntries(
        FIELDS.filter((k) => body[k] !== org[k]).map((k) => [k, body[k]]),
      ) as UpdateOrg;
      if (Object.keys(changed).length === 0) return Promise.resolve(org);
      return orgApi.update(org.id, changed);
    },
    onSuccess: (saved) => {
      message.success(t(mode === 'create' ? 'orgs.created' : 'orgs.updated'));
      onSaved(saved);
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, FIELDS)),
  });

  return (
    <Modal
      open
      title={mode === 'create' ? t('orgs.createTitle', { parent: org.name }) : t('orgs.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={testIdProps('org-form-submit')}
      mask={{ closable: false }}
      data-testid="org-form"
    >
      {kinds.length === 0 ? (
        <Alert type="warning" showIcon title={t('orgs.noChildKinds')} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={(v) => {
            setGeneral(null);
            save.mutate(v);
          }}
          requiredMark
          scrollToFirstError
        >
          {general && (
            <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />
          )}
          <Form.Item
            name="name"
            label={t('orgs.field.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(shape.name)]}
          >
            <Input placeholder={t('orgs.placeholder.name')} maxLength={100} data-testid="org-form-name" />
          </Form.Item>
          <Form.Item name="shortName" label={t('orgs.field.shortName')} rules={[zodRule(shape.shortName)]}>
            <Input
              placeholder={t('orgs.placeholder.shortName')}
              maxLength={40}
              data-testid="org-form-shortName"
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('orgs.field.code')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }, zodRule(shape.code)]}
          >
            <Input placeholder={t('orgs.placeholder.code')} maxLength={40} data-testid="org-form-code" />
          </Form.Item>
          <Form.Item name="kind" label={t('orgs.field.kind')} rules={[{ required: true }]}>
            <Select
              options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              data-testid="org-form-kind"
            />
          </Form.Item>
          <Form.Item name="place" label={t('orgs.field.place')} rules={[zodRule(shape.place)]}>
            <Input placeholder={t('orgs.placeholder.place')} maxLength={100} data-testid="org-form-place" />
          </Form.Item>
          <Form.Item name="sector" label={t('orgs.field.sector')}>
            <Radio.Group
              options={[
                { value: 'public', label: t('sector.public') },
                { value: 'non_public', label: t('sector.non_public') },
              ]}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
