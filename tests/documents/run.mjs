// Checked by a real reader: every DOCX and XLSX the hub generates is converted to PDF by LibreOffice, and the PDFs
// are read back with poppler (pdftotext, pdfinfo). Runs against ROUNDTABLE_URL (tests/browser/run.mjs passes the
// hub it started), or starts a hub of its own: `node --test tests/documents/run.mjs`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync } from 'fflate';

const own = process.env.ROUNDTABLE_URL ? null : await (await import('../browser/hub.mjs')).startHub();
if (own) process.env.ROUNDTABLE_URL = own.baseUrl;
const { DESKTOP, launchBrowser, newPage, signIn } = await import('../browser/browser.mjs');

const work = mkdtempSync(join(tmpdir(), 'roundtable-documents-'));
/** A4 landscape is 842 pt wide; a table that prints one page wide never needs a second page across. */
const LANDSCAPE_WIDTH = 842;

/** Converts one file with LibreOffice, headless, into `work`; returns the PDF's path. */
function toPdf(file) {
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(work, 'profile')}`, '--convert-to', 'pdf', '--outdir', work, file], { stdio: 'pipe', timeout: 180_000 });
  return file.replace(/\.(docx|xlsx)$/, '.pdf');
}

function pages(pdf) {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const [, width] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info) ?? [];
  // pdftotext separates pages with a form feed.
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, count);
  return { count, width: Number(width), text };
}

const squeeze = (text) => text.replace(/\s+/g, '');
const lines = (page) => page.split('\n').filter((l) => l.trim()).length;

let browser;
let request;
let round;
let figures;
let meeting;

before(async () => {
  browser = await launchBrowser();
  const page = await newPage(browser, DESKTOP);
  // The browser specs have already signed the organizer in five times, the per-address limit in 15 minutes.
  await signIn(page, 'admin@example.gov.cn', { checkA11y: false });
  request = page.request;
  const rounds = (await (await request.get('/api/v1/rounds')).json()).items;
  // The round with an audience and the most opinions: the one whose documents say the most. (Rounds the browser
  // specs made may have opinions but nobody invited, and no 反馈率 to state.)
  let best = null;
  for (const r of rounds.filter((r) => r.status !== 'draft')) {
    const summary = await (await request.get(`/api/v1/rounds/${r.id}/summary`)).json();
    if (summary.invited > 0 && (!best || summary.opinionsTotal > best.summary.opinionsTotal)) best = { round: r, summary };
  }
  assert.ok(best && best.summary.opinionsTotal > 0, 'the demo data holds a round with opinions');
  round = best.round;
  figures = best.summary;
  meeting = (await (await request.get('/api/v1/meetings')).json()).items[0];
  assert.ok(meeting, 'the demo data holds a meeting');
});

after(async () => {
  await browser?.close();
  own?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function download(path, name) {
  const res = await request.get(path);
  assert.equal(res.status(), 200, `${path} answers 200`);
  const file = join(work, name);
  writeFileSync(file, await res.body());
  return file;
}

describe('documents read by LibreOffice', () => {
  it('the summary DOCX converts, states the 反馈 count and 反馈率 of the API, and ends on a page with more than its number', async () => {
    const pdf = pages(toPdf(await download(`/rounds/${round.id}/summary.docx`, 'summary.docx')));
    assert.ok(pdf.count >= 2, 'the summary and the 意见采纳情况表 on pages of their own');
    const text = squeeze(pdf.text.join(''));
    const rate = `${(Math.round((figures.heardInvited / figures.invited) * 1000) / 10).toFixed(1)}%`;
    assert.ok(text.includes(`已反馈${figures.heardInvited}个，反馈率${rate}`), `the PDF states 已反馈${figures.heardInvited}个 and 反馈率${rate}`);
    assert.ok(text.includes(`收到意见${figures.opinionCounts.total}条`), 'the PDF states the opinions received');
    for (const page of pdf.text) assert.ok(lines(page) > 2, 'no page holds only a page number and a stray line');
  });

  it('the reply letter converts, answers the opinions and keeps its last lines off an otherwise empty page', async () => {
    const pdf = pages(toPdf(await download(`/rounds/${round.id}/reply-letter.docx`, 'reply.docx')));
    const text = squeeze(pdf.text.join(''));
    assert.ok(text.includes('各有关单位：'));
    assert.ok(text.includes('答复及理由'), 'each opinion comes with its reply');
    assert.ok(text.includes('联系电话'), 'the contact block is there');
    assert.ok(lines(pdf.text.at(-1)) > 3, `the last page holds more than a couple of lines:\n${pdf.text.at(-1)}`);
    assert.match(pdf.text[0], /—\s*1\s*—/, 'pages are numbered "— 1 —"');
  });

  it('every per-stakeholder letter in the ZIP converts', async () => {
    const zip = await download(`/rounds/${round.id}/reply-letters.zip`, 'letters.zip');
    // Read with fflate rather than unzip(1), whose file names depend on the machine's locale.
    const entries = Object.entries(unzipSync(readFileSync(zip)));
    assert.ok(entries.length >= 2, 'a letter to all and at least one to a stakeholder');
    for (const [index, [name, bytes]] of entries.slice(0, 3).entries()) {
      const file = join(work, `letter-${index}.docx`);
      writeFileSync(file, bytes);
      assert.ok(pages(toPdf(file)).count >= 1, `${name} converts`);
    }
  });

  it('the summary XLSX prints its 意见采纳情况表 one page wide, every page with all column headers', async () => {
    const pdf = pages(toPdf(await download(`/rounds/${round.id}/summary.xlsx`, 'summary.xlsx')));
    assert.ok(pdf.width >= LANDSCAPE_WIDTH - 1, 'landscape A4');
    const table = pdf.text.filter((p) => squeeze(p).includes('意见采纳情况表') || squeeze(p).includes('理由说明'));
    assert.ok(table.length >= 1, 'the table prints');
    for (const page of table) for (const header of ['序号', '意见内容', '提出单位/人', '处理情况', '理由说明']) assert.ok(squeeze(page).includes(header), `each page of the table carries ${header}`);
  });

  it('the 签到表 and the attendance XLSX convert with their titles and columns', async () => {
    const sheet = squeeze(pages(toPdf(await download(`/meetings/${meeting.id}/sign-in-sheet.xlsx`, 'sign-in.xlsx'))).text.join(''));
    for (const header of ['序号', '姓名', '单位', '职务', '联系电话', '签名']) assert.ok(sheet.includes(header), `the 签到表 has ${header}`);
    assert.ok(sheet.includes('签到表'));
    const attendance = pages(toPdf(await download(`/meetings/${meeting.id}/attendance.xlsx`, 'attendance.xlsx')));
    assert.ok(squeeze(attendance.text.join('')).includes('参会名单'));
  });
});
