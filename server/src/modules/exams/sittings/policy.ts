import type { Policy } from '../../../platform/access/index.ts';

/** Who may do what with papers, exams, grading and practice (scope: the exam's or paper's org). */
export const sittingPolicies: Policy[] = [
  {
    action: 'exam.view',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description:
      '查看试卷、考试、成绩和试题统计（本组织及下级），导出成绩 / see papers, exams, results and statistics of my subtree',
  },
  {
    action: 'exam.manage',
    roles: ['dept_admin', 'org_admin'],
    description:
      '组卷和组织考试：试卷、考试时间、参考人员；阅卷时查看考生姓名 / make papers and exams; see names when grading',
  },
  {
    action: 'exam.grade',
    roles: ['dept_admin', 'org_admin', 'secretary'],
    description: '阅卷：给简答题评分（默认不显示考生姓名） / grade short answers (names hidden by default)',
  },
  {
    action: 'exam.sit',
    roles: ['member', 'secretary'],
    description:
      '参加考试、查看本人成绩，练习和错题本 / sit exams, see my results, practise, my wrong answers',
  },
];
