import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import { inTransaction } from '../../db/client.ts';
import { authorize, holds } from '../access/index.ts';
import { recordAudit } from '../audit/service.ts';
import { actorOf, type Ctx } from '../context.ts';
import { AppError, notFound, type Text } from '../http/errors.ts';
import type { ModuleManifest } from '../module.ts';
import { rootOrg } from '../tree/index.ts';
import { settings } from './schema.ts';

/**
 * The department's configuration. A module declares each setting it reads — a key, a zod schema
 * that states the bounds the regulation allows, and the regulation's figure as the default — and
 * reads it with getSetting. Only a department admin (a grant on the tree's root) changes one; every
 * change is checked against the schema and audited. getSetting reads the table each time: settings
 * are read by operations that already run a transaction's worth of queries, and a change takes
 * effect at once. Only a path too busy for a round trip per request reads through getSettingKept.
 */
export type SettingDef<T> = {
  key: string;
  schema: z.ZodType<T>;
  default: T;
  label: Text;
  /** Where the default comes from (the regulation and article). */
  source: string;
};

const defs = new Map<string, SettingDef<unknown>>();

export function declareSettings(list: readonly SettingDef<any>[]) {
  for (const d of list) {
    const had = defs.get(d.key);
    if (had && had !== d) throw new Error(`setting ${d.key} declared twice`);
    defs.set(d.key, d);
  }
}

export async function getSetting<T>(db: Queryable, def: SettingDef<T>): Promise<T> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, def.key));
  if (!row) return def.default;
  // a value stored under an older, wider schema falls back to the default rather than break a page
  const parsed = def.schema.safeParse(row.value);
  return parsed.success ? parsed.data : def.default;
}

const kept = new WeakMap<object, Map<string, { value: unknown; until: number }>>();

/**
 * A setting as getSetting reads it, kept in this process for at most `maxAgeMs` (the heartbeat,
 * a request every 15 seconds per member studying). A change made through this process is seen at
 * the next read; one made through another process (or by hand in the table) within `maxAgeMs`.
 */
export async function getSettingKept<T>(
  db: Queryable,
  def: SettingDef<T>,
  maxAgeMs: number,
  now = Date.now(),
): Promise<T> {
  let byKey = kept.get(db);
  if (!byKey) {
    byKey = new Map();
    kept.set(db, byKey);
  }
  const hit = byKey.get(def.key);
  if (hit && hit.until > now) return hit.value as T;
  const value = await getSetting(db, def);
  byKey.set(def.key, { value, until: now + maxAgeMs });
  return value;
}

async function rootPath(db: Queryable): Promise<string> {
  return (await rootOrg(db))?.path ?? '/';
}

export async function putSetting(ctx: Ctx, key: string, value: unknown): Promise<unknown> {
  const def = defs.get(key);
  if (!def) throw notFound({ zh: '设置项', en: 'Setting' });
  authorize(actorOf(ctx), 'settings.manage', await rootPath(ctx.db), {
    zh: '只有组织部管理员可以修改全区设置',
    en: 'only the department may change deployment settings',
  });
  const parsed = def.schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['value', ...(issue?.path ?? [])].join('.');
    throw new AppError(
      400,
      'validation_failed',
      {
        zh: `${def.label.zh}：${path} 不在允许范围内（${issue?.message ?? ''}）`,
        en: `${def.label.en}: ${path} is out of bounds (${issue?.message ?? ''})`,
      },
      parsed.error.issues.map((i) => ({ path: ['value', ...i.path].join('.'), message: i.message })),
    );
  }
  const changed = await inTransaction(ctx.db, async (tx) => {
    const before = await getSetting(tx, def);
    await tx
      .insert(settings)
      .values({
        key,
        value: parsed.data as object,
        updatedBy: ctx.actor?.userId ?? null,
        updatedAt: ctx.now(),
      })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: parsed.data as object, updatedBy: ctx.actor?.userId ?? null, updatedAt: ctx.now() },
      });
    await recordAudit(tx, ctx, {
      action: 'settings.change',
      targetType: 'setting',
      targetId: key,
      before: { value: before },
      after: { value: parsed.data },
    });
    return parsed.data;
  });
  kept.get(ctx.db)?.delete(key);
  return changed;
}

const SettingItem = z.object({
  key: z.string(),
  label: z.string(),
  labelEn: z.string(),
  source: z.string(),
  value: z.unknown(),
  default: z.unknown(),
  canChange: z.boolean(),
});

async function settingsRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/settings',
    {
      config: { access: 'settings.view' },
      schema: { tags: ['settings 设置'], response: { 200: z.object({ items: z.array(SettingItem) }) } },
    },
    async (req) => {
      const canChange = holds(actorOf(req.ctx), 'settings.manage');
      const items = [];
      for (const d of [...defs.values()].sort((a, b) => a.key.localeCompare(b.key)))
        items.push({
          key: d.key,
          label: d.label.zh,
          labelEn: d.label.en,
          source: d.source,
          value: await getSetting(req.ctx.db, d),
          default: d.default,
          canChange,
        });
      return { items };
    },
  );
  app.put(
    '/settings/:key',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings 设置'],
        params: z.strictObject({ key: z.string().max(80) }),
        body: z.strictObject({ value: z.unknown() }),
        response: { 200: z.object({ key: z.string(), value: z.unknown() }) },
      },
    },
    async (req) => ({
      key: req.params.key,
      value: await putSetting(req.ctx, req.params.key, req.body.value),
    }),
  );
}

/** The settings of every module, in one place for the department. */
export const settingsModule: ModuleManifest = {
  name: 'settings',
  policies: [
    {
      action: 'settings.view',
      roles: ['dept_admin', 'org_admin'],
      description: '查看全区设置 / read the deployment settings',
    },
    {
      action: 'settings.manage',
      roles: ['dept_admin'],
      description: '修改全区设置（组织部） / change the deployment settings',
    },
  ],
  routes: settingsRoutes,
  matrix: async () => (await import('./matrix.ts')).settingsMatrix,
};
