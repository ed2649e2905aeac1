import {
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
    },
  },
};

const en: typeof zh = {
  pipelineItem: labelsIn(PIPELINE_ITEM_LABELS, 'en'),
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
    },
  },
};

addTranslations({ 'zh-CN': zh, en });
