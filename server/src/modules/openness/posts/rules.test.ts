import { describe, expect, it } from 'vitest';
import {
  attachmentTypeOf,
  cleanFileName,
  excerptOf,
  hasContent,
  imageTokensIn,
  readableBy,
  sanitizeRichText,
  statusOf,
} from './rules.ts';

const TOKEN = 'a'.repeat(32);
const OWN = `/api/v1/public/images/${TOKEN}`;

describe('rich text is kept to the allow-list (issue 13: stored sanitized, shown inert)', () => {
  it('drops scripts with their content, and styles, frames and forms', () => {
    const out = sanitizeRichText(
      '<p>通知</p><script>alert(1)</script><style>p{}</style><iframe src="https://x"></iframe><form><input></form>',
    );
    expect(out).toBe('<p>通知</p>');
  });

  it('drops event handlers and style attributes, keeping the element', () => {
    expect(sanitizeRichText('<p onclick="alert(1)" style="color:red">开会</p>')).toBe('<p>开会</p>');
    expect(sanitizeRichText(`<img src="${OWN}" onerror="alert(1)">`)).toBe(`<img src="${OWN}" />`);
  });

  it('keeps links to the web, mail and phone only, opening apart and passing no referrer', () => {
    expect(sanitizeRichText('<a href="javascript:alert(1)">点我</a>')).toBe(
      '<a target="_blank" rel="noopener noreferrer nofollow">点我</a>',
    );
    expect(sanitizeRichText('<a href="https://www.12371.cn" target="_self">共产党员网</a>')).toBe(
      '<a href="https://www.12371.cn" target="_blank" rel="noopener noreferrer nofollow">共产党员网</a>',
    );
    expect(sanitizeRichText('<a href="tel:02812345678">电话</a>')).toContain('href="tel:02812345678"');
    expect(sanitizeRichText('<a href="data:text/html,x">x</a>')).not.toContain('data:');
  });

  it('keeps pictures only from the platform’s own store, and only those the org has', () => {
    expect(sanitizeRichText('<img src="https://tracker.example/p.gif">')).toBe('');
    expect(sanitizeRichText('<img src="data:image/png;base64,AAAA">')).toBe('');
    expect(sanitizeRichText(`<img src="//evil${OWN}">`)).toBe('');
    expect(sanitizeRichText(`<img src="${OWN}?size=thumb" alt="合影">`)).toBe(
      `<img src="${OWN}?size=thumb" alt="合影" />`,
    );
    expect(sanitizeRichText(`<img src="${OWN}">`, () => false)).toBe('');
    expect(imageTokensIn(`<p><img src="${OWN}"><img src="${OWN}?size=thumb"></p>`)).toEqual([TOKEN]);
  });

  it('keeps text structure: paragraphs, headings, bold, lists, quotes', () => {
    const html =
      '<h3>议程</h3><p><strong>一、</strong>学习</p><ul><li>甲</li></ul><ol><li>乙</li></ol><blockquote>引</blockquote>';
    expect(sanitizeRichText(html)).toBe(html);
  });

  it('turns markup that is not allowed into harmless text, never into markup', () => {
    const out = sanitizeRichText(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><svg onload="alert(1)"><circle/></svg>',
    );
    expect(out).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
});

describe('an item’s text in lists', () => {
  it('is the plain text, whitespace collapsed, cut with an ellipsis', () => {
    expect(excerptOf('<p>第一段</p>\n<p>第二段 &amp; 更多</p><script>x()</script>')).toBe(
      '第一段 第二段 & 更多',
    );
    expect(excerptOf(`<p>${'字'.repeat(200)}</p>`, 10)).toBe(`${'字'.repeat(9)}…`);
  });

  it('says an introduction is filled when it has words or a picture, not when it is empty markup', () => {
    expect(hasContent('<p> </p><br>')).toBe(false);
    expect(hasContent('<p>本支部成立于1952年</p>')).toBe(true);
    expect(hasContent(`<p><img src="${OWN}"></p>`)).toBe(true);
  });
});

describe('an item’s state and its readers (issue 13: each item is public or members-only)', () => {
  const at = new Date('2026-03-01T02:00:00Z');
  const pub = { visibility: 'public', publishedAt: at, withdrawnAt: null };
  const mem = { visibility: 'members', publishedAt: at, withdrawnAt: null };
  const draft = { visibility: 'public', publishedAt: null, withdrawnAt: null };
  const gone = { visibility: 'public', publishedAt: at, withdrawnAt: at };

  it('is a draft until published, and withdrawn once withdrawn', () => {
    expect([statusOf(draft), statusOf(pub), statusOf(gone)]).toEqual(['draft', 'published', 'withdrawn']);
  });

  it('lets anyone read a published public item, members a members-only one, and only the org’s admins the rest', () => {
    expect(readableBy(pub, 'anyone')).toBe(true);
    expect(readableBy(mem, 'anyone')).toBe(false);
    expect(readableBy(mem, 'member')).toBe(true);
    expect(readableBy(draft, 'member')).toBe(false);
    expect(readableBy(gone, 'member')).toBe(false);
    expect(readableBy(gone, 'manager')).toBe(true);
  });
});

describe('attachments are told by their bytes', () => {
  const pdf = Buffer.from('%PDF-1.7\n...');
  // an Office Open XML file: a zip whose first entry is [Content_Types].xml
  const zip = Buffer.concat([
    Buffer.from('504b030414000600', 'hex'),
    Buffer.alloc(22),
    Buffer.from('[Content_Types].xml'),
  ]);
  const exe = Buffer.from('MZ\x90\x00\x03\x00', 'latin1');

  it('accepts documents and pictures whatever their name says, when the bytes say so', () => {
    expect(attachmentTypeOf(pdf, '会议纪要.pdf')?.contentType).toBe('application/pdf');
    expect(attachmentTypeOf(zip, '名单.xlsx')?.ext).toBe('xlsx');
  });

  it('refuses an executable renamed .pdf or .docx, and a zip that claims no document type', () => {
    expect(attachmentTypeOf(exe, '通知.pdf')).toBeNull();
    expect(attachmentTypeOf(exe, '通知.docx')).toBeNull();
    expect(attachmentTypeOf(zip, '资料.zip')).toBeNull();
  });

  it('keeps a clean name: no folders, no characters a file system or a header refuses', () => {
    expect(cleanFileName('C:\\Users\\a\\会议"纪要".pdf')).toBe('会议纪要.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('\u0001')).toBe('附件');
  });
});
