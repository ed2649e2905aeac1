import { z } from 'zod';
import { Id, PageQuery, pageOf } from './common.ts';
import type { Label } from './labels.ts';

export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  orgId: Id.nullable(),
  orgName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  action: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  targetType: z.string().trim().max(32).optional(),
  orgId: Id.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = pageOf(AuditEntry);

// ── the actions the log records, for its filter ──────────────────────────────────────────────

/** What an audited action is called. Not an enumeration the contracts check: modules add actions as they grow. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, Label>> = {
  'org.created': { zh: '新建党组织', en: 'Organization created' },
  'org.updated': { zh: '修改党组织', en: 'Organization edited' },
  'org.moved': { zh: '移动党组织', en: 'Organization moved' },
  'org.reordered': { zh: '调整党组织顺序', en: 'Organizations reordered' },
  'org.deleted': { zh: '删除党组织', en: 'Organization deleted' },
  'user.created': { zh: '新建用户', en: 'User created' },
  'user.updated': { zh: '修改用户', en: 'User edited' },
  'user.password_reset': { zh: '重置密码', en: 'Password reset' },
  'user.unlocked': { zh: '解锁用户', en: 'User unlocked' },
  'role.granted': { zh: '授予角色', en: 'Role granted' },
  'role.revoked': { zh: '撤销角色', en: 'Role revoked' },
  'auth.login': { zh: '登录', en: 'Logged in' },
  'auth.login_failed': { zh: '登录失败', en: 'Login failed' },
  'auth.locked': { zh: '账号被锁定', en: 'Account locked' },
  'auth.logout': { zh: '退出登录', en: 'Logged out' },
  'auth.password_changed': { zh: '修改本人密码', en: 'Own password changed' },
  'auth.session_revoked': { zh: '撤销登录会话', en: 'Session revoked' },
  'auth.card_check_failed': { zh: '学习卡验证失败', en: 'Study-card check failed' },
  'member.created': { zh: '新增党员', en: 'Member added' },
  'member.updated': { zh: '修改党员信息', en: 'Member record changed' },
  'member.pii_viewed': { zh: '查看完整身份证号和手机号', en: 'Full ID and phone numbers viewed' },
  'member.duplicate_elsewhere': {
    zh: '录入的身份证号已在其他党组织登记',
    en: 'ID number entered is on file elsewhere',
  },
  'member.photo_set': { zh: '更换党员照片', en: 'Member photo changed' },
  'member.import_started': { zh: '开始导入党员', en: 'Member import started' },
  'member.import_previewed': { zh: '预览导入结果', en: 'Member import previewed' },
  'member.import_confirmed': { zh: '确认导入', en: 'Member import confirmed' },
  'member.import_cancelled': { zh: '取消导入', en: 'Member import cancelled' },
  'member.imported': { zh: '导入党员', en: 'Members imported' },
  'member.import_failed': { zh: '导入党员失败', en: 'Member import failed' },
  'member.exported': { zh: '导出党员信息', en: 'Member records exported' },
  'member.pipeline_updated': { zh: '登记发展党员材料', en: 'Recruitment file recorded' },
  'member.advanced': { zh: '转入发展下一阶段', en: 'Moved to the next recruitment stage' },
  'member.probation_extended': { zh: '延长预备期', en: 'Probation extended' },
  'member.probation_cancelled': { zh: '取消预备党员资格', en: 'Probation cancelled' },
  'member.probation_cancellation_withdrawn': {
    zh: '撤回取消预备党员资格',
    en: 'Probation cancellation withdrawn',
  },
  'member.lost_contact': { zh: '登记失联', en: 'Lost contact recorded' },
  'member.contact_found': { zh: '登记恢复联系', en: 'Contact regained' },
  'member.abroad_recorded': { zh: '登记出国（境）定居或学习', en: 'Abroad recorded' },
  'member.standing_decided': { zh: '登记党籍处置决定', en: 'Standing decision recorded' },
  'member.standing_approved': { zh: '批准党籍处置决定', en: 'Standing decision approved' },
  'member.standing_refused': { zh: '不批准党籍处置决定', en: 'Standing decision refused' },
  'member.sanction_added': { zh: '登记奖惩', en: 'Commendation or discipline recorded' },
  'member.sanction_removed': { zh: '删除奖惩', en: 'Commendation or discipline removed' },
  'member.trip_added': { zh: '登记出国（境）', en: 'Trip abroad recorded' },
  'member.trip_ended': { zh: '登记出国（境）返回', en: 'Return from abroad recorded' },
  'member.trip_removed': { zh: '删除出国（境）记录', en: 'Trip abroad removed' },
  'member.study_cards_issued': { zh: '发放学习卡', en: 'Study cards issued' },
  'member.study_card_reset': { zh: '重置学习卡密码', en: 'Study-card password reset' },
  'member.correction_requested': { zh: '党员申请更正信息', en: 'Correction requested' },
  'member.correction_approved': { zh: '同意更正申请', en: 'Correction approved' },
  'member.correction_rejected': { zh: '不同意更正申请', en: 'Correction rejected' },
  'mobile.period_recorded': { zh: '流动党员外出登记', en: 'Migrant member left' },
  'mobile.period_ended': { zh: '流动党员返回登记', en: 'Migrant member returned' },
  'transfer.created': { zh: '开具组织关系介绍信', en: 'Transfer letter issued' },
  'transfer.accepted': { zh: '接收组织关系转接', en: 'Transfer accepted' },
  'transfer.returned': { zh: '退回组织关系转接', en: 'Transfer returned' },
  'transfer.cancelled': { zh: '撤回组织关系转接', en: 'Transfer withdrawn' },
  'transfer.incoming_registered': { zh: '登记系统外转入', en: 'Transfer from outside registered' },
  'transfer.receipt_recorded': { zh: '登记组织关系回执', en: 'Transfer receipt recorded' },
  'dues.paid': { zh: '登记党费缴纳', en: 'Dues payments recorded' },
  'dues.standard_set': { zh: '核定党费标准', en: 'Dues standard set' },
  'dues.relief_recorded': { zh: '登记少交或免交党费', en: 'Dues relief recorded' },
  'dues.relief_approved': { zh: '批准少交或免交党费', en: 'Dues relief approved' },
  'dues.relief_ended': { zh: '终止少交或免交党费', en: 'Dues relief ended' },
  'dues.arrears_exported': { zh: '导出欠缴党费名单', en: 'Arrears list exported' },
  'openness.page_saved': { zh: '修改组织简介', en: 'Org page introduction saved' },
  'openness.post_created': { zh: '撰写主页内容', en: 'Post written' },
  'openness.post_edited': { zh: '修改主页内容', en: 'Post edited' },
  'openness.post_published': { zh: '发布主页内容', en: 'Post published' },
  'openness.post_withdrawn': { zh: '撤回主页内容', en: 'Post withdrawn' },
  'openness.attachment_added': { zh: '添加附件', en: 'Attachment added' },
  'openness.attachment_removed': { zh: '删除附件', en: 'Attachment removed' },
  'openness.image_uploaded': { zh: '上传主页图片', en: 'Picture uploaded' },
  'openness.album_created': { zh: '新建相册', en: 'Album created' },
  'openness.album_edited': { zh: '修改相册', en: 'Album edited' },
  'openness.photo_added': { zh: '上传相册照片', en: 'Photo added' },
  'openness.photo_removed': { zh: '删除相册照片', en: 'Photo removed' },
  'message.left': { zh: '收到留言', en: 'Message received' },
  'message.replied': { zh: '答复留言', en: 'Message answered' },
  'message.followed_up': { zh: '留言人追问', en: 'Message followed up' },
  'message.closed': { zh: '办结留言', en: 'Message closed' },
  'notice.send': { zh: '发送通知', en: 'Notice sent' },
  'notice.read': { zh: '阅读通知', en: 'Notice read' },
  'notice.remind': { zh: '提醒未读', en: 'Unread reminded' },
  'thought_report.handed_in': { zh: '提交思想汇报', en: 'Thought report handed in' },
  'thought_report.replaced': { zh: '修改思想汇报（审阅前）', en: 'Thought report replaced before review' },
  'thought_report.reviewed': { zh: '审阅思想汇报', en: 'Thought report reviewed' },
  'thought_report.frequency_set': { zh: '设置思想汇报频次', en: 'Thought report frequency set' },
  'settings.change': { zh: '修改系统设置', en: 'Setting changed' },
};

/** The groups of the filter: an action's group is what comes before its first dot. */
export const AUDIT_GROUP_LABELS: Readonly<Record<string, Label>> = {
  org: { zh: '党组织', en: 'Organizations' },
  user: { zh: '用户', en: 'Users' },
  role: { zh: '角色授权', en: 'Roles' },
  auth: { zh: '登录与安全', en: 'Login and security' },
  member: { zh: '党员', en: 'Members' },
  mobile: { zh: '流动党员', en: 'Migrant members' },
  transfer: { zh: '组织关系转接', en: 'Transfers' },
  dues: { zh: '党费', en: 'Party dues' },
  openness: { zh: '组织主页', en: 'Org pages' },
  message: { zh: '留言', en: 'Messages' },
  notice: { zh: '通知', en: 'Notices' },
  thought_report: { zh: '思想汇报', en: 'Thought reports' },
  settings: { zh: '系统设置', en: 'Settings' },
};

export const AuditActionLabel = z.object({ zh: z.string(), en: z.string() });

/**
 * The filter's choices: the actions the log holds in the caller's scope, grouped, each with its
 * label (null for an action no label names yet: the filter shows it as it is written).
 */
export const AuditActions = z.object({
  groups: z.array(
    z.object({
      group: z.string(),
      label: AuditActionLabel.nullable(),
      actions: z.array(z.object({ action: z.string(), label: AuditActionLabel.nullable() })),
    }),
  ),
});
export type AuditActions = z.infer<typeof AuditActions>;
