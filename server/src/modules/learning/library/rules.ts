import type { CourseKind, CourseStatus } from '../../../../../contracts/learning/library.ts';
import type { MediaFormat } from '../../../platform/files/formats.ts';
import type { Text } from '../../../platform/http/errors.ts';

/**
 * Rules of the courseware library (课件库). The figures are the platform's where no regulation
 * sets one; the reading speed is the (300 characters a minute, the figure study credit
 * uses for an article's reading time).
 */

/** What file each kind of course takes, by its bytes: a phone plays MP4 and MP3 everywhere. */
export const FORMATS_OF: Record<CourseKind, readonly MediaFormat[]> = {
  video: ['mp4'],
  audio: ['mp3', 'm4a'],
  document: ['pdf'],
  article: [],
};

export const CONTENT_TYPE: Record<MediaFormat, string> = {
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  pdf: 'application/pdf',
};

/** What a member is told a kind accepts, when a file of another type is sent. */
export const ACCEPTED_TEXT: Record<CourseKind, Text> = {
  video: { zh: '视频只接受 MP4 格式', en: 'video: MP4 only' },
  audio: { zh: '音频只接受 MP3 或 M4A 格式', en: 'audio: MP3 or M4A only' },
  document: { zh: '文档只接受 PDF 格式', en: 'document: PDF only' },
  article: { zh: '图文课件没有文件，请填写正文', en: 'an article has no file: write its text' },
};

/** Reading speed for an article's reading time (issue 14: 300 characters a minute). */
export const CHARS_PER_MINUTE = 300;

/** An article's length: the characters of its text, spaces not counted (what a reader reads). */
export function charCountOf(plainText: string): number {
  return [...plainText.replace(/\s+/g, '')].length;
}

/** How long an article of `chars` characters takes to read, in whole seconds. */
export function readingSecondsOf(chars: number): number {
  return Math.ceil((chars / CHARS_PER_MINUTE) * 60);
}

/**
 * Is a typed duration believable for a file of `bytes`? Between 1 second and 6 hours, and the
 * file's average bitrate it implies between 4 kbit/s (speech at the lowest quality) and 40 Mbit/s
 * (a phone's 4K video): a 1 GB file said to last ten seconds, or a 100 kB one said to last an hour,
 * was typed wrong.
 */
export function plausibleDuration(seconds: number, bytes: number): boolean {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 6 * 3600) return false;
  const bitsPerSecond = (bytes * 8) / seconds;
  return bitsPerSecond >= 4_000 && bitsPerSecond <= 40_000_000;
}

/** Tags as kept: trimmed, without '#', no repeats (the first spelling wins), at most ten. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw.trim().replace(/^#+/, '').trim().slice(0, 20);
    const k = t.toLowerCase();
    if (!t || seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out.slice(0, 10);
}

/**
 * Who may study a course: the members of a scope inside the publisher's subtree (an org publishes
 * to itself and below, never sideways or up).
 */
export function scopeAllowed(orgPath: string, scopePath: string): boolean {
  return scopePath.startsWith(orgPath);
}

/** The paths whose subtree holds `path`: a member of '/1/5/9/' sees what '/1/', '/1/5/' and '/1/5/9/' published to. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

export type Readiness = { ready: true } | { ready: false; missing: Text };

/** What a course needs before members see it: its file (and how long it plays), or its text. */
export function readyToPublish(c: {
  kind: CourseKind;
  fileId: number | null;
  durationSeconds: number | null;
  charCount: number | null;
}): Readiness {
  if (c.kind === 'article')
    return c.charCount && c.charCount > 0
      ? { ready: true }
      : { ready: false, missing: { zh: '图文课件还没有正文', en: 'the article has no text yet' } };
  if (!c.fileId)
    return { ready: false, missing: { zh: '还没有上传课件文件', en: 'no file has been uploaded yet' } };
  if ((c.kind === 'video' || c.kind === 'audio') && !c.durationSeconds)
    return {
      ready: false,
      missing: { zh: '未能从文件读出时长，请填写时长', en: 'the duration could not be read: type it' },
    };
  return { ready: true };
}

/** What may be done in each state: a draft is edited and published, a published course withdrawn. */
export function abilitiesIn(status: CourseStatus, manage: boolean) {
  return {
    edit: manage && status !== 'withdrawn',
    upload: manage && status === 'draft',
    publish: manage && status === 'draft',
    withdraw: manage && status === 'published',
  };
}

/** A file name as kept and sent back: no folders, no control characters, at most 100 characters, its real extension. */
export function cleanName(name: string, ext: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  const stem = (clean || '课件').replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 90) || '课件';
  return `${stem}.${ext}`;
}
