import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { draftOpinions, responses } from '../../src/db/schema';
import { postForm, postJson, request, testDeps } from '../helpers';
import { aRound, anInvitation } from './factories';

const db = () => testDeps().db;
const put = (token: string, body: unknown) => postJson(`/api/v1/feedback/${token}`, body, {}, 'PUT');

type Conflict = { sectionId: string | null; text: string; revision: number; yours: string };
type ConflictBody = { error: { code: string; message: string; current: Conflict; conflicts: Conflict[] } };

async function draftText(invitationId: string, slot: string) {
  const response = (await db().select().from(responses).where(eq(responses.invitationId, invitationId)).get())!;
  const rows = await db().select().from(draftOpinions).where(eq(draftOpinions.responseId, response.id));
  return rows.find((r) => r.slot === slot);
}

/** A link whose comment on one section was saved once (revision 1), as two phones would both have loaded it. */
async function savedOnce() {
  const round = await aRound();
  const link = await anInvitation(round);
  const section = round.section('五（三）2');
  expect((await put(link.token, { opinions: [{ sectionId: section.id, text: '第一稿。', revision: 0 }] })).status).toBe(200);
  return { round, link, section, field: `s_${section.id}` };
}

describe('two devices editing the same section', () => {
  it('the API refuses a save based on an older revision with 409 conflict carrying the current text, and overwrites nothing', async () => {
    const { link, section } = await savedOnce();
    expect((await put(link.token, { opinions: [{ sectionId: section.id, text: '手机甲改的。', revision: 1 }] })).status).toBe(200);

    const stale = await put(link.token, { opinions: [{ sectionId: section.id, text: '手机乙改的。', revision: 1 }], submit: true });
    expect(stale.status).toBe(409);
    const body = await stale.json<ConflictBody>();
    expect(body.error.code).toBe('conflict');
    expect(body.error.current).toEqual({ sectionId: section.id, text: '手机甲改的。', revision: 2, yours: '手机乙改的。' });
    expect(body.error.conflicts).toHaveLength(1);
    expect(body.error.message).toContain('current');
    expect((await draftText(link.id, section.id))!.text).toBe('手机甲改的。');
    expect((await db().select().from(responses).where(eq(responses.invitationId, link.id)).get())!.status).toBe('draft');

    // Based on the revision it was just shown, the second phone's text goes through.
    expect((await put(link.token, { opinions: [{ sectionId: section.id, text: '手机乙改的。', revision: 2 }] })).status).toBe(200);
    expect(await draftText(link.id, section.id)).toMatchObject({ text: '手机乙改的。', revision: 3 });
  });

  it('two different saves sent at once on the same revision: one is kept, the other answers conflict', async () => {
    const { link, section } = await savedOnce();
    const texts = ['平板上的版本。', '电脑上的版本。'];
    const results = await Promise.all(texts.map((text) => put(link.token, { opinions: [{ sectionId: section.id, text, revision: 1 }] })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const kept = texts[results.findIndex((r) => r.status === 200)];
    expect(await draftText(link.id, section.id)).toMatchObject({ text: kept, revision: 2 });
  });

  it('the overall comment has its revision too, and resending the saved text with an old revision is no conflict', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    await put(link.token, { overall: '总体可行。', overallRevision: 0 });
    await put(link.token, { overall: '总体可行，细节待议。', overallRevision: 1 });
    const stale = await put(link.token, { overall: '另一种说法。', overallRevision: 1 });
    expect(stale.status).toBe(409);
    expect((await stale.json<ConflictBody>()).error.current).toMatchObject({ sectionId: null, text: '总体可行，细节待议。', revision: 2 });
    // A keepalive save repeated by the browser carries the text already saved: nothing to refuse or rewrite.
    expect((await put(link.token, { overall: '总体可行，细节待议。', overallRevision: 1 })).status).toBe(200);
    expect(await draftText(link.id, 'whole')).toMatchObject({ revision: 2 });
  });

  it('autosave from a stale tab answers 409 with both texts by field, saving none of the request', async () => {
    const { link, section, field } = await savedOnce();
    const whole = await postForm(`${link.path}/autosave`, { whole: '总体意见。', r_whole: '0' });
    expect(whole.status).toBe(200);
    await put(link.token, { opinions: [{ sectionId: section.id, text: '另一个标签页的。', revision: 1 }] });

    const stale = await postForm(`${link.path}/autosave`, { [field]: '这个标签页的。', [`r_${field}`]: '1', whole: '总体意见，又改了。', r_whole: '1' });
    expect(stale.status).toBe(409);
    const body = await stale.json<{ ok: false; error: { code: string; message: string; conflicts: { field: string; text: string; revision: number }[] } }>();
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toContain('其他页面或设备');
    expect(body.error.conflicts).toEqual([{ field, text: '另一个标签页的。', revision: 2 }]);
    expect((await draftText(link.id, section.id))!.text).toBe('另一个标签页的。');
    expect((await draftText(link.id, 'whole'))!.text).toBe('总体意见。');
  });

  it('the page refuses a stale save with both texts shown and a choice; keeping mine or the saved one then works', async () => {
    const { link, section, field } = await savedOnce();
    await put(link.token, { opinions: [{ sectionId: section.id, text: '另一台设备上的版本。', revision: 1 }] });

    const refused = await postForm(link.path, { action: 'save', [field]: '这台电脑上的版本。', [`r_${field}`]: '1' });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain('这条意见已在其他页面或设备上修改');
    expect(html).toMatch(/class="fb-text fb-conflict__saved">另一台设备上的版本。</);
    expect(html).toMatch(new RegExp(`<textarea[^>]*name="${field}"[^>]*>这台电脑上的版本。</textarea>`));
    expect(html).toContain(`name="r_${field}" value="2"`);
    expect(html).toContain(`name="keep_${field}" value="saved"`);
    expect((await draftText(link.id, section.id))!.text).toBe('另一台设备上的版本。');

    const keepSaved = await postForm(link.path, { action: 'save', [field]: '这台电脑上的版本。', [`r_${field}`]: '2', [`keep_${field}`]: 'saved' });
    expect(keepSaved.status).toBe(303);
    expect((await draftText(link.id, section.id))!.text).toBe('另一台设备上的版本。');

    const keepMine = await postForm(link.path, { action: 'save', [field]: '这台电脑上的版本。', [`r_${field}`]: '2', [`keep_${field}`]: 'mine' });
    expect(keepMine.status).toBe(303);
    expect(await draftText(link.id, section.id)).toMatchObject({ text: '这台电脑上的版本。', revision: 3 });
    expect(await (await request(link.path)).text()).toContain(`name="r_${field}" value="3"`);
  });

  it('a section shown blank (no fields of its own, the one b__blank) and saved elsewhere since is a conflict, not overwritten', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const section = round.section('二');
    const field = `s_${section.id}`;
    // The page as a browser without scripts loaded it: every section blank.
    const page = await (await request(link.path)).text();
    const hidden = Object.fromEntries([...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    expect(hidden).toMatchObject({ b__blank: '1' });
    expect(hidden[`b_${field}`]).toBeUndefined();
    expect(hidden[`r_${field}`]).toBeUndefined();
    // Meanwhile a phone saves a comment on that section.
    expect((await put(link.token, { opinions: [{ sectionId: section.id, text: '手机上写的。', revision: 0 }] })).status).toBe(200);

    const refused = await postForm(link.path, { ...hidden, action: 'save', [field]: '电脑上写的。' });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toMatch(/class="fb-text fb-conflict__saved">手机上写的。</);
    expect(html).toContain(`name="r_${field}" value="1"`);
    expect(html).toContain('name="b__blank" value="1"');
    expect((await draftText(link.id, section.id))!.text).toBe('手机上写的。');

    // Left blank in this tab: no change, whatever was saved elsewhere.
    const other = round.section('三');
    expect((await postForm(link.path, { ...hidden, action: 'save', [field]: '', [`s_${other.id}`]: '' })).status).toBe(303);
    expect((await draftText(link.id, section.id))!.text).toBe('手机上写的。');
  });
});
