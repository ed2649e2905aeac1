import { describe, expect, it } from 'vitest';
import { parseDateText } from './dates.ts';

describe('a date typed the way records are kept', () => {
  it.each([
    ['2005-06-01', '2005-06-01'],
    ['20050601', '2005-06-01'],
    ['2005/6/1', '2005-06-01'],
    ['2005/06/01', '2005-06-01'],
    ['2005.06.01', '2005-06-01'],
    ['2005.6.1', '2005-06-01'],
    ['2005年6月1日', '2005-06-01'],
    [' 2005 - 6 - 1 ', '2005-06-01'],
  ])('%s is %s', (typed, iso) => {
    expect(parseDateText(typed)).toBe(iso);
  });
  it.each(['2005-02-30', '20051301', '2005.6', '05.6.1', '1899-12-31', 'yesterday', ''])(
    '%s is no date',
    (typed) => {
      expect(parseDateText(typed)).toBeNull();
    },
  );
});
