import { createElement, type ReactNode } from 'react';
import type { TextFormat } from '../../../../../contracts/exams/questions.ts';

// A question's text as the bank keeps it: plain, markdown (shown as written: readable as it is),
// or HTML (GIFT's [html], the editor's pictures). The HTML is written by admins of any org and the
// server keeps it as given, so it is never put into the page as markup: it is read with the
// browser's parser and rebuilt as React elements from a short allow-list (text, emphasis, lists,
// tables, line breaks, pictures served by this site). Whatever else is dropped, its text kept.

const KEEP = new Set([
  'p',
  'br',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'sub',
  'sup',
  'span',
  'div',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'code',
  'pre',
]);
const VOID = new Set(['br', 'img']);

/** A picture is shown only from this site (the bank's images); nothing is fetched from elsewhere. */
export const safeImageSrc = (src: string | null): string | null =>
  src && /^\/(?!\/)[\w\-./%?=&]*$/.test(src) ? src : null;

function rebuild(node: Node, key: string): ReactNode {
  if (node.nodeType === 3) return node.textContent;
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  if (tag === 'script' || tag === 'style' || tag === 'iframe' || tag === 'object') return null;
  if (tag === 'img') {
    const src = safeImageSrc(el.getAttribute('src'));
    return src ? (
      <img key={key} src={src} alt={el.getAttribute('alt') ?? ''} className="hy-x-stem-img" />
    ) : null;
  }
  const children = [...el.childNodes].map((c, i) => rebuild(c, `${key}.${i}`));
  if (!KEEP.has(tag)) return <span key={key}>{children}</span>;
  return VOID.has(tag) ? createElement(tag, { key }) : createElement(tag, { key }, ...children);
}

export function Stem({ text, format, className }: { text: string; format: TextFormat; className?: string }) {
  if (format === 'html' && typeof DOMParser !== 'undefined') {
    const doc = new DOMParser().parseFromString(text, 'text/html');
    return <div className={className}>{[...doc.body.childNodes].map((n, i) => rebuild(n, String(i)))}</div>;
  }
  // plain and markdown as written; HTML without a parser (rendered on the server in tests) as its text
  const shown = format === 'html' ? text.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '') : text;
  return <div className={`${className ?? ''} hy-x-pre`}>{shown}</div>;
}
