/** The notice of 在线考试 (declared in the exams manifest's `notices`). */
export const EXAM_PUBLISHED_NOTICE = {
  kind: 'exams.exam_published',
  label: { zh: '考试通知', en: 'Exam notice' },
};
