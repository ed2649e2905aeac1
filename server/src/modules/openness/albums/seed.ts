import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { nextIds } from '../../../db/client.ts';
import { demoModelBranches } from '../../../db/demo-model.ts';
import { demoRandom } from '../../../db/demo-random.ts';
import { demoPictures, putMany } from '../../../platform/files/demo-pictures.ts';
import { fileStore } from '../../../platform/files/index.ts';
import type { SeedContext } from '../../../platform/module.ts';
import { addMonthsToMonth, shanghaiMonth } from '../../../platform/time.ts';

/**
 * 支部相册 of the two demo towns' branches (the other towns stay empty, so a city's seed grows by
 * no more than a district's): over the last half-year most branches add an album of two to six
 * photos most months — a 主题党日, a visit, a clean-up — and some seldom do, so the month's figure
 * names both. Stored as addPhoto stores an upload: the display JPEG and its thumbnail, made by the
 * platform's prepareImage from a plain-colour picture, under openness-images/.
 */
const MONTHS = 6;

const THEMES: { title: string; captions: string[] }[] = [
  { title: '主题党日活动', captions: ['重温入党誓词', '集中学习', '党员交流发言', '合影留念'] },
  { title: '党员志愿服务', captions: ['清理河道垃圾', '为老人义务理发', '志愿者集合出发', '整治村容村貌'] },
  { title: '走访慰问困难群众', captions: ['入户走访', '送去米面油', '与老党员拉家常'] },
  { title: '支部党员大会', captions: ['会议现场', '举手表决', '书记通报工作'] },
  { title: '红色教育基地参观学习', captions: ['参观展馆', '聆听讲解', '在党旗下合影'] },
  { title: '书记讲党课', captions: ['党课现场', '党员认真记录', '互动交流'] },
];

/** The demo photos' plain colours: Party red, a meeting room's beige, a grey-blue sky, a field's green. */
const COLOURS = ['#c8161d', '#d9c7a3', '#8da3b8', '#6f8f4e'];

export async function seedAlbums(ctx: SeedContext) {
  const towns = [ctx.demo.town1, ctx.demo.town2].filter((t): t is number => typeof t === 'number');
  if (!towns.length) return;
  const { rows: branches } = await ctx.db.execute<{ id: number; path: string; town: number }>(sql`
    select b.id, b.path, t.id as town from orgs b join orgs t on b.path like t.path || '%'
     where b.kind = 'branch' and t.id in (${sql.join(
       towns.map((t) => sql`${t}`),
       sql`, `,
     )})
     order by b.path`);
  const { rows: users } = await ctx.db.execute<{ username: string; id: number }>(
    sql`select username, id from users where username in ('secretary', 'town_admin', 'town2_admin')`,
  );
  const userId = (name: string) => {
    const u = users.find((x) => x.username === name);
    return u ? Number(u.id) : null;
  };
  const uploader = (b: { id: number; town: number }) =>
    Number(b.id) === ctx.demo.villageBranch
      ? userId('secretary')
      : userId(Number(b.town) === ctx.demo.town1 ? 'town_admin' : 'town2_admin');

  const r = demoRandom(20261312);
  const now = new Date();
  const thisMonth = shanghaiMonth(now);
  const pictures = await demoPictures(COLOURS);
  const models = new Set(await demoModelBranches(ctx.db, ctx.demo));
  type Album = Record<string, unknown> & { photos: Record<string, unknown>[] };
  const albums: Album[] = [];
  const keys = pictures.map(() => ({ display: [] as string[], thumb: [] as string[] }));
  for (const b of branches) {
    // most branches keep their album up most months, some seldom
    const drawn = r() < 0.2 ? 0.15 + r() * 0.3 : 0.8 + r() * 0.2;
    // a model branch (db/demo-model.ts) adds photos every month
    const care = models.has(Number(b.id)) ? 1 : drawn;
    for (let back = MONTHS; back >= 0; back--) {
      if (r() > care) continue;
      const month = addMonthsToMonth(thisMonth, -back);
      const theme = THEMES[Math.floor(r() * THEMES.length)];
      // an album of an event on some day of the month, its photos uploaded over the next minutes
      const day = 2 + Math.floor(r() * 25);
      let at = new Date(
        `${month}-${String(day).padStart(2, '0')}T${10 + Math.floor(r() * 8)}:00:00+08:00`,
      ).getTime();
      if (at > now.getTime() - 3_600_000) continue;
      const [y, m] = month.split('-').map(Number);
      const album: Album = {
        org_id: b.id,
        title: `${y}年${m}月${theme.title}`,
        description: r() < 0.5 ? `${theme.title}现场照片` : null,
        visibility: r() < 0.85 ? 'public' : 'members',
        created_by: uploader(b),
        created_at: new Date(at).toISOString(),
        photos: [],
      };
      const v = Math.floor(r() * pictures.length);
      const n = 2 + Math.floor(r() * 5);
      for (let k = 1; k <= n; k++) {
        at += (1 + Math.floor(r() * 5)) * 60_000;
        album.photos.push({
          caption: r() < 0.6 ? theme.captions[Math.floor(r() * theme.captions.length)] : null,
          width: pictures[v].width,
          height: pictures[v].height,
          uploaded_by: uploader(b),
          created_at: new Date(at).toISOString(),
          v,
        });
      }
      album.updated_at = new Date(at).toISOString();
      albums.push(album);
    }
  }
  const albumIds = await nextIds(ctx.db, 'albums', albums.length);
  const photos: Record<string, unknown>[] = [];
  for (const [i, a] of albums.entries()) {
    a.id = albumIds[i];
    for (const [k, p] of a.photos.entries()) {
      // keys from the album and the photo's number, not random: the test template seeds into the
      // checkout's data dir on every run, and the same keys are written over instead of piling up
      const hash = createHash('sha256').update(`demo-album-photo/${a.id}/${k}`).digest('hex').slice(0, 32);
      const fileKey = `openness-images/${String(p.created_at).slice(0, 7)}/${hash}.jpg`;
      const thumbKey = fileKey.replace(/\.jpg$/, '.thumb.jpg');
      const v = p.v as number;
      keys[v].display.push(fileKey);
      keys[v].thumb.push(thumbKey);
      // the token a photo is served by stays unguessable, as processImage makes it
      photos.push({
        ...p,
        album_id: a.id,
        token: randomBytes(16).toString('hex'),
        file_key: fileKey,
        thumb_key: thumbKey,
      });
    }
  }
  const store = fileStore({ dataDir: ctx.dataDir });
  for (const [v, pic] of pictures.entries()) {
    await putMany(store, pic.display, keys[v].display);
    await putMany(store, pic.thumb, keys[v].thumb);
  }
  await ctx.db.execute(sql`
    insert into albums (id, org_id, title, description, visibility, created_by, created_at, updated_at)
    select id, org_id, title, description, visibility, created_by, created_at, updated_at
      from jsonb_to_recordset(${JSON.stringify(albums.map(({ photos: _, ...a }) => a))}::jsonb)
        as x(id int8, org_id int8, title text, description text, visibility text, created_by int8,
             created_at timestamptz, updated_at timestamptz)`);
  for (let i = 0; i < photos.length; i += 10_000)
    await ctx.db.execute(sql`
      insert into album_photos (album_id, token, file_key, thumb_key, width, height, caption, uploaded_by, created_at)
      select album_id, token, file_key, thumb_key, width, height, caption, uploaded_by, created_at
        from jsonb_to_recordset(${JSON.stringify(photos.slice(i, i + 10_000))}::jsonb)
          as x(album_id int8, token text, file_key text, thumb_key text, width int, height int, caption text,
               uploaded_by int8, created_at timestamptz)
       order by album_id, created_at`);
  ctx.log(`支部相册 ${albums.length} 个，照片 ${photos.length} 张`);
}
