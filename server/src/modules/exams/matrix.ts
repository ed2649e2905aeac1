import { joinMatrix } from '../../../test/matrix.ts';
import { bankMatrix } from './bank/matrix.ts';
import { gradingMatrix } from './grading/matrix.ts';
import { paperMatrix } from './papers/matrix.ts';
import { practiceMatrix } from './practice/matrix.ts';
import { sittingMatrix } from './sittings/matrix.ts';

/** The exams module's authorization-matrix cases, one file per sub-capability. */
export const examsMatrix = joinMatrix(bankMatrix, paperMatrix, sittingMatrix, gradingMatrix, practiceMatrix);
