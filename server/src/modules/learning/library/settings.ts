import { z } from 'zod';
import type { SettingDef } from '../../../platform/settings/index.ts';

/**
 * How large a course's file may be, in MB, by kind. The platform's figures, not a regulation's: a
 * two-hour Party lecture filmed on a phone is 1–2 GB, a lecture's recording as MP3 under 200 MB, a
 * scanned document under 100 MB. The department may lower them (a small disk) or raise them within
 * the bounds (4 GB: what one upload over a village line can finish in an evening).
 */
export const uploadLimits: SettingDef<{ videoMb: number; audioMb: number; documentMb: number }> = {
  key: 'learning.uploadLimitsMb',
  schema: z.strictObject({
    videoMb: z.number().int().min(10).max(4096),
    audioMb: z.number().int().min(5).max(1024),
    documentMb: z.number().int().min(1).max(500),
  }),
  default: { videoMb: 2048, audioMb: 300, documentMb: 100 },
  label: { zh: '课件文件大小上限（MB）', en: 'Largest course file (MB)' },
  source: '平台设定：手机拍摄的两小时党课视频约 1–2 GB；音频、扫描文档远小于此',
};

export const librarySettings: SettingDef<any>[] = [uploadLimits];
