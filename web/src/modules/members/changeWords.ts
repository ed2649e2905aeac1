import { useTranslation } from 'react-i18next';
import { postNamed } from '../../../../contracts/members/codes.ts';
import { yuan } from '../../app/format.ts';
import './i18n.ts';

/**
 * Field names and values said in words, the same way everywhere a change is shown: the record's
 * history, the pipeline's missing items, a correction request ('status', 'full' → 人员类别, 正式党员).
 */
export function useChangeWords() {
  const { t, i18n } = useTranslation();
  const label = (field: string) => {
    if (i18n.exists(`members.field.${field}`)) return t(`members.field.${field}`);
    if (i18n.exists(`pipelineItem.${field}`)) return t(`pipelineItem.${field}`);
    return field;
  };
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('members.none');
    if (typeof v === 'boolean') return v ? t('members.yes') : t('members.no');
    if (Array.isArray(v)) return v.length ? v.join('、') : t('members.none');
    if (field === 'status' && typeof v === 'string') return t(`memberStatus.${v}`, { defaultValue: v });
    if (field === 'gender' && typeof v === 'string') return t(`gender.${v}`, { defaultValue: v });
    if (field === 'duesCategory' && typeof v === 'string') return t(`duesCategory.${v}`, { defaultValue: v });
    // 党籍 (standing/i18n.ts): the standing, how someone left, abroad
    if (field === 'partyStanding' && typeof v === 'string')
      return t(`standing.status.${v}`, { defaultValue: v });
    if (field === 'leftHow' && typeof v === 'string') return t(`standing.leftHow.${v}`, { defaultValue: v });
    if (field === 'abroadKind' && typeof v === 'string')
      return t(`standing.abroad.${v}`, { defaultValue: v });
    // the national fields (record/): a post by its name, a hardship by its kind
    if (field === 'postCode' && typeof v === 'string') {
      const post = postNamed(v);
      return post ? (i18n.language === 'en' ? post.en : post.name) : v;
    }
    if (field === 'hardshipKind' && typeof v === 'string') return t(`hardshipKind.${v}`, { defaultValue: v });
    if (field.endsWith('Fen') && typeof v === 'number') return yuan(v);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return { label, value };
}
