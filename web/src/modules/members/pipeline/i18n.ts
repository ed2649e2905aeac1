import { addTranslations } from '../../../app/i18n.ts';
import '../i18n.ts';

/** 发展党员: one person's pipeline (members.pipeline) and the due list (pipelinePage). */
const zh = {
  members: {
    pipeline: {
      hint: '按《中国共产党发展党员工作细则》，每一步须有相应日期。填写已完成环节的日期后保存。',
      save: '保存日期',
      saved: '已保存发展党员日期',
      advance: '转为下一阶段',
      advanceTitle: '将「{{name}}」转为{{to}}',
      advanceOn: '转为{{to}}的日期',
      advanced: '已转为{{to}}',
      noNext: '已是正式党员，发展流程已完成',
      stepTo: '成为{{status}}',
      done: '已完成',
      next: '下一步',
      notYet: '未开始',
      byAdvance: '办理“转为下一阶段”时登记',
      notYetItem: '还不到登记此项的阶段',
    },
  },
  pipelinePage: {
    title: '发展党员',
    hint: '按党支部列出可以进入下一阶段的人员：“可以办理”的排在前面；尚缺的环节逐项列出。',
    org: '党组织',
    state: '办理条件',
    ready: '可以办理',
    notReady: '尚缺材料',
    notYet: '未到办理时间',
    next: '下一阶段',
    current: '当前阶段',
    earliest: '最早可办理日期',
    missing: '尚缺环节',
    overdue: '超期环节',
    none: '无',
    empty: '没有需要办理的发展党员事项',
    advance: '办理',
    fillDates: '补填日期',
    count: '共 {{total}} 人，其中可以办理 {{ready}} 人',
  },
};

const en: typeof zh = {
  members: {
    pipeline: {
      hint: 'Each step of recruitment needs its date (Rules on Recruiting Party Members). Fill in the dates of the steps done.',
      save: 'Save dates',
      saved: 'Recruitment dates saved',
      advance: 'Move to the next stage',
      advanceTitle: 'Make “{{name}}” a {{to}}',
      advanceOn: 'Date of becoming {{to}}',
      advanced: 'Now a {{to}}',
      noNext: 'Already a full member: recruitment is complete',
      stepTo: 'Becoming {{status}}',
      done: 'Done',
      next: 'Next step',
      notYet: 'Not started',
      byAdvance: 'Recorded when the member is moved to the next stage',
      notYetItem: 'Not yet at this stage',
    },
  },
  pipelinePage: {
    title: 'Recruitment pipeline',
    hint: 'Who may move to the next stage, by branch: those ready come first; missing steps are listed.',
    org: 'Organization',
    state: 'Ready?',
    ready: 'Ready',
    notReady: 'Steps missing',
    notYet: 'Not yet due',
    next: 'Next stage',
    current: 'Current stage',
    earliest: 'Earliest date',
    missing: 'Missing steps',
    overdue: 'Overdue steps',
    none: 'None',
    empty: 'Nothing is due',
    advance: 'Advance',
    fillDates: 'Fill in dates',
    count: '{{total}} people, {{ready}} ready',
  },
};

addTranslations({ 'zh-CN': zh, en });
