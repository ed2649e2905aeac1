import { foundation } from './foundation.ts';
import { members } from './members.ts';

// `npm run bench -- NAME…` (default: all). Benchmarks measure; they never fail a test run.
const BENCHES: Record<string, () => Promise<unknown>> = { foundation, members };

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of names.length ? names : Object.keys(BENCHES)) {
  const run = BENCHES[name];
  if (!run) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${name} ===`);
  await run();
}
