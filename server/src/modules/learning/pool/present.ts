import type { Teacher, TrainingBase } from '../../../../../contracts/learning/pool.ts';
import { type Actor, can } from '../../../platform/access/index.ts';
import { maskPhone, type Pii } from '../../../platform/pii/index.ts';
import { maySeePool } from './policy.ts';
import {
  type BaseRow,
  basePhoneOf,
  type PhotoRow,
  type RatingFigures,
  type TeacherRow,
  teacherPhoneOf,
} from './store.ts';

const masked = (phone: string | null) => (phone ? maskPhone(phone) : null);

/** A teacher as lists show it: the phone masked, never its ciphertext; what the caller may do. */
export function presentTeacher(
  actor: Actor | null,
  pii: Pii,
  t: TeacherRow,
  orgName: string,
  figures: { rating: RatingFigures; lectures: number } | undefined,
): Teacher {
  const manage = !!actor && can(actor, 'pool.manage', t.orgPath);
  return {
    id: String(t.id),
    orgId: String(t.orgId),
    orgName,
    shared: t.shared,
    name: t.name,
    unit: t.unit,
    title: t.title,
    topics: t.topics,
    intro: t.intro,
    phone: masked(teacherPhoneOf(pii, t)),
    rating: figures?.rating ?? { average: null, count: 0 },
    lectureCount: figures?.lectures ?? 0,
    can: {
      edit: manage,
      reveal: !!actor && t.phoneEnc != null && maySeePool(actor, 'pool.reveal_pii', t),
      // a lecture is recorded for an org of one's own scope: a shared teacher of the district too
      lecture: !!actor && maySeePool(actor, 'pool.manage', t),
    },
  };
}

export function presentBase(
  actor: Actor | null,
  pii: Pii,
  b: BaseRow,
  orgName: string,
  photos: PhotoRow[],
): TrainingBase {
  return {
    id: String(b.id),
    orgId: String(b.orgId),
    orgName,
    shared: b.shared,
    name: b.name,
    address: b.address,
    capacity: b.capacity,
    themes: b.themes,
    contactName: b.contactName,
    contactPhone: masked(basePhoneOf(pii, b)),
    intro: b.intro,
    photos: photos
      .filter((p) => p.baseId === b.id)
      .map((p) => ({ id: String(p.id), width: p.width, height: p.height })),
    can: {
      edit: !!actor && can(actor, 'pool.manage', b.orgPath),
      reveal: !!actor && b.contactPhoneEnc != null && maySeePool(actor, 'pool.reveal_pii', b),
    },
  };
}
