// `npm run dev`: the server (restarting on change) and Vite's dev server with hot reload.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args) => spawn(cmd, args, { cwd: root, stdio: 'inherit' });
const procs = [
  run(process.execPath, ['--watch-path=server', '--watch-path=contracts', 'server/src/main.ts']),
  run('npx', ['vite', '--config', 'web/vite.config.ts']),
];
const stop = () => {
  for (const p of procs) p.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
