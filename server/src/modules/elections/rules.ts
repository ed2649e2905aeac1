import {
  APPRAISAL_GRADES,
  type BallotChoices,
  type ElectionKind,
  VOTE_MARKS,
  WRITE_IN_MAX,
} from '../../../../contracts/elections/elections.ts';
import type { Text } from '../../platform/http/errors.ts';

// The rules of 中国共产党基层组织选举工作条例 (2020, "条例" below) that the engine applies, each
// with its article where it could be confirmed against the published text; "(条例, article not
// confirmed)" where it could not. Pure functions: no database, no clock.

export type VoterFacts = {
  status: string;
  partyStanding: string;
  /** The member's discipline records (奖惩, kind 'discipline'): title and date. */
  discipline: readonly { title: string; on: string }[];
};

export type NoVote = 'probationary' | 'observation' | 'suspended' | 'not_member';

/** 留党察看 lasts one year, or two at most (党章第四十条): within two years of it, the right may still be suspended. */
const OBSERVATION_YEARS = 2;

/**
 * 条例第五条: 正式党员有表决权、选举权、被选举权。受留党察看处分的党员在留党察看期间没有表决权、
 * 选举权和被选举权；预备党员没有表决权、选举权和被选举权。A member whose standing is suspended
 * (停止党籍) takes no part in the Party's life at all (党章第九条).
 */
export function noVoteReason(m: VoterFacts, today: string): NoVote | null {
  if (m.partyStanding !== 'normal') return 'suspended';
  if (m.status === 'probationary') return 'probationary';
  if (m.status !== 'full') return 'not_member';
  const since = `${Number(today.slice(0, 4)) - OBSERVATION_YEARS}${today.slice(4)}`;
  if (m.discipline.some((d) => d.title === '留党察看' && d.on > since)) return 'observation';
  return null;
}

export const NO_VOTE_TEXT: Record<NoVote, Text> = {
  probationary: {
    zh: '预备党员没有表决权、选举权和被选举权，不能领取选票',
    en: 'A probationary member has no vote and gets no ballot',
  },
  observation: {
    zh: '受留党察看处分的党员在留党察看期间没有选举权，不能领取选票',
    en: 'A member under probation within the Party (留党察看) has no vote during it',
  },
  suspended: { zh: '停止党籍期间没有选举权，不能领取选票', en: 'A suspended member has no vote' },
  not_member: { zh: '只有正式党员有选举权', en: 'Only full members vote' },
};

/**
 * 差额选举: committee members are elected from more candidates than seats, by at least 20% of
 * the seats (条例, article not confirmed: "委员候选人的差额不少于应选人数的20%"). Rounded up: five
 * seats need six candidates, seven seats need nine.
 */
export function minCandidates(seats: number): number {
  return Math.ceil(seats * 1.2 - 1e-9);
}

export type CandidateFacts = { name: string; office: string };

/**
 * What is wrong with a candidate list when it goes to the superior org (null: nothing). An
 * election of committee members needs the 20% margin over its seats; a secretary or deputy
 * elected directly may stand alone (等额, 条例, article not confirmed). A recommendation needs at
 * least one name per post; an appraisal rates the roll and has no list.
 */
export function candidateListProblem(
  kind: ElectionKind,
  seats: number,
  candidates: readonly CandidateFacts[],
): Text | null {
  if (kind === 'appraisal') return null;
  const names = candidates.map((c) => c.name);
  if (new Set(names).size !== names.length)
    return { zh: '候选人名单中有重名，请加以区分', en: 'Two candidates have the same name' };
  if (kind === 'cadre_recommendation')
    return candidates.length >= seats
      ? null
      : { zh: `推荐人选不能少于推荐名额（${seats}人）`, en: `At least ${seats} names are needed` };
  const members = candidates.filter((c) => c.office === 'member').length;
  if (members === 0 && candidates.length >= seats) return null; // only a secretary/deputy elected directly
  const need = minCandidates(seats);
  if (members < need)
    return {
      zh: `差额选举：委员候选人应多于应选人数至少20%，应选${seats}人需至少${need}名候选人（现有${members}名）`,
      en: `Contested election: ${seats} seats need at least ${need} candidates (20% more); there are ${members}`,
    };
  return null;
}

/**
 * 有选举权的到会人数超过应到会人数的五分之四，会议有效 (条例, article not confirmed; the same
 * rule as 暂行条例 1990). Present = those who voted online or were issued a paper ballot.
 */
export function meetingValid(entitled: number, present: number): boolean {
  return entitled > 0 && present * 5 > entitled * 4;
}

/**
 * 被选举人获得的赞成票超过应到会有选举权的人数的一半，始得当选 (条例, article not confirmed; the
 * 2020 条例 counts against those entitled, 应到会, as the local organizations' regulation does —
 * the 1990 暂行条例 counted against those present, 实到会, and older handbooks still say so). A
 * member who stays away therefore weighs as a 不赞成.
 */
export function enoughYes(yes: number, entitled: number): boolean {
  return yes * 2 > entitled;
}

export type BallotIssue = { path: string; text: Text };

/**
 * Why a ballot cannot stand as cast (null: it may). Each mark must name a candidate of the list
 * and be of the ballot's kind (赞成/不赞成/弃权, or 优秀/合格/基本合格/不合格); a write-in
 * (另选他人) is a name of at most WRITE_IN_MAX characters; the 赞成 marks and write-ins together
 * may not exceed the seats (所选人数多于应选人数的选票无效, 条例, article not confirmed). In an
 * appraisal a member does not rate themself, and write-ins have no place.
 */
export function ballotProblem(
  kind: ElectionKind,
  seats: number,
  candidateIds: readonly string[],
  choices: BallotChoices,
  self?: { candidateId: string | null },
): BallotIssue | null {
  const allowed: readonly string[] = kind === 'appraisal' ? APPRAISAL_GRADES : VOTE_MARKS;
  for (const [id, mark] of Object.entries(choices.marks)) {
    if (!candidateIds.includes(id))
      return {
        path: `marks.${id}`,
        text: { zh: '选票上没有这名候选人', en: 'No such candidate on the ballot' },
      };
    if (!allowed.includes(mark))
      return {
        path: `marks.${id}`,
        text: {
          zh:
            kind === 'appraisal'
              ? '评议只能选 优秀、合格、基本合格 或 不合格'
              : '只能选 赞成、不赞成 或 弃权',
          en: 'Not a mark this ballot takes',
        },
      };
    if (kind === 'appraisal' && self?.candidateId === id)
      return { path: `marks.${id}`, text: { zh: '不能评议自己', en: 'You do not rate yourself' } };
  }
  if (kind === 'appraisal' && choices.writeIns.length)
    return { path: 'writeIns', text: { zh: '民主评议没有另选他人', en: 'An appraisal takes no write-ins' } };
  for (const [i, name] of choices.writeIns.entries())
    if ([...name].length > WRITE_IN_MAX)
      return {
        path: `writeIns.${i}`,
        text: {
          zh: `另选他人的姓名不能超过${WRITE_IN_MAX}个字`,
          en: `A written-in name is at most ${WRITE_IN_MAX} characters`,
        },
      };
  if (kind !== 'appraisal') {
    const chosen = Object.values(choices.marks).filter((m) => m === 'yes').length + choices.writeIns.length;
    if (chosen > seats) return tooMany(seats, chosen);
  }
  return null;
}

function tooMany(seats: number, chosen: number): BallotIssue {
  return {
    path: 'marks',
    text: {
      zh: `所选人数（${chosen}人，含另选他人）多于应选人数（${seats}人）`,
      en: `${chosen} chosen (write-ins included), more than the ${seats} seats`,
    },
  };
}

/**
 * A paper ballot is entered as it was marked: one choosing more than the seats is counted as an
 * invalid ballot (无效票), not refused — the paper exists and the count must show it. Anything else
 * wrong is a teller's typing and is refused.
 */
export function paperBallotValidity(
  kind: ElectionKind,
  seats: number,
  candidateIds: readonly string[],
  choices: BallotChoices,
): { valid: boolean } | { problem: BallotIssue } {
  const p = ballotProblem(kind, seats, candidateIds, choices);
  if (!p) return { valid: true };
  if (p.path === 'marks' && kind !== 'appraisal') return { valid: false };
  return { problem: p };
}
