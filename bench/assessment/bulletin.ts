import { sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.ts';

type Admin = { cookie: string; csrf: string };

/**
 * 考核通报 of one district (depth 1) for the month: create it (POST /assessment/bulletins
 * {month, orgId}), then fetch the Word document and its Excel attachment; timed from the create
 * request to the last byte of the workbook. When the bulletin's routes are not there (404), the
 * figure is null with the reason.
 */
export async function bulletin(db: Db, base: string, admin: Admin, month: string) {
  const { rows } = await db.execute<{ id: string; name: string }>(sql`
    select o.id, o.name from orgs o where o.depth = 1
     order by (select count(*) from orgs c where c.path like o.path || '%') desc, o.id limit 1`);
  const district = rows[0];
  const t = performance.now();
  const created = await fetch(`${base}/api/v1/assessment/bulletins`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'application/json', 'x-csrf-token': admin.csrf },
    body: JSON.stringify({ month, orgId: String(district.id) }),
  });
  const text = await created.text();
  if (created.status === 404)
    return {
      bulletinSeconds: null,
      bulletinMissing: `POST /api/v1/assessment/bulletins answered 404 (${text.slice(0, 200)}): the bulletin's routes are not in this build`,
    };
  if (!created.ok) throw new Error(`POST /assessment/bulletins: ${created.status} ${text.slice(0, 500)}`);
  const { id } = JSON.parse(text) as { id: string };
  const createSeconds = (performance.now() - t) / 1000;
  const get = async (what: 'docx' | 'xlsx') => {
    const res = await fetch(`${base}/api/v1/assessment/bulletins/${id}/${what}`, {
      headers: { cookie: admin.cookie },
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok)
      throw new Error(`GET bulletins/${id}/${what}: ${res.status} ${body.toString().slice(0, 300)}`);
    // a Word or Excel file is a zip: PK at the start
    if (body.subarray(0, 2).toString() !== 'PK') throw new Error(`bulletins/${id}/${what} is not a zip`);
    return body.length;
  };
  const docxBytes = await get('docx');
  const afterDocx = (performance.now() - t) / 1000;
  const xlsxBytes = await get('xlsx');
  const total = (performance.now() - t) / 1000;
  const r = (s: number) => Math.round(s * 1000) / 1000;
  return {
    bulletinSeconds: r(total),
    bulletin: {
      district: district.name,
      createSeconds: r(createSeconds),
      docxSeconds: r(afterDocx - createSeconds),
      xlsxSeconds: r(total - afterDocx),
      docxBytes,
      xlsxBytes,
    },
  };
}
