// Answering every opinion: an organizer triages ten opinions of a closed round with the keyboard alone (Tab, Space,
// Enter), publishes the results, and anyone opens the public page on a phone; the author gets an email.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, PHONE, expectAccessible, latestMail, launchBrowser, newPage, signIn } from './browser.mjs';

const draft = readFileSync(new URL('../fixtures/draft-action-plan.md', import.meta.url), 'utf8');
const AUTHOR = 'lin.xiaowen@example.com';

const OPINIONS = [
  '园区周边停车难，建议增加停车位。',
  '停车位不足，企业员工停车难，希望增设停车位。',
  '建议解决园区停车难问题，增加公共停车位。',
  '建议加快人才公寓建设，解决青年人才住房问题。',
  '建议对人工智能初创企业给予房租补贴。',
  '建议明确硅巷四至范围的具体边界。',
  '建议延长征求意见期限至三十天。',
  '建议增加对青年创业者的场地补贴。',
  '建议每季度召开一次早餐会通报进展。',
  '建议在方案中写明各项任务的牵头单位。',
];

/** JSON API calls with the signed-in organizer's session (JSON posts need no form origin). */
async function api(page, method, path, data) {
  const res = await page.request.fetch(path, { method, data, headers: { 'content-type': 'application/json' } });
  assert.ok(res.ok(), `${method} ${path} answered ${res.status()}: ${await res.text()}`);
  return res.json();
}

async function count(page, disposition) {
  return Number(await page.textContent(`.triage-counts a[data-disposition="${disposition}"] strong`));
}

/** Ticks `n` opinions from the focused checkbox on: Space ticks, Tab twice moves past the row's link to the next box. */
async function tickWithKeyboard(page, n) {
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
  }
}

describe('triage and publication', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('ten opinions triaged with the keyboard, published, read on a phone', async () => {
    const organizer = await newPage(browser, DESKTOP);
    // The admin (an organizer and more): the organizer's address is used up by the per-address sign-in limit in the other specs.
    await signIn(organizer, 'admin@example.gov.cn', { checkA11y: false });

    // A round with ten opinions heard offline, closed: through the JSON API with the organizer's session.
    const now = new Date();
    const round = await api(organizer, 'POST', '/api/v1/rounds', {
      title: `意见处理演练 ${Date.now()}`,
      draft,
      opensAt: now.toISOString(),
      closesAt: new Date(now.getTime() + 40 * 86400_000).toISOString(),
      audience: { categories: [], tags: [] },
    });
    await api(organizer, 'POST', `/api/v1/rounds/${round.id}/open`, {});
    const found = await api(organizer, 'GET', `/api/v1/stakeholders?q=${encodeURIComponent(AUTHOR)}`);
    const author = found.items.find((s) => s.email === AUTHOR);
    assert.ok(author, 'the demo directory holds the author');
    const section = round.sections.find((s) => s.depth >= 2) ?? round.sections[0];
    for (const [i, text] of OPINIONS.entries()) {
      const who = i === 0 ? { stakeholderId: author.id } : { name: `周敏${i}`, organization: `测试单位${i}` };
      await api(organizer, 'POST', `/api/v1/rounds/${round.id}/opinions`, { ...who, channel: 'phone', heardAt: now.toISOString(), sectionId: i % 2 ? section.id : 'whole', text });
    }
    await api(organizer, 'POST', `/api/v1/rounds/${round.id}/close`, {});

    await organizer.goto(`/rounds/${round.id}/triage`);
    await expectAccessible(organizer);
    assert.equal(await count(organizer, 'pending'), 10);

    // First six: adopted, no reply needed.
    await organizer.focus('.triage-check');
    await tickWithKeyboard(organizer, 6);
    await organizer.focus('#disposition');
    await organizer.keyboard.press('ArrowDown'); // — → 待处理
    await organizer.keyboard.press('ArrowDown'); // → 采纳
    assert.equal(await organizer.inputValue('#disposition'), 'adopted');
    await organizer.focus('.triage-bulk button[type="submit"]');
    await organizer.keyboard.press('Enter');
    await organizer.waitForURL(/updated=6/);
    await expectAccessible(organizer);
    assert.equal(await count(organizer, 'adopted'), 6);

    // The remaining four: 留作参考 with a typed reply; a missing reply is refused first and nothing changes.
    await organizer.goto(`/rounds/${round.id}/triage?disposition=pending`);
    assert.equal(await organizer.locator('.triage-check').count(), 4);
    await organizer.focus('.triage-check');
    await tickWithKeyboard(organizer, 4);
    await organizer.focus('#disposition');
    for (let i = 0; i < 5; i++) await organizer.keyboard.press('ArrowDown');
    assert.equal(await organizer.inputValue('#disposition'), 'noted');
    await organizer.focus('.triage-bulk button[type="submit"]');
    await organizer.keyboard.press('Enter');
    await organizer.waitForLoadState();
    assert.match(await organizer.textContent('.error-summary'), /留作参考/);
    await expectAccessible(organizer);
    assert.equal(await organizer.locator('.triage-check:checked').count(), 4, 'the selection survives the refusal');
    await organizer.focus('#reply');
    await organizer.keyboard.type('留作参考，将在后续工作中研究。');
    await organizer.focus('.triage-bulk button[type="submit"]');
    await organizer.keyboard.press('Enter');
    await organizer.waitForURL(/updated=4/);
    await organizer.goto(`/rounds/${round.id}/triage`);
    assert.equal(await count(organizer, 'pending'), 0);
    assert.equal(await count(organizer, 'noted'), 4);

    // Grouping shows the three parking opinions together.
    await organizer.goto(`/rounds/${round.id}/triage?group=1`);
    await expectAccessible(organizer);
    assert.match(await organizer.textContent('.triage-group__head'), /3/);

    // The triage page holds at phone width too.
    await organizer.setViewportSize(PHONE);
    await organizer.goto(`/rounds/${round.id}/triage`);
    await expectAccessible(organizer);
    const triageOverflow = await organizer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(triageOverflow <= 1, `the triage page is ${triageOverflow}px wider than a phone`);
    await organizer.setViewportSize(DESKTOP);

    await organizer.goto(`/rounds/${round.id}/publish`);
    await expectAccessible(organizer);
    await organizer.fill('textarea[name="revisedDraft"]', '修改稿：第五条增加停车设施与人才公寓内容。');
    await organizer.click('main form[action$="/publish"] button[type="submit"]');
    // Publishing asks first, saying how many authors will be emailed.
    await organizer.waitForSelector('main .confirm-consequences');
    assert.match(await organizer.textContent('main'), /将向 \d+ 位提出意见的人各发送一封邮件/);
    await expectAccessible(organizer);
    await organizer.click('main form[action$="/publish"] button[type="submit"]');
    await organizer.waitForURL(/done=published/);
    await expectAccessible(organizer);

    const phone = await newPage(browser, PHONE);
    await phone.goto(`/p/${round.id}`);
    await expectAccessible(phone);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the public page is ${overflow}px wider than a phone`);
    const text = await phone.textContent('main');
    assert.match(text, /修改稿：第五条增加停车设施与人才公寓内容。/);
    assert.match(text, /留作参考，将在后续工作中研究。/);
    assert.match(text, /测试单位3/);
    assert.doesNotMatch(text, /周敏/, 'offline authors are shown by unit only');

    const mail = await latestMail(AUTHOR, /意见处理结果/);
    assert.match(mail.text, new RegExp(`/p/${round.id}`));
    assert.match(mail.text, /采纳/);
    await phone.context().close();
    await organizer.context().close();
  });
});
