import { ThoughtReportFrequency } from '../../../../../contracts/life/thought-reports.ts';
import type { SettingDef } from '../../../platform/settings/index.ts';

/**
 * How often activists, candidates and probationary members hand in a thought report, where a
 * branch (or an org above it) has not set its own. Quarterly is the common rule of branches; the
 * bound is half-yearly, the interval at which the branch must examine each activist (细则第十一条),
 * so that every examination has a report to read.
 */
export const thoughtReportFrequency: SettingDef<ThoughtReportFrequency> = {
  key: 'life.thoughtReportFrequency',
  schema: ThoughtReportFrequency,
  default: 'quarterly',
  label: { zh: '思想汇报默认频次', en: 'Default frequency of thought reports' },
  source:
    '《中国共产党发展党员工作细则》（2014）第十一条：党支部每半年对入党积极分子进行一次考察；第三十一条：通过听取本人汇报等方式对预备党员进行教育和考察。各地通行做法为每季度递交一次书面思想汇报',
};

export const thoughtReportSettings = [thoughtReportFrequency];
