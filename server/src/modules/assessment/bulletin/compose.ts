import { sql } from 'drizzle-orm';
import type {
  BulletinBlock,
  BulletinFacts,
  BulletinFigure,
} from '../../../../../contracts/assessment/bulletin.ts';
import type { Scheme } from '../../../../../contracts/assessment/scheme.ts';
import type { Queryable } from '../../../db/client.ts';
import { conflict } from '../../../platform/http/errors.ts';
import { shanghaiMonthRange } from '../../../platform/time.ts';
import type { OrgRow } from '../../../platform/tree/index.ts';
import type { Indicator, Registry } from '../registry.ts';
import { attainment } from '../scheme/rules.ts';

/** Real bulletins name the remote-education stations that played nothing in the month. */
const STATIONS_KEY = 'learning.station_minutes';
const GOOD_MAX = 30;
const GOOD_MIN = 10;
const MISSED_MAX = 50;
const STATIONS_MAX = 100;
const BEST = 3;

const notComputed = (month: string) =>
  conflict('month_not_computed', {
    zh: `${month} 的考核尚未计算，请先计算后再生成通报`,
    en: `${month} has not been computed yet; compute it before writing its bulletin`,
  });

const fmt = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 1 });
const pct = (num: number, den: number) => `${Math.round((num * 1000) / den) / 10}%`;

/** A figure as a reader reads it: a rate with its parts, or a count with its unit. */
export function figureText(
  d: Pick<Indicator, 'measure'> & { unit: string },
  num: number,
  den: number | null,
) {
  if (d.measure === 'rate') return den ? `${pct(num, den)}（${fmt(num)}/${fmt(den)}）` : '—';
  return `${fmt(num)} ${d.unit}`;
}

const measured = (d: Indicator, num: number, den: number | null) =>
  d.measure === 'rate' ? (den ? num / den : null) : num;

type ItemRow = { org_id: string; key: string; num: string; den: string | null };
type UnitRow = {
  org_id: string;
  name: string;
  parent_name: string | null;
  score: number | null;
  units_empty: number;
};

/**
 * What the platform found in a month of an org's subtree, for its bulletin: the children ranked,
 * every indicator over the subtree with the children best and worst on it, the 党支部 that met
 * every target, those that missed (and which), and the stations short of their minutes. Read from
 * the month's scores (scoring/compute-month.ts) and, for the stations, the learning module's own
 * records through its indicator.
 */
export async function composeFacts(
  db: Queryable,
  registry: Registry,
  month: string,
  org: OrgRow,
): Promise<BulletinFacts> {
  const {
    rows: [state],
  } = await db.execute<{ state: 'open' | 'closed'; computed_at: Date | null; scheme: Scheme | null }>(
    sql`select state, computed_at, scheme from assessment_months where month = ${month}`,
  );
  if (!state?.computed_at || !state.scheme) throw notComputed(month);
  const scheme = state.scheme;

  const {
    rows: [self],
  } = await db.execute<{ score: number | null; units: number; units_empty: number }>(sql`
    select score, units, units_empty from assessment_scores where month = ${month} and org_id = ${org.id}`);
  const { rows: children } = await db.execute<{
    org_id: string;
    name: string;
    score: number | null;
    rank: number | null;
    previous: number | null;
    units: number | null;
    units_empty: number | null;
  }>(sql`
    select o.id as org_id, o.name, s.score, s.rank, p.score as previous, s.units, s.units_empty
      from orgs o
      left join assessment_scores s on s.month = ${month} and s.org_id = o.id
      left join assessment_scores p on p.month = to_char(to_date(${month}, 'YYYY-MM') - interval '1 month', 'YYYY-MM')
                                   and p.org_id = o.id
     where o.parent_id = ${org.id} and o.kind <> 'group'
     order by s.rank nulls last, o.sort_order, o.id`);

  const figures = await figuresOf(db, registry, month, org, children);
  const { good, goodAllMet, missedByItem, missed, missedTotal } = await unitsOf(
    db,
    registry,
    month,
    org,
    scheme,
  );
  const stations = await stationsOf(db, registry, month, org);
  return {
    month,
    computedAt: new Date(state.computed_at).toISOString(),
    monthState: state.state,
    units: self?.units ?? 0,
    unitsEmpty: self?.units_empty ?? 0,
    mean: self?.score ?? null,
    children: children.map((c) => ({
      orgId: String(c.org_id),
      name: c.name,
      score: c.score,
      rank: c.rank,
      previous: c.previous,
      units: c.units ?? 0,
      unitsEmpty: c.units_empty ?? 0,
    })),
    figures,
    good,
    goodAllMet,
    missedByItem,
    missed,
    missedTotal,
    stations,
  };
}

/** Every indicator over the subtree, and the children doing best and worst on it. */
async function figuresOf(
  db: Queryable,
  registry: Registry,
  month: string,
  org: OrgRow,
  children: { org_id: string; name: string }[],
): Promise<BulletinFigure[]> {
  const ids = [org.id, ...children.map((c) => Number(c.org_id))];
  const { rows } = await db.execute<ItemRow>(sql`
    select org_id, key, num, den from assessment_items
     where month = ${month} and org_id = any(${sql.param(ids)}::int8[])`);
  const at = new Map(rows.map((r) => [`${r.org_id}:${r.key}`, r]));
  const figure = (orgId: number | string, key: string) => {
    const r = at.get(`${orgId}:${key}`);
    return { num: r ? Number(r.num) : 0, den: r?.den == null ? null : Number(r.den) };
  };
  return registry.all.map((d) => {
    const unit = d.unit.zh;
    const own = figure(org.id, d.key);
    const ranked = children
      .map((c) => ({ name: c.name, ...figure(c.org_id, d.key) }))
      .map((c) => ({ ...c, value: measured(d, c.num, c.den) }))
      .filter((c): c is typeof c & { value: number } => c.value != null)
      .sort((a, b) => (d.better === 'lower' ? a.value - b.value : b.value - a.value));
    const named = (list: typeof ranked) =>
      list.map((c) => ({ name: c.name, text: figureText({ measure: d.measure, unit }, c.num, c.den) }));
    // named only where they differ: best above the worst figure, worst below the best, none twice
    const top = ranked[0]?.value;
    const low = ranked.at(-1)?.value;
    const best = ranked.filter((c) => c.value !== low).slice(0, BEST);
    const worst = ranked
      .filter((c) => c.value !== top && !best.includes(c))
      .reverse()
      .slice(0, BEST);
    return {
      key: d.key,
      label: d.label.zh,
      unit,
      measure: d.measure,
      basis: d.basis,
      num: own.num,
      den: own.den,
      text: figureText({ measure: d.measure, unit }, own.num, own.den),
      best: named(best),
      worst: named(worst),
    };
  });
}

/** The 党支部 that met every scored target, and those that missed some (with which). */
async function unitsOf(db: Queryable, registry: Registry, month: string, org: OrgRow, scheme: Scheme) {
  const { rows: units } = await db.execute<UnitRow>(sql`
    select s.org_id, o.name, p.name as parent_name, s.score, s.units_empty
      from assessment_scores s
      join orgs o on o.id = s.org_id
      left join orgs p on p.id = o.parent_id
     where s.month = ${month} and s.unit and o.path like ${`${org.path}%`}
     order by o.path`);
  const keys = scheme.items.map((i) => i.key);
  const { rows: items } = await db.execute<ItemRow>(sql`
    select i.org_id, i.key, i.num, i.den
      from assessment_items i join orgs o on o.id = i.org_id
     where i.month = ${month} and o.path like ${`${org.path}%`} and i.key = any(${sql.param(keys)}::text[])`);
  const byUnit = new Map<string, Map<string, ItemRow>>();
  for (const r of items) {
    const id = String(r.org_id);
    if (!byUnit.has(id)) byUnit.set(id, new Map());
    byUnit.get(id)?.set(r.key, r);
  }
  const named = (u: UnitRow) => ({
    orgId: String(u.org_id),
    name: u.name,
    parentName: u.parent_name ?? '',
    score: u.score,
  });
  const allMet: UnitRow[] = [];
  const missed: (ReturnType<typeof named> & { items: string[]; empty: boolean })[] = [];
  const missedBy = new Map(scheme.items.map((i) => [i.key, 0]));
  for (const u of units) {
    const figures = byUnit.get(String(u.org_id));
    const short: string[] = [];
    for (const item of scheme.items) {
      const d = registry.byKey.get(item.key);
      if (!d) continue;
      const f = figures?.get(item.key);
      const a = attainment(d, item.target, f ? Number(f.num) : 0, f?.den == null ? null : Number(f.den));
      if (a != null && a < 1) {
        short.push(d.label.zh);
        missedBy.set(item.key, (missedBy.get(item.key) ?? 0) + 1);
      }
    }
    if (short.length) missed.push({ ...named(u), items: short, empty: u.units_empty > 0 });
    else allMet.push(u);
  }
  // those with nothing at all first, then the lowest scores
  missed.sort((a, b) => Number(b.empty) - Number(a.empty) || (a.score ?? 0) - (b.score ?? 0));
  let good = [...allMet].sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).slice(0, GOOD_MAX);
  if (good.length < GOOD_MIN) {
    const best = units
      .filter((u) => !allMet.includes(u) && (u.score ?? 0) > 0)
      .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
      .slice(0, GOOD_MIN - good.length);
    good = [...good, ...best];
  }
  const missedByItem = [...missedBy]
    .map(([key, n]) => ({ key, label: registry.byKey.get(key)?.label.zh ?? key, units: n }))
    .filter((x) => x.units > 0)
    .sort((a, b) => b.units - a.units);
  return {
    good: good.map(named),
    goodAllMet: Math.min(allMet.length, GOOD_MAX),
    missedByItem,
    missed: missed.slice(0, MISSED_MAX),
    missedTotal: missed.length,
  };
}

/** The stations short of the month's minutes (zero-minute first), as the learning module records them. */
async function stationsOf(db: Queryable, registry: Registry, month: string, org: OrgRow) {
  const def = registry.byKey.get(STATIONS_KEY);
  if (!def) return [];
  const { rows } = await db.execute<{ org_id: string; name: string }>(sql`
    select v.org_id, o.name from assessment_values v join orgs o on o.id = v.org_id
     where v.month = ${month} and v.key = ${STATIONS_KEY} and v.num < v.den and o.path like ${`${org.path}%`}
     order by o.path limit ${STATIONS_MAX}`);
  const m = { month, ...shanghaiMonthRange(month) };
  const out: BulletinFacts['stations'] = [];
  for (const r of rows) {
    for (const rec of await def.records(db, Number(r.org_id), m, 50)) {
      if (rec.counted) continue;
      const note = rec.note ?? '';
      out.push({ orgName: r.name, station: rec.title, note, zero: note.startsWith('零分钟') });
    }
  }
  out.sort((a, b) => Number(b.zero) - Number(a.zero));
  return out.slice(0, STATIONS_MAX);
}

const monthText = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`;

/** What the org's bulletin is called and who issues it, until the department edits them. */
export function defaultHeading(org: OrgRow, month: string) {
  const m = /^中共(.+)委员会$/.exec(org.name);
  return {
    title: `关于${monthText(month)}份智慧党建工作情况的通报`,
    department: m ? `中共${m[1]}委组织部` : org.name,
  };
}

/** The text blocks as the platform first writes them from the facts; the department edits them before issue. */
export function defaultBlocks(org: OrgRow, f: BulletinFacts): BulletinBlock[] {
  const mt = monthText(f.month);
  const where = org.name.replace(/^中共/, '').replace(/(工作)?委员会$/, '');
  const top = f.children.filter((c) => c.score != null).slice(0, 3);
  const bottom = f.children
    .filter((c) => c.score != null)
    .slice(-3)
    .reverse();
  const overview = [
    `${mt}，${where}共有 ${f.units} 个党支部（含直接管理党员的党组织）参加智慧党建平台考核，平均得分 ${f.mean ?? '—'} 分。`,
    f.unitsEmpty ? `其中 ${f.unitsEmpty} 个党支部本月在平台上没有任何工作记录。` : '',
    top.length
      ? `得分居前的是${top.map((c) => `${c.name}（${c.score}分）`).join('、')}；` +
        `居后的是${bottom.map((c) => `${c.name}（${c.score}分）`).join('、')}。`
      : '',
    '考核依据平台自动记录的工作情况计算，无需另行填报。各项指标情况如下。',
  ].join('');
  const allMet = f.goodAllMet === f.good.length;
  const good =
    f.goodAllMet > 0
      ? `${allMet ? '以下' : `以下前 ${f.goodAllMet} 个`}党支部本月各项考核指标全部达标，工作扎实、记录完整，予以通报表扬${allMet ? '' : '；其余为得分居前的党支部'}。`
      : f.good.length
        ? `本月暂无各项考核指标全部达标的党支部。以下 ${f.good.length} 个党支部得分居前，予以肯定。`
        : '本月暂无各项考核指标全部达标的党支部。';
  const missed = [
    f.missedTotal
      ? `本月有 ${f.missedTotal} 个党支部存在未达标指标，请所在党（工）委督促整改，下月通报整改情况。`
      : '本月各党支部均达到考核目标。',
    f.stations.length
      ? `远程教育站点中，${f.stations.filter((s) => s.zero).length} 个站点本月学习时长为零分钟，${f.stations.filter((s) => !s.zero).length} 个站点未达到每月规定时长。`
      : '',
  ].join('');
  const weakest = f.missedByItem.slice(0, 3);
  const next = [
    ...weakest.map(
      (w, i) => `${i + 1}. 抓好“${w.label}”：本月 ${w.units} 个党支部未达标，各党（工）委要逐一督促落实。`,
    ),
    `${weakest.length + 1}. 按时召开“三会一课”，及时在平台上记录会议、上传活动照片。`,
    `${weakest.length + 2}. 及时更新党员信息、回复群众留言，保持党组织简介和工作动态常更常新。`,
  ].join('\n');
  return [
    { key: 'overview', heading: '一、总体情况', text: overview },
    { key: 'good', heading: '二、工作开展较好的党组织', text: good },
    { key: 'missed', heading: '三、存在的问题', text: missed },
    { key: 'next', heading: '四、下月工作要点', text: next },
    {
      key: 'closing',
      heading: '',
      text: '请各党（工）委对照通报内容，认真查找不足，抓好整改落实。',
    },
  ];
}
