/** A closed round's page for someone whose opinion staff logged by phone: never "no comments" above its outcome. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opinions, rounds } from '../../src/db/schema';
import { daysFromNow, request, testDeps } from '../helpers';
import { anOpinion } from '../opinions/factories';
import { aRound, aStakeholder, anInvitation } from './factories';

const closedRound = () => aRound({ status: 'closed', opensAt: daysFromNow(-40, '09:00'), closesAt: daysFromNow(-10, '17:00'), closedAt: daysFromNow(-10, '17:00') });

describe('the closed page of a stakeholder heard offline', () => {
  it('says staff recorded the opinion by phone, and shows its outcome once published, without "您本轮没有留下意见"', async () => {
    const round = await closedRound();
    const person = await aStakeholder();
    const link = await anInvitation(round, person);
    const opinionId = await anOpinion(round.id, { stakeholderId: person.id, channel: 'phone', text: '建议延长征求意见期限。' });

    const before = await (await request(link.path)).text();
    expect(before).toContain('您本轮的意见已由工作人员通过电话记录。');
    expect(before).not.toContain('您本轮没有留下意见');

    const deps = testDeps();
    await deps.db.update(opinions).set({ disposition: 'adopted', reply: '已延长至 30 天。' }).where(eq(opinions.id, opinionId));
    await deps.db.update(rounds).set({ publishedAt: daysFromNow(-2) }).where(eq(rounds.id, round.id));
    const after = await (await request(link.path)).text();
    expect(after).toContain('建议延长征求意见期限。');
    expect(after).toContain('已延长至 30 天。');
    expect(after).not.toContain('您本轮没有留下意见');
    expect(after.indexOf('您本轮的意见已由工作人员通过电话记录。')).toBeLessThan(after.indexOf('建议延长征求意见期限。'));
  });

  it('names every way staff heard them, in English too', async () => {
    const round = await closedRound();
    const person = await aStakeholder();
    const link = await anInvitation(round, person);
    await anOpinion(round.id, { stakeholderId: person.id, channel: 'phone' });
    await anOpinion(round.id, { stakeholderId: person.id, channel: 'meeting' });
    const html = await (await request(link.path, { headers: { cookie: 'lang=en' } })).text();
    expect(html).toContain('Staff recorded your comments in this round (phone and meeting).');
  });

  it('still says "no comments" to someone nobody heard', async () => {
    const round = await closedRound();
    const link = await anInvitation(round);
    await anOpinion(round.id, { stakeholderId: (await aStakeholder()).id, channel: 'phone' });
    expect(await (await request(link.path)).text()).toContain('您本轮没有留下意见');
  });
});
