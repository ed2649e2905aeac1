import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { roleGrants, users } from './schema.ts';
import { revokeAllSessions } from './sessions.ts';

/**
 * 学习卡 ("红色身份证"): a card number and a 6-digit password that log a member in at a station
 * PC or kiosk when they have no phone. The card is a second credential on the member's account:
 * the same lockout, sessions and audit as any login (service.ts), its own password hash.
 *
 * Numbers are 11 random digits plus a Luhn check digit: not guessable from a neighbour's card,
 * and a mistyped digit is caught before any database look-up.
 */
export const CARD_NUMBER = /^\d{12}$/;

export function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isCardNumber(s: string): boolean {
  return CARD_NUMBER.test(s) && luhnDigit(s.slice(0, 11)) === Number(s[11]);
}

function randomCardNumber(): string {
  // first digit 1-9 so the number never loses a leading zero in a spreadsheet
  const body = String(randomInt(1, 10)) + String(randomInt(0, 10_000_000_000)).padStart(10, '0');
  return body + luhnDigit(body);
}

/** 6 digits, so that an elderly member can key it in on a kiosk's number pad. */
export function newCardPassword(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** `n` card numbers that no account holds yet. */
export async function newCardNumbers(db: Queryable, n: number): Promise<string[]> {
  const out = new Set<string>();
  while (out.size < n) {
    const fresh: string[] = [];
    while (out.size + fresh.length < n) {
      const c = randomCardNumber();
      if (!out.has(c) && !fresh.includes(c)) fresh.push(c);
    }
    const taken = await db
      .select({ no: users.studyCardNo })
      .from(users)
      .where(inArray(users.studyCardNo, fresh));
    const takenSet = new Set(taken.map((t) => t.no));
    for (const c of fresh) if (!takenSet.has(c)) out.add(c);
  }
  return [...out];
}

export type CardHolder = {
  /** The member's account, or null: an account is made for the card. */
  userId: number | null;
  displayName: string;
  /** The member's branch: the account's home and where the 'member' role is granted. */
  orgId: number;
  cardNo: string;
  passwordHash: string;
};

/**
 * Gives each holder their card (a new account when they have none), and the 'member' role on
 * their branch. A replaced card ends the sessions it may have opened. Returns the account ids in
 * the order given.
 */
export async function assignStudyCards(db: Queryable, holders: CardHolder[], now: Date): Promise<number[]> {
  if (!holders.length) return [];
  const fresh = holders.filter((h) => h.userId == null);
  const made = new Map<string, number>();
  if (fresh.length) {
    const rows = await db
      .insert(users)
      .values(
        fresh.map((h) => ({
          username: `card${h.cardNo}`,
          displayName: h.displayName,
          // not an argon2 hash, so no password ever matches it: the card is this account's only key
          passwordHash: `!card-only:${randomBytes(16).toString('hex')}`,
          orgId: h.orgId,
          studyCardNo: h.cardNo,
          cardPasswordHash: h.passwordHash,
          createdAt: now,
          updatedAt: now,
          passwordChangedAt: now,
        })),
      )
      .returning({ id: users.id, cardNo: users.studyCardNo });
    for (const r of rows) made.set(r.cardNo!, r.id);
  }
  const existing = holders.filter((h) => h.userId != null);
  if (existing.length) {
    const ids = existing.map((h) => h.userId!);
    const replaced = await db
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, ids), isNotNull(users.studyCardNo)));
    await db.execute(sql`
      update users u
         set study_card_no = x.card_no, card_password_hash = x.hash, failed_logins = 0, locked_until = null,
             updated_at = ${now}
        from jsonb_to_recordset(${JSON.stringify(
          existing.map((h) => ({ id: h.userId, card_no: h.cardNo, hash: h.passwordHash })),
        )}::jsonb) as x(id int8, card_no text, hash text)
       where u.id = x.id`);
    for (const r of replaced) await revokeAllSessions(db, r.id);
  }
  const ids = holders.map((h) => h.userId ?? made.get(h.cardNo)!);
  await db
    .insert(roleGrants)
    .values(holders.map((h, i) => ({ userId: ids[i], role: 'member', orgId: h.orgId })))
    .onConflictDoNothing();
  return ids;
}

/** A new card password (the old card was forgotten or seen): unlocks, and ends open sessions. */
export async function resetStudyCardPassword(db: Queryable, userId: number, passwordHash: string, now: Date) {
  const res = await db
    .update(users)
    .set({ cardPasswordHash: passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now })
    .where(and(eq(users.id, userId), isNotNull(users.studyCardNo)))
    .returning({ id: users.id });
  if (res.length) await revokeAllSessions(db, userId);
  return res.length > 0;
}
