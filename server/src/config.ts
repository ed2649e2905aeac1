import net from 'node:net';
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
  /** Sessions opened with a study card (shared station PCs, kiosks): short, whatever the account. */
  cardIdleMinutes: number;
  /**
   * End-to-end tests only (TEST_CLOCK=1): a request's `X-Test-Now` header (an ISO instant) is the
   * clock its domain operations read, so "six months later" is a header, not a wait. Sessions and
   * logins keep the real clock. Never set in a deployment: the server says so loudly at start.
   */
  testClock: boolean;
  /** Days an import's error workbook is kept after the import finished. */
  importErrorsKeepDays: number;
  /** Hard cap on a session's life, whatever its activity. */
  sessionMaxHours: number;
  loginRateLimitPerMinute: number;
  /**
   * Requests per minute from one address to the pages anyone may read without logging in (the
   * public org pages): generous, since a village's phones may share one carrier address.
   */
  publicRateLimitPerMinute: number;
  /**
   * Messages (留言) the public may send from one address in an hour, counted whether they pass the
   * challenge or not: until phones are verified by SMS, this is what holds back a flood.
   */
  messageRateLimitPerHour: number;
  /** Failed logins per login name per window, whatever the address they come from. */
  loginNameLimit: number;
  loginNameWindowMinutes: number;
  lockAfterFailures: number;
  lockMinutes: number;
  /**
   * Which X-Forwarded-For entries to believe: false (none), a number of proxy hops in front of
   * the server, or the proxies' addresses/CIDRs. Never "all": the left-most entry is the client's.
   */
  trustProxy: false | number | string[];
  /** Mark the session cookies Secure even when the request reached us over plain HTTP (TLS at a proxy). */
  cookieSecure: boolean;
  logLevel: string;
  jobs: boolean;
  production: boolean;
  webDir: string;
  /**
   * The address users reach the platform at (PUBLIC_URL, no trailing slash): the single sign-on
   * issuer is `<publicUrl>/oidc`. Default: http://<HOST or localhost>:<PORT>.
   */
  publicUrl: string;
  /** OIDC_JWKS: the signing keys (a JWKS, JSON); absent: dataDir/keys/oidc-jwks.json, generated once. The first key signs. */
  oidcJwks: string | null;
  /**
   * Capabilities this deployment does without (MODULES_OFF, comma-separated, of OPTIONAL_MODULES):
   * their routes, menus' data and indicators are absent (an indicator of one cannot be scored).
   */
  modulesOff: string[];
  /** OIDC_COOKIE_KEYS: comma-separated keys for the provider's signed cookies; absent: generated once into dataDir/keys. */
  oidcCookieKeys: string[] | null;
};

const root = path.resolve(import.meta.dirname, '../..');

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`环境变量 ${name} 须为非负整数，实际为 "${raw}"`);
  return n;
}

/**
 * TRUST_PROXY: unset/0/false: the socket's peer is the client. A number (1, or `true` for 1): that
 * many proxies append to X-Forwarded-For, so the client is that many entries from the right.
 * Otherwise a comma-separated list of the proxies' addresses or CIDRs.
 */
function trustProxy(raw: string | undefined): false | number | string[] {
  const v = raw?.trim() ?? '';
  if (v === '' || v === '0' || v === 'false') return false;
  if (v === 'true') return 1;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    const [addr, bits, extra] = entry.split('/');
    const family = net.isIP(addr);
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !okBits || extra !== undefined)
      throw new Error(
        `环境变量 TRUST_PROXY 须为代理层数（如 1）或代理地址/网段列表（如 10.0.0.5,10.1.0.0/16），实际为 "${raw}"`,
      );
  }
  return list;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  return env[name] === '1' || env[name] === 'true';
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
    cardIdleMinutes: int(env, 'CARD_IDLE_MINUTES', 10),
    testClock: flag(env, 'TEST_CLOCK'),
    importErrorsKeepDays: int(env, 'IMPORT_ERRORS_KEEP_DAYS', 7),
    sessionMaxHours: int(env, 'SESSION_MAX_HOURS', 30 * 24),
    loginRateLimitPerMinute: int(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 30),
    publicRateLimitPerMinute: int(env, 'PUBLIC_RATE_LIMIT_PER_MINUTE', 300),
    messageRateLimitPerHour: int(env, 'MESSAGE_RATE_LIMIT_PER_HOUR', 10),
    loginNameLimit: int(env, 'LOGIN_NAME_LIMIT', 20),
    loginNameWindowMinutes: int(env, 'LOGIN_NAME_WINDOW_MINUTES', 15),
    lockAfterFailures: int(env, 'LOCK_AFTER_FAILURES', 5),
    lockMinutes: int(env, 'LOCK_MINUTES', 15),
    trustProxy: trustProxy(env.TRUST_PROXY),
    cookieSecure: flag(env, 'COOKIE_SECURE'),
    logLevel: env.LOG_LEVEL || 'info',
    jobs: env.JOBS !== '0',
    production: env.NODE_ENV === 'production',
    webDir: path.resolve(root, 'dist/web'),
    publicUrl: (
      env.PUBLIC_URL ||
      `http://${!env.HOST || env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${int(env, 'PORT', 3000)}`
    ).replace(/\/+$/, ''),
    oidcJwks: env.OIDC_JWKS || null,
    modulesOff: modulesOff(env.MODULES_OFF),
    oidcCookieKeys: env.OIDC_COOKIE_KEYS
      ? env.OIDC_COOKIE_KEYS.split(',')
          .map((k) => k.trim())
          .filter(Boolean)
      : null,
  };
}

export const projectRoot = root;

/** The capabilities a deployment may switch off: none of the others' records or seeds depend on them. */
export const OPTIONAL_MODULES = ['exams', 'surveys', 'elections', 'kiosk', 'sso'] as const;

function modulesOff(value: string | undefined): string[] {
  const names = (value ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const n of names)
    if (!(OPTIONAL_MODULES as readonly string[]).includes(n))
      throw new Error(`MODULES_OFF: ${n} cannot be switched off (only ${OPTIONAL_MODULES.join(', ')})`);
  return names;
}
