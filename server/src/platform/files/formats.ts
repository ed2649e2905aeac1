/**
 * What an uploaded file is, by its first bytes (its signature), never by its name or the type the
 * browser claims: an executable renamed .jpg starts with "MZ" (or "\x7fELF") and matches nothing
 * here. Shared by every module that takes uploads (moved here from openness/images when a second
 * module, life/activities, needed it).
 */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp';

export function imageFormatOf(b: Buffer): ImageFormat | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'gif';
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return null;
}

/** Documents an org attaches to its records: PDF, Word, Excel, PowerPoint, WPS (old and new formats), pictures. */
export type DocumentFormat = ImageFormat | 'pdf' | 'ooxml' | 'ole';

/** An Office Open XML file (.docx/.xlsx/.pptx) is a zip with [Content_Types].xml; an old .doc/.xls an OLE2 file. */
export function documentFormatOf(b: Buffer): DocumentFormat | null {
  const image = imageFormatOf(b);
  if (image) return image;
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (
    b.length >= 30 &&
    b.readUInt32LE(0) === 0x04034b50 &&
    b.subarray(0, Math.min(b.length, 4096)).includes('[Content_Types].xml')
  )
    return 'ooxml';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return 'ole';
  return null;
}

/**
 * Courseware media (learning/library): MP4 video, MP3 or M4A audio, and PDF, again by their bytes.
 * An MP4 is an ISO base-media file whose first box is `ftyp`; its major brand says M4A/M4B for
 * audio-only files (what phones and iTunes write) and something else (isom, mp42, avc1…) for
 * video. An MP3 starts with an ID3 tag or with an MPEG audio frame header (11 sync bits, layer III).
 * WebM, AVI, WMV and the like are refused: a cheap phone's browser plays MP4 and MP3 everywhere.
 */
export type MediaFormat = 'mp4' | 'm4a' | 'mp3' | 'pdf';

/** How many leading bytes mediaFormatOf needs to judge a file. */
export const MEDIA_SNIFF_BYTES = 4096;

const MP4_BRANDS = /^(isom|iso[2-9]|mp41|mp42|avc1|dash|M4V |M4VP|f4v |mmp4|3gp[4-6]|MSNV|XAVC|qt {2})$/;

export function mediaFormatOf(b: Buffer): MediaFormat | null {
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp') {
    const major = b.subarray(8, 12).toString('latin1');
    if (major === 'M4A ' || major === 'M4B ') return 'm4a';
    return MP4_BRANDS.test(major) ? 'mp4' : null;
  }
  if (b.length >= 10 && b.subarray(0, 3).toString('latin1') === 'ID3' && b[3] >= 2 && b[3] <= 4) return 'mp3';
  if (isMp3Frame(b, 0)) return 'mp3';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return null;
}

/**
 * An MPEG-1/2/2.5 layer III frame header at `at`, followed by a second one where the first says
 * the frame ends (one header alone is four bytes any binary may hold by chance).
 */
function isMp3Frame(b: Buffer, at: number): boolean {
  const len = mp3FrameLength(b, at);
  if (!len) return false;
  // a file of exactly one frame has nothing after it; anything shorter is not an MP3
  if (at + len + 4 > b.length) return b.length === at + len;
  return mp3FrameLength(b, at + len) !== null;
}

const MP3_BITRATES: Record<'v1' | 'v2', number[]> = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

function mp3FrameLength(b: Buffer, at: number): number | null {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return null;
  const version = (b[at + 1] >> 3) & 0x03; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const layer = (b[at + 1] >> 1) & 0x03; // 1: layer III
  const bitrateIndex = b[at + 2] >> 4;
  const rateIndex = (b[at + 2] >> 2) & 0x03;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return null;
  const kbps = MP3_BITRATES[version === 3 ? 'v1' : 'v2'][bitrateIndex];
  const rate = MP3_RATES[version][rateIndex];
  const padding = (b[at + 2] >> 1) & 0x01;
  return Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / rate) + padding;
}
