import { AutoComplete, Form, Input, Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateSanction, type SanctionKind } from '../../../../../contracts/members/record.ts';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { FormModal } from '../../../app/FormModal.tsx';
import { blankToNull, dateProps, zodRule } from '../../../app/forms.ts';
import { memberItemApi, type SanctionT, useSanctions } from './api.ts';
import { type ItemDialogProps, MemberItemsPanel } from './MemberItemsPanel.tsx';
import './i18n.ts';

/** 党章第四十一条: the five disciplinary sanctions, offered when a discipline is recorded. */
const DISCIPLINE_TITLES = ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'];
/** Commendations a branch usually records; anything else may be typed. */
const REWARD_TITLES = ['优秀共产党员', '优秀党务工作者', '嘉奖', '记功', '记大功'];

type Values = { kind: SanctionKind; title: string; on: string; issuedBy: string; note?: string };
const shape = CreateSanction.shape;

/** 奖惩: a member's commendations and discipline, with date and issuing body; add and remove (audited). */
export function SanctionsPanel({ memberId, canManage }: { memberId: string; canManage: boolean }) {
  const { t } = useTranslation();
  return (
    <MemberItemsPanel<SanctionT>
      memberId={memberId}
      canManage={canManage}
      items="sanctions"
      useItems={useSanctions}
      prefix="sanction"
      testId="member-sanctions"
      addLabel={t('members.sanctions.add')}
      emptyText={t('members.sanctions.empty')}
      remove={(id) => memberItemApi.removeSanction(memberId, id)}
      addDialog={(props) => <SanctionModal memberId={memberId} {...props} />}
      columns={[
        {
          key: 'kind',
          title: t('members.sanctions.kind'),
          dataIndex: 'kind',
          render: (k: SanctionKind) => (
            <Tag color={k === 'reward' ? 'success' : 'error'}>{t(`members.sanctions.kinds.${k}`)}</Tag>
          ),
        },
        { key: 'title', title: t('members.sanctions.title'), dataIndex: 'title' },
        { key: 'on', title: t('members.sanctions.on'), dataIndex: 'on' },
        { key: 'issuedBy', title: t('members.sanctions.issuedBy'), dataIndex: 'issuedBy' },
        {
          key: 'note',
          title: t('members.sanctions.note'),
          dataIndex: 'note',
          render: (v: string | null) => v ?? t('common.none'),
        },
      ]}
    />
  );
}

function SanctionModal({ memberId, ...props }: { memberId: string } & ItemDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const required = { required: true, whitespace: true, message: t('common.required') };
  const titles = kind === 'discipline' ? DISCIPLINE_TITLES : REWARD_TITLES;
  return (
    <FormModal<Values>
      {...props}
      title={t('members.sanctions.add')}
      okText={t('common.save')}
      okTestId="sanction-save"
      form={form}
      fields={['kind', 'title', 'on', 'issuedBy', 'note']}
      initialValues={{ kind: 'reward' }}
      submit={(v) =>
        memberItemApi.addSanction(memberId, {
          kind: v.kind,
          title: v.title.trim(),
          on: v.on,
          issuedBy: v.issuedBy.trim(),
          note: blankToNull(v.note),
        })
      }
    >
      <Form.Item name="kind" label={t('members.sanctions.kind')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(['reward', 'discipline'] as const).map((k) => ({
            value: k,
            label: t(`members.sanctions.kinds.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('members.sanctions.title')}
        extra={kind === 'discipline' ? t('members.sanctions.disciplineHint') : undefined}
        rules={[required, zodRule(shape.title)]}
      >
        <AutoComplete
          options={titles.map((v) => ({ value: v }))}
          placeholder={t('members.sanctions.titlePlaceholder')}
          data-testid="sanction-title"
        />
      </Form.Item>
      <Form.Item
        name="on"
        label={t('members.sanctions.on')}
        rules={[{ required: true, message: t('common.requiredSelect') }]}
        {...dateProps}
      >
        <DatePicker style={{ width: '100%' }} data-testid="sanction-on" />
      </Form.Item>
      <Form.Item
        name="issuedBy"
        label={t('members.sanctions.issuedBy')}
        rules={[required, zodRule(shape.issuedBy)]}
      >
        <Input
          maxLength={100}
          placeholder={t('members.sanctions.issuedByPlaceholder')}
          data-testid="sanction-issuedBy"
        />
      </Form.Item>
      <Form.Item name="note" label={t('members.sanctions.note')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}
