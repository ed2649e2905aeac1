import sanitizeHtml from 'sanitize-html';
import { documentFormatOf } from '../../../platform/files/formats.ts';
import type { PostStatus } from '../../../../../contracts/openness/posts.ts';
import { IMAGE_TOKEN } from '../images/rules.ts';

/**
 * Rules of an org page's items (工作动态, 组织公告, 党务公开) and of its rich text.
 *
 * Issue 13, "Org page": rich text sanitized with a maintained sanitizer; "Bad input": script and
 * event handlers in posts stored sanitized and shown inert. The allow-list follows the OWASP XSS
 * prevention cheat sheet (rule: sanitize HTML with a library built for it, allow-list only):
 * text structure and links, no script, style, frames, forms or event handlers, links only to
 * http(s), mailto and tel, and pictures only from the platform's own image store — a picture from
 * elsewhere could track who reads the page.
 */

/** Where our own pictures are served: `/api/v1/public/images/<token>` (images/rules.ts). */
const OWN_IMAGE = /^\/api\/v1\/public\/images\/([0-9a-f]{32})(\?size=(thumb|display))?$/;

/** The token of one of our pictures, from an <img src>; null for anything else. */
export function ownImageToken(src: string | undefined): string | null {
  const m = src ? OWN_IMAGE.exec(src.trim()) : null;
  return m && IMAGE_TOKEN.test(m[1]) ? m[1] : null;
}

/** The picture tokens a text refers to, so the caller can check they are the org's own. */
export function imageTokensIn(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/\/api\/v1\/public\/images\/([0-9a-f]{32})/g)) found.add(m[1]);
  return [...found];
}

const ALLOWED_TAGS = [
  'p',
  'div',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'ul',
  'ol',
  'li',
  'blockquote',
  'a',
  'img',
];

/**
 * The text as it is stored and shown: only the allowed tags and attributes survive; a link opens
 * apart from the page and passes on no referrer; a picture that is not one of `isOwn` is dropped.
 * Whatever is removed is removed with its content when it is code (script, style), kept as text
 * otherwise.
 */
export function sanitizeRichText(html: string, isOwn: (token: string) => boolean = () => true): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'title', 'target', 'rel'], img: ['src', 'alt', 'width', 'height'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: [
      'script',
      'style',
      'textarea',
      'option',
      'noscript',
      'iframe',
      'object',
      'embed',
      'svg',
      'math',
    ],
    // whatever target and rel a link came with, it gets these
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
    },
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      const token = ownImageToken(frame.attribs.src);
      return !token || !isOwn(token);
    },
  }).trim();
}

/** The text without markup, whitespace collapsed, cut at `max` characters: for lists and search. */
export function excerptOf(html: string, max = 120): string {
  const text = sanitizeHtml(html, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style'],
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Does the text say anything: words, or at least a picture (an introduction may be a photo of the noticeboard)? */
export function hasContent(html: string): boolean {
  return excerptOf(html, 10).length > 0 || /<img\s/i.test(html);
}

/** A post's state: a draft until published; withdrawn once withdrawn, whatever came before. */
export function statusOf(p: { publishedAt: Date | null; withdrawnAt: Date | null }): PostStatus {
  if (p.withdrawnAt) return 'withdrawn';
  return p.publishedAt ? 'published' : 'draft';
}

/**
 * Who reads what (issue 13: "each item is public or members-only; public pages need no login"):
 * anyone reads a published public item; a published members-only item is for the members of the
 * org's subtree (and the admins above it); drafts and withdrawn items only for the org's admins.
 */
export function readableBy(
  p: { visibility: string; publishedAt: Date | null; withdrawnAt: Date | null },
  reader: 'anyone' | 'member' | 'manager',
): boolean {
  if (reader === 'manager') return true;
  if (statusOf(p) !== 'published') return false;
  return p.visibility === 'public' || reader === 'member';
}

/**
 * Attachments: documents and pictures an org publishes with an item, told by their bytes (an
 * executable renamed .pdf is refused): PDF, Word/Excel/PowerPoint (old and new), JPG, PNG. At most
 * 20 MB each, five per item.
 */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

const OFFICE_X: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const OFFICE_OLD: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

export function attachmentTypeOf(b: Buffer, name: string): { ext: string; contentType: string } | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  switch (documentFormatOf(b)) {
    case 'pdf':
      return { ext: 'pdf', contentType: 'application/pdf' };
    case 'jpeg':
      return { ext: 'jpg', contentType: 'image/jpeg' };
    case 'png':
      return { ext: 'png', contentType: 'image/png' };
    // Office files are containers: the bytes say "Office Open XML" or "OLE", the name says which document
    case 'ooxml':
      return OFFICE_X[ext] ? { ext, contentType: OFFICE_X[ext] } : null;
    case 'ole':
      return OFFICE_OLD[ext] ? { ext, contentType: OFFICE_OLD[ext] } : null;
    default:
      return null;
  }
}

/** A file name as shown and sent back: no path, no control characters, at most 100 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return (clean || '附件').slice(-100);
}
