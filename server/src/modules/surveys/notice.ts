/** The notice of 问卷调查 (declared in the surveys manifest's `notices`): a survey was sent to the member. */
export const SURVEY_PUBLISHED_NOTICE = {
  kind: 'surveys.survey_published',
  label: { zh: '问卷通知', en: 'Survey notice' },
};
