import { type SQL, sql } from 'drizzle-orm';
import type { IndicatorDef, IndicatorMonth } from '../../platform/module.ts';

/**
 * 考核指标 of 党务公开 (issue 18): the org page kept up, 工作动态 and 组织公告 published, 留言
 * answered in time, album photos — each counted from the org's own records of the month. Every
 * statement starts from the orgs asked for (all, or `orgIds`) and reaches an org's own posts and
 * messages by path equality (posts_path_published_idx, messages_path_created_idx): rescoring a few
 * orgs reads only theirs, and no org is compared with every row.
 */

/** A Postgres bigint[] literal of ids: one parameter, whatever their number. */
const idArray = (ids: readonly number[]) => `{${ids.map((id) => Math.trunc(Number(id))).join(',')}}`;

const orgsWhere = (orgIds?: readonly number[]) =>
  orgIds ? sql`o.id = any(${idArray(orgIds)}::int8[])` : sql`true`;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const dateOf = (d: Date | string) =>
  new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const pageOf = (orgId: number) => `/org-page?orgId=${orgId}`;

/** An org's own items of a kind published in the month that readers can still read (withdrawn ones are not counted, as posts/monthly-counts.ts). */
const publishedJoin = (kind: string, m: IndicatorMonth) => sql`
  join posts p on p.org_path = o.path and p.org_id = o.id and p.kind = ${kind}
   and p.published_at >= ${m.from} and p.published_at < ${m.to}`;

// ── 工作动态, 组织公告 ─────────────────────────────────────────────────────────────────────────

function postsCount(
  key: string,
  kind: 'update' | 'announcement',
  noun: string,
  label: { zh: string; en: string },
): IndicatorDef {
  return {
    key,
    label,
    unit: { zh: '条', en: 'items' },
    measure: 'count',
    basis: 'outcome',
    target: 1,
    compute: async (db, m, orgIds) => {
      const { rows } = await db.execute<{ org_id: number; num: number }>(sql`
        select o.id as org_id, count(*)::int as num
          from orgs o ${publishedJoin(kind, m)} and p.withdrawn_at is null
         where ${orgsWhere(orgIds)}
         group by o.id`);
      return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num }));
    },
    // the month's items, a withdrawn one shown as not counted; none at all: the month missed
    records: async (db, orgId, m, limit) => {
      const { rows } = await db.execute<{
        title: string;
        published_at: Date;
        withdrawn_at: Date | null;
      }>(sql`
        select p.title, p.published_at, p.withdrawn_at
          from orgs o ${publishedJoin(kind, m)}
         where o.id = ${orgId}
         order by p.published_at desc, p.id desc limit ${limit}`);
      if (!rows.length)
        return [{ title: `本月未发布${noun}`, at: null, counted: false, href: pageOf(orgId) }];
      return rows.map((r) => ({
        title: r.title,
        at: iso(r.published_at),
        counted: r.withdrawn_at == null,
        note: r.withdrawn_at ? `已撤回（${dateOf(r.withdrawn_at)}）` : '已发布',
        href: pageOf(orgId),
      }));
    },
  };
}

// ── 组织主页维护 ───────────────────────────────────────────────────────────────────────────────

/**
 * page/rules.ts keptUp, as page/kept-up.ts computes it for the superior: the introduction filled
 * and a 工作动态 published in the month (not withdrawn). Every org on the tree now
 * but a 党小组 (which keeps no page of its own), 1 out of 1 or 0 out of 1.
 */
const keptSql = (m: IndicatorMonth, where: SQL) => sql`
  select o.id as org_id, coalesce(pg.introduction_filled, false) as filled, pg.updated_at,
         (select count(*) from posts p
           where p.org_path = o.path and p.org_id = o.id and p.kind = 'update' and p.withdrawn_at is null
             and p.published_at >= ${m.from} and p.published_at < ${m.to})::int as updates
    from orgs o left join org_pages pg on pg.org_id = o.id
   where o.kind <> 'group' and ${where}`;

const pageKept: IndicatorDef = {
  key: 'openness.page_kept',
  label: { zh: '组织主页维护', en: 'Org page kept up' },
  unit: { zh: '个', en: 'pages' },
  measure: 'rate',
  basis: 'outcome',
  target: 1,
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; filled: boolean; updates: number }>(
      keptSql(m, orgsWhere(orgIds)),
    );
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.filled && r.updates > 0 ? 1 : 0, den: 1 }));
  },
  records: async (db, orgId, m) => {
    const { rows } = await db.execute<{ filled: boolean; updated_at: Date | null; updates: number }>(
      keptSql(m, sql`o.id = ${orgId}`),
    );
    const r = rows[0];
    if (!r) return [];
    return [
      {
        title: '组织简介',
        at: r.filled ? iso(r.updated_at) : null,
        counted: r.filled,
        note: r.filled ? '已填写' : '未填写组织简介',
        href: pageOf(orgId),
      },
      {
        title: '本月工作动态',
        at: null,
        counted: r.updates > 0,
        note: r.updates > 0 ? `本月发布 ${r.updates} 条` : '本月未发布工作动态',
        href: pageOf(orgId),
      },
    ];
  },
};

// ── 留言按期答复 ───────────────────────────────────────────────────────────────────────────────

/**
 * The messages an org received in the month and whether its first reply came by the deadline
 * fixed when each arrived (messages/rules.ts answeredInTime: first_answered_at <= due_at, both set
 * once), as messages/oversight.ts monthlyCounts counts them. A message closed without a reply, or
 * not answered yet, is not answered in time.
 */
const receivedJoin = (m: IndicatorMonth) => sql`
  join messages g on g.org_path = o.path and g.org_id = o.id
   and g.created_at >= ${m.from} and g.created_at < ${m.to}`;

const messagesAnswered: IndicatorDef = {
  key: 'openness.messages_answered',
  label: { zh: '留言按期答复率', en: 'Messages answered in time' },
  unit: { zh: '条', en: 'messages' },
  measure: 'rate',
  basis: 'outcome',
  target: 1,
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; num: number; den: number }>(sql`
      select o.id as org_id, count(*) filter (where g.first_answered_at <= g.due_at)::int as num, count(*)::int as den
        from orgs o ${receivedJoin(m)}
       where ${orgsWhere(orgIds)}
       group by o.id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num, den: r.den }));
  },
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{
      body: string;
      created_at: Date;
      due_at: Date;
      first_answered_at: Date | null;
      status: string;
    }>(sql`
      select left(g.body, 40) as body, g.created_at, g.due_at, g.first_answered_at, g.status
        from orgs o ${receivedJoin(m)}
       where o.id = ${orgId}
       order by g.created_at desc, g.id desc limit ${limit}`);
    return rows.map((r) => {
      const answered = r.first_answered_at ? new Date(r.first_answered_at) : null;
      const due = new Date(r.due_at);
      const inTime = answered !== null && answered.getTime() <= due.getTime();
      const late = answered
        ? Math.max(1, Math.round((Date.parse(dateOf(answered)) - Date.parse(dateOf(due))) / 86_400_000))
        : 0;
      return {
        title: `留言：${r.body.replace(/\s+/g, ' ').trim()}`,
        at: iso(r.created_at),
        counted: inTime,
        note: inTime
          ? `按期答复（${dateOf(answered!)}）`
          : answered
            ? `逾期 ${late} 天答复`
            : r.status === 'closed'
              ? '未答复即关闭'
              : `未答复（答复期限 ${dateOf(due)}）`,
        href: '/messages',
      };
    });
  },
};

// ── 支部相册照片 ───────────────────────────────────────────────────────────────────────────────

/** Photos added in the month to the org's albums (albums_org_idx, album_photos_album_idx). */
const photosJoin = (m: IndicatorMonth) => sql`
  join albums al on al.org_id = o.id
  join album_photos ph on ph.album_id = al.id and ph.created_at >= ${m.from} and ph.created_at < ${m.to}`;

const photos: IndicatorDef = {
  key: 'openness.photos',
  label: { zh: '支部相册上传照片', en: 'Album photos added' },
  unit: { zh: '张', en: 'photos' },
  measure: 'count',
  basis: 'outcome',
  target: 1,
  compute: async (db, m, orgIds) => {
    const { rows } = await db.execute<{ org_id: number; num: number }>(sql`
      select o.id as org_id, count(*)::int as num
        from orgs o ${photosJoin(m)}
       where ${orgsWhere(orgIds)}
       group by o.id`);
    return rows.map((r) => ({ orgId: Number(r.org_id), num: r.num }));
  },
  records: async (db, orgId, m, limit) => {
    const { rows } = await db.execute<{ album: string; caption: string | null; created_at: Date }>(sql`
      select al.title as album, ph.caption, ph.created_at
        from orgs o ${photosJoin(m)}
       where o.id = ${orgId}
       order by ph.created_at desc, ph.id desc limit ${limit}`);
    if (!rows.length) return [{ title: '本月未上传相册照片', at: null, counted: false, href: pageOf(orgId) }];
    return rows.map((r) => ({
      title: r.caption ? `${r.album}：${r.caption}` : r.album,
      at: iso(r.created_at),
      counted: true,
      href: pageOf(orgId),
    }));
  },
};

/** The openness module's 考核指标, in the order a scheme lists them. */
export const opennessIndicators: IndicatorDef[] = [
  pageKept,
  postsCount('openness.updates', 'update', '工作动态', { zh: '工作动态发布', en: 'Work updates published' }),
  postsCount('openness.announcements', 'announcement', '组织公告', {
    zh: '组织公告发布',
    en: 'Announcements published',
  }),
  messagesAnswered,
  photos,
];
