import { joinMatrix } from '../../../test/matrix.ts';
import { correctionMatrix } from './corrections/matrix.ts';
import { duesMatrix } from './dues/matrix.ts';
import { excelMatrix } from './excel/matrix.ts';
import { mobileMatrix } from './mobile/matrix.ts';
import { pipelineMatrix } from './pipeline/matrix.ts';
import { qualityMatrix } from './quality/matrix.ts';
import { recordMatrix } from './record/matrix.ts';
import { standingMatrix } from './standing/matrix.ts';
import { studyCardMatrix } from './study-cards/matrix.ts';
import { transferMatrix } from './transfers/matrix.ts';

/** The members module's authorization-matrix cases, one file per sub-capability. */
export const membersMatrix = joinMatrix(
  recordMatrix,
  transferMatrix,
  mobileMatrix,
  pipelineMatrix,
  standingMatrix,
  duesMatrix,
  qualityMatrix,
  studyCardMatrix,
  correctionMatrix,
  excelMatrix,
);
