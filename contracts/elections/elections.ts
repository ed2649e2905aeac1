import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from '../common.ts';

// 选举与民主评议: elections (选举), democratic appraisal of members (民主评议党员) and recommendation
// of candidates for a cadre post (民主推荐), all on one secret-ballot engine.

export const ELECTION_KINDS = ['election', 'appraisal', 'cadre_recommendation'] as const;
export type ElectionKind = (typeof ELECTION_KINDS)[number];

/** draft → submitted (to the superior org) → approved → open (voting) → closed (counted). */
export const ELECTION_STATES = ['draft', 'submitted', 'approved', 'open', 'closed'] as const;
export type ElectionState = (typeof ELECTION_STATES)[number];

/** What a candidate stands for where the secretary and deputy are elected directly. */
export const OFFICES = ['member', 'secretary', 'deputy'] as const;
export type Office = (typeof OFFICES)[number];

/** 赞成 / 不赞成 / 弃权 on an election or recommendation ballot. */
export const VOTE_MARKS = ['yes', 'no', 'abstain'] as const;
export type VoteMark = (typeof VOTE_MARKS)[number];

/** 优秀 / 合格 / 基本合格 / 不合格 on an appraisal ballot. */
export const APPRAISAL_GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];

/** The longest name written in for 另选他人. */
export const WRITE_IN_MAX = 20;

export const CandidateInput = z.strictObject({
  name: text(20).meta({ title: '候选人姓名' }),
  memberId: Id.nullable().default(null),
  office: z.enum(OFFICES).default('member'),
});

export const SaveElection = z.strictObject({
  orgId: Id.meta({ title: '党组织' }),
  kind: z.enum(ELECTION_KINDS).meta({ title: '类型' }),
  title: text(100).meta({ title: '名称' }),
  post: text(50).nullable().default(null).meta({ title: '推荐职位' }),
  seats: z.number().int().min(1).max(50).meta({ title: '应选人数' }),
  /** For an appraisal the roll is the candidate list: leave empty. */
  candidates: z.array(CandidateInput).max(200).default([]).meta({ title: '候选人' }),
});
export type SaveElection = z.infer<typeof SaveElection>;

export const Candidate = z.object({
  id: Id,
  name: z.string(),
  memberId: Id.nullable(),
  office: z.enum(OFFICES),
});
export type Candidate = z.infer<typeof Candidate>;

export const Election = z.object({
  id: Id,
  orgId: Id,
  orgName: z.string(),
  kind: z.enum(ELECTION_KINDS),
  title: z.string(),
  post: z.string().nullable(),
  seats: z.number().int(),
  round: z.number().int(),
  previousId: Id.nullable(),
  state: z.enum(ELECTION_STATES),
  candidates: z.array(Candidate),
  approvedBy: z.string().nullable(),
  entitled: z.number().int().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  chainHead: z.string().nullable(),
  resultApprovedBy: z.string().nullable(),
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    approve: z.boolean(),
    open: z.boolean(),
    close: z.boolean(),
    tell: z.boolean(),
    approveResult: z.boolean(),
    nextRound: z.boolean(),
  }),
});
export type Election = z.infer<typeof Election>;

export const ElectionListQuery = PageQuery.extend({
  orgId: Id.optional(),
  /** `approvals`: those submitted by orgs below mine, awaiting my approval. */
  view: z.enum(['all', 'approvals']).default('all'),
});
export const ElectionPage = pageOf(Election);

/** One ballot as cast: a mark per candidate (missing = 弃权) and names written in. */
export const BallotChoices = z.strictObject({
  marks: z
    .record(Id, z.enum([...VOTE_MARKS, ...APPRAISAL_GRADES]))
    .default({})
    .meta({ title: '选择' }),
  writeIns: z.array(z.string().trim().min(1).max(200)).max(50).default([]).meta({ title: '另选他人' }),
});
export type BallotChoices = z.infer<typeof BallotChoices>;

export const CastReceipt = z.object({
  trackingCode: z.string(),
  note: z.string(),
});

export const PaperIssue = z.strictObject({ memberId: Id.meta({ title: '党员' }) });
export const PaperEntry = z.strictObject({
  paperNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,20}$/, { message: '选票编号只能是1–20位数字、字母或短横线' })
    .meta({ title: '选票编号' }),
  choices: BallotChoices,
});
export const PaperEntryResult = z.object({
  paperNo: z.string(),
  /** `waiting`: the first teller's entry, awaiting the second; `counted`: both agreed. */
  state: z.enum(['waiting', 'counted']),
});

export const RollEntry = z.object({
  memberId: Id,
  name: z.string(),
  voted: z.enum(['online', 'paper']).nullable(),
});
export const Roll = z.object({ items: z.array(RollEntry) });

/** What the meeting sees while voting: how many, never what. */
export const Progress = z.object({
  state: z.enum(ELECTION_STATES),
  entitled: z.number().int(),
  voted: z.number().int(),
  ballots: z.number().int(),
  paperIssued: z.number().int(),
  paperWaiting: z.number().int(),
});

export const BulletinBallot = z.object({
  position: z.number().int(),
  trackingCode: z.string(),
  choices: BallotChoices,
  valid: z.boolean(),
  hash: z.string(),
});
export const Bulletin = z.object({
  electionId: Id,
  title: z.string(),
  chainHead: z.string(),
  candidates: z.array(Candidate),
  ballots: z.array(BulletinBallot),
});

export const CandidateTally = z.object({
  candidateId: Id.nullable(),
  name: z.string(),
  yes: z.number().int(),
  no: z.number().int(),
  abstain: z.number().int(),
  grades: z.record(z.string(), z.number().int()).optional(),
  writeIn: z.boolean(),
  elected: z.boolean(),
});
export const ResultSheet = z.object({
  electionId: Id,
  title: z.string(),
  kind: z.enum(ELECTION_KINDS),
  seats: z.number().int(),
  entitled: z.number().int(),
  present: z.number().int(),
  issued: z.number().int(),
  returned: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  meetingValid: z.boolean(),
  tally: z.array(CandidateTally),
  elected: z.array(z.string()),
  tied: z.array(z.string()),
  remainingSeats: z.number().int(),
  chainHead: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export type ResultSheet = z.infer<typeof ResultSheet>;

export const Verification = z.object({
  chainVerified: z.boolean(),
  tallyVerified: z.boolean(),
  ballots: z.number().int(),
  chainHead: z.string(),
  recomputedHead: z.string(),
});

export const MyElection = z.object({
  id: Id,
  kind: z.enum(ELECTION_KINDS),
  title: z.string(),
  orgName: z.string(),
  post: z.string().nullable(),
  seats: z.number().int(),
  state: z.enum(ELECTION_STATES),
  voted: z.boolean(),
  /** Only the roll's own people get a ballot; null when I may not vote, with why. */
  refusal: z.string().nullable(),
  candidates: z.array(Candidate),
  /** My own line on an appraisal ballot (nobody rates themself). */
  selfCandidateId: Id.nullable(),
});
export type MyElection = z.infer<typeof MyElection>;
export const MyElections = z.object({ items: z.array(MyElection) });
export type MyElections = z.infer<typeof MyElections>;
