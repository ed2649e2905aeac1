import { type SQL, sql } from 'drizzle-orm';
import { ETHNICITIES } from '../../../../../contracts/members/codes.ts';

/**
 * What a complete record has, field by field, as conditions on a member `m` joined with its org
 * `o`: one list read by the report (a record is complete when every condition holds) and by the
 * drill-down (the fields a record lacks), so the rate and its list cannot disagree.
 *
 * Name, gender, ethnicity, birth date, ID-card number, education, status; a join date when
 * admitted and a full-membership date when full; a phone; a work unit — except for village members
 * (branch in a 村, or dues category farmer: 务农 has no work unit); and where they work when they
 * are a mobile member. Degree, positions and photo are not required (many members have no degree
 * or post; photos have their own rate).
 */
export const REQUIRED_FIELDS: readonly { field: string; ok: SQL }[] = [
  { field: 'name', ok: sql`btrim(m.name) <> ''` },
  { field: 'gender', ok: sql`m.gender is not null` },
  // one of the 56 (GB/T 3304): a value saved before the list was enforced ("回") is a problem to correct
  { field: 'ethnicity', ok: sql`m.ethnicity = any(${sql.param([...ETHNICITIES])}::text[])` },
  { field: 'birthDate', ok: sql`m.birth_date is not null` },
  { field: 'idNumber', ok: sql`m.id_number_enc is not null` },
  { field: 'education', ok: sql`btrim(m.education) <> ''` },
  { field: 'status', ok: sql`m.status is not null` },
  { field: 'joinedOn', ok: sql`(m.status not in ('probationary', 'full') or m.joined_on is not null)` },
  { field: 'fullOn', ok: sql`(m.status <> 'full' or m.full_on is not null)` },
  { field: 'phone', ok: sql`m.phone_enc is not null` },
  {
    field: 'workUnit',
    ok: sql`(coalesce(btrim(m.work_unit), '') <> '' or o.place like '%村' or m.dues_category = 'farmer')`,
  },
  { field: 'mobileLocation', ok: sql`(not m.mobile or coalesce(btrim(m.mobile_location), '') <> '')` },
];

/** Every required field present (REQUIRED_FIELDS). */
export const COMPLETE = sql`(${sql.join(
  REQUIRED_FIELDS.map((f) => f.ok),
  sql` and `,
)})`;

/** The required fields a record lacks, as a text[] of field names. */
export const MISSING_FIELDS = sql`array_remove(array[${sql.join(
  REQUIRED_FIELDS.map((f) => sql`case when not ${f.ok} then ${f.field} end`),
  sql`, `,
)}]::text[], null)`;
