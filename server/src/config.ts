import path from 'node:path';

/** Environment → typed configuration. Every knob the platform has is read here and only here. */
export type Config = {
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded one is started under dataDir/pg. */
  databaseUrl: string | null;
  dataDir: string;
  /** 64 hex chars (32 bytes); when absent, generated once into dataDir/keys in embedded mode. */
  dataKey: string | null;
  adminIdleMinutes: number;
  memberIdleMinutes: number;
  /** Hard cap on a session's life, whatever its activity. */
  sessionMaxHours: number;
  loginRateLimitPerMinute: number;
  lockAfterFailures: number;
  lockMinutes: number;
  trustProxy: boolean;
  logLevel: string;
  jobs: boolean;
  production: boolean;
  webDir: string;
};

const root = path.resolve(import.meta.dirname, '../..');

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`环境变量 ${name} 须为非负整数，实际为 "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(root, env.DATA_DIR || 'data'),
    dataKey: env.HONGYUN_DATA_KEY || null,
    adminIdleMinutes: int(env, 'ADMIN_IDLE_MINUTES', 30),
    memberIdleMinutes: int(env, 'MEMBER_IDLE_MINUTES', 7 * 24 * 60),
    sessionMaxHours: int(env, 'SESSION_MAX_HOURS', 30 * 24),
    loginRateLimitPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 30),
    lockAfterFailures: int(env, 'LOCK_AFTER_FAILURES', 5),
    lockMinutes: int(env, 'LOCK_MINUTES', 15),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    jobs: env.JOBS !== '0',
    production: env.NODE_ENV === 'production',
    webDir: path.resolve(root, 'dist/web'),
  };
}

export const projectRoot = root;
