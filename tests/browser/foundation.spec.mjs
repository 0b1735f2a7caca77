// The foundation as a person uses it: sign in through the local mailbox, import the GBK file, find and edit a
// stakeholder — on a phone (360 px) and at desktop width — with an accessibility check on every page visited.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DESKTOP, PHONE, expectAccessible, launchBrowser, newPage, signIn } from './browser.mjs';

const gbkCsv = fileURLToPath(new URL('../fixtures/stakeholders-gbk.csv', import.meta.url));

/** The GBK demo file with addresses of their own, so that each run creates people (bytes kept: ASCII is one byte in GBK). */
function gbkFileFor(label) {
  const bytes = readFileSync(gbkCsv).toString('latin1').replaceAll('@example.com', `@${label}.example.com`);
  const path = join(mkdtempSync(join(tmpdir(), 'roundtable-gbk-')), `stakeholders-${label}.csv`);
  writeFileSync(path, Buffer.from(bytes, 'latin1'));
  return path;
}

for (const [label, viewport] of [
  ['phone', PHONE],
  ['desktop', DESKTOP],
]) {
  describe(`foundation at ${label} width`, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
    });

    it('signs in through the local mailbox, imports the GBK file, finds and edits a stakeholder', async () => {
      const page = await newPage(browser, viewport);
      await signIn(page, 'organizer@example.gov.cn');
      assert.match(await page.textContent('body'), /征求对象/);

      await page.goto('/stakeholders/import');
      await expectAccessible(page);
      await page.setInputFiles('input[type="file"]', gbkFileFor(label));
      await page.click('main form button[type="submit"]');
      await page.waitForLoadState();
      await expectAccessible(page);
      assert.match(await page.textContent('main'), /陈海燕/, 'the preview lists the people of the GBK file');
      await page.click('main form[action*="import"] button[type="submit"]:not([name="cancel"])');
      await page.waitForLoadState();

      await page.goto('/stakeholders');
      await expectAccessible(page);
      await page.fill('input[name="q"]', '华阳路');
      await page.press('input[name="q"]', 'Enter');
      await page.waitForLoadState();
      const body = await page.textContent('main');
      assert.match(body, /陈海燕/);
      assert.doesNotMatch(body, /王建国/, 'search narrows the list');

      await page.click('main a:has-text("陈海燕")');
      await page.waitForLoadState();
      await expectAccessible(page);
      await page.click(`main a[href$="/edit"]`);
      await page.waitForLoadState();
      await expectAccessible(page);
      const newTitle = `党工委书记（${label}）`;
      await page.fill('input[name="title"]', newTitle);
      await page.click('main form button[type="submit"]');
      await page.waitForLoadState();
      assert.match(await page.textContent('main'), new RegExp(newTitle.replace(/[()（）]/g, '.')));

      // Nothing overflows sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`);
      await page.context().close();
    });
  });
}
