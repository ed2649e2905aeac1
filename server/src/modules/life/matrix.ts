import { joinMatrix } from '../../../test/matrix.ts';
import { activityMatrix } from './activities/matrix.ts';
import { thoughtReportMatrix } from './thought-reports/matrix.ts';

/** The life module's authorization-matrix cases, one file per sub-capability. */
export const lifeMatrix = joinMatrix(activityMatrix, thoughtReportMatrix);
