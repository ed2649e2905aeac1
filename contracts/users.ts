import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from './common.ts';
import { Grant, NewPassword, Role } from './auth.ts';

/** Mainland mobile number: 11 digits starting with 1. */
export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: '手机号须为 11 位中国大陆手机号码' });

export const Username = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, { message: '用户名须以字母开头，3-32 位字母、数字或 _ . -' });

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  /** Masked: 138****5678. */
  phone: z.string().nullable(),
  orgId: Id.nullable(),
  orgName: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  grants: z.array(Grant),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const CreateUser = z.strictObject({
  username: Username,
  displayName: text(50),
  phone: Phone.nullish(),
  orgId: Id,
  password: NewPassword,
  grants: z
    .array(z.strictObject({ role: Role, orgId: Id }))
    .max(20)
    .default([]),
});
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .strictObject({
    displayName: text(50),
    phone: Phone.nullable(),
    orgId: Id,
    disabled: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: '至少修改一项' });

export const ResetPassword = z.strictObject({ password: NewPassword });

export const CreateGrant = z.strictObject({ role: Role, orgId: Id });

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  orgId: Id.optional(),
  role: Role.optional(),
});

export const UserPage = pageOf(User);
