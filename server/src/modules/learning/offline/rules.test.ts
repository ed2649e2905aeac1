import { describe, expect, it } from 'vitest';
import { approvalRefusal, approverOrgOf, recorderMay, refusedInState, studiedOnProblem } from './rules.ts';

// the demo tree in miniature: district /1/, town /1/2/, a village general branch /1/2/3/, its branch /1/2/3/4/
const DISTRICT = { orgPath: '/1/' };
const TOWN = { orgPath: '/1/2/' };
const GENERAL = { orgPath: '/1/2/3/' };
const BRANCH = '/1/2/3/4/';
const OTHER_TOWN = { orgPath: '/1/9/' };

describe('who approves offline study (组织认定 is the superior org’s)', () => {
  it('the town admin approves a session of a branch of the town', () => {
    expect(approvalRefusal([TOWN], 7, { orgPath: BRANCH, submittedBy: 5 })).toBeNull();
  });
  it('so does the department, and the admin of a general branch between them', () => {
    expect(approvalRefusal([DISTRICT], 7, { orgPath: BRANCH, submittedBy: 5 })).toBeNull();
    expect(approvalRefusal([GENERAL], 7, { orgPath: BRANCH, submittedBy: 5 })).toBeNull();
  });
  it('the admin of the branch itself does not: an org does not recognise its own study', () => {
    expect(approvalRefusal([{ orgPath: BRANCH }], 7, { orgPath: BRANCH, submittedBy: 5 })).toBe('own_org');
  });
  it('another town’s admin does not: the branch is outside their subtree', () => {
    expect(approvalRefusal([OTHER_TOWN], 7, { orgPath: BRANCH, submittedBy: 5 })).toBe('outside');
    expect(approvalRefusal([], 7, { orgPath: BRANCH, submittedBy: 5 })).toBe('outside');
  });
  it('an admin who submitted the session themselves does not, whatever their grant', () => {
    expect(approvalRefusal([TOWN], 7, { orgPath: BRANCH, submittedBy: 7 })).toBe('own_submission');
  });
  it('an admin of the branch who also holds the town approves through the town’s grant', () => {
    expect(approvalRefusal([{ orgPath: BRANCH }, TOWN], 7, { orgPath: BRANCH, submittedBy: 5 })).toBeNull();
  });
  it('a session recorded by the town itself goes to the district', () => {
    expect(approvalRefusal([TOWN], 7, { orgPath: '/1/2/', submittedBy: 5 })).toBe('own_org');
    expect(approvalRefusal([DISTRICT], 7, { orgPath: '/1/2/', submittedBy: 5 })).toBeNull();
  });
});

describe('the org asked to approve: the nearest above with an admin', () => {
  const up = (...has: boolean[]) => has.map((hasApprovers, i) => ({ id: i + 1, hasApprovers }));
  it('the town when the general branch between has no admin', () => {
    expect(approverOrgOf(up(true, true, false))?.id).toBe(2);
  });
  it('the general branch when it has one', () => {
    expect(approverOrgOf(up(true, true, true))?.id).toBe(3);
  });
  it('the district when no town admin is named; nobody at the top of the tree', () => {
    expect(approverOrgOf(up(true, false, false))?.id).toBe(1);
    expect(approverOrgOf(up(false, false))).toBeNull();
    expect(approverOrgOf([])).toBeNull();
  });
});

describe('who records: the org’s own secretary or admin, or one above it', () => {
  it('covers the branch and nothing outside', () => {
    expect(recorderMay([{ orgPath: BRANCH }], BRANCH)).toBe(true);
    expect(recorderMay([TOWN], BRANCH)).toBe(true);
    expect(recorderMay([OTHER_TOWN], BRANCH)).toBe(false);
  });
});

describe('what each state allows', () => {
  it('a draft is edited, submitted or removed; it is not decided', () => {
    expect(refusedInState('draft', 'edit')).toBeNull();
    expect(refusedInState('draft', 'submit')).toBeNull();
    expect(refusedInState('draft', 'remove')).toBeNull();
    expect(refusedInState('draft', 'approve')?.zh).toBe('该线下学习尚未报送');
  });
  it('a submitted one waits for the superior: decided once, not edited meanwhile', () => {
    expect(refusedInState('submitted', 'approve')).toBeNull();
    expect(refusedInState('submitted', 'return')).toBeNull();
    expect(refusedInState('submitted', 'edit')).not.toBeNull();
    expect(refusedInState('submitted', 'remove')).not.toBeNull();
  });
  it('a returned one is fixed and submitted again, not decided again', () => {
    expect(refusedInState('returned', 'edit')).toBeNull();
    expect(refusedInState('returned', 'submit')).toBeNull();
    expect(refusedInState('returned', 'approve')).not.toBeNull();
    expect(refusedInState('returned', 'remove')).not.toBeNull();
  });
  it('an approved one is final', () => {
    for (const act of ['edit', 'submit', 'remove', 'approve', 'return'] as const)
      expect(refusedInState('approved', act)).not.toBeNull();
    expect(refusedInState('approved', 'approve')?.zh).toBe('该线下学习已审批通过，不能再次审批');
  });
});

describe('the day studied', () => {
  it('today and earlier this year or last year are recorded', () => {
    expect(studiedOnProblem('2026-11-20', '2026-11-20')).toBeNull();
    expect(studiedOnProblem('2025-01-01', '2026-11-20')).toBeNull();
  });
  it('not tomorrow, and not the year before last (that year is reckoned)', () => {
    expect(studiedOnProblem('2026-11-21', '2026-11-20')?.zh).toBe('学习日期不能晚于今天');
    expect(studiedOnProblem('2024-12-31', '2026-11-20')?.zh).toBe('只能登记2025年以来的线下学习');
  });
});
