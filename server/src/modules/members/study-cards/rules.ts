import { type AppError, conflict, forbidden, type Text } from '../../../platform/http/errors.ts';

export type IssuedCard = {
  memberId: string;
  name: string;
  orgName: string;
  cardNo: string;
  password: string;
};

/**
 * One request hashes every new password (argon2id, ~17 ms each on one core), so a batch is kept
 * to what a request can do in seconds: a town issues branch by branch or general branch by
 * general branch.
 */
export const MAX_CARDS_PER_BATCH = 1000;

export const NO_CARD = conflict('no_study_card', {
  zh: '该党员尚未发放学习卡，请先发卡',
  en: 'This member has no study card yet; issue one first',
});

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

/** Said when a member's account also holds a role above the actor's reach. */
export const ACCOUNT_OUT_OF_REACH = (name: string): Text => ({
  zh: `${name}的账号在您管理范围之外还担任其他角色，学习卡须由上级管理员发放或重置`,
  en: "This member's account holds roles outside your scope; a higher admin must issue or reset the card",
});

export function ACCOUNTS_OUT_OF_REACH(names: string[]): AppError {
  const shown = names.slice(0, 5).join('、') + (names.length > 5 ? `等 ${names.length} 人` : '');
  return forbidden({
    zh: `${shown}的账号在您管理范围之外还担任其他角色，本批未发放任何学习卡；请由上级管理员为其发卡，或按党支部分批发放`,
    en: `${names.length} member account(s) hold roles outside your scope; nothing was issued. A higher admin must issue those cards`,
  });
}
