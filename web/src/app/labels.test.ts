import { describe, expect, it } from 'vitest';
import {
  CORRECTION_STATUS_LABELS,
  IMPORT_STATUS_LABELS,
  LEFT_HOW_LABELS,
  PARTY_STANDING_LABELS,
  STANDING_DECISION_LABELS,
  STANDING_DUE_RULE_LABELS,
  MEMBER_STATUS_LABELS,
  ORG_KIND_LABELS,
  PIPELINE_FILE_LABELS,
  PIPELINE_ITEM_LABELS,
  ROLE_LABELS,
  TRANSFER_KIND_LABELS,
  TRANSFER_STATUS_LABELS,
} from '../../../contracts/labels.ts';
import '../modules/members/corrections/i18n.ts';
import '../modules/members/excel/i18n.ts';
import '../modules/members/i18n.ts';
import '../modules/members/pipeline/i18n.ts';
import '../modules/members/standing/i18n.ts';
import '../modules/members/transfers/i18n.ts';
import i18n from './i18n.ts';

const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

// The web keeps no labels of its own: its i18n resources are built from contracts/labels.ts, so
// `t('memberStatus.full')` says what the server's messages and the Excel files say.
describe('the web says enumeration values as contracts/labels.ts names them', () => {
  it.each([
    ['memberStatus', MEMBER_STATUS_LABELS],
    ['kind', ORG_KIND_LABELS],
    ['role', ROLE_LABELS],
    ['pipelineItem', PIPELINE_ITEM_LABELS],
    ['pipelineItem', PIPELINE_FILE_LABELS],
    ['transfers.status', TRANSFER_STATUS_LABELS],
    ['transfers.kind', TRANSFER_KIND_LABELS],
    ['corrections.status', CORRECTION_STATUS_LABELS],
    ['imports.status', IMPORT_STATUS_LABELS],
    ['myRecord.status', CORRECTION_STATUS_LABELS],
    ['standing.status', PARTY_STANDING_LABELS],
    ['standing.leftHow', LEFT_HOW_LABELS],
    ['standing.decision', STANDING_DECISION_LABELS],
    ['standing.rule', STANDING_DUE_RULE_LABELS],
  ] as const)('%s', (prefix, labels) => {
    for (const [value, label] of Object.entries(labels)) {
      expect(zh(`${prefix}.${value}`)).toBe(label.zh);
      expect(en(`${prefix}.${value}`)).toBe(label.en);
    }
  });

  it('tells a member what an approved correction did, in their language', () => {
    expect(zh('myRecord.approved', { status: zh('myRecord.status.approved') })).toBe('已同意，信息已更新');
    expect(en('myRecord.approved', { status: en('myRecord.status.approved') })).toBe(
      'Approved; your record is updated',
    );
  });
});
