import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { nextIds } from '../../../db/client.ts';
import { demoRandom as rng } from '../../../db/demo-random.ts';
import { mediaDurationSeconds } from '../../../platform/files/duration.ts';
import { fileStore } from '../../../platform/files/index.ts';
import type { SeedContext } from '../../../platform/module.ts';
import {
  SEARCH_KEYS_VERSION,
  type SearchFields,
  searchTextOf,
  headVector,
  searchVector,
} from '../../../platform/search/index.ts';
import {
  CATEGORIES,
  COURSES,
  type DemoCourse,
  FORMS,
  SENTENCES,
  SUBJECTS,
  TAG_SYNONYMS,
} from './catalogue.ts';
import { demoPdf } from './demo-pdf.ts';
import { charCountOf } from './rules.ts';
import { type Expansions, searchFieldsOf } from './search-keys.ts';

/**
 * The demo library: the department's categories and tag synonyms, the hand-written courses of
 * catalogue.ts published by the department to everyone, and the rest made of topics and forms by
 * the department and its towns (a district: about 300 courses; a city: 18,000, its districts
 * publishing). Videos, audio and documents play real files: one short lecture video, one audio and
 * one PDF shipped with the module (demo/), each course its own row pointing at them. Set-based: the
 * rows are written a few thousand to a statement.
 */
const TOTAL = { district: 300, city: 18_000 };

/** Tags every course of a topic also carries (some with synonyms, TAG_SYNONYMS). */
const TOPIC_TAGS: Record<string, string[]> = {
  中国共产党历史: ['党史'],
  新中国史: ['四史'],
  改革开放史: ['四史'],
  党的二十大精神: ['二十大'],
  党章党规: ['党章'],
  警示教育: ['廉政'],
  纪律规矩: ['廉政'],
  农业技术: ['乡村振兴'],
  乡村治理: ['乡村振兴'],
  电商致富: ['乡村振兴'],
  基层党建实务: ['三会一课'],
};

type Row = {
  id: number;
  org_id: number;
  org_path: string;
  kind: string;
  title: string;
  summary: string;
  body: string | null;
  char_count: number | null;
  duration_seconds: number | null;
  file_id: number | null;
  category_id: number;
  tags: string[];
  status: string;
  published_at: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  created_at: string;
  a: string;
  b: string;
  c: string;
};

export async function seedLibrary(ctx: SeedContext) {
  const r = rng(20261401);
  const now = Date.now();
  const day = 86_400_000;

  // ── categories and tags ──
  const topicId = new Map<string, number>();
  for (const [i, c] of CATEGORIES.entries()) {
    const { rows } = await ctx.db.execute<{ id: string }>(
      sql`insert into course_categories (name, sort_order) values (${c.name}, ${i}) returning id`,
    );
    const parent = Number(rows[0].id);
    const { rows: topics } = await ctx.db.execute<{ id: string; name: string }>(sql`
      insert into course_categories (parent_id, name, sort_order)
      select ${parent}, t, o::int - 1 from unnest(${sql.param(c.topics)}::text[]) with ordinality as x(t, o)
      returning id, name`);
    for (const t of topics) topicId.set(t.name, Number(t.id));
  }
  await ctx.db.execute(sql`
    insert into course_tags (name, expansions)
    select x.name, array(select jsonb_array_elements_text(x.expansions))
      from jsonb_to_recordset(${JSON.stringify(TAG_SYNONYMS)}::jsonb) as x(name text, expansions jsonb)`);
  const expansions: Expansions = new Map();
  for (const t of TAG_SYNONYMS) {
    const group = [t.name, ...t.expansions];
    for (const w of group) expansions.set(w, new Set([...(expansions.get(w) ?? []), ...group]));
  }

  // ── the demo media, stored once ──
  const store = fileStore({ dataDir: ctx.dataDir });
  const demoDir = path.join(import.meta.dirname, 'demo');
  const media = {
    video: { key: 'course-demo/lecture.mp4', format: 'mp4', type: 'video/mp4', name: '党课视频.mp4' },
    audio: { key: 'course-demo/lecture.mp3', format: 'mp3', type: 'audio/mpeg', name: '党课音频.mp3' },
    document: {
      key: 'course-demo/handbook.pdf',
      format: 'pdf',
      type: 'application/pdf',
      name: '学习资料.pdf',
    },
  } as const;
  await store.put(media.video.key, fs.readFileSync(path.join(demoDir, 'lecture.mp4')));
  await store.put(media.audio.key, fs.readFileSync(path.join(demoDir, 'lecture.mp3')));
  await store.put(
    media.document.key,
    demoPdf('学习资料', [
      '本资料供党员学习使用。',
      '一、认真学习党的创新理论，坚定理想信念。',
      '二、按期参加“三会一课”，积极参加主题党日活动。',
      '三、立足岗位作贡献，在乡村振兴中发挥先锋模范作用。',
    ]),
  );
  const sizes = {
    video: await store.size(media.video.key),
    audio: await store.size(media.audio.key),
    document: await store.size(media.document.key),
  };
  const seconds = {
    video: await mediaDurationSeconds(store.pathOf(media.video.key), 'mp4'),
    audio: await mediaDurationSeconds(store.pathOf(media.audio.key), 'mp3'),
  };

  // ── who publishes: the department for the hand-written ones; it and the level below for the rest ──
  const demoTowns = [ctx.demo.town1, ctx.demo.town2].filter((t): t is number => !!t);
  const { rows: publishers } = await ctx.db.execute<{ id: string; path: string; depth: number }>(
    sql`select id, path, depth from orgs
         where (depth <= 1 and kind in ('committee', 'working_committee')) or id = any(${sql.param(demoTowns)}::int8[])
         order by depth, id`,
  );
  const root = publishers[0];
  const below = publishers.filter((p) => p.depth === 1);
  const towns = publishers.filter((p) => demoTowns.includes(Number(p.id)));

  const total = TOTAL[ctx.scale];
  const subjects = Object.entries(SUBJECTS).flatMap(([topic, list]) => list.map((s) => ({ topic, s })));
  const planned: (DemoCourse & { publisher: { id: string; path: string }; handWritten: boolean })[] = [
    ...COURSES.map((c) => ({ ...c, publisher: root, handWritten: true })),
  ];
  for (let i = 0; planned.length < total; i++) {
    const { topic, s } = subjects[i % subjects.length];
    const form = FORMS[Math.floor(i / subjects.length) % FORMS.length];
    const part = Math.floor(i / (subjects.length * FORMS.length)) + 1;
    const sentences = SENTENCES.map((x) => x.replaceAll('{s}', s));
    // the demo towns publish a share of the rest, so the town admins' library is not empty
    const publisher =
      r() < 0.45
        ? root
        : r() < 0.3 && towns.length
          ? towns[Math.floor(r() * towns.length)]
          : (below[Math.floor(r() * below.length)] ?? root);
    planned.push({
      title: form.title(s, part),
      kind: form.kind,
      topic,
      tags: [s, ...(TOPIC_TAGS[topic] ?? [])],
      summary: `${sentences[0]}${sentences[1]}`,
      body: form.kind === 'article' ? sentences.slice(0, 3 + Math.floor(r() * 4)) : undefined,
      publisher,
      handWritten: false,
    });
  }

  // summaries and texts repeat from topic to topic: each is cut into words once (a city has 18,000)
  const cut = new Map<string, string>();
  const once = (weight: 'b' | 'c' | 's', parts: string[] = []) => {
    const key = `${weight}\u0000${parts.join('\u0000')}`;
    let text = cut.get(key);
    if (text === undefined) {
      text =
        weight === 's'
          ? searchTextOf({ a: [], synonyms: parts }).s
          : searchTextOf({ a: [], [weight]: parts })[weight];
      cut.set(key, text);
    }
    return text;
  };
  const keysOf = (f: SearchFields) => {
    const s = once('s', f.synonyms);
    return {
      a: searchTextOf({ a: f.a }).a,
      b: [s, once('b', f.b)].filter(Boolean).join(' '),
      c: once('c', f.c),
      s,
    };
  };

  const ids = await nextIds(ctx.db, 'courses', planned.length);
  const mediaCount = planned.filter((c) => c.kind !== 'article').length;
  const fileIds = await nextIds(ctx.db, 'course_files', mediaCount);
  const files: Record<string, unknown>[] = [];
  const rows: Row[] = planned.map((c, i) => {
    const created = now - Math.floor((c.handWritten ? 30 + r() * 300 : r() * 720) * day);
    const roll = c.handWritten ? 0.5 : r();
    const status = roll < 0.04 ? 'withdrawn' : roll < 0.08 ? 'draft' : 'published';
    const body = c.body ? c.body.map((p) => `<p>${p}</p>`).join('') : null;
    const text = c.body ? c.body.join('') : '';
    // a draft of a video, audio or document is still waiting for its file
    let fileId: number | null = null;
    if (c.kind !== 'article' && status !== 'draft') {
      fileId = fileIds[files.length];
      const m = media[c.kind];
      files.push({
        id: fileId,
        file_key: m.key,
        name: `${c.title}.${m.format}`,
        format: m.format,
        content_type: m.type,
        size: sizes[c.kind],
        duration_seconds: c.kind === 'document' ? null : seconds[c.kind],
      });
    }
    const tags = [...new Set(c.tags)];
    const keys = keysOf(searchFieldsOf({ title: c.title, summary: c.summary, body, tags }, expansions));
    return {
      id: ids[i],
      org_id: Number(c.publisher.id),
      org_path: c.publisher.path,
      kind: c.kind,
      title: c.title,
      summary: c.summary,
      body,
      char_count: body ? charCountOf(text) : null,
      duration_seconds: fileId && c.kind !== 'document' ? seconds[c.kind as 'video' | 'audio'] : null,
      file_id: fileId,
      category_id: topicId.get(c.topic)!,
      tags,
      status,
      published_at: status === 'draft' ? null : new Date(created + day).toISOString(),
      withdrawn_at: status === 'withdrawn' ? new Date(created + 20 * day).toISOString() : null,
      withdraw_reason: status === 'withdrawn' ? '内容已更新，请学习新版课件' : null,
      created_at: new Date(created).toISOString(),
      ...keys,
    };
  });
  for (let i = 0; i < files.length; i += 5000)
    await ctx.db.execute(sql`
      insert into course_files (id, file_key, name, format, content_type, size, duration_seconds)
      select * from jsonb_to_recordset(${JSON.stringify(files.slice(i, i + 5000))}::jsonb)
        as x(id int8, file_key text, name text, format text, content_type text, size int8, duration_seconds int)`);
  const vector = searchVector({ a: sql`x.a`, b: sql`x.b`, c: sql`x.c` });
  const head = headVector({ a: sql`x.a`, s: sql`x.s` });
  for (let i = 0; i < rows.length; i += 2000)
    await ctx.db.execute(sql`
      insert into courses (id, org_id, org_path, scope_org_id, scope_path, kind, title, summary, body, char_count,
                           duration_seconds, file_id, category_id, tags, status, published_at, withdrawn_at,
                           withdraw_reason, search, head_search, search_keys, created_at, updated_at)
      select x.id, x.org_id, x.org_path, x.org_id, x.org_path, x.kind, x.title, x.summary, x.body, x.char_count,
             x.duration_seconds, x.file_id, x.category_id, array(select jsonb_array_elements_text(x.tags)), x.status,
             x.published_at, x.withdrawn_at, x.withdraw_reason, ${vector}, ${head}, ${SEARCH_KEYS_VERSION}, x.created_at, x.created_at
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 2000))}::jsonb)
          as x(id int8, org_id int8, org_path text, kind text, title text, summary text, body text, char_count int,
               duration_seconds int, file_id int8, category_id int8, tags jsonb, status text,
               published_at timestamptz, withdrawn_at timestamptz, withdraw_reason text, created_at timestamptz,
               a text, b text, c text, s text)`);
  ctx.log(`课件 ${rows.length} 个（其中已发布 ${rows.filter((x) => x.status === 'published').length} 个）`);
}
