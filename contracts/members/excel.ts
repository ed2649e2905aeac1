// Excel import and export of member records.
import { z } from 'zod';
import { Id, PageQuery, pageOf } from '../common.ts';

/**
 * create: every row is a new record. update: a row whose ID number is already on file in the
 * importer's scope updates that record (the others are new), after a preview of the changes.
 */
export const ImportMode = z.enum(['create', 'update']);
export type ImportMode = z.infer<typeof ImportMode>;

/** Something the import did to a row's value that the admin should know (a 15-digit ID upgraded…). */
export const ImportNote = z.object({ row: z.number().int(), field: z.string(), text: z.string() });
export type ImportNote = z.infer<typeof ImportNote>;

export const ImportJob = z.object({
  id: Id,
  /**
   * queued → validating → done | failed; an update import stops at previewed (nothing written) until
   * someone confirms it (confirmed → writing → done | failed) or discards it (cancelled).
   */
  status: z.enum([
    'queued',
    'validating',
    'previewed',
    'confirmed',
    'writing',
    'done',
    'failed',
    'cancelled',
  ]),
  mode: ImportMode,
  orgId: Id,
  orgName: z.string(),
  fileName: z.string(),
  /** Who started it. */
  createdByName: z.string().nullable(),
  total: z.number().int(),
  processed: z.number().int(),
  /** Rows with errors (the whole file is then refused). */
  errorCount: z.number().int(),
  /** Records created and updated: what the preview would do, then what was done. */
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  /** Present when the workbook had bad rows: download it to see the error column. */
  errorWorkbookUrl: z.string().nullable(),
  message: z.string().nullable(),
  /** What was changed on the way in (the first 200), and how many notes there are in all. */
  notes: z.array(ImportNote),
  noteCount: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  can: z.object({ confirm: z.boolean(), cancel: z.boolean() }),
});
export type ImportJob = z.infer<typeof ImportJob>;
export const ImportJobPage = pageOf(ImportJob);

export const ImportListQuery = PageQuery.extend({
  /** Imports into this org's subtree; default the caller's whole scope. */
  orgId: Id.optional(),
});

/** One record an update import would change: each field as it is and as it would become (personal data masked). */
export const ImportPreviewRow = z.object({
  row: z.number().int(),
  memberId: Id,
  name: z.string(),
  orgName: z.string(),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});
export type ImportPreviewRow = z.infer<typeof ImportPreviewRow>;
export const ImportPreviewPage = pageOf(ImportPreviewRow);
