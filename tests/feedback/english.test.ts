/** Stakeholder pages and mail in English: half-width punctuation where the Chinese has full-width (：, 【】). */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { BASE_URL, postForm, request, testDeps } from '../helpers';
import { aMeetingWithInvitees } from '../meetings/factories';
import { aRound, anInvitation } from './factories';

describe('English pages use half-width punctuation', () => {
  it('the error summary joins a field and its error with ": ", not "："', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const body = new URLSearchParams({ action: 'save', stance: 'enthusiastic' });
    const html = await (await request(link.path, { method: 'POST', body, headers: { origin: BASE_URL, cookie: 'lang=en' } })).text();
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)![0];
    expect(summary).toMatch(/>Overall stance: [^<]+</);
    expect(summary).not.toContain('：');
  });

  it('the RSVP page labels the agenda with a half-width colon in English', async () => {
    const { tokens } = await aMeetingWithInvitees(testDeps(), 1);
    const english = await (await request(`/m/${tokens[0]}`, { headers: { cookie: 'lang=en' } })).text();
    expect(english).toMatch(/<p class="meeting-text">[^<：]+: 一、情况通报；二、意见交流<\/p>/);
  });

  it('the copy of one’s feedback marks sections with 【】 in Chinese and [ ] in English', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    await postForm(link.path, { action: 'submit', whole: '总体赞成。' });
    const [copy] = await testDeps().db.select().from(outbox).where(and(eq(outbox.kind, 'feedback_copy'), eq(outbox.stakeholderId, link.stakeholderId)));
    expect(copy!.text).toContain('【对全文的意见】总体赞成。');
    expect(copy!.text).toContain('[Your comments on the draft as a whole] 总体赞成。');
  });
});
