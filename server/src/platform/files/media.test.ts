import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mediaDurationSeconds } from './duration.ts';
import { mediaFormatOf } from './formats.ts';

const MEDIA = path.resolve(import.meta.dirname, '../../../test/media');
const read = (name: string) => fs.readFileSync(path.join(MEDIA, name));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyun-media-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('courseware media, told by their bytes', () => {
  it('knows an MP4 video, an M4A and an MP3 (real files made by ffmpeg), and a PDF', () => {
    expect(mediaFormatOf(read('sample-2s.mp4'))).toBe('mp4');
    expect(mediaFormatOf(read('sample-4s.m4a'))).toBe('m4a');
    expect(mediaFormatOf(read('sample-3s.mp3'))).toBe('mp3');
    expect(mediaFormatOf(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
  });

  it('an MP3 without an ID3 tag is known by two frame headers in a row', () => {
    const mp3 = read('sample-3s.mp3');
    const size = 10 + ((mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9]);
    expect(mediaFormatOf(mp3.subarray(size))).toBe('mp3');
  });

  it('refuses what only looks like one: a program renamed .mp4, a picture, text, two sync bytes', () => {
    expect(mediaFormatOf(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]))).toBeNull();
    expect(mediaFormatOf(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).toBeNull();
    expect(mediaFormatOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBeNull();
    expect(mediaFormatOf(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(mediaFormatOf(Buffer.from([0xff, 0xfb, 0x90, 0x00, 0x41, 0x41, 0x41, 0x41, 0x41]))).toBeNull();
    // an ISO file of a brand we do not serve (HEIC pictures share the box structure)
    expect(mediaFormatOf(Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'))).toBeNull();
  });
});

describe('how long a file plays, read from the file', () => {
  const at = (name: string) => path.join(MEDIA, name);

  it('MP4 and M4A from the movie header, MP3 from its frames', async () => {
    expect(await mediaDurationSeconds(at('sample-2s.mp4'), 'mp4')).toBe(2);
    expect(await mediaDurationSeconds(at('sample-4s.m4a'), 'm4a')).toBe(4);
    expect(await mediaDurationSeconds(at('sample-3s.mp3'), 'mp3')).toBe(3);
  });

  it('an MP4 whose index comes last (no faststart) is read too', async () => {
    const mp4 = read('sample-2s.mp4');
    // move the moov box behind mdat, as a camera writes it
    const boxes: Buffer[] = [];
    for (let at = 0; at < mp4.length; ) {
      const size = mp4.readUInt32BE(at);
      boxes.push(mp4.subarray(at, at + size));
      at += size;
    }
    const type = (b: Buffer) => b.subarray(4, 8).toString('latin1');
    const moov = boxes.find((b) => type(b) === 'moov')!;
    const reordered = Buffer.concat([...boxes.filter((b) => type(b) !== 'moov'), moov]);
    const file = path.join(tmp, 'late-moov.mp4');
    fs.writeFileSync(file, reordered);
    expect(await mediaDurationSeconds(file, 'mp4')).toBe(2);
  });

  it('a file that does not say: null (the uploader types it)', async () => {
    const file = path.join(tmp, 'broken.mp4');
    fs.writeFileSync(file, read('sample-2s.mp4').subarray(0, 40));
    expect(await mediaDurationSeconds(file, 'mp4')).toBeNull();
    expect(await mediaDurationSeconds(path.join(tmp, 'none.mp3'), 'mp3')).toBeNull();
  });
});
