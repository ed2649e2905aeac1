import { sql } from 'drizzle-orm';
import type { QuestionBody } from '../../../../../contracts/exams/questions.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { nameOf, questionFlaw } from './rules.ts';

/**
 * The department's demo bank: 党章, 党史 and 三会一课, about two hundred questions made from the
 * facts below (each fact asked as a single choice, a true/false and a fill-in), plus a few
 * multiple-choice and short-answer ones, and a small bank of town 1 (so a town's admin sees their
 * own beside the department's). The same at city scale: the bank does not grow with members.
 */

type Fact = { ask: string; answer: string; others: [string, string, string]; tags: string[] };

const HISTORY: Fact[] = [
  {
    ask: '中国共产党第一次全国代表大会召开于',
    answer: '1921年',
    others: ['1919年', '1924年', '1927年'],
    tags: ['党史'],
  },
  { ask: '八七会议召开于', answer: '1927年', others: ['1921年', '1935年', '1945年'], tags: ['党史'] },
  { ask: '遵义会议召开于', answer: '1935年', others: ['1934年', '1937年', '1927年'], tags: ['党史', '长征'] },
  { ask: '党的七大召开于', answer: '1945年', others: ['1938年', '1949年', '1956年'], tags: ['党史'] },
  { ask: '中华人民共和国成立于', answer: '1949年', others: ['1945年', '1948年', '1950年'], tags: ['党史'] },
  { ask: '党的八大召开于', answer: '1956年', others: ['1949年', '1958年', '1969年'], tags: ['党史'] },
  {
    ask: '党的十一届三中全会召开于',
    answer: '1978年',
    others: ['1976年', '1980年', '1982年'],
    tags: ['党史', '改革开放'],
  },
  { ask: '党的十八大召开于', answer: '2012年', others: ['2007年', '2017年', '2022年'], tags: ['党史'] },
  { ask: '党的十九大召开于', answer: '2017年', others: ['2012年', '2020年', '2022年'], tags: ['党史'] },
  { ask: '党的二十大召开于', answer: '2022年', others: ['2017年', '2021年', '2023年'], tags: ['党史'] },
  { ask: '南昌起义爆发于', answer: '1927年', others: ['1926年', '1929年', '1931年'], tags: ['党史'] },
  {
    ask: '中央红军长征胜利结束于',
    answer: '1936年',
    others: ['1934年', '1935年', '1937年'],
    tags: ['党史', '长征'],
  },
  { ask: '古田会议召开于', answer: '1929年', others: ['1927年', '1931年', '1935年'], tags: ['党史'] },
  {
    ask: '党的一大最后一天的会议转移到',
    answer: '嘉兴南湖',
    others: ['上海', '北京', '杭州西湖'],
    tags: ['党史'],
  },
  {
    ask: '提出“党指挥枪”原则的会议是',
    answer: '古田会议',
    others: ['遵义会议', '八七会议', '洛川会议'],
    tags: ['党史'],
  },
  {
    ask: '确立毛泽东在党中央和红军领导地位的会议是',
    answer: '遵义会议',
    others: ['古田会议', '八七会议', '瓦窑堡会议'],
    tags: ['党史', '长征'],
  },
  {
    ask: '提出“两个务必”的会议是',
    answer: '党的七届二中全会',
    others: ['党的七大', '党的八大', '遵义会议'],
    tags: ['党史'],
  },
  {
    ask: '实现党的工作重心转移、开启改革开放的会议是',
    answer: '党的十一届三中全会',
    others: ['党的十二大', '党的八大', '党的十四大'],
    tags: ['党史', '改革开放'],
  },
  {
    ask: '提出“没有调查，没有发言权”的著作是',
    answer: '《反对本本主义》',
    others: ['《论持久战》', '《实践论》', '《矛盾论》'],
    tags: ['党史'],
  },
  {
    ask: '党的第三个历史决议通过于',
    answer: '党的十九届六中全会',
    others: ['党的十八届三中全会', '党的十九届四中全会', '党的二十届三中全会'],
    tags: ['党史'],
  },
];

const CONSTITUTION: Fact[] = [
  {
    ask: '中国共产党的最高理想和最终目标是',
    answer: '实现共产主义',
    others: ['全面建成小康社会', '实现社会主义现代化', '消除贫困'],
    tags: ['党章'],
  },
  {
    ask: '党的根本组织原则是',
    answer: '民主集中制',
    others: ['集体领导', '个人分工负责', '少数服从多数'],
    tags: ['党章'],
  },
  { ask: '预备党员的预备期为', answer: '一年', others: ['半年', '两年', '三年'], tags: ['党章', '发展党员'] },
  {
    ask: '申请入党的人须年满',
    answer: '十八岁',
    others: ['十六岁', '二十岁', '二十二岁'],
    tags: ['党章', '发展党员'],
  },
  {
    ask: '党的最高领导机关是',
    answer: '党的全国代表大会和它所产生的中央委员会',
    others: ['中央政治局', '中央书记处', '中央纪律检查委员会'],
    tags: ['党章'],
  },
  {
    ask: '党的基层组织中，正式党员三人以上的应当成立',
    answer: '党支部',
    others: ['党总支', '党委', '党小组'],
    tags: ['党章', '基层组织'],
  },
  {
    ask: '党支部委员会每届任期为',
    answer: '三年至五年',
    others: ['一年', '两年', '十年'],
    tags: ['党章', '基层组织'],
  },
  {
    ask: '党员没有正当理由，连续几个月不交纳党费，就被认为是自行脱党',
    answer: '六个月',
    others: ['三个月', '十二个月', '两个月'],
    tags: ['党章', '党费'],
  },
  {
    ask: '党的纪律处分中最重的是',
    answer: '开除党籍',
    others: ['留党察看', '撤销党内职务', '严重警告'],
    tags: ['党章', '纪律'],
  },
  { ask: '留党察看最长不超过', answer: '两年', others: ['一年', '三年', '半年'], tags: ['党章', '纪律'] },
  {
    ask: '党徽党旗是中国共产党的',
    answer: '象征和标志',
    others: ['组织名称', '指导思想', '宗旨'],
    tags: ['党章'],
  },
  { ask: '党的全国代表大会每几年举行一次', answer: '五年', others: ['三年', '四年', '十年'], tags: ['党章'] },
  {
    ask: '党的根本宗旨是',
    answer: '全心全意为人民服务',
    others: ['实现共产主义', '发展生产力', '维护社会稳定'],
    tags: ['党章'],
  },
  {
    ask: '入党誓词中，党员要为共产主义',
    answer: '奋斗终身',
    others: ['贡献力量', '努力学习', '不懈追求'],
    tags: ['党章'],
  },
];

const MEETINGS: Fact[] = [
  {
    ask: '“三会一课”中的“一课”是指',
    answer: '党课',
    others: ['团课', '业务课', '形势政策课'],
    tags: ['三会一课'],
  },
  {
    ask: '党支部党员大会一般每几个月召开一次',
    answer: '一个季度',
    others: ['一个月', '半年', '一年'],
    tags: ['三会一课'],
  },
  {
    ask: '党支部委员会会议一般每几个月召开一次',
    answer: '一个月',
    others: ['一个季度', '半年', '两个月'],
    tags: ['三会一课'],
  },
  {
    ask: '党小组会一般每几个月召开一次',
    answer: '一个月',
    others: ['一个季度', '半年', '一周'],
    tags: ['三会一课'],
  },
  {
    ask: '党员领导干部每年至少为基层党员讲党课',
    answer: '一次',
    others: ['两次', '四次', '每季度一次'],
    tags: ['三会一课'],
  },
  { ask: '组织生活会一般每年召开', answer: '一次', others: ['两次', '四次', '每月一次'], tags: ['组织生活'] },
  {
    ask: '党支部每月相对固定一天开展',
    answer: '主题党日',
    others: ['民主评议', '组织生活会', '谈心谈话'],
    tags: ['组织生活'],
  },
  {
    ask: '民主评议党员一般每年开展',
    answer: '一次',
    others: ['两次', '每季度一次', '每月一次'],
    tags: ['组织生活'],
  },
];

const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** Each fact three ways: a single choice, a true/false with a wrong answer, a fill-in. */
function fromFact(f: Fact, i: number): QuestionBody[] {
  const difficulty = DIFFICULTIES[i % 3];
  const order = i % 4;
  const texts = [...f.others];
  texts.splice(order, 0, f.answer);
  return [
    {
      type: 'single',
      stem: `${f.ask}（ ）。`,
      format: 'plain',
      choices: texts.map((text) => ({ text, weight: text === f.answer ? 100 : 0 })),
      difficulty,
      tags: f.tags,
    },
    {
      type: 'truefalse',
      stem: `${f.ask}${f.others[i % 3]}。`,
      format: 'plain',
      correct: false,
      explanation: `应为：${f.answer}。`,
      difficulty,
      tags: f.tags,
    },
    {
      type: 'truefalse',
      stem: `${f.ask}${f.answer}。`,
      format: 'plain',
      correct: true,
      difficulty,
      tags: f.tags,
    },
    {
      type: 'fill',
      stem: `${f.ask}____。`,
      format: 'plain',
      accepted: [{ text: f.answer, weight: 100 }],
      difficulty,
      tags: f.tags,
    },
  ];
}

const EXTRA: { category: string; body: QuestionBody }[] = [
  {
    category: '党章',
    body: {
      type: 'multiple',
      stem: '党员的义务包括（ ）。',
      format: 'plain',
      choices: [
        { text: '认真学习马克思列宁主义', weight: 50 },
        { text: '贯彻执行党的基本路线和各项方针、政策', weight: 50 },
        { text: '享有特殊待遇', weight: 0 },
      ],
      scoring: 'partial',
      difficulty: 'medium',
      tags: ['党章', '党员义务'],
    },
  },
  {
    category: '三会一课',
    body: {
      type: 'multiple',
      stem: '“三会一课”中的“三会”是指（ ）。',
      format: 'plain',
      choices: [
        { text: '支部党员大会', weight: 33.33333 },
        { text: '支部委员会', weight: 33.33333 },
        { text: '党小组会', weight: 33.33334 },
        { text: '职工代表大会', weight: 0 },
      ],
      scoring: 'all-or-nothing',
      difficulty: 'easy',
      tags: ['三会一课'],
    },
  },
  {
    category: '党史',
    body: {
      type: 'short',
      stem: '简述遵义会议的历史意义。',
      format: 'plain',
      explanation:
        '在极端危急的历史关头挽救了党、挽救了红军、挽救了中国革命，是党的历史上一个生死攸关的转折点。',
      difficulty: 'hard',
      tags: ['党史', '长征'],
    },
  },
  {
    category: '党章',
    body: {
      type: 'short',
      stem: '结合实际，谈谈如何发挥党员的先锋模范作用。',
      format: 'plain',
      difficulty: 'medium',
      tags: ['党章'],
    },
  },
  {
    category: '党史',
    body: {
      type: 'numeric',
      stem: '中国共产党第一次全国代表大会出席的代表共有多少人？',
      format: 'plain',
      numeric: [{ min: 13, max: 13, weight: 100 }],
      difficulty: 'medium',
      tags: ['党史'],
    },
  },
];

export async function seedBank(ctx: SeedContext) {
  const { rows: roots } = await ctx.db.execute<{ id: string; path: string }>(
    sql`select id, path from orgs where parent_id is null order by id limit 1`,
  );
  const root = roots[0];
  if (!root) return;
  const banks: { orgId: number; path: string; categories: Record<string, QuestionBody[]> }[] = [
    {
      orgId: Number(root.id),
      path: root.path,
      categories: {
        党章: CONSTITUTION.flatMap(fromFact),
        党史: HISTORY.flatMap(fromFact),
        三会一课: MEETINGS.flatMap(fromFact),
      },
    },
  ];
  for (const e of EXTRA) banks[0].categories[e.category].push(e.body);
  if (ctx.demo.town1) {
    const { rows } = await ctx.db.execute<{ path: string }>(
      sql`select path from orgs where id = ${ctx.demo.town1}`,
    );
    if (rows[0])
      banks.push({
        orgId: ctx.demo.town1,
        path: rows[0].path,
        categories: { 镇情镇史: MEETINGS.slice(0, 3).flatMap(fromFact).slice(0, 8) },
      });
  }
  let n = 0;
  for (const bank of banks) {
    for (const [name, list] of Object.entries(bank.categories)) {
      const { rows } = await ctx.db.execute<{ id: string }>(sql`
        insert into question_categories (org_id, org_path, name)
        values (${bank.orgId}, ${bank.path}, ${name}) returning id`);
      const categoryId = Number(rows[0].id);
      for (const body of list) {
        // the demo bank obeys the bank's rules, as anything typed in must
        if (questionFlaw(body)) throw new Error(`demo question breaks a rule: ${body.stem}`);
        await ctx.db.execute(sql`
          insert into questions (category_id, org_id, org_path, type, name, body, difficulty, tags)
          values (${categoryId}, ${bank.orgId}, ${bank.path}, ${body.type}, ${nameOf(body)},
                  ${JSON.stringify(body)}::jsonb, ${body.difficulty}, array(select jsonb_array_elements_text(${JSON.stringify(body.tags)}::jsonb)))`);
        n++;
      }
    }
  }
  ctx.log(`exams: ${n} questions in ${banks.length} banks`);
}
