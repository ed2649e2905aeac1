// Finds a Chromium for the end-to-end tests, or installs Debian's (with a CJK font) when running
// as root on Debian; otherwise stops with a message that says what to install.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export function findChromium() {
  return CANDIDATES.find((p) => p && fs.existsSync(p)) ?? null;
}

function hasCjkFont() {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

export function ensureChromium() {
  let found = findChromium();
  if (found && hasCjkFont()) return found;
  const isRoot = process.getuid?.() === 0;
  const debian = fs.existsSync('/etc/debian_version') && fs.existsSync('/usr/bin/apt-get');
  if (isRoot && debian) {
    console.log('[hongyun] 安装 Chromium 与中文字体（apt-get install chromium fonts-wqy-microhei）…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execSync('apt-get update -qq', { stdio: 'inherit', env });
    execSync('apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei', {
      stdio: 'inherit',
      env,
    });
    found = findChromium();
  }
  if (!found) {
    console.error(
      '[hongyun] 端到端测试需要 Chromium。请安装后重试：\n' +
        '  Debian/Ubuntu: sudo apt-get install chromium fonts-wqy-microhei\n' +
        '  或设置 CHROMIUM_PATH=/path/to/chromium',
    );
    process.exit(2);
  }
  if (!hasCjkFont())
    console.warn('[hongyun] 警告：未找到中文字体，截图中的汉字可能显示为方框（安装 fonts-wqy-microhei）');
  return found;
}
