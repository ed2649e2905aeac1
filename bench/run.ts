import { assessment } from './assessment.ts';
import { entrance } from './entrance.ts';
import { exams } from './exams.ts';
import { foundation } from './foundation.ts';
import { machine, writeResults } from './lib.ts';
import { learning } from './learning.ts';
import { life } from './life.ts';
import { members } from './members.ts';
import { surveysElections } from './surveys-elections.ts';
import { weight } from './weight.ts';

// `npm run bench -- NAME…` (default: all). Benchmarks measure; they never fail a test run.
// A benchmark that cannot finish (a setup call refused, an import failed) replaces its results
// file with the reason, so no earlier figures stand in for a run that did not happen.
const BENCHES: Record<string, () => Promise<unknown>> = {
  foundation,
  members,
  life,
  learning,
  exams,
  'surveys-elections': surveysElections,
  entrance,
  weight,
  assessment,
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
let failed = false;
for (const name of names.length ? names : Object.keys(BENCHES)) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${name} ===`);
  try {
    await run();
  } catch (err) {
    failed = true;
    console.error(`bench ${name} failed:`, err);
    writeResults(name, {
      machine: machine(),
      failed: String(err instanceof Error ? err.message : err).slice(0, 2000),
    });
  }
}
process.exit(failed ? 1 : 0);
