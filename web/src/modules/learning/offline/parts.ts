import type { OfflineState } from '../../../../../contracts/learning/offline.ts';

/** The colour of each state's tag: waiting is the superior's to act on, returned the branch's. */
export const STATE_COLOR: Record<OfflineState, string> = {
  draft: 'default',
  submitted: 'orange',
  returned: 'red',
  approved: 'green',
};
