import { addTranslations } from '../../../app/i18n.ts';

/** 为你推荐 on the member home, both languages, same keys. */
const zh = {
  recommend: {
    title: '为你推荐',
    similar: '学过《{{title}}》的党员也学了',
    org: '本支部热门',
    parent: '上级党组织热门',
    everywhere: '大家都在学',
    dismiss: '不感兴趣：不再推荐《{{title}}》',
    more: '更多课件',
  },
};
const en: typeof zh = {
  recommend: {
    title: 'Recommended for you',
    similar: 'Members who studied “{{title}}” also studied this',
    org: 'Popular in your branch',
    parent: 'Popular in your parent organization',
    everywhere: 'Popular with everyone',
    dismiss: 'Not interested: stop recommending “{{title}}”',
    more: 'More courses',
  },
};

addTranslations({ 'zh-CN': zh, en });
