import { sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import type { Queryable } from '../../../db/client.ts';
import { bind, type Pii } from '../../../platform/pii/index.ts';

/** A name read more ways than this is searchable by its first readings only. */
const MAX_READINGS = 8;

/**
 * The pinyin initials a secretary types to find a name (张三 → "zs"), every likely reading of it
 * separated by spaces, the usual one first: a given name's character with two readings (乐 le/yue,
 * 长 chang/zhang) is found by either, and the surname is read as a surname (单 shan, 曾 zeng).
 * Letters in the name (a Latin name) are kept, lower case; anything else (·, digits) is dropped.
 */
export function nameInitials(name: string): string {
  const chars = [...name.trim()];
  if (!chars.length) return '';
  const usual = pinyin(name.trim(), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  const letter = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  // one set of initials per character: the usual reading first, then any other of a given name's
  const per = chars.map((c, i) => {
    const first = letter(usual[i] ?? c);
    if (i === 0 || !/\p{Script=Han}/u.test(c)) return [first];
    const others = pinyin(c, { pattern: 'first', toneType: 'none', type: 'array', multiple: true }).map(
      letter,
    );
    return [...new Set([first, ...others])].filter((x) => x !== undefined);
  });
  let readings = [''];
  for (const options of per) {
    const next: string[] = [];
    for (const r of readings) for (const o of options) if (next.length < MAX_READINGS) next.push(r + o);
    readings = next;
  }
  return [...new Set(readings)].filter(Boolean).join(' ');
}

/** The last four digits of a phone: what people remember of one ("尾号 5678"). */
export const phoneTail = (phone: string) => phone.replace(/\D/g, '').slice(-4);

/**
 * The search keys of a record, written with its name and phone by every write (memberColumns, the
 * seed, the backfill): the phone's blind index for an exact look-up, a blind index of its last four
 * digits for "尾号" search, and the name's pinyin initials. No clear phone digit is stored.
 */
export function searchKeys(pii: Pii, m: { name: string; phone: string | null }) {
  return {
    phoneIndex: m.phone ? pii.blindIndex('phone', m.phone) : null,
    phoneTailIndex: m.phone ? pii.blindIndex('phone-tail', phoneTail(m.phone)) : null,
    nameInitials: nameInitials(m.name),
  };
}

/**
 * Records written before the search keys were kept (or by a bulk path that leaves them to this)
 * get them, a batch at a time: run by a recurring job and at the end of the seed until none is
 * left. A record changed meanwhile keeps what its own write derived (the update names the old name).
 */
export async function fillSearchKeys(db: Queryable, pii: Pii, batch = 2000): Promise<number> {
  const { rows } = await db.execute<{ id: number; name: string; phone_enc: string | null }>(sql`
    select id, name, phone_enc from members
     where name_initials is null or (phone_enc is not null and phone_tail_index is null)
     order by id limit ${batch}`);
  if (!rows.length) return 0;
  const keyed = rows.map((r) => {
    const phone = r.phone_enc ? pii.decrypt(r.phone_enc, bind('members', 'phone', r.id)) : null;
    const k = searchKeys(pii, { name: r.name, phone });
    return { id: r.id, name: r.name, initials: k.nameInitials, tail: k.phoneTailIndex };
  });
  const res = await db.execute(sql`
    update members m set name_initials = x.initials, phone_tail_index = x.tail
      from jsonb_to_recordset(${JSON.stringify(keyed)}::jsonb) as x(id int8, name text, initials text, tail text)
     where m.id = x.id and m.name = x.name`);
  return res.rowCount ?? 0;
}
