/** Stakeholder pages opened in WeChat's in-app browser, which cannot download files or print: the pages say what to do. */
import { describe, expect, it } from 'vitest';
import { BASE_URL, request, testDeps } from '../helpers';
import { aMeetingWithInvitees } from '../meetings/factories';
import { aRound, anInvitation } from './factories';

/** WeChat 8 on an Android phone, as its WebView (XWeb) announces itself. */
const WECHAT_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/1110005 MMWEBSDK/20231002 MMWEBID/4444 MicroMessenger/8.0.43.2480(0x28002B37) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const HINT = '微信内无法直接下载文件';

const count = (html: string, text: string) => html.split(text).length - 1;

describe('downloads in WeChat', () => {
  it('the feedback page says how to reach the system browser beside the draft download and the offline forms, and offers no print button', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const html = await (await request(link.path, { headers: { 'user-agent': WECHAT_ANDROID } })).text();
    expect(count(html, HINT)).toBe(2);
    expect(html.indexOf(HINT)).toBeGreaterThan(html.indexOf(`${link.path}/draft.docx`));
    expect(html).not.toContain('data-print');
  });

  it('the attachment list carries the hint once a file is attached', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const body = new FormData();
    body.append('action', 'save');
    body.append('attachments', new File([new TextEncoder().encode('%PDF-1.7\n%%EOF\n')], '意见.pdf'));
    expect((await request(link.path, { method: 'POST', body, headers: { origin: BASE_URL } })).status).toBe(303);
    const html = await (await request(link.path, { headers: { 'user-agent': WECHAT_ANDROID } })).text();
    const list = /<section class="panel fb-attachments"[\s\S]*?<\/section>/.exec(html)![0];
    expect(list).toContain(HINT);
  });

  it('the RSVP page says it beside the calendar file, in the page’s language', async () => {
    const { tokens } = await aMeetingWithInvitees(testDeps(), 1);
    const html = await (await request(`/m/${tokens[0]}`, { headers: { 'user-agent': WECHAT_ANDROID } })).text();
    expect(html.indexOf(HINT)).toBeGreaterThan(html.indexOf('/invite.ics'));
    const english = await (await request(`/m/${tokens[0]}`, { headers: { 'user-agent': WECHAT_ANDROID, cookie: 'lang=en' } })).text();
    expect(english).toContain('WeChat cannot download files: tap “···” at the top right, choose “Open in Browser”');
  });

  it('other browsers get neither the hint nor a missing print button', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const html = await (await request(link.path, { headers: { 'user-agent': CHROME_ANDROID } })).text();
    expect(html).not.toContain(HINT);
    expect(html).toContain('data-print');
    const { tokens } = await aMeetingWithInvitees(testDeps(), 1);
    expect(await (await request(`/m/${tokens[0]}`, { headers: { 'user-agent': CHROME_ANDROID } })).text()).not.toContain(HINT);
  });
});
