import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opinions } from '../../src/db/schema';
import { nextOpinionNumber } from '../../src/features/opinions/numbering';
import { logOfflineOpinion } from '../../src/features/rounds/offline';
import { loadSummary } from '../../src/features/summaries/service';
import { postForm, testDeps } from '../helpers';
import { aRound, aStakeholder, anInvitation } from '../feedback/factories';

const numbersOf = async (roundId: string) =>
  Object.fromEntries((await testDeps().db.select().from(opinions).where(eq(opinions.roundId, roundId))).map((o) => [o.text, o.number]));

describe('opinion numbers', () => {
  it('are given once per round: a late opinion on an earlier section takes the next number and renumbers nothing', async () => {
    const deps = testDeps();
    const round = await aRound();
    const person = await aStakeholder({ category: 'enterprise' });
    const link = await anInvitation(round, person);
    const late = round.section('五（一）1');
    const early = round.sections[0]!;
    const form = { action: 'submit', stance: 'mostly_agree', publication: 'name_and_unit' };
    expect((await postForm(link.path, { ...form, [`s_${late.id}`]: '细化招商政策。', whole: '总体赞成。' })).status).toBe(303);
    const first = await numbersOf(round.id);
    expect(Object.values(first).sort()).toEqual([1, 2]);

    const logged = await logOfflineOpinion(deps, null, round.id, { sectionId: early.id, stakeholderId: '', name: '薛斌', organization: '区审计局', category: 'proposer', channel: 'phone', heardAt: deps.clock(), text: '电话意见' });
    expect(logged.ok).toBe(true);
    // Resubmitting with one more section: the existing opinions keep their numbers, the new one takes the next.
    expect((await postForm(link.path, { ...form, [`s_${late.id}`]: '细化招商政策（修改）。', [`s_${early.id}`]: '补充一条。', whole: '总体赞成。' })).status).toBe(303);
    const after = await numbersOf(round.id);
    expect(after).toEqual({ '细化招商政策（修改）。': first['细化招商政策。'], '总体赞成。': first['总体赞成。'], 电话意见: 3, '补充一条。': 4 });

    // The summary lists in draft order but keeps each opinion's own number as its 序号.
    const summary = (await loadSummary(deps, round.id))!;
    expect(Object.fromEntries(summary.opinions.map((o) => [o.text, o.seq]))).toEqual({ '细化招商政策（修改）。': first['细化招商政策。'], '总体赞成。': first['总体赞成。'], 电话意见: 3, '补充一条。': 4 });
  });

  it('a resubmission that adds a section others already commented on takes the very next number, leaving no gap', async () => {
    const round = await aRound();
    const first = round.sections[0]!;
    const later = round.section('五（一）1');
    const form = { action: 'submit', stance: 'mostly_agree', publication: 'name_and_unit' };
    const mine = await anInvitation(round, await aStakeholder({ category: 'enterprise' }));
    const theirs = await anInvitation(round, await aStakeholder({ category: 'street' }));
    expect((await postForm(mine.path, { ...form, [`s_${first.id}`]: '第一条意见。', whole: '总体赞成。' })).status).toBe(303);
    expect((await postForm(theirs.path, { ...form, [`s_${later.id}`]: '他人的意见。' })).status).toBe(303);
    expect((await postForm(mine.path, { ...form, [`s_${first.id}`]: '第一条意见。', [`s_${later.id}`]: '补充意见。', whole: '总体赞成。' })).status).toBe(303);
    const numbers = await numbersOf(round.id);
    expect(numbers['补充意见。']).toBe(4);
    expect(Object.values(numbers).sort()).toEqual([1, 2, 3, 4]);
  });

  it('cannot be shared: a second opinion with a taken number in the same round is refused', async () => {
    const deps = testDeps();
    const round = await aRound();
    const now = deps.clock();
    const row = { roundId: round.id, channel: 'letter' as const, heardAt: now, text: '来函', createdAt: now, updatedAt: now };
    await deps.db.insert(opinions).values({ ...row, id: deps.newId(), number: nextOpinionNumber(round.id) });
    await expect(deps.db.insert(opinions).values({ ...row, id: deps.newId(), number: 1 })).rejects.toThrow();
    await deps.db.insert(opinions).values({ ...row, id: deps.newId(), number: nextOpinionNumber(round.id) });
    const numbers = (await deps.db.select({ n: opinions.number }).from(opinions).where(eq(opinions.roundId, round.id))).map((r) => r.n);
    expect(numbers.sort()).toEqual([1, 2]);
  });
});
