import { errors } from 'oidc-provider';
import type { Db } from '../../db/client.ts';
import type { Pii } from '../../platform/pii/index.ts';
import { clientMetadata, findClientRow } from './clients.ts';

type Payload = Record<string, unknown> & {
  grantId?: string;
  userCode?: string;
  uid?: string;
  consumed?: number;
};

/**
 * oidc-provider's storage in PostgreSQL (table oidc_payloads): several app processes serve /oidc,
 * so a code issued by one is redeemed at another. Rows past their expiry are never returned (and
 * swept by the nightly job); a consumed code comes back marked `consumed`, which the provider
 * refuses and answers by revoking everything issued from its grant (a replayed code).
 *
 * The `Client` model is not stored here: the department's registry (sso_clients) answers it, so a
 * sub-platform registered, edited or disabled in the console takes effect at once, in every process.
 */
export function pgAdapterFactory(db: Db, pii: Pii) {
  return (model: string) => new PgAdapter(model, db, pii);
}

class PgAdapter {
  private readonly model: string;
  private readonly db: Db;
  private readonly pii: Pii;
  constructor(model: string, db: Db, pii: Pii) {
    this.model = model;
    this.db = db;
    this.pii = pii;
  }

  private q<T extends Record<string, unknown>>(name: string, text: string, values: unknown[]) {
    // named: prepared once per connection (every code flow passes here several times)
    return this.db.$client.query<T>({ name: `oidc_${name}`, text, values });
  }

  async upsert(id: string, payload: Payload, expiresIn?: number) {
    await this.q(
      'upsert',
      `insert into oidc_payloads (model, id, payload, grant_id, user_code, uid, expires_at)
       values ($1, $2, $3, $4, $5, $6, case when $7::int is null then null else now() + make_interval(secs => $7::int) end)
       on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
         user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`,
      [
        this.model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.userCode ?? null,
        payload.uid ?? null,
        expiresIn ? Math.ceil(expiresIn) : null,
      ],
    );
  }

  async find(id: string): Promise<Payload | undefined> {
    if (this.model === 'Client') {
      const row = await findClientRow(this.db, id);
      return row?.enabled ? (clientMetadata(row, this.pii) as Payload) : undefined;
    }
    return this.findBy('id', id);
  }

  findByUid(uid: string) {
    return this.findBy('uid', uid);
  }

  findByUserCode(userCode: string) {
    return this.findBy('user_code', userCode);
  }

  private async findBy(column: 'id' | 'uid' | 'user_code', value: string): Promise<Payload | undefined> {
    const { rows } = await this.q<{ payload: Payload; consumed: number | null }>(
      `find_${column}`,
      `select payload, extract(epoch from consumed_at)::bigint as consumed from oidc_payloads
        where model = $1 and ${column} = $2 and (expires_at is null or expires_at > now()) limit 1`,
      [this.model, value],
    );
    const r = rows[0];
    if (!r) return undefined;
    return r.consumed == null ? r.payload : { ...r.payload, consumed: Number(r.consumed) };
  }

  /**
   * Marks a code (or a rotated refresh token) used, once: two redemptions of the same code at the
   * same moment both read it unconsumed, but only one update wins here; the other is answered as a
   * replay (invalid_grant) and, as for a replay, what the grant gave is revoked.
   */
  async consume(id: string) {
    const won = await this.q(
      'consume',
      'update oidc_payloads set consumed_at = now() where model = $1 and id = $2 and consumed_at is null',
      [this.model, id],
    );
    if (won.rowCount === 0) {
      const { rows } = await this.q<{ grant_id: string | null }>(
        'consumed_grant',
        'select grant_id from oidc_payloads where model = $1 and id = $2',
        [this.model, id],
      );
      if (rows[0]?.grant_id) await this.revokeByGrantId(rows[0].grant_id);
      throw new errors.InvalidGrant(
        `${this.model === 'AuthorizationCode' ? 'authorization code' : 'token'} already consumed`,
      );
    }
  }

  async destroy(id: string) {
    await this.q('destroy', 'delete from oidc_payloads where model = $1 and id = $2', [this.model, id]);
  }

  async revokeByGrantId(grantId: string) {
    await this.q('revoke', 'delete from oidc_payloads where grant_id = $1', [grantId]);
  }
}

/** The nightly sweep: what has expired is never read again. */
export async function sweepExpired(db: Db): Promise<number> {
  const r = await db.$client.query("delete from oidc_payloads where expires_at < now() - interval '1 hour'");
  return r.rowCount ?? 0;
}
