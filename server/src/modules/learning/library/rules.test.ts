import { describe, expect, it } from 'vitest';
import {
  abilitiesIn,
  ancestorPaths,
  charCountOf,
  cleanName,
  cleanTags,
  plausibleDuration,
  readingSecondsOf,
  readyToPublish,
  scopeAllowed,
} from './rules.ts';

describe('an article is as long as its text', () => {
  it('counts characters, not spaces or line breaks', () => {
    expect(charCountOf('党员 要\n学习。 ABC')).toBe(9);
    expect(charCountOf('')).toBe(0);
  });

  it('reads at 300 characters a minute (issue 14)', () => {
    expect(readingSecondsOf(300)).toBe(60);
    expect(readingSecondsOf(1500)).toBe(300);
    expect(readingSecondsOf(1)).toBe(1);
  });
});

describe('a duration typed by the uploader is believed only when it fits the file', () => {
  it('between 1 second and 6 hours', () => {
    expect(plausibleDuration(0, 1_000_000)).toBe(false);
    expect(plausibleDuration(6 * 3600 + 1, 2_000_000_000)).toBe(false);
    expect(plausibleDuration(1.5, 100_000)).toBe(false);
  });

  it('and the bitrate it implies between 4 kbit/s and 40 Mbit/s', () => {
    // a 1 GB video of an hour: 2.2 Mbit/s
    expect(plausibleDuration(3600, 1_000_000_000)).toBe(true);
    // an MP3 of 30 minutes at 64 kbit/s: 14 MB
    expect(plausibleDuration(1800, 14_400_000)).toBe(true);
    // a 1 GB file said to play ten seconds, a 100 kB one said to play an hour
    expect(plausibleDuration(10, 1_000_000_000)).toBe(false);
    expect(plausibleDuration(3600, 100_000)).toBe(false);
  });
});

describe('who may study a course', () => {
  it('an org publishes to itself or below, never sideways or up', () => {
    expect(scopeAllowed('/1/5/', '/1/5/')).toBe(true);
    expect(scopeAllowed('/1/5/', '/1/5/77/')).toBe(true);
    expect(scopeAllowed('/1/5/', '/1/6/')).toBe(false);
    expect(scopeAllowed('/1/5/', '/1/')).toBe(false);
  });

  it("a member sees what their org and every org above it published to: the path's prefixes", () => {
    expect(ancestorPaths('/1/5/77/')).toEqual(['/1/', '/1/5/', '/1/5/77/']);
    expect(ancestorPaths('/')).toEqual([]);
  });
});

describe('a course goes to its members when it has what they need', () => {
  const base = { fileId: null, durationSeconds: null, charCount: null };
  it('an article its text', () => {
    expect(readyToPublish({ ...base, kind: 'article' }).ready).toBe(false);
    expect(readyToPublish({ ...base, kind: 'article', charCount: 120 }).ready).toBe(true);
  });

  it('a video or audio its file and how long it plays; a document its file', () => {
    expect(readyToPublish({ ...base, kind: 'video' })).toMatchObject({
      ready: false,
      missing: { zh: '还没有上传课件文件' },
    });
    expect(readyToPublish({ ...base, kind: 'audio', fileId: 3 })).toMatchObject({ ready: false });
    expect(readyToPublish({ ...base, kind: 'audio', fileId: 3, durationSeconds: 95 }).ready).toBe(true);
    expect(readyToPublish({ ...base, kind: 'document', fileId: 3 }).ready).toBe(true);
  });

  it('a draft is edited and published, a published course withdrawn, a withdrawn one left alone', () => {
    expect(abilitiesIn('draft', true)).toEqual({ edit: true, upload: true, publish: true, withdraw: false });
    expect(abilitiesIn('published', true)).toEqual({
      edit: true,
      upload: false,
      publish: false,
      withdraw: true,
    });
    expect(abilitiesIn('withdrawn', true)).toEqual({
      edit: false,
      upload: false,
      publish: false,
      withdraw: false,
    });
    expect(abilitiesIn('draft', false)).toEqual({
      edit: false,
      upload: false,
      publish: false,
      withdraw: false,
    });
  });
});

describe('tags and file names as kept', () => {
  it('tags: trimmed, without #, each once (the first spelling), at most ten', () => {
    expect(cleanTags([' #党史 ', '党史', 'PPT', 'ppt', '', '##二十大'])).toEqual(['党史', 'PPT', '二十大']);
    expect(cleanTags(Array.from({ length: 15 }, (_, i) => `标签${i}`))).toHaveLength(10);
  });

  it('file names: no folders or control characters, the extension the bytes said', () => {
    expect(cleanName('C:\\Users\\a\\党课录像.MOV', 'mp4')).toBe('党课录像.mp4');
    expect(cleanName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(cleanName('\u0000', 'mp3')).toBe('课件.mp3');
  });
});
