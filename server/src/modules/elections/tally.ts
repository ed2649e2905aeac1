import { createHash } from 'node:crypto';
import type {
  AppraisalGrade,
  BallotChoices,
  ElectionKind,
} from '../../../../contracts/elections/elections.ts';
import { enoughYes, meetingValid } from './rules.ts';

// The count and the proof: pure functions over the ballots, used at closing, on the big screen and
// by the verification page, so that what anyone recomputes is what was announced.

export type TallyCandidate = { id: string; name: string };
export type TallyBallot = { choices: BallotChoices; valid: boolean };

export type TallyRow = {
  candidateId: string | null;
  name: string;
  yes: number;
  no: number;
  abstain: number;
  grades?: Record<AppraisalGrade, number>;
  writeIn: boolean;
  elected: boolean;
};

export type StoredResult = {
  entitled: number;
  present: number;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  meetingValid: boolean;
  tally: TallyRow[];
  elected: string[];
  tied: string[];
  remainingSeats: number;
};

const noGrades = (): Record<AppraisalGrade, number> => ({
  excellent: 0,
  qualified: 0,
  basic: 0,
  unqualified: 0,
});

/**
 * Counts the valid ballots. A candidate's missing mark counts as 弃权; a written-in name is a 赞成
 * for that name (for a listed candidate's name, that candidate's). Who is elected:
 * - only when the meeting is valid (more than 4/5 of those entitled present);
 * - a candidate with 赞成 from more than half of those present with a vote qualifies;
 * - more qualifiers than seats: the most votes win (条例, article not confirmed);
 * - a tie across the last seat: none of the tied is elected, they go to a re-vote (`tied`);
 * - fewer elected than seats: `remainingSeats` go to a further round.
 * A recommendation (民主推荐) ranks by 赞成 with no threshold: the top `seats` are recommended.
 * An appraisal counts each member's grades; nobody is "elected".
 */
export function tally(
  kind: ElectionKind,
  seats: number,
  candidates: readonly TallyCandidate[],
  ballots: readonly TallyBallot[],
  roll: { entitled: number; present: number; issued: number },
): StoredResult {
  const rows = new Map<string, TallyRow>();
  const byName = new Map<string, string>();
  for (const c of candidates) {
    rows.set(c.id, {
      candidateId: c.id,
      name: c.name,
      yes: 0,
      no: 0,
      abstain: 0,
      ...(kind === 'appraisal' ? { grades: noGrades() } : {}),
      writeIn: false,
      elected: false,
    });
    byName.set(c.name, c.id);
  }
  let valid = 0;
  for (const b of ballots) {
    if (!b.valid) continue;
    valid++;
    for (const c of candidates) {
      const row = rows.get(c.id) as TallyRow;
      const mark = b.choices.marks[c.id];
      if (kind === 'appraisal') {
        if (mark && row.grades && mark in row.grades) row.grades[mark as AppraisalGrade]++;
        else row.abstain++;
      } else if (mark === 'yes') row.yes++;
      else if (mark === 'no') row.no++;
      else row.abstain++;
    }
    for (const name of b.choices.writeIns) {
      const key = byName.get(name) ?? `w:${name}`;
      let row = rows.get(key);
      if (!row) {
        row = { candidateId: null, name, yes: 0, no: 0, abstain: 0, writeIn: true, elected: false };
        rows.set(key, row);
      }
      row.yes++;
    }
  }
  const all = [...rows.values()];
  const valid4_5 = meetingValid(roll.entitled, roll.present);
  let elected: TallyRow[] = [];
  let tied: TallyRow[] = [];
  if (kind !== 'appraisal' && valid4_5) {
    const qualified = all
      .filter((r) => (kind === 'cadre_recommendation' ? r.yes > 0 : enoughYes(r.yes, roll.entitled)))
      .sort((a, b) => b.yes - a.yes);
    if (qualified.length <= seats) elected = qualified;
    else {
      const last = qualified[seats - 1].yes;
      elected = qualified.filter((r) => r.yes > last);
      const atLast = qualified.filter((r) => r.yes === last);
      // the tied share the seats left: all fit only when there are exactly enough
      if (elected.length + atLast.length <= seats) elected = [...elected, ...atLast];
      else tied = atLast;
    }
  }
  for (const r of elected) r.elected = true;
  return {
    entitled: roll.entitled,
    present: roll.present,
    issued: roll.issued,
    returned: ballots.length,
    valid,
    invalid: ballots.length - valid,
    meetingValid: valid4_5,
    tally:
      kind === 'appraisal' ? all : all.sort((a, b) => b.yes - a.yes || Number(a.writeIn) - Number(b.writeIn)),
    elected: elected.map((r) => r.name),
    tied: tied.map((r) => r.name),
    remainingSeats: kind === 'appraisal' ? 0 : seats - elected.length,
  };
}

/** One canonical text of a ballot's choices (keys sorted), so the chain hashes the same bytes everywhere. */
export function canonicalChoices(c: BallotChoices): string {
  const marks = Object.keys(c.marks)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => [k, c.marks[k]]);
  return JSON.stringify({ marks, writeIns: c.writeIns });
}

/** Where every election's chain starts: bound to the election, so no chain can be passed off as another's. */
export function chainStart(electionId: number): string {
  return createHash('sha256').update(`hongyun-election:${electionId}`).digest('hex');
}

/** The next link: the previous hash, the tracking code, the validity and the choices. */
export function chainLink(previous: string, code: string, valid: boolean, choices: BallotChoices): string {
  return createHash('sha256')
    .update(`${previous}|${code}|${valid ? 1 : 0}|${canonicalChoices(choices)}`)
    .digest('hex');
}

/**
 * The chain over the ballots in the bulletin's order (by tracking code, which is random, so the
 * order says nothing of when each was cast): each ballot's hash, and the head (the last hash).
 */
export function buildChain<B extends { trackingCode: string; valid: boolean; choices: BallotChoices }>(
  electionId: number,
  ballots: readonly B[],
): { links: (B & { hash: string })[]; head: string } {
  const sorted = [...ballots].sort((a, b) => (a.trackingCode < b.trackingCode ? -1 : 1));
  let h = chainStart(electionId);
  const links = sorted.map((b) => {
    h = chainLink(h, b.trackingCode, b.valid, b.choices);
    return { ...b, hash: h };
  });
  return { links, head: h };
}
