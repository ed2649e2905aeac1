import { describe, expect, it } from 'vitest';
import { hanCharsOf, queryTextOf, searchTextOf, wordsOf } from './index.ts';

describe('Chinese words (Intl.Segmenter, ICU dictionary)', () => {
  it('cuts real words, not single characters nor whole phrases', () => {
    expect(wordsOf('中国共产党历史')).toEqual(['中国', '共产', '党', '历史']);
    expect(wordsOf('乡村振兴战略')).toEqual(['乡村', '振兴', '战略']);
    expect(wordsOf('党员教育管理工作条例')).toEqual(['党员', '教育', '管理', '工作', '条例']);
  });

  it('drops punctuation and spaces, lower-cases Latin letters, keeps numbers', () => {
    expect(wordsOf('“三会一课”， PPT 与 2026年！')).toEqual(['三', '会', '一课', 'ppt', '与', '2026', '年']);
    expect(hanCharsOf('党史 A1')).toEqual(['党', '史']);
  });

  it('never hands a tsquery an operator or a quote', () => {
    expect(wordsOf("it's a & b | !c")).toEqual(['its', 'a', 'b', 'c']);
    expect(queryTextOf("党史' | 1=1")).toBe("('党' & '史' | '党史') & '1'");
  });
});

describe('the search keys of a document', () => {
  it('index the short fields by words, characters and pairs of characters, the body by words only', () => {
    const t = searchTextOf({ a: ['党史学习'], b: ['讲述百年'], c: ['正文内容'] });
    expect(t.a.split(' ')).toEqual(['党', '史', '学习', '党', '史', '学', '习', '党史', '史学', '学习']);
    expect(t.b.split(' ')).toEqual(['讲述', '百年', '讲', '述', '百', '年', '讲述', '述百', '百年']);
    expect(t.c).toBe('正文 内容');
    expect(t.s).toBe('');
  });

  it('keep the synonyms apart for the head, and in B too', () => {
    const t = searchTextOf({ a: ['党史'], synonyms: ['中国共产党历史'], b: ['讲述'] });
    expect(t.s.split(' ')).toContain('共产');
    expect(t.s.split(' ')).toContain('产党');
    expect(t.b.startsWith(t.s)).toBe(true);
    expect(t.b.split(' ')).toContain('讲述');
  });
});

describe('the query of what a member typed', () => {
  it('takes a run of Chinese characters as its words or as all its pairs of characters, never as a phrase', () => {
    expect(queryTextOf('乡村振兴')).toBe("('乡村' & '振兴' | '乡村' & '村振' & '振兴')");
    expect(queryTextOf('党史')).toBe("('党' & '史' | '党史')");
    expect(queryTextOf('廉政 警示教育')).toBe(
      "('廉' & '政' | '廉政') & ('警示' & '教育' | '警示' & '示教' & '教育')",
    );
    expect(queryTextOf('PPT 党课 2026年')).toBe("'ppt' & ('党' & '课' | '党课') & '2026' & '年'");
    expect(queryTextOf('三会一课')).not.toContain('<->');
  });

  it('leaves out function words, unless nothing else is left', () => {
    expect(queryTextOf('如何学习党章')).toBe(
      "('学习' & '党章' | '如何' & '何学' & '学习' & '习党' & '党章')",
    );
    expect(queryTextOf('的')).toBe("'的'");
    expect(queryTextOf('，。！')).toBeNull();
    expect(queryTextOf('   ')).toBeNull();
  });

  it('says each word once, and no more than twelve', () => {
    expect(queryTextOf('党史 党史')).toBe("('党' & '史' | '党史')");
    expect(queryTextOf('一 二 三 四 五 六 七 八 九 十 甲 乙 丙 丁')!.split(' & ')).toHaveLength(12);
  });
});
