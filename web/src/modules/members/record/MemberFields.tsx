import { Col, Divider, Form, type FormInstance, Input, InputNumber, Row, Select } from 'antd';
import { DatePicker } from '../../../app/DatePicker.tsx';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DuesCategory } from '../../../../../contracts/members/dues.ts';
import {
  DEGREES,
  EDUCATIONS,
  GENDERS,
  MEMBER_STATUSES,
  POSITIONS,
} from '../../../../../contracts/members/enums.ts';
import {
  ETHNIC_GROUPS,
  HARDSHIP_KINDS,
  isEthnicity,
  POST_GROUPS,
  POSTS,
} from '../../../../../contracts/members/codes.ts';
import {
  CreateMember,
  type HardshipKind,
  type Member,
  type MemberStatus,
} from '../../../../../contracts/members/record.ts';
import { dateProps, monthProps, zodCheck, zodRule } from '../../../app/forms.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { idCardInfo, upgradeIdCard15 } from './idCard.ts';
import '../dues/i18n.ts';
import './i18n.ts';

/** What the form holds: the contract's fields, dates as 'YYYY-MM-DD', income in yuan. */
export type MemberFormValues = {
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  idNumber: string;
  birthDate: string;
  education: (typeof EDUCATIONS)[number];
  degree?: (typeof DEGREES)[number] | null;
  status: MemberStatus;
  joinedOn?: string | null;
  fullOn?: string | null;
  orgId: string;
  positions?: (typeof POSITIONS)[number][];
  phone?: string;
  workUnit?: string;
  duesCategory?: DuesCategory | null;
  /** Yuan in the form (named as the contract's field so server errors land under it). */
  monthlyIncomeFen?: number | null;
  postCode?: string | null;
  /** Masked when editing, like the phone: sent only when a new address is typed. */
  homeAddress?: string;
  workStartedOn?: string | null;
  hardshipKind?: HardshipKind | null;
  /** 党费已交至 (YYYY-MM), for a new record only: dues are counted from the month after. */
  duesPaidUntil?: string | null;
};

/** Every field the server may name in an error, so applyServerErrors can put it under the field. */
export const MEMBER_FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'idNumber',
  'birthDate',
  'education',
  'degree',
  'status',
  'joinedOn',
  'fullOn',
  'orgId',
  'positions',
  'phone',
  'workUnit',
  'duesCategory',
  'monthlyIncomeFen',
  'postCode',
  'homeAddress',
  'workStartedOn',
  'hardshipKind',
  'duesPaidUntil',
] as const;

const shape = CreateMember.shape;

export const initialValuesOf = (m: Member): MemberFormValues => ({
  name: m.name,
  gender: m.gender,
  ethnicity: m.ethnicity,
  idNumber: m.idNumber,
  birthDate: m.birthDate,
  education: m.education as MemberFormValues['education'],
  degree: (m.degree ?? null) as MemberFormValues['degree'],
  status: m.status,
  joinedOn: m.joinedOn,
  fullOn: m.fullOn,
  orgId: m.orgId,
  positions: m.positions as MemberFormValues['positions'],
  phone: m.phone ?? undefined,
  workUnit: m.workUnit ?? undefined,
  duesCategory: m.duesCategory,
  monthlyIncomeFen: m.monthlyIncomeFen === null ? null : m.monthlyIncomeFen / 100,
  postCode: m.postCode,
  homeAddress: m.homeAddress ?? undefined,
  workStartedOn: m.workStartedOn,
  hardshipKind: m.hardshipKind,
});

/** 民族 as a picker of the 56 groups (GB/T 3304), searchable by name, code and romanization. */
const ETHNICITY_OPTIONS = ETHNIC_GROUPS.map((g) => ({
  value: g.name,
  label: `${g.name}（${g.code}）`,
  search: `${g.name}${g.code}${g.abbr}${g.en}`.toLowerCase(),
}));

/** 工作岗位 grouped as 党内统计 counts them, each with its code. */
const postOptions = (t: (k: string) => string, en: boolean) =>
  POST_GROUPS.map((group) => ({
    label: t(`members.national.postGroups.${group}`),
    title: group,
    options: POSTS.filter((p) => p.group === group).map((p) => ({
      value: p.code,
      label: `${en ? p.en : p.name}（${p.code}）`,
      search: `${p.name}${p.en}${p.code}`.toLowerCase(),
    })),
  }));

const searchable = (input: string, option?: unknown) =>
  !!(option as { search?: string } | undefined)?.search?.includes(input.trim().toLowerCase());

/**
 * The fields of a member record, in the order of the national member-information form. Used by
 * "新增党员", "编辑档案" and "登记外地转入". With `editing`, the masked ID and phone numbers are
 * left alone unless a full new number is typed, and the org is shown but changed only by transfer.
 */
export function MemberFields({
  form,
  editing,
  withOrg = true,
  withDuesPaidUntil = false,
}: {
  // Any form that holds the member fields (the transfer-in form holds more).
  form: FormInstance;
  editing?: Member;
  withOrg?: boolean;
  /** "党费已交至" for a new record (the transfer-in form has its own). */
  withDuesPaidUntil?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const status = Form.useWatch('status', form);
  const ethnicity = Form.useWatch('ethnicity', form);
  const duesCategory = Form.useWatch('duesCategory', form);
  const required = { required: true, whitespace: true, message: t('common.required') };
  const requiredSelect = { required: true, message: t('common.requiredSelect') };
  const admitted = status === 'probationary' || status === 'full';
  const needsIncome = duesCategory === 'salaried' || duesCategory === 'retired';
  const half = { xs: 24, md: 12 };

  // A full, valid ID number carries the birth date and gender: fill them in for the user.
  const onIdNumber = (value: string) => {
    const info = idCardInfo(value);
    if (info) form.setFieldsValue({ birthDate: info.birthDate, gender: info.gender });
  };
  // An old 15-digit number, once the box is left: the 18-digit one it became (GB 11643-1999).
  const [upgraded, setUpgraded] = useState(false);
  const onIdNumberBlur = (value: string) => {
    const v18 = upgradeIdCard15(value);
    setUpgraded(!!v18);
    if (!v18) return;
    form.setFieldsValue({ idNumber: v18 });
    onIdNumber(v18);
    void form.validateFields(['idNumber']);
  };
  // a value saved before the list was enforced ("回"): shown as it is, to be picked again
  const legacyEthnicity = !!ethnicity && !isEthnicity(ethnicity);

  const maskedRule = (key: 'idNumber' | 'phone' | 'homeAddress' | 'ethnicity') => ({
    validator: async (_r: unknown, v: unknown) => {
      // A masked number left untouched is not validated; a typed one must be a real number.
      if (!v || (editing && v === editing[key])) return;
      zodCheck(shape[key], v);
    },
  });

  return (
    <>
      <Divider titlePlacement="start" plain>
        {t('members.section.basic')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label={t('members.field.name')} rules={[required, zodRule(shape.name)]}>
            <Input maxLength={30} autoComplete="off" data-testid="member-name" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="idNumber"
            label={t('members.field.idNumber')}
            extra={
              upgraded
                ? t('members.national.idUpgraded')
                : editing
                  ? t('members.extra.editMasked')
                  : t('members.extra.idNumber')
            }
            rules={[required, maskedRule('idNumber')]}
          >
            <Input
              maxLength={18}
              autoComplete="off"
              placeholder={t('members.placeholder.idNumber')}
              onChange={(e) => onIdNumber(e.target.value)}
              onBlur={(e) => onIdNumberBlur(e.target.value)}
              data-testid="member-idNumber"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="gender" label={t('members.field.gender')} rules={[requiredSelect]}>
            <Select
              options={GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))}
              data-testid="member-gender"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="birthDate"
            label={t('members.field.birthDate')}
            rules={[requiredSelect]}
            {...dateProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid="member-birthDate" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="ethnicity"
            label={t('members.field.ethnicity')}
            rules={[requiredSelect, maskedRule('ethnicity')]}
            validateStatus={legacyEthnicity ? 'warning' : undefined}
            help={legacyEthnicity ? t('members.national.ethnicityLegacy', { value: ethnicity }) : undefined}
          >
            <Select
              showSearch={{ filterOption: searchable }}
              options={ETHNICITY_OPTIONS}
              placeholder={t('members.national.ethnicityPlaceholder')}
              data-testid="member-ethnicity"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="education" label={t('members.field.education')} rules={[requiredSelect]}>
            <Select
              options={EDUCATIONS.map((v) => ({ value: v, label: v }))}
              data-testid="member-education"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="degree" label={t('members.field.degree')}>
            <Select
              allowClear
              options={DEGREES.map((v) => ({ value: v, label: v }))}
              data-testid="member-degree"
            />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        {t('members.section.party')}
      </Divider>
      <Row gutter={16}>
        {withOrg && (
          <Col span={24}>
            <Form.Item
              name="orgId"
              label={t('members.field.orgId')}
              extra={editing ? t('members.extra.org') : undefined}
              rules={editing ? [] : [requiredSelect]}
            >
              <OrgSelect
                kind="branch"
                disabled={!!editing}
                placeholder={t('members.placeholder.org')}
                data-testid="member-org"
              />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name="status" label={t('members.field.status')} rules={[requiredSelect]}>
            <Select
              options={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`memberStatus.${s}`) }))}
              data-testid="member-status"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="positions" label={t('members.field.positions')}>
            <Select
              mode="multiple"
              allowClear
              options={POSITIONS.map((p) => ({ value: p, label: p }))}
              data-testid="member-positions"
            />
          </Form.Item>
        </Col>
        {admitted && (
          <Col {...half}>
            <Form.Item
              name="joinedOn"
              label={t('members.field.joinedOn')}
              rules={[requiredSelect]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} data-testid="member-joinedOn" />
            </Form.Item>
          </Col>
        )}
        {status === 'full' && (
          <Col {...half}>
            <Form.Item
              name="fullOn"
              label={t('members.field.fullOn')}
              rules={[requiredSelect]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} data-testid="member-fullOn" />
            </Form.Item>
          </Col>
        )}
        {/* 流动党员 is kept by its periods (流动党员 page): shown here, changed there */}
        {editing && (
          <Col {...half}>
            <Form.Item label={t('members.field.mobile')}>
              <span data-testid="member-mobile-state">
                {editing.mobile ? `${t('members.yes')}（${editing.mobileLocation ?? ''}）` : t('members.no')}
              </span>{' '}
              <Link to="/members/mobile" data-testid="member-mobile-link">
                {t('members.mobileKeptThere')}
              </Link>
            </Form.Item>
          </Col>
        )}
      </Row>

      <Divider titlePlacement="start" plain>
        {t('members.section.contact')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="phone" label={t('members.field.phone')} rules={[maskedRule('phone')]}>
            <Input
              inputMode="tel"
              maxLength={11}
              placeholder={t('members.placeholder.phone')}
              data-testid="member-phone"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="workUnit" label={t('members.field.workUnit')} rules={[zodRule(shape.workUnit)]}>
            <Input
              maxLength={100}
              placeholder={t('members.placeholder.workUnit')}
              data-testid="member-workUnit"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="postCode" label={t('members.field.postCode')}>
            <Select
              allowClear
              showSearch={{ filterOption: searchable }}
              options={postOptions(t, i18n.language === 'en')}
              placeholder={t('members.national.postPlaceholder')}
              data-testid="member-postCode"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="workStartedOn" label={t('members.field.workStartedOn')} {...dateProps}>
            <DatePicker style={{ width: '100%' }} data-testid="member-workStartedOn" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="homeAddress"
            label={t('members.field.homeAddress')}
            extra={editing?.homeAddress ? t('members.extra.editMasked') : undefined}
            rules={[maskedRule('homeAddress')]}
          >
            <Input
              maxLength={200}
              autoComplete="off"
              placeholder={t('members.national.homeAddressPlaceholder')}
              data-testid="member-homeAddress"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="hardshipKind" label={t('members.field.hardshipKind')}>
            <Select
              allowClear
              options={HARDSHIP_KINDS.map((k) => ({ value: k, label: t(`hardshipKind.${k}`) }))}
              placeholder={t('members.national.hardshipNone')}
              data-testid="member-hardshipKind"
            />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        {t('members.section.dues')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="duesCategory" label={t('members.field.duesCategory')}>
            <Select
              allowClear
              options={DuesCategory.options.map((c) => ({ value: c, label: t(`duesCategory.${c}`) }))}
              data-testid="member-duesCategory"
            />
          </Form.Item>
        </Col>
        {needsIncome && (
          <Col {...half}>
            <Form.Item
              name="monthlyIncomeFen"
              label={t('members.field.monthlyIncomeFen')}
              extra={t('members.extra.monthlyIncome')}
              rules={[requiredSelect]}
            >
              <InputNumber
                min={0}
                max={1_000_000}
                precision={2}
                prefix="¥"
                style={{ width: '100%' }}
                placeholder={t('members.placeholder.monthlyIncome')}
                data-testid="member-income"
              />
            </Form.Item>
          </Col>
        )}
        {withDuesPaidUntil && admitted && (
          <Col {...half}>
            <Form.Item
              name="duesPaidUntil"
              label={t('dues.paidUntil')}
              extra={t('dues.paidUntilHint')}
              {...monthProps}
            >
              <DatePicker picker="month" style={{ width: '100%' }} data-testid="member-duesPaidUntil" />
            </Form.Item>
          </Col>
        )}
      </Row>
    </>
  );
}
