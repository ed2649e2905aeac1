import { and, desc, eq, sql } from 'drizzle-orm';
import type {
  MyThoughtReports,
  SubmitThoughtReport,
  ThoughtReport,
} from '../../../../../contracts/life/thought-reports.ts';
import type { PageQuery } from '../../../../../contracts/common.ts';
import { inTransaction, type Queryable } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/service.ts';
import { actorOf, type Ctx } from '../../../platform/context.ts';
import { type FileStore, fileStore, newFileKey } from '../../../platform/files/index.ts';
import { AppError, conflict, fieldError } from '../../../platform/http/errors.ts';
import { paginate } from '../../../platform/http/pagination.ts';
import { shanghaiToday } from '../../../platform/time.ts';
import { orgs } from '../../../platform/tree/index.ts';
import { type ThoughtReportWriter, thoughtReportWriterOf } from '../../members/index.ts';
import { thoughtReports } from '../schema.ts';
import { frequencyFor } from './frequency.ts';
import { presentReport, type ReportRow } from './present.ts';
import { users } from '../../../platform/auth/schema.ts';
import {
  type AttachmentKind,
  attachmentKind,
  cleanFileName,
  defaultTitle,
  handInDecision,
  isExecutable,
  MAX_ATTACHMENT_BYTES,
  periodOf,
  plainText,
} from './rules.ts';

/** A file sent with the report (multipart field `attachment`). */
export type Upload = { body: Buffer; name?: string };

export const NOT_LINKED = new AppError(404, 'no_member_record', {
  zh: '您的账号尚未关联党员信息，请联系所在党支部',
  en: 'Your account is not linked to a member record; ask your branch',
});

const EMPTY = fieldError('body', {
  zh: '汇报内容为空：请填写汇报内容或上传附件',
  en: 'the report is empty: write it, or attach it',
});

/** Said to someone who need not report: who does, so they know it is not a fault. */
const notAWriter = (w: ThoughtReportWriter) =>
  new AppError(403, 'not_a_writer', {
    zh: `您目前是${STAGE_ZH[w.status] ?? '党员'}，无需提交思想汇报。思想汇报由入党积极分子、发展对象和预备党员按支部要求定期提交`,
    en: 'You need not hand in thought reports: activists, candidates and probationary members do, as their branch sets',
  });
const STAGE_ZH: Record<string, string> = {
  applicant: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
};

/** The attachment checked by its bytes: a document or a picture, never a program. */
function checkAttachment(file: Upload) {
  if (file.body.length > MAX_ATTACHMENT_BYTES)
    throw new AppError(413, 'attachment_too_large', {
      zh: 'attachment：附件不能超过 10 MB，请压缩后再上传',
      en: 'attachment: at most 10 MB; make it smaller first',
    });
  if (isExecutable(file.body))
    throw fieldError('attachment', {
      zh: '附件是可执行程序，不能上传；请上传 PDF、Word 或 WPS 文档，或 JPG、PNG 图片',
      en: 'the attachment is a program and cannot be uploaded; send a PDF, a Word or WPS document, or a picture',
    });
  const kind = attachmentKind(file.body, file.name);
  if (!kind)
    throw fieldError('attachment', {
      zh: '附件须为 PDF、Word 或 WPS 文档，或 JPG、PNG 图片',
      en: 'the attachment must be a PDF, a Word or WPS document, or a JPG/PNG picture',
    });
  return kind;
}

/** Is `file` the attachment the report already keeps: the same name and the same bytes? */
async function sameAttachment(
  store: FileStore,
  existing: ReportRow,
  file: Upload,
  kind: AttachmentKind,
): Promise<boolean> {
  if (!existing.attachmentKey || existing.attachmentSize !== file.body.length) return false;
  if (existing.attachmentName !== cleanFileName(file.name, kind)) return false;
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(existing.attachmentKey)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).equals(file.body);
}

/**
 * 提交思想汇报: a writer hands in the report of the period now running (their branch's frequency),
 * text and/or an attachment. A second one for the same period replaces it while the branch has not
 * reviewed it (its text; its attachment when a new one is sent) and is refused after (rules.ts
 * handInDecision). The file is stored first and removed again if the report is not saved, so
 * nothing is left half-written.
 */
export async function handInReport(
  ctx: Ctx,
  input: SubmitThoughtReport,
  file: Upload | null,
): Promise<ThoughtReport> {
  const actor = actorOf(ctx);
  const kind = file ? checkAttachment(file) : null;
  const body = plainText(input.body ?? '');
  const writer = await thoughtReportWriterOf(ctx.db, actor.userId);
  if (!writer) throw NOT_LINKED;
  if (!writer.mustReport) throw notAWriter(writer);
  const { frequency } = await frequencyFor(ctx.db, writer.orgPath);
  const now = ctx.now();
  const period = periodOf(shanghaiToday(now), frequency);
  const title = plainText(input.title ?? '').slice(0, 100) || defaultTitle(period.label);

  const store = fileStore(ctx.config);
  const stored =
    file && kind ? await store.put(newFileKey('thought-reports', kind.ext, now), file.body) : null;
  let replacedKey: string | null = null;
  let unchanged = false;
  try {
    const row = await inTransaction(ctx.db, async (tx) => {
      // one writer hands in one report at a time: a double tap waits for the first
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext('thought_reports'), ${writer.memberId}::int)`,
      );
      const [existing] = await tx
        .select()
        .from(thoughtReports)
        .where(and(eq(thoughtReports.memberId, writer.memberId), eq(thoughtReports.period, period.label)))
        .for('update');
      // text, or an attachment (sent now, or kept from the report this one replaces)
      if (!body && !stored && !existing?.attachmentKey) throw EMPTY;
      const decision = handInDecision(existing ?? null);
      if (decision === 'closed')
        throw conflict('report_reviewed', {
          zh: '本期思想汇报支部已审阅，不能再修改；请在下一期提交新的汇报',
          en: 'Your branch has reviewed this period’s report; hand in the next one next period',
        });
      // the same report sent twice (a double tap waits for the first on the lock above) is
      // handed in once: the second finds it there, word for word and byte for byte, and writes nothing
      if (
        decision === 'replace' &&
        existing!.title === title &&
        existing!.body === body &&
        (!stored || (await sameAttachment(store, existing!, file!, kind!)))
      ) {
        unchanged = true;
        return existing!;
      }
      const attachment = stored
        ? {
            attachmentKey: stored.key,
            attachmentName: cleanFileName(file?.name, kind!),
            attachmentType: kind!.type,
            attachmentSize: stored.size,
          }
        : {};
      const values = {
        memberName: writer.name,
        stage: writer.status,
        orgId: writer.orgId,
        orgPath: writer.orgPath,
        title,
        body,
        submittedAt: now,
        submittedBy: actor.userId,
        ...attachment,
      };
      let saved: ReportRow;
      if (decision === 'new') {
        [saved] = await tx
          .insert(thoughtReports)
          .values({ memberId: writer.memberId, period: period.label, ...values })
          .returning();
      } else {
        if (stored) replacedKey = existing!.attachmentKey;
        [saved] = await tx
          .update(thoughtReports)
          .set(values)
          .where(eq(thoughtReports.id, existing!.id))
          .returning();
      }
      await recordAudit(tx, ctx, {
        action: decision === 'new' ? 'thought_report.handed_in' : 'thought_report.replaced',
        targetType: 'thought_report',
        targetId: saved.id,
        orgId: saved.orgId,
        orgPath: saved.orgPath,
        // what was handed in, not what the writer thinks: the text stays with the report
        after: {
          memberId: writer.memberId,
          period: period.label,
          title,
          chars: body.length,
          attachment: saved.attachmentName,
        },
      });
      return saved;
    });
    if (replacedKey) await store.remove(replacedKey).catch(() => {});
    if (unchanged && stored) await store.remove(stored.key).catch(() => {});
    return presentReport(ctx.actor, row, { orgName: writer.orgName, reviewerName: null }, period.label);
  } catch (err) {
    if (stored) await store.remove(stored.key).catch(() => {});
    throw err;
  }
}

/** A page of reports with the org's and the reviewer's names. */
export const reportColumns = { r: thoughtReports, orgName: orgs.name, reviewerName: users.displayName };

export function reportsWith(db: Queryable) {
  return db
    .select(reportColumns)
    .from(thoughtReports)
    .innerJoin(orgs, eq(orgs.id, thoughtReports.orgId))
    .leftJoin(users, eq(users.id, thoughtReports.reviewedBy));
}

/** 我的思想汇报: whether I must report, the period now running, my reports with the branch's comments. */
export async function myReports(ctx: Ctx, page: PageQuery): Promise<MyThoughtReports> {
  const actor = actorOf(ctx);
  const writer = await thoughtReportWriterOf(ctx.db, actor.userId);
  if (!writer) throw NOT_LINKED;
  const { frequency } = await frequencyFor(ctx.db, writer.orgPath);
  const period = periodOf(shanghaiToday(ctx.now()), frequency);
  const mine = eq(thoughtReports.memberId, writer.memberId);
  const present = (x: { r: ReportRow; orgName: string; reviewerName: string | null }) =>
    presentReport(ctx.actor, x.r, x, period.label);
  const [listed, [current]] = await Promise.all([
    paginate(page, {
      rows: (limit, offset) =>
        reportsWith(ctx.db)
          .where(mine)
          .orderBy(desc(thoughtReports.submittedAt), desc(thoughtReports.id))
          .limit(limit)
          .offset(offset),
      count: () => ctx.db.select({ n: sql<number>`count(*)::int` }).from(thoughtReports).where(mine),
    }),
    reportsWith(ctx.db).where(and(mine, eq(thoughtReports.period, period.label))),
  ]);
  return {
    ...listed,
    items: listed.items.map(present),
    mustReport: writer.mustReport,
    stage: writer.status as MyThoughtReports['stage'],
    orgName: writer.orgName,
    period,
    current: current ? present(current) : null,
  };
}
