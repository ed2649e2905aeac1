import { sql } from 'drizzle-orm';
import type { OrgKind } from '../../../../contracts/orgs.ts';
import type { SeedContext } from '../../platform/module.ts';
import { demoRandom as rng } from '../../db/demo-random.ts';

/**
 * A demo organization department's tree that looks like a real district: towns and streets with
 * their villages and communities, the directly-affiliated organs' working committee, the
 * state-owned enterprises' committee, and the 两新 comprehensive committee; about 2,000 orgs.
 * A city is ten such districts under a city committee (about 25,000 orgs).
 */
type Node = {
  name: string;
  short?: string;
  kind: OrgKind;
  place?: string;
  sector?: 'public' | 'non_public';
  children?: Node[];
};

const FIRST = '青石柳桃杏李王张河东西南北上下新高大小龙凤马牛金银白黄红双三五七九安永太平长兴福宝丰顺'.split(
  '',
);
const SECOND = '山河湾庄坪岭沟坝塘桥园林家岗屯坡洼营堡寨口湖泉溪田'.split('');
const COMMUNITY = [
  '幸福',
  '和平',
  '建设',
  '文化',
  '锦绣',
  '翠竹',
  '阳光',
  '滨江',
  '花园',
  '新华',
  '友谊',
  '团结',
  '光明',
  '繁荣',
  '春晖',
  '育才',
  '振兴',
  '学府',
  '望湖',
  '秀水',
];
const DISTRICTS = [
  '青山区',
  '临江区',
  '城南区',
  '北湖区',
  '东岭区',
  '西溪区',
  '云台县',
  '安平县',
  '长乐县',
  '丰泽县',
];
const TOWNS = ['清河镇', '石桥镇', '柳林镇', '青龙镇', '白沙镇', '金山镇', '马坊镇', '凤凰镇', '桃源镇'];
const STREETS = ['城关街道', '东城街道', '西城街道', '南湖街道', '北苑街道'];
const BUREAUS = [
  '区发展和改革局',
  '区财政局',
  '区人力资源和社会保障局',
  '区自然资源局',
  '区住房和城乡建设局',
  '区交通运输局',
  '区农业农村局',
  '区水利局',
  '区商务局',
  '区文化和旅游局',
  '区卫生健康局',
  '区退役军人事务局',
  '区应急管理局',
  '区审计局',
  '区市场监督管理局',
  '区统计局',
  '区医疗保障局',
  '区信访局',
  '区司法局',
  '区民政局',
  '区生态环境局',
  '区城市管理局',
  '区政务服务中心',
  '区档案馆',
  '区融媒体中心',
  '区总工会',
  '团区委',
  '区妇联',
  '区科协',
  '区工商联',
  '区残联',
  '区人民法院',
  '区人民检察院',
  '区公安分局',
  '区税务局',
  '区气象局',
  '区供销社',
  '区机关事务中心',
];
const COMPANY_A = [
  '华兴',
  '鑫源',
  '恒达',
  '瑞丰',
  '宏图',
  '金诚',
  '润泽',
  '天成',
  '博远',
  '嘉禾',
  '永盛',
  '中联',
  '泰和',
  '众合',
  '盛世',
  '远航',
  '正信',
  '汇通',
  '新锐',
  '德隆',
];
const COMPANY_B = [
  '科技',
  '建材',
  '食品',
  '物流',
  '纺织',
  '电子',
  '机械',
  '农业',
  '商贸',
  '置业',
  '环保',
  '医药',
  '教育咨询',
  '文化传媒',
  '家政服务',
];

function villageName(r: () => number, used: Set<string>) {
  for (;;) {
    const n = `${FIRST[Math.floor(r() * FIRST.length)]}${SECOND[Math.floor(r() * SECOND.length)]}村`;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

const ORDINAL = ['第一', '第二', '第三', '第四', '第五', '第六'];
const groups = (n: number): Node[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${ORDINAL[i]}党小组`, kind: 'group' as const }));

function district(name: string, seed: number, size: number): Node {
  const r = rng(seed);
  const pick = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const short = name.replace(/[区县]$/, '');
  const usedVillages = new Set<string>();
  const towns: Node[] = TOWNS.map((town) => {
    const villages: Node[] = Array.from({ length: Math.round(pick(16, 22) * size) }, () => {
      const v = villageName(r, usedVillages);
      const place = `${town}${v}`;
      // larger villages have a general branch over several branches; smaller ones one branch with groups
      return r() < 0.3
        ? {
            name: `${town}${v}党总支`,
            short: `${v}党总支`,
            kind: 'general_branch' as const,
            place,
            children: ['第一党支部', '第二党支部', '老党员党支部'].slice(0, pick(2, 3)).map((b) => ({
              name: `${v}${b}`,
              kind: 'branch' as const,
              place,
              children: groups(pick(0, 2)),
            })),
          }
        : {
            name: `${town}${v}党支部`,
            short: `${v}党支部`,
            kind: 'branch' as const,
            place,
            children: groups(pick(1, 3)),
          };
    });
    const units = ['镇机关', '镇卫生院', '镇中心学校'].map((u) => ({
      name: `${town}${u.slice(1)}党支部`,
      kind: 'branch' as const,
      place: town,
      children: groups(pick(0, 2)),
    }));
    return {
      name: `中共${name}${town}委员会`,
      short: `${town}党委`,
      kind: 'committee' as const,
      place: town,
      children: [...units, ...villages],
    };
  });
  const streets: Node[] = STREETS.map((street, si) => ({
    name: `中共${name}${street}工作委员会`,
    short: `${street}党工委`,
    kind: 'working_committee' as const,
    place: street,
    children: COMMUNITY.slice(si * 3, si * 3 + pick(6, 9))
      .concat(COMMUNITY.slice(0, 2).map((c) => `${c}${si + 2}`))
      .map((c) => ({
        name: `${street}${c}社区党委`,
        short: `${c}社区党委`,
        kind: 'committee' as const,
        place: `${street}${c}社区`,
        children: Array.from({ length: pick(3, 5) }, (_, i) => ({
          name: `${c}社区${['第一', '第二', '第三', '第四', '第五'][i]}党支部`,
          kind: 'branch' as const,
          place: `${street}${c}社区`,
          children: groups(pick(1, 3)),
        })),
      })),
  }));
  const organs: Node = {
    name: `中共${name}直机关工作委员会`,
    short: '区直机关工委',
    kind: 'working_committee',
    children: BUREAUS.map((b) => {
      const unit = b.replace(/^区/, `${name}`);
      return pick(0, 3) === 0
        ? {
            name: `${unit}机关党总支`,
            kind: 'general_branch' as const,
            children: ['第一党支部', '第二党支部', '离退休党支部'].map((x) => ({
              name: `${unit}${x}`,
              kind: 'branch' as const,
            })),
          }
        : { name: `${unit}机关党支部`, kind: 'branch' as const, children: groups(pick(0, 2)) };
    }),
  };
  const schools: Node = {
    name: `中共${name}教育系统委员会`,
    short: '教育系统党委',
    kind: 'committee',
    children: Array.from({ length: 28 }, (_, i) => ({
      name: `${name}${i < 6 ? `第${ORDINAL[i] ?? i + 1}中学` : `实验小学第${i - 5}校区`}党支部`,
      kind: 'branch' as const,
      children: groups(pick(0, 3)),
    })),
  };
  const soe: Node = {
    name: `中共${name}国有资产监督管理委员会委员会`,
    short: '区国资委党委',
    kind: 'committee',
    children: ['城市建设投资集团', '交通投资集团', '水务集团', '农业发展集团'].map((g) => ({
      name: `${short}${g}有限公司党委`,
      kind: 'committee' as const,
      children: ['综合管理部', '财务部', '工程管理部', '运营部', '第一项目部', '第二项目部']
        .slice(0, pick(4, 6))
        .map((d) => ({
          name: `${short}${g}${d}党支部`,
          kind: 'branch' as const,
          children: groups(pick(1, 3)),
        })),
    })),
  };
  const usedCompanies = new Set<string>();
  const nonPublic: Node = {
    name: `中共${name}非公有制经济组织和社会组织综合委员会`,
    short: '两新组织综合党委',
    kind: 'committee',
    sector: 'non_public',
    children: Array.from({ length: Math.min(280, Math.round(150 * size)) }, () => {
      let c: string;
      do
        c = `${COMPANY_A[Math.floor(r() * COMPANY_A.length)]}${COMPANY_B[Math.floor(r() * COMPANY_B.length)]}`;
      while (usedCompanies.has(c));
      usedCompanies.add(c);
      return {
        name: `${short}${c}有限公司党支部`,
        kind: 'branch' as const,
        sector: 'non_public' as const,
        children: groups(pick(0, 1)),
      };
    }),
  };
  return {
    name: `中共${name}委员会`,
    short: `${name}委`,
    kind: 'committee',
    place: name,
    children: [...towns, ...streets, organs, schools, soe, nonPublic],
  };
}

export function demoTree(scale: 'district' | 'city'): Node {
  // sizes chosen so a district has about 2,000 orgs and a city about 25,000
  if (scale === 'district') return district(DISTRICTS[0], 1, 1.08);
  return {
    name: '中共江城市委员会',
    short: '江城市委',
    kind: 'committee',
    place: '江城市',
    children: DISTRICTS.map((d, i) => district(d, i + 1, 1.8)),
  };
}

type Row = {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  name: string;
  shortName: string | null;
  code: string;
  kind: OrgKind;
  place: string | null;
  sector: string;
  sortOrder: number;
};

/** Flattens the tree with ids, paths and codes, then writes it in batches of one statement each. */
export async function seedOrgs(ctx: SeedContext): Promise<Record<string, number>> {
  const tree = demoTree(ctx.scale);
  const rows: Row[] = [];
  const first = { id: 1 };
  const walk = (n: Node, parent: Row | null, sortOrder: number, sector: string) => {
    const id = first.id++;
    const path = `${parent?.path ?? '/'}${id}/`;
    const s = n.sector ?? sector;
    const row: Row = {
      id,
      parentId: parent?.id ?? null,
      path,
      depth: parent ? parent.depth + 1 : 0,
      name: n.name,
      shortName: n.short ?? null,
      code: `HY${String(id).padStart(6, '0')}`,
      kind: n.kind,
      place: n.place ?? parent?.place ?? null,
      sector: s,
      sortOrder,
    };
    rows.push(row);
    for (const [i, c] of (n.children ?? []).entries()) walk(c, row, i, s);
  };
  walk(tree, null, 0, 'public');
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    await ctx.db.execute(sql`
      insert into orgs (id, parent_id, path, depth, name, short_name, code, kind, place, sector, sort_order)
      select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        as x(id int8, "parentId" int8, path text, depth int, name text, "shortName" text, code text, kind text, place text, sector text, "sortOrder" int)`);
  }
  await ctx.db.execute(sql`select setval('orgs_id_seq', (select max(id) from orgs))`);
  ctx.log(`党组织 ${rows.length} 个`);
  // the orgs that demo accounts are granted on
  const towns = rows.filter((r) => r.depth === (ctx.scale === 'city' ? 2 : 1) && r.name.endsWith('镇委员会'));
  const villageBranch = rows.find(
    (r) => r.kind === 'branch' && r.path.startsWith(towns[0].path) && r.name.includes('村'),
  )!;
  return {
    root: rows[0].id,
    town1: towns[0].id,
    town2: towns[1].id,
    villageBranch: villageBranch.id,
    villageBranchParent: villageBranch.parentId!,
  };
}
