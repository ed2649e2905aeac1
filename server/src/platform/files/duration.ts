import fs from 'node:fs';
import { parseFile } from 'music-metadata';
import type { MediaFormat } from './formats.ts';

/**
 * How long a stored video or audio file plays, in whole seconds (rounded), read from the file
 * itself: null when the file does not say (a broken or unusual file; the uploader then types it).
 *
 * MP4 and M4A: the movie header box (moov/mvhd) holds the duration in its own time scale; the
 * top-level boxes are walked by their sizes, so a file whose moov comes last (no "faststart") is
 * read in a few small reads, never whole. MP3: music-metadata (a maintained parser) reads the
 * Xing/VBRI header of a variable-bitrate file or counts the frames of a constant one.
 */
export async function mediaDurationSeconds(path: string, format: MediaFormat): Promise<number | null> {
  try {
    const seconds =
      format === 'mp3' ? await mp3Seconds(path) : format === 'pdf' ? null : await mp4Seconds(path);
    return seconds !== null && Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : null;
  } catch {
    return null;
  }
}

async function mp3Seconds(path: string): Promise<number | null> {
  const meta = await parseFile(path, { duration: true, skipCovers: true });
  return meta.format.duration ?? null;
}

async function mp4Seconds(path: string): Promise<number | null> {
  const file = await fs.promises.open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const moov = await findBox(file, 0, size, 'moov');
    if (!moov) return null;
    const mvhd = await findBox(file, moov.body, moov.end, 'mvhd');
    if (!mvhd) return null;
    const head = Buffer.alloc(32);
    await file.read(head, 0, 32, mvhd.body);
    // version 0: 32-bit times, time scale at +12 and duration at +16; version 1: 64-bit, at +20 and +24
    if (head[0] === 1) {
      const scale = head.readUInt32BE(20);
      const duration = Number(head.readBigUInt64BE(24));
      return scale ? duration / scale : null;
    }
    const scale = head.readUInt32BE(12);
    return scale ? head.readUInt32BE(16) / scale : null;
  } finally {
    await file.close();
  }
}

/** The first box of `type` between `from` and `to`: where its body starts and where it ends. */
async function findBox(
  file: fs.promises.FileHandle,
  from: number,
  to: number,
  type: string,
): Promise<{ body: number; end: number } | null> {
  const header = Buffer.alloc(16);
  let at = from;
  while (at + 8 <= to) {
    const { bytesRead } = await file.read(header, 0, 16, at);
    if (bytesRead < 8) return null;
    let size = header.readUInt32BE(0);
    let headerSize = 8;
    if (size === 1) {
      if (bytesRead < 16) return null;
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) size = to - at; // "to the end of the file"
    if (size < headerSize) return null;
    if (header.subarray(4, 8).toString('latin1') === type) return { body: at + headerSize, end: at + size };
    at += size;
  }
  return null;
}
