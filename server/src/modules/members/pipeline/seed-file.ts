import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/client.ts';

/**
 * The demo's recruitment files, filled in the way a diligent branch would (and, here and there,
 * not quite: a filing not yet made, a contact not named, 16 hours of training, no sponsors yet),
 * so the due list shows every kind of next step. Run by the members seed after the records, before
 * the standings are derived; every date follows the rules of pipeline/rules.ts and none is after
 * `today`. Only the people on the way in: a full member's file is history.
 */
export async function seedRecruitmentFiles(db: Queryable, today: string) {
  const roll = (salt: string) => sql.raw(`(abs(hashtext(m.id::text || '${salt}')) % 10)`);
  // two full members of the same branch: the cultivation contacts and, later, the sponsors
  const fullOfBranch = (n: SQL) => sql`(select coalesce(array_agg(f.id), '{}') from (
      select f.id from members f where f.org_id = m.org_id and f.status = 'full' and f.id <> m.id
       order by f.id limit ${n}) f)`;
  const t = sql`${today}::date`;
  // probationers: the earlier file (a year and more between activist and candidate: 370 days,
  // so no 29 February shortens it), counted back from the join date the records already carry
  await db.execute(sql`
    update members m set
      talked_on = m.applied_on + 10,
      activist_on = m.applied_on + 60,
      activist_filed_on = m.applied_on + 70,
      candidate_on = m.applied_on + 430,
      candidate_filed_on = m.applied_on + 437,
      political_review_on = m.applied_on + 460,
      training_on = m.applied_on + 445,
      training_hours = 24,
      pre_review_on = m.applied_on + 470,
      application_form_on = m.applied_on + 480,
      committee_talk_on = m.joined_on + 10,
      oath_on = least(m.admission_approved_on + 10, ${t}),
      conversion_request_on = case when ${roll('req')} < 7 and (m.joined_on + interval '11 months')::date <= ${t}
                                   then (m.joined_on + interval '11 months')::date end,
      cultivation_contact_ids = ${fullOfBranch(sql`2`)},
      sponsor_ids = ${fullOfBranch(sql`2`)}
    where m.status = 'probationary' and m.applied_on is not null and m.joined_on is not null`);
  // applicants, activists and candidates: as far as each has come
  await db.execute(sql`
    update members m set
      talked_on = case when m.status = 'applicant' and ${roll('late')} = 0 and m.applied_on + 40 <= ${t}
                       then m.applied_on + 40 else m.talked_on end,
      recommended_on = case when m.birth_date + interval '28 years' > m.applied_on and ${roll('rec')} < 6
                            then least(m.applied_on + 15, coalesce(m.activist_on, ${t}), ${t}) end,
      activist_filed_on = case when m.activist_on is not null and (m.status = 'candidate' or ${roll('fil')} < 8)
                               then least(m.activist_on + 10, ${t}) end,
      cultivation_contact_ids = case when m.status = 'candidate' or (m.status = 'activist' and ${roll('con')} < 9)
                                     then ${fullOfBranch(sql`1 + ${roll('two')} % 2`)} else '{}' end,
      candidate_filed_on = case when m.status = 'candidate' and ${roll('cfi')} < 8
                                then least(m.candidate_on + 7, ${t}) end,
      sponsor_ids = case when m.status = 'candidate' and ${roll('spo')} < 7 then ${fullOfBranch(sql`2`)} else '{}' end,
      training_hours = case when m.training_on is not null then case when ${roll('hrs')} = 0 then 16 else 24 end end,
      pre_review_on = case when m.political_review_on is not null and m.training_on is not null and ${roll('pre')} < 5
                           then least(greatest(m.political_review_on, m.training_on) + 10, ${t}) end
    where m.status in ('applicant', 'activist', 'candidate') and m.applied_on is not null`);
  await db.execute(sql`
    update members m set application_form_on = least(m.pre_review_on + 7, ${t})
     where m.status = 'candidate' and m.pre_review_on is not null`);
}
