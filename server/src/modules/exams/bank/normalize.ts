// 填空题判分 (issue 15 item 1): an examinee's answer matches an accepted one after normalizing
// width, case and spaces — members type on phones with Chinese input methods, which give full-width
// letters, digits and punctuation (`ＡＢＣ１２３`, `（）`, the ideographic space `　`) as often as half-width.

const FULL_WIDTH_FIRST = 0xff01; // ！
const FULL_WIDTH_LAST = 0xff5e; // ～
const FULL_TO_HALF = 0xff01 - 0x21;
const IDEOGRAPHIC_SPACE = 0x3000;

/** Full-width forms → half-width, the ideographic space → a space, case folded, spaces collapsed, trimmed. */
export function normalizeAnswer(s: string): string {
  let half = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) half += String.fromCharCode(code - FULL_TO_HALF);
    else if (code === IDEOGRAPHIC_SPACE) half += ' ';
    else half += s[i];
  }
  return half.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Whether a fill-in-the-blank answer equals one of the accepted answers once both are normalized. */
export function matchesFill(given: string, accepted: string[]): boolean {
  const g = normalizeAnswer(given);
  if (g === '') return false;
  return accepted.some((a) => normalizeAnswer(a) === g);
}
