import { joinMatrix } from '../../../test/matrix.ts';
import { classMatrix } from './classes/matrix.ts';
import { libraryMatrix } from './library/matrix.ts';
import { offlineMatrix } from './offline/matrix.ts';
import { poolMatrix } from './pool/matrix.ts';
import { recommendMatrix } from './recommend/matrix.ts';
import { stationMatrix } from './stations/matrix.ts';
import { studyMatrix } from './study/matrix.ts';

/** The learning module's authorization-matrix cases, one file per sub-capability. */
export const learningMatrix = joinMatrix(
  libraryMatrix,
  studyMatrix,
  offlineMatrix,
  stationMatrix,
  classMatrix,
  recommendMatrix,
  poolMatrix,
);
