import { joinMatrix } from '../../../test/matrix.ts';
import { albumMatrix } from './albums/matrix.ts';
import { imageMatrix } from './images/matrix.ts';
import { messageMatrix } from './messages/matrix.ts';
import { pageMatrix } from './page/matrix.ts';
import { postMatrix } from './posts/matrix.ts';

/** The openness module's authorization-matrix cases, one file per sub-capability. */
export const opennessMatrix = joinMatrix(pageMatrix, postMatrix, imageMatrix, albumMatrix, messageMatrix);
