// Mail into the running hub through wrangler's local email endpoint (/cdn-cgi/local/email, what Email Routing does in
// production): a reply from QQ Mail in GBK to an invitation of the demo's open round becomes a pending item on the
// round's inbound page and in GET /api/v1/inbound; Outlook's Accept to a 早餐会 invitation becomes the RSVP.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fillFixture } from '../fixtures/mail/fill.mjs';
import { BASE_URL, DESKTOP, expectAccessible, launchBrowser, newPage, signIn } from './browser.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url), 'utf8');

/** Hands a raw message to the Worker's email() handler as `curl -X POST …/cdn-cgi/local/email?from=…&to=…` does. */
async function sendToHub(raw, from, to) {
  const url = `${BASE_URL}/cdn-cgi/local/email?${new URLSearchParams({ from, to })}`;
  const res = await fetch(url, { method: 'POST', body: raw });
  const answer = await res.text();
  assert.equal(res.status, 200, `the local email endpoint took the message: ${answer}`);
  assert.match(answer, /^Worker successfully processed email/);
}

let browser;
let staff;

before(async () => {
  browser = await launchBrowser();
  staff = await newPage(browser, DESKTOP);
  // Reading is enough here, and each demo address has five sign-ins per 15 minutes: the other specs use the rest.
  await signIn(staff, 'viewer@example.gov.cn', { checkA11y: false });
});

after(async () => {
  await browser?.close();
});

describe('mail into the local hub', () => {
  it('a QQ Mail reply in GBK to an invitation’s Reply-To becomes a pending item of its round, seen in the API, the inbound page and /dev/mail', async () => {
    const mailbox = await (await fetch(`${BASE_URL}/dev/mail.json`)).json();
    const invitation = mailbox.find((m) => m.replyTo?.startsWith('reply+'));
    assert.ok(invitation, 'the demo data mailed an invitation with its own reply address');
    await sendToHub(fillFixture(fixture('qq-gbk-base64.eml'), { from: invitation.to, to: invitation.replyTo }), invitation.to, invitation.replyTo);

    const { items } = await (await staff.request.get('/api/v1/inbound?status=pending')).json();
    const item = items.find((i) => i.to === invitation.replyTo && i.from === invitation.to);
    assert.ok(item, 'GET /api/v1/inbound lists the reply as pending');
    assert.equal(item.subject, '回复：征求意见');
    assert.ok(item.opinions.some((o) => o.text.includes('建议明确专项资金的申报条件')), 'the GBK body was decoded into an opinion');
    assert.equal(item.authentication.spf, 'pass');

    await staff.goto(`/rounds/${item.roundId}/inbound`);
    await expectAccessible(staff);
    const card = staff.locator(`#item-${item.id}`);
    assert.match(await card.textContent(), /待确认[\s\S]*建议明确专项资金的申报条件/);

    const received = await (await fetch(`${BASE_URL}/dev/mail`)).text();
    assert.match(received, new RegExp(`<tr id="received-${item.id}">[\\s\\S]*?待确认[\\s\\S]*?/rounds/${item.roundId}/inbound#item-${item.id}`));
  });

  it('Outlook’s Accept (an iMIP REPLY) to a 早餐会 invitation’s organizer address records the RSVP', async () => {
    const mailbox = await (await fetch(`${BASE_URL}/dev/mail.json`)).json();
    let chosen = null;
    for (const mail of mailbox.filter((m) => m.attachments.some((a) => a.contentType.startsWith('text/calendar; method=REQUEST')))) {
      const ics = (await (await fetch(`${BASE_URL}/dev/mail/${mail.id}/attachments/0`)).text()).replace(/\r\n[ \t]/g, '');
      const uid = /^UID:(.+)$/m.exec(ics)?.[1]?.trim();
      const organizer = /^ORGANIZER[^\r\n]*mailto:(\S+)/m.exec(ics)?.[1];
      const [, meetingId, attendeeId] = /^(\w+)-(\w+)@roundtable$/.exec(uid ?? '') ?? [];
      if (!meetingId || !organizer) continue;
      const { items } = await (await staff.request.get(`/api/v1/meetings/${meetingId}/attendees`)).json();
      const attendee = items.find((a) => a.id === attendeeId);
      if (attendee?.rsvp === 'pending') {
        chosen = { mail, uid, organizer, meetingId, attendeeId };
        break;
      }
    }
    assert.ok(chosen, 'the demo data mailed a meeting invitation (METHOD:REQUEST) to someone who has not answered');
    const raw = fillFixture(fixture('outlook-imip-reply.eml'), { from: chosen.mail.to, to: chosen.organizer, uid: chosen.uid, partstat: 'ACCEPTED' });
    await sendToHub(raw, chosen.mail.to, chosen.organizer);

    const { items } = await (await staff.request.get(`/api/v1/meetings/${chosen.meetingId}/attendees`)).json();
    assert.ok(['attend', 'waitlist'].includes(items.find((a) => a.id === chosen.attendeeId).rsvp), 'the Accept was recorded (a seat, or the waitlist when full)');
    const received = await (await fetch(`${BASE_URL}/dev/mail`)).text();
    assert.match(received, new RegExp(`日历答复，已记录[\\s\\S]*?/meetings/${chosen.meetingId}"`));
  });
});
