import { AppError } from '../../../platform/http/errors.ts';
import type { Problem } from './rules.ts';

/** The dues forms' fields as users read them (the contracts' titles), for messages. */
const FIELD_LABELS: Record<string, string> = {
  memberId: '党员',
  fromMonth: '起始月份',
  toMonth: '截止月份',
  category: '党费类别',
  basis: '计算基数',
  incomeFen: '收入',
  reason: '原因',
  kind: '类别',
  amountFen: '每月应交金额',
  reasonKind: '正当理由',
  branchApprovedOn: '党支部同意日期',
  committeeApprovedOn: '上级党委批准日期',
  month: '月份',
  duesCategory: '党费类别',
  monthlyIncomeFen: '月收入',
};

/** Bad input: a 400 naming each field in the form's words, Chinese first; nothing written. */
export function invalid(problems: Problem[]) {
  return new AppError(
    400,
    'invalid_input',
    {
      zh: problems.map((p) => `${FIELD_LABELS[p.path] ?? p.path}：${p.text.zh}`).join('；'),
      en: problems.map((p) => `${p.path}: ${p.text.en}`).join('; '),
    },
    problems.map((p) => ({ path: p.path, message: p.text.zh, messageEn: p.text.en })),
  );
}
