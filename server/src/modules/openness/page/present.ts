import type { OrgPage } from '../../../../../contracts/openness/page.ts';
import type { OrgRow } from '../../../platform/tree/index.ts';
import type { orgPages } from '../schema.ts';

/** An org's page as its admins edit it; an org without a row has an empty page. */
export function presentOrgPage(
  org: OrgRow,
  page: typeof orgPages.$inferSelect | undefined,
  canEdit: boolean,
): OrgPage {
  return {
    orgId: String(org.id),
    orgName: org.name,
    orgKind: org.kind,
    introduction: page?.introduction ?? '',
    contactAddress: page?.contactAddress ?? null,
    contactPhone: page?.contactPhone ?? null,
    contactHours: page?.contactHours ?? null,
    updatedAt: page?.updatedAt.toISOString() ?? null,
    can: { edit: canEdit },
  };
}
