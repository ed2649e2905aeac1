import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../../../../contracts/members/index.ts';
import {
  advanceChanges,
  advanceProblems,
  checkPipelineDates,
  nextStep,
  overdueOn,
  type PipelineDates,
  readyOn,
  standingOf,
} from './rules.ts';

const NONE: PipelineDates = {
  appliedOn: null,
  talkedOn: null,
  activistOn: null,
  candidateOn: null,
  politicalReviewOn: null,
  trainingOn: null,
  admissionResolutionOn: null,
  admissionApprovedOn: null,
  joinedOn: null,
  conversionResolutionOn: null,
  conversionApprovedOn: null,
  fullOn: null,
};
/** Born 2000-05-10, so 18 on 2018-05-10. */
const person = (status: MemberStatus, dates: Partial<PipelineDates>, birthDate = '2000-05-10') => ({
  status,
  birthDate,
  dates: { ...NONE, ...dates },
});
const items = (gaps: { item: string }[]) => gaps.map((g) => g.item);

describe('入党申请人 → 入党积极分子', () => {
  const applied = { appliedOn: '2026-03-01' };

  it('an applicant who has applied and been talked to may be designated an activist from the talk on', () => {
    const step = nextStep(person('applicant', { ...applied, talkedOn: '2026-03-20' }), '2026-06-01');
    expect(step).toMatchObject({
      next: 'activist',
      missing: [],
      earliestOn: '2026-03-20',
      ready: true,
      overdue: [],
    });
  });

  it('without the talk the step is not ready, and the talk names itself as missing', () => {
    const step = nextStep(person('applicant', applied), '2026-03-10');
    expect(items(step.missing)).toEqual(['talkedOn']);
    expect(step.missing[0].text.zh).toBe('尚未登记日期');
    expect(step.ready).toBe(false);
  });

  it('the org talks with the applicant within one month of the application; after that the talk is overdue', () => {
    expect(nextStep(person('applicant', applied), '2026-04-01').overdue).toEqual([]);
    const late = nextStep(person('applicant', applied), '2026-04-02');
    expect(late.overdue).toMatchObject([{ item: 'talkedOn', dueOn: '2026-04-01' }]);
    expect(late.overdue[0].text.zh).toContain('一个月内');
  });

  it('an application made before the 18th birthday does not count', () => {
    const young = person('applicant', { appliedOn: '2018-05-09', talkedOn: '2018-05-20' });
    const step = nextStep(young, '2018-06-01');
    expect(items(step.missing)).toEqual(['appliedOn']);
    expect(step.missing[0].text.zh).toContain('年满十八岁（2018-05-10 起）');
    expect(step.ready).toBe(false);
    // from the 18th birthday on, it does
    expect(
      nextStep({ ...young, dates: { ...young.dates, appliedOn: '2018-05-10' } }, '2018-06-01').ready,
    ).toBe(true);
  });

  it('an activist is designated after the application and the talk, never before', () => {
    const m = person('applicant', { ...applied, talkedOn: '2026-03-20' });
    expect(advanceProblems(m, 'activist', '2026-03-19', '2026-06-01')).toMatchObject([
      { path: 'on', text: { zh: '最早可于 2026-03-20 转为入党积极分子' } },
    ]);
    expect(advanceProblems(m, 'activist', '2026-03-20', '2026-06-01')).toEqual([]);
    expect(advanceChanges(m, 'activist', '2026-04-01')).toEqual({ activistOn: '2026-04-01' });
  });
});

describe('入党积极分子 → 发展对象', () => {
  const activist = person('activist', {
    appliedOn: '2025-01-05',
    talkedOn: '2025-01-20',
    activistOn: '2025-03-01',
  });

  it('an activist becomes a candidate only after at least one year of training', () => {
    const before = nextStep(activist, '2026-02-28');
    expect(before).toMatchObject({ next: 'candidate', missing: [], earliestOn: '2026-03-01', ready: false });
    expect(nextStep(activist, '2026-03-01').ready).toBe(true);
    expect(advanceProblems(activist, 'candidate', '2026-02-27', '2026-03-05')[0].text.zh).toContain(
      '最早可于 2026-03-01',
    );
    expect(advanceChanges(activist, 'candidate', '2026-03-02')).toEqual({ candidateOn: '2026-03-02' });
  });

  it('an activist with no designation date on record cannot be counted a year from anything', () => {
    const step = nextStep(person('activist', { appliedOn: '2025-01-05' }), '2027-01-01');
    expect(items(step.missing)).toEqual(['activistOn']);
    expect(step).toMatchObject({ earliestOn: null, ready: false });
  });

  it('a recorded candidate date less than a year after the designation breaks the rule', () => {
    const problems = checkPipelineDates(
      person('candidate', { ...activist.dates, candidateOn: '2025-12-01' }),
      '2026-06-01',
    );
    expect(problems).toMatchObject([{ path: 'candidateOn' }]);
    expect(problems[0].text.zh).toContain('一年以上培养教育');
  });
});

describe('发展对象 → 预备党员', () => {
  const candidate = {
    appliedOn: '2024-01-05',
    talkedOn: '2024-01-20',
    activistOn: '2024-03-01',
    candidateOn: '2025-03-10',
  };

  it('a candidate needs the political review and the concentrated training before the branch general meeting', () => {
    const step = nextStep(person('candidate', candidate), '2025-06-01');
    expect(items(step.missing)).toEqual(['politicalReviewOn', 'trainingOn', 'admissionResolutionOn']);
    expect(step.ready).toBe(false);
  });

  it('a meeting held before the training does not count', () => {
    const m = person('candidate', {
      ...candidate,
      politicalReviewOn: '2025-04-01',
      trainingOn: '2025-05-10',
      admissionResolutionOn: '2025-05-01',
    });
    const step = nextStep(m, '2025-06-01');
    expect(items(step.missing)).toEqual(['admissionResolutionOn']);
    expect(step.missing[0].text.zh).toContain('政治审查和集中培训之后（2025-05-10 起）');
  });

  it('the review and the training are of a candidate, so they cannot precede the designation', () => {
    const m = person('candidate', {
      ...candidate,
      politicalReviewOn: '2025-03-01',
      trainingOn: '2025-03-09',
    });
    expect(checkPipelineDates(m, '2025-06-01').map((p) => p.path)).toEqual([
      'politicalReviewOn',
      'trainingOn',
    ]);
  });

  const resolved = person('candidate', {
    ...candidate,
    politicalReviewOn: '2025-04-01',
    trainingOn: '2025-04-15',
    admissionResolutionOn: '2025-05-20',
  });

  it('after the resolution the superior committee approves; the approval makes the probationary member', () => {
    const step = nextStep(resolved, '2025-06-01');
    expect(step).toMatchObject({ next: 'probationary', missing: [], earliestOn: '2025-05-20', ready: true });
    expect(advanceProblems(resolved, 'probationary', '2025-06-01', '2025-06-01')).toEqual([]);
  });

  it('the superior committee approves within three months of the resolution; later it is overdue', () => {
    expect(nextStep(resolved, '2025-08-20').overdue).toEqual([]);
    expect(nextStep(resolved, '2025-08-21').overdue).toMatchObject([
      { item: 'admissionApprovedOn', dueOn: '2025-08-20' },
    ]);
  });

  it('the join date is the date of the branch general meeting, not of the approval', () => {
    expect(advanceChanges(resolved, 'probationary', '2025-06-10')).toEqual({
      admissionApprovedOn: '2025-06-10',
      joinedOn: '2025-05-20',
    });
  });

  it('no one is admitted before turning 18, whatever the other dates say', () => {
    const m = person(
      'candidate',
      {
        candidateOn: '2018-01-01',
        politicalReviewOn: '2018-02-01',
        trainingOn: '2018-03-01',
        admissionResolutionOn: '2018-04-01',
      },
      '2000-05-10',
    );
    expect(items(nextStep(m, '2018-06-01').missing)).toEqual(['admissionResolutionOn']);
  });
});

describe('预备党员 → 正式党员', () => {
  const probationary = {
    admissionResolutionOn: '2025-05-20',
    admissionApprovedOn: '2025-06-10',
    joinedOn: '2025-05-20',
  };

  it('the probation lasts one year from the join date; the conversion meeting comes after it', () => {
    const step = nextStep(person('probationary', probationary), '2026-05-19');
    expect(step).toMatchObject({ next: 'full', earliestOn: '2026-05-20', ready: false });
    expect(items(step.missing)).toEqual(['conversionResolutionOn']);
  });

  it('a conversion resolution before the year is out does not count', () => {
    const m = person('probationary', { ...probationary, conversionResolutionOn: '2026-05-01' });
    const step = nextStep(m, '2026-06-01');
    expect(items(step.missing)).toEqual(['conversionResolutionOn']);
    expect(step.missing[0].text.zh).toContain('预备期为一年，期满（2026-05-20）后方可讨论转正');
  });

  const resolved = person('probationary', { ...probationary, conversionResolutionOn: '2026-05-25' });

  it('after the conversion resolution the superior committee approves; then the member is full', () => {
    expect(nextStep(resolved, '2026-06-01')).toMatchObject({
      missing: [],
      earliestOn: '2026-05-25',
      ready: true,
    });
    expect(advanceProblems(resolved, 'full', '2026-05-24', '2026-06-01')[0].path).toBe('on');
    expect(advanceProblems(resolved, 'full', '2026-06-01', '2026-06-01')).toEqual([]);
  });

  it('the approval of the conversion is due within three months of the resolution', () => {
    expect(nextStep(resolved, '2026-08-25').overdue).toEqual([]);
    expect(nextStep(resolved, '2026-08-26').overdue).toMatchObject([{ item: 'conversionApprovedOn' }]);
  });

  it('full membership dates from the end of the probation, not from the approval', () => {
    expect(advanceChanges(resolved, 'full', '2026-06-15')).toEqual({
      conversionApprovedOn: '2026-06-15',
      fullOn: '2026-05-20',
    });
  });

  it('a full member has no next step', () => {
    const step = nextStep(person('full', { ...probationary, fullOn: '2026-05-20' }), '2026-06-01');
    expect(step).toMatchObject({ next: null, ready: false, missing: [] });
    expect(advanceProblems(person('full', {}), 'full', '2026-06-01', '2026-06-01')[0].path).toBe('to');
  });
});

describe('advancing', () => {
  const ready = person('applicant', { appliedOn: '2026-03-01', talkedOn: '2026-03-20' });

  it('goes one step at a time', () => {
    const problems = advanceProblems(ready, 'candidate', '2026-04-01', '2026-06-01');
    expect(problems).toMatchObject([{ path: 'to' }]);
    expect(problems[0].text.zh).toBe('只能从入党申请人转为入党积极分子，不能转为发展对象');
  });

  it('never into the future', () => {
    expect(advanceProblems(ready, 'activist', '2026-06-02', '2026-06-01')).toMatchObject([
      { path: 'on', text: { zh: '日期不能晚于今天' } },
    ]);
  });

  it('lists everything missing at once', () => {
    const problems = advanceProblems(
      person('candidate', { candidateOn: '2025-03-10' }),
      'probationary',
      '2025-06-01',
      '2025-06-01',
    );
    expect(problems.map((p) => p.path)).toEqual(['politicalReviewOn', 'trainingOn', 'admissionResolutionOn']);
  });

  it('agrees with a decision date already on record, or refuses', () => {
    const m = person('applicant', { ...ready.dates, activistOn: '2026-04-01' });
    expect(advanceProblems(m, 'activist', '2026-04-01', '2026-06-01')).toEqual([]);
    expect(advanceProblems(m, 'activist', '2026-04-02', '2026-06-01')[0].text.zh).toContain('已登记');
  });
});

describe('the dates themselves', () => {
  it('none lies in the future, and each follows the ones it depends on', () => {
    const problems = checkPipelineDates(
      person('activist', { appliedOn: '2026-03-01', talkedOn: '2026-02-20', activistOn: '2026-07-01' }),
      '2026-06-01',
    );
    expect(problems.map((p) => [p.path, p.text.zh])).toEqual([
      ['activistOn', '日期不能晚于今天'],
      ['talkedOn', '谈话不能早于递交入党申请书（2026-03-01）'],
    ]);
    // each problem says which dates it is about, so an edit is only refused for what it touches
    expect(problems[1].about).toEqual(['talkedOn', 'appliedOn']);
  });
});

describe('the stored standing agrees with nextStep on any day', () => {
  const cases: [string, ReturnType<typeof person>][] = [
    ['an applicant not yet talked to', person('applicant', { appliedOn: '2026-01-10' })],
    ['an applicant talked to', person('applicant', { appliedOn: '2026-01-10', talkedOn: '2026-01-20' })],
    [
      'an activist of a year',
      person('activist', { appliedOn: '2024-01-10', talkedOn: '2024-01-20', activistOn: '2025-03-01' }),
    ],
    [
      'a candidate resolved but not approved',
      person('candidate', {
        appliedOn: '2022-01-10',
        talkedOn: '2022-01-20',
        activistOn: '2023-03-01',
        candidateOn: '2024-04-01',
        politicalReviewOn: '2024-05-01',
        trainingOn: '2024-05-10',
        admissionResolutionOn: '2025-06-01',
      }),
    ],
    [
      'a probationary member',
      person('probationary', {
        admissionResolutionOn: '2025-07-01',
        joinedOn: '2025-07-01',
        admissionApprovedOn: '2025-07-20',
      }),
    ],
  ];
  for (const [what, m] of cases)
    it(what, () => {
      const s = standingOf(m);
      for (const today of ['2025-01-01', '2026-02-11', '2026-02-12', '2026-07-02', '2027-01-01']) {
        const step = nextStep(m, today);
        expect(readyOn(s, today), `${what} ready on ${today}`).toBe(step.ready);
        expect(overdueOn(s, today), `${what} overdue on ${today}`).toBe(step.overdue.length > 0);
      }
    });
});
