// Every page staff can reach, checked with axe-core: signed in as the demo admin, follow the links of the hub
// (breadth first, GET only, no downloads) and check each page for serious accessibility violations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, PHONE, launchBrowser, newPage, seriousA11yViolations, signIn } from './browser.mjs';

const MAX_PAGES = 60;
const skippedPathRe = /^\/(auth\/sign-out|lang\/|static\/)|\.(csv|xlsx|docx|ics|json|svg)$|\/attachments\//;

describe('accessibility of every page', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ]) {
    it(`has no serious violations on any page reachable by an admin at ${label} width`, async () => {
      const page = await newPage(browser, viewport);
      await signIn(page, 'admin@example.gov.cn');
      const origin = new URL(page.url()).origin;
      const queue = ['/', '/dev/mail'];
      const seen = new Set(queue);
      const failures = [];
      let visited = 0;
      while (queue.length && visited < MAX_PAGES) {
        const path = queue.shift();
        const response = await page.goto(path);
        visited += 1;
        if (!response || response.status() >= 500) {
          failures.push({ path, status: response?.status() });
          continue;
        }
        const violations = await seriousA11yViolations(page);
        if (violations.length) failures.push({ path, violations });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 1) failures.push({ path, overflow });
        const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.href));
        for (const href of hrefs) {
          const url = new URL(href);
          if (url.origin !== origin || skippedPathRe.test(url.pathname)) continue;
          // One page of each kind is enough: ignore paging and filter variants.
          const key = url.pathname;
          if (seen.has(key)) continue;
          seen.add(key);
          queue.push(url.pathname + url.search);
        }
      }
      assert.ok(visited >= 5, `only ${visited} pages were reachable`);
      assert.deepEqual(failures, []);
      await page.context().close();
    });
  }
});
