import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { invitations } from '../../src/db/schema';
import { randomToken, sha256Hex } from '../../src/lib/tokens';
import { bearerFor, request, signedInAs } from '../helpers';
import { aHandCountedRound, anOpinion, unzip } from './factories';

const DANGEROUS = ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

/** The hand-counted round with one more opinion per dangerous prefix, on the whole draft. */
async function roundWithPayloads() {
  const fixture = await aHandCountedRound();
  for (const text of DANGEROUS) await anOpinion(fixture.deps, fixture.id, { text, reply: text, authorOrganization: '=cmd|evil', heardAt: new Date('2026-03-19T00:00:00Z') });
  return fixture;
}

async function download(path: string) {
  const { cookie } = await signedInAs('viewer');
  const res = await request(path, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res;
}

describe('the CSV download', () => {
  it('is UTF-8 with BOM and CRLF, quotes commas, quotes and newlines, and neutralizes every formula prefix', async () => {
    const { id } = await roundWithPayloads();
    const res = await download(`/rounds/${id}/summary.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="summary-[0-9A-Z]+-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^上海硅巷三年行动方案-意见采纳情况汇总-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe('序号,章节/条款,意见内容,提出单位/人,渠道,采纳情况,理由/说明');
    expect(text).toContain('"希望增加""人才公寓"",并且\n加快审批"');

    const rows = Papa.parse<string[]>(text, { newline: '\r\n' }).data.filter((r) => r.length > 1);
    expect(rows).toHaveLength(1 + 7 + DANGEROUS.length);
    const payloadRows = rows.filter((r) => r[3]?.includes('evil'));
    expect(payloadRows.map((r) => r[2]).sort()).toEqual(DANGEROUS.map((d) => `'${d}`).sort());
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const adopted = rows.find((r) => r[2] === '建议明确硅巷四至范围')!;
    expect(adopted).toEqual([expect.any(String), '一 总体要求', '建议明确硅巷四至范围', '民盟长宁区委 潘瑾', '个人链接', '采纳', '已采纳，见修改稿第一条']);
  });
});

/** A worksheet's rows as the texts of their string cells, shared (t="s") or inline (t="inlineStr", the streamed rows). */
function sheetTexts(files: Record<string, string>, sheet: string): string[][] {
  const strings = [...files['xl/sharedStrings.xml']!.matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1]!);
  return [...files[sheet]!.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)].map((m) =>
    [...m[2]!.matchAll(/<c [^>]*?t="(s|inlineStr)"[^>]*>(?:<v>(\d+)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)].map((c) => (c[1] === 's' ? strings[Number(c[2])]! : c[3]!)),
  );
}

describe('the XLSX download', () => {
  it('has the three sheets in Chinese, strings and no formulas, neutralized payloads, widths and a frozen header', async () => {
    const { id } = await roundWithPayloads();
    const res = await download(`/rounds/${id}/summary.xlsx`);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/\.xlsx$/);
    const files = unzip(await res.arrayBuffer());
    const workbook = files['xl/workbook.xml']!;
    for (const name of ['意见采纳情况表', '征求对象及反馈情况', '统计']) expect(workbook).toContain(`name="${name}"`);
    // Labels and the small sheets are shared strings; the opinions' rows, streamed, are inline strings.
    const shared = files['xl/sharedStrings.xml']!;
    for (const text of ['序号', '章节/条款', '理由说明', '潘瑾', '华阳路街道', '已反馈', '反馈率']) expect(shared).toContain(text);
    const opinionSheet = files['xl/worksheets/sheet1.xml']!;
    for (const text of ['建议明确硅巷四至范围', '已采纳，见修改稿第一条']) expect(opinionSheet).toContain(text);
    const escaped = (text: string) => text.replaceAll('"', '&quot;').replace('\r', '&#13;');
    for (const payload of [...DANGEROUS, '=cmd|evil']) expect(opinionSheet).toContain(`<t xml:space="preserve">'${escaped(payload)}`);
    for (const xml of [shared, opinionSheet]) expect(xml).not.toMatch(/<t[^>]*>([=+\-@\t\r]|&#13;)/);
    const sheets = Object.keys(files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    expect(sheets).toHaveLength(3);
    for (const name of sheets) {
      const xml = files[name]!;
      expect(xml).not.toMatch(/<f[ >]/);
      expect(xml).toMatch(/<pane [^>]*ySplit="\d+"[^>]*state="frozen"/);
      expect(xml).toContain('<col ');
      // Every text cell is a string cell (shared or inline), never a formula or a bare value.
      expect(xml).not.toMatch(/<c [^>]*t="(str|e)"/);
    }
    expect(opinionSheet).toContain('t="s"');
    expect(opinionSheet).toContain('t="inlineStr"');
  });
});

describe('the DOCX download', () => {
  it('is a filed document with the title, the counts, the table headers and the eastAsia fonts; payloads are plain text', async () => {
    const { id } = await roundWithPayloads();
    const res = await download(`/rounds/${id}/summary.docx`);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const files = unzip(await res.arrayBuffer());
    const xml = files['word/document.xml']!;
    expect(xml).toContain('上海硅巷三年行动方案：意见采纳情况汇总');
    expect(xml).toContain('共邀请征求对象6个，已反馈5个，反馈率83.3%；共听取7个单位或个人的意见');
    expect(xml).toContain('收到意见13条。');
    for (const header of ['序号', '章节/条款', '意见内容', '提出单位/人', '处理情况', '理由说明']) expect(xml).toContain(`>${header}</w:t>`);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('<w:tblHeader');
    expect(xml).toContain('=HYPERLINK(&quot;http://evil.example&quot;');
    expect(xml).not.toMatch(/<w:fldSimple|<w:instrText/);
    // GB/T 9704: the reply letter's margins (37/35/28/26 mm), fixed 22-line spacing and "— 1 —" page numbers.
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:line="579" w:lineRule="exact"');
    expect(xml).toContain('一、总体情况');
    expect(xml).toContain('联系人姓名：');
    expect(Object.entries(files).some(([name, part]) => name.startsWith('word/footer') && part.includes('— '))).toBe(true);
  });
});

describe('the 意见采纳情况表', () => {
  it('in the XLSX has a title, 征求时间/征求对象/反馈情况, the six columns, authors as published, and prints landscape one page wide with the header repeated', async () => {
    const { id } = await aHandCountedRound();
    const files = unzip(await (await download(`/rounds/${id}/summary.xlsx`)).arrayBuffer());
    const sheet = files['xl/worksheets/sheet1.xml']!;
    const rowTexts = sheetTexts(files, 'xl/worksheets/sheet1.xml');
    expect(rowTexts[0]).toEqual(['上海硅巷三年行动方案意见采纳情况表']);
    expect(rowTexts[1]![0]).toMatch(/^征求时间：2026年3月17日至2026年4月20日$/);
    expect(rowTexts[2]).toEqual(['征求对象：政协委员/提案人、街道、委办局、企业，共6个']);
    expect(rowTexts[3]![0]).toContain('反馈情况：共邀请征求对象6个，已反馈5个，反馈率83.3%');
    expect(rowTexts[4]).toEqual(['序号', '章节/条款', '意见内容', '提出单位/人', '处理情况', '理由说明']);
    // Online authors as they chose to be published (name and unit); opinions heard offline by unit only.
    expect(rowTexts.find((r) => r.includes('建议明确硅巷四至范围'))).toEqual(['1', '一 总体要求', '建议明确硅巷四至范围', '潘瑾（民盟长宁区委）', '采纳', '已采纳，见修改稿第一条']);
    expect(rowTexts.find((r) => r.includes('电话中提出：加快成果转化'))![3]).toBe('区审计局');
    expect(sheet).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(sheet).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(sheet).toMatch(/<pane ySplit="5" topLeftCell="A6" [^>]*state="frozen"/);
    expect(sheet).toContain('<mergeCell ref="A1:F1"/>');
    expect(files['xl/workbook.xml']).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'意见采纳情况表'!$5:$5</definedName>`);
    expect(files['xl/styles.xml']).toContain('<left style="thin">');
  });

  it('in the DOCX sits on landscape pages of its own, titled, with its header repeated on every page', async () => {
    const { id } = await aHandCountedRound();
    const xml = unzip(await (await download(`/rounds/${id}/summary.docx`)).arrayBuffer())['word/document.xml']!;
    const text = xml.replace(/(<[^>]+>)+/g, '|');
    expect(text).toContain('|上海硅巷三年行动方案意见采纳情况表|征求时间：2026年3月17日至2026年4月20日|征求对象：政协委员/提案人、街道、委办局、企业，共6个|反馈情况：');
    expect(text).toContain('|1|一 总体要求|建议明确硅巷四至范围|潘瑾（民盟长宁区委）|采纳|已采纳，见修改稿第一条|');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toContain('<w:tblHeader');
  });
});

describe('who may download', () => {
  const paths = (id: string) => [`/rounds/${id}/summary.csv`, `/rounds/${id}/summary.xlsx`, `/rounds/${id}/summary.docx`, `/rounds/${id}/reply-letter.docx`];

  it('lets a viewer with a bearer token download every file', async () => {
    const { id } = await aHandCountedRound();
    const { authorization } = await bearerFor('viewer');
    for (const path of paths(id)) expect((await request(path, { headers: { authorization } })).status).toBe(200);
  });

  it('sends anonymous callers to sign in, and a stakeholder with a personal link gets nothing from it', async () => {
    const { deps, id, people } = await aHandCountedRound();
    const token = randomToken();
    await deps.db.update(invitations).set({ tokenHash: await sha256Hex(token) }).where(eq(invitations.id, people.panJin.invitationId));
    const link = await request(`/f/${token}`);
    expect(link.status).toBe(200);
    expect(await link.text()).not.toContain('summary.');
    for (const path of paths(id)) {
      const anonymous = await request(path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toMatch(/^\/auth\/sign-in\?next=/);
      const withLinkToken = await request(path, { headers: { authorization: `Bearer ${token}` } });
      expect(withLinkToken.status).toBe(303);
      expect(withLinkToken.headers.get('content-disposition')).toBeNull();
    }
  });
});
