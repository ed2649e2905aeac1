import type { IndicatorDef } from '../../platform/module.ts';
import { classesCompleted } from './classes/indicators.ts';
import { offlineApproved } from './offline/indicators.ts';
import { stationMinutes } from './stations/indicators.ts';
import { studyMinutes } from './study/indicators.ts';

/**
 * 考核指标 of 党员教育 (issue 18): offline study the superior approved, online classes finished by
 * their deadline, stations that kept the monthly rule — and, for information only, the minutes
 * studied online (an activity, never scored by default). Each sub-capability computes its own.
 */
export const learningIndicators: IndicatorDef[] = [
  offlineApproved,
  classesCompleted,
  stationMinutes,
  studyMinutes,
];
