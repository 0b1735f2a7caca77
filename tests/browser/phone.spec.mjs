// A stakeholder in WeChat's Android browser at 360 px: the feedback page, the RSVP page and the open link, each
// loaded from our host alone, with at most 3 stylesheet and script requests, no tap target under 24×24 px and no
// sideways scrolling; autosave stays in view while typing and says so when the network is gone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, DESKTOP, PHONE, expectAccessible, expectStandardsMode, launchBrowser, newPage, signIn } from './browser.mjs';

/** WeChat 8 on Android, as its WebView (XWeb) names itself. */
const WECHAT_ANDROID =
  'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/1110005 MMWEBSDK/20231002 MMWEBID/4444 MicroMessenger/8.0.43.2480(0x28002B37) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const OUR_HOST = new URL(BASE_URL).host;
const ASSET_REQUESTS_MAX = 3;
const TAP_TARGET_MIN_PX = 24;
const TAP_TARGETS = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, label[for]';

/** A fresh phone (empty cache) that records every request it makes. */
async function weChatPhone(browser) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', baseURL: BASE_URL, userAgent: WECHAT_ANDROID, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => requests.push({ url: request.url(), type: request.resourceType() }));
  return { page, requests };
}

async function mailbox() {
  const res = await fetch(`${BASE_URL}/dev/mail.json`);
  assert.ok(res.ok, '/dev/mail.json answers');
  return res.json();
}

/** The first link of this kind (`/f/`, `/m/`) in the local mailbox whose page passes `usable`. */
async function linkFromMailbox(kind, usable) {
  for (const mail of await mailbox()) {
    const link = new RegExp(`https?://[^\\s"<]+/${kind}/[\\w-]+`).exec(mail.text)?.[0];
    if (link && (await usable(new URL(link).pathname))) return new URL(link).pathname;
  }
  throw new Error(`no usable /${kind}/ link in the local mailbox`);
}

const pageHas = (marker) => async (path) => (await (await fetch(`${BASE_URL}${path}`)).text()).includes(marker);

/** Every check a stakeholder page must pass on the phone, with what failed named. */
async function expectPhoneFriendly(page, requests, label) {
  await expectStandardsMode(page);
  const foreign = requests.filter((r) => /^https?:/.test(r.url) && new URL(r.url).host !== OUR_HOST);
  assert.deepEqual(foreign, [], `${label}: requests to another host`);
  const assets = requests.filter((r) => r.type === 'stylesheet' || r.type === 'script');
  assert.ok(assets.length <= ASSET_REQUESTS_MAX, `${label}: ${assets.length} CSS/JS requests: ${assets.map((r) => r.url).join(', ')}`);

  const small = await page.evaluate(
    ({ selector, min }) =>
      [...document.querySelectorAll(selector)]
        .filter((el) => !el.closest('[aria-hidden="true"]'))
        .map((el) => ({ el, rect: el.getBoundingClientRect() }))
        // Not rendered (a folded section's field, a hidden button) or moved off-screen until focused (the skip link).
        .filter(({ rect }) => rect.width > 1 && rect.height > 1 && rect.right + window.scrollX > 0)
        .filter(({ rect }) => rect.width < min - 0.5 || rect.height < min - 0.5)
        .map(({ el, rect }) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`),
    { selector: TAP_TARGETS, min: TAP_TARGET_MIN_PX },
  );
  assert.deepEqual(small, [], `${label}: tap targets under ${TAP_TARGET_MIN_PX}×${TAP_TARGET_MIN_PX} px`);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `${label}: ${overflow}px wider than the viewport`);
  await expectAccessible(page);
}

describe('a stakeholder in WeChat on a 360 px phone', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('the feedback page: one host, few files, big enough targets, no sideways scroll; autosave in view and honest offline', async () => {
    const path = await linkFromMailbox('f', pageHas('data-autosave'));
    const { page, requests } = await weChatPhone(browser);
    await page.goto(path);
    await expectPhoneFriendly(page, requests, 'feedback page');
    const top = await page.textContent('.fb-top');
    assert.match(top, /截止时间[\s\S]*星期.[\s\S]*北京时间/, 'the deadline names its weekday and Beijing time');
    assert.match(top, /还剩 \d+ 天|明天截止|今天截止/, 'the days left');
    assert.match(await page.textContent('.fb-tools'), /全文共 \d+ 节/);
    assert.match(await page.textContent('main'), /微信内无法直接下载文件/, 'WeChat gets the download hint');
    assert.ok((await page.locator('#stance').boundingBox()).y < (await page.locator('#fb-draft').boundingBox()).y, 'the stance is asked before the draft');

    // Open all sections in place (no reload), then type into one far down the page.
    const sections = page.locator('details.fb-section');
    await page.click('a[data-expand-all]');
    assert.equal(await sections.evaluateAll((all) => all.every((d) => d.open)), true, 'every section is open');
    assert.equal(new URL(page.url()).search, '', 'opening all did not reload the page');
    const box = sections.nth((await sections.count()) - 2).locator('textarea');
    await box.scrollIntoViewIfNeeded();
    await box.fill('建议在实施保障中明确牵头部门。');
    const status = page.locator('#fb-autosave-status');
    await page.waitForFunction(() => /自动保存/.test(document.getElementById('fb-autosave-status').textContent), null, { timeout: 15_000 });
    const inView = async () => {
      const rect = await status.boundingBox();
      return rect && rect.y >= 0 && rect.y + rect.height <= PHONE.height;
    };
    assert.ok(await inView(), 'the autosave status is in view while typing');

    await page.context().setOffline(true);
    await box.fill('建议在实施保障中明确牵头部门和完成时限。');
    await page.waitForFunction(() => /网络已断开/.test(document.getElementById('fb-autosave-status').textContent), null, { timeout: 15_000 });
    assert.doesNotMatch(await status.textContent(), /Failed to fetch/);
    assert.ok(await inView(), 'the offline status is in view too');
    await page.context().setOffline(false);
    await page.waitForFunction(() => /已于 .* 自动保存/.test(document.getElementById('fb-autosave-status').textContent), null, { timeout: 15_000 });
    await page.context().close();
  });

  it('two phones on one blank section: the later save is told, with both texts, and the first text stays', async () => {
    const path = await linkFromMailbox('f', pageHas('data-autosave'));
    const phones = [await weChatPhone(browser), await weChatPhone(browser)];
    for (const { page } of phones) {
      await page.goto(path);
      await page.click('a[data-expand-all]');
    }
    const [a, b] = phones.map(({ page }) => page);
    // A section both phones show blank: it comes with no revision field of its own, the script gives it one.
    const index = await a.locator('details.fb-section textarea').evaluateAll((all) => all.findIndex((t) => t.value === ''));
    assert.ok(index >= 0, 'a blank section');
    const name = await a.locator('details.fb-section textarea').nth(index).getAttribute('name');
    const box = (page) => page.locator(`textarea[name="${name}"]`);
    assert.equal(await a.locator(`input[data-revision-of="${name}"]`).getAttribute('value'), '0');

    await box(a).fill('甲手机：建议增加过渡期。');
    await a.waitForFunction(() => /已于 .* 自动保存/.test(document.getElementById('fb-autosave-status').textContent), null, { timeout: 15_000 });
    await box(b).fill('乙手机：建议删除本条。');
    const conflict = b.locator('.fb-conflict');
    await conflict.waitFor({ timeout: 15_000 });
    assert.equal((await conflict.locator('.fb-conflict__saved').textContent()).trim(), '甲手机：建议增加过渡期。');
    assert.equal(await box(b).inputValue(), '乙手机：建议删除本条。', 'what B typed stays in its field');

    await a.reload();
    assert.equal(await box(a).inputValue(), '甲手机：建议增加过渡期。', 'A’s saved text was not overwritten');
    for (const { page } of phones) await page.context().close();
  });

  it('the RSVP page: one host, few files, big enough targets, no sideways scroll', async () => {
    const path = await linkFromMailbox('m', pageHas('invite.ics'));
    const { page, requests } = await weChatPhone(browser);
    await page.goto(path);
    await expectPhoneFriendly(page, requests, 'RSVP page');
    const ics = await page.locator('a[href$="/invite.ics"]').boundingBox();
    assert.ok(ics.height >= 44, `the calendar link is ${ics.height}px tall`);
    const choice = await page.locator('label[for="answer-attend"]').boundingBox();
    assert.ok(choice.height >= 44, `an answer's label is ${choice.height}px tall`);
    const language = await page.locator('.lang-switch a').boundingBox();
    assert.ok(language.height >= 44, `the language switch is ${language.height}px tall`);
    await page.context().close();
  });

  it('the open link: one host, few files, big enough targets, no sideways scroll', async () => {
    const organizer = await newPage(browser, DESKTOP);
    // The organizer's five sign-ins per 15 minutes go to the other specs.
    await signIn(organizer, 'admin@example.gov.cn', { checkA11y: false });
    await organizer.goto('/rounds');
    await organizer.click('main a:has-text("第二轮征求意见")');
    await organizer.waitForLoadState();
    await organizer.click(`main form[action$="/open-link"] button[type="submit"]`);
    await organizer.waitForLoadState();
    const openLink = await organizer.getAttribute('.open-link__url', 'href');
    assert.ok(openLink, 'the organizer gets an open link');
    await organizer.context().close();

    const { page, requests } = await weChatPhone(browser);
    await page.goto(new URL(openLink).pathname);
    await expectPhoneFriendly(page, requests, 'open link');
    const radio = await page.locator('label[for="stance-mostly_agree"]').boundingBox();
    assert.ok(radio.height >= 44, `a stance's label is ${radio.height}px tall`);
    await page.context().close();
  });
});
