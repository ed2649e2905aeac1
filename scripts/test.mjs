// `npm test`: everything CI runs, in order, each step counted; the last line is "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium } from './chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-results-'));
let passed = 0;
let failed = 0;
let skippedAll = 0;
let todoAll = 0;
const lines = [];

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds };
}

function check(title, cmd, args) {
  const { ok, seconds } = run(title, cmd, args);
  ok ? passed++ : failed++;
  lines.push(`${ok ? '✓' : '✗'} ${title} (${seconds}s)`);
  return ok;
}

/**
 * Tests are counted one by one; a file that failed without a failing test of its own (it did not
 * load, or its setup threw and its tests were skipped) counts as one failure more. Skipped and
 * todo tests are shown, so a test switched off does not pass unseen.
 */
function vitest(title, args, env = {}) {
  const out = path.join(tmp, `${title.replace(/\W+/g, '-')}.json`);
  const { ok, seconds } = run(
    title,
    'npx',
    ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    env,
  );
  let p = 0;
  let f = 0;
  let skipped = 0;
  let todo = 0;
  const brokenFiles = [];
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    p = r.numPassedTests;
    skipped = r.numPendingTests ?? 0;
    todo = r.numTodoTests ?? 0;
    const files = r.testResults ?? [];
    for (const file of files) {
      if (file.status === 'failed' && !file.assertionResults?.some((a) => a.status === 'failed'))
        brokenFiles.push(path.relative(root, file.name));
    }
    // the per-file list when vitest gave it, else its count of failed files as a floor
    f =
      r.numFailedTests +
      (files.length ? brokenFiles.length : Math.max(0, (r.numFailedTestSuites ?? 0) - r.numFailedTests));
  }
  if (!ok && f === 0) f = 1; // the run itself failed (setup, crash): count it
  passed += p;
  failed += f;
  skippedAll += skipped;
  todoAll += todo;
  const extra = [skipped && `${skipped} skipped`, todo && `${todo} todo`].filter(Boolean).join(', ');
  const broken = brokenFiles.length ? `; files that failed outside a test: ${brokenFiles.join(', ')}` : '';
  lines.push(
    `${f ? '✗' : '✓'} ${title}: ${p} passed, ${f} failed${extra ? `, ${extra}` : ''}${broken} (${seconds}s)`,
  );
}

const chromium = ensureChromium();
check('type check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint (biome)', 'npx', ['biome', 'check', '.']);
vitest('unit and integration tests', []);
const built = check('production build (vite)', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts']);
if (built) {
  vitest('end-to-end tests (Chromium)', ['--config', 'vitest.e2e.config.ts'], { CHROMIUM_PATH: chromium });
} else {
  // dist/web is whatever an earlier build left: testing it would test other code than this
  failed++;
  lines.push('✗ end-to-end tests (Chromium): not run, the build failed (dist/web would be an older build)');
  console.log('\n=== end-to-end tests (Chromium) ===\nnot run: the production build failed');
}

fs.rmSync(tmp, { recursive: true, force: true });
console.log(`\n=== summary ===\n${lines.join('\n')}\n`);
if (skippedAll || todoAll) console.log(`(not run: ${skippedAll} skipped, ${todoAll} todo)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
