import { CORRECTION_STATUS_LABELS, labelsIn } from '../../../../../contracts/labels.ts';
import { addTranslations } from '../../../app/i18n.ts';
import '../i18n.ts';

/** 信息更正审核: members' correction requests, decided by the branch. */
const zh = {
  corrections: {
    title: '信息更正审核',
    hint: '党员本人在手机上申请更正的档案信息。同意后自动更新档案并记入修改记录。',
    statusFilter: '状态',
    orgFilter: '党组织（含下级）',
    status: labelsIn(CORRECTION_STATUS_LABELS, 'zh'),
    field: {
      member: '党员',
      field: '更正项目',
      change: '更正内容',
      previousValue: '原为',
      value: '更正为',
      reason: '理由',
      createdAt: '申请时间',
      decidedAt: '审核时间',
      status: '状态',
    },
    approve: '同意',
    approveConfirm: '同意后将把「{{field}}」由「{{previous}}」改为「{{value}}」，确定？',
    approved: '已同意，档案已更新',
    reject: '不同意',
    rejectTitle: '不同意「{{name}}」的更正申请',
    rejectReason: '不同意的原因',
    rejectPlaceholder: '党员本人将看到此原因',
    rejected: '已处理：不同意',
    empty: '暂无更正申请',
  },
};

const en: typeof zh = {
  corrections: {
    title: 'Correction requests',
    hint: 'Corrections that members asked for on their phones. Approving one updates the record and its history.',
    statusFilter: 'Status',
    orgFilter: 'Organization (and below)',
    status: labelsIn(CORRECTION_STATUS_LABELS, 'en'),
    field: {
      member: 'Member',
      field: 'Field',
      change: 'Change',
      previousValue: 'Was',
      value: 'Correct to',
      reason: 'Reason',
      createdAt: 'Asked on',
      decidedAt: 'Decided on',
      status: 'Status',
    },
    approve: 'Approve',
    approveConfirm: 'Change “{{field}}” from “{{previous}}” to “{{value}}”?',
    approved: 'Approved; the record is updated',
    reject: 'Reject',
    rejectTitle: 'Reject the request of “{{name}}”',
    rejectReason: 'Reason',
    rejectPlaceholder: 'The member will see this reason',
    rejected: 'Rejected',
    empty: 'No correction requests',
  },
};

addTranslations({ 'zh-CN': zh, en });
