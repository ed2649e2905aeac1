import { z } from 'zod';
import { Id } from './common.ts';

export const ROLES = ['dept_admin', 'org_admin', 'secretary', 'member', 'station_manager'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
/** Roles that run the platform; their sessions get the short admin idle timeout. */
export const ADMIN_ROLES: readonly Role[] = ['dept_admin', 'org_admin', 'secretary', 'station_manager'];

export const Login = z.strictObject({
  /** Username, mobile phone number or study-card number. */
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type Login = z.infer<typeof Login>;

/** Policy: 8-64 characters, at least three of upper case, lower case, digits, symbols. */
export const PASSWORD_RULE = '密码须为 8-64 位，且包含大写字母、小写字母、数字、符号中的至少三类';

/** The four kinds of character the policy counts, in the words a message uses. */
const PASSWORD_KINDS = [
  { re: /[A-Z]/, zh: '大写字母', en: 'an upper-case letter' },
  { re: /[a-z]/, zh: '小写字母', en: 'a lower-case letter' },
  { re: /\d/, zh: '数字', en: 'a digit' },
  { re: /[^A-Za-z0-9]/, zh: '符号', en: 'a symbol' },
] as const;

/**
 * What a new password still lacks under the policy, said as what to add ("还缺少数字或符号")
 * rather than the rule again; null when it passes. Shared by the server's check and the forms.
 */
export function passwordShortfall(p: string): { zh: string; en: string } | null {
  const zh: string[] = [];
  const en: string[] = [];
  if (p.length < 8) {
    zh.push(`还差 ${8 - p.length} 位（至少 8 位）`);
    en.push(`${8 - p.length} more character${8 - p.length === 1 ? '' : 's'} (at least 8)`);
  }
  if (p.length > 64) {
    zh.push(`长了 ${p.length - 64} 位（最多 64 位）`);
    en.push(`${p.length - 64} character${p.length === 65 ? '' : 's'} too long (at most 64)`);
  }
  // three of the four kinds: one may be left out
  const missing = PASSWORD_KINDS.filter((k) => !k.re.test(p));
  if (missing.length === 2) {
    zh.push(`还缺少${missing.map((k) => k.zh).join('或')}`);
    en.push(`add ${missing.map((k) => k.en).join(' or ')}`);
  } else if (missing.length >= 3) {
    zh.push(`还缺少两类字符：${missing.map((k) => k.zh).join('、')}中任选两类`);
    en.push(`add two of: ${missing.map((k) => k.en).join(', ')}`);
  }
  return zh.length ? { zh: zh.join('，'), en: en.join('; ') } : null;
}

export const NewPassword = z.string().superRefine((p, ctx) => {
  const short = passwordShortfall(p);
  if (short) ctx.addIssue({ code: 'custom', message: short.zh });
});

export const ChangePassword = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: NewPassword,
});

export const Grant = z.object({
  id: Id,
  role: Role,
  orgId: Id,
  orgName: z.string(),
});
export type Grant = z.infer<typeof Grant>;

export const Me = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  orgId: Id.nullable(),
  orgName: z.string().nullable(),
  mustChangePassword: z.boolean(),
  grants: z.array(Grant),
  /** Actions the user may take somewhere, for showing and hiding menu entries. */
  actions: z.array(z.string()),
  idleMinutes: z.number().int(),
  /**
   * The session was opened with a study card (学习卡), at a shared station PC or kiosk: it acts
   * only as a member, and the web app signs out after idleMinutes without activity.
   */
  viaCard: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const SessionInfo = z.object({
  id: Id,
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export const SessionList = z.object({ items: z.array(SessionInfo) });

/**
 * The login's answer when the account needs its second factor (两步验证): no session yet, a ticket
 * good for five minutes. `enrol`: the account must set up an authenticator first, and the answer
 * carries the new secret and its otpauth:// URI for the QR code.
 */
export const SecondFactorStep = z.object({
  step: z.enum(['totp', 'enrol']),
  ticket: z.string(),
  secret: z.string().optional(),
  otpauthUri: z.string().optional(),
});
export type SecondFactorStep = z.infer<typeof SecondFactorStep>;

/** POST /auth/login answers the user (logged in) or the step still to take. */
export const LoginResult = z.union([Me, SecondFactorStep]);
export type LoginResult = z.infer<typeof LoginResult>;

export const isSecondFactorStep = (r: LoginResult): r is SecondFactorStep => 'step' in r;

/** The six digits an authenticator shows; spaces between the groups are allowed. */
export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{3}\s?\d{3}$/, '请输入验证器上显示的 6 位数字');

/** A recovery code as printed: 4+4 letters and digits, the dash optional. */
export const RecoveryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/, '恢复码为 8 位字母和数字，如 K7QD-M2XP');

/** POST /auth/login/code: the second step, with a code or (not while enrolling) a recovery code. */
export const LoginCode = z
  .strictObject({
    ticket: z.string().min(1).max(100),
    code: TotpCode.optional(),
    recoveryCode: RecoveryCode.optional(),
    remember: z.boolean().default(false),
  })
  .refine((b) => (b.code == null) !== (b.recoveryCode == null), {
    message: '请输入验证器上显示的 6 位数字（或一个恢复码）',
    path: ['code'],
  });
export type LoginCode = z.infer<typeof LoginCode>;

/** After the first code of an enrolment: the recovery codes, shown once. */
export const LoginCodeResult = Me.extend({ recoveryCodes: z.array(z.string()).optional() });

export const TrustedDevice = z.object({
  id: Id,
  createdAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

/** GET /auth/totp: my second factor. */
export const TotpStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  /** One of my roles requires it (the department's setting): it cannot be switched off. */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  rememberDays: z.number().int(),
  devices: z.array(TrustedDevice),
});
export type TotpStatus = z.infer<typeof TotpStatus>;

export const TotpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string() });
export const TotpCodeBody = z.strictObject({ code: TotpCode });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const TotpReset = z.strictObject({ reason: z.string().trim().min(2, '请写明重置原因').max(200) });
