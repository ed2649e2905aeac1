// Excel import and export of member records.
import { z } from 'zod';
import { Id } from '../common.ts';

export const ImportJob = z.object({
  id: Id,
  status: z.enum(['queued', 'validating', 'writing', 'done', 'failed']),
  fileName: z.string(),
  total: z.number().int(),
  processed: z.number().int(),
  errorCount: z.number().int(),
  /** Present when the workbook had bad rows: download it to see the error column. */
  errorWorkbookUrl: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
