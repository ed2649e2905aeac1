import {
  HARDSHIP_KIND_LABELS,
  labelsIn,
  MEMBER_FIELD_LABELS,
  MEMBER_FIELD_LABELS_EN,
  type MemberField,
  PIPELINE_ITEM_LABELS,
} from '../../../../contracts/labels.ts';
import { addTranslations } from '../../app/i18n.ts';

/**
 * Words every part of the members module uses: the record's field names (the contract's labels, so
 * a form, its error and the Excel column say the same word) and the recruitment items. Terms as
 * GLOSSARY.md writes them. Each sub-capability adds its own strings in its own i18n.ts.
 */
const zh = {
  pipelineItem: labelsIn(PIPELINE_ITEM_LABELS, 'zh'),
  memberSelect: { placeholder: '输入姓名、拼音首字母、身份证号或手机号查找党员', empty: '没有找到党员' },
  members: {
    title: '党员信息',
    orgFilter: '所在党组织（含下级）',
    noChange: '没有修改任何内容',
    yuanPerMonth: '{{amount}}/月',
    none: '未填写',
    yes: '是',
    no: '否',
    field: {
      ...(MEMBER_FIELD_LABELS as Record<MemberField, string>),
      orgName: MEMBER_FIELD_LABELS.orgId as string,
      mobile: '流动党员',
      monthlyIncomeFen: '月收入（元）',
      duesStandardFen: '党费标准',
      hasPhoto: '照片',
      studyCardNo: '学习卡号',
      recordUpdatedAt: '档案更新时间',
      createdAt: '建档时间',
      duesFromMonth: '党费起算月份',
      sanctions: '奖惩',
      trips: '出国（境）',
    },
  },
  hardshipKind: labelsIn(HARDSHIP_KIND_LABELS, 'zh'),
};

const en: typeof zh = {
  pipelineItem: labelsIn(PIPELINE_ITEM_LABELS, 'en'),
  memberSelect: {
    placeholder: 'Find a member by name, initials, ID or phone number',
    empty: 'No member found',
  },
  members: {
    title: 'Member records',
    orgFilter: 'Organization (and below)',
    noChange: 'Nothing was changed',
    yuanPerMonth: '{{amount}} a month',
    none: 'Not given',
    yes: 'Yes',
    no: 'No',
    field: {
      ...(MEMBER_FIELD_LABELS_EN as Record<MemberField, string>),
      orgName: MEMBER_FIELD_LABELS_EN.orgId as string,
      monthlyIncomeFen: 'Monthly income (yuan)',
      duesStandardFen: 'Dues standard',
      hasPhoto: 'Photo',
      studyCardNo: 'Study card no.',
      recordUpdatedAt: 'Record updated',
      createdAt: 'Record created',
      duesFromMonth: 'Dues counted from',
      sanctions: 'Commendations and discipline',
      trips: 'Trips abroad',
    },
  },
  hardshipKind: labelsIn(HARDSHIP_KIND_LABELS, 'en'),
};

addTranslations({ 'zh-CN': zh, en });
