import { describe, expect, it } from 'vitest';
import { matchesFill, normalizeAnswer } from './normalize.ts';

describe('normalizing a fill-in-the-blank answer', () => {
  it.each([
    ['ＣＰＣ１９２１', 'cpc1921', 'full-width letters and digits become half-width, then lower case'],
    ['（一）', '(一)', 'full-width brackets become half-width; Chinese stays'],
    ['１，２；３：４！？', '1,2;3:4!?', 'full-width punctuation becomes half-width'],
    ['人民　群众', '人民 群众', 'the ideographic space becomes a space'],
    [
      '  Xi   Jinping\t\n ',
      'xi jinping',
      'runs of spaces, tabs and new lines collapse; the ends are trimmed',
    ],
    ['　　人民　　', '人民', 'ideographic spaces at the ends are trimmed'],
    ['Ｍａｒｘｉｓｍ', 'marxism', 'full-width upper and lower case fold together'],
    ['党的二十大', '党的二十大', 'Chinese text is left as it is'],
  ])('%s → %s (%s)', (given, normalized) => {
    expect(normalizeAnswer(given)).toBe(normalized);
  });
});

describe('matching a fill-in-the-blank answer', () => {
  const accepted = ['人民', '人民群众', 'the People'];

  it('matches any accepted answer after normalizing both sides', () => {
    expect(matchesFill('人民群众', accepted)).toBe(true);
    expect(matchesFill('　人民　', accepted)).toBe(true);
    expect(matchesFill('THE   PEOPLE', accepted)).toBe(true);
    expect(matchesFill('ｔｈｅ　ｐｅｏｐｌｅ', accepted)).toBe(true);
  });

  it('does not match a different answer, or a part of one', () => {
    expect(matchesFill('群众', accepted)).toBe(false);
    expect(matchesFill('人民群', accepted)).toBe(false);
    expect(matchesFill('thepeople', accepted)).toBe(false);
  });

  it('never matches an empty answer, even against an accepted answer that normalizes to nothing', () => {
    expect(matchesFill('', accepted)).toBe(false);
    expect(matchesFill('　 ', ['　'])).toBe(false);
  });

  it('normalizes the accepted answers too (an answer stored in full width still matches)', () => {
    expect(matchesFill('2024', ['２０２４'])).toBe(true);
  });
});
