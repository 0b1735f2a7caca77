/** Declining a round behind a personal link: post/redirect/get, confirmed by email, never twice. */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { postForm, request, testDeps } from '../helpers';
import { aRound, aStakeholder, anInvitation, invitationRow } from './factories';

const db = () => testDeps().db;
const declineMails = (stakeholderId: string) => db().select().from(outbox).where(and(eq(outbox.kind, 'feedback_declined'), eq(outbox.stakeholderId, stakeholderId)));

describe('declining a round', () => {
  it('redirects after the post, so that reloading the "noted" page sends nothing again', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const res = await postForm(`${link.path}/decline`, { confirm: '1' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toBe(`${link.path}?done=declined`);
    const first = await (await request(location)).text();
    expect(first).toContain('已记录：您本轮不提出意见，确认邮件已发往您的邮箱');
    const declinedAt = (await invitationRow(link.id))!.declinedAt;
    // A reload is a GET of the same page: nothing posted, nothing changed, nothing mailed.
    await request(location);
    expect((await invitationRow(link.id))!.declinedAt).toEqual(declinedAt);
    expect(await declineMails(link.stakeholderId)).toHaveLength(1);
  });

  it('is confirmed by an email in both languages with the link to come back', async () => {
    const round = await aRound();
    const person = await aStakeholder();
    const link = await anInvitation(round, person);
    const html = await (await request(link.path)).text();
    expect(html).toContain('告知后，我们会给您发一封确认邮件。');
    await postForm(`${link.path}/decline`, { confirm: '1' });
    const [mail] = await declineMails(person.id);
    expect(mail).toMatchObject({ toEmail: person.email, transactional: true, roundId: round.id, status: 'queued' });
    expect(mail!.subject).toContain('已记录：您对《“上海硅巷”三年行动方案征求意见》不提出意见');
    expect(mail!.text).toContain(`https://roundtable.test${link.path}`);
    expect(mail!.text).toContain('如改变主意');
    expect(mail!.text).toContain('If you change your mind');
  });

  it('a second post (another tab, a double press) changes nothing and mails nothing more', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    await postForm(`${link.path}/decline`, { confirm: '1' });
    const declinedAt = (await invitationRow(link.id))!.declinedAt;
    const again = await postForm(`${link.path}/decline`, { confirm: '1' });
    expect(again.status).toBe(303);
    expect((await invitationRow(link.id))!.declinedAt).toEqual(declinedAt);
    expect(await declineMails(link.stakeholderId)).toHaveLength(1);
  });

  it('without an email address records the decline and says nothing about a mail', async () => {
    const round = await aRound();
    const person = await aStakeholder({ email: null });
    const link = await anInvitation(round, person);
    expect(await (await request(link.path)).text()).not.toContain('确认邮件');
    const res = await postForm(`${link.path}/decline`, { confirm: '1' });
    const page = await (await request(res.headers.get('location')!)).text();
    expect(page).toContain('已记录：您本轮不提出意见。感谢告知。');
    expect((await invitationRow(link.id))!.status).toBe('declined');
    expect(await declineMails(person.id)).toHaveLength(0);
  });
});
