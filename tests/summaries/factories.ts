/** A small round with hand-counted figures, written with direct inserts, and helpers to read downloads back. */
import { unzipSync, strFromU8 } from 'fflate';
import { invitations, opinions, responses, rounds, roundSections, stakeholders, type Channel, type Disposition, type InvitationStatus, type StakeholderCategory } from '../../src/db/schema';
import { nextOpinionNumber } from '../../src/features/opinions/numbering';
import type { Deps } from '../../src/lib/deps';
import { testDeps } from '../helpers';

export const ROUND_OPENS = new Date('2026-03-17T01:00:00Z');
export const ROUND_CLOSES = new Date('2026-04-20T09:00:00Z');

export async function aRound(deps: Deps, overrides: Partial<typeof rounds.$inferInsert> = {}) {
  const id = deps.newId();
  const now = deps.clock();
  await deps.db.insert(rounds).values({
    id,
    title: '上海硅巷三年行动方案',
    draftSource: '# 一、总体要求',
    status: 'closed',
    opensAt: ROUND_OPENS,
    closesAt: ROUND_CLOSES,
    contactName: '谢佼',
    contactPhone: '52388354',
    contactAddress: '安西路35号501',
    shortPeriodReason: '配合区政协会议时间',
    audience: { categories: [], tags: [], stakeholderIds: [] },
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
  const section = async (key: string, number: string, heading: string, depth: number, position: number) => {
    const sectionId = deps.newId();
    await deps.db.insert(roundSections).values({ id: sectionId, roundId: id, key, depth, number, heading, body: '', position });
    return sectionId;
  };
  const sections = {
    general: await section('1', '一', '总体要求', 1, 0),
    tasks: await section('2', '二', '主要任务', 1, 1),
    actions: await section('2.1', '二（一）', '专项行动', 2, 2),
  };
  return { id, sections };
}

export async function anInvitee(deps: Deps, roundId: string, p: { name: string; organization: string; category: StakeholderCategory; status: InvitationStatus; email?: string | null }) {
  const id = deps.newId();
  const now = deps.clock();
  const email = p.email === undefined ? `${id.toLowerCase()}@example.com` : p.email;
  await deps.db.insert(stakeholders).values({ id, name: p.name, organization: p.organization, category: p.category, email, emailNormalized: email?.toLowerCase() ?? null, source: 'manual', createdAt: now, updatedAt: now });
  const invitationId = deps.newId();
  await deps.db.insert(invitations).values({ id: invitationId, roundId, stakeholderId: id, tokenHash: `hash-${invitationId}`, status: p.status, invitedAt: ROUND_OPENS });
  return { stakeholderId: id, invitationId, email };
}

export async function aSubmittedResponse(deps: Deps, roundId: string, invitationId: string | null, stakeholderId: string | null) {
  const id = deps.newId();
  const now = deps.clock();
  await deps.db.insert(responses).values({ id, roundId, invitationId, stakeholderId, publication: 'name_and_unit', status: 'submitted', submittedAt: now, createdAt: now, updatedAt: now });
  return id;
}

export async function anOpinion(
  deps: Deps,
  roundId: string,
  o: { text: string; sectionId?: string | null; stakeholderId?: string | null; responseId?: string | null; channel?: Channel; disposition?: Disposition; reply?: string; heardAt?: Date; authorName?: string; authorOrganization?: string },
) {
  const id = deps.newId();
  const now = deps.clock();
  await deps.db.insert(opinions).values({
    id,
    roundId,
    number: nextOpinionNumber(roundId),
    responseId: o.responseId ?? null,
    sectionId: o.sectionId ?? null,
    stakeholderId: o.stakeholderId ?? null,
    authorName: o.authorName ?? '',
    authorOrganization: o.authorOrganization ?? '',
    channel: o.channel ?? 'link',
    heardAt: o.heardAt ?? new Date('2026-03-20T02:00:00Z'),
    text: o.text,
    disposition: o.disposition ?? 'pending',
    reply: o.reply ?? '',
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/**
 * The hand-counted round: six invited (2 proposers, 2 streets, 1 enterprise, 1 department), three responded, one
 * declined, one open-link response; seven opinions — adopted 2, partly 1, not 1, noted 1, pending 2.
 */
export async function aHandCountedRound(overrides: Partial<typeof rounds.$inferInsert> = {}) {
  const deps = testDeps();
  const round = await aRound(deps, overrides);
  const id = round.id;
  const s = round.sections;
  const panJin = await anInvitee(deps, id, { name: '潘瑾', organization: '民盟长宁区委', category: 'proposer', status: 'responded' });
  const xueBin = await anInvitee(deps, id, { name: '薛斌', organization: '区审计局', category: 'proposer', status: 'invited' });
  const huayang = await anInvitee(deps, id, { name: '仲静云', organization: '华阳路街道', category: 'street', status: 'responded' });
  await anInvitee(deps, id, { name: '李明', organization: '江苏路街道', category: 'street', status: 'declined' });
  const xinwei = await anInvitee(deps, id, { name: '王磊', organization: '新微科技集团', category: 'enterprise', status: 'responded' });
  const commerce = await anInvitee(deps, id, { name: '赵敏', organization: '区商务委', category: 'department', status: 'opened', email: null });
  const r1 = await aSubmittedResponse(deps, id, panJin.invitationId, panJin.stakeholderId);
  const r2 = await aSubmittedResponse(deps, id, huayang.invitationId, huayang.stakeholderId);
  const r3 = await aSubmittedResponse(deps, id, xinwei.invitationId, xinwei.stakeholderId);
  const r4 = await aSubmittedResponse(deps, id, null, null);
  await anOpinion(deps, id, { text: '建议明确硅巷四至范围', sectionId: s.general, stakeholderId: panJin.stakeholderId, responseId: r1, disposition: 'adopted', reply: '已采纳，见修改稿第一条' });
  await anOpinion(deps, id, { text: '整体框架合理', stakeholderId: panJin.stakeholderId, responseId: r1, disposition: 'noted', reply: '留作参考' });
  await anOpinion(deps, id, { text: '增加街道参与机制', sectionId: s.tasks, stakeholderId: huayang.stakeholderId, responseId: r2, disposition: 'partly_adopted', reply: '部分采纳，街道纳入工作组' });
  await anOpinion(deps, id, { text: '扩大资金扶持范围', sectionId: s.tasks, stakeholderId: xinwei.stakeholderId, responseId: r3, disposition: 'not_adopted', reply: '不属于本方案范围，已转交相关部门' });
  await anOpinion(deps, id, { text: '希望增加"人才公寓",并且\n加快审批', sectionId: s.actions, responseId: r4, channel: 'open_link', authorName: '市民', authorOrganization: '' });
  await anOpinion(deps, id, { text: '电话中提出：加快成果转化', sectionId: s.general, stakeholderId: xueBin.stakeholderId, channel: 'phone', heardAt: new Date('2026-03-21T02:00:00Z'), disposition: 'adopted', reply: '已采纳' });
  await anOpinion(deps, id, { text: '当面提出：配套服务设施', stakeholderId: commerce.stakeholderId, channel: 'in_person', heardAt: new Date('2026-03-22T02:00:00Z') });
  return { deps, id, sections: s, people: { panJin, xueBin, huayang, xinwei, commerce } };
}

export function unzip(bytes: ArrayBuffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(bytes));
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}
