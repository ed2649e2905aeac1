// Field labels as users read them, without zod: one source for the API's messages, the Excel
// headers and the member app. A contract field carries its label as zod meta `title`.

/** 党员信息 fields, as the national member-information system and the import template name them. */
export const MEMBER_FIELD_LABELS = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  idNumber: '身份证号',
  birthDate: '出生日期',
  education: '学历',
  degree: '学位',
  status: '人员类别',
  joinedOn: '入党日期',
  fullOn: '转正日期',
  orgId: '所在党支部',
  positions: '党内职务',
  phone: '手机号',
  workUnit: '工作单位',
  mobile: '是否流动党员',
  mobileLocation: '外出地点',
  duesCategory: '党费类别',
  monthlyIncomeFen: '月收入',
} as const;
export type MemberField = keyof typeof MEMBER_FIELD_LABELS;
