// Installs the project's npm dependencies when they are missing or older than the lock file.
// Runs on whatever Node the machine has (>= 20); everything after it runs on the pinned Node 24.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const lock = path.join(root, 'package-lock.json');
const stamp = path.join(root, 'node_modules', '.package-lock.json');
const pinnedNode = path.join(root, 'node_modules', '.bin', 'node');

const stale =
  !fs.existsSync(stamp) ||
  !fs.existsSync(pinnedNode) ||
  fs.statSync(lock).mtimeMs > fs.statSync(stamp).mtimeMs;
if (stale) {
  console.log('[hongyun] 安装依赖（npm ci）… / installing dependencies');
  execSync('npm ci --no-audit --no-fund --loglevel=error', { cwd: root, stdio: 'inherit' });
}
