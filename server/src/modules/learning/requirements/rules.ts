import type { RequirementKind, StudyFigures } from '../../../../../contracts/learning/requirements.ts';

/**
 * 学时要求: the yearly requirement of concentrated study. 《中国共产党党员教育管理工作条例》
 * (2019) and the national plan for Party members' education and training (《2019—2023年全国党员
 * 教育培训工作规划》) set it: 党员每年集中学习培训时间一般不少于32学时; 基层党组织书记和班子成员
 * 每年集中学习培训时间一般不少于56学时. One class hour (学时) is 45 minutes by default, as most
 * provinces' registration rules count a lesson; the department sets all three (settings.ts).
 * Progress is each member's share of their own figure; study is shown as progress, never used to
 * rank people (the 2026 rules for government apps).
 */

/**
 * The positions (党内职务, members module) that hold a member to the secretaries' and committee
 * members' figure: the branch committee (支部委员会) — its secretary, deputy and committee members.
 * A Party group leader (党小组长) is not on the committee.
 */
export const LEADER_POSITIONS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'] as const;

export type RequirementSettings = {
  memberClassHours: number;
  leaderClassHours: number;
  classHourMinutes: number;
};

export function requirementKind(positions: readonly string[]): RequirementKind {
  return positions.some((p) => (LEADER_POSITIONS as readonly string[]).includes(p)) ? 'leader' : 'member';
}

export function requiredClassHours(kind: RequirementKind, s: RequirementSettings): number {
  return kind === 'leader' ? s.leaderClassHours : s.memberClassHours;
}

export function requiredSeconds(kind: RequirementKind, s: RequirementSettings): number {
  return Math.round(requiredClassHours(kind, s) * s.classHourMinutes * 60);
}

/**
 * A member who joined the Party this year (入党日期, the day of admission as a probationary member)
 * is held to the months left of it, the joining month included: joined in October, 3/12 of the
 * year's figure — 8 class hours of 32 — rather than 32 hours in three months. The regulation sets a
 * yearly figure without saying how a year begun late counts; the provinces' registration rules
 * count it by months, and so does this. Earlier members, and those with no date on record, owe the
 * whole year. rollup.ts computes the same in SQL (proratedSql); the tests hold the two together.
 */
export function proratedSeconds(full: number, joinedOn: string | null, year: number): number {
  if (!joinedOn) return full;
  const joinedYear = Number(joinedOn.slice(0, 4));
  if (joinedYear < year) return full;
  if (joinedYear > year) return 0;
  const month = Number(joinedOn.slice(5, 7));
  return Math.round((full * (13 - month)) / 12);
}

/** Seconds as class hours, to one decimal (rounded down: 31.96 is not yet 32). */
export function classHoursOf(seconds: number, s: Pick<RequirementSettings, 'classHourMinutes'>): number {
  return Math.floor((seconds / (s.classHourMinutes * 60)) * 10) / 10;
}

/** A member's share of their figure, 0–1 (1 once met). */
export function progressOf(seconds: number, required: number): number {
  return required <= 0 ? 1 : Math.min(1, seconds / required);
}

/** An org's figures from the kept sums (requirements/rollup.ts), as a page shows them. */
export function figuresOf(
  sums: { members: number; met: number; progressSum: number; seconds: number },
  s: Pick<RequirementSettings, 'classHourMinutes'>,
): StudyFigures {
  const n = sums.members;
  return {
    members: n,
    met: sums.met,
    metRate: n ? Math.round((sums.met / n) * 1000) / 1000 : 0,
    avgProgress: n ? Math.round((sums.progressSum / n) * 1000) / 1000 : 0,
    avgClassHours: n ? classHoursOf(sums.seconds / n, s) : 0,
  };
}
