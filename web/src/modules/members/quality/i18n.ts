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
    chartLabel: '柱状图：各下级党组织的完整率、更新率、照片率和党费标准率，数据同下表',
    noChildren: '没有下级党组织',
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
      'Bar chart: completeness, update, photo and dues-standard rates of each subordinate organization; the table below has the same data',
    noChildren: 'No subordinate organizations',
    drill: 'Open',
    period: 'Period: {{from}} to {{to}}',
  },
};

addTranslations({ 'zh-CN': zh, en });
