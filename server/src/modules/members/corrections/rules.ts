import { bind, type Pii } from '../../../platform/pii/index.ts';
import type { z } from 'zod';
import { text } from '../../../../../contracts/common.ts';
import { CORRECTABLE, Degree, Education, Ethnicity } from '../../../../../contracts/members/index.ts';
import { Phone } from '../../../../../contracts/users.ts';
import { MEMBER_FIELD_LABELS, MEMBER_FIELD_LABELS_EN } from '../../../../../contracts/labels.ts';

export type Field = (typeof CORRECTABLE)[number];
export type Status = 'pending' | 'approved' | 'rejected';

/** Each correctable field is checked as the record form checks it, when the member asks. */
export const FIELD_SCHEMA: Record<Field, z.ZodType<string>> = {
  name: text(30),
  ethnicity: Ethnicity,
  education: Education,
  degree: Degree,
  phone: Phone,
  workUnit: text(100),
  mobileLocation: text(100),
};
/** Each correctable field as the record form names it (contracts/labels.ts). */
export const FIELD_LABEL = Object.fromEntries(
  CORRECTABLE.map((f) => [f, { zh: MEMBER_FIELD_LABELS[f], en: MEMBER_FIELD_LABELS_EN[f].toLowerCase() }]),
) as Record<Field, { zh: string; en: string }>;
/** Personal data is stored encrypted in the request, as in the record. */
export const ENCRYPTED = new Set<Field>(['phone']);

/**
 * The field's value when the member asked, kept with the request (JSON, so that "no value" is
 * kept too; encrypted like the value when it is personal data).
 */
export function sealBaseline(pii: Pii, id: number, field: Field, current: unknown): string {
  const json = JSON.stringify(current ?? null);
  return ENCRYPTED.has(field) ? pii.encrypt(json, bind('corrections', 'previous_value', id)) : json;
}

/** The value asked for, stored (encrypted, bound to request `id`, when it is personal data). */
export const sealValue = (pii: Pii, id: number, field: Field, value: string) =>
  ENCRYPTED.has(field) ? pii.encrypt(value, bind('corrections', 'value', id)) : value;

/** The value asked for, read back. */
export const requestedValue = (pii: Pii, c: { id: number; field: string; value: string }) =>
  ENCRYPTED.has(c.field as Field) ? pii.decrypt(c.value, bind('corrections', 'value', c.id)) : c.value;

/**
 * The field's value when the member asked (what the correction replaces), read back; null when it
 * had none, or for requests from before baselines were kept.
 */
export function previousValue(pii: Pii, c: { id: number; field: string; previousValue: string | null }) {
  if (c.previousValue == null) return null;
  const json = ENCRYPTED.has(c.field as Field)
    ? pii.decrypt(c.previousValue, bind('corrections', 'previous_value', c.id))
    : c.previousValue;
  const was: unknown = JSON.parse(json);
  return was == null ? null : String(was);
}

/** Has the record's field changed since the request was made? Requests from before baselines: no. */
export function changedSince(
  pii: Pii,
  c: { id: number; field: string; previousValue: string | null },
  current: unknown,
): boolean {
  const sealed = c.previousValue;
  if (sealed == null) return false;
  const binding = bind('corrections', 'previous_value', c.id);
  const was = JSON.parse(ENCRYPTED.has(c.field as Field) ? pii.decrypt(sealed, binding) : sealed);
  return JSON.stringify(was) !== JSON.stringify(current ?? null);
}
