import { z } from 'zod';
import { Id, PageQuery, pageOf, text } from './common.ts';

/** GLOSSARY.md: 党委, 党工委, 党总支, 党支部, 党小组. */
export const ORG_KINDS = ['committee', 'working_committee', 'general_branch', 'branch', 'group'] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

/**
 * Which kind of org may sit directly under which (Party constitution, ch. 5): committees hold
 * committees, working committees, general branches and branches; a general branch holds branches;
 * a branch holds groups; a group is a leaf. The server enforces it; forms offer only these.
 */
export const CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  committee: ['committee', 'working_committee', 'general_branch', 'branch'],
  working_committee: ['committee', 'working_committee', 'general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
};

/** 两新组织 are 'non_public'; everything else is 'public' (机关、事业、国企、村社区). */
export const OrgSector = z.enum(['public', 'non_public']);

export const Org = z.object({
  id: Id,
  parentId: Id.nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string(),
  kind: OrgKind,
  place: z.string().nullable(),
  sector: OrgSector,
  sortOrder: z.number().int(),
  depth: z.number().int(),
  childCount: z.number().int(),
  /** Names from the root of the actor's view down to the parent, for breadcrumbs. */
  ancestors: z.array(z.object({ id: Id, name: z.string() })).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Org = z.infer<typeof Org>;

/** 党组织代码: letters, digits and dashes, as the department assigns them. */
export const OrgCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{2,40}$/, { message: '党组织代码只能由 2-40 位字母、数字或 - 组成' });

export const CreateOrg = z.strictObject({
  parentId: Id,
  name: text(100).meta({ title: '党组织名称' }),
  shortName: text(40).nullish(),
  code: OrgCode,
  kind: OrgKind,
  place: text(100).nullish(),
  sector: OrgSector.default('public'),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});
export type CreateOrg = z.infer<typeof CreateOrg>;

export const UpdateOrg = z
  .strictObject({
    name: text(100).meta({ title: '党组织名称' }),
    shortName: text(40).nullable(),
    code: OrgCode,
    kind: OrgKind,
    place: text(100).nullable(),
    sector: OrgSector,
    sortOrder: z.number().int().min(0).max(1_000_000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: '至少修改一项' });
export type UpdateOrg = z.infer<typeof UpdateOrg>;

export const MoveOrg = z.strictObject({
  parentId: Id,
  /** Position among the new siblings (0 = first); omitted = last. */
  position: z.number().int().min(0).optional(),
});
export type MoveOrg = z.infer<typeof MoveOrg>;

export const ReorderChildren = z.strictObject({
  /** Every child id of the org, in the new order. */
  childIds: z.array(Id).min(1).max(5000),
});

export const OrgListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  under: Id.optional(),
  kind: OrgKind.optional(),
});
export type OrgListQuery = z.infer<typeof OrgListQuery>;

export const ChildrenQuery = PageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(500).default(200),
});

export const OrgPage = pageOf(Org);
export const OrgList = z.object({ items: z.array(Org) });

export const OrgStats = z.object({
  id: Id,
  descendants: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  maxDepth: z.number().int(),
});
export type OrgStats = z.infer<typeof OrgStats>;
