// Breakfast meetings as people use them: an organizer schedules one and invites a demo stakeholder; the invitee
// answers from the local mailbox link on a 360 px phone; the organizer checks them in by code on a phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, expectAccessible, latestMail, launchBrowser, newPage, signIn } from './browser.mjs';

const INVITEE = 'lin.xiaowen@example.com';

async function expectNoSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `${page.url()} is ${overflow}px wider than the viewport`);
}

/**
 * Tonight at 23:30 in Shanghai, as a datetime-local field takes it: check-in opens on the meeting's day, so the door
 * can check people in today. After 23:00 that would be too close (or past): then tomorrow, when the door must wait.
 */
function laterToday() {
  const shanghai = new Date(Date.now() + 8 * 3600 * 1000);
  if (shanghai.getUTCHours() < 23) return { startsAt: `${shanghai.toISOString().slice(0, 10)}T23:30`, checkInToday: true };
  const tomorrow = new Date(shanghai.getTime() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  return { startsAt: `${tomorrow}T07:30`, checkInToday: false };
}

describe('breakfast meetings', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('schedule, invite, RSVP from the mailbox at 360 px, check in by code on a phone', async () => {
    const series = `早餐会${Date.now().toString(36)}`;
    const organizer = await newPage(browser, DESKTOP);
    await signIn(organizer, 'organizer@example.gov.cn', { checkA11y: false });

    await organizer.goto('/meetings/new');
    await expectAccessible(organizer);
    await organizer.fill('#series', series);
    await organizer.fill('#title', '三年行动方案早餐会');
    const when = laterToday();
    await organizer.fill('#startsAt', when.startsAt);
    await organizer.fill('#venue', '区科协 3 楼会议室');
    await organizer.fill('#directions', '地铁 2 号线中山公园站 3 号口');
    await organizer.fill('#capacity', '5');
    await organizer.click('main form button[type="submit"]');
    await organizer.waitForURL(/\/meetings\/[0-9A-Z]+\?done=created/);
    await expectAccessible(organizer);
    assert.match(await organizer.textContent('main'), new RegExp(`${series}第1期`));
    const meetingPath = new URL(organizer.url()).pathname;

    await organizer.goto(`${meetingPath}/invite`);
    await expectAccessible(organizer);
    // Hand-picking searches the directory and adds from the results: no multi-select list of thousands.
    await organizer.fill('#pickQuery', '林晓雯');
    await organizer.click('#audience-picker button[name="pickSearch"]');
    await organizer.waitForSelector('#audience-picker button[name="pickAdd"]');
    await expectAccessible(organizer);
    // The specs before this one import directory files with namesakes: the address tells them apart.
    await organizer.locator('#audience-picker li', { hasText: INVITEE }).locator('button[name="pickAdd"]').click();
    await organizer.waitForSelector('#audience-picker input[name="stakeholderIds"]', { state: 'attached' });
    assert.match(await organizer.textContent('#audience-picker'), /已指定 1 人/);
    await organizer.click('main form > .button-row button[type="submit"]');
    await organizer.waitForURL(/done=invited/);
    assert.match(await organizer.textContent('main'), /林晓雯/);

    const mail = await latestMail(INVITEE, new RegExp(series));
    // wrangler.toml sets INBOUND_DOMAIN: the event asks for an answer, addressed to the invitee's own organizer address.
    assert.ok(mail.attachments.some((a) => a.contentType.startsWith('text/calendar; method=REQUEST')), 'the invitation carries a calendar file');
    const ics = await (await fetch(`${BASE_URL}/dev/mail/${mail.id}/attachments/0`)).text();
    assert.match(ics.replace(/\r\n[ \t]/g, ''), /BEGIN:VCALENDAR[\s\S]*METHOD:REQUEST[\s\S]*ORGANIZER[^\r\n]*mailto:meeting\+m1-/);
    const link = /https?:\/\/[^\s"<]+\/m\/[\w-]+/.exec(mail.text)?.[0];
    assert.ok(link, 'the invitation holds a personal RSVP link');

    const invitee = await newPage(browser, PHONE);
    await invitee.goto(link);
    await expectAccessible(invitee);
    await expectNoSidewaysScroll(invitee);
    await invitee.check('#answer-attend');
    await invitee.fill('#note', '素食');
    await invitee.click('main form[action^="/m/"] button[type="submit"]');
    await invitee.waitForURL(/done=attend/);
    await expectAccessible(invitee);
    await expectNoSidewaysScroll(invitee);
    const code = (await invitee.textContent('.check-in-card__code')).trim();
    assert.match(code, /^[2-9A-HJKMNP-Z]{6}$/);
    assert.equal(await invitee.locator('.check-in-card__qr svg').count(), 1, 'the RSVP page shows a QR code');

    const door = await newPage(browser, PHONE);
    await signIn(door, 'organizer@example.gov.cn', { checkA11y: false });
    await door.goto(`${meetingPath}/check-in`);
    await expectAccessible(door);
    if (when.checkInToday) {
      await door.fill('#code', code.toLowerCase());
      await door.click('.check-in-form button[type="submit"]');
      await door.waitForLoadState();
      assert.match(await door.textContent('main'), /林晓雯 签到成功/);
      await door.fill('#code', code);
      await door.click('.check-in-form button[type="submit"]');
      await door.waitForLoadState();
      assert.match(await door.textContent('main'), /林晓雯 已于 \d{2}:\d{2} 签到/);
    } else {
      assert.match(await door.textContent('main'), /签到在会议当天/);
    }
    await expectAccessible(door);
    await expectNoSidewaysScroll(door);

    for (const path of [meetingPath, `${meetingPath}/edit`, `${meetingPath}/minutes`, `${meetingPath}/sign-in-sheet`, '/meetings']) {
      await door.goto(path);
      await expectAccessible(door);
      await expectNoSidewaysScroll(door);
    }
    assert.match(await (await door.goto(meetingPath)).text(), /已签到/);
    for (const page of [organizer, invitee, door]) await page.context().close();
  });
});
