import { loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { applyMigrations } from './db/migrate.ts';
import { seedIfEmpty } from './db/seed.ts';
import { buildApp } from './app.ts';
import { allModules } from './modules/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './platform/auth/seed.ts';
import { startJobs } from './platform/jobs/index.ts';
import { createPii, loadDataKey } from './platform/pii/index.ts';

/** Process entry: config → database → migrations → demo seed → app → listen; graceful shutdown. */
async function main() {
  const config = loadConfig();
  const say = (m: string) => console.log(`[hongyun] ${m}`);
  say(config.databaseUrl ? '连接外部 PostgreSQL…' : `启动内嵌 PostgreSQL（数据目录 ${config.dataDir}/pg）…`);
  const database = await openDatabase(config);
  await applyMigrations(database.db);
  const pii = createPii(loadDataKey(config.dataKey, config.dataDir));
  const scale = process.env.SEED_SCALE === 'city' ? 'city' : 'district';
  if (
    process.env.SEED !== '0' &&
    (await seedIfEmpty(database.db, config, pii, scale, (m) => say(`演示数据：${m}`)))
  ) {
    say('已生成演示数据');
  }
  const modules = allModules(config);
  const jobs = await startJobs(
    database.url,
    {
      schedules: modules.flatMap((m) => m.jobs ?? []),
      workers: modules.flatMap((m) => m.workers ?? []),
      work: config.jobs,
    },
    {
      db: database.db,
      config,
      pii,
      now: () => new Date(),
      log: (msg, data) => console.log(`[jobs] ${msg}`, data ?? ''),
    },
  );
  const { app, state } = await buildApp({
    config,
    database,
    pii,
    jobs,
    modules,
    logger: { level: config.logLevel },
  });
  // a district's examinees connect within seconds of an exam opening: Node's default queue of 511
  // connections waiting to be accepted overflowed while the process was busy (connections reset)
  await app.listen({ port: config.port, host: config.host, backlog: 4096 });
  if (config.testClock)
    app.log.warn('TEST_CLOCK=1: requests may set the clock with X-Test-Now. For end-to-end tests only.');

  const url = `http://localhost:${config.port}`;
  console.log(`
  红云智慧党建平台 Hongyun 已启动：${url}
  API 文档：${url}/api/docs
  演示账号（密码均为 ${DEMO_PASSWORD}）：
${DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(12)} ${a.displayName}  ${a.what}`).join('\n')}
  也可用手机号登录，如 ${DEMO_ACCOUNTS[0].phone}。
  组织部管理员（admin）须两步验证：首次登录时用手机验证器扫码。按 Ctrl+C 停止。
`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`收到 ${signal}，正在完成进行中的请求后停止…`);
    state.shuttingDown = true;
    const force = setTimeout(() => {
      console.error('[hongyun] 停止超时，强制退出');
      process.exit(1);
    }, 20_000);
    force.unref();
    await app.close();
    await jobs.stop();
    await database.shutdown();
    say('已停止');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(`[hongyun] 启动失败：${err instanceof Error ? err.message : String(err)}`);
  if (process.env.DEBUG) console.error(err);
  process.exit(1);
});
