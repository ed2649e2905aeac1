// `npm start`: build the web app when its sources changed, then run the server in this process
// (so Ctrl+C and SIGTERM reach its graceful shutdown directly).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'dist/web/index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(path.join(root, 'web')), newest(path.join(root, 'contracts')));
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('[hongyun] 构建网页… / building the web app');
  execSync('npx vite build --config web/vite.config.ts --logLevel warn', { cwd: root, stdio: 'inherit' });
}
await import('../server/src/main.ts');
