// Shared browser-test helpers: Debian's chromium through playwright-core, the local mailbox, and axe-core.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.ROUNDTABLE_URL ?? 'http://localhost:8787';
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page whose every `goto` also checks standards mode (pages reached by clicking are checked by expectAccessible). */
export async function newPage(browser, viewport, locale = 'zh-CN') {
  const context = await browser.newContext({ viewport, locale, baseURL: BASE_URL });
  const page = await context.newPage();
  const goto = page.goto.bind(page);
  page.goto = async (...args) => {
    const response = await goto(...args);
    if (response?.headers()['content-type']?.startsWith('text/html')) await expectStandardsMode(page);
    return response;
  };
  return page;
}

/** The newest local mailbox message to this address whose subject matches. */
export async function latestMail(to, subjectPattern, { timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${BASE_URL}/dev/mail.json`);
    if (res.ok) {
      const messages = await res.json();
      const found = messages.find((m) => m.to === to && subjectPattern.test(m.subject));
      if (found) return found;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} matching ${subjectPattern} within ${timeoutMs} ms`);
}

/** Runs axe-core in the page (through the DevTools protocol, so the page's CSP does not block it). */
export async function seriousA11yViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Without a doctype a page renders in quirks mode (`BackCompat`), where WeChat's WebViews differ most. */
export async function expectStandardsMode(page) {
  assert.equal(await page.evaluate(() => document.compatMode), 'CSS1Compat', `quirks mode on ${page.url()}`);
}

/** The check of every page a test visits: standards mode, then no serious accessibility violation. */
export async function expectAccessible(page) {
  await expectStandardsMode(page);
  const violations = await seriousA11yViolations(page);
  assert.deepEqual(violations, [], `serious accessibility violations on ${page.url()}`);
}

/** Signs in as a person does: the form, the mail in the local mailbox, the link, the one button. */
export async function signIn(page, email, { checkA11y = true } = {}) {
  await page.goto('/');
  if (checkA11y) await expectAccessible(page);
  await page.fill('input[name="email"]', email);
  const [answer] = await Promise.all([
    page.waitForResponse((res) => res.request().method() === 'POST'),
    page.click('main button[type="submit"]'),
  ]);
  // A refused request (429: the per-address sign-in limit) would leave only an older, used link in the mailbox.
  assert.equal(answer.status(), 200, `sign-in for ${email} was refused with ${answer.status()}`);
  await page.waitForLoadState();
  if (checkA11y) await expectAccessible(page);
  const mail = await latestMail(email, /登录|sign in|sign-in/i);
  // The token rides in the fragment (never in a logged URL); auth-verify.js moves it into the form.
  const link = /https?:\/\/[^\s"<#]+\/auth\/verify[^\s"<#]*#[\w%-]+/.exec(mail.text)?.[0];
  assert.ok(link, 'the sign-in mail holds a link');
  await page.goto(link);
  if (checkA11y) await expectAccessible(page);
  await page.click('main button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/'));
}
