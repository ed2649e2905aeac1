import { LEFT_HOW_LABELS } from '../../../../../contracts/labels.ts';
import { conflict } from '../../../platform/http/errors.ts';

/**
 * Someone who left the Party stays on file, read only (issue 12 §1): every write to the record
 * calls this after authorizing, so the caller learns why nothing was saved — and an outsider,
 * refused before, learns nothing of it.
 */
export function refuseLeft(m: {
  name: string;
  partyStanding: string;
  leftHow: string | null;
  leftOn: string | null;
}) {
  if (m.partyStanding !== 'left') return;
  const how = LEFT_HOW_LABELS[m.leftHow as keyof typeof LEFT_HOW_LABELS] ?? { zh: '已出党', en: 'left' };
  throw conflict('member_left', {
    zh: `${m.name}已出党（${how.zh}，${m.leftOn ?? ''}），档案只读，不能修改`,
    en: `This person left the Party (${how.en}, ${m.leftOn ?? ''}); the record is read only`,
  });
}
