import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, invitations, opinions, responses, roundSections } from '../../src/db/schema';
import { nextOpinionNumber } from '../../src/features/opinions/numbering';
import { figuresOf } from '../../src/features/summaries/figures-cache';
import { sendInvitations } from '../../src/features/rounds/invitations';
import { closeRound, createRound } from '../../src/features/rounds/service';
import { bearerFor, daysFromNow, postJson, request, shanghaiIso, shanghaiLocal, testDeps } from '../helpers';
import { anOpenRound, aStakeholder, roundInput, uniqueTag } from './factories';

/** A Shanghai calendar day as the API takes it (YYYY-MM-DD). */
const dayOf = (date: Date) => shanghaiLocal(date).slice(0, 10);

async function invitedRound() {
  const deps = testDeps();
  const tag = uniqueTag();
  const people = [
    await aStakeholder(deps, { tags: [tag], category: 'street' }),
    await aStakeholder(deps, { tags: [tag], category: 'street' }),
    await aStakeholder(deps, { tags: [tag], category: 'enterprise' }),
    await aStakeholder(deps, { tags: [tag], category: 'enterprise' }),
    await aStakeholder(deps, { tags: [tag], category: 'expert' }),
  ];
  const roundId = await anOpenRound(deps, { audience: { categories: [], tags: [tag], stakeholderIds: [] } });
  await sendInvitations(deps, null, roundId);
  const rows = await deps.db.select().from(invitations).where(eq(invitations.roundId, roundId));
  const of = (i: number) => rows.find((r) => r.stakeholderId === people[i]!.id)!;
  return { deps, roundId, people, of };
}

describe('response board figures', () => {
  it('counts invited, opened, heard and declined as a funnel, in total and by category; revoked links drop out', async () => {
    const { deps, roundId, of } = await invitedRound();
    const now = deps.clock();
    await deps.db.update(invitations).set({ status: 'opened', openedAt: now }).where(eq(invitations.id, of(0).id));
    await deps.db.update(invitations).set({ status: 'responded', openedAt: now, respondedAt: now }).where(eq(invitations.id, of(2).id));
    await deps.db.update(invitations).set({ status: 'declined', openedAt: now, declinedAt: now }).where(eq(invitations.id, of(3).id));
    await deps.db.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, of(4).id));

    const { authorization } = await bearerFor('viewer');
    const res = await request(`/api/v1/rounds/${roundId}/stats`, { headers: { authorization } });
    const stats = (await res.json()) as Record<string, any>;
    expect(stats).toMatchObject({ invited: 4, opened: 3, heardInvited: 1, declined: 1, responseRate: 0.25 });
    expect(stats.byCategory).toEqual({
      street: { invited: 2, opened: 1, heard: 0, declined: 0 },
      enterprise: { invited: 2, opened: 2, heard: 1, declined: 1 },
    });
  });
});

describe('opinions heard offline', () => {
  it('stand beside online opinions in the list and the counts, marked by channel', async () => {
    const { deps, roundId, people, of } = await invitedRound();
    const section = (await deps.db.select().from(roundSections).where(eq(roundSections.roundId, roundId))).find((s) => s.number === '五（一）1')!;
    const now = deps.clock();
    // An online opinion as the feedback side writes it on submit.
    await deps.db.insert(responses).values({ id: 'resp-' + roundId, roundId, invitationId: of(0).id, stakeholderId: people[0]!.id, publication: 'unit_only', status: 'submitted', submittedAt: now, createdAt: now, updatedAt: now });
    await deps.db.insert(opinions).values({ id: 'op-' + roundId, roundId, number: nextOpinionNumber(roundId), responseId: 'resp-' + roundId, sectionId: section.id, responseSlot: `resp-${roundId}:${section.id}`, stakeholderId: people[0]!.id, channel: 'link', heardAt: now, text: '建议增加人工智能企业扶持', createdAt: now, updatedAt: now });

    const { authorization, staff } = await bearerFor('organizer');
    const byId = await postJson(`/api/v1/rounds/${roundId}/opinions`, { stakeholderId: people[1]!.id, channel: 'phone', heardAt: dayOf(daysFromNow(-5)), sectionId: section.id, text: '电话中提出：希望加快审批。' }, { authorization });
    expect(byId.status).toBe(201);
    const created = (await byId.json()) as Record<string, any>;
    expect(created).toMatchObject({ channel: 'phone', sectionId: section.id, sectionNumber: '五（一）1', stakeholderId: people[1]!.id, loggedByStaffId: staff.id });
    expect(created.heardAt).toBe(daysFromNow(-5, '12:00').toISOString());
    const byName = await postJson(`/api/v1/rounds/${roundId}/opinions`, { name: '陈先生', organization: '沪港青年会', channel: 'meeting', heardAt: shanghaiIso(daysFromNow(-4, '10:00')), sectionId: null, text: '整体赞同。' }, { authorization });
    expect(byName.status).toBe(201);
    expect(((await byName.json()) as any).authorName).toBe('陈先生');

    const list = (await (await request(`/api/v1/rounds/${roundId}/opinions`, { headers: { authorization } })).json()) as { items: any[] };
    expect(list.items.map((o) => o.channel).sort()).toEqual(['link', 'meeting', 'phone']);
    expect(list.items[0].sectionId).toBeNull();
    const stats = await figuresOf(deps, roundId);
    expect(stats.opinions).toEqual({ total: 3, online: 1, offline: 2, byChannel: { link: 1, phone: 1, meeting: 1 } });
    // The one who answered online and the one called are both heard, once each; the name-only speaker too.
    expect(stats).toMatchObject({ heard: 3, heardInvited: 2, heardByChannel: { online: 1, phone: 1, in_person: 0, letter: 0, meeting: 1 } });
    const audit = await deps.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((a) => a.action)).toEqual(['opinion.log_offline']);
  });

  it('refuses too long a text, an unknown section, a missing author and a draft round, storing nothing', async () => {
    const deps = testDeps();
    const roundId = await anOpenRound(deps);
    const other = await createRound(deps, null, roundInput());
    const otherSection = (await deps.db.select().from(roundSections).where(eq(roundSections.roundId, other.ok ? other.value.id : '')))[0]!;
    const { authorization } = await bearerFor('organizer');
    const base = { name: '赵敏', organization: '区商务委', channel: 'phone', heardAt: dayOf(daysFromNow(-5)), text: '意见' };

    const tooLong = await postJson(`/api/v1/rounds/${roundId}/opinions`, { ...base, text: '长'.repeat(5001) }, { authorization });
    expect(tooLong.status).toBe(422);
    expect(((await tooLong.json()) as any).error.fields.text).toContain('5000');
    const wrongSection = await postJson(`/api/v1/rounds/${roundId}/opinions`, { ...base, sectionId: otherSection.id }, { authorization });
    expect(wrongSection.status).toBe(422);
    expect(((await wrongSection.json()) as any).error.fields.sectionId).toBe('本轮征求意见稿中没有这个章节。');
    const nobody = await postJson(`/api/v1/rounds/${roundId}/opinions`, { ...base, name: '' }, { authorization });
    expect(((await nobody.json()) as any).error.fields.name).toBeTruthy();
    const badChannel = await postJson(`/api/v1/rounds/${roundId}/opinions`, { ...base, channel: 'link' }, { authorization });
    expect(badChannel.status).toBe(422);
    const draft = await postJson(`/api/v1/rounds/${other.ok ? other.value.id : ''}/opinions`, base, { authorization });
    expect(draft.status).toBe(409);
    const future = await postJson(`/api/v1/rounds/${roundId}/opinions`, { ...base, heardAt: dayOf(daysFromNow(30)) }, { authorization });
    expect(((await future.json()) as any).error.fields.heardAt).toBeTruthy();
    expect(await deps.db.select().from(opinions).where(eq(opinions.roundId, roundId))).toHaveLength(0);
  });

  it('are still taken after the round closes: letters and calls arrive late', async () => {
    const deps = testDeps();
    const roundId = await anOpenRound(deps);
    await closeRound(deps, null, roundId);
    const { authorization } = await bearerFor('organizer');
    const res = await postJson(`/api/v1/rounds/${roundId}/opinions`, { name: '周立群', organization: '区政协', channel: 'letter', heardAt: dayOf(daysFromNow(-1)), text: '书面意见' }, { authorization });
    expect(res.status).toBe(201);
  });
});
