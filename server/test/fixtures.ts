import type { OrgKind } from '../../contracts/orgs.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { bind } from '../src/platform/pii/index.ts';
import { makeIdCard } from '../src/modules/members/record/id-card.ts';
import { searchKeys } from '../src/modules/members/record/search-keys.ts';
import { mayContain } from '../src/modules/orgs/rules.ts';
import { DEMO_PASSWORD, type TestEnv, query } from './harness.ts';

let seq = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++seq}`;

/** Factories: rows made straight in the database, for the "given …" part of a test. */
export async function makeOrg(env: TestEnv, parentId: number, kind?: OrgKind, name?: string) {
  const [parent] = await query<{ path: string; kind: OrgKind }>(
    env,
    'select path, kind from orgs where id = $1',
    [parentId],
  );
  const k =
    kind ??
    (['branch', 'general_branch', 'committee', 'group'] as OrgKind[]).find((c) =>
      mayContain(parent.kind, c),
    ) ??
    'group';
  const [{ id }] = await query<{ id: number }>(env, "select nextval('orgs_id_seq')::int8 as id");
  const path = `${parent.path}${id}/`;
  await query(
    env,
    `insert into orgs (id, parent_id, path, depth, name, code, kind) values ($1, $2, $3, $4, $5, $6, $7)`,
    [id, parentId, path, path.split('/').length - 3, name ?? `测试党组织${unique()}`, `T-${unique()}`, k],
  );
  return { id, path, kind: k };
}

let demoHash: Promise<string> | undefined;

export async function makeUser(
  env: TestEnv,
  opts: { orgId: number; role?: string; grantOrgId?: number; phone?: string },
) {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  const username = `u${unique().replace(/[^a-z0-9]/gi, '')}`;
  const [{ id }] = await query<{ id: number }>(env, "select nextval('users_id_seq')::int8 as id");
  const phone = opts.phone
    ? {
        enc: env.pii.encrypt(opts.phone, bind('users', 'phone', id)),
        idx: env.pii.blindIndex('phone', opts.phone),
      }
    : null;
  await query(
    env,
    `insert into users (id, username, display_name, password_hash, org_id, phone_enc, phone_index)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [id, username, `测试用户${seq}`, await demoHash, opts.orgId, phone?.enc ?? null, phone?.idx ?? null],
  );
  if (opts.role) {
    await query(env, 'insert into role_grants (user_id, role, org_id) values ($1, $2, $3)', [
      id,
      opts.role,
      opts.grantOrgId ?? opts.orgId,
    ]);
  }
  return { id, username };
}

let idSeq = 100;
/** A member in `orgId` (or in a new branch under it when it is not a branch). */
export async function makeMember(
  env: TestEnv,
  orgId: number,
  over: { name?: string; idNumber?: string; status?: string; phone?: string } = {},
) {
  const [org] = await query<{ kind: string }>(env, 'select kind from orgs where id = $1', [orgId]);
  const branchId = org.kind === 'branch' ? orgId : (await makeOrg(env, orgId, 'branch')).id;
  idSeq += 2;
  // born 1950–1979, so any join date a test picks after 2000 is past the 18th birthday
  const birth = `19${50 + (idSeq % 30)}-0${1 + (idSeq % 9)}-1${idSeq % 10}`;
  const idNumber = over.idNumber ?? makeIdCard('110105', birth, (process.pid * 7 + idSeq) % 998, 'male');
  const [{ id }] = await query<{ id: number }>(env, "select nextval('members_id_seq')::int8 as id");
  const name = over.name ?? `测试党员${idSeq}`;
  const keys = searchKeys(env.pii, { name, phone: over.phone ?? null });
  await query(
    env,
    `insert into members (org_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_index, education, status,
                          joined_on, full_on, phone_enc, phone_index, id, phone_tail_index, name_initials)
     values ($1, $2, 'male', '汉族', $3, $4, $5, '大学本科', $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      branchId,
      name,
      birth,
      env.pii.encrypt(idNumber, bind('members', 'id_number', id)),
      env.pii.blindIndex('id', idNumber),
      over.status ?? 'full',
      (over.status ?? 'full') === 'full' ? '2000-07-01' : null,
      (over.status ?? 'full') === 'full' ? '2001-07-01' : null,
      over.phone ? env.pii.encrypt(over.phone, bind('members', 'phone', id)) : null,
      keys.phoneIndex,
      id,
      keys.phoneTailIndex,
      keys.nameInitials,
    ],
  );
  return { id, branchId, idNumber };
}
