import type { ButtonProps, FormInstance, FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ZodType, z } from 'zod';
import { en, zhCN } from 'zod/locales';
import { passwordShortfall } from '../../../contracts/auth.ts';
import { ApiError, errorMessage } from './api.ts';
import { currentLang } from './i18n.ts';

/** zod's own messages (length, required…) follow the UI language; contract messages are Chinese. */
export function syncZodLocale(): void {
  z.config(currentLang() === 'en' ? en() : zhCN());
}

/** Throws the schema's first message when the value does not pass. */
export function zodCheck(schema: ZodType, value: unknown): void {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(result.error.issues[0]?.message);
}

/** An antd rule that checks a value with the same zod schema the server uses. Empty is left to `required`. */
export function zodRule(schema: ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      zodCheck(schema, value);
    },
  };
}

/**
 * The new-password rule of every password form: what the password still lacks, in the reader's
 * language ("还缺少数字或符号"), from the same policy the server applies (contracts/auth.ts).
 */
export function passwordRule(): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      const short = passwordShortfall(value);
      if (short) throw new Error(short[currentLang() === 'en' ? 'en' : 'zh']);
    },
  };
}

/** '' and whitespace become null, for optional text fields that the contracts type as nullable. */
export const blankToNull = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null;

/**
 * Puts a server error next to the fields its details name. Returns the message to show above the
 * form for whatever could not be placed on a field (or null when everything was placed).
 */
export function applyServerErrors(form: FormInstance, e: unknown, fields: readonly string[]): string | null {
  if (!(e instanceof ApiError)) return errorMessage(e);
  const placed = e.fieldErrors.filter((f) => fields.includes(f.path.split('.')[0]));
  if (placed.length > 0) {
    form.setFields(
      placed.map((f) => ({
        name: f.path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
        errors: [f.message],
      })),
    );
  }
  const rest = e.fieldErrors.filter((f) => !placed.includes(f));
  if (placed.length > 0 && rest.length === 0) return null;
  return rest.length > 0 ? rest.map((f) => f.message).join('；') : e.message;
}

/** Button props carrying a test hook (antd's prop types do not list data-* attributes). */
export const testIdProps = (id: string, extra: ButtonProps = {}): ButtonProps =>
  ({ ...extra, 'data-testid': id }) as ButtonProps;

/** A Form.Item's date: 'YYYY-MM-DD' in the form values (as the contracts type it); the picker sees dayjs. */
export const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** A Form.Item's month: 'YYYY-MM' in the form values; the month picker sees dayjs. */
export const monthProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(`${v}-01`) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM') : null),
};

/**
 * A dialog's `styles`: keeps its buttons on screen on a 768-pixel-high laptop — the body scrolls,
 * the footer stays.
 */
export const scrollingBody = { body: { maxHeight: 'calc(100vh - 250px)', overflowY: 'auto' as const } };
