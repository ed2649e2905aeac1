import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../../../../contracts/members/index.ts';
import { PIPELINE_ITEMS } from '../../../../../contracts/members/index.ts';
import {
  advanceChanges,
  advanceProblems,
  alertsOf,
  cancellationProblems,
  checkPipelineDates,
  type Extension,
  extensionProblems,
  nextStep,
  overdueOn,
  type PipelineDates,
  type PipelineMember,
  probationEndOf,
  readyOn,
  standingOf,
} from './rules.ts';

const NONE = {
  ...Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, null])),
  joinedOn: null,
  fullOn: null,
} as PipelineDates;
/** Born 2000-05-10, so 18 on 2018-05-10 and 28 on 2028-05-10. */
const person = (
  status: MemberStatus,
  dates: Partial<PipelineDates>,
  more: Partial<Omit<PipelineMember, 'status' | 'dates'>> = {},
): PipelineMember => ({
  status,
  birthDate: '2000-05-10',
  trainingHours: null,
  contacts: [],
  sponsors: [],
  extension: null,
  ...more,
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

  it('细则第七条: the org talks with the applicant within one month; the deadline shows, and after it the talk is overdue', () => {
    const onTime = nextStep(person('applicant', applied), '2026-04-01');
    expect(onTime.deadlines).toMatchObject([{ item: 'talkedOn', dueOn: '2026-04-01' }]);
    expect(onTime.overdue).toEqual([]);
    const late = nextStep(person('applicant', applied), '2026-04-02');
    expect(late.overdue).toMatchObject([{ item: 'talkedOn', dueOn: '2026-04-01' }]);
    expect(late.overdue[0].text.zh).toContain('一个月内');
  });

  it('细则第七条: a talk held after the month is flagged as late, not only a missing one', () => {
    expect(alertsOf(person('applicant', { ...applied, talkedOn: '2026-04-01' }))).toEqual([
      expect.objectContaining({ kind: 'recommendationAdvised' }),
    ]);
    const late = alertsOf(person('applicant', { ...applied, talkedOn: '2026-04-15' }));
    expect(late[0]).toMatchObject({ kind: 'talkLate', on: '2026-04-01' });
    expect(late[0].text.zh).toBe('谈话晚于规定：应在 2026-04-01 前谈话，实际 2026-04-15');
    // the file stays flagged after the step is taken
    expect(
      alertsOf(person('candidate', { ...applied, talkedOn: '2026-04-15', activistOn: '2026-05-01' })).map(
        (a) => a.kind,
      ),
    ).toEqual(['talkLate']);
  });

  it('细则第八条: an applicant under 28 is usually recommended by the Youth League — advised, never required', () => {
    const young = person('applicant', { ...applied, talkedOn: '2026-03-20' });
    const step = nextStep(young, '2026-06-01');
    expect(step.ready).toBe(true);
    expect(step.alerts.map((a) => a.kind)).toEqual(['recommendationAdvised']);
    // recorded: no advice
    expect(alertsOf(person('applicant', { ...young.dates, recommendedOn: '2026-03-10' }))).toEqual([]);
    // 28 or older when applying: it does not apply
    expect(alertsOf(person('applicant', { appliedOn: '2028-05-10', talkedOn: '2028-05-20' }))).toEqual([]);
  });

  it('细则第八条: the recommendation is of an applicant, and the designation follows it', () => {
    const m = person('applicant', { ...applied, recommendedOn: '2026-02-20', talkedOn: '2026-03-20' });
    expect(checkPipelineDates(m, '2026-06-01').map((p) => p.path)).toEqual(['recommendedOn']);
    const later = person('applicant', { ...applied, talkedOn: '2026-03-20', recommendedOn: '2026-04-10' });
    expect(nextStep(later, '2026-06-01').earliestOn).toBe('2026-04-10');
  });

  it('党章第一条: an application made before the 18th birthday does not count', () => {
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
  const dates = {
    appliedOn: '2025-01-05',
    talkedOn: '2025-01-20',
    activistOn: '2025-03-01',
    activistFiledOn: '2025-03-10',
  };
  const activist = person('activist', dates, { contacts: [7] });

  it('细则第十三条: an activist becomes a candidate only after at least one year of training', () => {
    const before = nextStep(activist, '2026-02-28');
    expect(before).toMatchObject({ next: 'candidate', missing: [], earliestOn: '2026-03-01', ready: false });
    expect(nextStep(activist, '2026-03-01').ready).toBe(true);
    expect(advanceProblems(activist, 'candidate', '2026-02-27', '2026-03-05')[0].text.zh).toContain(
      '最早可于 2026-03-01',
    );
    expect(advanceChanges(activist, 'candidate', '2026-03-02')).toEqual({ candidateOn: '2026-03-02' });
  });

  it('细则第八条: the designation is filed with the superior committee; until it is, the next step waits', () => {
    const unfiled = person('activist', { ...dates, activistFiledOn: null }, { contacts: [7] });
    expect(items(nextStep(unfiled, '2026-06-01').missing)).toEqual(['activistFiledOn']);
    const early = person('activist', { ...dates, activistFiledOn: '2025-02-20' }, { contacts: [7] });
    expect(checkPipelineDates(early, '2026-06-01')).toMatchObject([{ path: 'activistFiledOn' }]);
  });

  it('细则第九条: one or two full members are named as cultivation contacts', () => {
    const alone = person('activist', dates);
    const step = nextStep(alone, '2026-06-01');
    expect(items(step.missing)).toEqual(['cultivationContactIds']);
    expect(step.missing[0].text.zh).toBe('须指定一至两名正式党员作培养联系人');
    expect(nextStep(person('activist', dates, { contacts: [7, 8] }), '2026-06-01').ready).toBe(true);
  });

  it('an activist with no designation date on record cannot be counted a year from anything', () => {
    const step = nextStep(person('activist', { appliedOn: '2025-01-05' }, { contacts: [7] }), '2027-01-01');
    expect(items(step.missing)).toEqual(['activistOn', 'activistFiledOn']);
    expect(step).toMatchObject({ earliestOn: null, ready: false });
  });

  it('a recorded candidate date less than a year after the designation breaks the rule', () => {
    const problems = checkPipelineDates(
      person('candidate', { ...dates, candidateOn: '2025-12-01' }),
      '2026-06-01',
    );
    expect(problems).toMatchObject([{ path: 'candidateOn' }]);
    expect(problems[0].text.zh).toContain('一年以上培养教育');
  });
});

describe('发展对象 → 预备党员', () => {
  const designated = {
    appliedOn: '2024-01-05',
    talkedOn: '2024-01-20',
    activistOn: '2024-03-01',
    activistFiledOn: '2024-03-05',
    candidateOn: '2025-03-10',
  };
  /** Everything but the branch meeting, the committee's talk and the approval. */
  const prepared = {
    ...designated,
    candidateFiledOn: '2025-03-15',
    politicalReviewOn: '2025-04-01',
    trainingOn: '2025-04-15',
    preReviewOn: '2025-04-25',
    applicationFormOn: '2025-05-05',
  };
  const ready = { trainingHours: 24, sponsors: [7, 8] };

  it('a candidate needs the whole file before the branch general meeting, each item named', () => {
    const step = nextStep(person('candidate', designated), '2025-06-01');
    expect(items(step.missing)).toEqual([
      'candidateFiledOn',
      'sponsorIds',
      'politicalReviewOn',
      'trainingOn',
      'trainingHours',
      'preReviewOn',
      'applicationFormOn',
      'admissionResolutionOn',
      'committeeTalkOn',
    ]);
    expect(step.ready).toBe(false);
  });

  it('党章第五条: two full members sponsor the candidate', () => {
    const one = nextStep(person('candidate', prepared, { ...ready, sponsors: [7] }), '2025-06-01');
    expect(one.missing.find((g) => g.item === 'sponsorIds')?.text.zh).toBe(
      '须有两名正式党员作入党介绍人（已登记 1 名）',
    );
  });

  it('细则第十七条: the concentrated training lasts at least three days or 24 class hours', () => {
    const short = nextStep(person('candidate', prepared, { ...ready, trainingHours: 16 }), '2025-06-01');
    expect(short.missing.find((g) => g.item === 'trainingHours')?.text.zh).toBe(
      '集中培训一般不少于三天或二十四学时，已登记 16 学时',
    );
    const enough = nextStep(person('candidate', prepared, ready), '2025-06-01');
    expect(items(enough.missing)).not.toContain('trainingHours');
  });

  it('细则第十九、二十条: the committee pre-reviews after the review and the training, then issues the form', () => {
    const m = person('candidate', {
      ...prepared,
      preReviewOn: '2025-04-10',
      applicationFormOn: '2025-04-05',
    });
    expect(checkPipelineDates(m, '2025-06-01').map((p) => [p.path, p.text.zh])).toEqual([
      ['preReviewOn', '基层党委预审须在政治审查和集中培训之后（2025-04-15 起）'],
      ['applicationFormOn', '入党志愿书在预审合格后发放，不能早于预审（2025-04-10）'],
    ]);
  });

  it('a meeting held before the form is filled in does not count', () => {
    const m = person('candidate', { ...prepared, admissionResolutionOn: '2025-05-01' }, ready);
    const step = nextStep(m, '2025-06-01');
    expect(items(step.missing)).toEqual(['admissionResolutionOn', 'committeeTalkOn']);
    expect(step.missing[0].text.zh).toContain('填写入党志愿书之后（2025-05-05 起）');
  });

  it('the review and the training are of a candidate, so they cannot precede the designation', () => {
    const m = person('candidate', {
      ...designated,
      politicalReviewOn: '2025-03-01',
      trainingOn: '2025-03-09',
    });
    expect(checkPipelineDates(m, '2025-06-01').map((p) => p.path)).toEqual([
      'politicalReviewOn',
      'trainingOn',
    ]);
  });

  const resolved = person(
    'candidate',
    { ...prepared, admissionResolutionOn: '2025-05-20', committeeTalkOn: '2025-05-28' },
    ready,
  );

  it('细则第二十四条: the superior committee talks with the candidate before it approves', () => {
    const untalked = person('candidate', { ...resolved.dates, committeeTalkOn: null }, ready);
    expect(items(nextStep(untalked, '2025-06-01').missing)).toEqual(['committeeTalkOn']);
    const step = nextStep(resolved, '2025-06-01');
    expect(step).toMatchObject({ next: 'probationary', missing: [], earliestOn: '2025-05-28', ready: true });
    expect(advanceProblems(resolved, 'probationary', '2025-05-27', '2025-06-01')[0].text.zh).toBe(
      '最早可于 2025-05-28 转为预备党员',
    );
    expect(advanceProblems(resolved, 'probationary', '2025-06-01', '2025-06-01')).toEqual([]);
    const talkBefore = person('candidate', { ...resolved.dates, committeeTalkOn: '2025-05-10' }, ready);
    expect(checkPipelineDates(talkBefore, '2025-06-01')).toMatchObject([{ path: 'committeeTalkOn' }]);
  });

  it('the superior committee approves within three months of the resolution; later it is overdue', () => {
    expect(nextStep(resolved, '2025-08-20').overdue).toEqual([]);
    expect(nextStep(resolved, '2025-08-20').deadlines).toMatchObject([
      { item: 'admissionApprovedOn', dueOn: '2025-08-20' },
    ]);
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
      ready,
    );
    expect(items(nextStep(m, '2018-06-01').missing)).toContain('admissionResolutionOn');
    expect(checkPipelineDates(m, '2018-06-01')).toMatchObject([{ path: 'admissionResolutionOn' }]);
  });
});

describe('预备党员 → 正式党员', () => {
  const admitted = {
    admissionResolutionOn: '2025-05-20',
    admissionApprovedOn: '2025-06-10',
    joinedOn: '2025-05-20',
  };
  const probationary = { ...admitted, oathOn: '2025-07-01', conversionRequestOn: '2026-05-01' };

  it('党章第七条: the probation lasts one year from the join date; the conversion meeting comes after it', () => {
    const step = nextStep(person('probationary', probationary), '2026-05-19');
    expect(step).toMatchObject({ next: 'full', earliestOn: '2026-05-20', ready: false });
    expect(items(step.missing)).toEqual(['conversionResolutionOn']);
    expect(probationEndOf(person('probationary', probationary))).toBe('2026-05-20');
  });

  it('党章第六条: the oath is taken once admitted, and the conversion waits for it', () => {
    const sworn = person('probationary', { ...admitted, oathOn: '2025-06-01' });
    expect(checkPipelineDates(sworn, '2026-06-01')).toMatchObject([{ path: 'oathOn' }]);
    expect(items(nextStep(person('probationary', admitted), '2026-06-01').missing)).toEqual([
      'oathOn',
      'conversionRequestOn',
      'conversionResolutionOn',
    ]);
  });

  it('细则第三十三条: the probationer asks in writing, and the meeting follows the request', () => {
    const m = person('probationary', {
      ...probationary,
      conversionRequestOn: '2026-05-25',
      conversionResolutionOn: '2026-05-22',
    });
    expect(checkPipelineDates(m, '2026-06-01').map((p) => [p.path, p.text.zh])).toEqual([
      ['conversionResolutionOn', '预备期满并提出书面转正申请后（2026-05-25 起）方可讨论转正'],
    ]);
  });

  it('a conversion resolution before the year is out does not count', () => {
    const m = person('probationary', { ...probationary, conversionResolutionOn: '2026-05-10' });
    const step = nextStep(m, '2026-06-01');
    expect(items(step.missing)).toEqual(['conversionResolutionOn']);
    expect(step.missing[0].text.zh).toContain('（2026-05-20 起）方可讨论转正');
  });

  it('党章第七条: once the probation has ended the branch discusses the conversion in time; after the end the meeting is overdue', () => {
    const m = person('probationary', probationary);
    expect(nextStep(m, '2026-05-20')).toMatchObject({
      deadlines: [{ item: 'conversionResolutionOn', dueOn: '2026-05-20' }],
      overdue: [],
    });
    const late = nextStep(m, '2026-05-21');
    expect(late.overdue).toMatchObject([{ item: 'conversionResolutionOn', dueOn: '2026-05-20' }]);
    expect(late.overdue[0].text.zh).toBe('预备期已于 2026-05-20 届满，支部应当及时讨论其能否转为正式党员');
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

  it('细则第三十四条: the approval of the conversion is due within three months of the resolution', () => {
    expect(nextStep(resolved, '2026-08-25').overdue).toEqual([]);
    expect(nextStep(resolved, '2026-08-26').overdue).toMatchObject([{ item: 'conversionApprovedOn' }]);
  });

  it('党章第七条: full membership dates from the end of the probation, not from the approval', () => {
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

describe('延长预备期 (党章第七条；细则第三十二条)', () => {
  const joined = {
    admissionResolutionOn: '2025-05-20',
    admissionApprovedOn: '2025-06-10',
    joinedOn: '2025-05-20',
    oathOn: '2025-07-01',
    conversionRequestOn: '2026-05-01',
  };
  const probationer = person('probationary', joined);
  const sixMonths: Extension = { months: 6, resolutionOn: '2026-05-22', approvedOn: '2026-06-20' };
  const extended = person('probationary', joined, { extension: sixMonths });

  it('given a probationer who joined on 2025-05-20, when the branch extends the probation by six months with approval, then it ends on 2026-11-20 — join date + 18 months', () => {
    expect(extensionProblems(probationer, sixMonths, '2026-07-01')).toEqual([]);
    expect(probationEndOf(extended)).toBe('2026-11-20');
    const step = nextStep(extended, '2026-07-01');
    expect(step).toMatchObject({ earliestOn: '2026-11-20', ready: false });
    expect(step.deadlines).toMatchObject([{ item: 'conversionResolutionOn', dueOn: '2026-11-20' }]);
    // the conversion meeting waits for the end of the extended probation
    const early = person(
      'probationary',
      { ...joined, conversionResolutionOn: '2026-06-01' },
      { extension: sixMonths },
    );
    expect(checkPipelineDates(early, '2026-07-01')[0].text.zh).toContain('（2026-11-20 起）方可讨论转正');
  });

  it('and the full-membership date on conversion is the end of the actual probation', () => {
    const resolved = person(
      'probationary',
      { ...joined, conversionResolutionOn: '2026-11-25' },
      { extension: sixMonths },
    );
    expect(advanceProblems(resolved, 'full', '2026-12-01', '2026-12-01')).toEqual([]);
    expect(advanceChanges(resolved, 'full', '2026-12-01')).toEqual({
      conversionApprovedOn: '2026-12-01',
      fullOn: '2026-11-20',
    });
  });

  it('an extension awaiting approval counts already, holds the conversion, and is due for approval within three months', () => {
    const pending = person(
      'probationary',
      { ...joined, conversionResolutionOn: '2026-12-01' },
      { extension: { ...sixMonths, approvedOn: null } },
    );
    const step = nextStep(pending, '2026-12-05');
    expect(items(step.missing)).toEqual(['probationExtensionApprovedOn']);
    expect(step.deadlines[0]).toMatchObject({ item: 'probationExtensionApprovedOn', dueOn: '2026-08-22' });
    expect(step.overdue.map((o) => o.item)).toEqual(['probationExtensionApprovedOn']);
  });

  it('lasts at least half a year and at most one', () => {
    expect(extensionProblems(probationer, { ...sixMonths, months: 5 }, '2026-07-01')).toMatchObject([
      { path: 'months', text: { zh: '延长时间不能少于半年，最长不超过一年（6 至 12 个月）' } },
    ]);
    expect(extensionProblems(probationer, { ...sixMonths, months: 13 }, '2026-07-01')[0].path).toBe('months');
    expect(extensionProblems(probationer, { ...sixMonths, months: 12 }, '2026-07-01')).toEqual([]);
  });

  it('happens once: after an approved extension there is no second one, but one awaiting approval may be corrected or approved', () => {
    const again = extensionProblems(extended, { ...sixMonths, months: 12 }, '2026-07-01');
    expect(again).toMatchObject([{ path: 'months' }]);
    expect(again[0].text.zh).toBe('预备期只能延长一次：已于 2026-06-20 经上级党委批准延长 6 个月');
    expect(extensionProblems(extended, sixMonths, '2026-07-01')).toEqual([]);
    const pending = person('probationary', joined, { extension: { ...sixMonths, approvedOn: null } });
    expect(extensionProblems(pending, { ...sixMonths, months: 9 }, '2026-07-01')).toEqual([]);
  });

  it('is decided by the branch meeting about a probationary member, approved after it, never in the future', () => {
    expect(
      extensionProblems(probationer, { ...sixMonths, resolutionOn: '2025-05-01' }, '2026-07-01'),
    ).toMatchObject([{ path: 'resolutionOn' }]);
    expect(
      extensionProblems(probationer, { ...sixMonths, approvedOn: '2026-05-01' }, '2026-07-01'),
    ).toMatchObject([
      { path: 'approvedOn', text: { zh: '上级党委批准不能早于支部党员大会讨论（2026-05-22）' } },
    ]);
    expect(extensionProblems(probationer, sixMonths, '2026-06-19')).toMatchObject([
      { path: 'approvedOn', text: { zh: '日期不能晚于今天' } },
    ]);
    expect(extensionProblems(person('full', joined), sixMonths, '2026-07-01')[0].text.zh).toBe(
      '只有预备党员才能延长预备期，该同志现为正式党员',
    );
  });

  it('is refused when a conversion meeting already on file would come before the longer probation ends', () => {
    const converted = person('probationary', { ...joined, conversionResolutionOn: '2026-05-25' });
    expect(extensionProblems(converted, sixMonths, '2026-07-01')).toMatchObject([
      { path: 'conversionResolutionOn' },
    ]);
  });
});

describe('取消预备党员资格 (党章第七条；细则第三十二条)', () => {
  const joined = {
    admissionResolutionOn: '2025-05-20',
    admissionApprovedOn: '2025-06-10',
    joinedOn: '2025-05-20',
  };
  const probationer = person('probationary', joined);

  it('is decided by the branch meeting about a probationary member and approved after it', () => {
    expect(
      cancellationProblems(probationer, { resolutionOn: '2026-05-25', approvedOn: null }, '2026-06-01'),
    ).toEqual([]);
    expect(
      cancellationProblems(
        probationer,
        { resolutionOn: '2026-05-25', approvedOn: '2026-05-20' },
        '2026-06-01',
      ),
    ).toMatchObject([{ path: 'approvedOn' }]);
    expect(
      cancellationProblems(
        person('candidate', {}),
        { resolutionOn: '2026-05-25', approvedOn: null },
        '2026-06-01',
      ),
    ).toMatchObject([{ path: 'status' }]);
  });

  it('awaiting approval it is flagged, with the approval due within three months, and the conversion is held', () => {
    const held = person(
      'probationary',
      {
        ...joined,
        oathOn: '2025-07-01',
        conversionRequestOn: '2026-05-01',
        conversionResolutionOn: '2026-05-25',
      },
      { cancellation: { resolutionOn: '2026-05-25', approvedOn: null } },
    );
    expect(alertsOf(held)).toMatchObject([{ kind: 'cancellationPending', on: '2026-08-25' }]);
    expect(advanceProblems(held, 'full', '2026-06-01', '2026-06-01')).toMatchObject([{ path: 'to' }]);
    expect(
      extensionProblems(held, { months: 6, resolutionOn: '2026-05-25', approvedOn: null }, '2026-06-01'),
    ).toMatchObject([{ path: 'status' }]);
  });
});

describe('细则第三十六条: a probationer who transferred in', () => {
  const joined = {
    admissionResolutionOn: '2025-05-20',
    admissionApprovedOn: '2025-06-10',
    joinedOn: '2025-05-20',
  };

  it('may have the conversion discussion postponed by up to six months after the probation ends — said, not decided', () => {
    const moved = person('probationary', joined, { transferredInOn: '2025-11-03' });
    expect(alertsOf(moved)).toMatchObject([{ kind: 'transferredIn', on: '2026-11-20' }]);
    // a transfer before joining (as a full member elsewhere) is no probationer's
    expect(alertsOf(person('probationary', joined, { transferredInOn: '2025-05-01' }))).toEqual([]);
    expect(alertsOf(person('probationary', joined))).toEqual([]);
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
      person(
        'candidate',
        { candidateOn: '2025-03-10', candidateFiledOn: '2025-03-11' },
        { sponsors: [7, 8] },
      ),
      'probationary',
      '2025-06-01',
      '2025-06-01',
    );
    expect(problems.map((p) => p.path)).toEqual([
      'politicalReviewOn',
      'trainingOn',
      'trainingHours',
      'preReviewOn',
      'applicationFormOn',
      'admissionResolutionOn',
      'committeeTalkOn',
    ]);
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
  const cases: [string, PipelineMember][] = [
    ['an applicant not yet talked to', person('applicant', { appliedOn: '2026-01-10' })],
    ['an applicant talked to', person('applicant', { appliedOn: '2026-01-10', talkedOn: '2026-01-20' })],
    [
      'an activist of a year, filed, with a contact',
      person(
        'activist',
        {
          appliedOn: '2024-01-10',
          talkedOn: '2024-01-20',
          activistOn: '2025-03-01',
          activistFiledOn: '2025-03-02',
        },
        { contacts: [7] },
      ),
    ],
    [
      'a candidate resolved but not approved',
      person(
        'candidate',
        {
          appliedOn: '2022-01-10',
          talkedOn: '2022-01-20',
          activistOn: '2023-03-01',
          activistFiledOn: '2023-03-02',
          candidateOn: '2024-04-01',
          candidateFiledOn: '2024-04-02',
          politicalReviewOn: '2024-05-01',
          trainingOn: '2024-05-10',
          preReviewOn: '2024-05-20',
          applicationFormOn: '2024-05-25',
          admissionResolutionOn: '2025-06-01',
          committeeTalkOn: '2025-06-05',
        },
        { trainingHours: 24, sponsors: [7, 8] },
      ),
    ],
    [
      'a probationary member',
      person('probationary', {
        admissionResolutionOn: '2025-07-01',
        joinedOn: '2025-07-01',
        admissionApprovedOn: '2025-07-20',
        oathOn: '2025-07-25',
        conversionRequestOn: '2026-06-01',
      }),
    ],
    [
      'a probationer whose extension awaits approval',
      person(
        'probationary',
        {
          admissionResolutionOn: '2025-01-01',
          joinedOn: '2025-01-01',
          admissionApprovedOn: '2025-01-20',
          oathOn: '2025-01-25',
          conversionRequestOn: '2025-12-20',
        },
        { extension: { months: 6, resolutionOn: '2026-01-05', approvedOn: null } },
      ),
    ],
  ];
  for (const [what, m] of cases)
    it(what, () => {
      const s = standingOf(m);
      for (const today of [
        '2025-01-01',
        '2026-02-11',
        '2026-02-12',
        '2026-04-06',
        '2026-07-02',
        '2027-01-01',
      ]) {
        const step = nextStep(m, today);
        expect(readyOn(s, today), `${what} ready on ${today}`).toBe(step.ready);
        expect(overdueOn(s, today), `${what} overdue on ${today}`).toBe(step.overdue.length > 0);
      }
    });
});
