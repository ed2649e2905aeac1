/** The notice of 网上班级 (declared in the learning manifest's `notices`). */
export const CLASS_REMIND_NOTICE = {
  kind: 'learning.class_remind',
  label: { zh: '网上班级学习提醒', en: 'Online class reminder' },
};
