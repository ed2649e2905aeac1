import { addTranslations } from '../../../app/i18n.ts';
import '../i18n.ts';

/** 档案质量: the four record-quality rates. */
const zh = {
  quality: {
    title: '党员档案质量',
    hint: '完整率：必填项齐全的档案占比；更新率：统计期内更新过的档案占比；照片率：有照片的占比；党费标准率：已确定党费标准的占比。',
    org: '党组织',
    range: '统计期',
    members: '党员人数',
    completenessRate: '完整率',
    updateRate: '更新率',
    photoRate: '照片率',
    duesStandardRate: '党费标准率',
    children: '下级党组织',
    chart: '下级党组织档案质量对比',
    chartLabel: '柱状图：各下级党组织的{{rate}}，由低到高，数据同下表',
    chartHint: '由低到高排列；点击柱条查看未达标的党员档案。',
    leftOut: '另有 {{count}} 个无党员的党组织（如党小组）未列入。',
    noChildren: '没有下级党组织',
    noMembersBelow: '下级党组织均无党员（党员编在党支部，党小组不单独统计）',
    noMembers: '无党员',
    membersCount: '{{count}} 名党员',
    clickToList: '点击查看未达标档案',
    listGaps: '查看未达标档案',
    gaps: {
      title: '未达标档案：{{rate}}',
      hint: '{{org}} 及下级中{{what}}的党员档案，共 {{total}} 条。',
      what: {
        completenessRate: '必填项不齐全',
        updateRate: '统计期内（{{from}} 至 {{to}}）未更新',
        photoRate: '没有照片',
        duesStandardRate: '（正式、预备党员）未确定党费标准',
      },
      missing: '缺少',
      back: '返回档案质量',
      empty: '没有未达标的档案',
      lastUpdated: '最近更新',
      recordUpdatedAt: '统计期内未更新',
      photo: '照片',
    },
    drill: '查看下级',
    period: '统计期：{{from}} 至 {{to}}',
  },
};

const en: typeof zh = {
  quality: {
    title: 'Record quality',
    hint: 'Completeness: records with every required field; update: records updated in the period; photo: records with a photo; dues standard: records with a dues standard.',
    org: 'Organization',
    range: 'Period',
    members: 'Members',
    completenessRate: 'Completeness',
    updateRate: 'Updated',
    photoRate: 'With photo',
    duesStandardRate: 'Dues standard set',
    children: 'Subordinate organizations',
    chart: 'Record quality of subordinate organizations',
    chartLabel:
      'Bar chart: {{rate}} of each subordinate organization, lowest first; the table below has the same data',
    chartHint: 'Lowest first; click a bar to list the records behind it.',
    leftOut: '{{count}} organizations without members (such as Party groups) are left out.',
    noChildren: 'No subordinate organizations',
    noMembersBelow: 'No subordinate organization has members (members belong to branches, not to groups)',
    noMembers: 'No members',
    membersCount: '{{count}} members',
    clickToList: 'Click to list the records behind it',
    listGaps: 'List the records behind it',
    gaps: {
      title: 'Records short of: {{rate}}',
      hint: 'Records in {{org}} and below {{what}}: {{total}}.',
      what: {
        completenessRate: 'missing a required field',
        updateRate: 'not updated in the period ({{from}} to {{to}})',
        photoRate: 'without a photo',
        duesStandardRate: 'without a dues standard (full and probationary members)',
      },
      missing: 'Missing',
      back: 'Back to record quality',
      empty: 'No records short of this',
      lastUpdated: 'Last updated',
      recordUpdatedAt: 'not updated in the period',
      photo: 'photo',
    },
    drill: 'Open',
    period: 'Period: {{from}} to {{to}}',
  },
};

addTranslations({ 'zh-CN': zh, en });
