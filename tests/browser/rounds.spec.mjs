// A consultation round as people live it: an organizer opens a round on the demo draft and invites the proposers;
// an invitee opens the link from the local mailbox on a phone, comments on two sections, leaves, comes back, edits,
// submits and finds the copy in the mailbox; the organizer sees the board change.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, PHONE, expectAccessible, latestMail, launchBrowser, newPage, signIn } from './browser.mjs';

const draft = readFileSync(new URL('../fixtures/draft-action-plan.md', import.meta.url), 'utf8');
const INVITEE = 'lin.xiaowen@example.com';
const shanghaiInput = (date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16);

async function boardCount(page, key) {
  return Number(await page.textContent(`.board__count--${key} dd`));
}

describe('a consultation round from invitation to response', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('an invitee comments on a phone, comes back, edits and submits; the organizer sees it on the board', async () => {
    const title = `硅巷行动方案征求意见 ${Date.now()}`;
    const organizer = await newPage(browser, DESKTOP);
    await signIn(organizer, 'organizer@example.gov.cn', { checkA11y: false });

    await organizer.goto('/rounds/new');
    await expectAccessible(organizer);
    await organizer.fill('input[name="title"]', title);
    await organizer.fill('textarea[name="draft"]', draft);
    const now = new Date();
    await organizer.fill('input[name="opensAt"]', shanghaiInput(now));
    await organizer.fill('input[name="closesAt"]', shanghaiInput(new Date(now.getTime() + 40 * 86400_000)));
    await organizer.fill('input[name="tags"]', '提案051');
    // The visible preview button (the form's hidden default, for Enter, is the same action).
    await organizer.click('button[name="intent"][value="preview"]:not(.visually-hidden)');
    await organizer.waitForLoadState();
    assert.match(await organizer.textContent('main'), /助力重点产业创新/, 'the preview shows the section tree');
    await organizer.click('button[name="intent"][value="save"]');
    await organizer.waitForURL(/\/rounds\/[0-9A-Z]+\?/);
    const roundPath = new URL(organizer.url()).pathname;

    await organizer.goto(`${roundPath}/open`);
    await expectAccessible(organizer);
    await organizer.click('main form button[type="submit"]:not([formaction])');
    await organizer.waitForURL(/done=opened/);
    await organizer.goto(`${roundPath}/audience`);
    await expectAccessible(organizer);
    assert.match(await organizer.textContent('main'), /政协委员|提案人/, 'the audience preview counts the proposers');
    await organizer.click(`main form[action="${roundPath}/invitations"] button[type="submit"]`);
    await organizer.waitForURL(/done=invited/);
    await expectAccessible(organizer);
    const heardBefore = await boardCount(organizer, 'heard');

    const invitation = await latestMail(INVITEE, new RegExp(title));
    const link = /https?:\/\/[^\s"<]+\/f\/[\w-]+/.exec(invitation.text)?.[0];
    assert.ok(link, 'the invitation holds a personal link');

    const phone = await newPage(browser, PHONE);
    await phone.goto(link);
    await expectAccessible(phone);
    // A long draft folds into its headings: open a section to comment on it, as a reader does.
    const sections = phone.locator('main details.fb-section');
    assert.ok((await sections.count()) >= 7);
    const boxes = [sections.nth(0).locator('textarea'), sections.nth(6).locator('textarea')];
    for (const index of [0, 6]) {
      if (!(await sections.nth(index).evaluate((d) => d.open))) await sections.nth(index).locator('summary').click();
    }
    await boxes[0].fill('建议明确硅巷四至范围的具体边界。');
    await boxes[1].fill('建议增加对青年创业者的场地补贴。');
    await phone.click('main button[name="action"][value="save"]');
    await phone.waitForLoadState();

    // Leave and come back later: what was typed is still there.
    await phone.goto('about:blank');
    await phone.goto(link);
    assert.equal(await boxes[0].inputValue(), '建议明确硅巷四至范围的具体边界。');
    assert.equal(await boxes[1].inputValue(), '建议增加对青年创业者的场地补贴。');
    await boxes[1].fill('建议增加对青年创业者的场地补贴和人才公寓。');
    await phone.check('main input[name="stance"][value="amend"]');
    await phone.click('main button[name="action"][value="submit"]');
    await phone.waitForLoadState();
    await expectAccessible(phone);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the feedback page is ${overflow}px wider than a phone`);

    const copy = await latestMail(INVITEE, new RegExp(`${title}.*副本|副本.*${title}`));
    assert.match(copy.text, /人才公寓/, 'the copy holds the edited comment');
    assert.match(copy.text, /四至范围/);

    await organizer.goto(roundPath);
    assert.equal(await boardCount(organizer, 'heard'), heardBefore + 1);
    assert.match(await organizer.textContent('main'), /人才公寓/, 'the opinion is listed by section');
    await phone.context().close();
    await organizer.context().close();
  });
});
