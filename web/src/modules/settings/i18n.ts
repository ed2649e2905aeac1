import { addTranslations } from '../../app/i18n.ts';

const zh = {
  settings: {
    title: '全区设置',
    hint: '默认值即规定中的标准；修改须在规定允许的范围内，每次修改都记入审计日志。',
    source: '依据',
    default: '默认值',
    save: '保存',
    saved: '已保存',
    reset: '恢复默认值',
    readOnly: '只有组织部管理员可以修改',
    none: '未设置',
  },
};
const en: typeof zh = {
  settings: {
    title: 'Deployment settings',
    hint: 'The defaults are the regulation’s figures; changes must stay within what it allows, and each is audited.',
    source: 'Source',
    default: 'Default',
    save: 'Save',
    saved: 'Saved',
    reset: 'Restore default',
    readOnly: 'Only the department may change these',
    none: 'not set',
  },
};
addTranslations({ 'zh-CN': zh, en });
