import { z } from 'zod';

/**
 * Ids travel as strings so that bigint keys never lose precision in JSON. The server reads them
 * as JavaScript numbers (bigserial in number mode), so one past 2^53 − 1 is refused here: it
 * would be rounded to another id, or be out of bigint's range and fail in the database (a 500).
 */
export const Id = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, { message: '编号格式不正确', abort: true })
  .refine((s) => Number.isSafeInteger(Number(s)), { message: '编号格式不正确' });
export type Id = z.infer<typeof Id>;

export const IdParams = z.strictObject({ id: Id });

export const PageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The one error shape every route answers with. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });

/** Trimmed, non-empty text of bounded length. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar day, YYYY-MM-DD (Asia/Shanghai is meant wherever "today" matters). */
export const DateOnly = z.iso.date({ message: '日期格式须为 YYYY-MM-DD' });

/** A calendar month, YYYY-MM. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式须为 YYYY-MM' });
