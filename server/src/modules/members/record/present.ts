import type { Member, MemberStatus, PipelineItem } from '../../../../../contracts/members/index.ts';
import { PIPELINE_ITEMS } from '../../../../../contracts/members/index.ts';
import { maskAddress, maskIdNumber, maskPhone } from '../../../platform/pii/index.ts';
import type { MemberRow } from '../schema.ts';
import type { Ctx } from '../../../platform/context.ts';
import { presentStandingSummary } from '../standing/present.ts';
import { memberAbilities } from './policy.ts';
import { homeAddressOf, idNumberOf, phoneOf } from './store.ts';

/** Presenter: personal data masked unless `reveal`; no ciphertext or index ever leaves. */
export function presentMember(
  ctx: Pick<Ctx, 'pii' | 'actor'>,
  m: MemberRow,
  org: { name: string; path: string },
  reveal = false,
): Member {
  const { pii } = ctx;
  const orgName = org.name;
  const id = idNumberOf(pii, m);
  const phone = phoneOf(pii, m);
  const address = homeAddressOf(pii, m);
  return {
    id: String(m.id),
    name: m.name,
    gender: m.gender as Member['gender'],
    ethnicity: m.ethnicity,
    idNumber: reveal ? id : maskIdNumber(id),
    birthDate: m.birthDate,
    education: m.education,
    degree: m.degree,
    status: m.status as MemberStatus,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    orgId: String(m.orgId),
    orgName,
    positions: m.positions,
    phone: phone && !reveal ? maskPhone(phone) : phone,
    workUnit: m.workUnit,
    mobile: m.mobile,
    mobileLocation: m.mobileLocation,
    duesCategory: m.duesCategory as Member['duesCategory'],
    monthlyIncomeFen: m.monthlyIncomeFen,
    duesStandardFen: m.duesStandardFen,
    postCode: m.postCode,
    homeAddress: address && !reveal ? maskAddress(address) : address,
    workStartedOn: m.workStartedOn,
    hardshipKind: m.hardshipKind as Member['hardshipKind'],
    hasPhoto: !!m.photo,
    studyCardNo: m.studyCardNo,
    recordUpdatedAt: m.recordUpdatedAt.toISOString(),
    createdAt: m.createdAt.toISOString(),
    version: m.version,
    can: memberAbilities(ctx.actor, m, org.path),
    standing: presentStandingSummary(m),
  };
}

export function pipelineOf(m: MemberRow): Record<PipelineItem, string | null> {
  return Object.fromEntries(PIPELINE_ITEMS.map((k) => [k, m[k]])) as Record<PipelineItem, string | null>;
}
