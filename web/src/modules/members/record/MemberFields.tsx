import {
  Col,
  DatePicker,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DuesCategory } from '../../../../../contracts/members/dues.ts';
import {
  DEGREES,
  EDUCATIONS,
  GENDERS,
  MEMBER_STATUSES,
  POSITIONS,
} from '../../../../../contracts/members/enums.ts';
import { CreateMember, type Member, type MemberStatus } from '../../../../../contracts/members/record.ts';
import { zodCheck, zodRule } from '../../../app/forms.ts';
import { OrgSelect } from '../../orgs/OrgSelect.tsx';
import { idCardInfo } from './idCard.ts';
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
  mobile?: boolean;
  mobileLocation?: string;
  duesCategory?: DuesCategory | null;
  /** Yuan in the form (named as the contract's field so server errors land under it). */
  monthlyIncomeFen?: number | null;
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
  'mobile',
  'mobileLocation',
  'duesCategory',
  'monthlyIncomeFen',
] as const;

const shape = CreateMember.shape;

/** Dates stay 'YYYY-MM-DD' strings in the form values; the picker sees dayjs. */
const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

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
  mobile: m.mobile,
  mobileLocation: m.mobileLocation ?? undefined,
  duesCategory: m.duesCategory,
  monthlyIncomeFen: m.monthlyIncomeFen === null ? null : m.monthlyIncomeFen / 100,
});

/**
 * The fields of a member record, in the order of the national member-information form. Used by
 * "新增党员", "编辑档案" and "登记外地转入". With `editing`, the masked ID and phone numbers are
 * left alone unless a full new number is typed, and the org is shown but changed only by transfer.
 */
export function MemberFields({
  form,
  editing,
  withOrg = true,
}: {
  // Any form that holds the member fields (the transfer-in form holds more).
  form: FormInstance;
  editing?: Member;
  withOrg?: boolean;
}) {
  const { t } = useTranslation();
  const status = Form.useWatch('status', form);
  const mobile = Form.useWatch('mobile', form);
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

  const maskedRule = (key: 'idNumber' | 'phone') => ({
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
            extra={editing ? t('members.extra.editMasked') : t('members.extra.idNumber')}
            rules={[required, maskedRule('idNumber')]}
          >
            <Input
              maxLength={18}
              autoComplete="off"
              placeholder={t('members.placeholder.idNumber')}
              onChange={(e) => onIdNumber(e.target.value)}
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
            rules={[required, zodRule(shape.ethnicity)]}
          >
            <Input
              maxLength={20}
              placeholder={t('members.placeholder.ethnicity')}
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
        <Col {...half}>
          <Form.Item name="mobile" label={t('members.field.mobile')} valuePropName="checked">
            <Switch
              checkedChildren={t('members.yes')}
              unCheckedChildren={t('members.no')}
              data-testid="member-mobile"
            />
          </Form.Item>
        </Col>
        {mobile && (
          <Col {...half}>
            <Form.Item
              name="mobileLocation"
              label={t('members.field.mobileLocation')}
              rules={[required, zodRule(shape.mobileLocation)]}
            >
              <Input maxLength={100} placeholder={t('members.placeholder.mobileLocation')} />
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
      </Row>
    </>
  );
}
