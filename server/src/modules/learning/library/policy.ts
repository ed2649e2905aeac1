import type { Policy } from '../../../platform/access/index.ts';

export const libraryPolicies: Policy[] = [
  {
    action: 'course.manage',
    roles: ['dept_admin', 'org_admin'],
    description:
      '管理课件库：上传视频、音频、文档，撰写图文，设定学习范围，发布和撤回 / run the course library: upload, write, choose who may study, publish, withdraw',
  },
  {
    action: 'course.categories',
    roles: ['dept_admin'],
    description:
      '设置课件分类和标签同义词（组织部） / set the course categories and tag synonyms (the department)',
  },
  {
    action: 'course.study',
    roles: ['member', 'secretary'],
    description:
      '学习：浏览、搜索和学习本人可学的课件 / study: browse, search and study the courses open to me',
  },
];
