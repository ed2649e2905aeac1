import { describe, expect, it } from 'vitest';
import type { Role } from '../../../../contracts/auth.ts';
import { type Actor, registerPolicies } from '../../platform/access/index.ts';
import { parentPath } from './approval.ts';
import { duesPolicies, mayApproveRelief } from './dues/policy.ts';
import { mayApproveProbation } from './pipeline/policy.ts';
import { recordPolicies } from './record/policy.ts';
import { mayApproveStanding, standingPolicies } from './standing/policy.ts';

registerPolicies([...standingPolicies, ...recordPolicies, ...duesPolicies]);

// 青山区委 /1/ → 清河镇党委 /1/17/ → 东村党支部 /1/17/342/
const DISTRICT = '/1/';
const TOWN = '/1/17/';
const BRANCH = '/1/17/342/';
const OTHER_TOWN = '/1/18/';

const actor = (role: Role, orgPath: string): Actor => ({
  userId: 1,
  username: 'u',
  displayName: 'u',
  sessionId: 1,
  grants: [{ id: 1, role, orgId: Number(orgPath.split('/').at(-2)), orgPath, orgName: 'org' }],
});

describe('the org above a branch', () => {
  it('is its parent: the branch of /1/17/342/ sits under /1/17/', () => {
    expect(parentPath(BRANCH)).toBe(TOWN);
    expect(parentPath(TOWN)).toBe(DISTRICT);
    expect(parentPath(DISTRICT)).toBe('/');
  });
});

// Each kind: the branch records its meeting; only someone keeping an org strictly above the
// member's branch records the approval.
const kinds = [
  ['党章第九条、第四十二条: a decision on a member’s standing', mayApproveStanding],
  ['党章第七条；细则第三十二条: an extension of probation or its cancellation', mayApproveProbation],
  ['2008 党费规定（三）: a reduction or exemption of dues', mayApproveRelief],
] as const;

for (const [kind, mayApprove] of kinds)
  describe(`${kind} is approved by the committee above`, () => {
    it('given the branch’s own secretary, when it records the approval of its own decision, then it may not', () => {
      expect(mayApprove(actor('secretary', BRANCH), BRANCH)).toBe(false);
    });

    it('given an admin of the branch itself, then neither: a grant on the branch is not above it', () => {
      expect(mayApprove(actor('org_admin', BRANCH), BRANCH)).toBe(false);
    });

    it('given the town committee’s admin, or the district’s, then the approval is theirs to record', () => {
      expect(mayApprove(actor('org_admin', TOWN), BRANCH)).toBe(true);
      expect(mayApprove(actor('dept_admin', DISTRICT), BRANCH)).toBe(true);
      expect(mayApprove(actor('secretary', TOWN), BRANCH)).toBe(true);
    });

    it('given another town’s admin, or a member above, or no one signed in, then not', () => {
      expect(mayApprove(actor('org_admin', OTHER_TOWN), BRANCH)).toBe(false);
      expect(mayApprove(actor('member', TOWN), BRANCH)).toBe(false);
      expect(mayApprove(null, BRANCH)).toBe(false);
    });
  });
