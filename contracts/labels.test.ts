import { describe, expect, it } from 'vitest';
import { ROLES } from './auth.ts';
import * as labels from './labels.ts';
import {
  DUES_CATEGORY_LABELS,
  labelsIn,
  MEMBER_FIELD_LABELS,
  MEMBER_FIELD_LABELS_EN,
  MEMBER_STATUS_LABELS,
  ROLE_LABELS,
  valueNamed,
} from './labels.ts';
import { DuesCategory } from './members/dues.ts';
import { MEMBER_STATUSES } from './members/enums.ts';

const enumLabels = Object.entries(labels).filter(
  ([name, v]) => name.endsWith('_LABELS') && typeof Object.values(v as object)[0] === 'object',
) as [string, Record<string, labels.Label>][];

describe('labels of enumerations, one copy for the server, the Excel files and the web', () => {
  it('give one language at a time, in the order of the enumeration', () => {
    expect(labelsIn(MEMBER_STATUS_LABELS, 'zh')).toEqual({
      applicant: '入党申请人',
      activist: '入党积极分子',
      candidate: '发展对象',
      probationary: '预备党员',
      full: '正式党员',
    });
    expect(Object.keys(MEMBER_STATUS_LABELS)).toEqual([...MEMBER_STATUSES]);
    expect(Object.keys(DUES_CATEGORY_LABELS)).toEqual(DuesCategory.options);
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
  });

  it('read a cell of an Excel file back as the value it names', () => {
    expect(valueNamed(MEMBER_STATUS_LABELS, '正式党员')).toBe('full');
    expect(valueNamed(DUES_CATEGORY_LABELS, ' 困难党员 ')).toBe('relief');
    expect(valueNamed(MEMBER_STATUS_LABELS, 'Probationary member', 'en')).toBe('probationary');
    expect(valueNamed(MEMBER_STATUS_LABELS, '党员')).toBeUndefined();
  });

  it.each(enumLabels)('%s: every value is named in both languages, and no two alike', (_name, map) => {
    for (const lang of ['zh', 'en'] as const) {
      const words = Object.values(map).map((l) => l[lang]);
      for (const w of words) expect(w.trim()).not.toBe('');
      expect(new Set(words).size).toBe(words.length);
    }
  });

  it('name every member field in English as in Chinese', () => {
    expect(Object.keys(MEMBER_FIELD_LABELS_EN)).toEqual(Object.keys(MEMBER_FIELD_LABELS));
  });
});
