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
}

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
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    p = r.numPassedTests;
    f = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  }
  if (!ok && f === 0) f = 1; // the run itself failed (setup, crash): count it
  passed += p;
  failed += f;
  lines.push(`${f ? '✗' : '✓'} ${title}: ${p} passed, ${f} failed (${seconds}s)`);
}

const chromium = ensureChromium();
check('type check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('lint (biome)', 'npx', ['biome', 'check', '.']);
vitest('unit and integration tests', []);
check('production build (vite)', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts']);
vitest('end-to-end tests (Chromium)', ['--config', 'vitest.e2e.config.ts'], { CHROMIUM_PATH: chromium });

fs.rmSync(tmp, { recursive: true, force: true });
console.log(`\n=== summary ===\n${lines.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
