import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { EthnicityName } from '../../../../../contracts/members/codes.ts';
import type { Member, PostCode } from '../../../../../contracts/members/record.ts';
import { FormDrawer } from '../../../app/FormDrawer.tsx';
import { applyServerErrors, blankToNull } from '../../../app/forms.ts';
import { toFen } from '../../../app/format.ts';
import { memberApi } from './api.ts';
import { initialValuesOf, MEMBER_FIELDS, MemberFields, type MemberFormValues } from './MemberFields.tsx';
import './i18n.ts';

/** The contract's body from the form: blanks to null, income to fen, hidden fields to null. */
export function bodyOf(v: MemberFormValues) {
  const admitted = v.status === 'probationary' || v.status === 'full';
  const needsIncome = v.duesCategory === 'salaried' || v.duesCategory === 'retired';
  return {
    name: v.name.trim(),
    gender: v.gender,
    // one of the 56 (the picker); a value saved before the list stays as it is unless changed
    ethnicity: v.ethnicity.trim() as EthnicityName,
    idNumber: v.idNumber.trim().toUpperCase(),
    birthDate: v.birthDate,
    education: v.education,
    degree: v.degree ?? null,
    status: v.status,
    joinedOn: admitted ? (v.joinedOn ?? null) : null,
    fullOn: v.status === 'full' ? (v.fullOn ?? null) : null,
    positions: v.positions ?? [],
    phone: blankToNull(v.phone),
    workUnit: blankToNull(v.workUnit),
    duesCategory: v.duesCategory ?? null,
    monthlyIncomeFen:
      needsIncome && typeof v.monthlyIncomeFen === 'number' ? toFen(v.monthlyIncomeFen) : null,
    postCode: (v.postCode ?? null) as z.infer<typeof PostCode> | null,
    homeAddress: blankToNull(v.homeAddress),
    workStartedOn: v.workStartedOn ?? null,
    hardshipKind: v.hardshipKind ?? null,
  };
}

/** Only what changed, so an edit never sends back the masked numbers it was shown. */
export function changesOf(member: Member, v: MemberFormValues) {
  const next = bodyOf(v);
  const before = bodyOf(initialValuesOf(member));
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(next) as [keyof typeof next, unknown][]) {
    if (JSON.stringify(value) !== JSON.stringify(before[k])) out[k] = value;
  }
  return out;
}

/** New member record, or an edit of one (org changes only by transfer). */
export function MemberDrawer({
  member,
  defaultOrgId,
  onClose,
  onSaved,
}: {
  member?: Member;
  defaultOrgId?: string;
  onClose: () => void;
  onSaved: (m: Member) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();
  const [general, setGeneral] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: async (v: MemberFormValues): Promise<Member | null> => {
      if (!member)
        return memberApi.create({ ...bodyOf(v), orgId: v.orgId, duesPaidUntil: v.duesPaidUntil ?? null });
      const patch = changesOf(member, v);
      if (Object.keys(patch).length === 0) return null;
      // the version the form was filled from: an edit made meanwhile by someone else is refused (409)
      return memberApi.update(member.id, { ...patch, version: member.version });
    },
    onSuccess: (m) => {
      if (!m) {
        message.info(t('members.noChange'));
        onClose();
        return;
      }
      message.success(t(member ? 'members.saved' : 'members.created'));
      onSaved(m);
    },
    onError: (e) => setGeneral(applyServerErrors(form, e, MEMBER_FIELDS)),
  });

  return (
    <FormDrawer
      title={member ? t('members.editTitle', { name: member.name }) : t('members.createTitle')}
      size={720}
      saving={save.isPending}
      onSave={() => form.submit()}
      onClose={onClose}
      testId="member-drawer"
      saveTestId="member-save"
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          member
            ? initialValuesOf(member)
            : { ethnicity: '汉族', status: 'full', positions: [], orgId: defaultOrgId }
        }
        onFinish={(v) => {
          setGeneral(null);
          save.mutate(v);
        }}
        scrollToFirstError
      >
        {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} role="alert" />}
        <MemberFields form={form} editing={member} withDuesPaidUntil={!member} />
      </Form>
    </FormDrawer>
  );
}
