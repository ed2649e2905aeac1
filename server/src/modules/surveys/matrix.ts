import type { MakeContext, MatrixCases } from '../../../test/matrix.ts';
import { makeSurvey, memberForUser, smallDefinition } from './fixtures.ts';

/** Authorization-matrix cases for 问卷调查 (platform/access/matrix.test.ts). */

let seq = 0;
const newSurvey = ({ target }: MakeContext) => ({
  orgId: String(target),
  title: `矩阵问卷${process.pid}-${++seq}`,
  audienceKind: 'org',
  audienceOrgId: String(target),
  definition: smallDefinition(),
});
const onSurvey = (method: 'GET' | 'POST' | 'PUT', tail: string, payload?: (c: MakeContext) => object) => ({
  make: async (c: MakeContext) => {
    const { surveyId } = await makeSurvey(c.env, c.target, {
      status: method === 'PUT' && tail === '' ? 'draft' : 'open',
    });
    return { method, url: `/api/v1/surveys/${surveyId}${tail}`, payload: payload?.(c) };
  },
});
/** A survey the caller was asked (their member record made when they have none). */
const mine = (method: 'GET' | 'POST' | 'PUT', tail: string, payload?: object) => ({
  action: 'survey.answer',
  untargeted: true,
  make: async ({ env, self, places }: MakeContext) => {
    const memberId = await memberForUser(env, self.userId, places.branch1);
    const { surveyId } = await makeSurvey(env, places.branch1, { memberIds: [memberId] });
    return { method, url: `/api/v1/my/surveys/${surveyId}${tail}`, payload };
  },
});

export const surveysMatrix: MatrixCases = {
  routes: {
    'GET /api/v1/surveys': {
      action: 'survey.view',
      make: async ({ target }) => ({ method: 'GET', url: `/api/v1/surveys?orgId=${target}` }),
    },
    'POST /api/v1/surveys': {
      action: 'survey.manage',
      make: async (c) => ({ method: 'POST', url: '/api/v1/surveys', payload: newSurvey(c) }),
    },
    'GET /api/v1/surveys/:id': { action: 'survey.view', ...onSurvey('GET', '') },
    'PUT /api/v1/surveys/:id': { action: 'survey.manage', ...onSurvey('PUT', '', newSurvey) },
    'POST /api/v1/surveys/:id/publish': {
      action: 'survey.manage',
      make: async ({ env, target }) => {
        const { surveyId } = await makeSurvey(env, target, { status: 'draft', public: true });
        return { method: 'POST', url: `/api/v1/surveys/${surveyId}/publish` };
      },
    },
    'POST /api/v1/surveys/:id/close': { action: 'survey.manage', ...onSurvey('POST', '/close') },
    'PUT /api/v1/surveys/:id/summary': {
      action: 'survey.manage',
      ...onSurvey('PUT', '/summary', () => ({ summary: '总体满意。' })),
    },
    'GET /api/v1/surveys/:id/public-link': {
      action: 'survey.view',
      make: async ({ env, target }) => {
        const { surveyId } = await makeSurvey(env, target, { public: true });
        return { method: 'GET', url: `/api/v1/surveys/${surveyId}/public-link` };
      },
    },
    'GET /api/v1/surveys/:id/results': { action: 'survey.view', ...onSurvey('GET', '/results') },
    'GET /api/v1/surveys/:id/crosstab': {
      action: 'survey.view',
      ...onSurvey('GET', '/crosstab?questionId=q1&by=gender'),
    },
    'GET /api/v1/surveys/:id/words': { action: 'survey.view', ...onSurvey('GET', '/words?questionId=q3') },
    'GET /api/v1/surveys/:id/report.docx': { action: 'survey.view', ...onSurvey('GET', '/report.docx') },
    'GET /api/v1/surveys/:id/responses.xlsx': {
      action: 'survey.view',
      ...onSurvey('GET', '/responses.xlsx'),
    },
    'GET /api/v1/my/surveys': {
      action: 'survey.answer',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/my/surveys' }),
    },
    'GET /api/v1/my/surveys/open-count': {
      action: 'survey.answer',
      untargeted: true,
      make: async () => ({ method: 'GET', url: '/api/v1/my/surveys/open-count' }),
    },
    'GET /api/v1/my/surveys/:id': mine('GET', ''),
    'PUT /api/v1/my/surveys/:id/draft': mine('PUT', '/draft', { answers: { q1: 1 } }),
    'POST /api/v1/my/surveys/:id/responses': mine('POST', '/responses', { version: 1, answers: { q1: 1 } }),
    'GET /api/v1/public/surveys/:token': {
      action: 'public',
      untargeted: true,
      make: async ({ env, places }) => {
        const { token } = await makeSurvey(env, places.branch1, { public: true });
        return { method: 'GET', url: `/api/v1/public/surveys/${token}` };
      },
    },
    'POST /api/v1/public/surveys/:token/responses': {
      action: 'public',
      untargeted: true,
      make: async ({ env, places }) => {
        const { token } = await makeSurvey(env, places.branch1, { public: true });
        return {
          method: 'POST',
          url: `/api/v1/public/surveys/${token}/responses`,
          payload: { version: 1, answers: { q1: 1 } },
        };
      },
    },
  },
  probes: {
    'POST /api/v1/my/surveys/:id/responses': [
      {
        title: 'a member answers a survey they were not asked (404, nothing written)',
        as: [{ role: 'member', on: 'branch1' }],
        make: async ({ env, places, self }) => {
          await memberForUser(env, self.userId, places.branch1);
          const { surveyId } = await makeSurvey(env, places.branch1, { memberIds: [] });
          return {
            method: 'POST',
            url: `/api/v1/my/surveys/${surveyId}/responses`,
            payload: { version: 1, answers: { q1: 1 } },
          };
        },
        expect: { refused: 404 },
      },
    ],
  },
};
