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
export const NewPassword = z
  .string()
  .min(8, { message: PASSWORD_RULE })
  .max(64, { message: PASSWORD_RULE })
  .refine((p) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length >= 3, {
    message: PASSWORD_RULE,
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
