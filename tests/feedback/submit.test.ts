import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opinions, outbox, responses } from '../../src/db/schema';
import { postForm, request, testDeps } from '../helpers';
import { aRound, aStakeholder, anInvitation, invitationRow } from './factories';

const db = () => testDeps().db;

function opinionsOf(roundId: string) {
  return db().select().from(opinions).where(eq(opinions.roundId, roundId));
}

function copiesTo(stakeholderId: string) {
  return db().select().from(outbox).where(and(eq(outbox.kind, 'feedback_copy'), eq(outbox.stakeholderId, stakeholderId)));
}

describe('submitting', () => {
  it('turns each commented section into an opinion and mails exactly one copy of everything given', async () => {
    const round = await aRound();
    const person = await aStakeholder({ category: 'enterprise' });
    const link = await anInvitation(round, person);
    const a = round.section('五（一）1');
    const res = await postForm(link.path, {
      action: 'submit',
      [`s_${a.id}`]: '建议细化招商政策。',
      whole: '总体赞成。',
      stance: 'mostly_agree',
      publication: 'name_and_unit',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${link.path}?done=submitted`);

    const given = await opinionsOf(round.id);
    expect(given.map((o) => [o.sectionId, o.text, o.channel, o.stakeholderId, o.authorName, o.authorCategory, o.disposition]).sort()).toEqual(
      [
        [a.id, '建议细化招商政策。', 'link', person.id, person.name, 'enterprise', 'pending'],
        [null, '总体赞成。', 'link', person.id, person.name, 'enterprise', 'pending'],
      ].sort(),
    );
    const response = await db().select().from(responses).where(eq(responses.invitationId, link.id)).get();
    expect(response).toMatchObject({ status: 'submitted', stance: 'mostly_agree', publication: 'name_and_unit', overall: '总体赞成。' });
    expect(given.every((o) => o.responseSlot?.startsWith(`${response!.id}:`))).toBe(true);
    const invitation = await invitationRow(link.id);
    expect(invitation!.status).toBe('responded');
    expect(invitation!.respondedAt).not.toBeNull();

    const mail = await copiesTo(person.id);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ transactional: true, toEmail: person.email, roundId: round.id });
    expect(mail[0]!.text).toContain('建议细化招商政策。');
    expect(mail[0]!.text).toContain('五（一）1');
    expect(mail[0]!.text).toContain('基本同意');
    expect(mail[0]!.text.indexOf('感谢您的意见')).toBeLessThan(mail[0]!.text.indexOf('Thank you'));

    const page = await (await request(res.headers.get('location')!)).text();
    expect(page).toContain('意见已提交');
  });

  it('updates the opinion on a second submit instead of adding one, and withdraws a section emptied since', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const a = round.section('一');
    const b = round.section('二');
    await postForm(link.path, { action: 'submit', [`s_${a.id}`]: '第一稿', [`s_${b.id}`]: '要撤回' });
    const first = await opinionsOf(round.id);
    await postForm(link.path, { action: 'submit', [`s_${a.id}`]: '第二稿', [`s_${b.id}`]: '' });
    const second = await opinionsOf(round.id);
    expect(second).toHaveLength(1);
    expect(second[0]!.text).toBe('第二稿');
    expect(second[0]!.id).toBe(first.find((o) => o.sectionId === a.id)!.id);
  });

  it('keeps an emptied opinion that staff have already answered', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const a = round.section('一');
    await postForm(link.path, { action: 'submit', [`s_${a.id}`]: '已答复的意见' });
    await db().update(opinions).set({ disposition: 'adopted' }).where(eq(opinions.roundId, round.id));
    await postForm(link.path, { action: 'submit', [`s_${a.id}`]: '' });
    expect((await opinionsOf(round.id)).map((o) => o.text)).toEqual(['已答复的意见']);
  });

  it('gives one opinion per section when two tabs submit at once', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const a = round.section('三');
    const b = round.section('四');
    const results = await Promise.all([
      postForm(link.path, { action: 'submit', [`s_${a.id}`]: '标签页一', whole: '全文' }),
      postForm(link.path, { action: 'submit', [`s_${b.id}`]: '标签页二', whole: '全文' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([303, 303]);
    const given = await opinionsOf(round.id);
    expect(given.map((o) => o.sectionId ?? 'whole').sort()).toEqual([a.id, b.id, 'whole'].sort());
    expect(await db().$count(responses, eq(responses.invitationId, link.id))).toBe(1);
  });

  it('sends no second copy for a double click that changes nothing', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const fields = { action: 'submit', whole: '同一内容', stance: 'agree' };
    await postForm(link.path, fields);
    await postForm(link.path, fields);
    expect(await copiesTo(link.stakeholderId)).toHaveLength(1);
    expect(await opinionsOf(round.id)).toHaveLength(1);
  });

  it('refuses to submit an empty form, saying what is missing', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const res = await postForm(link.path, { action: 'submit', whole: '   ' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('请至少填写一条意见或选择总体态度');
    expect((await invitationRow(link.id))!.status).toBe('invited');
    expect(await copiesTo(link.stakeholderId)).toHaveLength(0);
  });

  it('puts nothing in opinions for a save that is not submitted', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    await postForm(link.path, { action: 'save', whole: '还在考虑' });
    expect(await opinionsOf(round.id)).toHaveLength(0);
    expect(await copiesTo(link.stakeholderId)).toHaveLength(0);
  });
});

describe('declining and erasure', () => {
  it('records a decline, and a later submit still counts as a response', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const refused = await postForm(`${link.path}/decline`, {});
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('请先勾选确认');
    expect((await invitationRow(link.id))!.status).toBe('invited');

    const res = await postForm(`${link.path}/decline`, { confirm: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${link.path}?done=declined`);
    expect(await (await request(res.headers.get('location')!)).text()).toContain('您本轮不提出意见');
    const declined = await invitationRow(link.id);
    expect(declined!.status).toBe('declined');
    expect(declined!.declinedAt).not.toBeNull();
    expect((await db().select().from(responses).where(eq(responses.invitationId, link.id)).get())!.status).toBe('declined');

    await postForm(link.path, { action: 'submit', whole: '想了想还是有意见' });
    expect((await invitationRow(link.id))!.status).toBe('responded');
  });
});
