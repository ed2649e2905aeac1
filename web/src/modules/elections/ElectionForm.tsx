import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Election, SaveElection } from '../../../../contracts/elections/elections.ts';
import { FormModal } from '../../app/FormModal.tsx';
import { OrgSelect } from '../orgs/OrgSelect.tsx';
import { electionApi } from './api.ts';

type Values = {
  orgId: string;
  kind: SaveElection['kind'];
  title: string;
  post?: string;
  seats: number;
  candidates?: string;
};

const OFFICE_SUFFIX = { '（书记）': 'secretary', '（副书记）': 'deputy' } as const;

/** One name a line; "（书记）" / "（副书记）" after a name marks a secretary or deputy elected directly. */
export function parseCandidates(text: string | undefined): SaveElection['candidates'] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      for (const [suffix, office] of Object.entries(OFFICE_SUFFIX))
        if (line.endsWith(suffix))
          return { name: line.slice(0, -suffix.length).trim(), memberId: null, office };
      return { name: line, memberId: null, office: 'member' as const };
    });
}

const asText = (e: Election) =>
  e.candidates
    .map((c) =>
      c.office === 'secretary' ? `${c.name}（书记）` : c.office === 'deputy' ? `${c.name}（副书记）` : c.name,
    )
    .join('\n');

/** 新建 / 修改候选人: the org, kind, title, seats and the candidate list (a draft's only). */
export function ElectionForm({
  editing,
  onClose,
  onDone,
}: {
  editing?: Election;
  onClose: () => void;
  onDone: (e: Election) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  return (
    <FormModal<Values, Election>
      title={editing ? t('elections.act.edit') : t('elections.createTitle')}
      okTestId="election-save"
      testId="election-form"
      form={form}
      fields={['orgId', 'kind', 'title', 'post', 'seats', 'candidates']}
      initialValues={
        editing
          ? {
              orgId: editing.orgId,
              kind: editing.kind,
              title: editing.title,
              post: editing.post ?? undefined,
              seats: editing.seats,
              candidates: asText(editing),
            }
          : { kind: 'election', seats: 3 }
      }
      saved={t('elections.saved')}
      submit={(v) => {
        const body: SaveElection = {
          orgId: v.orgId,
          kind: v.kind,
          title: v.title,
          post: v.kind === 'cadre_recommendation' ? (v.post ?? null) : null,
          seats: v.seats,
          candidates: v.kind === 'appraisal' ? [] : parseCandidates(v.candidates),
        };
        return editing ? electionApi.update(editing.id, body) : electionApi.create(body);
      }}
      onClose={onClose}
      onDone={onDone}
    >
      <Form.Item name="orgId" label={t('elections.field.org')} rules={[{ required: true }]}>
        <OrgSelect disabled={!!editing} data-testid="election-org" />
      </Form.Item>
      <Form.Item name="kind" label={t('elections.field.kind')} rules={[{ required: true }]}>
        <Select
          disabled={!!editing}
          data-testid="election-kind"
          options={(['election', 'appraisal', 'cadre_recommendation'] as const).map((k) => ({
            value: k,
            label: t(`elections.kind.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t('elections.field.title')} rules={[{ required: true, max: 100 }]}>
        <Input data-testid="election-title" />
      </Form.Item>
      {kind === 'cadre_recommendation' && (
        <Form.Item name="post" label={t('elections.field.post')} rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
      )}
      <Form.Item name="seats" label={t('elections.field.seats')} rules={[{ required: true }]}>
        <InputNumber min={1} max={50} data-testid="election-seats" />
      </Form.Item>
      {kind !== 'appraisal' && (
        <Form.Item
          name="candidates"
          label={t('elections.field.candidates')}
          extra={t('elections.field.candidatesHint')}
        >
          <Input.TextArea rows={6} data-testid="election-candidates" />
        </Form.Item>
      )}
    </FormModal>
  );
}
