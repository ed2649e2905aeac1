import { joinMatrix } from '../../../test/matrix.ts';
import { bankMatrix } from './bank/matrix.ts';

/** The exams module's authorization-matrix cases, one file per sub-capability. */
export const examsMatrix = joinMatrix(bankMatrix);
