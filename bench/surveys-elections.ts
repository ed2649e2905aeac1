import { elections } from './elections/run.ts';
import { machine, writeResults } from './lib.ts';
import { surveys } from './surveys/run.ts';

/**
 * Issue 16: the surveys' figures on a fresh district (bench/surveys/run.ts: 11,780 respondents of
 * the 28-item survey through its public link, then its Word report) and the elections' on a fresh
 * database (bench/elections/run.ts: 5,000 voters casting within 60 s, then the count and its
 * verification), one after the other, into bench/results/surveys-elections.json.
 */
export async function surveysElections() {
  const s = await surveys();
  const e = (await elections()) as Record<string, unknown>;
  const n = (r: Record<string, unknown>, k: string) => Number(r[k]);
  const results = {
    machine: machine(),
    surveyResponses11780Seconds: s.surveyResponses11780Seconds,
    lost: s.lost,
    surveyReportSeconds: s.surveyReportSeconds,
    ballots5000P99Ms: e.ballots5000P99Ms,
    tally5000Ms: e.tally5000Ms,
    chainVerified: e.chainVerified,
    targets: {
      '11,780 survey responses < 120 s, none lost':
        n(s, 'surveyResponses11780Seconds') < 120 && n(s, 'lost') === 0,
      'the Word report of them < 10 s': n(s, 'surveyReportSeconds') < 10,
      '5,000 ballots within 60 s, p99 < 200 ms': n(e, 'ballots5000P99Ms') < 200,
      'the count of 5,000 < 1,000 ms, the chain verified':
        n(e, 'tally5000Ms') < 1000 && e.chainVerified === true,
    },
    surveys: s,
    elections: e,
  };
  console.log('targets', results.targets);
  console.log('written to', writeResults('surveys-elections', results));
  return results;
}
